"""The model reproduces the shape of the 2010-2013 rare-earth episode (history_2010).

Criteria from the issue: after China's July 2010 quota cut the export price index of
separated oxides peaks at 4-10x its 2009 level within 4-8 quarters; China's domestic price
stays well below its export price while the quota binds; by the end of 2013 prices have
fallen at least 60 % from the peak; supply outside China rises; a high-cost entrant gets
into financial trouble.
"""

import pandas as pd
import pytest

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel


@pytest.fixture(scope="module")
def episode() -> RareEarthModel:
    model = RareEarthModel(load_scenario("history_2010"), seed=0)
    return model.run()


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


def test_export_prices_peak_at_4_to_10_times_2009_within_4_to_8_quarters(episode) -> None:
    index = export_price_index(episode)
    cut = episode.calendar.turn_of("2010-Q3")
    assert 4.0 <= index.max() <= 10.0
    assert 4 <= int(index.idxmax()) - cut <= 8


def test_chinas_domestic_price_stays_well_below_its_export_price_while_the_quota_binds(
    episode,
) -> None:
    notes = episode.recorder.notes_table()
    binding = sorted(set(notes[notes.subject == "china_export_quota_light"].turn))
    after_cut = [t for t in binding if t >= episode.calendar.turn_of("2010-Q3")]
    assert len(after_cut) >= 4, "the 2010 quota should bind for at least a year"
    table = episode.recorder.model_table()
    for turn in after_cut:
        home = table["light_oxides.price.CHN"][turn]
        export = table["light_oxides.price_outside.CHN"][turn]
        assert home < 0.8 * export


def test_by_the_end_of_2013_prices_have_fallen_at_least_60_percent_from_the_peak(
    episode,
) -> None:
    index = export_price_index(episode)
    end_2013 = episode.calendar.turn_of("2013-Q4")
    assert index[end_2013] <= 0.4 * index.max()


def test_supply_outside_china_rises(episode) -> None:
    markets = episode.recorder.markets_table()
    mined = (
        markets[
            markets.commodity.isin(["light_concentrate", "heavy_concentrate"])
            & (markets.nation != "CHN")
        ]
        .groupby("turn")
        .production.sum()
    )
    in_2009 = mined.loc[0:3].sum()
    in_2013 = mined.loc[16:19].sum()
    assert in_2013 > 2 * in_2009


def test_a_high_cost_entrant_gets_into_financial_trouble(episode) -> None:
    facilities = episode.recorder.facilities_table()
    molycorp = facilities[facilities.facility.str.startswith("mountain_pass")]
    assert molycorp.bankrupt.any() or (molycorp.status == "mothballed").any()
    final = molycorp[molycorp.turn == molycorp.turn.max()]
    assert (final.cash_musd < 0).all()
