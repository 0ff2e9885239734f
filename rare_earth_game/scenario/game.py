"""The player's side of a scenario: budget, objectives and the menu of investment cards."""

from typing import Literal

from pydantic import Field

from rare_earth_game.scenario.effects import Effect
from rare_earth_game.scenario.types import Id, NonNegative, Section

Pillar = Literal["domestic", "allies", "batteries", "trade", "stockpile_recycling"]


class GameSettings(Section):
    """Who the player is and what public money they have."""

    player: Id = Field(default="USA", description="Nation the player runs.")
    adversary: Id = Field(default="CHN", description="Nation whose dominance the player counters.")
    budget_per_turn: NonNegative = Field(
        default=1000.0, description="Public money (USD M) available each turn."
    )


class Investment(Section):
    """An investment card the player can fund; effects apply when it completes."""

    id: Id
    pillar: Pillar
    title: str = Field(min_length=1, max_length=60)
    summary: str = Field(min_length=1, description="One-line explanation for the card.")
    cost: NonNegative = Field(description="Total USD M, spread evenly over its turns.")
    turns: int = Field(default=1, ge=0, le=80, description="Turns to complete (0 = at once).")
    prerequisites: tuple[Id, ...] = Field(
        default=(), description="Cards that must be complete first."
    )
    partner: Id | None = Field(
        default=None, description="Nation that must agree (ventures with allies)."
    )
    repeatable: bool = False
    trade_offs: tuple[str, ...] = Field(
        default=(), description="Downsides to show before the player commits."
    )
    effects: tuple[Effect, ...] = ()
