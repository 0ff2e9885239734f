"""The `rare-earth-game` command: run, play, batch, validate, calibrate and more.

Heavy modules (pandas, mesa, matplotlib) are imported inside commands so `--help` is
instant. Every command runs inside `_Commands.invoke`, the one place that turns a
`UserError` into `error: …` and exit code 2, and Ctrl-C or SIGTERM into exit code 130.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core
from rich.console import Console
from rich.markup import escape

from rare_earth_game import cli_output as show
from rare_earth_game.errors import UserError, sigterm_as_interrupt

if TYPE_CHECKING:
    from rare_earth_game.scenario import Scenario

OK, FAILED, USER_ERROR, INTERRUPTED = 0, 1, 2, 130
EXIT_CODES = (
    "Exit codes: 0 done; 1 a result that failed (a batch run, a calibration figure) or a "
    "fault in the program; 2 a mistake in what you gave (a scenario, experiment, save, "
    "option or path), told as 'error: …' with FILE:LINE where there is one; 130 "
    "interrupted (Ctrl-C or SIGTERM)."
)

out = Console()
err = Console(stderr=True)


def _flags_show_no_type() -> None:
    """Typer's rich help prints `<bool>` after flags (`--resume <bool>`), as if they took a
    value; a flag takes none, so show nothing there."""
    option = typer.core.TyperOption
    plain = getattr(option, "display_type_rich", None)
    if plain is None:
        return

    def display_type_rich(self: typer.core.TyperOption, ctx: typer.Context) -> str | None:
        return None if self.is_flag else plain(self, ctx)

    option.display_type_rich = display_type_rich  # type: ignore[method-assign,assignment]


_flags_show_no_type()


def _paragraphs_reflowed(help_text: str) -> str:
    """A help text whose paragraphs are each one line, for the terminal to wrap: Typer's Rich
    help keeps a docstring's line breaks after its first paragraph, so its later paragraphs
    came out ragged. A paragraph that starts with `\\b` (click's mark) keeps its breaks."""
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split("\n")) for p in paragraphs)


class _Commands(typer.core.TyperGroup):
    """Runs a command; the user's mistakes and interruptions end here, once, for all. Its
    commands' help is laid out here too (`_paragraphs_reflowed`)."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and command.help:
            command.help = _paragraphs_reflowed(command.help)
        return command

    def invoke(self, ctx: Any) -> Any:  # typer's own vendored click Context
        with sigterm_as_interrupt():
            try:
                return super().invoke(ctx)
            except UserError as error:
                report_user_error(error)
                raise typer.Exit(USER_ERROR) from None
            except KeyboardInterrupt:
                err.print(
                    "Interrupted; nothing half-written was kept.", highlight=False, soft_wrap=True
                )
                raise typer.Exit(INTERRUPTED) from None


def report_user_error(error: UserError) -> None:
    """Each located problem on its own line, then `error: summary`."""
    for line in error.details:
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    err.print(f"[bold red]error:[/] {escape(error.summary)}", highlight=False, soft_wrap=True)


app = typer.Typer(
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    help="Rare Earth Game: a supply-chain simulator and classroom strategy game.",
    epilog=EXIT_CODES,
)


class OptionError(UserError):
    """A command-line option out of range or inconsistent with another."""


def _fail(message: str) -> None:
    raise OptionError(message)


def _load(name_or_path: str) -> Scenario:
    from rare_earth_game.scenario import load_scenario

    return load_scenario(name_or_path)


AllowCode = Annotated[
    bool,
    typer.Option(
        "--allow-code",
        help="Allow Python files and modules named by an experiment, a results folder or "
        "--strategy-module to be imported (they run with your rights).",
    ),
]


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
    lens: Annotated[
        str | None,
        typer.Option(help="Scorecard lens with --strategy (default: the scenario's)."),
    ] = None,
    turns: Annotated[
        int | None,
        typer.Option(help="Turns to play: engine turns, or game turns with --strategy."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the random generator.")] = 0,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Folder for tables and chart (default: out/SCENARIO, out/SCENARIO-STRATEGY "
            "with --strategy, …-turnsN with --turns).",
        ),
    ] = None,
    strategy_module: Annotated[
        list[Path] | None,
        typer.Option(help="A .py file that registers strategies; needs --allow-code."),
    ] = None,
    allow_code: AllowCode = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Run a scenario headless (or play it with a strategy) and write tables and a chart."""
    from rare_earth_game.report.folders import check_writable, default_run_folder

    loaded = _load(scenario)
    if seed < 0:
        _fail(f"--seed must be zero or positive (got {seed})")
    folder = out_dir if out_dir is not None else default_run_folder(scenario, strategy, turns)
    if strategy_module:
        from rare_earth_game.batch.plugins import load_strategy_files

        load_strategy_files(strategy_module, allow_code=allow_code)
    if strategy is not None:
        _play(loaded, scenario, strategy, preset, difficulty, lens, turns, seed, folder, quiet)
        return
    horizon = loaded.time.turns
    if turns is not None and not 1 <= turns <= horizon:
        _fail(f"--turns must be between 1 and {horizon} for this scenario (got {turns})")
    check_writable(folder, "--out")
    from rare_earth_game.report.headless import run_headless

    result = run_headless(loaded, seed=seed, turns=turns, folder=folder, show_progress=not quiet)
    if not quiet:
        show.print_summary(result.summary, loaded.meta.name, loaded.game.adversary)
    show.print_files(result.files, folder)


