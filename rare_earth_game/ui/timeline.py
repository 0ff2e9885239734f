"""The debrief's decision timeline: every decision named at its year, none overlapping.

Each decision is its pillar's marker and its card's name (wrapped to two lines where
needed), placed at its year's x, the same x as that year's point on the charts below. Labels
go into the first lane where they overlap nothing. `plan_page` lays out the whole page (the
lanes over one or two charts that share their years); the debrief screen scrolls the lanes
when they are taller than its room, the printed export gives them all the room they need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import draw, layout, text
from rare_earth_game.ui.charts import ChartPlan, Margins, draw_chart, x_of
from rare_earth_game.ui.game_charts import chart_plan
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Theme

if TYPE_CHECKING:
    from rare_earth_game.ui.debrief import Decision
    from rare_earth_game.ui.match import Match

PILLAR_SHAPES = {
    "domestic": "triangle",
    "allies": "circle",
    "batteries": "square",
    "trade": "diamond",
    "stockpile_recycling": "hexagon",
}
PILLAR_NAMES = {
    "domestic": "Domestic",
    "allies": "Allies",
    "batteries": "Batteries",
    "trade": "Trade",
    "stockpile_recycling": "Stockpile",
}


@dataclass(frozen=True)
class Decided:
    """A decision to place: its year's x, name, pillar, and whether it was carried out."""

    x: int
    title: str
    pillar: str
    accepted: bool
    tip: str


@dataclass
class TimelinePlan:
    labels: list[Label] = field(default_factory=list)
    markers: list[tuple[str, tuple[int, int], bool]] = field(
        default_factory=list
    )  # shape, centre, done
    ticks: list[int] = field(default_factory=list)  # each year's x
    spots: list[Hotspot] = field(default_factory=list)
    height: int = 0  # what the lanes take, from the plan's top


