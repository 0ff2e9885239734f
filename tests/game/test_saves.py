"""Saves are replays: load re-simulates, verifies, and continues exactly as without a save."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rare_earth_game.game import GameSession, SaveError
from rare_earth_game.game.saves import FORMAT_VERSION
from rare_earth_game.game.strategies import get_strategy
from rare_earth_game.scenario import load_scenario


def _played(turns: int, seed: int = 3) -> GameSession:
    session = GameSession("baseline_2025", seed=seed, preset="class_period", scoring=False)
    strategy = get_strategy("balanced", seed)
    for _ in range(turns):
        session.submit(strategy.decide(session))
    return session


def test_save_load_continue_is_identical_to_never_saving(tmp_path: Path) -> None:
    original = _played(3)
    path = original.save(tmp_path / "game.reg.json.gz")
    loaded = GameSession.load(path)
    assert loaded.checksums == original.checksums
    assert loaded.turn == original.turn
    assert loaded.treasury.savings == pytest.approx(original.treasury.savings)
    first, second = get_strategy("balanced", 3), get_strategy("balanced", 3)
    for _ in range(3):
        original.submit(first.decide(original))
        loaded.submit(second.decide(loaded))
    assert loaded.checksums == original.checksums
    assert loaded.history().equals(original.history())


def test_a_save_is_plain_gzip_json_with_its_envelope(tmp_path: Path) -> None:
    path = _played(2).save(tmp_path / "game.reg.json.gz")
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert data["format"] == "rare-earth-game-save"
    assert data["format_version"] == FORMAT_VERSION
    assert data["scenario"]["ref"] == "baseline_2025"
    assert len(data["actions"]) == len(data["checksums"]) == 2
    assert list(tmp_path.iterdir()) == [path], "no temporary files are left behind"


def test_saving_twice_overwrites_atomically(tmp_path: Path) -> None:
    session = _played(1)
    path = session.save(tmp_path / "game.reg.json.gz")
    session.submit([])
    session.save(path)
    assert GameSession.load(path).turn == 2


def test_a_changed_scenario_is_refused(tmp_path: Path) -> None:
    path = _played(1).save(tmp_path / "game.reg.json.gz")
    changed = load_scenario("baseline_2025").model_copy(
        update={
            "game": load_scenario("baseline_2025").game.model_copy(update={"budget_per_year": 1})
        }
    )
    with pytest.raises(SaveError, match="has changed since this game was saved"):
        GameSession.load(path, scenario=changed)


def test_a_newer_format_is_refused_with_advice(tmp_path: Path) -> None:
    path = _played(1).save(tmp_path / "game.reg.json.gz")
    data = json.loads(gzip.decompress(path.read_bytes()))
    data["format_version"] = FORMAT_VERSION + 1
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(SaveError, match=r"newer Rare Earth Game.*Update"):
        GameSession.load(path)


def test_a_tampered_action_log_fails_its_checksum(tmp_path: Path) -> None:
    path = _played(2).save(tmp_path / "game.reg.json.gz")
    data = json.loads(gzip.decompress(path.read_bytes()))
    data["actions"][0] = []
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(SaveError, match="different result"):
        GameSession.load(path)


@pytest.mark.parametrize("content", [b"", b"not a save", gzip.compress(b"{broken", mtime=0)])
def test_damaged_or_foreign_files_give_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.reg.json.gz"
    path.write_bytes(content)
    with pytest.raises(SaveError, match="not a Rare Earth Game save"):
        GameSession.load(path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no save file"):
        GameSession.load(tmp_path / "nothing.reg.json.gz")


def test_a_loaded_game_shows_the_scores_it_showed_as_it_was_played(tmp_path: Path) -> None:
    """The replay skips scoring for speed; the score chart and the debrief still show every
    turn's score, the same as the game showed when it was played."""
    session = GameSession("baseline_2025", seed=5, preset="sprint")
    strategy = get_strategy("tariffs", 5)
    for _ in range(3):
        session.submit(strategy.decide(session))
    shown = [repr(r.scorecard) for r in session.reports]
    assert all(r.scorecard is not None for r in session.reports)
    loaded = GameSession.load(session.save(tmp_path / "game.reg.json.gz"))
    loaded.fill_scorecards()
    assert [repr(r.scorecard) for r in loaded.reports] == shown
