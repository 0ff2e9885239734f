"""Strategies a researcher writes: modules or .py files imported before a batch runs.

Worker processes start fresh (spawn), so a strategy registered in a notebook or script
would be unknown there; naming its file in `strategy_modules` lets every worker import it.

Importing a file runs it with the user's rights, so a file or module named by data (an
experiment file, the manifest of a results folder someone sent, `--strategy-module`) is
imported only when the user says so: `--allow-code`, or `allow_code=True` in Python.
Each file's SHA-256 is recorded in the manifest, so a batch is never resumed with an
edited strategy mixed into results from the old one.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType

from rare_earth_game.errors import UserError

NO_GAME = "none"
"""The strategy name for a bare engine run: no player, no AI nations."""

_loaded: dict[str, ModuleType] = {}


class CodeNotAllowedError(UserError):
    """Python code named by data, which the user has not allowed to run."""


def refusal(names: Iterable[str]) -> str:
    """Why the code is not imported, and how to allow it."""
    listed = ", ".join(str(n) for n in names)
    return (
        f"names Python code ({listed}), which would run with your rights; read it, then "
        "allow it with --allow-code (allow_code=True in Python)"
    )


def load_strategy_modules(names: tuple[str, ...]) -> None:
    """Import each module (dotted name) or file (ending in .py), once per process.

    Callers check `allow_code` first; worker processes import what their parent allowed.
    """
    for name in names:
        if name not in _loaded:
            _loaded[name] = _import(name)


def load_strategy_files(paths: Sequence[Path], *, allow_code: bool) -> None:
    """`run --strategy-module FILE`: import files that register strategies, if allowed."""
    if not allow_code:
        raise CodeNotAllowedError(f"--strategy-module {refusal(str(p) for p in paths)}")
    for path in paths:
        if path.suffix != ".py" or not path.is_file():
            raise UserError(f"--strategy-module {path}: no Python file there")
        try:
            load_strategy_modules((str(path.resolve()),))
        except Exception as error:  # any error in the user's module is theirs to see
            raise UserError(
                f"--strategy-module {path}: cannot import: {type(error).__name__}: {error}"
            ) from error


def code_digests(names: Sequence[str]) -> dict[str, str | None]:
    """SHA-256 of each strategy file (a module's own file for a dotted name; None if it has
    none), recorded in the manifest and compared on resume."""
    digests: dict[str, str | None] = {}
    for name in names:
        path = Path(name) if name.endswith(".py") else _module_file(name)
        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path else None
    return digests


def _module_file(name: str) -> Path | None:
    module = _loaded.get(name) or sys.modules.get(name)
    origin = getattr(module, "__file__", None)
    return Path(origin) if origin else None


def _import(name: str) -> ModuleType:
    if not name.endswith(".py"):
        return importlib.import_module(name)
    path = Path(name)
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    module_name = f"_rare_earth_strategies_{path.stem}_{digest}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
