"""Supply or demand steps merged into LP columns: steps at one node and price are one column.

Buyers in a nation share its expected price, so their demand curves step at the same
prices; merging them keeps the LP small and its solution unique. Steps are grouped
with a dict (for a market's few hundred steps, quicker than sorting arrays) and held as
arrays, so a column's fill is shared among its steps, and tonnes are added up per nation,
with numpy. Sums run in step order (`np.bincount` adds sequentially), so they equal a
loop's to the last bit.
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
        if len(self.quantity) == len(self.column):  # no steps merged: nothing to share
            return fill
        total = self.quantity[self.column]
        shared = np.bincount(self.column, minlength=len(self.quantity))[self.column] > 1
        share = np.zeros(len(fill))
        np.divide(fill * self.step_quantity, total, out=share, where=total > 0)
        return np.where(shared, share, fill)


def merge(steps: Sequence[Step], where: dict[str, int]) -> Columns:
    """Group steps by (node, price) in order of first appearance."""
    if not steps:
        empty_int, empty = np.zeros(0, dtype=np.int64), np.zeros(0)
        return Columns(empty_int, empty, empty_int, empty_int, empty, empty)
    first: dict[tuple[str, float], int] = {}
    column = np.array([first.setdefault((n, p), len(first)) for n, _, p in steps], np.int64)
    names, quantities, _ = zip(*steps, strict=True)
    quantity = np.array(quantities, dtype=float)
    return Columns(
        step_node=np.array([where[n] for n in names], dtype=np.int64),
        step_quantity=quantity,
        column=column,
        node=np.array([where[n] for n, _ in first], dtype=np.int64),
        quantity=np.bincount(column, quantity, len(first)).astype(float, copy=False),
        price=np.array([p for _, p in first], dtype=float),
    )
