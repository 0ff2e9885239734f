"""`rare-earth-game calibrate`: the table a user reads, the CSV, and the exit codes that
let a script tell "the model is off" (1) from "the input is wrong" (2)."""

import io
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from rare_earth_game import cli_output
from rare_earth_game.cli import app

TINY = Path(__file__).resolve().parent / "data" / "tiny.toml"
runner = CliRunner()

PASSING = """
[[calibration]]
metric = "rare_earth.manufacturing.share.CHN"
period = "2025"
value = 1.0
abs_tolerance = 0.02
source = "In the tiny world only China makes magnets"
"""
FAILING = """
[[calibration]]
metric = "magnet.price.USA"
period = "2025-Q3..2026-Q2"
statistic = "max"
relative_to = "2025-Q1"
value = 6.2
rel_tolerance = 0.4
source = "A 2011-like spike that the calm tiny world does not have: USGS Data Series 140, \
unit value of REO consumed in the US, 58,100 $/t in 2011 against 9,300 in 2009"
"""


def scenario_with(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "tiny_calibrated.toml"
    path.write_text(TINY.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")
    return path


def calibrate(*args: str) -> Result:
    return runner.invoke(app, ["calibrate", *args])


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_all_within_tolerance_exits_0(tmp_path: Path) -> None:
    result = calibrate(str(scenario_with(tmp_path, PASSING)), "--seeds", "2")
    assert result.exit_code == 0, result.output
    assert "OK" in result.output
    assert "OFF" not in result.output


def test_one_figure_off_exits_1_and_says_which(tmp_path: Path) -> None:
    result = calibrate(str(scenario_with(tmp_path, PASSING, FAILING)), "--seeds", "1")
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    rows = [
        line
        for line in result.output.splitlines()
        if (" OK " in line or " OFF " in line) and "Metric" not in line
    ]
    assert len(rows) == 2
    assert "OFF" in rows[1]
    assert "magnet.price.USA" in rows[1]
    assert "1 of 2 figure(s) outside tolerance" in result.output


def test_the_table_fits_100_columns_and_wraps_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli_output, "out", Console(file=screen, width=100))
    calibrate(str(scenario_with(tmp_path, PASSING, FAILING)), "--seeds", "1")
    lines = screen.getvalue().splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 100
    text = " ".join(" ".join(lines).split())
    assert "58,100 $/t in 2011 against 9,300 in" in text  # the whole source, wrapped
    for header in ("Metric", "Period", "Stat", "Source", "Model", "Range", "Toler-"):
        assert header in text


def test_csv_has_a_row_per_entry_with_each_seed(tmp_path: Path) -> None:
    target = tmp_path / "calibration.csv"
    path = scenario_with(tmp_path, PASSING, FAILING)
    result = calibrate(str(path), "--seeds", "2", "--csv", str(target))
    assert result.exit_code == 1
    table = pd.read_csv(target)
    assert list(table.metric) == ["rare_earth.manufacturing.share.CHN", "magnet.price.USA"]
    assert list(table.ok) == [True, False]
    assert {"seed_0", "seed_1", "model_mean", "pass_low", "pass_high", "source"} <= set(table)
    assert (table.model_mean == (table.seed_0 + table.seed_1) / 2).all()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["baseline_2024"], "did you mean 'baseline_2025'?"),
        (["no/such/world.toml"], "no scenario file at no/such/world.toml"),
        ([str(TINY)], "has no [[calibration]] entries"),
        ([str(TINY), "--seeds", "0"], "--seeds must be 1 or more"),
    ],
)
def test_bad_input_exits_2_with_a_message(args: list[str], message: str) -> None:
    result = calibrate(*args)
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_a_broken_calibration_entry_exits_2_at_its_line(tmp_path: Path) -> None:
    path = scenario_with(tmp_path, PASSING.replace("share.CHN", "share.CNH"))
    result = calibrate(str(path))
    assert result.exit_code == 2
    assert f"{path}:144:1: calibration[0].metric: unknown metric" in result.output
    assert "did you mean 'rare_earth.manufacturing.share.CHN'?" in result.output


def test_an_unwritable_csv_is_a_user_error_before_any_run(tmp_path: Path) -> None:
    """A missing folder is made (as for --out); one that cannot be (a file is in the way)
    is refused before a single seed is played."""
    path = scenario_with(tmp_path, PASSING)
    (tmp_path / "taken").write_text("a file, not a folder")
    result = calibrate(str(path), "--seeds", "1", "--csv", str(tmp_path / "taken" / "such.csv"))
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "--csv" in result.output
    assert "Model" not in result.output  # no table: nothing was played


@pytest.mark.parametrize("name", ["baseline_2025", "history_2010"])
def test_the_built_in_scenarios_reproduce_their_sourced_figures(name: str) -> None:
    """On the mean over the default seeds: enough that one seed's luck (a construction delay
    at Mountain Pass in 2011) does not decide a year's US output."""
    result = calibrate(name)
    assert result.exit_code == 0, result.output
