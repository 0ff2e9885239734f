"""The world as it stands before a game's first decision: its opening quarter.

A new game has played nothing, so it has no trade, prices or history to show, yet the first
decision matters most (a mine funded now opens years later). `opening_quarter` plays the
scenario's first engine step on a separate model of the same scenario and seed, with no
player and no AI moves, and keeps what it recorded: the trade flows, the markets and one
row in the shape of the game's history. The player's game is only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rare_earth_game.game.measures import PlayerMeasures
from rare_earth_game.game.presets import with_difficulty
from rare_earth_game.game.records import game_row
from rare_earth_game.sim.model import RareEarthModel

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession


@dataclass(frozen=True)
class OpeningQuarter:
    """The scenario's first quarter as it plays with nobody's new policy."""

    date: str  # the quarter's label, e.g. "2025-Q1"
    row: dict[str, Any]  # a game-history row (`turn` 0) of the quarter's figures
    flow_rows: tuple[dict[str, Any], ...]  # the engine's flow records for the quarter
    market_rows: tuple[dict[str, Any], ...]  # its market records


def opening_quarter(session: GameSession) -> OpeningQuarter:
    """Play the opening quarter of `session`'s scenario and seed on a model of its own."""
    scenario = with_difficulty(session.scenario, session.player, session.difficulty)
    model = RareEarthModel(scenario, seed=session.seed)
    PlayerMeasures(session.player, session.scenario.game.adversary).attach(model)
    try:
        model.step()
        recorder = model.recorder
        first = recorder.model_rows[0]
        date = str(first.get("date", session.label(0)))
        row = game_row(0, date, [first], session.treasury.draft(), session.standing())
        return OpeningQuarter(
            date,
            row,
            tuple(dict(r) for r in recorder.flow_rows),
            tuple(dict(r) for r in recorder.market_rows),
        )
    finally:
        model.release()
