"""How little of a turn HiGHS itself could take: the floor under issue 12's engine figures.

`make bench` times HiGHS's own `run` inside the engine's turn. That is not yet the least
HiGHS could take of a turn, for two reasons this script measures in a run of
baseline_2025:

1. The engine's Python turns the CPU's caches over between solves, so each solve starts
   cold in memory as well as in basis. Every solve of the run, replayed back to back with
   nothing in between (licence re-solves warm from their first solve's basis, as the
   engine has them), shows what the same LPs would cost an engine that did little else.
2. The engine solves each market's LP cold, so the tables stay the same to the byte. A
   market LP with the same columns and rows as the turn before is solved again warm from
   that turn's basis, beside a cold solve: what a warm start saves, and which node prices
   (the balance rows' duals) it moves where a clearing price is not unique
   (`bench/price_ranges.py`). A warm-started engine would keep each LP's shape from turn
   to turn; here a turn whose shape changed is counted, not paired.

The engine's own figure is taken in a run with nothing recorded; recording the LPs (in a
second run) changes nothing in it, which the script checks by the model table's hash. Run:
`python bench/highs_floor.py [--seed S]` (about 10 seconds). Not part of `make bench`: it
informs the owner's choice between byte identity and speed, against no target.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import highspy
import numpy as np
from table import highs_timed  # bench/table.py's: this thread's HiGHS, its `run` timed

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim import model as model_module
from rare_earth_game.sim.market import lp as lp_module
from rare_earth_game.sim.market.outcome import Clearing
from rare_earth_game.sim.model import RareEarthModel

WIDE = 0.01
"""A price moves when warm and cold differ by more than this share of the cold one."""
REPLAYS = 3


@dataclass
class Solve:
    """One call of HiGHS's `run` in the engine: the LP as it stood and how long it took."""

    turn: int
    commodity: str
    lp: Any
    """HiGHS's copy of the model (`highspy.HighsLp`)."""
    basis: Any | None
    """The basis it started from: None for a cold solve."""
    seconds: float
    nodes: int = 0


class Recording:
    """Stands in for the thread's HiGHS instance and keeps a copy of each LP it solves."""

    def __init__(self, solver: highspy.Highs) -> None:
        self._solver = solver
        self.solves: list[Solve] = []
        self.market: tuple[int, str] = (0, "")

    def run(self) -> Any:
        lp, basis = self._solver.getLp(), self._solver.getBasis()
        started = time.perf_counter()
        try:
            return self._solver.run()
        finally:
            seconds = time.perf_counter() - started
            warm = basis if basis.valid else None
            self.solves.append(Solve(*self.market, lp, warm, seconds))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._solver, name)


def recorded_run(seed: int) -> tuple[str, list[Solve], int]:
    """(the model table's hash, every solve of a baseline_2025 run, its turns)."""
    solver = lp_module._solver()
    recording = Recording(solver)
    original_clear = model_module.clear_market  # type: ignore[attr-defined]

    def clear_market(model: RareEarthModel, commodity: str) -> Clearing:
        recording.market = (model.turn, commodity)
        first = len(recording.solves)
        result = original_clear(model, commodity)
        for solve in recording.solves[first:]:
            solve.nodes = len(result.build.nodes)
        return result

    setattr(model_module, "clear_market", clear_market)  # noqa: B010  (patches, taken off below)
    lp_module._solvers.highs = recording
    try:
        model = RareEarthModel(load_scenario("baseline_2025"), seed=seed).run()
    finally:
        setattr(model_module, "clear_market", original_clear)  # noqa: B010
        lp_module._solvers.highs = solver
    return table_hash(model), recording.solves, model.turn


def timed_run(seed: int) -> tuple[str, float]:
    """(the model table's hash, HiGHS's own seconds) of a baseline_2025 run as it is."""
    with highs_timed() as timed:
        model = RareEarthModel(load_scenario("baseline_2025"), seed=seed).run()
    return table_hash(model), timed.seconds


def table_hash(model: RareEarthModel) -> str:
    """The sha256 of a finished run's model table; the model is released."""
    table = model.recorder.model_table().to_csv(index=False)
    model.release()
    return hashlib.sha256(table.encode()).hexdigest()


