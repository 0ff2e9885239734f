"""The game's charts, by name, from what the window copied out of the game.

The turn screen, the debrief and the teacher's export all lay their charts out here, so a
chart reads the same wherever it appears. Every chart starts at the scenario's opening
quarter ("Start"), so even the first turn has a history to show.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd
import pygame

from rare_earth_game.ui.charts import ChartPlan, Margins, Series, plan_line_chart
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.share_chart import plan_share_chart
from rare_earth_game.ui.theme import Theme
from rare_earth_game.ui.world import STAGE_TITLES, STAGES, WorldView

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match

CHARTS = (
    ("prices", "Prices"),
    ("shares", "Who produces"),
    ("security", "Supply security"),
    ("stockpile", "Stockpile"),
    ("budget", "Budget"),
    ("score", "Score"),
)
START = "Start"
"""How the opening quarter is named on a chart's time axis."""


def column(frame: pd.DataFrame, key: str) -> list[float]:
    if key not in frame:
        return []
    return [float(v) for v in frame[key].tolist()]


def chart_plan(
    name: str,
    game: Match,
    theme: Theme,
    rect: pygame.Rect,
    good: str | None = None,
    margins: Margins | None = None,
) -> ChartPlan:
    """Lay out one of the game's charts in `rect`."""
    world = game.world
    history = world.with_opening(world.history)
    played = len(world.history)
    baseline = world.with_opening(world.baseline.iloc[:played])
    labels = [str(d) for d in history["date"]] if "date" in history else []
    if world.opening is not None and labels:
        labels[0] = START
    colour = theme.palette.line_colour
    adversary = _name(world, world.adversary, "the adversary")
    player = _name(world, world.player, "you")
    notes = ([""] if world.opening is not None else []) + [_price_notes(r) for r in game.reports]
    if name == "prices":
        good = good or (world.key_goods[0] if world.key_goods else "")
        series = [
            Series(
                f"Outside {adversary}",
                column(history, f"{good}.price_outside.{world.adversary}"),
                colour("sky_blue"),
                "circle",
            ),
            Series(
                f"Inside {adversary}",
                column(history, f"{good}.price.{world.adversary}"),
                colour("vermillion"),
                "triangle",
            ),
            Series(
                f"In the {player}" if player.startswith("United") else f"In {player}",
                column(history, f"{good}.price.{world.player}"),
                colour("yellow"),
                "square",
            ),
            Series(
                "Baseline (outside)",
                column(baseline, f"{good}.price_outside.{world.adversary}"),
                theme.palette.muted_text,
                "diamond",
                dashed=True,
            ),
        ]
        title = f"{world.commodities.get(good, good)} price, USD per kg"
        return plan_line_chart(
            rect, theme, title, "usd_kg", labels, series, notes=notes, margins=margins
        )
    if name == "shares":
        return plan_share_chart(
            rect,
            theme,
            f"Who produces each stage: share of world output, {world.period}",
            [(STAGE_TITLES[s], world.stage_shares.get(s, {})) for s in STAGES],
            {k: n.name for k, n in world.nations.items()},
            {k: theme.palette.role(n.role) for k, n in world.nations.items()},
            player=world.player,
            adversary=world.adversary,
        )
    if name == "security":
        series = [
            Series("You", column(history, "player.supply_security"), colour("sky_blue"), "circle"),
            Series(
                "Baseline",
                column(baseline, "player.supply_security"),
                theme.palette.muted_text,
                "diamond",
                dashed=True,
            ),
            Series(
                f"You, free of {adversary} inputs",
                column(history, "player.clean_supply"),
                colour("bluish_green"),
                "triangle",
            ),
        ]
        title = f"{player} demand met from outside {adversary}, per cent"
        goal = _goal(game, "player.supply_security")
        return plan_line_chart(
            rect, theme, title, "share", labels, series, goal=goal, margins=margins
        )
    if name == "stockpile":
        keys = [c for c in history.columns if str(c).startswith("player.stockpile.")]
        markers = ("circle", "square", "triangle", "diamond")
        colours = ("orange", "reddish_purple", "bluish_green", "yellow")
        series = [
            Series(
                world.commodities.get(k.split(".")[-1], k),
                column(history, k),
                colour(colours[i % 4]),
                markers[i % 4],
            )
            for i, k in enumerate(keys)
            if any(v > 0 for v in column(history, k))
        ]
        return plan_line_chart(
            rect,
            theme,
            "National stockpile, tonnes",
            "t",
            labels,
            series,
            empty="No stockpile yet: fund a stockpile card or order stock.",
            margins=margins,
        )
    if name == "budget":
        series = [
            Series(
                "Spent so far", column(history, "game.spending_musd"), colour("orange"), "circle"
            ),
            Series(
                "Savings", column(history, "game.savings_musd"), colour("bluish_green"), "square"
            ),
            Series(
                "Committed a turn",
                column(history, "game.locked_musd"),
                colour("reddish_purple"),
                "triangle",
            ),
            Series(
                "Lapsed so far",
                column(history, "game.lapsed_musd"),
                colour("vermillion"),
                "diamond",
            ),
        ]
        return plan_line_chart(
            rect, theme, "Budget, USD million", "musd", labels, series, margins=margins
        )
    offset = [math.nan] if world.opening is not None else []
    scores = offset + [r.scorecard.score if r.scorecard else math.nan for r in game.reports]
    baseline_scores = offset + [
        r.scorecard.baseline_score if r.scorecard else math.nan for r in game.reports
    ]
    series = [
        Series("You", scores, colour("sky_blue"), "circle"),
        Series("Baseline", baseline_scores, theme.palette.muted_text, "diamond", dashed=True),
    ]
    return plan_line_chart(
        rect,
        theme,
        "Score, 0 to 100 (goals met, partly met)",
        "number",
        labels,
        series if game.reports else [],
        empty="Your score appears after your first turn, beside the baseline's.",
        margins=margins,
    )


def _name(world: WorldView, key: str, fallback: str) -> str:
    nation = world.nations.get(key)
    return nation.name if nation else fallback


def _goal(game: Match, metric: str) -> tuple[float, str] | None:
    for objective in game.session.scenario.objectives:
        if objective.metric == metric:
            return objective.target, f"Goal {fmt(objective.target, 'share')}"
    return None


def _price_notes(report: object) -> str:
    """Why prices moved that turn: the report's price and control sentences."""
    sentences = [s.text for s in getattr(report, "headlines", ()) if s.kind in ("price", "control")]
    return "\n".join(dict.fromkeys(sentences[:3]))
