"""The no-new-policy game played by a forked child process, beside the player's game.

Scoring a game compares every turn with the same seed's game without new policy, so a
scored game plays two games, one turn of each at a time. On a machine with a second core a
forked child can play the comparison game while this process plays the player's: each
turn's row and observations come back through a queue as the child finishes the turn, and
the player's turn waits only if the child is behind. The child runs the same code on a copy
of the same memory, so what it sends is what this process would have computed.

If the child fails (it died, or sent nothing for `SILENCE` seconds), the caller is told and
plays the game itself, from the start.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rare_earth_game.forking import fork_context, prepare_child
from rare_earth_game.sim.recorder import GrowingTable

if TYPE_CHECKING:
    import pandas as pd

    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.game.session import GameSession

WAIT = 1.0
"""Seconds to wait for a turn before checking that the child is still alive."""
SILENCE = 120.0
"""Seconds without a turn from the child before it is given up for stuck: far longer than
any built-in scenario's turn takes."""

Turn = tuple[dict[str, Any], list["TurnObservation"], bool]
"""What the child sends after each turn: the game's row, the observations the turn added,
and whether the game is over."""


class ChildGame:
    """The comparison game as a forked child plays it, received a turn at a time."""

    def __init__(self, start: Callable[[], GameSession]) -> None:
        context = fork_context()
        self._turns: multiprocessing.Queue[Turn] = context.Queue()
        """A queue, not a bare pipe: its sending thread lets the child play on, however
        far ahead, while nobody reads (a save replayed without scores, say)."""
        process = context.Process(
            target=_play,
            args=(start, self._turns, os.getpid()),
            daemon=True,
            name="no-new-policy game",
        )
        process.start()
        self._process = process
        self._ending = weakref.finalize(self, _end, process)
        """Ends the child when this game is dropped before the child has finished."""
        self.rows: list[dict[str, Any]] = []
        self.observations: list[TurnObservation] = []
        self.finished = False
        self._growing = GrowingTable(self.rows)
        self._history: pd.DataFrame | None = None

    def receive(self, turn: int) -> bool:
        """Wait until the child has played game turn `turn` (0-based) or the whole game;
        False if it has failed."""
        waited = 0.0
        while len(self.rows) <= turn and not self.finished:
            try:
                row, observations, self.finished = self._turns.get(timeout=WAIT)
            except queue.Empty:
                waited += WAIT
                if not self._process.is_alive() or waited >= SILENCE:
                    return False
                continue
            except (EOFError, OSError, pickle.UnpicklingError):  # cut off as it died
                return False
            waited = 0.0
            self.rows.append(row)
            self.observations.extend(observations)
        return True

    def history(self) -> pd.DataFrame:
        """The turns received, as `GameSession.history()` gives them (a copy)."""
        if self._history is None or len(self._history) != len(self.rows):
            self._history = self._growing.table()
        return self._history.copy()

    def stop(self) -> None:
        self._ending()


def _end(process: Any) -> None:
    if process.is_alive():
        process.terminate()
    process.join()


def _play(
    start: Callable[[], GameSession], turns: multiprocessing.Queue[Turn], parent: int
) -> None:
    """In the child: play the game, sending each turn as it ends. An error ends the child
    quietly: the parent, finding it gone, plays the game itself and meets the error there,
    where it is reported."""
    prepare_child(parent)
    try:
        session = start()
        while not session.finished:
            played = len(session.observations)
            session.submit(())
            turns.put((session.game_rows[-1], session.observations[played:], session.finished))
    except Exception:  # see above
        return