def solved(solver: highspy.Highs, lp: Any, basis: Any | None) -> tuple[float, np.ndarray]:
    """HiGHS's own seconds for the LP (from `basis` if given) and its row duals."""
    solver.passModel(lp)
    if basis is not None:
        solver.setBasis(basis)
    started = time.perf_counter()
    solver.run()
    seconds = time.perf_counter() - started
    assert solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return seconds, np.asarray(solver.getSolution().row_dual)


def back_to_back(solver: highspy.Highs, solves: list[Solve]) -> float:
    """Seconds for every solve of the run replayed in order, the least of `REPLAYS` rounds."""
    rounds = [sum(solved(solver, s.lp, s.basis)[0] for s in solves) for _ in range(REPLAYS)]
    return min(rounds)


def warm_against_cold(solver: highspy.Highs, solves: list[Solve]) -> None:
    """Each market's first solve of a turn, warm from the turn before's basis, beside cold."""
    firsts: dict[str, list[Solve]] = defaultdict(list)
    for solve in solves:
        if solve.basis is None:
            firsts[solve.commodity].append(solve)
    cold_times: list[float] = []
    warm_times: list[float] = []
    moved: dict[str, int] = defaultdict(int)
    unpaired = compared = 0
    largest = (0.0, "", 0, 0.0, 0.0)  # gap, good, turn, cold price, warm price
    for commodity, turns in firsts.items():
        for before, now in pairwise(turns):
            same = (before.lp.num_col_, before.lp.num_row_) == (now.lp.num_col_, now.lp.num_row_)
            if not same or now.turn != before.turn + 1:
                unpaired += 1
                continue
            solved(solver, before.lp, None)
            basis = solver.getBasis()
            cold, cold_duals = solved(solver, now.lp, None)
            warm, warm_duals = solved(solver, now.lp, basis)
            cold_times.append(cold)
            warm_times.append(warm)
            cold_prices, warm_prices = cold_duals[: now.nodes], warm_duals[: now.nodes]
            traded = np.abs(cold_prices) > 1e-9
            gap = np.abs(warm_prices - cold_prices)[traded] / np.abs(cold_prices[traded])
            compared += int(traded.sum())
            moved[commodity] += int((gap > WIDE).sum())
            if len(gap) and gap.max() > largest[0]:
                at = int(gap.argmax())
                cold_at, warm_at = cold_prices[traded][at], warm_prices[traded][at]
                largest = (float(gap[at]), commodity, now.turn, cold_at, warm_at)
    paired = len(cold_times)
    print(
        f"  same shape as the turn before: {paired} of {paired + unpaired} markets' first "
        f"solves ({paired / (paired + unpaired):.0%})"
    )
    ratio = sum(warm_times) / sum(cold_times)
    print(
        f"  HiGHS's own run over these, back to back: cold {sum(cold_times) * 1000:.1f} ms, "
        f"warm {sum(warm_times) * 1000:.1f} ms ({ratio:.0%}); median solve "
        f"{statistics.median(cold_times) * 1e6:.0f} us cold, "
        f"{statistics.median(warm_times) * 1e6:.0f} us warm"
    )
    count = sum(moved.values())
    gap, good, turn, cold_price, warm_price = largest
    print(
        f"  node prices warm and cold differ by more than {WIDE:.0%}: {count} of {compared}; "
        f"the most, {good} in turn {turn}: {cold_price + 0.0:.3g} USD/kg cold, "
        f"{warm_price + 0.0:.3g} warm"
    )
    for commodity, n in sorted(moved.items(), key=lambda kv: -kv[1]):
        if n:
            print(f"    {commodity:<22} {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    timed_run(args.seed)  # imports and first-use caches
    untouched, in_engine = timed_run(args.seed)
    recorded, solves, turns = recorded_run(args.seed)
    assert recorded == untouched, "recording the LPs changed the run"
    solver = lp_module._solver()
    replayed = back_to_back(solver, solves)
    warm = sum(s.basis is not None for s in solves)
    print(
        f"baseline_2025, seed {args.seed}: {len(solves)} solves in {turns} turns "
        f"({warm} of them licence re-solves, warm)"
    )
    print(f"  HiGHS's own run in the engine:          {in_engine / turns * 1000:5.2f} ms a turn")
    print(f"  the same solves replayed back to back:  {replayed / turns * 1000:5.2f} ms a turn")
    print("warm starts from the turn before's basis:")
    warm_against_cold(solver, solves)


if __name__ == "__main__":
    main()
