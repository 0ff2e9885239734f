"""The "no new policy" game: the same scenario, seed and settings with no player moves and
the AI as usual, played in step with the player's so that every turn can be scored
against it and no turn pays for the whole comparison at once.

It is a pure function of the scenario's content, the seed, the player, the preset, the
difficulty and the lens, so one process plays it once for every session with those (a
class of teams on one scenario and seed, a save replayed again, a batch's replications of
several strategies): `shared_baseline` keeps the last few, each played as far as anyone
has asked; a finished one is also kept on disk (`baseline_store`) for other processes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import pandas as pd

from rare_earth_game.forking import can_fork
from rare_earth_game.game import baseline_store
from rare_earth_game.game.baseline_child import ChildGame
from rare_earth_game.game.baseline_store import FinishedGame

if TYPE_CHECKING:
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.game.session import GameSession


class BaselineGame:
    """Plays the comparison game on demand, up to the turn asked for, under a lock so a
    worker thread can play ahead while the main thread reads the player's game."""

    def __init__(self, start: Callable[[], GameSession], key: Hashable | None = None) -> None:
        """`key` names the game in the disk store; None (a class's private game, whose
        teacher may announce events) keeps it out of the store."""
        self._start = start
        self._key = key
        self._session: GameSession | None = None
        self._finished: FinishedGame | None = None
        self._looked_up = key is None
        self._lock = threading.Lock()
        self._announced: dict[int, tuple[str, ...]] = {}
        """Events a teacher brought forward, by the game turn they were announced at."""
        self._child: ChildGame | None = None
        """The game as a forked child plays it, when asked to (see `play_in_child`)."""

    def announce(self, turn: int, events: tuple[str, ...]) -> None:
        """The teacher brought these events forward at game turn `turn`: the comparison game
        hears them too. If it has already played that turn ahead, it starts over (rare: a
        teacher announces a few events a game)."""
        if not events:
            return
        with self._lock:
            self._announced[turn] = events
            self._key, self._finished, self._looked_up = None, None, True
            if self._session is not None and self._session.turn > turn:
                self._session = None
            if self._child is not None:  # it plays without the events: play here instead
                self._child.stop()
                self._child = None

    def until(self, turn: int) -> pd.DataFrame:
        """The comparison game's history, played at least to game turn `turn` (0-based)."""
        with self._lock:
            stored = self._stored()
            if stored is not None:
                return stored.history.copy()  # as a played game gives: callers may change it
            if self._child is not None:
                played = self._from_child(self._child, turn)
                if played is not None:
                    return played
            if self._session is None:
                self._session = self._start()
            session = self._session
            while session.turn <= min(turn, session.turns - 1):
                session.submit((), self._announced.get(session.turn, ()))
                if session.finished:
                    session.model.release()  # its history is all that is needed now
                    self._keep(FinishedGame(session.history(), session.observations))
            return session.history()

    def play_in_child(self) -> None:
        """Have a forked child process play the game from here on, ahead of the player's
        when it can, so that a second core plays it (`baseline_child.py`). Does nothing
        where forking is not safe (`forking.py`), or once the game is stored, started here
        or changed by a teacher's events."""
        with self._lock:
            if (
                self._child is None
                and self._session is None
                and not self._announced
                and self._stored() is None
                and can_fork()
            ):
                self._child = ChildGame(self._start)

    @property
    def in_child(self) -> bool:
        """Whether a forked child is playing the game now (see `play_in_child`)."""
        return self._child is not None

    def _from_child(self, child: ChildGame, turn: int) -> pd.DataFrame | None:
        """The history the child has played, to game turn `turn` at least; None if the
        child has failed (the game is then played here, from the start)."""
        if not child.receive(turn):
            child.stop()
            self._child = None
            return None
        history = child.history()
        if child.finished:  # from now on the game is read as a stored one is
            self._finished = FinishedGame(history, child.observations)
            self._keep(self._finished)
            self._looked_up, self._child = True, None
            return history.copy()
        return history

    def observed(self, turn: int) -> tuple[TurnObservation, TurnObservation] | None:
        """The comparison game's measurements of game turn `turn` and the one before, once
        it has played them."""
        with self._lock:
            stored = self._stored()
            if stored is not None:
                observations = stored.observations
            elif self._child is not None:
                observations = self._child.observations
            elif self._session is not None:
                observations = self._session.observations
            else:
                return None
            if turn < 1 or len(observations) <= turn:
                return None
            return observations[turn], observations[turn - 1]

    def _stored(self) -> FinishedGame | None:
        """The whole game from the disk store, looked up once (under the lock)."""
        if not self._looked_up:
            self._looked_up = True
            self._finished = baseline_store.load(self._key) if self._key is not None else None
        return self._finished

    def _keep(self, game: FinishedGame) -> None:
        if self._key is not None and not self._announced:
            baseline_store.save(self._key, game)


KEPT = 8
"""Comparison games a process keeps: enough for a class's few settings or a batch's sweep
of seeds in order, small enough (a finished one is its history and observations, under a
megabyte) never to matter."""

_kept: OrderedDict[Hashable, BaselineGame] = OrderedDict()
_kept_lock = threading.Lock()


def shared_baseline(key: Hashable, start: Callable[[], GameSession]) -> BaselineGame:
    """The comparison game for `key`, shared with every session of the same key (the
    least recently used is dropped beyond `KEPT`); `start` makes it if none is kept."""
    with _kept_lock:
        game = _kept.get(key)
        if game is None:
            game = _kept[key] = BaselineGame(start, key)
        _kept.move_to_end(key)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
        return game


def forget_baselines() -> None:
    """Drop every kept comparison game (for benchmarks timing a cold start)."""
    with _kept_lock:
        _kept.clear()
