"""How the `rare-earth-game` command prints its tables: compact enough for an 80-column
terminal (two-line headers, figures in a few characters, paths never broken)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from rich.table import Table

    from rare_earth_game.calibration import CalibrationResult

out = Console()


def _compact(title: str, caption: str) -> Table:
    """A table for an 80-column terminal: a bold header, one rule under it, tight padding."""
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        caption=caption,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )


def print_files(files: list[Path], folder: Path) -> None:
    out.print(f"Wrote {len(files)} files to [bold]{folder}[/]:", highlight=False, soft_wrap=True)
    for path in files:
        out.print(f"  {path}", markup=False, highlight=False, soft_wrap=True)  # never break a path


def print_scorecard(card: object, title: str) -> None:
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


def print_summary(summary: object, title: str, adversary: str) -> None:
    """The yearly table, compact enough for an 80-column terminal: two-line headers."""
    import pandas as pd

    assert isinstance(summary, pd.DataFrame)
    table = _compact(
        title=f"{title}: yearly averages",
        caption=f"Prices in USD/kg outside {adversary}; % columns are shares of output or demand.",
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


def print_calibration(results: list[CalibrationResult], title: str) -> None:
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


def print_batch(runs: object, manifest: dict[str, object], folder: Path) -> None:
    """One row per strategy, one column per outcome: the median over the 10-90 % range,
    so seven strategies fit an 80-column terminal."""
    import pandas as pd

    from rare_earth_game.batch.analysis import HEADLINES, headline_columns, summary

    assert isinstance(runs, pd.DataFrame)
    table = _compact(
        title=f"{manifest['experiment']}: {len(runs)} of {manifest['runs_planned']} runs",
        caption="At the end of the game: median, and below it the 10th-90th percentile.",
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


def print_card_balance(cards: object, title: str) -> None:
    """Card and its metric, effect alone (mean over its range), first turn it shows, cost,
    score change: two lines a card, to fit an 80-column terminal."""
    import pandas as pd

    from rare_earth_game.batch.balance import NO_NEW_POLICY
    from rare_earth_game.game.strategies import FUND_PREFIX

    assert isinstance(cards, pd.DataFrame)
    table = _compact(
        title=f"Each card alone: {title}",
        caption="Effect: the card's metric at the last turn minus the no-new-policy game's, "
        "or, for a card that needs or pays off with another (after 'vs'), that card's alone "
        "(mean, and below it the range over seeds). First: the first turn it shows. "
        "Seeds: in how many seeds it moves the metric the better way; for a card that "
        "builds a plant, only seeds where that plant ran count ('ran': in how many it did). "
        "Score: points against the no-new-policy game. *: acts only after the game ends.",
    )
    table.add_column("Card\n  metric it names", overflow="fold")
    for column in ("Effect", "First", "Seeds", "Cost\nUSD M", "Score\nchange"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in cards.to_dict("records"):
        late = "" if row["acts_in_game"] else "*"
        effect = _signed(row["effect_mean"])
        spread = f"{_signed(row['effect_min'])}..{_signed(row['effect_max'])}"
        running = row["running_musd_per_year"]
        against = row["against"]
        other = against.removeprefix(FUND_PREFIX).partition("@")[0]
        versus = "" if against == NO_NEW_POLICY else f" vs {other}"
        table.add_row(
            f"{row['card']}{late}{versus}\n  {row['metric']}",
            "n/a" if effect == "-" else f"{effect}\n{spread}",
            row["first_date"] or "never",
            f"{row['seeds_moved']}/{row['seeds']}" + _plant_runs(row["seeds_plant_ran"]),
            f"{row['cost_musd']:,.0f}" + (f"\n+{running:,.0f}/yr" if running else ""),
            _signed(row["score_change_mean"], 1),
        )
    out.print(table)


def _plant_runs(seeds: float) -> str:
    """A "ran N" line under a plant-building card's seeds; nothing for other cards."""
    return "" if math.isnan(seeds) else f"\nran {seeds:.0f}"


def print_strategy_balance(strategies: object, title: str) -> None:
    """A column per strategy, a row for the score and each sub-score (0-100): mean over
    the range across seeds; then spending and games lost. Seven strategies fit 80 columns."""
    import pandas as pd

    from rare_earth_game.scenario.game import SUB_SCORES

    assert isinstance(strategies, pd.DataFrame)
    table = _compact(
        title=f"Built-in strategies: {title}",
        caption="Score and each sub-score, 0-100: mean, and below it the range over seeds.",
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


def print_lens_balance(lenses: object, title: str) -> None:
    """A row per lens, a column per strategy: its mean score, the leader's starred."""
    import pandas as pd

    assert isinstance(lenses, pd.DataFrame)
    table = _compact(
        title=f"Scores under each lens: {title}",
        caption="Mean score over seeds; * leads under that lens.",
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


def save_summary(session: object, path: Path) -> str:
    """What `replay` says about a verified save: whose game, how far, what was done."""
    from rare_earth_game.game.actions import action_title
    from rare_earth_game.game.session import GameSession

    assert isinstance(session, GameSession)
    lines = [
        f"{path}: verified; every turn replays to its checksum.",
        f"  scenario   {session.scenario.meta.name}",
        f"  team       {session.team or '(no name)'}",
        f"  lens       {session.lens}",
        f"  game       {session.preset.title}, {session.difficulty.title}, seed {session.seed}; "
        f"{session.turn} of {session.turns} turns played"
        + (" (finished)" if session.finished else ""),
    ]
    for report in session.reports:
        done = [action_title(r.action, session.scenario)[0] for r in report.actions if r.accepted]
        lines.append(f"  {report.date:<10} {'; '.join(done) if done else '-'}")
    return "\n".join(lines)
