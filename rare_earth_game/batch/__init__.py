"""Research runs: seeded parallel sweeps of strategies and scenario parameters.

    from rare_earth_game.batch import run_sweep, load_results

    result = run_sweep("experiments/strategies_under_export_licences.toml", out="out/sweep")
    result.runs          # one row per run: parameters, strategy, seed, outcomes
    result.turns         # one row per run and game turn

See README.md, "Research runs", and the module docstrings: spec.py (the TOML format),
paths.py (key paths), design.py, seeds.py, store.py (the results folder), executors.py.
"""

from rare_earth_game.batch.executors import BackendError
from rare_earth_game.batch.paths import KeyPathError
from rare_earth_game.batch.runner import (
    BatchError,
    Shard,
    SweepResult,
    load_results,
    merge_results,
    resume_spec,
    run_sweep,
)
from rare_earth_game.batch.spec import ExperimentSpec, SpecError

__all__ = [
    "BackendError",
    "BatchError",
    "ExperimentSpec",
    "KeyPathError",
    "Shard",
    "SpecError",
    "SweepResult",
    "load_results",
    "merge_results",
    "resume_spec",
    "run_sweep",
]
