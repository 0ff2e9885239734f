"""The market LP: prices are the marginal cost or value, caps create rents, bans cut routes."""

import numpy as np
import pytest

from rare_earth_game.sim.market.lp import MarketLP, MarketProblem, solve_market


def _problem(**overrides: object) -> MarketProblem:
    """Two nations: cheap supply at node 0, demand at node 1, one route 0 -> 1."""
    values = {
        "node_count": 2,
        "offer_node": np.array([0, 0]),
        "offer_quantity": np.array([100.0, 100.0]),
        "offer_ask": np.array([10.0, 20.0]),
        "bid_node": np.array([1, 1, 0]),
        "bid_quantity": np.array([30.0, 50.0, 50.0]),
        "bid_value": np.array([100.0, 40.0, 12.0]),
        "route_origin": np.array([0]),
        "route_destination": np.array([1]),
        "route_cost": np.array([1.0]),
    }
    values.update(overrides)
    return MarketProblem(**values)  # type: ignore[arg-type]


def test_the_price_is_set_by_the_marginal_step_and_the_route_cost() -> None:
    solution = solve_market(_problem())
    # The $10 step covers the 80 t valued at $100 and $40, then 20 t of the $12 bid at
    # node 0, which is left part-filled and so sets node 0's price; $20 supply stays unsold.
    assert solution.offer_fill.tolist() == pytest.approx([100.0, 0.0])
    assert solution.bid_fill.tolist() == pytest.approx([30.0, 50.0, 20.0])
    assert solution.node_price[0] == pytest.approx(12.0)
    assert solution.node_price[1] == pytest.approx(13.0)


def test_when_demand_exceeds_cheap_supply_the_dearer_seller_sets_the_price() -> None:
    solution = solve_market(_problem(bid_value=np.array([100.0, 40.0, 25.0])))
    assert solution.offer_fill.tolist() == pytest.approx([100.0, 30.0])
    assert solution.node_price[0] == pytest.approx(20.0)
    assert solution.node_price[1] == pytest.approx(21.0)


def test_material_balances_at_every_node() -> None:
    solution = solve_market(_problem())
    flow = solution.route_flow[0]
    assert solution.offer_fill.sum() - solution.bid_fill[2] - flow == pytest.approx(0.0)
    assert flow - solution.bid_fill[:2].sum() == pytest.approx(0.0)


def test_a_cap_on_a_route_creates_a_rent_equal_to_the_price_gap() -> None:
    solution = solve_market(_problem(caps=((np.array([0]), 40.0),)))
    assert solution.route_flow[0] == pytest.approx(40.0)
    gap = solution.node_price[1] - solution.node_price[0] - 1.0
    assert solution.cap_rent[0] == pytest.approx(gap)
    assert gap > 0


def test_caps_added_after_a_first_solve_bind_on_the_warm_solve() -> None:
    lp = MarketLP(_problem())
    first = lp.solve()
    lp.add_caps([(np.array([0]), 10.0)])
    second = lp.solve()
    assert first.route_flow[0] > 10.0
    assert second.route_flow[0] == pytest.approx(10.0)


def test_without_a_route_goods_cannot_cross() -> None:
    solution = solve_market(
        _problem(
            route_origin=np.array([], dtype=int),
            route_destination=np.array([], dtype=int),
            route_cost=np.array([]),
        )
    )
    assert solution.bid_fill[:2].sum() == pytest.approx(0.0)
    assert solution.node_price[1] >= 100.0 - 1e-9  # nothing to buy: the unmet bid sets the price