def plan_timeline(
    rect: pygame.Rect, theme: Theme, decisions: Sequence[Decided], years: Sequence[int]
) -> TimelinePlan:
    """Place `decisions` in lanes inside `rect` (its height is a maximum)."""
    p = theme.palette
    font = theme.font("small")
    line = font.get_linesize()
    gap = theme.px(10)
    marker_w = theme.px(18)
    span = min(
        rect.width,
        max(theme.px(150), (years[1] - years[0]) - gap if len(years) > 1 else rect.width),
    )
    plan = TimelinePlan(ticks=list(years))
    lanes: list[list[pygame.Rect]] = []
    lane_h = 2 * line + theme.px(6)
    for decided in decisions:
        words = decided.title if decided.accepted else f"Refused: {decided.title}"
        lines = text.wrap(words, font, span - marker_w)[:2]
        width = marker_w + max(font.size(w)[0] for w in lines)
        box = pygame.Rect(decided.x - theme.px(8), 0, width, len(lines) * line)
        box.x = max(rect.x, min(box.x, rect.right - box.width))
        lane = next(
            (
                i
                for i, placed in enumerate(lanes)
                if all(box.right + gap <= b.x or b.right + gap <= box.x for b in placed)
            ),
            None,
        )
        if lane is None:
            lanes.append([])
            lane = len(lanes) - 1
        box.y = rect.y + lane * lane_h
        lanes[lane].append(box)
        colour = p.text if decided.accepted else p.muted_text
        for i, words_line in enumerate(lines):
            at = pygame.Rect(box.x + marker_w, box.y + i * line, box.width - marker_w, line)
            plan.labels.append(Label(words_line, at, font, colour))
        shape = PILLAR_SHAPES.get(decided.pillar, "circle")
        plan.markers.append((shape, (box.x + theme.px(8), box.y + line // 2), decided.accepted))
        plan.spots.append(Hotspot(box, decided.tip))
    plan.height = len(lanes) * lane_h
    return plan


def plan_legend(rect: pygame.Rect, theme: Theme) -> TimelinePlan:
    """Each pillar's marker and name in a row (wrapping), from `rect`'s top left."""
    font = theme.font("small")
    line = font.get_linesize()
    plan = TimelinePlan()
    x, y = rect.x, rect.y
    for pillar, shape in PILLAR_SHAPES.items():
        width = theme.px(18) + font.size(PILLAR_NAMES[pillar])[0] + theme.px(14)
        if x + width > rect.right and x > rect.x:
            x, y = rect.x, y + line
        plan.markers.append((shape, (x + theme.px(8), y + line // 2), True))
        box = pygame.Rect(x + theme.px(18), y, width - theme.px(32), line)
        plan.labels.append(Label(PILLAR_NAMES[pillar], box, font, theme.palette.text))
        x += width
    plan.height = y + line - rect.y
    return plan


@dataclass
class DecisionsPage:
    """The timeline page: a box with a title, the pillars' legend and the lanes, and the
    charts under it. The lanes are in their own coordinates (y from the lanes' top)."""

    box: pygame.Rect
    title: Label
    legend: TimelinePlan
    lanes: TimelinePlan
    lanes_rect: pygame.Rect  # where the lanes show on screen
    charts: list[ChartPlan]


def placed(decision: Decision, x: int) -> Decided:
    """A decision for the timeline, at its year's x."""
    verdict = "" if decision.accepted else " (refused)"
    return Decided(
        x,
        decision.title,
        decision.pillar,
        decision.accepted,
        f"{decision.date}: {decision.title}{verdict}. {decision.message}",
    )


def plan_page(
    game: Match,
    theme: Theme,
    body: pygame.Rect,
    names: Sequence[str],
    decisions: Sequence[Decision],
    lanes_room: int | None = None,
) -> DecisionsPage:
    """Lay out the decisions over the named charts (none: the decisions alone) in `body`;
    `lanes_room` caps the lanes' height (None: as tall as they need)."""
    t = theme
    p = t.palette
    # the charts' horizontal geometry first, so the decisions line up with their years
    trial = [
        chart_plan(n, game, t, pygame.Rect(body.x, 0, body.width, t.px(400)))
        for n in names or ["prices"]
    ]
    margins = Margins(
        max(c.area.x - body.x for c in trial), max(body.right - c.area.right for c in trial)
    )
    area = trial[0].area
    world = game.world
    offset = 1 if world.opening is not None else 0
    count = len(world.history) + offset
    years = [x_of(area, i, count) for i in range(count)]
    bold, small = t.font("body", bold=True), t.font("small")
    inner = layout.inset(body, t.px(14), t.px(8))
    title = Label(
        "Your decisions, year by year",
        pygame.Rect(inner.x, inner.y, inner.width, bold.get_linesize()),
        bold,
        p.text,
    )
    legend = plan_legend(pygame.Rect(inner.x, title.rect.bottom, inner.width, 0), t)
    decided = [placed(d, years[d.turn + offset]) for d in decisions if d.turn + offset < count]
    lanes = plan_timeline(
        pygame.Rect(area.x - t.px(8), 0, body.right - area.x, 0), t, decided, years
    )
    if not decided:
        line = small.get_linesize()
        box = pygame.Rect(inner.x, 0, inner.width, line)
        lanes.labels.append(Label("You made no moves in this game.", box, small, p.muted_text))
        lanes.height = line
    top = legend.height + title.rect.bottom + t.px(8)
    least = min(lanes.height, 2 * (2 * small.get_linesize() + t.px(6)))  # two lanes at least
    height = lanes.height if lanes_room is None else max(least, min(lanes.height, lanes_room))
    lanes_rect = pygame.Rect(body.x + 2, top, body.width - 4, height)
    box = pygame.Rect(body.x, body.y, body.width, lanes_rect.bottom + t.px(8) - body.y)
    rest = pygame.Rect(
        body.x, box.bottom + t.px(10), body.width, body.bottom - box.bottom - t.px(10)
    )
    if len(names) == 2:
        cells: Sequence[pygame.Rect] = layout.cut_top(rest, (rest.height - t.px(10)) // 2, t.px(10))
    else:
        cells = (rest,) * len(names)
    good = world.key_goods[0] if world.key_goods else None
    charts = [chart_plan(n, game, t, r, good, margins) for n, r in zip(names, cells, strict=True)]
    return DecisionsPage(box, title, legend, lanes, lanes_rect, charts)


def paint_page(
    surface: pygame.Surface, page: DecisionsPage, theme: Theme, scrolled: int = 0
) -> None:
    """Paint a laid-out timeline page, its lanes scrolled up by `scrolled` pixels."""
    p = theme.palette
    if page.box.height == 0:  # a chart alone
        for chart in page.charts:
            draw_chart(surface, chart, theme)
        return
    draw.panel(surface, page.box, p.card, p.border, theme.px(10))
    page.title.draw(surface)
    _paint(surface, page.legend, theme, 0)
    clip = surface.get_clip()
    view = page.lanes_rect
    surface.set_clip(view.clip(clip) if clip else view)
    for x in page.lanes.ticks:
        pygame.draw.line(surface, p.raised, (x, view.y), (x, view.bottom), 1)
    _paint(surface, page.lanes, theme, view.y - scrolled)
    surface.set_clip(clip)
    for chart in page.charts:
        draw_chart(surface, chart, theme)


def _paint(surface: pygame.Surface, plan: TimelinePlan, theme: Theme, dy: int) -> None:
    p = theme.palette
    for shape, (x, y), done in plan.markers:
        colour = p.accent if done else p.muted_text
        draw.marker(surface, shape, (x, y + dy), theme.px(7), colour, p.bg, 1)
    for label in plan.labels:
        Label(label.words, label.rect.move(0, dy), label.font, label.colour).draw(surface)
