"""An AI nation's move as the player reads it: what it did, why, and what of the player's it
answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rare_earth_game.scenario import effects as fx

MoveKind = Literal[
    "control", "tighten", "ban", "ease", "lift", "squeeze", "end_squeeze", "punish", "court"
]


@dataclass(frozen=True)
class Answer:
    """Something of the player's a move answers: one of its moves (by the title the report
    uses for it), or a state of its supply the AI measured."""

    kind: Literal["move", "state"]
    text: str


@dataclass(frozen=True)
class Decision:
    """One AI move and why, for the turn report and the `ai_moves` table.

    `reason` is the sentence a student reads; `answers` lists what in it is the player's
    doing, so every move can be traced to a move or a measured state of the player's."""

    nation: str
    action: str
    reason: str
    effects: tuple[fx.Effect, ...] = ()
    kind: MoveKind = "control"
    goods: tuple[str, ...] = ()
    target: str | None = None
    """The nation a control or a courtship is aimed at."""
    answers: tuple[Answer, ...] = ()

    @property
    def hostile(self) -> bool:
        """Whether the move restricts the player's or its partners' supply."""
        return self.kind in ("control", "tighten", "ban", "punish")
