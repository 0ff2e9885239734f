"""Where a market's clearing price is not unique, and how wide the range it could take is.

A market's price at a node is the dual of its balance row: what one more tonne needed there
would add to the LP's cost. Where supply and demand meet on a step (a buyer's last tonne
is exactly a seller's last tonne), one more tonne costs the next seller's ask and one less
saves the last buyer's value: any price between clears the market, and HiGHS reports one
end or the other, whichever its pivots reach (`bench/last_bit.py` shows a last bit
choosing). A rule that picks one price in such a range (its middle, say) has to come
before an engine that is checked against this one by tolerance rather than byte identity.

This measures the ranges in a run of baseline_2025: after each market's last solve, each
node's balance is moved by a thousandth of a tonne each way and the LP solved again; the
two changes in cost, per tonne, are the ends of the range the node's price could take.
Nothing the run records changes (each market's LP is built afresh from its own arrays),
which the script checks against an untouched run.

Run: `python bench/price_ranges.py [--seed S] [--top N]` (about 5 seconds). Not part of
`make bench`: it has no target, it informs a modelling choice.
"""

from __future__ import annotations

import argparse
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass

import highspy

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim import model as model_module
from rare_earth_game.sim.market.build import MarketBuild
from rare_earth_game.sim.market.lp import MarketLP, MarketSolution
from rare_earth_game.sim.market.outcome import Clearing
from rare_earth_game.sim.model import RareEarthModel

NUDGE = 0.001
"""Tonnes a node's balance is moved each way: below the smallest step of a market (at a
tenth of a tonne, some of Tb oxide's are crossed), far above HiGHS's rounding."""
WIDE = 0.01
"""A range counts as wide when it spans more than this share of the price reported."""


@dataclass(frozen=True)
class PriceRange:
    turn: int
    commodity: str
    node: str
    reported: float
    low: float
    high: float
    """math.inf where the node cannot take one more tonne at any price."""


def node_ranges(lp: MarketLP, build: MarketBuild, turn: int) -> list[PriceRange]:
    """Each node's range of clearing prices, from the market's LP as last solved: the cost
    per tonne of one tonne less at the node (the low end) and one tonne more (the high)."""
    solver = lp.solver
    prices = solver.getSolution().row_dual
    base = solver.getInfo().objective_function_value
    ranges = []
    for i, node in enumerate(build.nodes):
        ends = []
        for nudge in (-NUDGE, NUDGE):
            solver.changeRowBounds(i, nudge, nudge)
            solver.run()
            if solver.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                ends.append((solver.getInfo().objective_function_value - base) / nudge)
            else:  # the node cannot take (or give) another tonne at any price
                ends.append(math.copysign(math.inf, nudge))
        solver.changeRowBounds(i, 0.0, 0.0)
        ranges.append(PriceRange(turn, build.commodity, node, float(prices[i]), *ends))
    return ranges


def run(seed: int, measure: bool) -> tuple[str, list[PriceRange]]:
    """A run of baseline_2025 (its model table's hash) and, if `measure`, its price ranges."""
    found: list[PriceRange] = []
    solved: list[MarketLP] = []
    original_solve, original_clear = MarketLP.solve, model_module.clear_market  # type: ignore[attr-defined]

    def solve(lp: MarketLP) -> MarketSolution:
        solved.append(lp)
        return original_solve(lp)

    def clear_market(model: RareEarthModel, commodity: str) -> Clearing:
        solved.clear()
        result = original_clear(model, commodity)
        lp = solved[-1]
        if measure and len(lp.upper) and len(result.build.nodes):
            found.extend(node_ranges(lp, result.build, model.turn))
        return result

    setattr(MarketLP, "solve", solve)  # noqa: B010  (a patch, taken off below)
    setattr(model_module, "clear_market", clear_market)  # noqa: B010
    try:
        model = RareEarthModel(load_scenario("baseline_2025"), seed=seed).run()
    finally:
        setattr(MarketLP, "solve", original_solve)  # noqa: B010
        setattr(model_module, "clear_market", original_clear)  # noqa: B010
    table = model.recorder.model_table().to_csv(index=False)
    model.release()
    return hashlib.sha256(table.encode()).hexdigest(), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top", type=int, default=12, help="widest ranges to list")
    args = parser.parse_args()
    untouched, _ = run(args.seed, measure=False)
    measured, ranges = run(args.seed, measure=True)
    assert measured == untouched, "measuring the ranges changed the run"
    traded = [r for r in ranges if r.reported > 1e-9]
    bounded = [r for r in traded if math.isfinite(r.low) and math.isfinite(r.high)]
    wide = [r for r in bounded if r.high - r.low > WIDE * r.reported]
    print(
        f"baseline_2025, seed {args.seed}: {len(traded)} node prices above zero, "
        f"{len(traded) - len(bounded)} open on one side (a node that cannot take or give "
        f"another tonne)"
    )
    print(f"wider than {WIDE:.0%} of the price: {len(wide)} of {len(bounded)}")
    at_low = sum(abs(r.reported - r.low) <= 1e-6 * r.reported for r in wide)
    at_high = sum(abs(r.reported - r.high) <= 1e-6 * r.reported for r in wide)
    print(
        f"  reported at the low end {at_low}, at the high end {at_high}, "
        f"in between {len(wide) - at_low - at_high}"
    )
    turns: dict[str, set[int]] = defaultdict(set)
    for r in wide:
        turns[r.commodity].add(r.turn)
    for commodity, seen in sorted(turns.items(), key=lambda kv: -len(kv[1])):
        print(f"  {commodity:<22} in {len(seen):2d} turns")
    print(f"the widest {args.top}: turn, good, node, reported, range, reported from the middle")
    for r in sorted(wide, key=lambda r: -(r.high - r.low) / r.reported)[: args.top]:
        middle = (r.low + r.high) / 2
        print(
            f"  {r.turn:2d} {r.commodity:<22} {r.node:<10} {r.reported:8.2f} "
            f"[{r.low:7.2f}, {r.high:7.2f}] {100 * (r.reported - middle) / middle:+6.1f} %"
        )


if __name__ == "__main__":
    main()