def _play(
    loaded: Scenario,
    scenario_ref: str,
    strategy: str,
    preset: str,
    difficulty: str,
    lens: str | None,
    turns: int | None,
    seed: int,
    folder: Path,
    quiet: bool,
) -> None:
    from rare_earth_game.game import GameSession
    from rare_earth_game.game.report import TurnReport
    from rare_earth_game.game.strategies import strategy_problem
    from rare_earth_game.report.folders import check_writable
    from rare_earth_game.report.game_run import play_headless

    problem = strategy_problem(strategy, loaded)
    if problem is not None:
        _fail(problem)
    session = GameSession(
        loaded, seed, preset=preset, difficulty=difficulty, scenario_ref=scenario_ref, lens=lens
    )
    if turns is not None and not 1 <= turns <= session.turns:
        _fail(f"--turns must be between 1 and {session.turns} for a {preset} game (got {turns})")
    check_writable(folder, "--out")

    def on_turn(report: TurnReport) -> None:
        if not quiet:
            out.print(report.text(), markup=False, highlight=False)

    result = play_headless(session, strategy, turns=turns, folder=folder, on_turn=on_turn)
    if not quiet:
        show.print_scorecard(result.scorecard, f"{loaded.meta.name}: {strategy}")
    show.print_files(result.files, folder)


@app.command()
def calibrate(
    scenario: Annotated[str, typer.Argument(help="Built-in name or path to a .toml file.")],
    seeds: Annotated[
        int,
        typer.Option(
            help="Seeded runs (seeds 0 to N-1); an entry is OK when their mean is. Ten, so "
            "that one seed's luck does not decide a figure."
        ),
    ] = 10,
    csv: Annotated[
        Path | None, typer.Option(help="Also write the table, with each seed's value, as CSV.")
    ] = None,
) -> None:
    """Check a scenario's \\[\\[calibration]] figures against model runs.

    Exit 0 when every figure is within its tolerance, 1 when any is off, 2 for bad input.
    """
    from rare_earth_game.report.folders import check_writable

    loaded = _load(scenario)
    if seeds < 1:
        _fail(f"--seeds must be 1 or more (got {seeds})")
    if not loaded.calibration:
        _fail(f"{scenario} has no [[calibration]] entries; nothing to check")
    if csv is not None:
        check_writable(csv.parent, "--csv")
    from rare_earth_game.calibration import results_frame, run_calibration
    from rare_earth_game.report.folders import written

    with err.status(f"Running {loaded.meta.name} with {seeds} seed(s)…"):
        results = run_calibration(loaded, seeds)
    show.print_calibration(results, f"{loaded.meta.name}: calibration, {seeds} seed(s)")
    if csv is not None:
        with written(csv):
            results_frame(results).to_csv(csv, index=False)
        out.print(f"Wrote {csv}", markup=False, highlight=False, soft_wrap=True)
    off = sum(not result.ok for result in results)
    if off:
        err.print(
            f"{off} of {len(results)} figure(s) outside tolerance", highlight=False, soft_wrap=True
        )
        raise typer.Exit(FAILED)


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="Scenario files or built-in names to check.")],
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 2 if any).")
    ] = False,
) -> None:
    """Check scenario files: every problem as FILE:LINE:COL: key: message (exit 2), then warnings.

    Warnings are on figures that look wrong though they are valid
    (exit 0 unless --strict)."""
    from rare_earth_game.scenario import ScenarioError
    from rare_earth_game.scenario.catalog import ScenarioNotFoundError, lint_scenario

    problems = warnings = 0
    for name in files:
        try:
            found = lint_scenario(name)
        except ScenarioNotFoundError as error:
            err.print(f"{name}: {error}", markup=False, highlight=False, soft_wrap=True)
            problems += 1
            continue
        except ScenarioError as error:
            for line in error.details:
                err.print(line, markup=False, highlight=False, soft_wrap=True)
            problems += len(error.issues)
            continue
        for warning in found:
            err.print(str(warning), markup=False, highlight=False, soft_wrap=True)
        warnings += len(found)
        verdict = f"{len(found)} warning(s)" if found else "ok"
        out.print(f"{name}: {verdict}", markup=False, highlight=False)
    if problems or (strict and warnings):
        what = f"{problems} problem(s)" if problems else f"{warnings} warning(s) with --strict"
        raise OptionError(what)


