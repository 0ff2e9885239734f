"""`StrategistEnv`: the player's game as a Gymnasium environment, one step a game turn.

The environment is a `GameSession` and nothing more: the same rules, treasury, AI and
scorecard a student plays, so what an agent learns is about the game, not about a copy of
it. The action is the turn's plan (`plan.py`), the observation the player's dashboard
(`dashboard.py`), the reward the change in the score or a named sub-score (`reward.py`).

Invalid plans are never silently dropped. Every turn's `info` carries `action_mask` (what
can be chosen now, part by part), `why_not` (each shut option and the session's reason)
and `sample_mask` for `action_space.sample(mask=...)`. A plan that chooses a shut option,
or more than the turn's money pays for together, is refused part by part: with
`invalid="raise"` the step raises `InvalidActionError` naming every part and reason and
plays nothing; with `invalid="report"` (the default, as learning agents explore) the rest
of the plan is played and `info["refused"]` maps each refused option to its reason, as it
does orders the session itself refuses while carrying out the turn.

`reset(seed=s)` starts game seed `s`, so the same seed and plans replay the same game;
without a seed the game seed is drawn from the environment's seeded generator.
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym

from rare_earth_game.env.errors import EnvSetupError
from rare_earth_game.env.games import Games
from rare_earth_game.env.seat import Invalid, PlayerSeat
from rare_earth_game.game.report import TurnReport
from rare_earth_game.scenario.model import Scenario

SEED_RANGE = 2**31 - 1


def episode_limit(turns: int | None, game_turns: int) -> int:
    """Game turns an episode lasts: the game's, or fewer when `turns` asks."""
    if turns is not None and turns < 1:
        raise EnvSetupError(f"turns must be 1 or more, got {turns}")
    return min(turns or game_turns, game_turns)


def check_invalid(invalid: str) -> Invalid:
    if invalid not in ("report", "raise"):
        raise EnvSetupError(f"invalid must be 'report' or 'raise', got {invalid!r}")
    return invalid  # type: ignore[return-value]


class StrategistEnv(gym.Env[dict[str, Any], dict[str, Any]]):
    """The strategist's game: `reset`, then `step(plan)` once per game turn."""

    metadata = {"render_modes": ["ansi"], "render_fps": 1}  # noqa: RUF012 - Gymnasium's own

    def __init__(
        self,
        scenario: Scenario | str = "baseline_2025",
        preset: str = "sprint",
        difficulty: str = "normal",
        lens: str | None = None,
        reward: str = "score",
        player: str | None = None,
        turns: int | None = None,
        invalid: str = "report",
        render_mode: str | None = None,
    ) -> None:
        """`reward` is "score" or a sub-score id; `turns` ends an episode early (truncated)
        for quick experiments; by default an episode is the whole game of the preset."""
        self.games = Games(scenario, preset, difficulty, lens, player, render_mode == "ansi")
        self.session = self.games.new(0)
        self.seat = PlayerSeat(self.session, reward, check_invalid(invalid))
        self.limit = episode_limit(turns, self.session.turns)
        self.render_mode = render_mode
        self.action_space = self.seat.action_space
        self.observation_space = self.seat.observation_space
        self._report: TurnReport | None = None

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        super().reset(seed=seed)
        game_seed = seed if seed is not None else int(self.np_random.integers(SEED_RANGE))
        self.session = self.games.new(game_seed)
        self._report = None
        observation = self.seat.start(self.session)
        return observation, self.seat.info(self.session, {})

    def step(
        self, action: dict[str, Any]
    ) -> tuple[dict[str, Any], float, bool, bool, dict[str, Any]]:
        session = self.session
        orders, refused = self.seat.orders(session, action)
        self._report = session.submit(orders)
        observation, reward = self.seat.after(session, self._report, refused)
        terminated = session.finished
        truncated = not terminated and session.turn >= self.limit
        return observation, reward, terminated, truncated, self.seat.info(session, refused)

    def render(self) -> str | None:
        """The last turn's report as text (render mode "ansi"); before the first turn, the
        date and the money."""
        if self.render_mode != "ansi":
            return None
        if self._report is not None:
            return self._report.text()
        session = self.session
        return (
            f"== {session.date}: turn 1 of {session.turns} ==\n"
            f"  USD {session.treasury.available:,.0f}M to spend this turn"
        )

    def nothing(self) -> dict[str, Any]:
        """The plan that does nothing this turn."""
        return self.seat.layout.nothing()


def masked_sample(env: StrategistEnv, info: dict[str, Any]) -> dict[str, Any]:
    """A random plan among those the mask allows (each allowed card and order a coin toss)."""
    return env.action_space.sample(mask=info["sample_mask"])
