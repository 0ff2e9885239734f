"""Shared measurements of whole scenario runs: the history price index, scripted-free worlds."""

from __future__ import annotations

from typing import Any

import pandas as pd

from rare_earth_game.scenario import Scenario, load_scenario
from rare_earth_game.sim.model import RareEarthModel


def scenario_with(name: str, **settings: Any) -> Scenario:
    """A built-in scenario with some settings changed."""
    scenario = load_scenario(name)
    data = scenario.model_dump(mode="python", exclude_none=True)
    data["settings"] = {**data["settings"], **settings}
    return type(scenario).model_validate(data, strict=False)


def without_scheduled_events(name: str) -> Scenario:
    """A built-in scenario with its dated events and random events removed: the policies
    in force when it starts stay, nothing scheduled or drawn by chance changes them."""
    scenario = load_scenario(name)
    data = scenario.model_dump(mode="python", exclude_none=True)
    data["events"] = []
    data["random_events"] = []
    return type(scenario).model_validate(data, strict=False)


def export_price_index(model: RareEarthModel) -> pd.Series:
    """Laspeyres index of separated-oxide prices outside China, 2009 = 1.

    Quantities are what buyers outside China used in 2009; prices are demand-weighted
    averages outside China. Like the USGS unit value of REO consumed (DS140).
    """
    markets = model.recorder.markets_table()
    table = model.recorder.model_table()
    refined = [c for c, spec in model.commodities.items() if spec.stage == "processing"]
    year_2009 = markets[(markets.turn < 4) & (markets.nation != "CHN")]
    quantity = year_2009[year_2009.commodity.isin(refined)].groupby("commodity").consumption.sum()
    prices = {c: table[f"{c}.price_outside.CHN"] for c in refined}
    base = sum(quantity[c] * prices[c].iloc[:4].mean() for c in refined)
    return sum(quantity[c] * prices[c] for c in refined) / base
