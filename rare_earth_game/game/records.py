"""A game turn's record: one row of the game's history, and the checksum a save replays.

A yearly game turn spans four engine steps; its row is the mean of their figures, so a
turn is judged on the whole year, plus the game's own accounts at the turn's end.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rare_earth_game.game.projects import Project
    from rare_earth_game.game.treasury import Treasury
    from rare_earth_game.sim.model import RareEarthModel


def game_row(
    number: int,
    date: str,
    rows: list[dict[str, Any]],
    treasury: Treasury,
    standing: dict[str, float],
) -> dict[str, Any]:
    """Turn `number` (counted from 1): its engine rows' means, the game's accounts and how
    the player stands at the turn's end (`standing`: support, trust, crisis)."""
    numeric = _mean_of_numbers(rows)
    numeric.pop("turn", None)
    numeric.pop("year", None)
    return {
        "turn": number,
        "date": date,
        **numeric,
        "game.spending_musd": treasury.spent_total,
        "game.savings_musd": treasury.savings,
        "game.locked_musd": treasury.committed,
        "game.lapsed_musd": treasury.lapsed_total,
        **standing,
    }


@dataclass(frozen=True)
class TurnDigest:
    """What a turn's checksum is taken of, so that a replay which comes out differently is
    caught. Kept rather than hashed at once: hashing a year's ~3,600 figures takes 3-8 ms,
    and only a save or a replay asks for it (a batch's runs never do)."""

    rows: list[dict[str, Any]]
    """The turn's engine rows (the recorder's own: they are not changed once recorded)."""
    savings: float
    projects: list[tuple[str, bool, str]]
    """(card, paid in full, state) of every project at the turn's end, sorted."""

    def checksum(self) -> str:
        payload = {"rows": self.rows, "savings": self.savings, "projects": self.projects}
        encoded = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


def turn_digest(
    rows: list[dict[str, Any]],
    treasury: Treasury,
    projects: dict[str, Project],
    model: RareEarthModel,
) -> TurnDigest:
    """The turn's digest, taken at its end (projects' states move on with the model)."""
    states: list[tuple[str, bool, str]] = sorted(
        (k, p.paid, p.state(model)) for k, p in projects.items()
    )
    return TurnDigest(rows, treasury.savings, states)


def _mean_of_numbers(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Per numeric column, the mean of the values that are not NaN (NaN if none are).

    Gathered column by column in one pass over the rows: a row has about 900 figures and
    this runs every game turn; looking each key up in every row took 2.2 ms a yearly turn,
    one pass takes 0.8."""
    columns: dict[str, list[Any]] = {}
    for row in rows:
        for key, value in row.items():
            columns.setdefault(key, []).append(value)
    means: dict[str, float] = {}
    for key, values in columns.items():
        numbers = [float(v) for v in values if _is_number(v) and not math.isnan(v)]
        if numbers:
            means[key] = sum(numbers) / len(numbers)
        elif any(isinstance(v, float) for v in values):
            means[key] = math.nan
    return means


def _is_number(value: Any) -> bool:
    return type(value) is float or (isinstance(value, int | float) and not isinstance(value, bool))
