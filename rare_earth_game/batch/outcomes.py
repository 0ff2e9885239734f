"""A run's outcome metrics: where the game's consequences ended, and its score.

The consequences are the game's own list (`rare_earth_game.game.scoring.CONSEQUENCES`),
taken at the last game turn played. The score and grade are the game's scorecard under
the scenario's standard lens (or the one asked for); they need no baseline game, whose
only part in them is the `baseline_score` shown beside the player's, when the experiment
asks for it.

Every outcome is a float (NaN for a run that failed) and the grade is text, so the runs
table has the same column types however its runs are split between files.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from rare_earth_game.game.scoring import CONSEQUENCES, Judge
from rare_earth_game.scenario import Scenario

CONSEQUENCE_KEYS = tuple(c.key for c in CONSEQUENCES)


def outcome_columns(baseline: bool) -> list[str]:
    """The outcome columns of the runs table, in order; the same for every run."""
    columns = ["turns_played", "score", "grade", "objectives_met"]
    if baseline:
        columns.append("baseline_score")
    columns += CONSEQUENCE_KEYS
    if baseline:
        columns += [f"baseline.{key}" for key in CONSEQUENCE_KEYS]
    return columns


def empty_outcomes(baseline: bool) -> dict[str, Any]:
    """The outcome columns of a run that did not finish."""
    row: dict[str, Any] = dict.fromkeys(outcome_columns(baseline), math.nan)
    row["grade"] = ""
    return row


def outcomes(
    scenario: Scenario,
    preset: str,
    history: pd.DataFrame,
    baseline: pd.DataFrame | None,
    lens: str | None = None,
    difficulty: str = "normal",
) -> dict[str, Any]:
    """Outcome metrics of a played run; `history` has one row per game turn."""
    row = empty_outcomes(baseline is not None)
    played = len(history)
    row["turns_played"] = float(played)
    if played == 0:
        return row
    last = played - 1
    for key in CONSEQUENCE_KEYS:
        row[key] = _at(history, key, last)
        if baseline is not None:
            row[f"baseline.{key}"] = _at(baseline, key, last)
    if scenario.objectives:
        card = Judge(scenario, preset, lens, difficulty=difficulty).scorecard(
            history, baseline if baseline is not None else pd.DataFrame(), last
        )
        row["score"] = card.score
        row["grade"] = card.grade
        row["objectives_met"] = float(sum(o.met for o in card.objectives))
        if baseline is not None:
            row["baseline_score"] = card.baseline_score
    return row


def _at(table: pd.DataFrame, column: str, turn: int) -> float:
    if column not in table or turn >= len(table):
        return math.nan
    value = table[column].iloc[turn]
    return float(value) if pd.notna(value) else math.nan
