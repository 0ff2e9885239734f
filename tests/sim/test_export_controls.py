"""Export controls as they are written: on goods containing a controlled element, on
re-exports of the controlling nation's material, and with general licences."""

import tomllib
from typing import Any

import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.scenario.catalog import resolve_scenario
from rare_earth_game.sim.model import RareEarthModel


def _run(data: dict[str, Any], turns: int | None = None) -> RareEarthModel:
    return RareEarthModel(build(data), seed=0).run(turns)


def _exports(model: RareEarthModel, commodity: str, exporter: str, importer: str) -> float:
    flows = model.recorder.flows_table()
    route = flows[
        (flows.commodity == commodity) & (flows.exporter == exporter) & (flows.importer == importer)
    ]
    return float(route.tonnes.sum())


def gallium_world(controls: list[dict[str, Any]]) -> dict[str, Any]:
    """China recovers all the primary gallium; Japan refines it; both Japan and the US
    buy the refined metal."""

    def nation(key: str, role: str) -> dict[str, str]:
        return {"id": key, "name": key, "role": role}

    def good(key: str, stage: str, price: float) -> dict[str, Any]:
        return {
            "id": key,
            "name": key,
            "stage": stage,
            "chain": "gallium",
            "reference_price": price,
        }

    def use(key: str) -> dict[str, Any]:
        return {
            "id": f"{key.lower()}_chips",
            "nation": key,
            "sector": "electronics",
            "commodity": "hp_gallium",
            "base_demand": 300,
        }

    return {
        "meta": {"name": "Gallium", "description": "Chinese metal refined in Japan."},
        "time": {"start": "2025-Q1", "turns": 6},
        "nations": [nation("CHN", "adversary"), nation("JPN", "ally"), nation("USA", "home")],
        "commodities": [good("gallium", "mining", 300.0), good("hp_gallium", "processing", 500.0)],
        "recipes": [
            {
                "id": "refine",
                "name": "Refining",
                "process": "refining",
                "inputs": {"gallium": 1.0},
                "outputs": {"hp_gallium": 0.9},
            }
        ],
        "game": {"player": "USA", "adversary": "CHN"},
        "miners": [
            {
                "id": "chn_gallium",
                "name": "China gallium",
                "nation": "CHN",
                "commodity": "gallium",
                "capacity": 1000,
                "unit_cost": 150.0,
            }
        ],
        "refiners": [
            {
                "id": "jpn_refinery",
                "name": "Japan refinery",
                "nation": "JPN",
                "recipe": "refine",
                "capacity": 1000,
                "unit_cost": 50.0,
            }
        ],
        "buyers": [use("JPN"), use("USA")],
        "policies": {"export_controls": controls},
    }


def _gallium_ban(**terms: Any) -> dict[str, Any]:
    return {
        "id": "ga_ban",
        "exporter": "CHN",
        "commodities": ["gallium", "hp_gallium"],
        "destinations": ["USA"],
        "kind": "ban",
        **terms,
    }


def test_a_ban_on_re_exports_stops_the_us_buying_japanese_metal_of_chinese_gallium() -> None:
    open_door = _run(gallium_world([_gallium_ban()]))
    assert _exports(open_door, "gallium", "CHN", "USA") == 0
    assert _exports(open_door, "hp_gallium", "JPN", "USA") > 100  # the ban leaks through Japan

    closed = _run(gallium_world([_gallium_ban(re_exports=True)]))
    assert _exports(closed, "hp_gallium", "JPN", "USA") == 0
    assert _exports(closed, "gallium", "CHN", "JPN") > 0
    markets = closed.recorder.markets_table()
    japan = markets[(markets.commodity == "hp_gallium") & (markets.nation == "JPN")]
    assert (japan.consumption > 0.9 * japan.demand).all()  # Japan still buys it
    assert "JPN~CHN" in closed.clearings["hp_gallium"].build.nodes


def test_a_re_export_threshold_above_the_content_lets_the_goods_through() -> None:
    """Japanese metal of Chinese gallium is all Chinese by input value: a 100 % threshold
    still stops it, and only a ban on other goods would not."""
    strict = _run(gallium_world([_gallium_ban(re_exports=True, re_export_threshold=1.0)]))
    assert _exports(strict, "hp_gallium", "JPN", "USA") == 0
    other = _run(gallium_world([_gallium_ban(commodities=["gallium"], re_exports=True)]))
    assert _exports(other, "hp_gallium", "JPN", "USA") > 100  # refined metal is not listed
    by_content = _gallium_ban(commodities=["gallium"], re_exports=True, content_threshold=0.5)
    assert _exports(_run(gallium_world([by_content])), "hp_gallium", "JPN", "USA") == 0


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