@app.command()
def schema(
    check: Annotated[
        bool,
        typer.Option("--check", help="Only check that the committed schema and guide are current."),
    ] = False,
) -> None:
    """Regenerate scenarios/scenario.schema.json and docs/scenario-format.md from the models."""
    from rare_earth_game.scenario.reference import generated_files

    stale = []
    for path, text in generated_files():
        if check:
            current = path.read_text(encoding="utf-8") if path.is_file() else ""
            if current != text:
                stale.append(str(path))
            continue
        path.write_text(text, encoding="utf-8")
        out.print(f"Wrote {path}", markup=False, highlight=False, soft_wrap=True)
    if stale:
        _fail(f"out of date: {', '.join(stale)}; run `rare-earth-game schema` (or `make schema`)")
    if check:
        out.print("schema and format reference are up to date")


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


@app.command("new-scenario")
def new_scenario(
    name: Annotated[str, typer.Argument(help="The new file: NAME or NAME.toml.")],
    source: Annotated[
        str, typer.Option("--from", help="The built-in scenario (or file) to start from.")
    ] = "baseline_2025",
) -> None:
    """Write a copy of a scenario to edit, its #:schema line pointing at the schema."""
    from rare_earth_game.scenario.authoring import new_scenario_file

    path = new_scenario_file(Path(name), source)
    out.print(f"Wrote {path}; check it with: rare-earth-game validate {path}", highlight=False)


