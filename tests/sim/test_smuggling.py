"""Smuggling routes (`[[transport.smuggling]]`): goods that leave a nation past its customs.

No export duty, quota, licence or ban of the exporter stops them; they carry at most their
tonnes a year, cost a share of the home price, and are left out of the export statistics.
"""

from pathlib import Path
from typing import Any

import pytest
from helpers.worlds import TINY, build, small_worlds, tiny_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.errors import ScenarioError
from rare_earth_game.sim.model import RareEarthModel

TURNS = 6


def _magnet_ban(data: dict[str, Any]) -> None:
    """China bans magnet exports to the US, which buys most of its magnets from China."""
    data.setdefault("policies", {})["export_controls"] = [
        {
            "id": "magnet_ban",
            "exporter": "CHN",
            "commodities": ["magnet"],
            "destinations": ["USA"],
            "kind": "ban",
        }
    ]


def _smuggling(data: dict[str, Any], tonnes: float, cost_share: float) -> None:
    data.setdefault("transport", {})["smuggling"] = [
        {
            "id": "magnet_smuggling",
            "exporter": "CHN",
            "commodity": "magnet",
            "tonnes_per_year": tonnes,
            "cost_share": cost_share,
        }
    ]


def _magnet_flows(model: RareEarthModel) -> Any:
    flows = model.recorder.flows_table()
    flows = flows[(flows.commodity == "magnet") & (flows.exporter == "CHN")]
    return flows.astype({"smuggled": bool})


def test_smuggling_gets_round_a_ban_up_to_its_tonnes_and_is_not_counted_as_exports() -> None:
    data = tiny_data()
    _magnet_ban(data)
    _smuggling(data, tonnes=400.0, cost_share=0.3)
    model = RareEarthModel(build(data), seed=0).run(TURNS)
    to_usa = _magnet_flows(model)
    to_usa = to_usa[to_usa.importer == "USA"]
    assert len(to_usa) == TURNS, "magnets reach the US every turn"
    assert to_usa.smuggled.all(), "only smuggled magnets reach the US"
    assert (to_usa.tonnes <= 400.0 / 4 + 1e-6).all()
    assert to_usa.tonnes.max() == pytest.approx(100.0), "the ban makes smuggling pay in full"
    assert (to_usa.duty_musd == 0).all()
    assert (to_usa.export_rent_musd >= 0).all()
    # the ledger counts the goods that left; the statistics do not
    markets = model.recorder.markets_table()
    made = markets[(markets.commodity == "magnet") & (markets.nation == "CHN")].set_index("turn")
    flows = _magnet_flows(model)
    legal = flows[~flows.smuggled].groupby("turn").tonnes.sum().reindex(made.index, fill_value=0)
    smuggled = flows[flows.smuggled].groupby("turn").tonnes.sum()
    assert made.exports.to_numpy() == pytest.approx((legal + smuggled).to_numpy())
    table = model.recorder.model_table().set_index("turn")
    assert table["rare_earth.manufacturing.exports.CHN"].to_numpy() == pytest.approx(
        legal.reindex(table.index, fill_value=0.0).to_numpy()
    )
    assert (markets.residual.abs() < 1e-6).all()


def test_smuggling_waits_while_legal_trade_is_cheaper() -> None:
    """With no control, goods go the legal way unless smuggling costs less than the duty."""
    data = tiny_data()
    _smuggling(data, tonnes=5_000.0, cost_share=0.5)
    model = RareEarthModel(build(data), seed=0).run(TURNS)
    flows = _magnet_flows(model)
    assert flows.tonnes.sum() > 0
    assert not flows.smuggled.any()


SMUGGLING = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SMUGGLING
@given(
    small_worlds(),
    st.floats(0.0, 3_000.0),
    st.floats(0.0, 1.0),
    st.sampled_from(["ore", "oxide", "magnet"]),
)
def test_smuggled_tonnes_never_exceed_the_routes_capacity_and_conserve_material(
    data: dict[str, Any], tonnes: float, cost_share: float, commodity: str
) -> None:
    exporter = data["nations"][0]["id"]
    data["transport"] = {
        "smuggling": [
            {
                "id": "s",
                "exporter": exporter,
                "commodity": commodity,
                "tonnes_per_year": tonnes,
                "cost_share": cost_share,
            }
        ]
    }
    model = RareEarthModel(build(data), seed=0).run()
    flows = model.recorder.flows_table().astype({"smuggled": bool})
    smuggled = flows[flows.smuggled]
    assert set(smuggled.exporter) <= {exporter}
    assert set(smuggled.commodity) <= {commodity}
    per_turn = smuggled.groupby("turn").tonnes.sum()
    assert (per_turn <= tonnes / model.turns_per_year + 1e-6).all()
    assert (smuggled.duty_musd == 0).all()
    markets = model.recorder.markets_table()
    scale = markets[["opening_stock", "production", "imports", "use", "exports"]].abs().max(axis=1)
    assert (markets.residual.abs() <= 1e-6 * (1 + scale)).all()


def test_a_smuggling_route_naming_an_unknown_nation_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "smuggling.toml"
    route = (
        '[[transport.smuggling]]\nid = "s"\nexporter = "CHM"\ncommodity = "oxide"\n'
        "tonnes_per_year = 100\ncost_share = 0.3\n"
    )
    path.write_text(TINY.read_text(encoding="utf-8") + "\n" + route, encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index('exporter = "CHM"') + 1
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert f"smuggling.toml:{line}" in message
    assert "CHM" in message
    assert "CHN" in message


def test_a_smuggling_route_back_into_its_exporter_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "smuggling.toml"
    route = (
        '[[transport.smuggling]]\nid = "s"\nexporter = "CHN"\ncommodity = "oxide"\n'
        'tonnes_per_year = 100\ncost_share = 0.3\ndestinations = ["USA", "CHN"]\n'
    )
    path.write_text(TINY.read_text(encoding="utf-8") + "\n" + route, encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index('destinations = ["USA", "CHN"]')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert f"smuggling.toml:{line + 1}" in str(caught.value)
    assert "cannot also end there" in str(caught.value)
