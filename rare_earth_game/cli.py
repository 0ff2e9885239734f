"""The `rare-earth-game` command: run, validate, list and describe scenarios.

Heavy modules (pandas, mesa, matplotlib) are imported inside commands so `--help` is instant.
Exit codes: 0 success, 1 an internal failure, 2 bad input from the user (a scenario with
errors, an unknown name, an option out of range), always with a message, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from rare_earth_game.scenario import Scenario

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    help="Rare Earth Game: a supply-chain simulator and classroom strategy game.",
)
out = Console()
err = Console(stderr=True)

USER_ERROR = 2


def _fail(message: str) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(USER_ERROR)


def _load(name_or_path: str) -> Scenario:
    from rare_earth_game.scenario import ScenarioError, ScenarioNotFoundError, load_scenario

    try:
        return load_scenario(name_or_path)
    except ScenarioNotFoundError as error:
        _fail(str(error))
    except ScenarioError as error:
        for issue in error.issues:
            err.print(str(issue), markup=False, highlight=False, soft_wrap=True)
        _fail(f"{len(error.issues)} problem(s) in {name_or_path}; nothing was run")


@app.command()
def run(
    scenario: Annotated[
        str, typer.Argument(help="Built-in name or path to a .toml file.")
    ] = "baseline_2025",
    strategy: Annotated[
        str | None,
        typer.Option(help="Play the game with this strategy (see `strategies`)."),
    ] = None,
    preset: Annotated[
        str, typer.Option(help="Game length with --strategy: sprint, class_period or campaign.")
    ] = "campaign",
    difficulty: Annotated[
        str, typer.Option(help="AI and budget with --strategy: easy, normal or hard.")
    ] = "normal",
    turns: Annotated[
        int | None,
        typer.Option(help="Turns to play: engine turns, or game turns with --strategy."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the random generator.")] = 0,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for tables and chart (default: out/<scenario>)."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Run a scenario headless (or play it with a strategy) and write tables and a chart."""
    loaded = _load(scenario)
    if seed < 0:
        _fail(f"--seed must be zero or positive (got {seed})")
    folder = out_dir if out_dir is not None else Path("out") / Path(scenario).stem
    if strategy is not None:
        _play(loaded, scenario, strategy, preset, difficulty, turns, seed, folder, quiet)
        return
    horizon = loaded.time.turns
    if turns is not None and not 1 <= turns <= horizon:
        _fail(f"--turns must be between 1 and {horizon} for this scenario (got {turns})")
    from rare_earth_game.report.headless import run_headless

    result = run_headless(loaded, seed=seed, turns=turns, folder=folder, show_progress=not quiet)
    if not quiet:
        _print_summary(result.summary, loaded.meta.name)
    _print_files(result.files, folder)


def _print_files(files: list[Path], folder: Path) -> None:
    out.print(f"Wrote {len(files)} files to [bold]{folder}[/]:", highlight=False, soft_wrap=True)
    for path in files:
        out.print(f"  {path}", markup=False, highlight=False, soft_wrap=True)  # never break a path


def _play(
    loaded: Scenario,
    scenario_ref: str,
    strategy: str,
    preset: str,
    difficulty: str,
    turns: int | None,
    seed: int,
    folder: Path,
    quiet: bool,
) -> None:
    from rare_earth_game.game import GameSession, GameSetupError
    from rare_earth_game.game.strategies import strategy_names
    from rare_earth_game.report.game_run import play_headless
    from rare_earth_game.scenario.errors import suggestion

    if strategy not in strategy_names():
        hint = suggestion(strategy, strategy_names())
        _fail(f"unknown strategy '{strategy}'{hint} (known: {', '.join(strategy_names())})")
    try:
        session = GameSession(
            loaded, seed, preset=preset, difficulty=difficulty, scenario_ref=scenario_ref
        )
    except GameSetupError as error:
        _fail(str(error))
    if turns is not None and not 1 <= turns <= session.turns:
        _fail(f"--turns must be between 1 and {session.turns} for a {preset} game (got {turns})")

    def show(report: object) -> None:
        if not quiet:
            out.print(report.text(), markup=False, highlight=False)  # type: ignore[attr-defined]

    result = play_headless(session, strategy, turns=turns, folder=folder, on_turn=show)
    if not quiet:
        _print_scorecard(result.scorecard, f"{loaded.meta.name}: {strategy}")
    _print_files(result.files, folder)


