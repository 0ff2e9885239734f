"""Ways to lose before the last turn, each with the reason the debrief gives."""

from __future__ import annotations

import math
from dataclasses import dataclass

LOSE_SUPPORT = 0.2
"""Public support below this ends the programme."""
CONFLICT_TENSION = 0.97
"""Tension with the adversary at or above this at the end of `CONFLICT_TURNS` turns of
trade war is open conflict: one reckless turn can be talked down, a war kept up cannot."""
CONFLICT_TURNS = 2
DEFENCE_FLOOR = 0.6
"""A year in which less than this share of defence demand is met is a national-security
failure."""


@dataclass(frozen=True)
class Ending:
    """Why and when a game was lost."""

    turn: int  # the game turn (0-based) at whose end it was lost
    date: str
    kind: str  # "support", "conflict" or "defence"
    reason: str


def ending(
    turn: int,
    date: str,
    support: float,
    tension: float,
    war_turns: int,
    defence: float,
    adversary: str,
) -> Ending | None:
    """The game's end after a turn, if one of the ways to lose has come about
    (`war_turns`: turns of trade war so far that ended at `CONFLICT_TENSION` or above)."""
    hostile = war_turns >= CONFLICT_TURNS
    if support < LOSE_SUPPORT:
        return Ending(
            turn,
            date,
            "support",
            f"Public support fell to {support:.0%}: Congress ended your programme in {date}",
        )
    if hostile:
        return Ending(
            turn,
            date,
            "conflict",
            f"Tension with {adversary} stayed at {tension:.2f} into {date}: the trade war "
            "became open conflict",
        )
    if not math.isnan(defence) and defence < DEFENCE_FLOOR:
        return Ending(
            turn,
            date,
            "defence",
            f"Only {defence:.0%} of defence needs were met in {date}: a national-security failure",
        )
    return None
