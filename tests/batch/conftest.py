"""Shared pieces of the batch tests: the tiny world, spec files and a reference batch."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from rare_earth_game.batch import SweepResult, run_sweep

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "tiny.toml"
PLUGINS = Path(__file__).resolve().parent / "strategies_for_tests.py"


def small_spec(**experiment: Any) -> dict[str, Any]:
    """12 short runs of the tiny world: 3 strategies x 2 growth rates x 2 seeds."""
    return {
        "experiment": {
            "scenario": str(TINY),
            "strategies": ["do_nothing", "none", "balanced"],
            "replications": 2,
            "turns": 4,
            "entropy": 11,
            **experiment,
        },
        "parameters": [{"path": "buyers.usa_magnet_use.growth", "values": [0.0, 0.2]}],
    }


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of each merged table in a results folder."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob("*.parquet")) + sorted(folder.glob("*.csv"))
    }


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> SweepResult:
    """The small spec run once on one local worker: what other ways of running must match."""
    folder = tmp_path_factory.mktemp("reference")
    return run_sweep(small_spec(), out=folder, workers=1)
