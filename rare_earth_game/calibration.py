"""Does the model reproduce the sourced figures its scenario lists in `[[calibration]]`?

Each entry is measured in several seeded runs of the engine alone (no game): the entry's
statistic of its metric over its period, divided by the metric's mean over `relative_to`
when given. The entry passes when the mean across seeds is within its tolerance of the
source's value; the range across seeds shows how much that mean owes to chance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.calibration import CalibrationEntry
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.periods import Period
from rare_earth_game.sim.model import RareEarthModel


@dataclass(frozen=True)
class CalibrationResult:
    """One entry measured in every seeded run."""

    entry: CalibrationEntry
    values: tuple[float, ...]
    """The statistic in each run, seed 0 first."""

    @property
    def mean(self) -> float:
        """The mean across runs; NaN if any run could not measure it."""
        return sum(self.values) / len(self.values)

    @property
    def lowest(self) -> float:
        """The lowest value of a run (NaN if no run measured it)."""
        measured = [v for v in self.values if not math.isnan(v)]
        return min(measured) if measured else math.nan

    @property
    def highest(self) -> float:
        measured = [v for v in self.values if not math.isnan(v)]
        return max(measured) if measured else math.nan

    @property
    def band(self) -> tuple[float, float]:
        """The lowest and highest mean that pass."""
        entry = self.entry
        if entry.abs_tolerance is not None:
            width = entry.abs_tolerance
        else:
            width = (entry.rel_tolerance or 0.0) * abs(entry.value)
        return entry.value - width, entry.value + width

    @property
    def ok(self) -> bool:
        low, high = self.band
        return low <= self.mean <= high


def run_calibration(scenario: Scenario, seeds: int = 3) -> list[CalibrationResult]:
    """Measure every calibration entry in runs with seeds 0 to `seeds - 1`.

    Each run stops after the last turn any entry needs, so checking 2025 figures does not
    pay for the rest of the horizon.
    """
    if not scenario.calibration:
        return []
    calendar = Calendar.of(scenario.time)
    turns = max(t for entry in scenario.calibration for t in _turns_used(entry, calendar))
    tables = [
        RareEarthModel(scenario, seed=seed).run(turns + 1).recorder.model_table()
        for seed in range(seeds)
    ]
    return [
        CalibrationResult(entry, tuple(measure(entry, table, calendar) for table in tables))
        for entry in scenario.calibration
    ]


def measure(entry: CalibrationEntry, table: pd.DataFrame, calendar: Calendar) -> float:
    """The entry's statistic in one run's model table; NaN when the period has no numbers
    or the level it is relative to is 0 or missing."""
    values = _values(table, entry.metric, Period.parse(entry.period).turns(calendar))
    result = _summarise(values, entry.statistic)
    if entry.relative_to is not None:
        base = _summarise(
            _values(table, entry.metric, Period.parse(entry.relative_to).turns(calendar)), "mean"
        )
        result = result / base if base else math.nan
    return result


def results_frame(results: list[CalibrationResult]) -> pd.DataFrame:
    """One row per entry: what it asks, the band that passes, the model's mean and range,
    each seed's value (`seed_0`, ...) and whether it passed, for `calibrate --csv`."""
    rows = []
    for result in results:
        entry, (low, high) = result.entry, result.band
        rows.append(
            {
                "metric": entry.metric,
                "period": entry.period,
                "statistic": entry.statistic,
                "relative_to": entry.relative_to or "",
                "value": entry.value,
                "abs_tolerance": entry.abs_tolerance,
                "rel_tolerance": entry.rel_tolerance,
                "pass_low": low,
                "pass_high": high,
                "model_mean": result.mean,
                "model_min": result.lowest,
                "model_max": result.highest,
                "ok": result.ok,
                "source": entry.source,
                **{f"seed_{seed}": value for seed, value in enumerate(result.values)},
            }
        )
    return pd.DataFrame(rows)


def _turns_used(entry: CalibrationEntry, calendar: Calendar) -> list[int]:
    periods = (entry.period, entry.relative_to)
    return [t for text in periods if text is not None for t in Period.parse(text).turns(calendar)]


def _values(table: pd.DataFrame, metric: str, turns: list[int]) -> pd.Series:
    """The metric in those turns; NaN where the run did not record it."""
    if metric not in table:
        return pd.Series(math.nan, index=turns)
    return table.set_index("turn")[metric].reindex(turns)


def _summarise(values: pd.Series, statistic: str) -> float:
    if statistic == "last":
        return float(values.iloc[-1])
    numbers = values.dropna()
    if numbers.empty:
        return math.nan
    return float(getattr(numbers, statistic)())
