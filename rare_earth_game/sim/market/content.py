"""Origin content of what a cleared market moved: what each node sold, what each bought.

A node's sellers' goods mix by tonnes; what leaves a node is that mix (no node ships abroad
more than its own sellers supplied, see `lp.py`), and what a node's buyers get is the mix
of what stayed at home and what came in. This is how origin content follows goods from
holder to holder across a market (see `provenance.py`).
"""

from __future__ import annotations

import numpy as np

from rare_earth_game.sim.market.build import MarketBuild
from rare_earth_game.sim.market.lp import MarketSolution
from rare_earth_game.sim.provenance import Content


def node_content(
    build: MarketBuild, solution: MarketSolution, width: int
) -> tuple[dict[str, Content], dict[str, Content]]:
    """(content of the goods each node's sellers sold, content of the goods each node's
    buyers bought), for the nodes that sold or bought anything. `solution` has fills per
    step (see `outcome.unmerge`)."""
    if not build.offers:
        return {}, {}
    count = len(build.nodes)
    sizes = [len(offered) for _, offered in build.sellers]
    per_step = np.repeat(np.array(build.seller_content).reshape(-1, width), sizes, axis=0)
    step_node = build.offer_columns.step_node
    fill = np.maximum(solution.offer_fill, 0.0)
    sold = np.bincount(step_node, weights=fill, minlength=count)
    sold_value = _summed(step_node, fill[:, None] * per_step, count)
    selling_at = sold[:, None] > 0
    own = np.divide(sold_value, sold[:, None], out=np.zeros_like(sold_value), where=selling_at)
    origin = build.problem.route_origin
    destination = build.problem.route_destination
    flow = np.maximum(solution.route_flow, 0.0)
    shipped = np.bincount(origin, weights=flow, minlength=count)
    arrived = np.bincount(destination, weights=flow, minlength=count)
    arrived_value = _summed(destination, flow[:, None] * own[origin], count)
    kept = np.maximum(0.0, sold - shipped)
    got = kept + arrived
    got_value = kept[:, None] * own + arrived_value
    selling = {n: own[i] for i, n in enumerate(build.nodes) if sold[i] > 0}
    buying = {
        n: got_value[i] / got[i]
        for i, n in enumerate(build.nodes)
        if got[i] > 0 and n not in build.subnodes
    }
    return selling, buying


def _summed(at: np.ndarray, rows: np.ndarray, count: int) -> np.ndarray:
    """Rows added up by the node each belongs to, one after another in order: a matrix
    product would leave the order to the BLAS kernel the CPU picks, and the last digits of
    the content to the machine the game runs on. One `bincount` over every (node, column)
    cell adds each cell's values in row order, as `np.add.at` does, in half its time."""
    width = rows.shape[1]
    cells = (at[:, None] * width + np.arange(width)).ravel()
    total = np.bincount(cells, weights=rows.ravel(), minlength=count * width)
    return total.reshape(count, width)
