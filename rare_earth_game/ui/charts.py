"""Line charts over game turns, laid out once and then painted.

`plan_line_chart` works out everything a chart shows (title, legend, axis ticks scaled to
the data, each line's points and a label at its end) and the hover spots that explain each
turn; `draw_chart` only paints a plan. So the tests can check a chart's labels never collide
without drawing it, and a frame costs only the painting.

Every line has its own dash and marker shape and is named in the legend and at its end, so
a reader needs neither colour nor a key to tell lines apart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from rare_earth_game.ui import draw, text
from rare_earth_game.ui.layout import inset
from rare_earth_game.ui.numbers import fmt, short
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Colour, Theme


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: Colour
    marker: str = "circle"
    dashed: bool = False


@dataclass(frozen=True)
class Margins:
    """Room beside the plot for the value axis (left) and the line-end labels (right)."""

    left: int
    right: int


@dataclass
class ChartPlan:
    """What one chart paints; the line-chart fields stay empty for other kinds."""

    rect: pygame.Rect
    labels: list[Label] = field(default_factory=list)
    area: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    grid: list[int] = field(default_factory=list)
    legend: list[tuple[Series, tuple[int, int]]] = field(default_factory=list)
    lines: list[tuple[Series, list[tuple[float, float]]]] = field(default_factory=list)
    ends: list[tuple[Series, tuple[int, int]]] = field(default_factory=list)
    goal_y: int | None = None
    bars: list[tuple[pygame.Rect, Colour, bool, bool]] = field(default_factory=list)
    leaders: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    spots: list[Hotspot] = field(default_factory=list)


def title_labels(rect: pygame.Rect, theme: Theme, title: str) -> tuple[list[Label], int]:
    """A chart's title, wrapped to its width; returns the labels and the y below them."""
    font = theme.font("body", bold=True)
    box = inset(rect, theme.px(14), theme.px(8))
    lines = text.wrap(title, font, box.width)
    step = font.get_linesize()
    labels = [
        Label(
            words, pygame.Rect(box.x, box.y + i * step, box.width, step), font, theme.palette.text
        )
        for i, words in enumerate(lines)
    ]
    return labels, box.y + len(lines) * step


def x_of(area: pygame.Rect, index: int, count: int) -> int:
    if count <= 1:
        return area.centerx
    return area.x + round(area.width * index / (count - 1))


def nice_range(values: Sequence[float], unit: str) -> tuple[float, float, float]:
    """(low, high, step) of an axis that starts and ends near the data, in round steps;
    shares stay within 0 to 100 %."""
    finite = [v for v in values if not math.isnan(v)]
    if not finite:
        return 0.0, 1.0, 0.5
    low, high = min(finite), max(finite)
    least = 0.05 if unit == "share" else max(abs(high) * 0.1, 1e-6)
    if high - low < least:  # too flat to show: widen around the data, never zoom into noise
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    span = high - low
    step = 10 ** math.floor(math.log10(span / 2))
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= 4:
            step *= factor
            break
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if min(finite) >= 0:
        low = max(0.0, low)
    if unit == "share":
        low, high = max(0.0, low), min(1.0, high) if max(finite) <= 1 else high
    return low, high, step


def margins_for(
    theme: Theme, unit: str, series: Sequence[Series], low: float, high: float
) -> Margins:
    """Margins wide enough for this chart's axis numbers and line-end values."""
    font = theme.font("small")
    numbers = [short(low, unit), short(high, unit), short((low + high) / 2, unit)]
    left = max(font.size(n)[0] for n in numbers) + theme.px(16)
    ends = [short(float(s.values[-1]), unit) for s in series if len(s.values)]
    right = max((font.size(e)[0] for e in ends), default=0) + theme.px(34)
    return Margins(left, right)


