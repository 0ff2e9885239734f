"""Agents behave as the design says: buyers thrift and hoard, firms invest, mothball, fail."""

from typing import Any

import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.sim.agents import Buyer, Facility
from rare_earth_game.sim.model import RareEarthModel


def _model(data: dict[str, Any]) -> RareEarthModel:
    return RareEarthModel(build(data), seed=0)


def _buyer(model: RareEarthModel, key: str) -> Buyer:
    return next(b for b in model.buyers if b.key == key)


def _ban_magnets_to_usa(data: dict[str, Any]) -> None:
    data.setdefault("policies", {})["export_controls"] = [
        {
            "id": "ban",
            "exporter": "CHN",
            "commodities": ["magnet"],
            "destinations": ["USA"],
            "kind": "ban",
        }
    ]


def test_buyers_thrift_when_prices_stay_high_but_at_most_about_10_percent_a_year() -> None:
    data = tiny_data()
    _ban_magnets_to_usa(data)
    model = _model(data)
    buyer = _buyer(model, "usa_magnet_use")
    model.run(4)
    after_one_year = buyer.intensity
    model.run(8)
    after_three_years = buyer.intensity
    assert after_one_year < 1.0
    assert after_one_year >= 0.9 - 1e-9
    assert after_three_years >= 0.9**3 - 1e-9


def test_buyers_do_not_thrift_at_normal_prices() -> None:
    model = _model(tiny_data())
    model.run(4)
    assert _buyer(model, "chn_magnet_use").intensity == pytest.approx(1.0)


def test_buyers_want_more_safety_stock_when_supply_risk_rises() -> None:
    model = _model(tiny_data())
    model.run(2)
    buyer = _buyer(model, "usa_magnet_use")
    buyer.risk = 0.0
    calm = buyer.stock_target()
    buyer.risk = 0.6
    assert buyer.stock_target() > 1.3 * calm


def test_dear_stock_is_bounded_by_the_working_capital_set_aside_for_it() -> None:
    model = _model(tiny_data())
    model.run(2)
    buyer = _buyer(model, "usa_magnet_use")
    buyer.risk = 1.0
    normal = buyer.stock_target()
    model.prices.expected["magnet"]["USA"] *= 3  # the same fear, at three times the price
    assert buyer.stock_target() < 0.5 * normal


def test_a_licence_raises_the_risk_buyers_perceive() -> None:
    calm = _model(tiny_data())
    data = tiny_data()
    data["events"] = [
        {
            "id": "threat",
            "date": "2025-Q1",
            "title": "Licences announced",
            "effects": [
                {
                    "type": "set_export_control",
                    "id": "lic",
                    "exporter": "CHN",
                    "commodities": ["magnet"],
                    "kind": "licence",
                    "approval_share": 0.9,
                    "delay_turns": 0,
                }
            ],
        }
    ]
    tense = _model(data)
    calm.run(2)
    tense.run(2)
    assert _buyer(tense, "usa_magnet_use").risk > _buyer(calm, "usa_magnet_use").risk


def _facility(model: RareEarthModel, key: str) -> Facility:
    return model.facilities[key]


def test_a_private_mine_that_loses_money_for_a_year_is_mothballed() -> None:
    data = tiny_data()
    for miner in data["miners"]:
        if miner["id"] == "ally_mine":
            miner["unit_cost"] = 40.0  # far above any ore price
    model = _model(data)
    model.run(6)
    assert _facility(model, "ally_mine").status == "mothballed"
    notes = model.recorder.notes_table()
    assert "ally_mine" in set(notes[notes.kind == "facility_mothballed"].subject)


def test_a_firm_deep_in_debt_goes_bankrupt_and_closes() -> None:
    data = tiny_data()
    for refiner in data["refiners"]:
        if refiner["id"] == "aus_sep":
            refiner.update(cash=-500.0, credit_line=100.0, fixed_cost=50.0)
    model = _model(data)
    model.run(8)
    plant = _facility(model, "aus_sep")
    assert plant.bankrupt
    assert plant.status == "closed"


def test_state_directed_producers_never_go_bankrupt() -> None:
    data = tiny_data()
    for refiner in data["refiners"]:
        if refiner["id"] == "chn_sep":
            refiner.update(cash=-5000.0, credit_line=0.0)
    model = _model(data)
    model.run(8)
    assert not _facility(model, "chn_sep").bankrupt


