"""Mesa, imported without the parts of it the engine never uses.

Mesa's package init imports its grids, its experimental modules and, through their
continuous space, scipy.spatial: about half a second of every start (`run`, a replay, a
batch worker, the window) for spaces a supply chain has no use for. The engine needs only
`mesa.Model` and `mesa.Agent`. So before Mesa is first imported, those subpackages are
registered as modules that load the first time anything is asked of them: code that uses
them (a researcher's own model, say) gets them whole, a moment later.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import types

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


def _defer_unused() -> None:
    """Register Mesa's unused subpackages to load on first use (unless Mesa is in already)."""
    if "mesa" in sys.modules:
        return
    package = importlib.util.find_spec("mesa")
    if package is None or package.submodule_search_locations is None:
        return
    for name in UNUSED:
        full_name = f"mesa.{name}"
        spec = importlib.machinery.PathFinder.find_spec(
            full_name, list(package.submodule_search_locations)
        )
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _LoadedOnFirstUse
        sys.modules[full_name] = module


_defer_unused()

import mesa as mesa  # noqa: E402  (after the deferral, which is the point of this module)
