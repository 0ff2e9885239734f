"""The no-new-policy game played by a forked child beside the player's (issue 12): the same
game, turn by turn, as this process would play; played here instead when the child fails
or cannot be forked safely. Each check runs in a fresh Python, whose only thread is its
main one (see `helpers/fresh_python.py`)."""

import os
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from helpers.fresh_python import in_fresh_python

from rare_earth_game.game import GameSession
from rare_earth_game.game.strategies import get_strategy

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _session(store: str = "off") -> GameSession:
    os.environ["RARE_EARTH_GAME_CACHE"] = store  # off: each plays its own comparison game
    from rare_earth_game.game.baseline import forget_baselines

    forget_baselines()
    return GameSession("baseline_2025", seed=2, preset="sprint")


def _play(session: GameSession, turns: int = 3) -> GameSession:
    strategy = get_strategy("balanced", session.seed)
    for _ in range(turns):
        session.submit(strategy.decide(session))
    return session


def _same_as_played_here() -> None:
    here = _play(_session())
    store = Path(tempfile.mkdtemp())
    beside = _session(str(store))
    beside.play_comparison_in_child()
    assert beside.comparison.in_child
    _play(beside)
    assert [r.text() for r in beside.reports] == [r.text() for r in here.reports]
    assert beside.scorecard() == here.scorecard()
    assert beside.compared_observations() == here.compared_observations()
    assert beside.baseline().equals(here.baseline())  # played to the end
    assert not beside.comparison.in_child
    assert list(store.rglob("*.pickle")), "the finished game is kept on disk"


def _failed_child_replaced() -> None:
    parent, submit = os.getpid(), GameSession.submit

    def fails_in_the_child(self: GameSession, *args: object) -> object:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return submit(self, *args)  # type: ignore[arg-type]

    GameSession.submit = fails_in_the_child  # type: ignore[assignment, method-assign]
    failed = _session()
    failed.play_comparison_in_child()
    assert failed.comparison.in_child
    _play(failed)
    assert not failed.comparison.in_child
    GameSession.submit = submit  # type: ignore[method-assign]
    here = _play(_session())
    assert [r.text() for r in failed.reports] == [r.text() for r in here.reports]


def _no_child_beside_a_thread() -> None:
    session = _session()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        session.play_comparison_in_child()
    finally:
        stop.set()
        other.join()
    assert not session.comparison.in_child
    session.play_comparison_in_child()  # the thread is gone: now it may
    assert session.comparison.in_child


def _announcement_stops_the_child() -> None:
    session = _session()
    session.play_comparison_in_child()
    assert session.comparison.in_child
    session.comparison.announce(0, ("an event",))
    assert not session.comparison.in_child


def test_a_comparison_game_in_a_child_scores_and_reports_as_one_played_here() -> None:
    in_fresh_python(_same_as_played_here)


def test_a_child_that_fails_is_replaced_by_the_game_played_here() -> None:
    in_fresh_python(_failed_child_replaced)


def test_no_child_is_forked_while_another_thread_runs() -> None:
    in_fresh_python(_no_child_beside_a_thread)


def test_a_teachers_events_stop_the_child_that_plays_without_them() -> None:
    in_fresh_python(_announcement_stops_the_child)
