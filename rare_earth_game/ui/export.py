"""What "Export for the teacher" writes: printable charts, readable tables, the questions.

- `chart_*.png` and `debrief_timeline.png`: each chart on white, headed with the team,
  scenario, length and date, to print or project;
- `debrief.pdf`: the same pages, one chart a page, to print in one go;
- `turns.csv`: one row per turn (counted from 1) with named columns and units, rounded, to
  open in a spreadsheet; and the game's full tables (`game.csv`, `scorecard.csv`, ... as
  `run --strategy` writes them), rounded to six significant figures;
- `discussion.txt` and the save (`game.reg.json.gz`).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pygame

from rare_earth_game.report.game_tables import game_tables
from rare_earth_game.ui import debrief
from rare_earth_game.ui.charts import draw_chart
from rare_earth_game.ui.game_charts import chart_plan
from rare_earth_game.ui.layout import cut_top, inset
from rare_earth_game.ui.paths import default_export_dir
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Theme, make_theme
from rare_earth_game.ui.timeline import paint_page, plan_page

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match

TIP = (
    "Writes light, printable charts (PNG, and one PDF with a chart a page), the game's tables "
    "as CSV, the discussion questions and the save to a folder."
)
PAGE = (1600, 900)
"""A page's size in pixels at 1x of the print theme (drawn at `PRINT_SCALE`)."""
PRINT_SCALE = 1.5
SIGNIFICANT = 6
"""Significant figures kept in the exported tables."""


def export_folder(game: Match, settings_dir: str) -> Path:
    base = Path(settings_dir).expanduser() if settings_dir else default_export_dir()
    return base / game.game


def export_debrief(game: Match, settings_dir: str) -> tuple[Path, list[Path]]:
    """Write everything for the teacher; returns the folder and the files written."""
    folder = export_folder(game, settings_dir)
    folder.mkdir(parents=True, exist_ok=True)
    theme = make_theme("print", PRINT_SCALE)
    pages = chart_pages(game, theme)
    written = []
    for name, surface in pages:
        path = folder / f"{name}.png"
        pygame.image.save(surface, str(path))
        written.append(path)
    written.append(write_pdf(folder / "debrief.pdf", pages))
    written += write_tables(game, folder)
    written.append(write_discussion(game, folder / "discussion.txt"))
    written.append(game.session.save(folder / "game.reg.json.gz"))
    return folder, written


def header(game: Match) -> tuple[str, str]:
    """The two lines over every printed page: who played what, and when it was exported."""
    session = game.session
    team = session.team or "Unnamed team"
    today = dt.date.today().isoformat()
    return f"Rare Earth Game debrief: {team}", f"{debrief.subtitle(game)} · exported {today}"


def chart_pages(game: Match, theme: Theme) -> list[tuple[str, pygame.Surface]]:
    """Each page to print, by file name: the decision timeline, then every chart."""
    world = game.world
    pages = [("debrief_timeline", None, None)]
    pages += [(f"chart_prices_{g}", "prices", g) for g in world.key_goods]
    pages += [
        (f"chart_{n}", n, None) for n in ("security", "shares", "stockpile", "budget", "score")
    ]
    return [(file, _page(game, theme, name, good)) for file, name, good in pages]


def _page(game: Match, theme: Theme, name: str | None, good: str | None) -> pygame.Surface:
    p = theme.palette
    size = (round(PAGE[0] * theme.scale), round(PAGE[1] * theme.scale))
    surface = pygame.Surface(size)
    surface.fill(p.bg)
    page = inset(surface.get_rect(), theme.px(32), theme.px(24))
    title, subtitle = header(game)
    big, small = theme.font("title", bold=True), theme.font("body")
    head, body = cut_top(page, big.get_linesize() + small.get_linesize(), theme.px(16))
    Label(title, pygame.Rect(head.x, head.y, head.width, big.get_linesize()), big, p.text).draw(
        surface
    )
    line = pygame.Rect(head.x, head.y + big.get_linesize(), head.width, small.get_linesize())
    Label(subtitle, line, small, p.muted_text).draw(surface)
    if name is None:
        decisions = debrief.decisions(game)
        paint_page(surface, plan_page(game, theme, body, ["prices"], decisions), theme)
    else:
        draw_chart(surface, chart_plan(name, game, theme, body, good), theme)
    return surface


