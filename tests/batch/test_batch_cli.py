"""`rare-earth-game batch` and `report` as a researcher uses them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import PLUGINS, TINY
from typer.testing import CliRunner

from rare_earth_game.batch import SweepResult
from rare_earth_game.cli import app

runner = CliRunner()


def test_a_quick_sweep_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    result = runner.invoke(
        app,
        [
            "batch", str(TINY), "--strategy", "do_nothing,none", "--runs", "2", "--turns", "2",
            "--sweep", "settings.inventory_adjust_turns=1:3:3", "--workers", "1", "--entropy", "3",
            "--out", str(out), "-q",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    runs = pd.read_parquet(out / "runs.parquet")
    assert len(runs) == 2 * 3 * 2
    assert sorted(set(runs["settings.inventory_adjust_turns"])) == [1.0, 2.0, 3.0]
    assert "12 of 12 runs" in result.output
    assert "entropy 3" in result.output
    again = runner.invoke(app, ["batch", "--resume", "--out", str(out), "-q"])
    assert again.exit_code == 0, again.output
    assert "entropy 3" in again.output
    assert pd.read_parquet(out / "runs.parquet").equals(runs)


def test_report_writes_plots_and_prints_a_summary(reference: SweepResult, tmp_path: Path) -> None:
    assert reference.folder is not None
    folder = tmp_path / "results"
    shutil.copytree(reference.folder, folder)
    result = runner.invoke(app, ["report", str(folder)])
    assert result.exit_code == 0, result.output
    plots = sorted(p.name for p in (folder / "report").glob("*.png"))
    assert plots == [
        "outcomes_by_buyers_usa_magnet_use_growth.png",
        "outcomes_by_strategy.png",
        "price_fan_magnet.png",
        "price_fan_oxide.png",
    ]
    assert all((folder / "report" / p).stat().st_size > 10_000 for p in plots)
    for text in ("do_nothing", "balanced", "Supply", "security", "12 of 12 runs"):
        assert text in result.output


def test_failed_runs_give_exit_code_1_and_say_where_the_errors_are(tmp_path: Path) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text(
        f'[experiment]\nscenario = "{TINY}"\nstrategies = ["do_nothing", "explodes"]\n'
        f'turns = 3\nstrategy_modules = ["{PLUGINS}"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(spec), "--out", str(out), "--workers", "1", "-q", "--allow-code"]
    )
    assert result.exit_code == 1
    assert "1 run(s) failed" in result.output
    assert "manifest.json" in result.output
    assert (out / "runs.parquet").is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--strategy", "onshor"], "did you mean 'onshore'?"),
        (["--sweep", "tariffs.x.rate=1"], "tariffs has no entries in this scenario"),
        (["--sweep", "buyers.usa_defense.growth=1"], "did you mean 'usa_defence'?"),
        (["--sweep", "settings.inventory_adjust_turns"], "expected PATH=V1,V2"),
        (["--sweep", "buyers.usa_defence.growth=2"], "must be 1 or less, got 2"),
        (["--shard", "2/2"], "needs 0 <= I < N"),
        (["--backend", "slurm"], "unknown backend 'slurm'"),
        (["--entropy", "-4"], "--entropy must be a whole number"),
        (["--workers", "0"], "workers must be 1 or more"),
        (["--turns", "13"], "turns must be 12 or less"),
    ],
)
def test_user_mistakes_exit_2_with_a_message_and_no_traceback(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = runner.invoke(app, ["batch", str(TINY), "--out", str(tmp_path / "o"), *arguments])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o" / "runs.parquet").exists()


def test_an_unknown_scenario_or_a_folder_without_results_is_a_user_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", "baseline_2052"])
    assert result.exit_code == 2
    assert "did you mean 'baseline_2025'?" in result.output
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no batch results" in result.output


def test_existing_results_are_kept_unless_resuming(reference: SweepResult) -> None:
    assert reference.folder is not None
    result = runner.invoke(app, ["batch", str(TINY), "--out", str(reference.folder)])
    assert result.exit_code == 2
    assert "--resume" in result.output
