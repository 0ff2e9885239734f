"""Errors in the window are shown in the CLI's words and logged, never swallowed: a
broken scenario on the setup screen, a failed look-ahead at the next End turn."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from ui_driver import finish

from rare_earth_game.scenario import ScenarioError, load_scenario
from rare_earth_game.ui import match
from rare_earth_game.ui.errors import shown, start_log
from rare_earth_game.ui.scenes.setup import _load_problem
from rare_earth_game.ui.worker import Job

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"


def test_a_user_error_reads_as_the_cli_prints_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(TINY.read_text(encoding="utf-8").replace("capacity = 30000", "capacity = -1"))
    with pytest.raises(ScenarioError) as raised:
        load_scenario(broken)
    text = shown(raised.value)
    assert text.startswith("error: 1 problem in")
    assert "miners[1].capacity" in text
    assert _load_problem(str(broken)).startswith("error: 1 problem"), "not an empty goal list"


def test_an_unexpected_error_is_logged_with_its_traceback(tmp_path: Path) -> None:
    log = start_log(tmp_path)
    try:
        raise KeyError("surprise")
    except KeyError as error:
        text = shown(error)
    logger = logging.getLogger("rare_earth_game.ui")
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)
    assert "unexpected error" in text
    assert "KeyError" in log.read_text(encoding="utf-8")
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_a_job_that_returns_nothing_has_a_result() -> None:
    job = Job(lambda: None, "nothing")
    job.wait()
    assert job.result() is None


def test_an_error_in_the_look_ahead_surfaces_at_the_next_turn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    game = finish(match.start(str(TINY), 1, "sprint", "normal", "Errors"))

    def fails() -> None:
        raise RuntimeError("the baseline game broke")

    monkeypatch.setattr(game.session, "prepare_next_turn", fails)
    finish(match.end_turn(game, []))
    assert game.ahead is not None
    job = match.end_turn(game, [])
    job.wait()
    with pytest.raises(RuntimeError, match="the baseline game broke"):
        job.result()
