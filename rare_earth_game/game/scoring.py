"""Consequences, objectives and grades, always shown beside the "no new policy" run.

A game turn's figure is the average over its engine steps (a year's quarters), so a
yearly turn is judged on the whole year, not its last quarter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from rare_earth_game.game.presets import PRESETS
from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.game import Objective
from rare_earth_game.scenario.model import Scenario


@dataclass(frozen=True)
class Consequence:
    """A figure the game tracks every turn, and which way is better."""

    key: str
    label: str
    unit: Literal["share", "index", "musd", "jobs", "number"]
    better: Literal["higher", "lower"]
    explanation: str


CONSEQUENCES: tuple[Consequence, ...] = (
    Consequence(
        "player.supply_security",
        "Supply security",
        "share",
        "higher",
        "Share of demand met by goods bought from outside the adversary (home output counts).",
    ),
    Consequence(
        "player.clean_supply",
        "Free of adversary materials",
        "share",
        "higher",
        "Share of demand met by goods free of the adversary's materials at every stage: "
        "what would still arrive if it stopped exporting.",
    ),
    Consequence(
        "player.demand_met",
        "Demand met",
        "share",
        "higher",
        "Share of demand (at normal prices) actually supplied, whatever its origin.",
    ),
    Consequence(
        "player.nonadversary_share.rare_earth.manufacturing",
        "Magnets from outside adversary",
        "share",
        "higher",
        "Share of magnets bought that were made outside the adversary.",
    ),
    Consequence(
        "player.nonadversary_share.rare_earth.processing",
        "Oxides from outside adversary",
        "share",
        "higher",
        "Share of separated oxides bought from outside the adversary.",
    ),
    Consequence(
        "player.clean_share.rare_earth.manufacturing",
        "Magnets free of adversary content",
        "share",
        "higher",
        "Share of magnets bought whose whole chain, ore to magnet, "
        "avoided the adversary's materials.",
    ),
    Consequence(
        "player.defence_security",
        "Defence needs met",
        "share",
        "higher",
        "Share of defence demand for magnets actually supplied.",
    ),
    Consequence(
        "player.price_index",
        "Consumer price index",
        "index",
        "lower",
        "What buyers pay, relative to normal prices (1.0 = reference).",
    ),
    Consequence(
        "game.spending_musd",
        "Public spending",
        "musd",
        "lower",
        "Budget spent on the player's programmes so far (USD million).",
    ),
    Consequence(
        "player.jobs",
        "Jobs in the chain",
        "jobs",
        "higher",
        "Direct jobs at the nation's mines and plants.",
    ),
    Consequence(
        "player.trade_balance_musd",
        "Trade balance",
        "musd",
        "higher",
        "Exports minus imports of these goods this turn (USD million).",
    ),
    Consequence(
        "game.alliance_strength",
        "Alliance strength",
        "share",
        "higher",
        "How warm relations with allies are (1 - average tension).",
    ),
    Consequence(
        "player.tension_with_adversary",
        "Tension with adversary",
        "share",
        "lower",
        "0 is friendly, 1 is open hostility.",
    ),
    Consequence(
        "player.environmental_impact",
        "Environmental impact",
        "number",
        "lower",
        "Local harm from the nation's mining and processing (index).",
    ),
)


@dataclass(frozen=True)
class ObjectiveScore:
    objective: Objective
    value: float
    baseline: float
    score: float  # 0..1
    met: bool
    deadline: str


@dataclass(frozen=True)
class Scorecard:
    turn: int
    objectives: tuple[ObjectiveScore, ...]
    score: float  # 0..100
    grade: str
    baseline_score: float


GRADES = ((90.0, "A"), (75.0, "B"), (60.0, "C"), (45.0, "D"))


def grade_for(score: float) -> str:
    return next((letter for floor, letter in GRADES if score >= floor), "F")


UNMET_CREDIT = 0.6
"""An objective not met earns at most this share of its weight, in proportion to progress,
so a good grade needs objectives met, not merely approached."""


def objective_score(objective: Objective, value: float) -> float:
    """0..1: 1 when met; otherwise partial credit for progress toward the target."""
    if math.isnan(value):
        return 0.0
    target = objective.target
    if objective.direction == "at_least":
        if value >= target:
            return 1.0
        progress = max(0.0, value / target) if target > 0 else 0.0
    else:
        if value <= target:
            return 1.0
        progress = max(0.0, min(1.0, target / value)) if value > 0 else 0.0
    return UNMET_CREDIT * progress


def objective_deadlines(scenario: Scenario, preset: str) -> dict[str, int]:
    """The game turn by which each dated objective is judged, for a game of this preset."""
    turns, steps = PRESETS[preset].plan(scenario.time.turns, scenario.time.months_per_turn)
    calendar = Calendar.of(scenario.time)
    return {
        o.id: min(turns - 1, max(0, calendar.turn_of(o.by) // steps))
        for o in scenario.objectives
        if o.by is not None
    }


def series_value(table: pd.DataFrame, metric: str, turn: int) -> float:
    """A metric's value at a game turn (`table` has one row per game turn), NaN if absent."""
    if metric not in table or turn >= len(table):
        return float("nan")
    value = table[metric].iloc[turn]
    return float(value) if pd.notna(value) else float("nan")


def scorecard(
    objectives: tuple[Objective, ...],
    played: pd.DataFrame,
    baseline: pd.DataFrame,
    turn: int,
    deadline_turns: dict[str, int],
    labels: list[str],
) -> Scorecard:
    """Score every objective at `turn` (or at its deadline, if that has passed)."""
    scores = []
    total_weight = sum(o.weight for o in objectives) or 1.0
    weighted = baseline_weighted = 0.0
    for objective in objectives:
        at = min(turn, deadline_turns.get(objective.id, turn))
        value = series_value(played, objective.metric, at)
        base = series_value(baseline, objective.metric, at)
        score = objective_score(objective, value)
        weighted += objective.weight * score
        baseline_weighted += objective.weight * objective_score(objective, base)
        deadline = (
            labels[deadline_turns[objective.id]] if objective.id in deadline_turns else labels[-1]
        )
        scores.append(ObjectiveScore(objective, value, base, score, score >= 1.0 - 1e-9, deadline))
    total = 100 * weighted / total_weight
    return Scorecard(
        turn, tuple(scores), total, grade_for(total), 100 * baseline_weighted / total_weight
    )
