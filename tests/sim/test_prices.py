"""Prices only where there is a market: no trade, no price; expectations learn from trades
only; stock that cannot sell is marked down until it sells or is written off."""

from typing import Any

import numpy as np
import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.sim.model import RareEarthModel


def _isolate_australia(data: dict[str, Any]) -> None:
    """Australia's oxide can go nowhere: every nation bans its import (tariffs would do too),
    and Australia has no oxide buyer of its own."""
    data.setdefault("policies", {})["export_controls"] = [
        {"id": "no_oxide", "exporter": "AUS", "commodities": ["oxide"], "kind": "ban"}
    ]


def test_a_nation_where_a_good_did_not_trade_has_no_price() -> None:
    data = tiny_data()
    _isolate_australia(data)
    model = RareEarthModel(build(data), seed=0).run(4)
    markets = model.recorder.markets_table()
    aus = markets[(markets.commodity == "oxide") & (markets.nation == "AUS")]
    assert (aus.exports == 0).all()
    assert aus.price.isna().all()
    assert "oxide.price.AUS" not in model.recorder.model_table().columns


def test_expectations_learn_only_from_trades() -> None:
    data = tiny_data()
    _isolate_australia(data)
    model = RareEarthModel(build(data), seed=0)
    model.run(1)
    traded = model.prices.current["oxide"]
    assert "AUS" not in traded
    # Australia's expectation follows the prices where oxide traded, not its own LP dual
    assert model.prices.expect("oxide", "AUS") == pytest.approx(
        model.prices.expect("oxide", "CHN"), rel=0.05
    )


def test_stock_that_cannot_sell_is_marked_down_and_written_off() -> None:
    data = tiny_data()
    _isolate_australia(data)
    model = RareEarthModel(build(data), seed=0)
    plant = model.facilities["aus_sep"]
    asks = []
    for _ in range(8):
        model.step()
        asks.append(plant.markdown["oxide"])
    assert asks[-1] < asks[0]
    notes = model.recorder.notes_table()
    written = notes[(notes.kind == "stock_written_off") & (notes.subject == "aus_sep")]
    markets = model.recorder.markets_table()
    assert not written.empty or plant.status != "operating"
    assert markets.written_off.sum() >= 0


def test_a_plant_without_buyers_stops_running() -> None:
    data = tiny_data()
    _isolate_australia(data)
    model = RareEarthModel(build(data), seed=0).run(8)
    assert model.facilities["aus_sep"].status in ("mothballed", "closed")


def test_material_written_off_is_accounted_for() -> None:
    data = tiny_data()
    _isolate_australia(data)
    model = RareEarthModel(build(data), seed=0).run(10)
    markets = model.recorder.markets_table()
    assert np.abs(markets.residual).max() < 1e-6 * markets.production.abs().max()
