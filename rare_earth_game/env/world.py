"""`WorldEnv`: the world game as a PettingZoo parallel environment, nations as agents.

The agents are the player's nation (its plan, observation and reward exactly as in
`StrategistEnv`) and every nation the scenario marks playable (`[[playable]]`: the
adversary, allies), each with its own cards as its action space (`nation_seat.py`). In a
step every agent moves at once: the nations' cards take effect, then the player's turn is
played, so all of them act on the same quarters of trade.

A nation an agent plays is the agent's: the adversary's AI makes no moves of its own (its
tension still answers the player's moves, as the game's rules say), and an ally's only
AI decision, whether to join the player's ventures, stays the ally's rule. Nations no
agent plays keep their AI. The score is still measured against the "no new policy" game,
in which every nation's AI plays as usual.

A scenario that marks no nation playable cannot make a world game: `EnvSetupError` names
the key to add.
"""

from __future__ import annotations

import functools
from typing import Any

import gymnasium as gym
import numpy as np
from pettingzoo import ParallelEnv

from rare_earth_game.env.errors import EnvSetupError, InvalidActionError
from rare_earth_game.env.games import Games
from rare_earth_game.env.nation_seat import NationSeat
from rare_earth_game.env.seat import PlayerSeat
from rare_earth_game.env.strategist import SEED_RANGE, check_invalid, episode_limit
from rare_earth_game.scenario.model import Scenario


class WorldEnv(ParallelEnv[str, dict[str, Any], Any]):  # type: ignore[misc]
    """The world game: `reset`, then `step({nation: action, ...})` once per game turn."""

    metadata = {"name": "rare_earth_world_v0", "render_modes": []}  # noqa: RUF012 - PettingZoo's

    def __init__(
        self,
        scenario: Scenario | str = "baseline_2025",
        preset: str = "sprint",
        difficulty: str = "normal",
        lens: str | None = None,
        reward: str = "score",
        turns: int | None = None,
        invalid: str = "report",
    ) -> None:
        """`reward` is the player's (the score or a sub-score); each playable nation's is
        its scenario's `reward` figure. `turns` ends an episode early (truncated)."""
        self.games = Games(scenario, preset, difficulty, lens, None)
        playable = self.games.scenario.playable
        if not playable:
            raise EnvSetupError(
                f"scenario '{self.games.name}' marks no playable nation, so it has no world "
                "game: add a [[playable]] table (key `playable`) with a nation, its reward "
                "figure and its [[playable.cards]]"
            )
        self.session = self.games.new(0)
        self.invalid = check_invalid(invalid)
        self.limit = episode_limit(turns, self.session.turns)
        self.player = self.session.player
        self.seat = PlayerSeat(self.session, reward, self.invalid)
        self.nations = {p.nation: NationSeat(p, self.session.turns, self.player) for p in playable}
        self.possible_agents = [self.player, *self.nations]
        self.agents: list[str] = []
        self._rng = np.random.default_rng()

    @functools.cache  # noqa: B019 - one space object per agent, as PettingZoo asks
    def observation_space(self, agent: str) -> gym.spaces.Space[Any]:
        seat = self.seat if agent == self.player else self.nations[agent]
        return seat.observation_space

    @functools.cache  # noqa: B019
    def action_space(self, agent: str) -> gym.spaces.Space[Any]:
        seat = self.seat if agent == self.player else self.nations[agent]
        return seat.action_space

    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        if seed is not None:
            self._rng = np.random.default_rng(seed)
        game_seed = seed if seed is not None else int(self._rng.integers(SEED_RANGE))
        self.session = session = self.games.new(game_seed)
        session.ai.played = set(self.nations)
        self.agents = list(self.possible_agents)
        observations = {self.player: self.seat.start(session)}
        observations |= {n: seat.start(session) for n, seat in self.nations.items()}
        return observations, self._infos({})

    def step(
        self, actions: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, float], dict[str, bool], dict[str, bool], dict[str, Any]]:
        session = self.session
        unknown = set(actions) - set(self.agents)
        if unknown:
            raise InvalidActionError(f"no live agent {sorted(unknown)} (agents: {self.agents})")
        raise_invalid = self.invalid == "raise"
        plan = actions.get(self.player, self.seat.layout.nothing())
        orders, player_refused = self.seat.orders(session, plan)
        refused = {self.player: player_refused}
        for nation, seat in self.nations.items():
            nothing = np.zeros(len(seat.cards), dtype=np.int8)
            refused[nation] = seat.play(session, actions.get(nation, nothing), raise_invalid)
        report = session.submit(orders)
        observation, reward = self.seat.after(session, report, refused[self.player])
        observations = {self.player: observation}
        rewards = {self.player: reward}
        for nation, seat in self.nations.items():
            observations[nation], rewards[nation] = seat.after(session)
        over = session.finished
        cut = not over and session.turn >= self.limit
        agents = list(self.agents)
        infos = self._infos(refused)
        if over or cut:
            self.agents = []
        return (
            observations,
            rewards,
            dict.fromkeys(agents, over),
            dict.fromkeys(agents, cut),
            infos,
        )

    def _infos(self, refused: dict[str, dict[str, str]]) -> dict[str, Any]:
        session = self.session
        infos = {self.player: self.seat.info(session, refused.get(self.player, {}))}
        for nation, seat in self.nations.items():
            infos[nation] = seat.info(session, refused.get(nation, {}))
        return infos