def _dy_licence(**terms: Any) -> dict[str, Any]:
    return {
        "id": "dy_licence",
        "exporter": "CHN",
        "commodities": ["dy_oxide"],
        "kind": "licence",
        "approval_share": 0.3,
        "delay_turns": 0,
        **terms,
    }


def test_a_dy_licence_with_a_content_threshold_also_caps_chinese_magnet_exports() -> None:
    free = _run(_with_dy(tiny_data()), 6)
    by_name = _with_dy(tiny_data())
    by_name["policies"] = {"export_controls": [_dy_licence()]}
    listed = _run(by_name, 6)
    by_content = _with_dy(tiny_data())
    by_content["policies"] = {"export_controls": [_dy_licence(content_threshold=0.001)]}
    contained = _run(by_content, 6)

    assert contained.policies.controls["dy_licence"].scope == ("dy_oxide", "magnet")
    free_magnets = _exports(free, "magnet", "CHN", "USA")
    assert _exports(listed, "magnet", "CHN", "USA") == pytest.approx(free_magnets, rel=0.05)
    assert 0 < _exports(contained, "magnet", "CHN", "USA") < 0.5 * free_magnets
    state = contained.policies.controls["dy_licence"]
    assert state.approved["magnet"] == pytest.approx(0.3 * state.requested["magnet"])
    notes = contained.recorder.notes_table()
    binds = notes[(notes.kind == "control_binds") & (notes.subject == "dy_licence")]
    assert binds.text.str.contains("NdFeB magnet").any()


def _magnets_to_australia(data: dict[str, Any]) -> dict[str, Any]:
    data["buyers"].append(
        {
            "id": "aus_magnet_use",
            "nation": "AUS",
            "sector": "ev",
            "commodity": "magnet",
            "base_demand": 6000,
        }
    )
    return data


def test_general_licences_exempt_their_destinations() -> None:
    licence = {
        "id": "magnet_licence",
        "exporter": "CHN",
        "commodities": ["magnet"],
        "kind": "licence",
        "approval_share": 0.3,
        "delay_turns": 1,
    }
    free = _run(_magnets_to_australia(tiny_data()), 6)
    reviewed = _magnets_to_australia(tiny_data())
    reviewed["policies"] = {"export_controls": [licence]}
    general = _magnets_to_australia(tiny_data())
    general["policies"] = {"export_controls": [{**licence, "general_licences": ["USA"]}]}
    everyone, exempt = _run(reviewed, 6), _run(general, 6)

    to_usa = _exports(free, "magnet", "CHN", "USA")
    assert _exports(everyone, "magnet", "CHN", "USA") < 0.6 * to_usa
    assert _exports(exempt, "magnet", "CHN", "USA") == pytest.approx(to_usa, rel=0.05)
    to_aus = _exports(free, "magnet", "CHN", "AUS")
    assert _exports(exempt, "magnet", "CHN", "AUS") < 0.6 * to_aus  # still reviewed


def _baseline(drop_events: tuple[str, ...] = ()) -> dict[str, Any]:
    data = tomllib.loads(resolve_scenario("baseline_2025").read_text(encoding="utf-8"))
    data["events"] = [e for e in data["events"] if e["id"] not in drop_events]
    return data


def test_announcement_61_is_suspended_before_it_clears_a_market() -> None:
    model = _run(_baseline(), 4)
    assert "china_extraterritorial_re" not in model.policies.controls
    licence = model.policies.controls["china_heavy_re_licence"]
    listed = ("sm_oxide", "gd_oxide", "dy_oxide", "tb_oxide", "y_oxide")
    assert licence.scope == (*listed, "ndfeb_magnet")  # and magnets, by their Dy/Tb content
    notes = model.recorder.notes_table()
    assert {"announcement_61", "announcement_70"} <= set(notes[notes.kind == "event"].subject)


def test_announcement_61_unsuspended_follows_chinese_material_into_other_nations_magnets() -> None:
    model = _run(_baseline(drop_events=("announcement_70",)), 4)
    state = model.policies.controls["china_extraterritorial_re"]
    assert "ndfeb_magnet" in state.scope
    nodes = model.clearings["ndfeb_magnet"].build.nodes
    assert any(node.endswith("~CHN") and not node.startswith("CHN") for node in nodes)
    assert state.requested["ndfeb_magnet"] > 0