def _print_scorecard(card: object, title: str) -> None:
    import math

    from rich.table import Table

    from rare_earth_game.game.scoring import Scorecard

    assert isinstance(card, Scorecard)

    def shown(value: float) -> str:
        return "-" if math.isnan(value) else f"{value:,.2f}"

    table = Table(
        title=f"{title}: grade {card.grade} ({card.score:.0f}/100; no new policy "
        f"{card.baseline_score:.0f})",
        header_style="bold",
    )
    for column in ("Objective", "By", "Target", "Value", "No new policy", "Met"):
        table.add_column(column, justify="left" if column == "Objective" else "right")
    for o in card.objectives:
        sign = ">=" if o.objective.direction == "at_least" else "<="
        table.add_row(
            o.objective.title,
            o.deadline,
            f"{sign} {o.objective.target:g}",
            shown(o.value),
            shown(o.baseline),
            "yes" if o.met else "no",
        )
    out.print(table)


def _print_summary(summary: object, title: str) -> None:
    import pandas as pd
    from rich.table import Table

    assert isinstance(summary, pd.DataFrame)
    table = Table(
        title=f"{title}: yearly averages",
        caption="Prices in USD/kg outside the adversary; % columns are shares of output or demand.",
        header_style="bold",
    )
    rows = []
    for _, row in summary.iterrows():
        cells = []
        for column, value in row.items():
            if column == "Year":
                cells.append(str(int(value)))
            elif str(column).endswith(" %"):
                cells.append(f"{value:.0f} %")
            else:
                cells.append(f"{value:,.0f}" if value >= 1000 else f"{value:,.1f}")
        rows.append(cells)
    for i, column in enumerate(summary.columns):
        widest = max(len(cells[i]) for cells in rows) if rows else 4
        header = str(column).removesuffix(" %")
        table.add_column(header, justify="right", min_width=widest)
    for cells in rows:
        table.add_row(*cells)
    out.print(table)


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="Scenario files or built-in names to check.")],
) -> None:
    """Check scenario files and print every problem as FILE:LINE:COL: key: message."""
    from rare_earth_game.scenario import ScenarioError, ScenarioNotFoundError, load_scenario

    problems = 0
    for name in files:
        try:
            load_scenario(name)
        except ScenarioNotFoundError as error:
            err.print(f"{name}: {error}", markup=False, highlight=False, soft_wrap=True)
            problems += 1
        except ScenarioError as error:
            for issue in error.issues:
                err.print(str(issue), markup=False, highlight=False, soft_wrap=True)
            problems += len(error.issues)
        else:
            out.print(f"{name}: ok", highlight=False)
    if problems:
        raise typer.Exit(USER_ERROR)


@app.command()
def schema(
    check: Annotated[
        bool, typer.Option(help="Only check that the committed schema is current.")
    ] = False,
) -> None:
    """Regenerate scenarios/scenario.schema.json from the scenario models."""
    from rare_earth_game.scenario.catalog import scenarios_dir
    from rare_earth_game.scenario.json_schema import (
        SCHEMA_FILE_NAME,
        scenario_json_schema,
        write_scenario_json_schema,
    )

    folder = scenarios_dir()
    if check:
        current = (folder / SCHEMA_FILE_NAME).read_text(encoding="utf-8")
        if current != scenario_json_schema():
            _fail(f"{folder / SCHEMA_FILE_NAME} is out of date; run `rare-earth-game schema`")
        out.print("schema is up to date")
        return
    path = write_scenario_json_schema(folder)
    out.print(f"Wrote {path}", highlight=False, soft_wrap=True)


@app.command()
def scenarios() -> None:
    """List the built-in scenarios."""
    from rich.table import Table

    from rare_earth_game.scenario import builtin_scenarios

    table = Table(header_style="bold")
    table.add_column("name")
    table.add_column("title")
    table.add_column("description")
    for entry in builtin_scenarios():
        table.add_row(entry.name, entry.title, entry.description)
    out.print(table)


@app.command()
def strategies() -> None:
    """List the strategies `run --strategy` can play."""
    from rare_earth_game.game.strategies import describe_strategies

    for name, description in describe_strategies():
        out.print(f"[bold]{name}[/]: {escape(description)}", highlight=False, soft_wrap=True)


@app.command()
def version() -> None:
    """Print the version."""
    from rare_earth_game import __version__

    out.print(__version__)


def main() -> None:
    app()
