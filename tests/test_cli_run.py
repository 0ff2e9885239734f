"""`rare-earth-game run`, `scenarios`, `schema`: what a user sees and the files they get."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from rare_earth_game.cli import app
from rare_earth_game.scenario.catalog import scenarios_dir
from rare_earth_game.scenario.json_schema import SCHEMA_FILE_NAME, scenario_json_schema

runner = CliRunner()


def test_run_writes_tables_and_a_chart_and_says_where(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", "tests/data/tiny.toml", "--out", str(tmp_path), "--seed", "2"]
    )
    assert result.exit_code == 0, result.output
    for name in ("model.csv", "flows.csv", "markets.csv", "chart.png"):
        assert (tmp_path / name).is_file()
        assert name in result.output
    model = pd.read_csv(tmp_path / "model.csv")
    assert len(model) == 12
    # the engine knows no player; `run` adds the scenario's game player's figures
    assert {"player.supply_security", "player.jobs", "player.price_index"} <= set(model.columns)
    flows = pd.read_csv(tmp_path / "flows.csv")
    assert {"exporter", "importer", "commodity", "tonnes", "value_musd", "tariff_musd"} <= set(
        flows.columns
    )
    assert "yearly averages" in result.output


def test_run_writes_parquet_when_pyarrow_is_installed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "tests/data/tiny.toml", "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "flows.parquet"),
        pd.read_csv(tmp_path / "flows.csv"),
        check_dtype=False,
    )


def test_run_honours_turns(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", "history_2010", "--turns", "5", "--out", str(tmp_path), "-q"]
    )
    assert result.exit_code == 0
    assert len(pd.read_csv(tmp_path / "model.csv")) == 5


def test_out_of_range_turns_is_a_user_error() -> None:
    result = runner.invoke(app, ["run", "history_2010", "--turns", "99"])
    assert result.exit_code == 2
    assert "between 1 and 28" in result.output


def test_an_unknown_scenario_name_is_a_user_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["run", "history_2011"])
    assert result.exit_code == 2
    assert "history_2010" in result.output


def test_scenarios_lists_the_built_ins_with_descriptions() -> None:
    result = runner.invoke(app, ["scenarios"])
    assert result.exit_code == 0
    assert "baseline_2025" in result.output
    assert "history_2010" in result.output


def test_an_unknown_lens_is_a_user_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["run", "--strategy", "do_nothing", "--lens", "secrity_first"])
    assert result.exit_code == 2
    assert "did you mean 'security_first'?" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_the_committed_json_schema_is_up_to_date() -> None:
    committed = (scenarios_dir() / SCHEMA_FILE_NAME).read_text(encoding="utf-8")
    assert committed == scenario_json_schema(), "run `rare-earth-game schema` and commit the result"
    assert runner.invoke(app, ["schema", "--check"]).exit_code == 0


def test_every_built_in_scenario_points_editors_at_the_schema() -> None:
    for path in scenarios_dir().glob("*.toml"):
        assert path.read_text(encoding="utf-8").startswith("#:schema ./scenario.schema.json\n"), (
            path
        )


def test_the_module_entry_point_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rare_earth_game", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "run" in result.stdout
    assert "validate" in result.stdout
