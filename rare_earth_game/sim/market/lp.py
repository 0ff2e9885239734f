"""One commodity's market as a welfare-maximising linear program, solved with HiGHS.

Sellers offer tonnes at an ask, buyers bid tonnes at a willingness to pay, and goods move
between nations along routes that cost transport plus tariff and duty wedges. The LP
maximises buyers' value minus sellers' asks minus route costs, subject to one material
balance per nation and to export caps (quotas, licences). Its duals are the prices: one
per nation (the balance rows) and one rent per cap, so a binding quota shows up as an
export price above the exporter's home price.
"""

import os
import sys
import threading
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


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
    caps: tuple[tuple[IntArray, float], ...] = ()
    """Each cap: the route indexes it covers and the most tonnes they may carry together."""


@dataclass(frozen=True)
class MarketSolution:
    offer_fill: FloatArray
    bid_fill: FloatArray
    route_flow: FloatArray
    node_price: FloatArray
    cap_rent: FloatArray
    """Per cap: price gap it creates per tonne (0 when it does not bind)."""


_solvers = threading.local()


def _solver() -> highspy.Highs:
    """One reusable HiGHS instance per thread: building a new one costs more than a solve."""
    solver = getattr(_solvers, "highs", None)
    if solver is None:
        solver = _construct_quietly()
        solver.setOptionValue("output_flag", False)
        solver.setOptionValue("threads", 1)  # deterministic and cheap for tiny LPs
        _solvers.highs = solver
    return solver


def _construct_quietly() -> highspy.Highs:
    """Build HiGHS without its C-level start-up banner reaching the user's terminal."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):
        return highspy.Highs()
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def solve_market(problem: MarketProblem) -> MarketSolution:
    """Clear one market; raises RuntimeError only if HiGHS fails on a well-formed problem."""
    offers, bids, routes = len(problem.offer_ask), len(problem.bid_value), len(problem.route_cost)
    columns = offers + bids + routes
    nodes = problem.node_count
    rows = nodes + len(problem.caps)
    if columns == 0:
        empty = np.zeros(0)
        return MarketSolution(empty, empty, empty, np.zeros(nodes), np.zeros(len(problem.caps)))

    cost = np.concatenate([problem.offer_ask, -problem.bid_value, problem.route_cost])
    upper = np.concatenate(
        [problem.offer_quantity, problem.bid_quantity, np.full(routes, highspy.kHighsInf)]
    )

    # Column-wise matrix: an offer adds +1 at its node, a bid -1, a route -1 at its origin
    # and +1 at its destination, plus +1 in every cap row that covers it.
    route_caps: list[list[int]] = [[] for _ in range(routes)]
    for cap_row, (covered, _) in enumerate(problem.caps):
        for route in covered:
            route_caps[int(route)].append(nodes + cap_row)
    starts = [0]
    index: list[int] = []
    value: list[float] = []
    for node in problem.offer_node:
        index.append(int(node))
        value.append(1.0)
        starts.append(len(index))
    for node in problem.bid_node:
        index.append(int(node))
        value.append(-1.0)
        starts.append(len(index))
    for route in range(routes):
        origin, destination = int(problem.route_origin[route]), int(problem.route_destination[route])
        entries = sorted([(origin, -1.0), (destination, 1.0)] + [(r, 1.0) for r in route_caps[route]])
        for row, coefficient in entries:
            index.append(row)
            value.append(coefficient)
        starts.append(len(index))

    lp = highspy.HighsLp()
    lp.num_col_ = columns
    lp.num_row_ = rows
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(columns)
    lp.col_upper_ = upper
    cap_limits = np.array([limit for _, limit in problem.caps], dtype=float)
    lp.row_lower_ = np.concatenate([np.zeros(nodes), np.full(len(problem.caps), -highspy.kHighsInf)])
    lp.row_upper_ = np.concatenate([np.zeros(nodes), cap_limits])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=float)

    solver = _solver()
    solver.clearModel()
    solver.passModel(lp)
    solver.run()
    status = solver.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"market LP not solved: {solver.modelStatusToString(status)}")
    solution = solver.getSolution()
    primal = np.clip(np.asarray(solution.col_value, dtype=float), 0.0, upper)
    duals = np.asarray(solution.row_dual, dtype=float)
    return MarketSolution(
        offer_fill=primal[:offers],
        bid_fill=primal[offers : offers + bids],
        route_flow=primal[offers + bids :],
        node_price=duals[:nodes],
        cap_rent=np.maximum(0.0, -duals[nodes:]),
    )
