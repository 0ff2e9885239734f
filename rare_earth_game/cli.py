"""The `rare-earth-game` command: run, calibrate, validate, list and describe scenarios.

Heavy modules (pandas, mesa, matplotlib) are imported inside commands so `--help` is instant.
Exit codes: 0 success, 1 an internal failure or a result that failed (a figure outside its
calibration tolerance, a failed batch run), 2 bad input from the user (a scenario with
errors, an unknown name, an option out of range), always with a message, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from rare_earth_game.calibration import CalibrationResult
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
        _play(loaded, scenario, strategy, preset, difficulty, lens, turns, seed, folder, quiet)
        return
    horizon = loaded.time.turns
    if turns is not None and not 1 <= turns <= horizon:
        _fail(f"--turns must be between 1 and {horizon} for this scenario (got {turns})")
    from rare_earth_game.report.headless import run_headless

    result = run_headless(loaded, seed=seed, turns=turns, folder=folder, show_progress=not quiet)
    if not quiet:
        _print_summary(result.summary, loaded.meta.name, loaded.game.adversary)
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
    lens: str | None,
    turns: int | None,
    seed: int,
    folder: Path,
    quiet: bool,
) -> None:
    from rare_earth_game.game import GameSession, GameSetupError
    from rare_earth_game.game.strategies import strategy_problem
    from rare_earth_game.report.game_run import play_headless

    problem = strategy_problem(strategy, loaded)
    if problem is not None:
        _fail(problem)
    try:
        session = GameSession(
            loaded,
            seed,
            preset=preset,
            difficulty=difficulty,
            scenario_ref=scenario_ref,
            lens=lens,
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
    """The sub-scores with their formulas, then the objectives as judged."""
    import math

    from rich.table import Table

    from rare_earth_game.game.scoring import Scorecard

    assert isinstance(card, Scorecard)

    def shown(value: float) -> str:
        return "-" if math.isnan(value) else f"{value:,.2f}"

    heading = (
        f"{title}: grade {card.grade} ({card.score:.0f}/100 under the {card.lens} lens; "
        f"no new policy {card.baseline_score:.0f})"
    )
    if card.ending:
        out.print(f"[bold red]Lost:[/] {escape(card.ending)}", highlight=False)
    parts = Table(title=heading, header_style="bold")
    for column in ("Sub-score", "Score", "Weight", "How it is worked out"):
        parts.add_column(column, justify="left" if column != "Score" else "right")
    for part in card.subscores:
        score = "-" if math.isnan(part.score) else f"{part.score:.0f}"
        parts.add_row(part.title, score, f"{part.weight:g}", part.formula)
    out.print(parts)
    goals = Table(title="Goals", header_style="bold")
    for column in ("Objective", "Judged", "Target", "Value", "No new policy", "Credit"):
        goals.add_column(column, justify="left" if column in ("Objective", "Judged") else "right")
    for o in card.objectives:
        sign = ">=" if o.objective.direction == "at_least" else "<="
        goals.add_row(
            o.title or o.objective.title,
            o.how,
            f"{sign} {o.objective.target:g}",
            shown(o.value),
            shown(o.baseline),
            f"{100 * o.score:.0f}" + (" met" if o.met else ""),
        )
    out.print(goals)


def _print_summary(summary: object, title: str, adversary: str) -> None:
    """The yearly table, compact enough for an 80-column terminal: two-line headers."""
    import pandas as pd
    from rich import box
    from rich.table import Table

    assert isinstance(summary, pd.DataFrame)
    table = Table(
        title=f"{title}: yearly averages",
        caption=f"Prices in USD/kg outside {adversary}; % columns are shares of output or demand.",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for column in summary.columns:
        header = str(column).removesuffix(" %").replace(" ", "\n", 1)
        table.add_column(header, justify="right", no_wrap=True, min_width=4)
    for _, row in summary.iterrows():
        cells = []
        for column, value in row.items():
            if column == "Year":
                cells.append(str(int(value)))
            elif str(column).endswith(" %"):
                cells.append(f"{value:.0f}%")
            else:
                cells.append(f"{value:,.0f}" if value >= 1000 else f"{value:,.1f}")
        table.add_row(*cells)
    out.print(table)


@app.command()
def calibrate(
    scenario: Annotated[str, typer.Argument(help="Built-in name or path to a .toml file.")],
    seeds: Annotated[
        int, typer.Option(help="Seeded runs (seeds 0 to N-1); an entry is OK when their mean is.")
    ] = 3,
    csv: Annotated[
        Path | None, typer.Option(help="Also write the table, with each seed's value, as CSV.")
    ] = None,
) -> None:
    """Check a scenario's \\[\\[calibration]] figures against model runs.

    Exit 0 when every figure is within its tolerance, 1 when any is off, 2 for bad input.
    """
    loaded = _load(scenario)
    if seeds < 1:
        _fail(f"--seeds must be 1 or more (got {seeds})")
    if not loaded.calibration:
        _fail(f"{scenario} has no [[calibration]] entries; nothing to check")
    from rare_earth_game.calibration import results_frame, run_calibration

    with err.status(f"Running {loaded.meta.name} with {seeds} seed(s)…"):
        results = run_calibration(loaded, seeds)
    _print_calibration(results, f"{loaded.meta.name}: calibration, {seeds} seed(s)")
    if csv is not None:
        try:
            results_frame(results).to_csv(csv, index=False)
        except OSError as error:
            _fail(f"cannot write {csv}: {error.strerror}")
        out.print(f"Wrote {csv}", markup=False, highlight=False, soft_wrap=True)
    off = sum(not result.ok for result in results)
    if off:
        err.print(
            f"{off} of {len(results)} figure(s) outside tolerance", highlight=False, soft_wrap=True
        )
        raise typer.Exit(1)


def _print_calibration(results: list[CalibrationResult], title: str) -> None:
    """One row per entry; the metric folds at its dots and the source wraps, so the table
    fits a 100-column terminal."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=title,
        caption="OK: the mean over seeds is within tolerance of the source's value; range: "
        "the lowest and highest seed; / PERIOD: as a multiple of the metric's mean then.",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        padding=0,
    )
    for header in ("Metric", "Period", "Stat", "Source\nvalue", "Model\nmean", "Range"):
        table.add_column(header, justify="left" if header == "Metric" else "right", no_wrap=True)
    table.add_column("Toler-\nance", justify="right", no_wrap=True)
    table.add_column("OK", no_wrap=True)
    table.add_column("Source", overflow="fold")
    for result in results:
        entry = result.entry
        period = entry.period.replace("..", "..\n")
        if entry.relative_to is not None:
            period += f"\n/ {entry.relative_to}"
        tolerance = (
            f"±{_figure(entry.abs_tolerance)}"
            if entry.abs_tolerance is not None
            else f"±{entry.rel_tolerance:.0%}"
        )
        table.add_row(
            _fold(entry.metric),
            period,
            entry.statistic,
            _figure(entry.value),
            _figure(result.mean),
            _range(result.lowest, result.highest),
            tolerance,
            "[green]OK[/]" if result.ok else "[bold red]OFF[/]",
            escape(entry.source),
        )
    out.print(table)


