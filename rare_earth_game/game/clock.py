"""A game's calendar: how many game turns it has, how many engine steps each, and which
turn it is, so every part of a game names and counts turns the same way."""

from __future__ import annotations

from dataclasses import dataclass

from rare_earth_game.game.presets import LengthPreset
from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.model import Scenario


@dataclass
class Clock:
    """Game turns of `steps` engine steps each; `turn` counts the turns played (0-based)."""

    calendar: Calendar
    turns: int
    steps: int
    turn: int = 0
    stopped: bool = False  # the game was lost before its last turn

    @classmethod
    def of(cls, scenario: Scenario, preset: LengthPreset) -> Clock:
        turns, steps = preset.plan(scenario.time.turns, scenario.time.months_per_turn)
        return cls(Calendar.of(scenario.time), turns, steps)

    @property
    def years_per_turn(self) -> float:
        return self.steps * self.calendar.months_per_turn / 12

    @property
    def last(self) -> int:
        """The index of the game's last turn."""
        return self.turns - 1

    @property
    def finished(self) -> bool:
        return self.turn >= self.turns or self.stopped

    def label(self, turn: int) -> str:
        """How a game turn is named: "2027" for yearly turns, "2027-Q3" for quarterly."""
        label = self.calendar.label(turn * self.steps)
        return label.split("-")[0] if self.steps * self.calendar.months_per_turn == 12 else label

    @property
    def labels(self) -> list[str]:
        return [self.label(t) for t in range(self.turns)]

    @property
    def date(self) -> str:
        """The date of the turn being decided (the last one once the game is over)."""
        return self.label(min(self.turn, self.last))

    def turns_for_steps(self, steps: int) -> int:
        """Game turns that `steps` engine steps take, rounded up."""
        return -(-steps // self.steps)
