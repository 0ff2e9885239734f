"""The no-new-policy game kept on disk: a new process reads it instead of playing it again,
and the game it scores against is the same to the byte; a changed program or a damaged
entry is never read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rare_earth_game.game import GameSession, baseline_store
from rare_earth_game.game.baseline import forget_baselines
from rare_earth_game.game.strategies import get_strategy, play
from rare_earth_game.scenario import load_scenario


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(baseline_store.ENV, str(tmp_path))
    forget_baselines()  # as a new process would start
    yield tmp_path
    forget_baselines()


def _game() -> GameSession:
    session = GameSession(load_scenario("baseline_2025"), seed=3, preset="sprint")
    return play(session, get_strategy("balanced", 3))


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "baselines").glob("*.pickle"))


def test_a_finished_comparison_game_is_stored_and_read_back_unchanged(store: Path) -> None:
    first = _game()
    assert len(_entries(store)) == 1
    forget_baselines()
    second = _game()
    assert second.comparison._session is None, "the comparison game was played again"
    assert first.baseline().equals(second.baseline())
    assert first.history().equals(second.history())
    assert first.scorecard() == second.scorecard()


def test_a_store_turned_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(baseline_store.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    forget_baselines()
    _game()
    forget_baselines()
    assert not list(tmp_path.rglob("*.pickle"))


def test_another_program_does_not_read_this_one_s_games(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _game()
    forget_baselines()
    monkeypatch.setattr(baseline_store, "program_fingerprint", lambda: "another version")
    again = _game()
    assert again.comparison._session is not None, "a stale comparison game was read"
    assert len(_entries(store)) == 2


def test_a_damaged_entry_is_played_again_and_replaced(store: Path) -> None:
    expected = _game().baseline()
    (entry,) = _entries(store)
    entry.write_bytes(b"not a game")
    forget_baselines()
    again = _game()
    assert again.baseline().equals(expected)
    assert entry.stat().st_size > 1000
