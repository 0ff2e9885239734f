"""The strategist's observation: the player's dashboard as fixed-shape arrays.

Every part has a shape fixed by the scenario (its goods, cards and sub-scores), so a
policy trained on one game of a scenario reads any other game of it. Figures are the
turn's averages, as the window's dashboard and the scorecard read them:

- `turn` (): game turns played (0 at the start);
- `prices` (goods,): each good's price to the player's buyers over its reference price
  (the world price where the player buys none); 1 is normal, at most `PRICE_CEILING`;
- `shares` (6,): the `SHARES` below, 0-1;
- `budget` (3,): USD M that can be spent this turn, the turn's allowance, and what is
  already promised each turn;
- `projects` (cards,): each card's status by its index in `STATUSES` (0 new, 1 funded,
  2 building, 3 operating, 4 mothballed, 5 closed);
- `tension` (1,): tension with the adversary (0 friendly, 1 open hostility);
- `subscores` (10,): the scorecard's parts in `SUB_SCORES` order, 0-100 under the game's
  lens, 0 where a part has no figure yet.

A figure not yet measured (before the first turn, or a good nobody trades) reads as its
neutral value (price 1, share 0), never NaN, so a network never sees a NaN.
"""

from __future__ import annotations

import math
from typing import Any, get_args

import numpy as np
from gymnasium import spaces

from rare_earth_game.game.actions import ActionOption, OptionStatus
from rare_earth_game.game.scoring import Scorecard
from rare_earth_game.game.session import GameSession
from rare_earth_game.scenario.game import SUB_SCORES

SHARES = (
    "player.supply_security",
    "player.clean_supply",
    "player.demand_met",
    "player.defence_security",
    "game.alliance_strength",
    "game.public_support",
)
"""The dashboard's shares, in the order of the `shares` entry."""
PRICE_CEILING = 100.0
"""Prices read at most this multiple of normal (a bounded space; no market goes near it)."""
BUDGET_CEILING = 1e6
"""USD M; a bound no scenario's budget approaches."""
STATUSES: tuple[str, ...] = get_args(OptionStatus)
"""A card's status by its number in `projects`."""


class Dashboard:
    """Reads a session into the observation for a scenario's goods and cards."""

    def __init__(self, session: GameSession) -> None:
        self.player = session.player
        self.adversary = session.scenario.game.adversary
        self.goods = tuple(c.id for c in session.scenario.commodities)
        self.cards = tuple(f"card:{c.id}" for c in session.scenario.investments)
        self.turns = session.turns
        self.reference = {g: session.model.reference_price(g) for g in self.goods}

    def space(self) -> spaces.Dict:
        def box(n: int, low: float, high: float) -> spaces.Box:
            return spaces.Box(low, high, shape=(n,), dtype=np.float32)

        return spaces.Dict(
            {
                "turn": spaces.Discrete(self.turns + 1),
                "prices": box(len(self.goods), 0.0, PRICE_CEILING),
                "shares": box(len(SHARES), 0.0, 1.0),
                "budget": box(3, 0.0, BUDGET_CEILING),
                "projects": spaces.MultiDiscrete([len(STATUSES)] * len(self.cards)),
                "tension": box(1, 0.0, 1.0),
                "subscores": box(len(SUB_SCORES), 0.0, 100.0),
            }
        )

    def observe(
        self, session: GameSession, options: list[ActionOption], card: Scorecard | None
    ) -> dict[str, Any]:
        row = session.game_rows[-1] if session.game_rows else {}
        status = {o.key: o.status for o in options}
        treasury = session.treasury
        parts = {p.id: p.score for p in card.subscores} if card is not None else {}
        tension = session.model.tension(self.player, self.adversary)
        return {
            "turn": session.turn,
            "prices": _floats([self._price(row, g) for g in self.goods], 1.0, PRICE_CEILING),
            "shares": _floats([row.get(k, 0.0) for k in SHARES], 0.0, 1.0),
            "budget": _floats(
                [treasury.available, treasury.allowance, treasury.committed], 0.0, BUDGET_CEILING
            ),
            "projects": np.array(
                [STATUSES.index(status.get(k, "new")) for k in self.cards], dtype=np.int64
            ),
            "tension": _floats([tension], 0.0, 1.0),
            "subscores": _floats([parts.get(s, 0.0) for s in SUB_SCORES], 0.0, 100.0),
        }

    def _price(self, row: dict[str, Any], good: str) -> float:
        price = row.get(f"{good}.price.{self.player}", row.get(f"{good}.price_world"))
        reference = self.reference[good]
        if price is None or not reference:
            return 1.0
        return float(price) / reference


def _floats(values: list[Any], neutral: float, high: float) -> np.ndarray:
    """float32, NaN read as the neutral value, clipped into the space's bounds."""
    numbers = [neutral if v is None or math.isnan(float(v)) else float(v) for v in values]
    return np.clip(np.array(numbers, dtype=np.float32), 0.0, high)
