"""New games of one scenario and settings, each measured against a shared comparison game.

The "no new policy" game a score is measured against depends only on the scenario, seed,
preset, difficulty and lens, never on the player's moves, so environments that replay a
seed (a learning agent's episodes) keep it and pay for it once.
"""

from __future__ import annotations

from collections import OrderedDict

from rare_earth_game.game.baseline import BaselineGame
from rare_earth_game.game.session import GameSession
from rare_earth_game.scenario.catalog import load_scenario
from rare_earth_game.scenario.model import Scenario

SHARED_COMPARISONS = 4
"""Comparison games kept for reuse, by seed (each holds a played model's history)."""


class Games:
    """Starts games of a scenario with fixed settings."""

    def __init__(
        self,
        scenario: Scenario | str,
        preset: str,
        difficulty: str,
        lens: str | None,
        player: str | None,
        explain: bool = False,
    ) -> None:
        """`explain`: whether turn reports say why the numbers moved, which only a reader
        of the reports needs (an agent learns from observations and rewards)."""
        self.scenario_ref = scenario if isinstance(scenario, str) else None
        self.scenario = load_scenario(scenario) if isinstance(scenario, str) else scenario
        self.preset = preset
        self.difficulty = difficulty
        self.lens = lens
        self.player = player
        self.explain = explain
        self._comparisons: OrderedDict[int, BaselineGame] = OrderedDict()

    @property
    def name(self) -> str:
        """How the scenario is named in messages: as given, or its title."""
        return self.scenario_ref or self.scenario.meta.name

    def new(self, seed: int) -> GameSession:
        comparison = self._comparisons.pop(seed, None)
        session = GameSession(
            self.scenario,
            seed,
            player=self.player,
            preset=self.preset,
            difficulty=self.difficulty,
            scenario_ref=self.scenario_ref,
            lens=self.lens,
            comparison=comparison,
            explain=self.explain,
        )
        self._comparisons[seed] = session.comparison
        while len(self._comparisons) > SHARED_COMPARISONS:
            self._comparisons.popitem(last=False)
        return session
