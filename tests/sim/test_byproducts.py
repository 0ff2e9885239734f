"""Co-products and by-products: a mine of joint products keeps its proportions, and a
by-product recovered at a host follows the host's activity up to its recovery capacity."""

from typing import Any

import pytest
from helpers.worlds import build, byproduct_worlds
from hypothesis import HealthCheck, given, settings

from rare_earth_game.game.describe import describe
from rare_earth_game.scenario import effects as fx
from rare_earth_game.sim.agents import Recovery
from rare_earth_game.sim.model import RareEarthModel

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YIELD = 2e-5
"""Tonnes of gallium per tonne of alumina in the gallium world below."""


def _run(data: dict[str, Any], turns: int | None = None) -> RareEarthModel:
    model = RareEarthModel(build(data), seed=0)
    model.run(turns)
    return model


def gallium_world(capacity: float) -> dict[str, Any]:
    """An alumina refinery in China whose liquor yields gallium, and US chip makers who want
    far more gallium than it can give: what limits gallium is the host or the capacity."""
    return {
        "meta": {"name": "Gallium world", "description": "Alumina and its gallium."},
        "time": {"start": "2025-Q1", "turns": 12},
        "nations": [
            {"id": "CHN", "name": "China", "role": "adversary"},
            {"id": "USA", "name": "United States", "role": "home"},
        ],
        "game": {"player": "USA", "adversary": "CHN"},
        "commodities": [
            {
                "id": "alumina",
                "name": "Alumina",
                "stage": "mining",
                "chain": "aluminium",
                "reference_price": 0.45,
            },
            {
                "id": "gallium",
                "name": "Gallium",
                "stage": "processing",
                "chain": "gallium",
                "reference_price": 300.0,
            },
        ],
        "miners": [
            {
                "id": "alumina_refinery",
                "name": "Alumina refinery",
                "nation": "CHN",
                "commodity": "alumina",
                "capacity": 10_000_000,
                "unit_cost": 0.3,
                "state_directed": True,
            }
        ],
        "recoveries": [
            {
                "id": "gallium_recovery",
                "name": "Gallium recovery",
                "nation": "CHN",
                "host": "alumina_refinery",
                "commodity": "gallium",
                "yield_per_unit": YIELD,
                "capacity": capacity,
                "unit_cost": 50.0,
                "state_directed": True,
            }
        ],
        "buyers": [
            {
                "id": "smelters",
                "nation": "CHN",
                "sector": "smelting",
                "commodity": "alumina",
                "base_demand": 8_000_000,
                "elasticity": 0.2,
            },
            {
                "id": "chips",
                "nation": "USA",
                "sector": "semiconductors",
                "commodity": "gallium",
                "base_demand": 1_000,
                "elasticity": 0.05,
            },
        ],
    }


def _output(model: RareEarthModel, facility: str, column: str = "output") -> list[float]:
    table = model.recorder.facilities_table()
    return table[table.facility == facility].sort_values("turn")[column].tolist()


# --- joint products ------------------------------------------------------------------------


@SETTINGS
@given(byproduct_worlds())
def test_a_joint_mine_keeps_its_proportions_and_material_is_conserved(
    data: dict[str, Any],
) -> None:
    model = _run(data)
    markets = model.recorder.markets_table()
    scale = markets[["opening_stock", "production", "imports", "use", "exports"]].abs().max(axis=1)
    assert (markets.residual.abs() <= 1e-6 * (1 + scale)).all()

    shares = data["miners"][-1]["outputs"]
    made = markets[markets.nation == "EEE"].pivot_table(
        index="turn", columns="commodity", values="production", aggfunc="sum", fill_value=0.0
    )
    extracted = _output(model, "joint_EEE")
    for turn, activity in enumerate(extracted):
        for good, share in shares.items():
            tonnes = float(made[good].get(turn, 0.0)) if good in made else 0.0
            assert tonnes == pytest.approx(activity * share, rel=1e-9, abs=1e-9)


# --- by-products ---------------------------------------------------------------------------


