"""One headless run from start to files: what `rare-earth-game run` and `make run` do."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rare_earth_game.forking import InChild, Standby
from rare_earth_game.game.measures import PlayerMeasures
from rare_earth_game.report.charts import get_ready_to_draw, write_run_chart
from rare_earth_game.report.folders import clear_stale, written
from rare_earth_game.report.summary import yearly_summary
from rare_earth_game.report.tables import write_tables
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.model import RareEarthModel


@dataclass(frozen=True)
class HeadlessRun:
    model: RareEarthModel
    summary: pd.DataFrame
    files: list[Path]


def model_tables(model: RareEarthModel) -> dict[str, pd.DataFrame]:
    """The run's tables by file name."""
    recorder = model.recorder
    return {
        "model": recorder.model_table(),
        "flows": recorder.flows_table(),
        "markets": recorder.markets_table(),
        "facilities": recorder.facilities_table(),
        "notes": recorder.notes_table(),
    }


def run_headless(
    scenario: Scenario,
    *,
    seed: int,
    turns: int | None,
    folder: Path,
    show_progress: bool,
) -> HeadlessRun:
    """Run a scenario, then write its tables (CSV, Parquet if available) and chart."""
    with Standby(get_ready_to_draw) as chart_drawer:  # matplotlib loads while the run plays
        model = RareEarthModel(scenario, seed=seed)
        measures = PlayerMeasures.of(scenario)
        if measures is not None:
            measures.attach(model)
        total = scenario.time.turns if turns is None else turns
        if show_progress:
            _step_with_progress(model, total)
        else:
            model.run(total)
        tables = model_tables(model)
        chart_path = folder / "chart.png"
        with (
            written(folder),
            InChild(
                write_run_chart, scenario, tables["model"], chart_path, standby=chart_drawer
            ) as chart,
        ):
            files = write_tables(tables, folder)
            files.append(chart.result())
            clear_stale(folder, files)
    return HeadlessRun(model, yearly_summary(scenario, tables["model"]), files)


def _step_with_progress(model: RareEarthModel, total: int) -> None:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[date]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(model.scenario.meta.name, total=total, date=model.date)
        for _ in range(total):
            model.step()
            progress.update(task, advance=1, date=model.calendar.label(model.turn - 1))
