"""One side of a market (its offers, or its bids) as arrays, and the LP columns it merges into.

Agents hand in their curves as (node, tonnes, price) steps; a market has a few hundred of
them and is cleared every turn, so the clearing reads them once into arrays and works on
those. Steps at the same node and price are one LP column: buyers in a nation share its
expected price, so their demand curves step at the same prices, and merging them keeps the
LP small and its solution unique. A column's fill is then shared among its steps in
proportion to their size.

The arithmetic is the one a loop over steps would do, in the same order (numpy's
`bincount` adds its weights one by one, in step order), so results are the same to the bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.market.lp import FloatArray, IntArray

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Side:
    """Steps in the agents' order, and the merged columns (in order of first appearance)."""

    node: IntArray
    """Node position of each step."""
    tonnes: FloatArray
    price: FloatArray
    column: IntArray
    """The merged column each step belongs to."""
    shared: BoolArray
    """Per step: whether its column merges it with other steps."""
    column_node: IntArray
    column_tonnes: FloatArray
    """Tonnes of each column: its steps' tonnes added in step order."""
    column_price: FloatArray

    def split(self, fills: FloatArray) -> FloatArray:
        """Fills per step from fills per column: a column's fill shared among its steps in
        proportion to their tonnes (a lone step takes its column's fill as it is)."""
        fill = fills[self.column]
        total = self.column_tonnes[self.column]
        shares = np.divide(
            fill * self.tonnes, total, out=np.zeros(len(fill)), where=self.shared & (total > 0)
        )
        return np.where(self.shared, shares, fill)


def side(steps: list[Step], where: dict[str, int]) -> Side:
    """Read steps into arrays and merge those at the same node and price."""
    count = len(steps)
    node = np.fromiter((where[n] for n, _, _ in steps), np.int64, count)
    tonnes = np.fromiter((t for _, t, _ in steps), float, count)
    price = np.fromiter((p for _, _, p in steps), float, count)
    if not count:
        empty = np.zeros(0, dtype=np.int64)
        return Side(node, tonnes, price, empty, np.zeros(0, bool), empty, tonnes, price)
    order = np.lexsort((price, node))  # stable: a group's first step in it comes first
    by_node, by_price = node[order], price[order]
    starts = np.ones(count, dtype=bool)
    starts[1:] = (by_node[1:] != by_node[:-1]) | (by_price[1:] != by_price[:-1])
    first = order[starts]  # each group's first step, groups in sorted order
    appearance = np.argsort(first, kind="stable")
    column_of_group = np.empty(len(first), dtype=np.int64)
    column_of_group[appearance] = np.arange(len(first))
    column = np.empty(count, dtype=np.int64)
    column[order] = column_of_group[np.cumsum(starts) - 1]
    columns = len(first)
    leader = first[appearance]
    return Side(
        node=node,
        tonnes=tonnes,
        price=price,
        column=column,
        shared=(np.bincount(column, minlength=columns) > 1)[column],
        column_node=node[leader],
        column_tonnes=np.bincount(column, weights=tonnes, minlength=columns).astype(
            float, copy=False
        ),
        column_price=price[leader],
    )
