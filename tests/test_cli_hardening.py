"""The command line at its edges: --out checked before work, each kind of run in its own
folder, custom strategies only with --allow-code, exit codes told in --help, SIGTERM and
writes cut short."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from rare_earth_game.cli import app
from rare_earth_game.report.folders import clear_stale, default_run_folder
from rare_earth_game.report.tables import write_tables
from rare_earth_game.scenario import catalog

ROOT = Path(__file__).resolve().parents[1]
TINY = str(ROOT / "tests" / "data" / "tiny.toml")
PLUGIN = ROOT / "tests" / "batch" / "strategies_for_tests.py"
runner = CliRunner()


def test_an_unwritable_out_is_refused_before_anything_runs(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    for extra in ([], ["--strategy", "do_nothing", "--preset", "sprint"]):
        result = runner.invoke(app, ["run", TINY, "--out", str(blocker / "sub"), *extra])
        assert result.exit_code == 2, result.output
        assert "error: cannot write to --out" in result.output
        assert "Traceback" not in result.output
        assert "yearly averages" not in result.output, "nothing was played"
        assert "== 2025" not in result.output, "no turn was played"


def test_each_kind_of_run_has_its_own_default_folder() -> None:
    folders = {
        default_run_folder("tiny.toml", None, None),
        default_run_folder("tiny.toml", "balanced", None),
        default_run_folder("tiny.toml", "fund:us_magnet_plant", None),
        default_run_folder("tiny.toml", None, 5),
    }
    assert len(folders) == 4
    assert Path("out/tiny-fund-us_magnet_plant") in folders


def test_a_run_into_a_used_folder_leaves_no_stale_tables_of_another_kind(tmp_path: Path) -> None:
    game = ["run", TINY, "--strategy", "do_nothing", "--preset", "sprint", "-q"]
    assert runner.invoke(app, [*game, "--out", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "scorecard.csv").is_file()
    (tmp_path / "mine.txt").write_text("the user's own file", encoding="utf-8")
    assert runner.invoke(app, ["run", TINY, "--out", str(tmp_path), "-q"]).exit_code == 0
    left = {p.name for p in tmp_path.iterdir()}
    assert "scorecard.csv" not in left
    assert "game.reg.json.gz" not in left
    assert {"model.csv", "chart.png", "mine.txt"} <= left


def test_a_strategy_module_runs_only_with_allow_code(tmp_path: Path) -> None:
    arguments = ["run", TINY, "--strategy", "explodes", "--strategy-module", str(PLUGIN)]
    refused = runner.invoke(app, [*arguments, "--out", str(tmp_path), "-q"])
    assert refused.exit_code == 2
    assert "--allow-code" in refused.output
    assert not any(tmp_path.iterdir())
    strategy = ["--strategy", "waits_for_gate", "--strategy-module", str(PLUGIN), "--allow-code"]
    allowed = runner.invoke(
        app,
        ["run", TINY, *strategy, "--preset", "sprint", "--turns", "1", "--out", str(tmp_path)],
        env={"REG_TEST_GATE": str(tmp_path)},  # exists: the strategy does not wait
    )
    assert allowed.exit_code == 0, allowed.output
    assert (tmp_path / "actions.csv").is_file()


def test_help_tells_the_exit_codes_and_shows_flags_as_flags() -> None:
    main = runner.invoke(app, ["--help"], terminal_width=120)
    assert "Exit codes: 0" in " ".join(main.output.split())
    assert "130" in main.output
    batch = runner.invoke(app, ["batch", "--help"], terminal_width=120)
    assert "<bool>" not in batch.output
    assert "[[" not in batch.output
    assert "[SCENARIO_OR_SPEC]" in batch.output


def test_help_paragraphs_wrap_at_the_terminal_not_where_the_docstring_broke() -> None:
    validate = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "120"})
    assert "though they are valid (exit 0 unless --strict)." in validate.output
    report = runner.invoke(app, ["class", "report", "--help"], env={"COLUMNS": "120"})
    assert "outcomes and decisions side by side" in report.output


def test_sigterm_stops_any_command_with_exit_130_and_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are installed only in the main thread")

    def terminated(name: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)  # the handler raises KeyboardInterrupt here
        raise AssertionError("SIGTERM did not stop the command")

    monkeypatch.setattr(catalog, "lint_scenario", terminated)
    before = signal.getsignal(signal.SIGTERM)
    result = runner.invoke(app, ["validate", TINY])
    assert result.exit_code == 130
    assert "Interrupted" in result.output
    assert "Traceback" not in result.output
    assert signal.getsignal(signal.SIGTERM) is before, "the handler is put back"


def test_a_table_write_cut_short_keeps_the_old_table_and_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables({"model": pd.DataFrame({"turn": [1, 2]})}, tmp_path, parquet=False)
    before = (tmp_path / "model.csv").read_text(encoding="utf-8")

    def interrupted(self: pd.DataFrame, path: Path, **options: object) -> None:
        Path(path).write_text("turn\n3\n", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_tables({"model": pd.DataFrame({"turn": [3, 4]})}, tmp_path, parquet=False)
    assert [p.name for p in tmp_path.iterdir()] == ["model.csv"]
    assert (tmp_path / "model.csv").read_text(encoding="utf-8") == before
    killed = tmp_path / ".model.99999.partial.csv"  # what SIGKILL mid-write leaves
    killed.write_text("turn\n", encoding="utf-8")
    clear_stale(tmp_path, [tmp_path / "model.csv"])
    assert not killed.exists()
    assert (tmp_path / "model.csv").exists()