def spread(wanted: Sequence[float], height: int, top: float, bottom: float) -> list[float] | None:
    """Centres for labels `height` tall, each as near its wanted y as it can be without
    overlapping another, all within top..bottom; None if they cannot all fit."""
    if not wanted:
        return []
    if height * len(wanted) > bottom - top:
        return None
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [min(max(wanted[i], top + height / 2), bottom - height / 2) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + height)
    overflow = placed[-1] - (bottom - height / 2)
    if overflow > 0:
        placed[-1] -= overflow
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - height)
    out = [0.0] * len(wanted)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def plan_line_chart(
    rect: pygame.Rect,
    theme: Theme,
    title: str,
    unit: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    goal: tuple[float, str] | None = None,
    notes: Sequence[str] = (),
    empty: str = "Appears after the first turn.",
    margins: Margins | None = None,
) -> ChartPlan:
    """Lay out a line chart in `rect`: one point per label, axes scaled to the data."""
    p = theme.palette
    small, bold_small = theme.font("small"), theme.font("small", bold=True)
    plan = ChartPlan(rect)
    plan.labels, y = title_labels(rect, theme, title)
    series = [s for s in series if len(s.values)]
    legend_y = _legend(plan, rect, theme, series, y + theme.px(4))
    if rect.bottom - legend_y < 5 * small.get_linesize():  # too low for a key and a plot
        plan.labels = plan.labels[: len(plan.labels) - len(plan.legend)]
        plan.legend = []
    else:
        y = legend_y
    count = len(labels)
    values = [float(v) for s in series for v in s.values[:count]]
    if goal is not None:
        values.append(goal[0])
    low, high, step = nice_range(values, unit)
    margin = margins or margins_for(theme, unit, series, low, high)
    tick_h = small.get_linesize()
    below = tick_h // 2 + theme.px(4)  # under the plot: half the lowest value's label, a gap
    area = pygame.Rect(
        rect.x + margin.left,
        y + theme.px(10) + tick_h // 2,
        max(10, rect.width - margin.left - margin.right),
        max(10, rect.bottom - y - theme.px(10) - tick_h // 2 - below - tick_h - theme.px(8)),
    )
    plan.area = area
    if count == 0 or not series:
        box = inset(area, 0)
        plan.labels.append(Label(empty, box, small, p.muted_text, "center"))
        return plan

    def y_of(value: float) -> float:
        return area.bottom - (value - low) / (high - low) * area.height

    ticks = [low + i * step for i in range(round((high - low) / step) + 1)]
    while len({short(v, unit) for v in ticks}) < len(ticks):  # no two ticks read the same
        ticks = ticks[::2]

    def crowded(values: list[float]) -> bool:
        ys = [y_of(v) for v in values]
        return any(abs(a - b) < tick_h * 1.2 for a, b in itertools.pairwise(ys))

    while len(ticks) > 1 and crowded(ticks):  # keep the top one: it says the scale
        ticks = ticks[::-2][::-1] if len(ticks) > 2 else ticks[-1:]
    for tick in ticks:
        ty = round(y_of(tick))
        plan.grid.append(ty)
        box = pygame.Rect(
            rect.x + theme.px(4), ty - tick_h // 2, margin.left - theme.px(12), tick_h
        )
        plan.labels.append(Label(short(tick, unit), box, small, p.muted_text, "right"))
    widest = max(small.size(label)[0] for label in labels) + theme.px(12)
    every = max(1, math.ceil(count / max(1, area.width // widest + 1)))
    for i in range(0, count, every):
        x = x_of(area, i, count)
        box = pygame.Rect(x - widest // 2, area.bottom + below, widest, tick_h)
        box.clamp_ip(pygame.Rect(rect.x, box.y, rect.width, box.height))
        plan.labels.append(Label(labels[i], box, small, p.muted_text, "center"))
    if goal is not None:
        plan.goal_y = round(y_of(goal[0]))
        width = bold_small.size(goal[1])[0] + theme.px(4)
        above = plan.goal_y - tick_h - theme.px(2) >= area.y
        gy = plan.goal_y - tick_h - theme.px(2) if above else plan.goal_y + theme.px(3)
        plan.labels.append(
            Label(goal[1], pygame.Rect(area.x + theme.px(6), gy, width, tick_h), bold_small, p.text)
        )
    ends: list[tuple[Series, float]] = []
    for s in series:
        points = [
            (x_of(area, i, count), y_of(float(v)))
            for i, v in enumerate(s.values[:count])
            if not math.isnan(float(v))
        ]
        if points:
            plan.lines.append((s, points))
            ends.append((s, points[-1][1]))
    _end_labels(plan, theme, ends, unit)
    plan.spots = _year_spots(area, theme, labels, series, notes, unit)
    return plan


def _legend(
    plan: ChartPlan, rect: pygame.Rect, theme: Theme, series: Sequence[Series], y: int
) -> int:
    """Each line's marker, stroke and name in rows under the title; returns the y below."""
    font = theme.font("small")
    left = rect.x + theme.px(14)
    x = left
    row = font.get_linesize() + theme.px(4)
    for s in series:
        width = theme.px(36) + font.size(s.name)[0] + theme.px(14)
        if x + width > rect.right - theme.px(10) and x > left:
            x, y = left, y + row
        plan.legend.append((s, (x, y + row // 2)))
        box = pygame.Rect(x + theme.px(34), y, width - theme.px(34), row)
        plan.labels.append(Label(s.name, box, font, theme.palette.text))
        x += width
    return y + (row if series else 0)


def _end_labels(plan: ChartPlan, theme: Theme, ends: list[tuple[Series, float]], unit: str) -> None:
    """Each line's marker and last value at its right end, spread so none overlap (left
    out altogether when the chart is too short for them; the legend still names them)."""
    font = theme.font("small")
    height = font.get_linesize()
    area = plan.area
    centres = spread([y for _, y in ends], height, area.y - height / 2, area.bottom + height / 2)
    if centres is None:
        return
    x = area.right + theme.px(10)
    for (s, _), centre in zip(ends, centres, strict=True):
        plan.ends.append((s, (x + theme.px(5), round(centre))))
        words = short(float(s.values[-1]), unit)
        box = pygame.Rect(x + theme.px(14), round(centre - height / 2), font.size(words)[0], height)
        plan.labels.append(Label(words, box, font, theme.palette.text))


def _year_spots(
    area: pygame.Rect,
    theme: Theme,
    labels: Sequence[str],
    series: Sequence[Series],
    notes: Sequence[str],
    unit: str,
) -> list[Hotspot]:
    count = len(labels)
    spots = []
    half = max(theme.px(6), area.width // max(1, 2 * (count - 1)))
    for i in range(count):
        lines = [f"{labels[i]}:"]
        lines += [f"{s.name}: {fmt(float(s.values[i]), unit)}" for s in series if i < len(s.values)]
        if i < len(notes) and notes[i]:
            lines.append(notes[i])
        x = x_of(area, i, count)
        rect = pygame.Rect(x - half, area.y, 2 * half, area.height).clip(area)
        spots.append(Hotspot(rect, "\n".join(lines)))
    return spots


def draw_chart(surface: pygame.Surface, plan: ChartPlan, theme: Theme) -> None:
    """Paint a laid-out chart (line or shares)."""
    p = theme.palette
    draw.panel(surface, plan.rect, p.card, p.border, theme.px(10))
    for y in plan.grid:
        pygame.draw.line(surface, p.raised, (plan.area.x, y), (plan.area.right, y), 1)
    if plan.goal_y is not None:
        for x in range(plan.area.x, plan.area.right, theme.px(12)):
            end = (min(plan.area.right, x + theme.px(6)), plan.goal_y)
            pygame.draw.line(surface, p.text, (x, plan.goal_y), end, 2)
    for s, (x, y) in plan.legend:
        stroke = [(x, y), (x + theme.px(26), y)]
        if s.dashed:
            _dashed(surface, s.colour, stroke, theme.px(3), theme.px(6))
        else:
            pygame.draw.line(surface, s.colour, *stroke, theme.px(3))
        draw.marker(surface, s.marker, (x + theme.px(13), y), theme.px(5), s.colour, p.card, 1)
    width = theme.px(3)
    for s, points in plan.lines:
        if len(points) > 1:
            if s.dashed:
                _dashed(surface, s.colour, points, width, theme.px(8))
            else:
                pygame.draw.lines(surface, s.colour, False, points, width)
        for point in points:
            draw.marker(surface, s.marker, point, theme.px(5), s.colour, p.card, 1)
    for s, centre in plan.ends:
        draw.marker(surface, s.marker, centre, theme.px(5), s.colour, p.card, 1)
    for rect, colour, striped, outlined in plan.bars:
        pygame.draw.rect(surface, colour, rect)
        if striped:
            draw.stripes(surface, rect, p.card)
        pygame.draw.rect(surface, p.card, rect, 2)
        if outlined:
            pygame.draw.rect(surface, p.text, rect, 3)
    for start, end in plan.leaders:
        pygame.draw.line(surface, p.muted_text, start, end, 1)
    for label in plan.labels:
        label.draw(surface)


def _dashed(
    surface: pygame.Surface,
    colour: Colour,
    points: list[tuple[float, float]],
    width: int,
    dash: int,
) -> None:
    carry = 0.0
    drawing = True
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.dist((x0, y0), (x1, y1))
        position = 0.0
        while position < length:
            run = min(dash - carry, length - position)
            if drawing:
                a = position / length
                b = (position + run) / length
                pygame.draw.line(
                    surface,
                    colour,
                    (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                    (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                    width,
                )
            position += run
            carry += run
            if carry >= dash - 1e-9:
                carry = 0.0
                drawing = not drawing
