"""`rare-earth-game class report`: every team's save replayed and verified, a leaderboard,
charts and a PDF; a damaged or edited save listed as failed (exit 2); nothing replaced
without --force; a missing folder or one without saves said plainly (exit 2)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from helpers.fresh_python import in_fresh_python
from typer.testing import CliRunner

from rare_earth_game.cli import app
from rare_earth_game.game.session import GameSession
from rare_earth_game.report.class_report import FILES

runner = CliRunner()


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two teams' one-turn sprint games on one seed, a damaged save and an edited one."""
    folder = tmp_path_factory.mktemp("class")
    for team, pick in (("Table 1", 0), ("Table 2", 2)):
        session = GameSession("baseline_2025", seed=7, preset="sprint", team=team)
        cards = [o for o in session.available_actions() if o.key.startswith("card:")]
        session.submit([cards[pick].action])
        session.save(folder / f"{team.replace(' ', '_')}.reg.json.gz")
    (folder / "damaged.reg.json.gz").write_bytes(b"\x1f\x8b cut short")
    data = json.loads(gzip.decompress((folder / "Table_1.reg.json.gz").read_bytes()))
    data["team"] = "Edited"
    data["actions"] = [[]]  # the checksum no longer matches what is replayed
    (folder / "edited.reg.json.gz").write_bytes(gzip.compress(json.dumps(data).encode()))
    (folder / "notes.txt").write_text("not a save")
    return folder


def test_the_report_ranks_verified_teams_and_lists_failed_saves(
    class_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    result = runner.invoke(app, ["class", "report", str(class_folder), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "2 of 4 saves could not be verified" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    board = pd.read_csv(out / "class_leaderboard.csv")
    assert list(board["team"][:2]) == sorted(
        ["Table 1", "Table 2"], key=lambda t: -board.set_index("team")["score"][t]
    )
    assert list(board["rank"][:2]) == [1, 2]
    assert board["status"][:2].tolist() == ["verified", "verified"]
    failed = board[board["status"] != "verified"]
    assert sorted(failed["file"]) == ["damaged.reg.json.gz", "edited.reg.json.gz"]
    assert failed["rank"].isna().all()
    assert failed["status"].str.contains("damaged|different result").all()
    pdf = (out / "class_report.pdf").read_bytes()
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 3  # table, outcomes, decisions


def test_the_same_saves_give_the_same_report_files(class_folder: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        runner.invoke(app, ["class", "report", str(class_folder), "--out", str(out)])
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert b"/CreationDate" not in (first / "class_report.pdf").read_bytes()


def _replays_in_children_match_replays_here() -> None:
    from rare_earth_game.report import class_report

    paths = class_report.saves_in(Path(os.environ["CLASS_FOLDER"]))
    plain = class_report.read_team

    def said_where(path: Path) -> class_report.TeamGame:
        team = plain(path)
        return dataclasses.replace(team, team=f"{team.team}@{os.getpid()}")

    class_report.read_team = said_where
    started: list[Path] = []
    teams = class_report.read_teams(paths, started.append)  # first: no comparison game yet
    assert started == paths
    class_report.read_team = plain
    here = [class_report.read_team(path) for path in paths]
    where = [team.team.rpartition("@")[2] for team in teams]
    assert str(os.getpid()) in where
    assert len(set(where)) > 1  # some saves were replayed in children
    as_if_here = [dataclasses.replace(t, team=t.team.rpartition("@")[0]) for t in teams]
    assert [repr(t) for t in as_if_here] == [repr(t) for t in here]  # (NaN scores: by repr)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="replays side by side on two cores")
def test_saves_replayed_side_by_side_give_the_same_teams_in_order(
    class_folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Replayed first, with no comparison game played or stored yet: the children, which
    may not fork children of their own, play it themselves."""
    monkeypatch.setenv("CLASS_FOLDER", str(class_folder))
    monkeypatch.setenv("RARE_EARTH_GAME_CACHE", str(tmp_path / "empty store"))
    in_fresh_python(_replays_in_children_match_replays_here)


def test_nothing_is_replaced_without_force(class_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "class_report.pdf").write_bytes(b"last week's")
    result = runner.invoke(app, ["class", "report", str(class_folder), "--out", str(out)])
    assert result.exit_code == 2
    assert "already holds class_report.pdf" in result.output
    assert "--force" in result.output
    assert (out / "class_report.pdf").read_bytes() == b"last week's"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p / "missing", "no folder at"),
        (lambda p: p, "holds no saves"),
    ],
    ids=["missing", "empty"],
)
def test_a_folder_without_saves_is_exit_2(tmp_path: Path, make, said: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["class", "report", str(make(tmp_path))])
    assert result.exit_code == 2
    assert said in result.output
    assert "Traceback" not in result.output
