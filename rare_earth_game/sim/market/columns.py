"""Supply or demand steps merged into LP columns: steps at one node and price are one column.

Buyers in a nation share its expected price, so their demand curves step at the same
prices; merging them keeps the LP small and its solution unique. The steps are held as
arrays and merged and split with numpy: a market has a few hundred steps and is cleared
every turn, and a Python loop over them was a tenth of the clearing's time. Sums run in
step order (`np.bincount` adds sequentially), so they equal the loop's to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.market.lp import FloatArray, IntArray


@dataclass(frozen=True)
class Columns:
    """A market side's steps (in the agents' order) and the LP columns they merge into."""

    step_node: IntArray
    """Node position of each step."""
    step_quantity: FloatArray
    column: IntArray
    """The column each step belongs to."""
    node: IntArray
    """Per column (in order of their first step): its node position."""
    quantity: FloatArray
    """Per column: the tonnes of its steps, added in step order."""
    price: FloatArray

    def split(self, fills: FloatArray) -> FloatArray:
        """Each step's share of its column's fill, in proportion to its tonnes."""
        fill = fills[self.column]
        total = self.quantity[self.column]
        shared = np.bincount(self.column, minlength=len(self.quantity))[self.column] > 1
        share = np.zeros(len(fill))
        np.divide(fill * self.step_quantity, total, out=share, where=total > 0)
        return np.where(shared, share, fill)


def merge(steps: Sequence[Step], where: dict[str, int]) -> Columns:
    """Group steps by (node, price) in order of first appearance."""
    count = len(steps)
    if not count:
        empty_int, empty = np.zeros(0, dtype=np.int64), np.zeros(0)
        return Columns(empty_int, empty, empty_int, empty_int, empty, empty)
    names, quantities, prices = zip(*steps, strict=True)
    step_node = np.array([where[n] for n in names], dtype=np.int64)
    quantity = np.array(quantities, dtype=float)
    price = np.array(prices, dtype=float)
    order = np.lexsort((price, step_node))  # stable: a run lists its steps in step order
    node_sorted, price_sorted = step_node[order], price[order]
    starts = np.empty(count, dtype=bool)
    starts[0] = True
    starts[1:] = (node_sorted[1:] != node_sorted[:-1]) | (price_sorted[1:] != price_sorted[:-1])
    first = order[starts]  # each run's first step
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    column = np.empty(count, dtype=np.int64)
    column[order] = rank[np.cumsum(starts) - 1]
    leading = np.sort(first)
    return Columns(
        step_node=step_node,
        step_quantity=quantity,
        column=column,
        node=step_node[leading],
        quantity=np.bincount(column, quantity, len(first)).astype(float, copy=False),
        price=price[leading],
    )
