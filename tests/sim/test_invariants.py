"""Invariants every world must keep, checked on hypothesis-generated small worlds.

Material is conserved per commodity, nation and turn; a ban stops flow on its routes, and
a ban on content and re-exports keeps the banned nation's material out of the target's
imports whatever the route; a quota caps exports; a licence approves its share of all
requests; a tariff opens a price gap equal to its wedge while goods flow; prices are finite
and non-negative; a seed gives the same history twice.
"""

from typing import Any

import numpy as np
import pandas as pd
import pytest
from helpers.worlds import build, lagged_licence_worlds, re_export_ban_worlds, small_worlds
from hypothesis import HealthCheck, given, settings

from rare_earth_game.scenario.content import reaches
from rare_earth_game.sim.model import RareEarthModel

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(data: dict[str, Any], seed: int = 0) -> RareEarthModel:
    model = RareEarthModel(build(data), seed=seed)
    model.run()
    return model


def _controls(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in data["policies"]["export_controls"] if c["kind"] == kind]


@SETTINGS
@given(small_worlds())
def test_material_is_conserved_for_every_commodity_nation_and_turn(data: dict[str, Any]) -> None:
    markets = _run(data).recorder.markets_table()
    scale = markets[["opening_stock", "production", "imports", "use", "exports"]].abs().max(axis=1)
    assert (markets.residual.abs() <= 1e-6 * (1 + scale)).all()


@SETTINGS
@given(small_worlds())
def test_a_ban_gives_zero_flow(data: dict[str, Any]) -> None:
    flows = _run(data).recorder.flows_table()
    for ban in _controls(data, "ban"):
        banned = flows[
            (flows.exporter == ban["exporter"])
            & flows.importer.isin(ban["destinations"])
            & flows.commodity.isin(ban["commodities"])
        ]
        assert banned.empty


@SETTINGS
@given(re_export_ban_worlds())
def test_a_content_ban_keeps_the_banned_nations_material_out_of_the_targets_imports(
    data: dict[str, Any],
) -> None:
    """No route into the target carries goods (the banned good or one containing it) whose
    content of the exporter's origin reaches the ban's threshold: not from the exporter,
    and not from a third nation that bought, processed or stockpiled its material."""
    ban = data["policies"]["export_controls"][-1]
    exporter, threshold = ban["exporter"], ban["re_export_threshold"]
    model = RareEarthModel(build(data), seed=0)
    while not model.finished:
        model.step()
        provenance = model.provenance
        for good in model.policies.controls[ban["id"]].scope:
            clearing = model.clearings[good]
            used = zip(clearing.build.routes, clearing.solution.route_flow, strict=True)
            for route, tonnes in used:
                if tonnes <= 0 or route.destination not in ban["destinations"]:
                    continue
                if route.destination == route.exporter:
                    continue  # sold at home: not an import
                assert route.exporter != exporter
                content = provenance.share(clearing.sold_content[route.origin], exporter)
                assert not reaches(content, threshold), (good, route, content)


@SETTINGS
@given(lagged_licence_worlds())
def test_a_lagged_licence_approves_its_share_of_all_requests_once_they_have_arrived(
    data: dict[str, Any],
) -> None:
    """Requests stop when the ban comes; by the end every approval has arrived."""
    model = _run(data)
    state = model.policies.controls["licence"]
    share = state.control.approval_share
    assert set(state.approved) == set(state.requested)
    for good, requested in state.requested.items():
        assert state.approved[good] == pytest.approx(share * requested, rel=1e-9, abs=1e-6)
    assert all(
        t < model.turn or tonnes == 0 for q in state.pending.values() for t, tonnes in q.items()
    )


@SETTINGS
@given(small_worlds())
def test_a_quota_caps_exports(data: dict[str, Any]) -> None:
    model = _run(data)
    flows = model.recorder.flows_table()
    for quota in _controls(data, "quota"):
        covered = flows[
            (flows.exporter == quota["exporter"])
            & flows.importer.isin(quota["destinations"])
            & flows.commodity.isin(quota["commodities"])
        ]
        per_turn = quota["tonnes_per_year"] / model.turns_per_year
        shipped = covered.groupby(["turn", "commodity"]).tonnes.sum()
        assert (shipped <= per_turn + 1e-6).all()


@SETTINGS
@given(small_worlds())
def test_prices_are_finite_and_not_negative(data: dict[str, Any]) -> None:
    model = _run(data)
    prices = model.recorder.markets_table().price.dropna()
    assert np.isfinite(prices).all()
    assert (prices >= 0).all()
    table = model.recorder.model_table()
    price_columns = [c for c in table.columns if ".price." in c]
    assert np.isfinite(table[price_columns].fillna(0.0).to_numpy()).all()


@SETTINGS
@given(small_worlds())
def test_importers_pay_the_exporters_price_plus_freight_tariff_duty_and_rent(
    data: dict[str, Any],
) -> None:
    """LP duality: on every route used, the price gap equals the route's per-tonne wedges."""
    model = _run(data)
    flows = model.recorder.flows_table()
    markets = model.recorder.markets_table().set_index(["turn", "commodity", "nation"]).price
    for flow in flows.itertuples():
        per_kg = 1000 / flow.tonnes
        landed = flow.fob_price + (flow.tariff_musd + flow.transport_musd) * per_kg
        assert markets[(flow.turn, flow.commodity, flow.importer)] == pytest.approx(
            landed, rel=1e-6, abs=1e-6
        )


@SETTINGS
@given(small_worlds())
def test_the_same_seed_gives_the_same_history(data: dict[str, Any]) -> None:
    first, second = _run(data, seed=7), _run(data, seed=7)
    pd.testing.assert_frame_equal(first.recorder.model_table(), second.recorder.model_table())
    pd.testing.assert_frame_equal(first.recorder.flows_table(), second.recorder.flows_table())
