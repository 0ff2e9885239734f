"""Where a change to the world comes from: the scenario, an event, chance, a player or an AI.

Every effect is applied with its origin, so the engine can keep the rules that depend on
it (a decision stands against later scheduled changes) without knowing who the player is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Origin(StrEnum):
    """Who or what asked for a change."""

    SCENARIO = "scenario"
    """Scheduled history: the scenario's dated events."""
    RANDOM = "random"
    """A random event drawn from the model's seeded generator."""
    PLAYER = "player"
    """A human or headless strategist's decision, through the game."""
    AI = "ai"
    """A nation run by the game's AI."""


STANDING = frozenset({Origin.PLAYER})
"""Origins whose policy decisions stand: a later scheduled change to the same policy is
skipped (the player chose otherwise than history did). AI moves are answers to the moment
and give way to scheduled history."""


@dataclass(frozen=True)
class Source:
    """An effect's origin and the name of what carried it (an event id, a card id, a nation)."""

    origin: Origin
    name: str = ""

    def __str__(self) -> str:
        return f"{self.origin}:{self.name}" if self.name else str(self.origin)
