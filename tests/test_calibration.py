"""What a calibration entry measures: its period's turns, its statistic, `relative_to`,
its tolerance, and the same answer for the same seeds."""

import math

import pandas as pd
import pytest
from helpers.worlds import build, tiny_data

from rare_earth_game.calibration import CalibrationResult, measure, run_calibration
from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.calibration import CalibrationEntry
from rare_earth_game.scenario.periods import Period
from rare_earth_game.scenario.world import Time
from rare_earth_game.sim.model import RareEarthModel

QUARTERS = Calendar.of(Time(start="2025-Q1", turns=12))  # 2025-Q1 to 2027-Q4


def entry(**fields: object) -> CalibrationEntry:
    values = {"metric": "x", "period": "2025", "value": 1.0, "rel_tolerance": 0.1, "source": "s"}
    return CalibrationEntry.model_validate({**values, **fields})


def table(values: list[float], metric: str = "x") -> pd.DataFrame:
    """A model table whose metric is `values[t]` in turn t."""
    return pd.DataFrame({"turn": range(len(values)), metric: values})


RISING = table([float(t + 1) for t in range(12)])  # 1 in 2025-Q1 ... 12 in 2027-Q4


@pytest.mark.parametrize(
    ("period", "turns"),
    [
        ("2025", [0, 1, 2, 3]),
        ("2026-Q3", [6]),
        ("2025-Q4..2026-Q2", [3, 4, 5]),
        ("2026..2027", list(range(4, 12))),
        ("2025-05", []),  # a month that no quarterly turn starts in
    ],
)
def test_a_period_covers_the_turns_that_start_in_it(period: str, turns: list[int]) -> None:
    assert Period.parse(period).turns(QUARTERS) == turns


def test_periods_follow_the_scenarios_turn_length() -> None:
    months = Calendar.of(Time(start="2025-01", turns=24, months_per_turn=1))
    assert Period.parse("2025-Q2").turns(months) == [3, 4, 5]
    years = Calendar.of(Time(start="2025-Q1", turns=5, months_per_turn=12))
    assert Period.parse("2026..2027").turns(years) == [1, 2]
    assert "no turn starts in 2026-Q2" in (Period.parse("2026-Q2").problem(years) or "")


@pytest.mark.parametrize(
    ("statistic", "period", "expected"),
    [
        ("mean", "2025", (1 + 2 + 3 + 4) / 4),
        ("sum", "2026", 5 + 6 + 7 + 8),
        ("max", "2025-Q2..2026-Q1", 5),
        ("min", "2025-Q2..2026-Q1", 2),
        ("last", "2026", 8),
        ("mean", "2027-Q3", 11),
    ],
)
def test_each_statistic_summarises_the_periods_turns(
    statistic: str, period: str, expected: float
) -> None:
    assert measure(entry(statistic=statistic, period=period), RISING, QUARTERS) == expected


def test_relative_to_divides_by_the_metrics_mean_then() -> None:
    peak = entry(statistic="max", period="2026", relative_to="2025")
    assert measure(peak, RISING, QUARTERS) == pytest.approx(8 / 2.5)


def test_turns_without_a_number_are_skipped_but_a_missing_last_value_is_missing() -> None:
    gappy = table([1.0, math.nan, 3.0, math.nan] + [1.0] * 8)
    assert measure(entry(statistic="mean"), gappy, QUARTERS) == 2.0
    assert measure(entry(statistic="sum"), gappy, QUARTERS) == 4.0
    assert math.isnan(measure(entry(statistic="last"), gappy, QUARTERS))


@pytest.mark.parametrize(
    "case",
    [
        entry(metric="not.a.column"),
        entry(period="2026", relative_to="2025"),  # divided by a level of 0
    ],
)
def test_what_cannot_be_measured_is_nan_and_off(case: CalibrationEntry) -> None:
    zero_in_2025 = table([0.0] * 4 + [5.0] * 8)
    value = measure(case, zero_in_2025, QUARTERS)
    assert math.isnan(value)
    assert not CalibrationResult(case, (value, 1.0)).ok


def test_an_entry_passes_when_the_mean_over_seeds_is_within_tolerance() -> None:
    relative = entry(value=-10.0, rel_tolerance=0.2)  # the band is -12 to -8
    assert CalibrationResult(relative, (-12.5, -8.0)).ok  # mean -10.25, one seed outside
    assert not CalibrationResult(relative, (-12.5, -12.1)).ok
    absolute = entry(value=0.9, rel_tolerance=None, abs_tolerance=0.05)
    assert CalibrationResult(absolute, (0.86, 0.87)).band == pytest.approx((0.85, 0.95))
    assert CalibrationResult(absolute, (0.86, 0.87)).ok
    assert not CalibrationResult(absolute, (0.84, 0.84)).ok
    result = CalibrationResult(absolute, (0.86, math.nan, 0.9))
    assert (result.lowest, result.highest) == (0.86, 0.9)
    assert not result.ok


def test_a_tiny_world_is_measured_in_each_seeded_run_and_the_same_twice() -> None:
    data = tiny_data()
    data["calibration"] = [
        {
            "metric": "rare_earth.manufacturing.share.CHN",
            "period": "2025",
            "value": 1.0,
            "abs_tolerance": 0.01,
            "source": "In the tiny world only China makes magnets",
        },
        {
            "metric": "rare_earth.mining.production",
            "period": "2025",
            "statistic": "sum",
            "value": 1.0,
            "rel_tolerance": 0.1,
            "source": "A deliberately wrong figure",
        },
    ]
    scenario = build(data)
    results = run_calibration(scenario, seeds=2)
    assert [len(r.values) for r in results] == [2, 2]
    shares, mined = results
    assert shares.ok
    assert shares.values == (1.0, 1.0)
    assert not mined.ok
    markets = RareEarthModel(scenario, seed=0).run(4).recorder.markets_table()
    assert mined.values[0] == pytest.approx(markets[markets.commodity == "ore"].production.sum())
    assert run_calibration(scenario, seeds=2) == results
