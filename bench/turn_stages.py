"""Where an engine turn's time goes, stage by stage, timed without a profiler.

cProfile charges every call, so code made of many small numpy calls looks two to three
times dearer under it than it is, and the ranking it gives misleads. This script wraps a
few functions with a clock instead and prints milliseconds per turn for each (a stage's
figure includes the functions listed under it), with the load average, since the figures
of a busy machine are not comparable with a quiet one's.

With `--game`, the same for a balanced class-period game's years, scored, as the window
plays them (the no-new-policy game's turn played ahead, outside the year): the player's
engine steps, and the game's own work around them (the menu, the AI, the observer, the
turn's row, the report, the scorecard).

Run: `python bench/turn_stages.py [--turns N] [--seed S] [--game]`. Not part of `make
bench`.
"""

from __future__ import annotations

import argparse
import functools
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from table import highs_timed  # bench/table.py's: this thread's HiGHS, its `run` timed

from rare_earth_game.game import report as report_module
from rare_earth_game.game import session as session_module
from rare_earth_game.game.ai import AINations
from rare_earth_game.game.catalogue import Catalogue
from rare_earth_game.game.observe import Observer
from rare_earth_game.game.session import GameSession
from rare_earth_game.game.strategies import get_strategy
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

ENGINE_STEPS = "the player's engine steps"
GAME_TIMED: list[tuple[Any, str, str]] = [
    (RareEarthModel, "step", ENGINE_STEPS),
    (Catalogue, "options", "the menu (available_actions)"),
    (AINations, "react", "the AI nations' answers"),
    (Observer, "after_step", "the observer, after each step"),
    (session_module, "game_row", "the turn's row"),
    (session_module, "build_report", "the report"),
    (report_module, "_explanations", "  its explanations"),
    (GameSession, "_scorecard_at", "the scorecard"),
    (GameSession, "history", "  the history table"),
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


def game_years(seed: int) -> None:
    """ms per class-period year of a balanced game for each of `GAME_TIMED`, the first year
    (imports, first-use caches) left out."""
    for owner, attribute, label in GAME_TIMED:
        setattr(owner, attribute, clocked(getattr(owner, attribute), label))
    load = os.getloadavg()[0]
    session = GameSession("baseline_2025", seed=seed, preset="class_period")
    strategy = get_strategy("balanced")
    total = 0.0
    for year in range(session.turns):
        kept = dict(seconds)
        session.prepare_next_turn()  # the comparison game's turn: not the year's
        seconds.clear()
        seconds.update(kept)
        if year == 1:
            seconds.clear()
            total = 0.0
        started = time.perf_counter()
        session.available_actions()
        session.submit(strategy.decide(session))
        total += time.perf_counter() - started
    years = session.turns - 1
    print(
        f"baseline_2025, seed {seed}, class-period years 2-{session.turns}, load average {load:.2f}"
    )
    print(f"{'whole year (menu, choice, turn)':<48} {total / years * 1000:7.1f} ms")
    own = total - seconds[ENGINE_STEPS]
    label = "the game's own work (all but the engine)"
    print(f"{label:<48} {own / years * 1000:7.1f} ms")
    for _, _, label in GAME_TIMED:
        print(f"{label:<48} {seconds[label] / years * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=24)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--game", action="store_true", help="a class-period game's years")
    args = parser.parse_args()
    if args.game:
        game_years(args.seed)
        return
    scenario = load_scenario("baseline_2025")
    RareEarthModel(scenario, seed=args.seed).run(4).release()  # imports and caches first
    for owner, attribute, label in TIMED:
        setattr(owner, attribute, clocked(getattr(owner, attribute), label))
    load = os.getloadavg()[0]
    with highs_timed() as solver:
        model = RareEarthModel(scenario, seed=args.seed)
        started = time.perf_counter()
        model.run(args.turns)
        total = (time.perf_counter() - started) / args.turns * 1000
        model.release()
    seconds[HIGHS] = solver.seconds
    print(f"baseline_2025, seed {args.seed}, {args.turns} turns, load average {load:.2f}")
    print(f"{'whole turn':<48} {total:7.1f} ms")
    order = [label for _, _, label in TIMED]
    order.insert(order.index("  result read (prices, flows, content)"), HIGHS)
    for label in order:
        print(f"{label:<48} {seconds[label] / args.turns * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
