"""The scorecard: the implications of a policy and the scenario's goals, weighed by a lens,
always shown beside the "no new policy" game.

Each implication (`subscores.py`) and the goals (the objectives, `objectives.py`) score
0-100; the total is their weighted mean under the game's lens (`lenses.py`). A game lost
before its last turn loses `LOSS_PENALTY` points besides. A game turn's figure is the
average over its engine steps (a year's quarters), so a yearly turn is judged on the
whole year, not its last quarter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

import pandas as pd

from rare_earth_game.game.clock import Clock
from rare_earth_game.game.lenses import LensChoice, lenses
from rare_earth_game.game.objectives import ObjectiveScore, judge
from rare_earth_game.game.presets import DIFFICULTIES, PRESETS
from rare_earth_game.game.subscores import IMPLICATIONS, Setting, SubScore, sub_score
from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.model import Scenario

__all__ = ["CONSEQUENCES", "Consequence", "Judge", "ObjectiveScore", "Scorecard", "SubScore"]


@dataclass(frozen=True)
class Consequence:
    """A figure the game tracks every turn, and which way is better."""

    key: str
    label: str
    unit: Literal["share", "index", "musd", "jobs", "number"]
    better: Literal["higher", "lower"]
    explanation: str

    def worded(self, rival: str) -> Consequence:
        """This figure as a player reads it: "the adversary" called by its name."""
        return replace(
            self, label=_named(self.label, rival), explanation=_named(self.explanation, rival)
        )


def _named(text: str, rival: str) -> str:
    for word, name in (("the adversary's", f"{rival}'s"), ("the adversary", rival)):
        text = text.replace(word, name)
    return text.replace("adversary", rival)


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
        "Free of the adversary's materials",
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
        "Magnets made outside the adversary",
        "share",
        "higher",
        "Share of magnets bought that were made outside the adversary.",
    ),
    Consequence(
        "player.nonadversary_share.rare_earth.processing",
        "Oxides from outside the adversary",
        "share",
        "higher",
        "Share of separated oxides bought from outside the adversary.",
    ),
    Consequence(
        "player.clean_share.rare_earth.manufacturing",
        "Magnets free of the adversary's content",
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
        "Allies' trust in you on average (1 - their tension with you): ventures build it, "
        "a trade war and abandoned ventures wear it down.",
    ),
    Consequence(
        "game.public_support",
        "Public support",
        "share",
        "higher",
        "How far voters back your programme: prices they pay, jobs at home and money "
        "spent move it; low support cuts next year's budget.",
    ),
    Consequence(
        "player.tension_with_adversary",
        "Tension with the adversary",
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
class Scorecard:
    turn: int
    objectives: tuple[ObjectiveScore, ...]
    score: float  # 0..100
    grade: str
    baseline_score: float
    subscores: tuple[SubScore, ...] = ()
    lens: str = "standard"
    ending: str | None = None  # why the game was lost before its end, if it was


GRADES = ((90.0, "A"), (75.0, "B"), (60.0, "C"), (45.0, "D"))
LOSS_PENALTY = 30.0
"""Points a game lost before its last turn gives up, beside the years it did not play."""


def grade_for(score: float) -> str:
    return next((letter for floor, letter in GRADES if score >= floor), "F")


def objective_starts(scenario: Scenario, preset: str) -> dict[str, int]:
    """The first game turn each objective with a `since` date counts, for this preset."""
    _, steps = PRESETS[preset].plan(scenario.time.turns, scenario.time.months_per_turn)
    calendar = Calendar.of(scenario.time)
    return {
        o.id: max(0, calendar.turn_of(o.since) // steps)
        for o in scenario.objectives
        if o.since is not None
    }


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


def lost(history: pd.DataFrame, turn: int) -> bool:
    """Whether a game's history says it was lost at game turn `turn`."""
    return (
        "game.lost" in history and 0 <= turn < len(history) and history["game.lost"].iloc[turn] == 1
    )


class Judge:
    """Scores one game's history (of a scenario, preset, player, lens and difficulty, whose
    budget the taxpayers' cost is measured against) at any turn."""

    def __init__(
        self,
        scenario: Scenario,
        preset: str,
        lens: str | None = None,
        player: str | None = None,
        difficulty: str = "normal",
    ) -> None:
        self.scenario = scenario
        self.clock = Clock.of(scenario, PRESETS[preset])
        self.deadlines = objective_deadlines(scenario, preset)
        self.starts = objective_starts(scenario, preset)
        self.lens: LensChoice = lenses(scenario)[lens or scenario.game.lens]
        names = {n.id: n.name for n in scenario.nations}
        who = player or scenario.game.player
        budget = (
            scenario.game.budget_per_year
            * self.clock.years_per_turn
            * self.clock.turns
            * DIFFICULTIES[difficulty].budget
        )
        self.setting = Setting(
            names.get(who, who),
            names.get(scenario.game.adversary, scenario.game.adversary),
            self.clock.labels,
            budget,
            dict(scenario.game.anchors),
        )

    def scorecard(
        self,
        played: pd.DataFrame,
        baseline: pd.DataFrame,
        turn: int | None = None,
        ending: str | None = None,
    ) -> Scorecard:
        """The scorecard at game turn `turn` (default: the last one played)."""
        at = len(played) - 1 if turn is None else turn
        if ending is None and lost(played, at):
            ending = "lost before the last turn"
        total, parts, objectives = self._total(played, at, baseline)
        base_at = min(at, len(baseline) - 1)
        baseline_score = self._total(baseline, base_at, baseline)[0] if base_at >= 0 else math.nan
        if ending is not None:
            total = max(0.0, total - LOSS_PENALTY)
        return Scorecard(
            at, objectives, total, grade_for(total), baseline_score, parts, self.lens.id, ending
        )

    def _total(
        self, played: pd.DataFrame, turn: int, baseline: pd.DataFrame
    ) -> tuple[float, tuple[SubScore, ...], tuple[ObjectiveScore, ...]]:
        weights = self.lens.weights
        parts = [
            sub_score(rule, played, turn, weights[rule.id], self.setting) for rule in IMPLICATIONS
        ]
        objectives = tuple(
            judge(
                o,
                played,
                baseline,
                turn,
                self.deadlines.get(o.id),
                self.setting.labels,
                self.starts.get(o.id, 0),
            )
            for o in self.scenario.objectives
        )
        parts.append(self._goals(objectives, weights["goals"]))
        counted = [p for p in parts if not math.isnan(p.score) and p.weight > 0]
        weight = sum(p.weight for p in counted)
        total = sum(p.score * p.weight for p in counted) / weight if weight else math.nan
        return total, tuple(parts), objectives

    @staticmethod
    def _goals(objectives: tuple[ObjectiveScore, ...], weight: float) -> SubScore:
        """The objectives' credit, weighted by their own weights, as one sub-score."""
        total = sum(o.objective.weight for o in objectives)
        if not total:
            return SubScore("goals", "Goals", math.nan, math.nan, weight, "No goals set.")
        score = 100 * sum(o.objective.weight * o.score for o in objectives) / total
        met = sum(o.met for o in objectives)
        formula = (
            f"Goals: the scenario's {len(objectives)} objectives, each from 0 (no way made "
            "from where the game started) to 100 (met), in a straight line, weighted by "
            f"their weights. {met} of {len(objectives)} met now."
        )
        return SubScore("goals", "Goals", score / 100, score, weight, formula)
