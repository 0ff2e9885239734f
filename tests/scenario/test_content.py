"""What goods contain: embodied value shares through the recipes, at reference prices."""

from typing import Any

import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.content import ContentTable, reaches


def _with_dy(data: dict[str, Any]) -> dict[str, Any]:
    """The tiny world with Dy: separation also yields Dy oxide, and magnets need some."""
    data["commodities"].append(
        {
            "id": "dy_oxide",
            "name": "Dy oxide",
            "stage": "processing",
            "chain": "rare_earth",
            "reference_price": 240.0,
        }
    )
    recipes = {r["id"]: r for r in data["recipes"]}
    recipes["separate"]["outputs"] = {"oxide": 0.2, "dy_oxide": 0.005}
    recipes["magnetise"]["inputs"] = {"oxide": 0.3, "dy_oxide": 0.01}
    return data


def _table(data: dict[str, Any]) -> ContentTable:
    scenario = build(data)
    return ContentTable(scenario.commodities, scenario.recipes)


def test_a_good_contains_its_inputs_by_their_value_over_its_own() -> None:
    table = _table(_with_dy(tiny_data()))
    assert table.share("magnet", ["dy_oxide"]) == pytest.approx(0.01 * 240 / 50)
    assert table.share("magnet", ["oxide"]) == pytest.approx(0.3 * 60 / 50)
    assert table.share("dy_oxide", ["dy_oxide"]) == 1.0
    assert table.share("oxide", ["dy_oxide"]) == 0.0  # a co-product is not an ingredient


def test_a_recipes_inputs_are_shared_among_its_outputs_by_value() -> None:
    table = _table(_with_dy(tiny_data()))
    outputs_value = 0.2 * 60 + 0.005 * 240
    for output in ("oxide", "dy_oxide"):
        assert table.share(output, ["ore"]) == pytest.approx(1.0 * 4 / outputs_value)


def test_shares_chain_through_the_recipes_and_count_a_set_once() -> None:
    table = _table(_with_dy(tiny_data()))
    ore_in_oxides = 4 / (0.2 * 60 + 0.005 * 240)
    in_magnet = (0.3 * 60 + 0.01 * 240) / 50
    assert table.share("magnet", ["ore"]) == pytest.approx(in_magnet * ore_in_oxides)
    # ore and the oxides made of it together are the oxides' value, not more
    assert table.share("magnet", ["ore", "oxide", "dy_oxide"]) == pytest.approx(in_magnet)


def test_a_good_made_two_ways_takes_the_larger_share_and_shares_stop_at_one() -> None:
    data = tiny_data()
    data["commodities"].append(
        {
            "id": "scrap",
            "name": "Scrap",
            "stage": "scrap",
            "chain": "rare_earth",
            "reference_price": 100.0,
        }
    )
    data["recipes"].append(
        {
            "id": "recycle",
            "name": "Recycling",
            "process": "recycling",
            "inputs": {"scrap": 1.0},
            "outputs": {"oxide": 0.5},
        }
    )
    table = _table(data)
    assert table.share("oxide", ["scrap"]) == 1.0  # 100 of scrap in 30 of oxide, capped
    assert table.share("oxide", ["ore"]) == pytest.approx(4 / 12)
    assert table.share("magnet", ["scrap"]) == pytest.approx(0.3 * 60 / 50)


def test_a_threshold_of_zero_means_any_content() -> None:
    assert reaches(0.02, 0.0)
    assert not reaches(0.0, 0.0)
    assert reaches(0.001, 0.001)
    assert not reaches(0.000_999, 0.001)


def test_the_baseline_magnet_contains_dy_and_tb_above_the_point_one_percent_rule() -> None:
    scenario = load_scenario("baseline_2025")
    table = ContentTable(scenario.commodities, scenario.recipes)
    covered = table.containing(["dy_oxide", "tb_oxide"], 0.001)
    assert "ndfeb_magnet" in covered
    assert {"ndpr_oxide", "la_ce_oxide", "natural_graphite"}.isdisjoint(covered)
