"""Supply off the books (`recorded = false`): illegal mining and smuggling.

It trades like any other supply, ignores production quotas and never mothballs or expands,
but the production, share and export columns, which are compared with official statistics,
leave it out.
"""

from typing import Any

import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.sim.model import RareEarthModel

TURNS = 8


def _with_unrecorded(data: dict[str, Any], quota: float) -> dict[str, Any]:
    data["miners"].append(
        {
            "id": "illegal_mine",
            "name": "Unlicensed mines",
            "nation": "CHN",
            "commodity": "ore",
            "capacity": 20_000,
            "unit_cost": 1.0,
            "state_directed": True,
            "recorded": False,
        }
    )
    data.setdefault("policies", {})["production_quotas"] = [
        {"id": "pq", "nation": "CHN", "commodities": ["ore"], "tonnes_per_year": quota}
    ]
    return data


def test_unrecorded_supply_ignores_the_quota_and_trades_but_is_not_in_the_statistics() -> None:
    quota = 40_000.0
    model = RareEarthModel(build(_with_unrecorded(tiny_data(), quota)), seed=0).run(TURNS)
    markets = model.recorder.markets_table()
    table = model.recorder.model_table()
    facilities = model.recorder.facilities_table()
    illegal = facilities[facilities.facility == "illegal_mine"].set_index("turn").output
    licensed = facilities[facilities.facility == "big_mine"].set_index("turn").output
    assert illegal.sum() > 0, "unrecorded supply sells"
    assert (licensed <= quota / 4 + 1e-6).all(), "the licensed mine keeps to the quota"
    mined = markets[(markets.commodity == "ore") & (markets.nation == "CHN")].set_index("turn")
    assert (mined.production > quota / 4 + 1e-6).any(), "China mines beyond its quota"
    # the ledger (and conservation) counts it; the statistics do not
    assert mined.production.to_numpy() == pytest.approx((licensed + illegal).to_numpy())
    recorded = table["rare_earth.mining.production.CHN"].to_numpy()
    assert recorded == pytest.approx(licensed.to_numpy())
    assert table["rare_earth.mining.production"].to_numpy() == pytest.approx(
        (
            table["rare_earth.mining.production.CHN"] + table["rare_earth.mining.production.AUS"]
        ).to_numpy()
    )
    assert (markets.residual.abs() < 1e-6).all()


def test_exports_of_unrecorded_supply_are_left_out_of_the_nations_exports() -> None:
    data = tiny_data()
    for miner in data["miners"]:
        if miner["id"] == "ally_mine":
            miner["recorded"] = False  # all of Australia's ore is smuggled, say
    model = RareEarthModel(build(data), seed=0).run(TURNS)
    flows = model.recorder.flows_table()
    table = model.recorder.model_table()
    shipped = flows[(flows.commodity == "ore") & (flows.exporter == "AUS")].tonnes.sum()
    assert shipped > 0, "the ore is traded"
    assert (table["rare_earth.mining.exports.AUS"] == 0).all()
    assert (table["rare_earth.mining.production.AUS"] == 0).all()


def test_unrecorded_supply_is_never_mothballed() -> None:
    data = tiny_data()
    data["miners"].append(
        {
            "id": "smugglers",
            "name": "Smugglers",
            "nation": "AUS",
            "commodity": "ore",
            "capacity": 10_000,
            "unit_cost": 50.0,  # far above any price: it never sells
            "recorded": False,
        }
    )
    model = RareEarthModel(build(data), seed=0).run(TURNS)
    assert model.facilities["smugglers"].status == "operating"
