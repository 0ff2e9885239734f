"""`GameSession`: one player's game, the single path for students, strategies and replays.

A game turn runs one or more engine steps (a year's four quarters in the short presets).
In a turn: the player's orders are carried out in order, each checked against the rules
and the treasury (refused ones come back with the reason); AI nations react; the engine
steps; installments and running costs are paid; effects due when a card is paid for take
hold at the next step; the turn is recorded, scored against the same seed's "no new
policy" game and explained in a `TurnReport`.

The session only sequences a turn and keeps its records; the menu is the `Catalogue`, the
orders are carried out by `Orders`, the money is the `Treasury` and the comparison game is
the `BaselineGame`.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pandas as pd

from rare_earth_game.errors import ApiMisuseError, UserError
from rare_earth_game.game.actions import Action, ActionOption, action_to_dict
from rare_earth_game.game.ai import AINations, Decision
from rare_earth_game.game.baseline import BaselineGame
from rare_earth_game.game.catalogue import Catalogue
from rare_earth_game.game.clock import Clock
from rare_earth_game.game.orders import Orders
from rare_earth_game.game.presets import DIFFICULTIES, PRESETS, Difficulty, LengthPreset
from rare_earth_game.game.projects import Project
from rare_earth_game.game.records import checksum, game_row
from rare_earth_game.game.report import TurnReport, build_report
from rare_earth_game.game.saves import load_save, write_save
from rare_earth_game.game.scoring import Scorecard, objective_deadlines, scorecard
from rare_earth_game.game.treasury import Treasury
from rare_earth_game.scenario.catalog import load_scenario
from rare_earth_game.scenario.game import Investment
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.model import RareEarthModel


class GameOverError(ApiMisuseError, RuntimeError):
    """The game has no turns left."""


class GameSetupError(UserError, ValueError):
    """A game cannot start with these settings (unknown preset, player, ...)."""


def _choice(value: str, options: dict[str, Any], what: str) -> Any:
    if value in options:
        return options[value]
    close = difflib.get_close_matches(value, list(options), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise GameSetupError(f"unknown {what} '{value}'{hint} (choose from {', '.join(options)})")


class GameSession:
    """A game of the US strategist (or any scenario nation) against the AI."""

    def __init__(
        self,
        scenario: Scenario | str,
        seed: int = 0,
        player: str | None = None,
        preset: str = "class_period",
        difficulty: str = "normal",
        team: str = "",
        scenario_ref: str | None = None,
        scoring: bool = True,
    ) -> None:
        """`scenario` is a loaded scenario, or a built-in name or file path to load.

        `scenario_ref` says where a loaded scenario came from, so saves can find it again.
        With `scoring` off, turn reports carry no scorecard, so the baseline game is only
        played if `scorecard()` is asked for (research runs that compare strategies
        themselves save half their time).
        """
        if isinstance(scenario, str):
            scenario_ref = scenario_ref or scenario
            scenario = load_scenario(scenario)
        self.scenario = scenario
        self.scenario_ref = scenario_ref
        self.seed = seed
        self.player = player or scenario.game.player
        if self.player not in {n.id for n in scenario.nations}:
            _choice(self.player, {n.id: n for n in scenario.nations}, "player nation")
        self.preset: LengthPreset = _choice(preset, PRESETS, "length preset")
        self.difficulty: Difficulty = _choice(difficulty, DIFFICULTIES, "difficulty")
        self.team = team
        self.scoring = scoring
        self.clock = Clock.of(scenario, self.preset)
        self.model = RareEarthModel(scenario, seed=seed)
        self.ai = AINations(scenario.ai, self.player, self.difficulty.aggressiveness, seed)
        carry = scenario.game.carry_over**self.clock.years_per_turn
        self.treasury = Treasury(self._allowance(), carry_over=carry)
        self.projects: dict[str, Project] = {}
        self.catalogue = Catalogue(
            scenario, self.model, self.treasury, self.projects, self.ai, self.clock, self.player
        )
        self.orders = Orders(
            self.model,
            self.treasury,
            self.projects,
            self.catalogue,
            self.clock,
            self.player,
            scenario.game.adversary,
        )
        self.log: list[list[dict[str, Any]]] = []
        self.checksums: list[str] = []
        self.reports: list[TurnReport] = []
        self.game_rows: list[dict[str, Any]] = []
        self.decisions: list[list[Decision]] = []
        self._baseline = BaselineGame(self._no_new_policy)

    # --- the calendar, as the session's users have always read it ----------------------------

    @property
    def turn(self) -> int:
        """Game turns played so far (the index of the turn being decided)."""
        return self.clock.turn

    @property
    def turns(self) -> int:
        return self.clock.turns

    @property
    def steps(self) -> int:
        """Engine steps per game turn."""
        return self.clock.steps

    @property
    def years_per_turn(self) -> float:
        return self.clock.years_per_turn

    @property
    def finished(self) -> bool:
        return self.clock.finished

    def label(self, turn: int) -> str:
        return self.clock.label(turn)

    @property
    def labels(self) -> list[str]:
        return self.clock.labels

    @property
    def date(self) -> str:
        return self.clock.date

    @property
    def cards(self) -> dict[str, Investment]:
        return self.catalogue.cards

    # --- playing ------------------------------------------------------------------------------

    def available_actions(self) -> list[ActionOption]:
        """Every investment card (with why not, when it cannot be funded) and the levers."""
        return self.catalogue.options()

    def submit(self, actions: list[Action] | tuple[Action, ...] = ()) -> TurnReport:
        """Play one game turn with these actions; returns what happened and why."""
        if self.finished:
            raise GameOverError(f"the game ended in {self.label(self.turns - 1)}")
        self.treasury.allowance = self._allowance()
        results, provocation = self.orders.apply(list(actions))
        decisions = self.ai.react(self.model, provocation, self.years_per_turn)
        before = {k: p.state(self.model) for k, p in self.projects.items()}
        first_step = self.model.turn
        purchases = 0.0
        for _ in range(self.steps):
            self.model.step()
            purchases += self.model.nations[self.player].ordered_purchases
        operating = [k for k, p in self.projects.items() if p.state(self.model) == "operating"]
        account = self.treasury.close_turn(purchases, operating)
        for card_id in account.paid_off:
            self.orders.paid_off(card_id)
        rows = self.model.recorder.model_rows[first_step:]
        self.game_rows.append(
            game_row(self.turn + 1, self.date, rows, self.model, self.player, self.treasury)
        )
        self.decisions.append(decisions)
        report = build_report(self, results, decisions, first_step, account, before)
        if self.scoring and self.scenario.objectives:
            report.scorecard = self._scorecard_at(self.turn)
        self.reports.append(report)
        self.log.append([action_to_dict(a) for a in actions])
        self.checksums.append(checksum(rows, self.treasury, self.projects, self.model))
        self.clock.turn += 1
        return report

    def _allowance(self) -> float:
        """This turn's budget: the scenario's, any appropriation events', the difficulty's."""
        nation = self.model.nations[self.player]
        yearly = self.scenario.game.budget_per_year + nation.budget_change_per_year
        return max(0.0, yearly) * self.years_per_turn * self.difficulty.budget

    # --- saves --------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write this game as a replay (gzip JSON, written atomically); returns the path."""
        return write_save(self, path)

    @classmethod
    def load(cls, path: str | Path, scenario: Scenario | None = None) -> GameSession:
        """Replay a save; raises `SaveError` for a changed scenario, newer format or damage."""
        return load_save(path, scenario)

    # --- records ------------------------------------------------------------------------------

    def history(self) -> pd.DataFrame:
        """One row per game turn played (`turn` from 1): the engine's figures averaged over
        the turn, plus the game's own accounts."""
        return pd.DataFrame(self.game_rows)

    def engine_history(self) -> pd.DataFrame:
        """One row per engine step played."""
        return self.model.recorder.model_table()

    def baseline(self) -> pd.DataFrame:
        """The same seed's "no new policy" game, played to the end: no player actions, the
        AI as usual."""
        return self._baseline.until(self.turns - 1)

    def prepare_next_turn(self) -> None:
        """Play the no-new-policy game's next turn ahead of time, e.g. on a worker thread
        while the player reads the report, so that `submit()` only plays the player's.

        Safe beside the main thread: it touches only the baseline game, under a lock that
        `submit()` waits on."""
        if self.scoring and self.scenario.objectives and not self.finished:
            self._baseline.until(self.turn)

    def scorecard(self) -> Scorecard:
        """Objectives at the latest turn played (or their deadlines), beside the baseline."""
        return self._scorecard_at(max(0, len(self.game_rows) - 1))

    def _scorecard_at(self, turn: int) -> Scorecard:
        deadlines = objective_deadlines(self.scenario, self.preset.name)
        baseline = self._baseline.until(turn)
        return scorecard(
            self.scenario.objectives, self.history(), baseline, turn, deadlines, self.labels
        )

    def _no_new_policy(self) -> GameSession:
        return GameSession(
            self.scenario,
            self.seed,
            self.player,
            self.preset.name,
            self.difficulty.name,
            scoring=False,
        )
