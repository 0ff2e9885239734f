"""Each trade and industrial policy, in the tiny world, does what its name says."""

from typing import Any

import numpy as np
import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.sim.model import RareEarthModel


def _run(data: dict[str, Any], turns: int | None = None) -> RareEarthModel:
    model = RareEarthModel(build(data), seed=0)
    model.run(turns)
    return model


def _policies(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return data.setdefault("policies", {})


def _price(model: RareEarthModel, commodity: str, nation: str) -> float:
    markets = model.recorder.markets_table()
    row = markets[(markets.commodity == commodity) & (markets.nation == nation)]
    return float(row.price.iloc[-1])


def _exports(model: RareEarthModel, commodity: str, exporter: str, importer: str) -> list[float]:
    flows = model.recorder.flows_table()
    route = flows[
        (flows.commodity == commodity) & (flows.exporter == exporter) & (flows.importer == importer)
    ]
    by_turn = route.groupby("turn").tonnes.sum()
    return [float(by_turn.get(t, 0.0)) for t in range(model.turn)]


def test_a_tariff_opens_a_price_gap_of_about_its_size_while_goods_flow() -> None:
    data = tiny_data()
    _policies(data)["tariffs"] = [
        {
            "id": "t",
            "importer": "USA",
            "exporters": ["CHN"],
            "commodities": ["magnet"],
            "rate": 0.25,
        }
    ]
    model = _run(data, 6)
    assert _exports(model, "magnet", "CHN", "USA")[-1] > 0
    china, usa = _price(model, "magnet", "CHN"), _price(model, "magnet", "USA")
    freight = model.transport_cost("CHN", "USA")
    assert (usa - china - freight) / china == pytest.approx(0.25, abs=0.05)


def test_without_a_tariff_the_gap_is_only_freight() -> None:
    model = _run(tiny_data(), 6)
    gap = _price(model, "magnet", "USA") - _price(model, "magnet", "CHN")
    assert gap == pytest.approx(model.transport_cost("CHN", "USA"), abs=1e-6)


def test_a_ban_with_no_other_seller_leaves_the_importer_short_and_without_a_price() -> None:
    free = _run(tiny_data(), 6)
    data = tiny_data()
    _policies(data)["export_controls"] = [
        {
            "id": "b",
            "exporter": "CHN",
            "commodities": ["magnet"],
            "destinations": ["USA"],
            "kind": "ban",
        }
    ]
    banned = _run(data, 6)
    assert sum(_exports(banned, "magnet", "CHN", "USA")) == 0
    assert _price(free, "magnet", "USA") > 0
    assert np.isnan(_price(banned, "magnet", "USA"))  # nothing traded: no price, no shadow
    markets = banned.recorder.markets_table()
    usa = markets[(markets.commodity == "magnet") & (markets.nation == "USA")].iloc[-1]
    assert usa.unmet > 0.9 * usa.demand
    buyer = next(b for b in banned.buyers if b.key == "usa_magnet_use")
    assert buyer.shortage > 3  # its buyers feel a price several times normal


def test_a_binding_quota_caps_exports_and_splits_the_price_in_two() -> None:
    data = tiny_data()
    _policies(data)["export_controls"] = [
        {
            "id": "q",
            "exporter": "CHN",
            "commodities": ["magnet"],
            "kind": "quota",
            "tonnes_per_year": 4000,
        }
    ]
    model = _run(data, 6)
    assert max(_exports(model, "magnet", "CHN", "USA")) <= 4000 / 4 + 1e-6
    notes = model.recorder.notes_table()
    assert "q" in set(notes[notes.kind == "control_binds"].subject)
    assert _price(model, "magnet", "USA") > 1.5 * _price(model, "magnet", "CHN")


def _licence_from(date: str, share: float, delay: int) -> dict[str, Any]:
    """An event that puts a licence on China's magnet exports from a date."""
    return {
        "id": "lic",
        "date": date,
        "title": "Licences required",
        "effects": [
            {
                "type": "set_export_control",
                "id": "l",
                "exporter": "CHN",
                "commodities": ["magnet"],
                "kind": "licence",
                "approval_share": share,
                "delay_turns": delay,
            }
        ],
    }


def test_a_licence_approves_its_share_of_each_turns_requests_over_the_next_turns() -> None:
    """Each turn's requests are approved at `approval_share`, in equal parts over that turn
    and the next 2 x delay turns; exports never exceed the approvals arriving."""
    data = tiny_data()
    data["events"] = [_licence_from("2025-Q1", 0.5, 1)]
    model = RareEarthModel(build(data), seed=0)
    requested, arrived = [], []
    for _ in range(6):
        state = model.policies.controls.get("l")
        before = (
            (0.0, 0.0) if state is None else (state.requested["magnet"], state.approved["magnet"])
        )
        model.step()
        state = model.policies.controls["l"]
        requested.append(state.requested["magnet"] - before[0])
        arrived.append(state.approved["magnet"] - before[1])
    exports = _exports(model, "magnet", "CHN", "USA")
    assert min(requested) > 0
    for turn in range(6):
        due = sum(requested[t] for t in range(max(0, turn - 2), turn + 1))
        assert arrived[turn] == pytest.approx(0.5 * due / 3)
        assert exports[turn] <= arrived[turn] + 1e-6
    assert sum(exports) < 0.5 * sum(requested)


def test_the_first_quarter_of_a_lagged_licence_ships_a_part_not_nothing() -> None:
    data = tiny_data()
    data["events"] = [_licence_from("2025-Q3", 0.6, 1)]
    model = RareEarthModel(build(data), seed=0)
    model.run(3)
    exports = _exports(model, "magnet", "CHN", "USA")
    requested = model.policies.controls["l"].requested["magnet"]
    assert exports[1] > 0  # before the licence
    assert 0 < exports[2] == pytest.approx(0.6 * requested / 3)  # a third of its approvals
    assert exports[2] < 0.5 * exports[1]


def test_a_price_floor_pays_covered_producers_the_shortfall() -> None:
    data = tiny_data()
    _policies(data)["price_floors"] = [
        {
            "id": "f",
            "nation": "AUS",
            "commodity": "oxide",
            "price": 500.0,
            "facilities": ["aus_sep"],
        }
    ]
    model = RareEarthModel(build(data), seed=0)
    paid = received = 0.0
    for _ in range(4):
        model.step()
        paid += model.nations["AUS"].floors_paid
        received += model.facilities["aus_sep"].floor_payment
    assert paid > 0
    assert received == pytest.approx(paid)


def test_a_production_quota_caps_state_directed_output() -> None:
    data = tiny_data()
    _policies(data)["production_quotas"] = [
        {"id": "pq", "nation": "CHN", "commodities": ["ore"], "tonnes_per_year": 40_000}
    ]
    model = _run(data, 4)
    markets = model.recorder.markets_table()
    mined = markets[(markets.commodity == "ore") & (markets.nation == "CHN")].production
    assert (mined <= 40_000 / 4 + 1e-6).all()
    assert mined.max() > 0


def _banned_with_stockpile(release_per_year: float, release_to: str = "market") -> RareEarthModel:
    """China bans magnets to the US, which holds 3,000 t released when prices double."""
    data = tiny_data()
    _policies(data)["export_controls"] = [
        {
            "id": "b",
            "exporter": "CHN",
            "commodities": ["magnet"],
            "destinations": ["USA"],
            "kind": "ban",
        }
    ]
    _policies(data)["stockpiles"] = [
        {
            "id": "s",
            "nation": "USA",
            "commodity": "magnet",
            "tonnes": 3000,
            "release_above_multiple": 2.0,
            "release_tonnes_per_year": release_per_year,
            "release_to": release_to,
        }
    ]
    return RareEarthModel(build(data), seed=0)


def test_a_stockpile_releases_when_the_home_price_passes_its_trigger() -> None:
    model = _banned_with_stockpile(8000)
    stockpile = model.nations["USA"].stockpile("magnet")
    trigger = 2.0 * model.reference_price("magnet")
    while stockpile.released == 0 and model.turn < 4:
        model.step()
    assert stockpile.released > 0, "the stockpile never released"
    assert _price(model, "magnet", "USA") <= trigger + 1e-6  # releases cap the price
    model.run(3)  # once the stock is gone, nothing is left to buy at any price
    assert stockpile.holding == pytest.approx(0.0, abs=1e-6)
    buyer = next(b for b in model.buyers if b.key == "usa_magnet_use")
    assert buyer.shortage * model.reference_price("magnet") > trigger


def test_a_defence_stockpile_supplies_defence_users_not_the_market() -> None:
    """Kept for defence, the stock covers what defence users could not buy, and no one
    else gets it; sold into the market, every buyer bids for it."""
    unmet: dict[str, float] = {}
    for release_to in ("market", "defence"):
        model = _banned_with_stockpile(2000, release_to)
        stockpile = model.nations["USA"].stockpile("magnet")
        defence = next(b for b in model.buyers if b.key == "usa_defence")
        unmet[release_to] = 0.0
        for _ in range(4):
            model.step()
            unmet[release_to] += defence.unmet
            assert defence.consumed <= defence.desired + 1e-9
        if release_to == "defence":
            assert model.nations["USA"].offers("magnet") == [], "none of it is offered"
            assert stockpile.holding < 3000, "defence users drew on it"
        markets = model.recorder.markets_table()
        assert markets.residual.abs().max() < 1e-6 * markets.production.abs().max()
    assert unmet["defence"] < 0.5 * unmet["market"], unmet


def test_a_subsidy_is_paid_from_the_nations_budget() -> None:
    data = tiny_data()
    _policies(data)["subsidies"] = [{"id": "s", "nation": "AUS", "usd_per_kg": 1.0}]
    model = _run(data, 3)
    assert model.nations["AUS"].subsidies_paid > 0


def test_a_permitting_reform_speeds_every_project_started_after_it_restarts_included() -> None:
    """Halving a nation's lead times applies to projects started from then on: new plants,
    and existing ones set to building again (a mine's restart), but not to the projects of
    other nations."""
    from rare_earth_game.scenario import effects as fx
    from rare_earth_game.sim.origin import Origin, Source

    model = RareEarthModel(build(tiny_data()), seed=0)
    source = Source(Origin.PLAYER, "test")
    reform = fx.ChangeLeadTime(type="change_lead_time", nation="AUS", factor=0.5)
    model.apply_effects([reform], source)
    restart = {"type": "set_facility_status", "status": "building", "turns_to_complete": 8}
    for key in ("ally_mine", "big_mine"):  # in Australia, which reformed, and in China
        model.apply_effects([fx.SetFacilityStatus(facility=key, **restart)], source)
    assert model.facilities["ally_mine"].turns_left == 4
    assert model.facilities["big_mine"].turns_left == 8