@app.command()
def strategies() -> None:
    """List the strategies `run --strategy` can play."""
    from rare_earth_game.game.strategies import FUND_PREFIX, FundOne, describe_strategies

    for name, description in describe_strategies():
        out.print(f"[bold]{name}[/]: {escape(description)}", highlight=False, soft_wrap=True)
    out.print(
        f"[bold]{FUND_PREFIX}CARD[/]: {escape(FundOne.description)}",
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def batch(
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="SCENARIO_OR_SPEC",
            help="An experiment file (see experiments/), or a scenario for a quick sweep.",
            show_default=False,
        ),
    ] = None,
    runs: Annotated[
        int | None, typer.Option(help="Replications (seeds) per strategy and parameter point.")
    ] = None,
    strategy: Annotated[
        str | None,
        typer.Option(help="Strategies, comma-separated (see `strategies`; none = bare engine)."),
    ] = None,
    sweep: Annotated[
        list[str] | None,
        typer.Option(help="KEY.PATH=V1,V2,... or KEY.PATH=LOW:HIGH:NUM; repeat for more."),
    ] = None,
    design: Annotated[str | None, typer.Option(help="grid, zip, lhs, morris or sobol.")] = None,
    samples: Annotated[
        int | None,
        typer.Option(help="lhs: points; morris: trajectories; sobol: base points (a power of 2)."),
    ] = None,
    turns: Annotated[int | None, typer.Option(help="Game turns per run (default: all).")] = None,
    preset: Annotated[
        str | None, typer.Option(help="sprint, class_period or campaign (default).")
    ] = None,
    difficulty: Annotated[str | None, typer.Option(help="easy, normal or hard.")] = None,
    baseline: Annotated[
        bool | None, typer.Option("--baseline", help="Also score against the baseline game.")
    ] = None,
    flows: Annotated[bool | None, typer.Option("--flows", help="Write the flows table.")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: all cores).")
    ] = None,
    backend: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler, tcp://HOST:PORT (default: a local one).")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Results folder (default: out/batch/NAME).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the batch in --out, skipping done runs.")
    ] = False,
    entropy: Annotated[
        str | None, typer.Option(help="Root of all seeds (default: the spec's, else random).")
    ] = None,
    shard: Annotated[
        str | None, typer.Option(help="Run only part I/N of the runs (0-based), e.g. 3/10.")
    ] = None,
    run_timeout: Annotated[
        float | None,
        typer.Option(help="Fail a run that takes longer than this many seconds, and go on."),
    ] = None,
    allow_code: AllowCode = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run many seeded games in parallel: strategies x parameter sweeps x replications."""
    from rare_earth_game.batch import BatchError, Shard, run_sweep
    from rare_earth_game.batch.options import Shortcuts, experiment_from_options
    from rare_earth_game.batch.progress import Bar

    if resume and out_dir is None and target is None:
        _fail("--resume needs --out DIR (or the same arguments as the interrupted batch)")
    name = Path(target).stem if target else "batch"
    folder = out_dir if out_dir is not None else Path("out") / "batch" / name
    options = Shortcuts(
        runs, strategy, sweep or [], design, samples, turns, preset, difficulty, baseline, flows
    )
    spec, source = experiment_from_options(
        target, options, folder if resume else None, allow_code=allow_code
    )
    chosen_shard = Shard.parse(shard) if shard else None
    if entropy is not None and not entropy.isdigit():
        raise BatchError(f"--entropy must be a whole number of zero or more (got {entropy})")
    try:
        result = run_sweep(
            spec,
            source=source,
            out=folder,
            workers=workers,
            backend=backend,
            scheduler=scheduler,
            resume=resume,
            shard=chosen_shard,
            entropy=int(entropy) if entropy is not None else None,
            progress=None if quiet else Bar(spec.experiment.name or name),
            allow_code=allow_code,
            run_timeout=run_timeout,
        )
    except KeyboardInterrupt:
        err.print(
            f"Interrupted. Finished runs are saved in {folder}; continue with the same "
            "command and --resume.",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(INTERRUPTED) from None
    show.print_batch(result.runs, result.manifest, folder)
    if len(result.failures):
        err.print(
            f"[bold red]{len(result.failures)} run(s) failed[/]; their errors are in the runs "
            f"table (status, error) and {escape(str(folder / 'manifest.json'))}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(FAILED)


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A results folder written by `batch`.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the plots (default: DIR/report).")
    ] = None,
) -> None:
    """Summarise a batch: a table by strategy and PNG plots of outcomes and prices."""
    from rare_earth_game.batch import merge_results
    from rare_earth_game.batch.analysis import write_report
    from rare_earth_game.report.folders import check_writable

    plots = out_dir if out_dir is not None else folder / "report"
    result = merge_results(folder)
    if result.runs.empty:
        _fail(f"{folder} holds no finished runs yet")
    check_writable(plots, "--out")
    files = write_report(result.runs, result.turns, result.manifest, plots)
    show.print_batch(result.runs, result.manifest, folder)
    out.print(f"Wrote {len(files)} plots to [bold]{escape(str(plots))}[/]:", highlight=False)
    for path in files:
        out.print(f"  {path}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def balance(
    scenario: Annotated[str, typer.Argument(help="Built-in name or path to a .toml file.")],
    preset: Annotated[str, typer.Option(help="sprint, class_period or campaign.")] = "sprint",
    seeds: Annotated[int, typer.Option(help="Seeds (worlds) per card and strategy.")] = 3,
    difficulty: Annotated[str, typer.Option(help="easy, normal or hard.")] = "normal",
    lens: Annotated[
        str | None,
        typer.Option(help="Scorecard lens of the strategy table (default: the scenario's)."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: all cores).")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the tables (default: out/balance/SCENARIO)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Every card alone and every built-in strategy against the no-new-policy game."""
    from rare_earth_game.batch.balance import BalanceError, run_balance
    from rare_earth_game.batch.progress import Bar
    from rare_earth_game.game.lenses import lens_problem
    from rare_earth_game.game.presets import DIFFICULTIES, PRESETS
    from rare_earth_game.report.folders import check_writable
    from rare_earth_game.report.tables import write_tables
    from rare_earth_game.scenario.errors import suggestion

    loaded = _load(scenario)
    if lens is not None and (problem := lens_problem(lens, loaded)) is not None:
        _fail(problem)
    for value, known, what in (
        (preset, PRESETS, "preset"),
        (difficulty, DIFFICULTIES, "difficulty"),
    ):
        if value not in known:
            choices = ", ".join(known)
            _fail(f"unknown {what} '{value}'{suggestion(value, known)} (choose from {choices})")
    if seeds < 1:
        _fail(f"--seeds must be 1 or more (got {seeds})")
    folder = out_dir if out_dir is not None else Path("out") / "balance" / Path(scenario).stem
    check_writable(folder, "--out")
    try:
        result = run_balance(
            scenario,
            preset=preset,
            seeds=seeds,
            difficulty=difficulty,
            workers=workers,
            out=folder / "runs",
            progress=None if quiet else Bar(f"Balance of {loaded.meta.name}"),
            lens=lens,
        )
    except BalanceError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(FAILED) from None
    title = f"{loaded.meta.name}, {preset}, {difficulty}, {seeds} seed{'s' if seeds > 1 else ''}"
    show.print_card_balance(result.cards, title)
    show.print_strategy_balance(result.strategies, f"{title}, {result.lens} lens")
    show.print_lens_balance(result.lenses, title)
    for problem in result.budget_problems:
        err.print(f"budget rule: {problem}", markup=False, highlight=False, soft_wrap=True)
    tables = {
        "balance_cards": result.cards,
        "balance_strategies": result.strategies,
        "balance_lenses": result.lenses,
    }
    show.print_files(write_tables(tables, folder), folder)