@SETTINGS
@given(byproduct_worlds())
def test_a_byproduct_never_exceeds_its_capacity_or_what_its_host_carries(
    data: dict[str, Any],
) -> None:
    model = _run(data)
    spec = data["recoveries"][0]
    recovered = _output(model, "recovery")
    hosted = _output(model, spec["host"])
    per_turn = spec["capacity"] / model.turns_per_year
    for got, host in zip(recovered, hosted, strict=True):
        assert got <= per_turn * (1 + 1e-9) + 1e-12
        assert got <= host * spec["yield_per_unit"] * (1 + 1e-9) + 1e-12


@pytest.mark.parametrize(("capacity", "limit"), [(2_000.0, "host"), (80.0, "capacity")])
def test_a_byproduct_in_demand_follows_its_host_up_to_its_capacity(
    capacity: float, limit: str
) -> None:
    model = _run(gallium_world(capacity))
    per_turn = [c / model.turns_per_year for c in _output(model, "gallium_recovery", "capacity")]
    alumina = _output(model, "alumina_refinery")
    gallium = _output(model, "gallium_recovery")
    for host, room, got in zip(alumina, per_turn, gallium, strict=True):
        assert got == pytest.approx(min(room, host * YIELD), rel=1e-9)
    binding = [host * YIELD < room for host, room in zip(alumina, per_turn, strict=True)]
    assert all(binding) if limit == "host" else not any(binding)


def test_an_alumina_slump_cuts_gallium_with_it() -> None:
    calm = _run(gallium_world(2_000.0))
    slumped = gallium_world(2_000.0)
    slumped["events"] = [
        {
            "id": "smelter_slump",
            "date": "2025-Q3",
            "title": "Smelters cut output",
            "effects": [{"type": "change_demand", "factor": 0.5, "commodity": "alumina"}],
        }
    ]
    hit = _run(slumped)
    before, after = _output(calm, "gallium_recovery"), _output(hit, "gallium_recovery")
    alumina_cut = [
        1 - slump / usual
        for slump, usual in zip(
            _output(hit, "alumina_refinery"), _output(calm, "alumina_refinery"), strict=True
        )
    ]
    assert after[:2] == before[:2]
    assert min(alumina_cut[3:]) > 0.4  # once smelters have used up their spare stock
    for turn in range(2, len(before)):
        assert 1 - after[turn] / before[turn] == pytest.approx(alumina_cut[turn], rel=1e-6)


def test_the_supply_line_counts_a_recovery_no_higher_than_its_host_carries() -> None:
    model = RareEarthModel(build(gallium_world(5_000.0)), seed=0)
    assert model.investment.capacity("gallium") == pytest.approx(10_000_000 * YIELD)


def test_a_recovery_expands_towards_its_hosts_ceiling_but_not_beyond() -> None:
    data = gallium_world(40.0)
    data["time"]["turns"] = 40
    model = _run(data)
    recovery = model.facilities["gallium_recovery"]
    host = model.facilities["alumina_refinery"]
    planned = recovery.capacity + sum(added for added, _ in recovery.expansions)
    host_planned = host.capacity + sum(added for added, _ in host.expansions)
    assert planned > 40.0
    assert planned <= host_planned * YIELD * (1 + 1e-9)


def test_add_recovery_starts_one_at_its_host_and_says_so_in_words() -> None:
    data = gallium_world(2_000.0)
    data["recoveries"] = []
    effect = {
        "type": "add_recovery",
        "id": "new_recovery",
        "name": "New gallium circuit",
        "nation": "CHN",
        "host": "alumina_refinery",
        "commodity": "gallium",
        "yield_per_unit": YIELD,
        "capacity": 120.0,
        "unit_cost": 50.0,
        "status": "building",
        "turns_to_complete": 2,
    }
    data["events"] = [{"id": "build", "date": "2025-Q2", "title": "Build", "effects": [effect]}]
    scenario = build(data)
    model = RareEarthModel(scenario, seed=0)
    model.run(2)
    added = model.facilities["new_recovery"]
    assert isinstance(added, Recovery)
    assert added.status == "building"
    model.run(6)
    assert sum(_output(model, "new_recovery")) > 0
    words = describe(fx.AddRecovery.model_validate(effect), scenario)
    assert "New gallium circuit" in words
    assert "120 t/yr of Gallium" in words
    assert "by-product of Alumina refinery" in words
