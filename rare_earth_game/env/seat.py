"""The player's seat at a game: reads the dashboard, turns a plan into orders, scores turns.

Both environments seat the player the same way (`StrategistEnv` alone, `WorldEnv` beside
other nations), so a plan means the same, is refused for the same reasons and earns the
same reward in either.
"""

from __future__ import annotations

from typing import Any, Literal

from rare_earth_game.env.dashboard import Dashboard
from rare_earth_game.env.errors import InvalidActionError
from rare_earth_game.env.plan import Mask, PlanLayout, affordable
from rare_earth_game.env.reward import check_reward, figure
from rare_earth_game.game.actions import Action, ActionOption
from rare_earth_game.game.report import TurnReport
from rare_earth_game.game.session import GameSession

Invalid = Literal["report", "raise"]


class PlayerSeat:
    """The player's action and observation spaces and the turn's mask, refusals and reward."""

    def __init__(self, session: GameSession, reward: str, invalid: Invalid) -> None:
        self.reward_name = check_reward(reward)
        self.invalid = invalid
        self.layout = PlanLayout(session)
        self.dashboard = Dashboard(session)
        self.action_space = self.layout.space()
        self.observation_space = self.dashboard.space()
        self.options: list[ActionOption] = []
        self.mask: Mask | None = None
        self.figure = 0.0

    def start(self, session: GameSession) -> dict[str, Any]:
        """The first observation; the reward's starting figure is the comparison game's
        at the first turn (see `reward.py`)."""
        comparison = session.comparison.until(0)
        self.figure = figure(session.judge.scorecard(comparison, comparison, 0), self.reward_name)
        return self.observe(session, None)

    def orders(
        self, session: GameSession, plan: dict[str, Any]
    ) -> tuple[list[Action], dict[str, str]]:
        """The plan's orders that can be carried out, and the refused parts with the reason;
        with `invalid="raise"` any refusal raises before anything is played."""
        assert self.mask is not None, "call reset() before step()"
        try:
            keys = self.layout.chosen(plan)
        except (KeyError, ValueError, TypeError) as error:
            raise InvalidActionError(f"malformed plan: {error}") from None
        actions, refused = affordable(session, keys, self.options, self.mask)
        if refused and self.invalid == "raise":
            reasons = "; ".join(f"{key}: {why}" for key, why in refused.items())
            raise InvalidActionError(f"plan refused, nothing played: {reasons}")
        return actions, refused

    def after(
        self, session: GameSession, report: TurnReport, refused: dict[str, str]
    ) -> tuple[dict[str, Any], float]:
        """The observation and reward after a turn; orders the session refused while
        carrying out the turn join `refused`."""
        keys_of = {o.action: o.key for o in self.options}
        for result in report.actions:
            if not result.accepted:
                refused[keys_of.get(result.action, str(result.action))] = result.message
        card = report.scorecard or session.scorecard()
        value = figure(card, self.reward_name)
        reward = value - self.figure
        self.figure = value
        return self.observe(session, card), reward

    def observe(self, session: GameSession, card: Any) -> dict[str, Any]:
        self.options = session.available_actions()
        self.mask = self.layout.mask(self.options)
        return self.dashboard.observe(session, self.options, card)

    def info(self, session: GameSession, refused: dict[str, str]) -> dict[str, Any]:
        assert self.mask is not None
        return {
            "action_mask": self.mask.as_info(),
            "sample_mask": self.mask.sample_mask(),
            "why_not": dict(self.mask.why_not),
            "refused": refused,
            "figure": self.figure,
            "date": session.date,
            "ending": session.ending.reason if session.ending is not None else None,
        }
