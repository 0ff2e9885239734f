"""How far a change in the last bit carries through a run of baseline_2025.

An engine rewritten for speed (numpy's vector `power`, another summation order) would
differ from this one in the last bits of some numbers, so its tables could only be
checked against these within a tolerance. This measures what that tolerance would have to
allow: every buyer's demand curve is moved by one unit in the last place, and the model
table of the run is compared with the untouched run's, turn by turn (figures within a
millionth of their column's largest value are left out, as relative differences of
near-zero figures say nothing), along with every facility's status.

Run: `python bench/last_bit.py [--seed S]` (about 10 seconds). Not part of `make bench`:
it has no target, it informs the choice of one.
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.agents import buyer
from rare_earth_game.sim.model import RareEarthModel


def tables(seed: int) -> tuple[np.ndarray, list[str], list[str]]:
    """The run's numeric model table, its column names and every facility's status."""
    model = RareEarthModel(load_scenario("baseline_2025"), seed=seed).run()
    table = model.recorder.model_table()
    statuses = model.recorder.facilities_table()["status"].tolist()
    model.release()
    numbers = table.select_dtypes("number")
    return numbers.to_numpy(float), list(numbers.columns), statuses


def one_ulp_up(multiple: float, elasticity: float, cost_share: float) -> float:
    value = exact(multiple, elasticity, cost_share)
    return value if value in (1.0, math.inf) else math.nextafter(value, math.inf)


exact = buyer.demand_multiple


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    before, columns, statuses_before = tables(args.seed)
    buyer.demand_multiple = one_ulp_up
    after, _, statuses_after = tables(args.seed)
    buyer.demand_multiple = exact
    finite = np.isfinite(before) & np.isfinite(after)
    largest = np.max(np.where(finite, np.abs(before), 0.0), axis=0)
    counted = finite & (np.abs(before) > 1e-6 * largest) & (np.abs(before) > 0)
    relative = np.zeros_like(before)
    np.divide(np.abs(after - before), np.abs(before), out=relative, where=counted)
    print(f"baseline_2025, seed {args.seed}: every demand curve one ulp up")
    print(
        f"cells that differ at all: {int((before != after)[finite].sum())} of {int(finite.sum())}"
    )
    for bound in (1e-9, 1e-6, 1e-3, 1e-2):
        print(f"cells more than {bound:.0e} apart (relative): {int((relative > bound).sum())}")
    print("largest relative difference by turn:")
    for turn, worst in enumerate(relative.max(axis=1)):
        print(f"  turn {turn:2d}: {worst:.1e}")
    turn, column = np.unravel_index(np.argmax(relative), relative.shape)
    print(
        f"the largest: {columns[column]} in turn {turn}, "
        f"{before[turn, column]:.6g} against {after[turn, column]:.6g}"
    )
    same = sum(a == b for a, b in zip(statuses_before, statuses_after, strict=True))
    print(f"facility statuses the same: {same} of {len(statuses_before)}")


if __name__ == "__main__":
    main()
