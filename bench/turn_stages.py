"""Where an engine turn's time goes, stage by stage, timed without a profiler.

cProfile charges every call, so code made of many small numpy calls looks two to three
times dearer under it than it is, and the ranking it gives misleads. This script wraps a
few functions with a clock instead and prints milliseconds per turn for each (a stage's
figure includes the functions listed under it), with the load average, since the figures
of a busy machine are not comparable with a quiet one's.

Run: `python bench/turn_stages.py [--turns N] [--seed S]`. Not part of `make bench`.
"""

from __future__ import annotations

import argparse
import functools
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from table import _TimedSolver  # bench/table.py's stand-in that times HiGHS's `run`

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim import model as model_module
from rare_earth_game.sim.agents import Buyer, Refiner
from rare_earth_game.sim.market import clearing, lp
from rare_earth_game.sim.model import RareEarthModel

TIMED: list[tuple[Any, str, str]] = [
    # (owner, attribute, label): a stage, then the parts of it worth seeing on their own
    (RareEarthModel, "_begin_turn", "begin turn"),
    (RareEarthModel, "_produce", "produce"),
    (RareEarthModel, "_clear_markets", "clear markets"),
    (clearing, "build_market", "  build (offers, bids, routes, caps)"),
    (Buyer, "bids", "    buyers' bids"),
    (Refiner, "bids", "    plants' bids"),
    (lp.MarketLP, "_pass_model", "  LP handed to HiGHS"),
    (lp.MarketLP, "solve", "  LP solved (HiGHS and reading the solution)"),
    (clearing, "interpret", "  result read (prices, flows, content)"),
    (clearing, "deliver", "  goods handed over"),
    (RareEarthModel, "_settle", "settle (booking)"),
    (RareEarthModel, "_adapt", "adapt (expectations, investment)"),
    (model_module, "measure_turn", "metrics"),
]

HIGHS = "    of which HiGHS's own run"
seconds: dict[str, float] = defaultdict(float)


def clocked(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - started

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=24)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    scenario = load_scenario("baseline_2025")
    RareEarthModel(scenario, seed=args.seed).run(4).release()  # imports and caches first
    for owner, attribute, label in TIMED:
        setattr(owner, attribute, clocked(getattr(owner, attribute), label))
    lp._solver()  # the thread's solver exists before it is wrapped
    solver = lp._solvers.highs = _TimedSolver(lp._solvers.highs)
    load = os.getloadavg()[0]
    model = RareEarthModel(scenario, seed=args.seed)
    started = time.perf_counter()
    model.run(args.turns)
    total = (time.perf_counter() - started) / args.turns * 1000
    model.release()
    lp._solvers.highs = solver._solver
    seconds[HIGHS] = solver.seconds
    print(f"baseline_2025, seed {args.seed}, {args.turns} turns, load average {load:.2f}")
    print(f"{'whole turn':<48} {total:7.1f} ms")
    order = [label for _, _, label in TIMED]
    order.insert(order.index("  result read (prices, flows, content)"), HIGHS)
    for label in order:
        print(f"{label:<48} {seconds[label] / args.turns * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
