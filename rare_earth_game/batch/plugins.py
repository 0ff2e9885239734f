"""Strategies a researcher writes: modules or .py files imported before a batch runs.

Worker processes start fresh (spawn), so a strategy registered in a notebook or script
would be unknown there; naming its file in `strategy_modules` lets every worker import it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

NO_GAME = "none"
"""The strategy name for a bare engine run: no player, no AI nations."""

_loaded: dict[str, ModuleType] = {}


def load_strategy_modules(names: tuple[str, ...]) -> None:
    """Import each module (dotted name) or file (ending in .py), once per process."""
    for name in names:
        if name not in _loaded:
            _loaded[name] = _import(name)


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
