"""A playable nation's seat at the world game: its cards as actions, its figure as reward.

A nation's cards come from the scenario's `[[playable]]` table for it. Each turn its agent
chooses any of them (a MultiBinary, one entry per card); a card is made once a game unless
it is repeatable, and the mask says which can still be made and why not. Its effects act
as the nation's own, from this turn. The reward is the change in the nation's figure
(`reward` in its table), measured like the player's: the first turn's from the comparison
game's first-turn figure.

Observation (a Dict): `turn` (game turns played), `tension` (with the player, 0-1),
`figure` (its reward figure, last turn's average; 0 before the first) and `made` (1 for
each card already made).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from gymnasium import spaces

from rare_earth_game.env.errors import InvalidActionError
from rare_earth_game.game.session import GameSession
from rare_earth_game.scenario.playable import PlayableNation
from rare_earth_game.sim.origin import Origin, Source

FIGURE_BOUND = 1e9
"""Bounds of the `figure` entry: figures are shares, indices or USD M, all far inside."""
MADE = "already made this game (the card is not repeatable)"


class NationSeat:
    """One playable nation: its spaces, what it may do this turn, and its reward."""

    def __init__(self, playable: PlayableNation, turns: int, player: str) -> None:
        self.nation = playable.nation
        self.cards = playable.cards
        self.metric = playable.reward
        self.player = player
        self.action_space = spaces.MultiBinary(len(self.cards))
        self.observation_space = spaces.Dict(
            {
                "turn": spaces.Discrete(turns + 1),
                "tension": spaces.Box(0.0, 1.0, shape=(1,), dtype=np.float32),
                "figure": spaces.Box(-FIGURE_BOUND, FIGURE_BOUND, shape=(1,), dtype=np.float32),
                "made": spaces.MultiBinary(len(self.cards)),
            }
        )
        self.made: set[str] = set()
        self.figure = 0.0

    def start(self, session: GameSession) -> dict[str, Any]:
        self.made = set()
        self.figure = _value(session.comparison.until(0).iloc[0].to_dict(), self.metric)
        return self.observe(session)

    def why_not(self, session: GameSession) -> dict[str, str]:
        """Card id -> why it cannot be made now."""
        if session.finished:
            return {card.id: "the game is over" for card in self.cards}
        return {c.id: MADE for c in self.cards if c.id in self.made and not c.repeatable}

    def mask(self, session: GameSession) -> np.ndarray:
        shut = self.why_not(session)
        return np.array([card.id not in shut for card in self.cards], dtype=np.int8)

    def play(self, session: GameSession, action: Any, raise_invalid: bool) -> dict[str, str]:
        """Make the chosen cards the mask allows; returns the refused ones with the reason
        (or raises, with `raise_invalid`, before making any)."""
        bits = np.asarray(action).reshape(-1)
        if bits.shape != (len(self.cards),):
            raise InvalidActionError(
                f"{self.nation}'s action must have {len(self.cards)} entries, got {bits.shape[0]}"
            )
        shut = self.why_not(session)
        chosen = [card for card, bit in zip(self.cards, bits, strict=True) if bit]
        refused = {f"{self.nation}:{c.id}": shut[c.id] for c in chosen if c.id in shut}
        if refused and raise_invalid:
            reasons = "; ".join(f"{key}: {why}" for key, why in refused.items())
            raise InvalidActionError(f"{self.nation}'s move refused, nothing played: {reasons}")
        source = Source(Origin.AI, self.nation)
        for card in chosen:
            if card.id not in shut:
                session.model.apply_effects(card.effects, source)
                self.made.add(card.id)
        return refused

    def after(self, session: GameSession) -> tuple[dict[str, Any], float]:
        value = _value(session.game_rows[-1], self.metric)
        reward = value - self.figure
        self.figure = value
        return self.observe(session), reward

    def observe(self, session: GameSession) -> dict[str, Any]:
        tension = session.model.tension(self.nation, self.player)
        return {
            "turn": session.turn,
            "tension": np.array([min(1.0, max(0.0, tension))], dtype=np.float32),
            "figure": np.array([self.figure], dtype=np.float32),
            "made": np.array([c.id in self.made for c in self.cards], dtype=np.int8),
        }

    def info(self, session: GameSession, refused: dict[str, str]) -> dict[str, Any]:
        why_not = self.why_not(session)
        return {
            "action_mask": self.mask(session),
            "why_not": {f"{self.nation}:{k}": v for k, v in why_not.items()},
            "refused": refused,
            "figure": self.figure,
            "date": session.date,
        }


def _value(row: dict[str, Any], metric: str) -> float:
    """A figure from a turn's row; 0 where it has none (a stage the nation does not work)."""
    value = row.get(metric)
    return 0.0 if value is None or math.isnan(float(value)) else float(value)