def _range(lowest: float, highest: float) -> str:
    low, high = _figure(lowest), _figure(highest)
    return low if low == high else f"{low}-\n{high}"


def _fold(metric: str, width: int = 18) -> str:
    """A dotted metric name on lines of at most `width` characters, broken after dots."""
    lines = [""]
    for part in metric.split("."):
        piece = part if not lines[-1] else f".{part}"
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines[-1] += "."
            lines.append(part)
        else:
            lines[-1] += piece
    return "\n".join(lines)


def _figure(value: float) -> str:
    """A number in at most six characters, with the digits a reader needs: 1.85M, 390k,
    8,900, 239, 6.20, 0.69."""
    if value != value:
        return "-"
    if value == 0:
        return "0"
    size = abs(value)
    if size >= 999_500:
        return f"{value / 1e6:.3g}M"
    if size >= 10_000:
        return f"{value / 1e3:.3g}k"
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.0f}"
    if size >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


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
            metavar="[SCENARIO_OR_SPEC]",
            help="An experiment file (see experiments/), or a scenario for a quick sweep.",
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
    design: Annotated[str | None, typer.Option(help="grid, zip or lhs.")] = None,
    samples: Annotated[int | None, typer.Option(help="Points of an lhs design.")] = None,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run many seeded games in parallel: strategies x parameter sweeps x replications."""
    from rare_earth_game.batch import BackendError, BatchError, Shard, SpecError, run_sweep
    from rare_earth_game.batch.options import Shortcuts, experiment_from_options
    from rare_earth_game.batch.progress import Bar

    if resume and out_dir is None and target is None:
        _fail("--resume needs --out DIR (or the same arguments as the interrupted batch)")
    name = Path(target).stem if target else "batch"
    folder = out_dir if out_dir is not None else Path("out") / "batch" / name
    options = Shortcuts(
        runs, strategy, sweep or [], design, samples, turns, preset, difficulty, baseline, flows
    )
    try:
        spec, source = experiment_from_options(target, options, folder if resume else None)
        chosen_shard = Shard.parse(shard) if shard else None
        if entropy is not None and not entropy.isdigit():
            raise BatchError(f"--entropy must be a whole number of zero or more (got {entropy})")
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
        )
    except SpecError as error:
        for problem in error.problems:
            err.print(problem, markup=False, highlight=False, soft_wrap=True)
        _fail(f"{len(error.problems)} problem(s); nothing was run")
    except (BatchError, BackendError) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        err.print(
            f"Interrupted. Finished runs are saved in {folder}; continue with the same "
            "command and --resume.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    _print_batch(result.runs, result.manifest, folder)
    if len(result.failures):
        err.print(
            f"[bold red]{len(result.failures)} run(s) failed[/]; their errors are in the runs "
            f"table (status, error) and {folder / 'manifest.json'}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A results folder written by `batch`.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the plots (default: DIR/report).")
    ] = None,
) -> None:
    """Summarise a batch: a table by strategy and PNG plots of outcomes and prices."""
    from rare_earth_game.batch import BatchError, merge_results
    from rare_earth_game.batch.analysis import write_report

    try:
        result = merge_results(folder)
    except BatchError as error:
        _fail(str(error))
    if result.runs.empty:
        _fail(f"{folder} holds no finished runs yet")
    plots = out_dir if out_dir is not None else folder / "report"
    files = write_report(result.runs, result.turns, result.manifest, plots)
    _print_batch(result.runs, result.manifest, folder)
    out.print(f"Wrote {len(files)} plots to [bold]{escape(str(plots))}[/]:", highlight=False)
    for path in files:
        out.print(f"  {path}", markup=False, highlight=False, soft_wrap=True)


def _print_batch(runs: object, manifest: dict[str, object], folder: Path) -> None:
    """One row per strategy, one column per outcome: the median over the 10-90 % range,
    so seven strategies fit an 80-column terminal."""
    import pandas as pd
    from rich import box
    from rich.table import Table

    from rare_earth_game.batch.analysis import HEADLINES, headline_columns, summary

    assert isinstance(runs, pd.DataFrame)
    table = Table(
        title=f"{manifest['experiment']}: {len(runs)} of {manifest['runs_planned']} runs",
        caption="At the end of the game: median, and below it the 10th-90th percentile.",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    columns = headline_columns(runs)
    table.add_column("Strategy\n(runs)", no_wrap=True)
    for column in columns:
        label = SHORT_HEADLINES.get(column, HEADLINES[column])
        table.add_column(label.replace(" ", "\n", 1), justify="right", no_wrap=True)
    for row in summary(runs).to_dict("records"):
        failed = f", {row['failed']} failed" if row["failed"] else ""
        cells = [f"{row['strategy']}\n({row['runs']}{failed})"]
        for column in columns:
            low, mid, high = (row[f"{column} {q}"] for q in ("p10", "median", "p90"))
            cells.append("-" if mid != mid else f"{_number(mid)}\n{_number(low)}-{_number(high)}")
        table.add_row(*cells)
    out.print(table)
    tables = manifest["tables"]
    assert isinstance(tables, dict)
    names = [tables[t] for t in ("runs", "turns", "flows") if tables.get(t)]
    out.print(
        f"Results in [bold]{escape(str(folder))}[/]: {', '.join(names)}, manifest.json "
        f"(entropy {manifest['entropy']})",
        highlight=False,
        soft_wrap=True,
    )


SHORT_HEADLINES = {
    "player.price_index": "Price index",
    "game.spending_musd": "Spending USD M",
    "player.tension_with_adversary": "Tension",
}


def _number(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.2f}"


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
    from rare_earth_game.batch import BatchError, SpecError
    from rare_earth_game.batch.balance import BalanceError, run_balance
    from rare_earth_game.batch.progress import Bar
    from rare_earth_game.game.lenses import lens_problem
    from rare_earth_game.game.presets import DIFFICULTIES, PRESETS
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
    except (SpecError, BatchError) as error:
        _fail(str(error))
    except BalanceError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    title = f"{loaded.meta.name}, {preset}, {difficulty}, {seeds} seed{'s' if seeds > 1 else ''}"
    _print_card_balance(result.cards, title)
    _print_strategy_balance(result.strategies, f"{title}, {result.lens} lens")
    _print_lens_balance(result.lenses, title)
    for problem in result.budget_problems:
        err.print(f"budget rule: {problem}", markup=False, highlight=False, soft_wrap=True)
    tables = {
        "balance_cards": result.cards,
        "balance_strategies": result.strategies,
        "balance_lenses": result.lenses,
    }
    _print_files(write_tables(tables, folder), folder)


def _print_card_balance(cards: object, title: str) -> None:
    """Card and its metric, effect alone (mean over its range), first turn it shows, cost,
    score change: two lines a card, to fit an 80-column terminal."""
    import pandas as pd
    from rich import box
    from rich.table import Table

    assert isinstance(cards, pd.DataFrame)
    table = Table(
        title=f"Each card alone: {title}",
        caption="Effect: the card's metric at the last turn minus the no-new-policy game's "
        "(mean, and below it the range over seeds). First: the first turn it shows. "
        "Seeds: in how many seeds it moves the metric the better way. "
        "Score: points against the no-new-policy game. *: acts only after the game ends.",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("Card\n  metric it names", overflow="fold")
    for column in ("Effect", "First", "Seeds", "Cost\nUSD M", "Score\nchange"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in cards.to_dict("records"):
        late = "" if row["acts_in_game"] else "*"
        effect = _signed(row["effect_mean"])
        spread = f"{_signed(row['effect_min'])}..{_signed(row['effect_max'])}"
        running = row["running_musd_per_year"]
        table.add_row(
            f"{row['card']}{late}\n  {row['metric']}",
            "n/a" if effect == "-" else f"{effect}\n{spread}",
            row["first_date"] or "never",
            f"{row['seeds_moved']}/{row['seeds']}",
            f"{row['cost_musd']:,.0f}" + (f"\n+{running:,.0f}/yr" if running else ""),
            _signed(row["score_change_mean"], 1),
        )
    out.print(table)


def _print_strategy_balance(strategies: object, title: str) -> None:
    """A column per strategy, a row for the score and each sub-score (0-100): mean over
    the range across seeds; then spending and games lost. Seven strategies fit 80 columns."""
    import pandas as pd
    from rich import box
    from rich.table import Table

    from rare_earth_game.scenario.game import SUB_SCORES

    assert isinstance(strategies, pd.DataFrame)
    table = Table(
        title=f"Built-in strategies: {title}",
        caption="Score and each sub-score, 0-100: mean, and below it the range over seeds.",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    rows = strategies.to_dict("records")
    table.add_column("Sub-score", max_width=16)
    for row in rows:
        table.add_column(str(row["strategy"]).replace("_", "\n", 1), justify="right")
    for name in ("score", *SUB_SCORES):
        cells = [
            "-"
            if row[f"{name}_mean"] != row[f"{name}_mean"]
            else f"{row[f'{name}_mean']:.0f}\n{row[f'{name}_min']:.0f}-{row[f'{name}_max']:.0f}"
            for row in rows
        ]
        label = "SCORE" if name == "score" else name.replace("_", " ")
        table.add_row(label, *cells, end_section=name == "score")
    table.add_row("spent, USD M", *(f"{row['spent_musd_mean']:,.0f}" for row in rows))
    table.add_row("games lost", *(str(row["lost_games"]) for row in rows))
    out.print(table)


def _print_lens_balance(lenses: object, title: str) -> None:
    """A row per lens, a column per strategy: its mean score, the leader's starred."""
    import pandas as pd
    from rich import box
    from rich.table import Table

    assert isinstance(lenses, pd.DataFrame)
    table = Table(
        title=f"Scores under each lens: {title}",
        caption="Mean score over seeds; * leads under that lens.",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    strategies = list(dict.fromkeys(lenses["strategy"]))
    table.add_column("Lens")
    for strategy in strategies:
        table.add_column(strategy.replace("_", "\n", 1), justify="right")
    for lens, rows in lenses.groupby("lens", sort=False):
        by = rows.set_index("strategy")
        table.add_row(
            str(lens),
            *(
                f"{by.loc[s, 'score_mean']:.0f}{'*' if by.loc[s, 'rank'] == 1 else ''}"
                for s in strategies
            ),
        )
    out.print(table)


def _signed(value: float, decimals: int = 3) -> str:
    """A signed figure, short: three decimals for shares and indices, none for big numbers."""
    if value != value:
        return "-"
    if abs(value) >= 100:
        return f"{value:+,.0f}"
    return f"{value:+.{decimals}f}"


@app.command()
def play(
    scenario: Annotated[
        str | None,
        typer.Argument(help="Built-in name or .toml path to start with (default: title screen)."),
    ] = None,
) -> None:
    """Open the classroom game window."""
    if scenario is not None:
        from rare_earth_game.scenario import ScenarioNotFoundError, resolve_scenario

        try:
            resolve_scenario(scenario)
        except ScenarioNotFoundError as error:
            _fail(str(error))
    from rare_earth_game.ui.app import run as run_window  # pygame loads only here

    run_window(scenario)


@app.command()
def version() -> None:
    """Print the version."""
    from rare_earth_game import __version__

    out.print(__version__)


def main() -> None:
    app()
