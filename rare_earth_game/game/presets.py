"""Game length presets and difficulty levels, chosen when a game starts.

A game turn is a year (four quarterly engine steps) in the short presets, so that plants
and mines, whose lead times run to years, can open within a class period; the campaign
plays every quarter of the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rare_earth_game.scenario.model import Scenario

PresetName = Literal["sprint", "class_period", "campaign"]
DifficultyName = Literal["easy", "normal", "hard"]


@dataclass(frozen=True)
class LengthPreset:
    """How many turns a game has and how many engine months each spans."""

    name: PresetName
    title: str
    turns: int | None  # None: the whole horizon
    months_per_turn: int | None  # None: the scenario's own turn length
    minutes: str
    minutes_per_turn: float | None = None  # a class's pace, to say how long a shorter game takes

    def plan(self, horizon_turns: int, engine_months: int) -> tuple[int, int]:
        """(game turns, engine steps per game turn) for a scenario's horizon."""
        steps = 1 if self.months_per_turn is None else max(1, self.months_per_turn // engine_months)
        most = horizon_turns // steps
        return (most if self.turns is None else min(self.turns, most)), steps


PRESETS: dict[str, LengthPreset] = {
    "sprint": LengthPreset("sprint", "Sprint", 8, 12, "about 25 minutes", 25 / 8),
    "class_period": LengthPreset(
        "class_period", "Class period", 12, 12, "about 45 minutes", 45 / 12
    ),
    "campaign": LengthPreset("campaign", "Campaign", None, None, "several sessions"),
}


@dataclass(frozen=True)
class Difficulty:
    """How hard the AI pushes back, how far ahead it looks and how much money the player has."""

    name: DifficultyName
    title: str
    aggressiveness: float  # multiplies each AI's aggressiveness
    budget: float  # multiplies the player's yearly budget
    description: str
    foresight_years: float = 1.0
    """Years of lost customers the AI counts against a control: a far-sighted rival spends
    its controls where they hurt most and cost it least."""
    threshold: float = 0.02
    """Utility a move must reach before the AI makes it: a low bar, a rival quick to act."""
    tension: float = 0.0  # added to the tension with the adversary, where it rests too
    crisis: float = 0.0  # added to the tension at which the scenario's crisis starts
    distrust: float = 0.0  # added to allies' starting tension with the player
    grudge: float = 1.0  # multiplies how long the scenario's crisis lasts


DIFFICULTIES: dict[str, Difficulty] = {
    "easy": Difficulty(
        "easy",
        "Easy",
        0.6,
        1.3,
        "A patient, short-sighted China, calmer relations and a generous budget.",
        foresight_years=0.0,
        threshold=0.04,
        tension=-0.1,
        crisis=0.1,
        distrust=-0.1,
        grudge=0.5,
    ),
    "normal": Difficulty("normal", "Normal", 1.0, 1.0, "As calibrated."),
    "hard": Difficulty(
        "hard",
        "Hard",
        1.4,
        0.8,
        "A quick, far-sighted China that aims where you are weakest, strained relations and "
        "a tight budget.",
        foresight_years=2.0,
        threshold=0.01,
        tension=0.1,
        crisis=-0.1,
        distrust=0.3,
        grudge=1.5,
    ),
}


def with_difficulty(scenario: Scenario, player: str, level: Difficulty) -> Scenario:
    """The world a game of this difficulty plays: its relations moved by the difficulty's
    tension with the adversary and allies' distrust, so that tension rests there (the AI
    lets tension drift back to the scenario's relations). The scenario itself, which saves
    name by its hash, is left as it is."""
    if not (level.tension or level.distrust):
        return scenario
    from rare_earth_game.scenario.world import Relation

    adversary = scenario.game.adversary
    allies = [n.id for n in scenario.nations if n.role == "ally" and n.id != player]
    default = scenario.settings.default_tension
    given = {frozenset((r.a, r.b)): r.tension for r in scenario.relations}
    moved = dict(given)
    for other, change in [(adversary, level.tension)] + [(a, level.distrust) for a in allies]:
        pair = frozenset((player, other))
        moved[pair] = min(1.0, max(0.0, given.get(pair, default) + change))
    relations = tuple(
        Relation(a=sorted(pair)[0], b=sorted(pair)[-1], tension=tension)
        for pair, tension in moved.items()
    )
    return scenario.model_copy(update={"relations": relations})
