"""Digests of every table the engine records, over runs that reach every market path.

Speed work must not change what the engine computes. tests/sim/test_pinned_tables.py pins
one seed of baseline_2025; this covers more ground: two seeds of baseline_2025, one of
history_2010, and class-period games played by the built-in strategies (whose cards bring
tariffs, licences, quotas, offtakes and stockpiles into the markets). Run it before and
after a change and compare:

    python bench/digests.py > before.json   # on the old code
    python bench/digests.py | diff before.json -   # no output: byte-identical

About a minute on a quiet machine. Not part of `make bench` (it times nothing).
"""

from __future__ import annotations

import hashlib
import json
import sys

from rare_earth_game.game import GameSession
from rare_earth_game.game.strategies import get_strategy, play
from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel
from rare_earth_game.sim.recorder import Recorder

TABLES = ("model", "markets", "flows", "facilities", "notes")
RUNS = (("baseline_2025", 7), ("baseline_2025", 1), ("history_2010", 3))
STRATEGIES = ("balanced", "tariffs", "allies", "onshore", "random", "stockpile")


def digests(recorder: Recorder) -> dict[str, str]:
    """A short sha256 of each table's CSV: full float precision, so a last-bit change shows."""
    return {
        table: hashlib.sha256(
            getattr(recorder, f"{table}_table")().to_csv(index=False).encode()
        ).hexdigest()[:16]
        for table in TABLES
    }


def main() -> None:
    found: dict[str, dict[str, str]] = {}
    for scenario, seed in RUNS:
        model = RareEarthModel(load_scenario(scenario), seed=seed).run()
        found[f"{scenario} seed {seed}"] = digests(model.recorder)
        model.release()
    for name in STRATEGIES:
        session = play(
            GameSession("baseline_2025", seed=2, preset="class_period"), get_strategy(name)
        )
        found[f"class-period game, {name}"] = digests(session.model.recorder)
        session.model.release()
    json.dump(found, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
