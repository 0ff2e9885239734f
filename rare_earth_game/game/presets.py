"""Game length presets and difficulty levels, chosen when a game starts.

A game turn is a year (four quarterly engine steps) in the short presets, so that plants
and mines, whose lead times run to years, can open within a class period; the campaign
plays every quarter of the scenario.
"""

from dataclasses import dataclass
from typing import Literal

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
    """How hard the AI pushes back and how much money the player has."""

    name: DifficultyName
    title: str
    aggressiveness: float  # multiplies each AI's aggressiveness
    budget: float  # multiplies the player's yearly budget
    description: str


DIFFICULTIES: dict[str, Difficulty] = {
    "easy": Difficulty("easy", "Easy", 0.6, 1.3, "A patient China and a generous budget."),
    "normal": Difficulty("normal", "Normal", 1.0, 1.0, "As calibrated."),
    "hard": Difficulty("hard", "Hard", 1.4, 0.8, "A quick-to-retaliate China and a tight budget."),
}
