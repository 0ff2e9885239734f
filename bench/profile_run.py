"""Profile a whole baseline_2025 run (or a balanced class-period game) with cProfile.

Prints the functions by cumulative and by own time, and writes the raw profile for
snakeviz or pstats. Run: `python bench/profile_run.py [--game] [--top N] [--out FILE]`.
Not part of `make bench` (it times nothing against a target); it shows where time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from pathlib import Path

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel


def engine() -> None:
    RareEarthModel(load_scenario("baseline_2025"), seed=0).run().release()


def game() -> None:
    from rare_earth_game.game import GameSession
    from rare_earth_game.game.strategies import get_strategy, play

    session = GameSession("baseline_2025", seed=0, preset="class_period")
    play(session, get_strategy("balanced")).model.release()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--game", action="store_true", help="a balanced class-period game")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("out/bench/profile.pstats"))
    args = parser.parse_args()
    work = game if args.game else engine
    work()  # once unprofiled: imports and first-use caches are not the turn's cost
    profiler = cProfile.Profile()
    profiler.runcall(work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(args.out)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    print(f"raw profile: {args.out}")


if __name__ == "__main__":
    main()
