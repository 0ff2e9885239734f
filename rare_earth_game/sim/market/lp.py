"""One commodity's market as a welfare-maximising linear program, solved with HiGHS.

Sellers offer tonnes at an ask, buyers bid tonnes at a willingness to pay, and goods move
between nations along routes that cost transport plus tariff and duty wedges. The LP
maximises buyers' value minus sellers' asks minus route costs, subject to one material
balance per nation and to export caps (quotas, licences). Its duals are the prices: one
per nation (the balance rows) and one rent per cap, so a binding quota shows up as an
export price above the exporter's home price.

A route may have a capacity (the clearing gives established trade its own capped route,
see `ties.py`). Goods are not re-exported: a node (a nation, or some of its sellers, see
`subnodes.py`) ships abroad no more than its own sellers supplied (the rules of origin that
stop a tariff on one country being dodged through another).

HiGHS is called directly (not through `scipy.optimize.linprog`) with one reused solver per
thread and presolve off: for LPs of a few hundred columns this is 3-5x faster, which is
what keeps a turn within a few milliseconds.
"""

import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import highspy
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Cap = tuple[IntArray, float]
"""Route indexes covered, and the most tonnes they may carry together."""


@dataclass(frozen=True)
class MarketProblem:
    """Everything the LP needs, as flat arrays indexed by node (nation) position."""

    node_count: int
    offer_node: IntArray
    offer_quantity: FloatArray
    offer_ask: FloatArray
    bid_node: IntArray
    bid_quantity: FloatArray
    bid_value: FloatArray
    route_origin: IntArray
    route_destination: IntArray
    route_cost: FloatArray
    caps: tuple[Cap, ...] = ()
    route_capacity: FloatArray | None = None
    """Most tonnes each route may carry (None: unlimited)."""


@dataclass(frozen=True)
class MarketSolution:
    offer_fill: FloatArray
    bid_fill: FloatArray
    route_flow: FloatArray
    node_price: FloatArray
    cap_rent: FloatArray
    """Per cap: price gap it creates per tonne (0 when it does not bind)."""
    origin_rent: FloatArray = field(default_factory=lambda: np.zeros(0))
    """Per node: scarcity rent on its exports when all its own supply is shipped abroad."""


_solvers = threading.local()


def _solver() -> highspy.Highs:
    """One reusable HiGHS instance per thread: building a new one costs more than a solve."""
    solver = getattr(_solvers, "highs", None)
    if solver is None:
        solver = _construct_quietly()
        solver.setOptionValue("output_flag", False)
        solver.setOptionValue("threads", 1)  # deterministic and cheapest for tiny LPs
        solver.setOptionValue("presolve", "off")
        _solvers.highs = solver
    return solver


