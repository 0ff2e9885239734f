"""What a length preset plays on a given scenario, said the way a setup screen shows it.

A preset asks for a number of turns, but a scenario's horizon may be shorter: the 2010
history runs 28 quarters, so "Class period" (12 yearly turns) plays its 7 years, the whole
scenario. `planned` works it out with the game's own `Clock`, so the words always match
the game that will be played.
"""

from __future__ import annotations

from dataclasses import dataclass

from rare_earth_game.game.clock import Clock
from rare_earth_game.game.presets import LengthPreset
from rare_earth_game.scenario.model import Scenario


@dataclass(frozen=True)
class PlannedLength:
    turns: int
    first: str  # the first turn's date
    last: str  # the last turn's date
    years_per_turn: float
    whole_scenario: bool  # the scenario ends before the preset's turns run out
    minutes: int | None  # how long a class takes, roughly (None: several sessions)

    def sentence(self) -> str:
        """E.g. "7 turns of a year, 2009 to 2015 (the whole scenario), about 25 minutes"."""
        each = "a year" if abs(self.years_per_turn - 1) < 1e-9 else "a quarter"
        if self.years_per_turn not in (1.0, 0.25):
            each = f"{self.years_per_turn:g} years"
        words = f"{self.turns} turns of {each}, {self.first} to {self.last}"
        if self.whole_scenario:
            words += " (the whole scenario)"
        time = f"about {self.minutes} minutes" if self.minutes else "several sessions"
        return f"{words}, {time}"


def planned(scenario: Scenario, preset: LengthPreset) -> PlannedLength:
    """What `preset` will play on `scenario`."""
    clock = Clock.of(scenario, preset)
    wanted = preset.turns if preset.turns is not None else clock.turns
    minutes = None
    if preset.minutes_per_turn is not None:
        minutes = max(5, round(clock.turns * preset.minutes_per_turn / 5) * 5)
    return PlannedLength(
        turns=clock.turns,
        first=clock.label(0),
        last=clock.label(clock.last),
        years_per_turn=clock.years_per_turn,
        whole_scenario=clock.turns < wanted or preset.turns is None,
        minutes=minutes,
    )
