"""A teacher's announcement fires a scripted event now, once, in the player's game and the
no-new-policy game alike, and the save carries it so a replay verifies."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rare_earth_game.forking import ENV
from rare_earth_game.game.announce import AnnounceError, upcoming
from rare_earth_game.game.baseline import forget_baselines
from rare_earth_game.game.saves import SaveError, load_save
from rare_earth_game.game.session import GameSession

EVENT = "general_licences"  # due 2026-Q1: the second turn of a sprint from 2025


def _session() -> GameSession:
    return GameSession("baseline_2025", seed=3, preset="sprint", team="Table 1")


def test_an_announced_event_happens_now_once_and_the_save_replays_it(tmp_path: Path) -> None:
    session = _session()
    assert EVENT in {e.id for _, e in upcoming(session.model)}
    report = session.submit((), announce=(EVENT,))
    assert any(h.text.startswith("Announced now:") for h in report.headlines)
    assert EVENT not in {e.id for _, e in upcoming(session.model)}
    session.submit(())  # its date passes: it does not fire again
    told = [n for n in session.model.recorder.note_rows if n["subject"] == EVENT]
    assert len(told) == 1
    with pytest.raises(AnnounceError, match="still to come"):
        session.submit((), announce=(EVENT,))
    assert session.announced == [[EVENT], []]

    path = session.save(tmp_path / "a.reg.json.gz")
    replayed = load_save(path)
    assert replayed.checksums == session.checksums
    assert replayed.announced == session.announced


def test_the_no_new_policy_game_hears_the_announcement() -> None:
    session = _session()
    session.prepare_next_turn()  # the comparison game has played this turn ahead
    session.submit((), announce=(EVENT,))
    baseline = session._baseline._session
    assert baseline is not None
    assert baseline.announced[0] == [EVENT]
    assert EVENT not in {e.id for _, e in upcoming(baseline.model)}


def test_another_class_on_the_same_world_does_not_hear_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions of one scenario and seed share their no-new-policy game; an announcement
    gives the announcing session a comparison game of its own."""
    monkeypatch.setenv(ENV, "off")  # the shared game's model is read: it must be played here
    forget_baselines()  # not one a replay handed to a child
    quiet, announcing = _session(), _session()
    quiet.prepare_next_turn()
    announcing.submit((), announce=(EVENT,))
    quiet.submit(())
    played = quiet._baseline._session
    assert played is not None
    assert not any(played.announced)
    told = [n for n in played.model.recorder.note_rows if n["subject"] == EVENT]
    assert all(n["date"] == "2026-Q1" for n in told), "it fires at its own date, not now"


def test_a_save_without_announcements_has_no_such_key_and_a_bad_one_is_refused(
    tmp_path: Path,
) -> None:
    session = _session()
    session.submit(())
    path = session.save(tmp_path / "plain.reg.json.gz")
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert "announced" not in data
    data["announced"] = [["no_such_event"]]
    bad = tmp_path / "bad.reg.json.gz"
    bad.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(SaveError, match="no_such_event"):
        load_save(bad)
    data["announced"] = [[], []]
    bad.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(SaveError, match="announced: has 2 entries for 1 turns"):
        load_save(bad)