def test_a_prospect_is_committed_when_margins_stay_high_and_opens_after_its_lead_time() -> None:
    data = tiny_data()
    data["nations"][2]["permitting_years"] = 1.0  # Australia
    data["miners"].append(
        {
            "id": "new_mine",
            "name": "New mine",
            "nation": "AUS",
            "commodity": "ore",
            "status": "prospect",
            "capacity": 10_000,
            "unit_cost": 0.5,
            "capex": 100.0,
        }
    )
    data["time"]["turns"] = 30
    model = _model(data)
    model.run(30)
    notes = model.recorder.notes_table()
    committed = notes[(notes.kind == "project_committed") & (notes.subject == "new_mine")].turn
    opened = notes[(notes.kind == "facility_opened") & (notes.subject == "new_mine")].turn
    assert len(committed) == 1
    assert len(opened) == 1
    lead = model.years_to_turns(model.build_years("mine", "AUS", permitting=True))
    assert int(opened.iloc[0]) - int(committed.iloc[0]) == lead


def test_a_building_project_opens_and_then_ramps_up() -> None:
    data = tiny_data()
    data["refiners"].append(
        {
            "id": "late_plant",
            "name": "Late plant",
            "nation": "AUS",
            "recipe": "separate",
            "status": "building",
            "turns_to_complete": 2,
            "ramp_up_turns": 4,
            "capacity": 8000,
            "unit_cost": 1.0,
        }
    )
    model = _model(data)
    model.run(2)
    plant = model.facilities["late_plant"]
    assert plant.status == "operating"
    first = plant.capacity_per_turn()
    model.run(4)
    assert 0 < first < plant.capacity_per_turn() == pytest.approx(8000 / 4)


def _mine_of_sites(units: int) -> tuple[RareEarthModel, Facility, dict[str, float]]:
    """The tiny world with the ally's mine as `units` sites, and the margin it expects over
    the coming year set by hand (`expects["margin"]`): a lasting loss to begin with."""
    data = tiny_data()
    for miner in data["miners"]:
        if miner["id"] == "ally_mine":
            miner.update(units=units, fixed_cost=8.0)
    model = _model(data)
    mine = _facility(model, "ally_mine")
    expects = {"margin": -1.0}
    mine.year_ahead_margin = lambda: expects["margin"]  # type: ignore[method-assign]
    return model, mine, expects


def test_an_aggregate_of_sites_losing_money_shuts_one_site_at_a_time() -> None:
    """Many small collectors or mines (`units` > 1) do not all stop at once: after a year
    of expected losses the dearest site shuts and the rest run on, and so on until the
    last one mothballs the facility."""
    model, mine, _ = _mine_of_sites(2)
    model.run(4)
    assert (mine.status, mine.idle_sites) == ("operating", 1)
    assert mine.capacity == pytest.approx(30000 / 2)
    assert mine.fixed_cost == pytest.approx(8.0 / 2)
    assert mine.sold_tonnes > 0, "the site left running still sells"
    notes = model.recorder.notes_table()
    assert "ally_mine" in set(notes[notes.kind == "site_mothballed"].subject)
    model.run(4)
    assert mine.status == "mothballed", "the last site mothballs the facility"
    assert mine.capacity + mine.idle_capacity == pytest.approx(30000)


def test_mothballed_sites_restart_one_by_one_once_running_pays_again() -> None:
    model, mine, expects = _mine_of_sites(3)
    model.run(4)
    assert mine.idle_sites == 1
    expects["margin"] = 5.0
    model.run(4)
    assert mine.idle_sites == 0
    assert mine.capacity + sum(added for added, _ in mine.expansions) >= 30000 - 1e-6
    notes = model.recorder.notes_table()
    assert "ally_mine" in set(notes[notes.kind == "site_restarting"].subject)


def test_a_plant_expands_into_feed_that_other_plants_have_room_for_but_do_not_use() -> None:
    """Spare feed is what the supply line delivers beyond what plants use and what is being
    built, not beyond every plant's nameplate: a huge, half-idle magnet maker elsewhere
    must not stop one that pays from growing."""
    data = tiny_data()
    for refiner in data["refiners"]:
        if refiner["id"] == "chn_magnets":
            refiner["capacity"] = 600000  # its nameplate needs more oxide than there is
    data["refiners"].append(
        {
            "id": "aus_magnets",
            "name": "Ally magnets",
            "nation": "AUS",
            "recipe": "magnetise",
            "capacity": 5000,
            "unit_cost": 20.0,
        }
    )
    model = _model(data)
    model.run(4)
    planner = model.investment
    planner.capacity("oxide")  # works out the supply line
    assert planner.needs["oxide"] > planner.supply["oxide"] * 1.1
    assert planner._feed_room(_facility(model, "aus_magnets")) > 0