def _construct_quietly() -> highspy.Highs:
    """Build HiGHS without its C-level start-up banner reaching the user's terminal."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):
        return highspy.Highs()  # type: ignore[no-untyped-call]
    try:
        with Path(os.devnull).open("w") as devnull:
            os.dup2(devnull.fileno(), 1)
            return highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)


class MarketLP:
    """A market LP on the thread's solver; caps can be added afterwards and re-solved warm."""

    def __init__(self, problem: MarketProblem) -> None:
        self.problem = problem
        self.offers = len(problem.offer_ask)
        self.bids = len(problem.bid_value)
        self.routes = len(problem.route_cost)
        self.caps: list[Cap] = []
        capacity = problem.route_capacity
        if capacity is None:
            capacity = np.full(self.routes, highspy.kHighsInf)
        self.upper = np.concatenate([problem.offer_quantity, problem.bid_quantity, capacity])
        shipping = np.bincount(problem.route_origin, minlength=problem.node_count)
        self.exporters = np.flatnonzero(shipping)  # nodes with routes out, in order
        self.solver = _solver()
        if len(self.upper):
            self._pass_model()  # which clears the last market's model, basis and solution
        else:
            self.solver.clearModel()
        self.add_caps(problem.caps)

    def _pass_model(self) -> None:
        """Rows: one balance per node, then one no-re-export row per exporting node.

        Balance: offers - bids + inflows - outflows = 0.
        No re-export: outflows - offers <= 0.
        The column-wise matrix is built with numpy: markets are cleared hundreds of times a
        run, and a Python loop over columns was a fifth of the clearing time.
        """
        p = self.problem
        nodes = p.node_count
        origin_row = np.full(nodes, -1, dtype=np.int64)
        origin_row[self.exporters] = nodes + np.arange(len(self.exporters))
        offer_extra = origin_row[p.offer_node]
        offer_has = offer_extra >= 0
        # offers: (node, +1) and, at exporting nodes, (origin row, -1)
        offer_counts = 1 + offer_has.astype(np.int32)
        counts = np.concatenate(
            [offer_counts, np.ones(self.bids, np.int32), np.full(self.routes, 3, np.int32)]
        )
        starts = np.zeros(len(counts) + 1, dtype=np.int32)
        np.cumsum(counts, out=starts[1:])
        index = np.empty(starts[-1], dtype=np.int32)
        value = np.empty(starts[-1], dtype=float)
        first = starts[: self.offers]
        index[first] = p.offer_node
        value[first] = 1.0
        second = first[offer_has] + 1
        index[second] = offer_extra[offer_has]
        value[second] = -1.0
        bid_at = starts[self.offers : self.offers + self.bids]
        index[bid_at] = p.bid_node
        value[bid_at] = -1.0
        route_at = starts[self.offers + self.bids : -1]
        index[route_at] = p.route_origin
        value[route_at] = -1.0
        index[route_at + 1] = p.route_destination
        value[route_at + 1] = 1.0
        index[route_at + 2] = origin_row[p.route_origin]
        value[route_at + 2] = 1.0
        columns = len(self.upper)
        rows = nodes + len(self.exporters)
        row_lower = np.concatenate(
            [np.zeros(nodes), np.full(len(self.exporters), -highspy.kHighsInf)]
        )
        self.solver.passModel(
            columns,
            rows,
            len(index),
            int(highspy.MatrixFormat.kColwise),
            int(highspy.ObjSense.kMinimize),
            0.0,
            np.concatenate([p.offer_ask, -p.bid_value, p.route_cost]),
            np.zeros(columns),
            self.upper,
            row_lower,
            np.zeros(rows),
            starts,
            index,
            value,
            np.zeros(columns, dtype=np.int32),  # all continuous
        )

    def add_caps(self, caps: tuple[Cap, ...] | list[Cap]) -> None:
        """Add export caps as rows: the sum of flows on the covered routes is at most the cap."""
        if not caps or not self.routes:
            self.caps.extend(caps)
            return
        offset = self.offers + self.bids
        starts = np.cumsum([0] + [len(covered) for covered, _ in caps[:-1]]).astype(np.int32)
        index = np.concatenate([offset + covered for covered, _ in caps]).astype(np.int32)
        limits = np.array([limit for _, limit in caps], dtype=float)
        self.solver.addRows(
            len(caps),
            np.full(len(caps), -highspy.kHighsInf),
            limits,
            len(index),
            starts,
            index,
            np.ones(len(index)),
        )
        self.caps.extend(caps)

    def solve(self) -> MarketSolution:
        """Solve (warm from the last basis if caps were added); raises if HiGHS fails."""
        nodes = self.problem.node_count
        if not len(self.upper):
            empty = np.zeros(0)
            return MarketSolution(empty, empty, empty, np.zeros(nodes), np.zeros(len(self.caps)))
        self.solver.run()
        status = self.solver.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"market LP not solved: {self.solver.modelStatusToString(status)}")
        solution = self.solver.getSolution()
        primal = np.clip(np.asarray(solution.col_value, dtype=float), 0.0, self.upper)
        duals = np.asarray(solution.row_dual, dtype=float)
        first_cap = nodes + len(self.exporters)
        cap_rent = np.maximum(0.0, -duals[first_cap:]) if self.routes else np.zeros(len(self.caps))
        origin_rent = np.zeros(nodes)
        origin_rent[self.exporters] = np.maximum(0.0, -duals[nodes:first_cap])
        return MarketSolution(
            offer_fill=primal[: self.offers],
            bid_fill=primal[self.offers : self.offers + self.bids],
            route_flow=primal[self.offers + self.bids :],
            node_price=duals[:nodes],
            cap_rent=cap_rent,
            origin_rent=origin_rent,
        )


def solve_market(problem: MarketProblem) -> MarketSolution:
    """Clear one market in a single solve."""
    return MarketLP(problem).solve()
