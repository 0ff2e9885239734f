"""baseline_2025 starts where the sources say the world stood in 2025.

USGS MCS 2026: China mined ~270 of 390 kt REO (69 %); IEA and Bloomberg: China refines
~90 % of separated oxides and makes ~90 % of magnets; 2025 prices NdPr $69/kg, Dy $239/kg,
Tb $1,010/kg. The first year of the run must sit close to these. Gallium (USGS MCS 2026):
China recovers ~99 % of the world's 900 t of primary gallium, from its alumina refineries;
China bans gallium exports to the US from December 2024, suspends the ban from November 2025
to November 2026, and licenses Sm, Gd and Y with Dy and Tb from April 2025.
"""

import pytest

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel


@pytest.fixture(scope="module")
def baseline() -> RareEarthModel:
    return RareEarthModel(load_scenario("baseline_2025"), seed=0).run()


def _first_year(model: RareEarthModel, column: str) -> float:
    table = model.recorder.model_table()
    return float(table[column].iloc[:4].mean())


def test_the_horizon_runs_quarterly_for_at_least_ten_years(baseline) -> None:
    table = baseline.recorder.model_table()
    assert table.date.iloc[0] == "2025-Q1"
    assert len(table) >= 40


def test_china_mines_about_70_percent_of_rare_earths(baseline) -> None:
    assert _first_year(baseline, "rare_earth.mining.share.CHN") == pytest.approx(0.69, abs=0.06)


def test_china_separates_and_makes_magnets_at_about_90_percent(baseline) -> None:
    assert _first_year(baseline, "rare_earth.processing.share.CHN") == pytest.approx(0.9, abs=0.08)
    assert _first_year(baseline, "rare_earth.manufacturing.share.CHN") == pytest.approx(
        0.9, abs=0.05
    )


def test_world_mine_output_is_about_390_kt(baseline) -> None:
    markets = baseline.recorder.markets_table()
    first_year = markets[
        (markets.turn < 4) & markets.commodity.isin(["light_concentrate", "ionic_clay_concentrate"])
    ]
    assert first_year.production.sum() == pytest.approx(390_000, rel=0.1)


@pytest.mark.parametrize(
    ("commodity", "price"), [("ndpr_oxide", 69.0), ("dy_oxide", 239.0), ("tb_oxide", 1010.0)]
)
def test_2025_prices_in_china_are_near_the_usgs_averages(
    baseline, commodity: str, price: float
) -> None:
    assert _first_year(baseline, f"{commodity}.price.CHN") == pytest.approx(price, rel=0.3)


def test_materials_balance_in_every_account_over_the_whole_run(baseline) -> None:
    markets = baseline.recorder.markets_table()
    assert markets.residual.abs().max() < 1e-6 * markets.production.abs().max()


def test_the_april_2025_licences_cover_sm_gd_and_y_with_dy_and_tb(baseline) -> None:
    for good in ("sm_oxide", "gd_oxide", "y_oxide", "dy_oxide", "tb_oxide"):
        controls = {state.control.id for state in baseline.policies.controls_on(good, "CHN")}
        assert "china_heavy_re_licence" in controls, good


def test_chinas_gallium_ban_on_the_us_stands_except_while_suspended() -> None:
    model = RareEarthModel(load_scenario("baseline_2025"), seed=0)
    banned = []
    for _ in range(10):
        model.step()
        banned.append(model.policies.banned("hp_gallium", "CHN", "USA"))
    # in force on 1 Jan 2025; suspended from 2025-Q4; back from 2027-Q1
    assert banned == [True, True, True, False, False, False, False, False, True, True]
    flows = model.recorder.flows_table()
    to_us = flows[flows.commodity.str.endswith("gallium") & (flows.exporter == "CHN")]
    assert to_us[(to_us.importer == "USA") & ~to_us.turn.isin(range(3, 8))].empty


def test_china_recovers_nearly_all_gallium_and_no_more_than_its_alumina_carries(baseline) -> None:
    assert _first_year(baseline, "gallium.processing.share.CHN") > 0.97
    facilities = baseline.recorder.facilities_table().set_index(["facility", "turn"]).output
    recovery = baseline.scenario.recoveries[0]
    assert recovery.id == "china_gallium"
    recovered, alumina = facilities["china_gallium"], facilities[recovery.host]
    assert (recovered <= alumina * recovery.yield_per_unit * (1 + 1e-9)).all()