@app.command()
def replay(
    save: Annotated[Path, typer.Argument(help="A save file (.reg.json.gz), e.g. a student's.")],
    scenario: Annotated[
        str | None,
        typer.Option(help="The scenario the game used, if the save cannot find it itself."),
    ] = None,
) -> None:
    """Verify a save by replaying every turn, then print the game's summary."""
    from rare_earth_game.game import GameSession

    given = _load(scenario) if scenario is not None else None
    # A line, not a spinner: a spinner's thread would keep the replay from handing the
    # no-new-policy game to a forked child (forking.py), which the scorecard below needs.
    err.print(f"Replaying {save}…", markup=False, highlight=False)
    session = GameSession.load(save, given)
    out.print(show.save_summary(session, save), markup=False, highlight=False, soft_wrap=True)
    if session.scenario.objectives and session.turn:
        card = session.scorecard()
        show.print_scorecard(card, f"{session.scenario.meta.name}: {session.team or save.name}")


class_app = typer.Typer(
    cls=_Commands,
    no_args_is_help=True,
    help="For teachers: compare the teams of a class.",
)
app.add_typer(class_app, name="class")


@class_app.command("report")
def class_report(
    folder: Annotated[
        Path, typer.Argument(help="The folder the teams' saves (.reg.json.gz) were copied to.")
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to write (default: FOLDER/class_report).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a class report already in --out.")
    ] = False,
) -> None:
    """Replay and verify every team's save, then write a leaderboard, charts and a PDF.

    The leaderboard is a CSV, the charts set the teams' outcomes and
    decisions side by side, and the PDF prints all three. A save that fails
    is listed as failed (and the command exits 2 once the report is written)."""
    from rare_earth_game.report.class_report import (
        ClassReportError,
        read_teams,
        saves_in,
        targets,
        write_class_report,
    )

    where = out_dir if out_dir is not None else folder / "class_report"
    saves = saves_in(folder)
    targets(where, force)  # refuse before minutes of replays, not after
    teams = read_teams(  # a line per save, not a spinner: see `replay`
        saves, lambda path: err.print(f"Replaying {path.name}…", markup=False, highlight=False)
    )
    files = write_class_report(teams, where, force)
    for team in teams:
        mark = f"{team.score:5.1f} {team.grade}" if team.verified else "FAILED"
        out.print(f"  {mark:8} {team.team}", markup=False, highlight=False)
    out.print(f"Wrote the class report to [bold]{escape(str(where))}[/]:", highlight=False)
    for path in files:
        out.print(f"  {path}", markup=False, highlight=False, soft_wrap=True)
    failed = [t for t in teams if not t.verified]
    if failed:
        for team in failed:
            err.print(f"{team.file}: {team.problem}", markup=False, highlight=False, soft_wrap=True)
        raise ClassReportError(
            f"{len(failed)} of {len(teams)} saves could not be verified; they are listed as "
            "failed in the report"
        )


@app.command()
def play(
    scenario: Annotated[
        str | None,
        typer.Argument(help="Built-in name or .toml path to start with (default: title screen)."),
    ] = None,
) -> None:
    """Open the classroom game window."""
    if scenario is not None:
        from rare_earth_game.scenario import resolve_scenario

        resolve_scenario(scenario)
    from rare_earth_game.ui.app import run as run_window  # pygame loads only here

    run_window(scenario)


@app.command()
def version() -> None:
    """Print the version."""
    from rare_earth_game import __version__

    out.print(__version__)


def main() -> None:
    app()