def write_pdf(path: Path, pages: list[tuple[str, pygame.Surface]]) -> Path:
    """One page per chart, landscape, the picture filling the page."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path, metadata={"CreationDate": None}) as pdf:  # same game, same bytes
        for _, surface in pages:
            width, height = surface.get_size()
            figure = Figure(figsize=(11.69, 11.69 * height / width))
            axes = figure.add_axes((0, 0, 1, 1))
            axes.imshow(np.transpose(pygame.surfarray.array3d(surface), (1, 0, 2)))
            axes.set_axis_off()
            pdf.savefig(figure)
    return path


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Every float column rounded to `SIGNIFICANT` figures of its largest value."""
    out = table.copy()
    for name in out.columns:
        column = out[name]
        if not pd.api.types.is_float_dtype(column):
            continue
        largest = float(np.nanmax(np.abs(column.to_numpy()))) if column.notna().any() else 0.0
        digits = SIGNIFICANT - 1 - (math.floor(math.log10(largest)) if largest > 0 else 0)
        out[name] = column.round(digits)
    return out


def turns_table(game: Match) -> pd.DataFrame:
    """One row per turn played, counted from 1, with the figures a class discusses."""
    world = game.world
    history = world.history
    adversary = world.nations.get(world.adversary)
    them = adversary.name if adversary else "the adversary"
    columns: dict[str, object] = {
        "Turn": history.get("turn", []),
        "Year": history.get("date", []),
    }
    wanted = [
        ("player.supply_security", f"Demand met from outside {them} (%)", 100),
        ("player.clean_supply", f"Demand met free of {them} inputs (%)", 100),
    ]
    for good in world.key_goods:
        name = world.commodities.get(good, good)
        wanted.append(
            (f"{good}.price_outside.{world.adversary}", f"{name} price outside {them} (USD/kg)", 1)
        )
        wanted.append((f"{good}.price.{world.player}", f"{name} price at home (USD/kg)", 1))
    wanted += [
        ("game.spending_musd", "Spent so far (USD million)", 1),
        ("game.savings_musd", "Savings (USD million)", 1),
        ("game.locked_musd", "Committed a turn (USD million)", 1),
        ("player.tension_with_adversary", f"Tension with {them} (0-1)", 1),
    ]
    for key, title, factor in wanted:
        if key in history:
            columns[title] = (history[key] * factor).round(2 if factor == 1 else 1)
    table = pd.DataFrame(columns)
    scores = [r.scorecard.score if r.scorecard else math.nan for r in game.reports]
    base = [r.scorecard.baseline_score if r.scorecard else math.nan for r in game.reports]
    if len(scores) == len(table):
        table["Score (0-100)"] = pd.Series(scores).round(1)
        table["Baseline score (0-100)"] = pd.Series(base).round(1)
    moves: dict[int, list[str]] = {}
    for decision in debrief.decisions(game):
        verdict = "" if decision.accepted else " (refused)"
        moves.setdefault(decision.turn + 1, []).append(decision.title + verdict)
    table["Your decisions"] = ["; ".join(moves.get(int(turn), [])) for turn in table["Turn"]]
    return table


def write_tables(game: Match, folder: Path) -> list[Path]:
    """`turns.csv` and the game's full tables, rounded."""
    written = []
    turns = folder / "turns.csv"
    turns_table(game).to_csv(turns, index=False)
    written.append(turns)
    for name, table in game_tables(game.session).items():
        path = folder / f"{name}.csv"
        rounded(table).to_csv(path, index=False)
        written.append(path)
    return written


def write_discussion(game: Match, path: Path) -> Path:
    title, subtitle = header(game)
    lines = [title, subtitle, ""]
    lines += [f"{i}. {q}" for i, q in enumerate(debrief.prompts(game), 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
