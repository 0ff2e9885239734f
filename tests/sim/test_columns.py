"""The model table's columns say what their names say, and every run has all of them.

Each figure is recomputed here from the other tables a run writes (markets, flows), in a
tiny world with a bloc of the two non-adversary nations, so a column that drifts from its
meaning, or a nation that goes missing from it, fails.
"""

import math

import pandas as pd
import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.metric_names import model_metric_names
from rare_earth_game.sim.model import RareEarthModel

STAGES = {
    "ore": "rare_earth.mining",
    "oxide": "rare_earth.processing",
    "magnet": "rare_earth.manufacturing",
}
NATIONS = ("AUS", "CHN", "USA")


@pytest.fixture(scope="module")
def run() -> RareEarthModel:
    data = tiny_data()
    data["blocs"] = [{"id": "west", "name": "The US and Australia", "members": ["USA", "AUS"]}]
    return RareEarthModel(build(data), seed=1).run(6)


@pytest.fixture(scope="module")
def markets(run: RareEarthModel) -> pd.DataFrame:
    table = run.recorder.markets_table()
    return table.assign(stage=table.commodity.map(STAGES))


def test_each_stage_reports_tonnes_shares_and_hhi_of_every_nation(run, markets) -> None:
    table = run.recorder.model_table()
    made = markets.groupby(["turn", "stage", "nation"]).production.sum().to_dict()
    for turn, row in table.iterrows():
        for stage in STAGES.values():
            by_nation = {n: made.get((turn, stage, n), 0.0) for n in NATIONS}
            total = sum(by_nation.values())
            assert row[f"{stage}.production"] == pytest.approx(total)
            assert total > 0, "the tiny world makes something at every stage"
            shares = {n: by_nation[n] / total for n in NATIONS}
            for nation in NATIONS:
                assert row[f"{stage}.production.{nation}"] == pytest.approx(by_nation[nation])
                assert row[f"{stage}.share.{nation}"] == pytest.approx(shares[nation])
            assert row[f"{stage}.share.west_bloc"] == pytest.approx(shares["USA"] + shares["AUS"])
            hhi = 10_000 * sum(s * s for s in shares.values())
            assert row[f"{stage}.hhi"] == pytest.approx(hhi)
    assert (table["rare_earth.manufacturing.share.CHN"] == 1.0).all()  # only China makes magnets
    assert (table["rare_earth.manufacturing.share.USA"] == 0.0).all()


def test_exports_are_what_a_nation_shipped_abroad(run) -> None:
    table = run.recorder.model_table()
    flows = run.recorder.flows_table()
    shipped = (
        flows.assign(stage=flows.commodity.map(STAGES))
        .groupby(["turn", "stage", "exporter"])
        .tonnes.sum()
        .to_dict()
    )
    assert sum(shipped.values()) > 0
    for turn, row in table.iterrows():
        for stage in STAGES.values():
            for nation in NATIONS:
                expected = shipped.get((turn, stage, nation), 0.0)
                assert row[f"{stage}.exports.{nation}"] == pytest.approx(expected)


def _weighted(markets: pd.DataFrame, turn: int, good: str, nations: set[str]) -> float:
    rows = markets[
        (markets.turn == turn) & (markets.commodity == good) & markets.nation.isin(nations)
    ]
    rows = rows[rows.price.notna()]
    if rows.demand.sum() == 0:  # no buyers there: the plain mean of their prices
        return float(rows.price.mean())
    return float((rows.price * rows.demand).sum() / rows.demand.sum())


def test_prices_inside_a_bloc_and_outside_an_adversary_are_weighted_by_demand(run, markets) -> None:
    table = run.recorder.model_table()
    for turn, row in table.iterrows():
        for good in ("oxide", "magnet"):
            outside_china = _weighted(markets, turn, good, {"USA", "AUS"})
            assert row[f"{good}.price_outside.CHN"] == pytest.approx(outside_china)
            assert row[f"{good}.price.west_bloc"] == pytest.approx(outside_china)
            in_china = _weighted(markets, turn, good, {"CHN"})
            assert row[f"{good}.price_outside.west_bloc"] == pytest.approx(in_china)
            assert row[f"{good}.price.CHN"] == pytest.approx(in_china)
    assert not any(c.startswith("oxide.price_outside.USA") for c in table)  # not an adversary


def test_unit_value_is_the_value_of_what_final_buyers_consumed_per_tonne(run, markets) -> None:
    table = run.recorder.model_table()
    for turn, row in table.iterrows():
        for stage in STAGES.values():
            for nation in NATIONS:
                used = markets[
                    (markets.turn == turn) & (markets.stage == stage) & (markets.nation == nation)
                ]
                tonnes = used.consumption.sum()
                column = row[f"{stage}.unit_value.{nation}"]
                if tonnes > 0:
                    value = (used.consumption * used.price).sum()
                    assert column == pytest.approx(value / tonnes)
                else:
                    assert math.isnan(column)
    assert table["rare_earth.processing.unit_value.USA"].notna().all()  # US catalysts buy oxide


@pytest.mark.parametrize("name", ["baseline_2025", "history_2010"])
def test_the_engine_records_every_stage_and_market_column_every_turn(name: str) -> None:
    """The loader accepts these names in objectives and calibration; none may be a phantom,
    and the engine alone records no player's figures (a game adds them).

    The prices of nations outside a market are left out: they depend on the run, not on
    the scenario."""
    scenario = load_scenario(name)
    nations = {n.id for n in scenario.nations}
    table = RareEarthModel(scenario, seed=0).run(2).recorder.model_table()
    fixed = [
        n
        for n in model_metric_names(scenario)
        if not (".price." in n and n.rsplit(".", 1)[1] in nations)
    ]
    assert not set(fixed) - set(table.columns)
    assert not [c for c in table.columns if str(c).startswith(("player.", "game."))]
    assert table[fixed].notna().any().sum() > 0.5 * len(fixed)  # mostly real numbers
