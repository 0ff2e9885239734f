"""Every malformed save in tests/data/saves/bad/ (see tools/make_save_corpus.py) is refused
with a `SaveError` whose message a teacher can act on; the good one replays."""

from __future__ import annotations

import gzip
import json
import os
import re
import stat
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rare_earth_game.cli import app
from rare_earth_game.game import GameSession, SaveError

SAVES = Path(__file__).resolve().parents[1] / "data" / "saves"
CORPUS = json.loads((SAVES / "bad" / "corpus.json").read_text(encoding="utf-8"))
PYTHON_WORDS = re.compile(r"Traceback|Error\b|object has no attribute|<class|\bNone\b|Errno")


def test_the_corpus_covers_the_kinds_the_issue_counted() -> None:
    assert len(CORPUS) >= 41
    assert sorted(p.name for p in (SAVES / "bad").glob("*.reg.json.gz")) == sorted(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_malformed_save_is_a_save_error_in_plain_words(name: str) -> None:
    with pytest.raises(SaveError) as raised:
        GameSession.load(SAVES / "bad" / name)
    message = str(raised.value)
    assert CORPUS[name]["message_contains"] in message, CORPUS[name]["what"]
    assert not PYTHON_WORDS.search(message), message
    assert len(message) < 600, "one or two sentences, not a dump of the file"


def test_the_good_save_replays(tmp_path: Path) -> None:
    session = GameSession.load(SAVES / "good.reg.json.gz")
    assert session.turn == 2
    assert session.lens == "security_first", "the scorecard's lens comes back with the game"
    again = session.save(tmp_path / "again.reg.json.gz")
    assert stat.S_IMODE(again.stat().st_mode) & 0o044 == 0o044, "readable by others: 0644"


def test_a_save_from_before_lenses_loads_with_the_scenario_s_lens(tmp_path: Path) -> None:
    data = json.loads(gzip.decompress((SAVES / "good.reg.json.gz").read_bytes()))
    del data["lens"]
    data["scenario"]["ref"] = str(SAVES.parent / "tiny.toml")
    older = tmp_path / "older.reg.json.gz"
    older.write_bytes(gzip.compress(json.dumps(data).encode("utf-8")))
    session = GameSession.load(older)
    assert session.turn == 2
    assert session.lens == session.scenario.game.lens


def test_replay_verifies_a_save_and_prints_its_summary() -> None:
    result = CliRunner().invoke(app, ["replay", str(SAVES / "good.reg.json.gz")])
    assert result.exit_code == 0, result.output
    assert "Tiny world" in result.output
    assert "2 of 3 turns" in result.output
    assert "verified" in result.output
    assert "security_first" in result.output, "the teacher sees which lens scored the game"


def test_replay_of_a_save_with_an_unknown_lens_exits_2_naming_it() -> None:
    result = CliRunner().invoke(app, ["replay", str(SAVES / "bad" / "lens_unknown.reg.json.gz")])
    assert result.exit_code == 2
    assert "error:" in result.output
    assert "unknown lens 'speed_first'" in result.output
    assert "Traceback" not in result.output


def test_replay_of_a_damaged_save_exits_2_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["replay", str(SAVES / "bad" / "checksums_short.reg.json.gz")])
    assert result.exit_code == 2
    assert "error:" in result.output
    assert "checksums" in result.output
    assert "Traceback" not in result.output


def test_saving_removes_what_killed_saves_left_and_nothing_else(tmp_path: Path) -> None:
    old, fresh = tmp_path / ".saving-killed", tmp_path / ".saving-in-progress"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a save")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    GameSession.load(SAVES / "good.reg.json.gz").save(tmp_path / "game.reg.json.gz")
    assert not old.exists()
    assert fresh.exists(), "another process may be writing it"
