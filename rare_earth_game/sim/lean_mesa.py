"""Mesa, imported without the parts of it the engine never uses.

Mesa's package init imports its grids, its experimental modules and, through their
continuous space, scipy.spatial: about half a second of every start (`run`, a replay, a
batch worker, the window) for spaces a supply chain has no use for. The engine needs only
`mesa.Model` and `mesa.Agent`. So before Mesa is first imported, those subpackages are
registered as modules that load the first time anything is asked of them: code that uses
them (a researcher's own model, say) gets them whole, a moment later.

And Mesa's logging names loggers after the module and class that make them, found with
`inspect`'s stack functions, which read the source of every frame on the stack and search
all loaded modules for each frame of the import machinery: 0.1-0.15 s of a `run`, which
has a thousand modules loaded by the time Mesa comes in. While Mesa loads, its logging
module sees a stand-in for `inspect` that reads the same names from the frames alone.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import inspect
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager

UNUSED = ("experimental", "discrete_space", "space")
"""Mesa's subpackages the engine does not use, and that its package init imports."""


class _LoadedOnFirstUse(types.ModuleType):
    """A module whose code runs when the first attribute it does not yet have is asked
    for (its name, path and spec are there from the start, so importing it, or one of
    its submodules, does not run it)."""

    def __getattr__(self, name: str) -> object:
        self.__class__ = types.ModuleType  # type: ignore[assignment]  # an ordinary module now
        loader = self.__spec__.loader if self.__spec__ is not None else None
        assert loader is not None, "registered from a spec with a loader"
        loader.exec_module(self)
        return getattr(self, name)


@functools.cache
def _mesa_path() -> list[str] | None:
    """Where Mesa's submodules are, found once (None if Mesa is not installed)."""
    package = importlib.util.find_spec("mesa")
    if package is None or package.submodule_search_locations is None:
        return None
    return list(package.submodule_search_locations)


def _spec(name: str) -> importlib.machinery.ModuleSpec | None:
    """The spec of Mesa's submodule `name`, found without running Mesa's package init."""
    path = _mesa_path()
    spec = None if path is None else importlib.machinery.PathFinder.find_spec(f"mesa.{name}", path)
    return spec if spec is not None and spec.loader is not None else None


def _defer_unused() -> None:
    """Register Mesa's unused subpackages to load on first use (unless Mesa is in already)."""
    if "mesa" in sys.modules:
        return
    for name in UNUSED:
        spec = _spec(name)
        if spec is None:
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _LoadedOnFirstUse
        sys.modules[spec.name] = module


class _FramesOnly:
    """The part of `inspect` Mesa's logging uses, answered from frames without sources."""

    currentframe = staticmethod(inspect.currentframe)

    @staticmethod
    def getouterframes(frame: types.FrameType | None, context: int = 1) -> list[inspect.FrameInfo]:
        frames = []
        while frame is not None:
            code = frame.f_code
            frames.append(
                inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name, None, None)
            )
            frame = frame.f_back
        return frames

    @staticmethod
    def stack(context: int = 1) -> list[inspect.FrameInfo]:
        return _FramesOnly.getouterframes(sys._getframe(1))

    @staticmethod
    def getmodule(frame: types.FrameType) -> types.ModuleType | None:
        return sys.modules.get(frame.f_globals.get("__name__", ""))


@contextmanager
def _logging_without_sources() -> Iterator[None]:
    """Load Mesa's logging module ahead, with `_FramesOnly` as its `inspect` until Mesa is in."""
    spec = None if "mesa" in sys.modules else _spec("mesa_logging")
    if spec is None:
        yield
        return
    mesa_logging = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mesa_logging
    spec.loader.exec_module(mesa_logging)  # type: ignore[union-attr]  # checked in _spec
    mesa_logging.inspect = _FramesOnly  # type: ignore[attr-defined]
    try:
        yield
    finally:
        mesa_logging.inspect = inspect  # type: ignore[attr-defined]
        if "mesa" in sys.modules:  # as the import system does for a submodule it loads
            sys.modules["mesa"].mesa_logging = mesa_logging  # type: ignore[attr-defined]


_defer_unused()

with _logging_without_sources():
    import mesa as mesa  # after the deferral, which is the point of this module
