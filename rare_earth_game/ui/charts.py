"""Charts drawn in the window: lines over game turns and stacked shares by nation.

Every line has its own dash and marker shape and is labelled at its end, so a reader
needs neither colour nor a legend to tell lines apart. Charts share `plot_area`, so the
debrief's decision timeline lines up with them year by year.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from rare_earth_game.ui import draw, text
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.theme import Colour, Theme


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: Colour
    marker: str = "circle"
    dashed: bool = False


def fmt(value: float, unit: str) -> str:
    """A number the way a student reads it."""
    if value is None or math.isnan(value):
        return "n/a"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "musd":
        return f"${value:,.0f}M" if abs(value) < 10_000 else f"${value / 1000:,.1f}B"
    if unit == "usd_kg":
        return f"${value:,.0f}/kg" if value >= 10 or value == 0 else f"${value:,.2f}/kg"
    if unit == "t":
        return f"{value:,.0f} t"
    if unit == "index":
        return f"{value:.2f}"
    return f"{value:,.0f}"


LEFT_MARGIN = 84
RIGHT_MARGIN = 86


def short(value: float, unit: str) -> str:
    """A compact number for axes and line ends (the chart's title gives the unit)."""
    if value is None or math.isnan(value):
        return "n/a"
    if unit == "usd_kg":
        return f"${value:,.0f}" if abs(value) >= 10 or value == 0 else f"${value:,.1f}"
    if unit == "musd":
        return f"${value / 1000:,.1f}B" if abs(value) >= 1000 else f"${value:,.0f}M"
    if unit == "t":
        return f"{value / 1000:,.1f}k t" if abs(value) >= 10_000 else f"{value:,.0f} t"
    return fmt(value, unit)


def plot_area(rect: pygame.Rect, theme: Theme, top: int | None = None) -> pygame.Rect:
    """The inner area where values are plotted; its left and right edges depend only on
    `rect`, so charts of the same width line up year by year."""
    left, right = theme.px(LEFT_MARGIN), theme.px(RIGHT_MARGIN)
    top = theme.px(44) if top is None else top
    bottom = theme.px(30)
    return pygame.Rect(
        rect.x + left,
        rect.y + top,
        max(10, rect.width - left - right),
        max(10, rect.height - top - bottom),
    )


def _legend(
    surface: pygame.Surface, rect: pygame.Rect, theme: Theme, series: Sequence[Series], y: int
) -> int:
    """Each line's marker, stroke and name in a row under the title; returns the y below."""
    font = theme.font("small")
    x = rect.x + theme.px(14)
    row = theme.px(24)
    for s in series:
        width = theme.px(34) + font.size(s.name)[0] + theme.px(18)
        if x + width > rect.right - theme.px(10) and x > rect.x + theme.px(14):
            x = rect.x + theme.px(14)
            y += row
        mid = y + row // 2
        if s.dashed:
            _dashed(
                surface, s.colour, [(x, mid), (x + theme.px(26), mid)], theme.px(3), theme.px(6)
            )
        else:
            pygame.draw.line(surface, s.colour, (x, mid), (x + theme.px(26), mid), theme.px(3))
        draw.marker(
            surface, s.marker, (x + theme.px(13), mid), theme.px(5), s.colour, theme.palette.card, 1
        )
        box = pygame.Rect(x + theme.px(32), y, width - theme.px(32), row)
        text.line(surface, s.name, font, theme.palette.text, box)
        x += width
    return y + row


def x_of(area: pygame.Rect, index: int, count: int) -> int:
    if count <= 1:
        return area.centerx
    return area.x + round(area.width * index / (count - 1))


def _nice_range(values: list[float], unit: str) -> tuple[float, float]:
    finite = [v for v in values if not math.isnan(v)]
    if not finite:
        return 0.0, 1.0
    low, high = min(finite), max(finite)
    if unit == "share":
        return 0.0, max(1.0, high)
    low = min(0.0, low)
    if high - low < 1e-9:
        high = low + (abs(low) or 1.0)
    span = high - low
    step = 10 ** math.floor(math.log10(span / 2))
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= 4:
            step *= factor
            break
    return math.floor(low / step) * step, math.ceil(high / step) * step


def line_chart(
    surface: pygame.Surface,
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
) -> list[Hotspot]:
    """A line chart; returns hover spots that explain each year's values."""
    p = theme.palette
    draw.panel(surface, rect, p.card, p.border, theme.px(10))
    head = pygame.Rect(
        rect.x + theme.px(14), rect.y + theme.px(8), rect.width - theme.px(28), theme.px(28)
    )
    text.line(
        surface,
        text.ellipsize(title, theme.font("body", bold=True), head.width),
        theme.font("body", bold=True),
        p.text,
        head,
    )
    count = len(labels)
    legend_bottom = _legend(surface, rect, theme, series, rect.y + theme.px(38))
    area = plot_area(rect, theme, legend_bottom - rect.y + theme.px(12))
    if count == 0 or not any(len(s.values) for s in series):
        text.line(surface, empty, theme.font("small"), p.muted_text, area, "center")
        return []
    values = [v for s in series for v in s.values]
    if goal is not None:
        values.append(goal[0])
    low, high = _nice_range([float(v) for v in values], unit)

    def y_of(value: float) -> float:
        return area.bottom - (value - low) / (high - low) * area.height

    small = theme.font("small")
    for tick in (low, (low + high) / 2, high):
        y = round(y_of(tick))
        pygame.draw.line(surface, p.raised, (area.x, y), (area.right, y), 1)
        box = pygame.Rect(
            rect.x + theme.px(4), y - theme.px(11), area.x - rect.x - theme.px(10), theme.px(22)
        )
        text.line(surface, short(tick, unit), small, p.muted_text, box, "right")
    step = max(1, math.ceil(count / max(1, area.width // theme.px(64))))
    for i in range(0, count, step):
        x = x_of(area, i, count)
        box = pygame.Rect(x - theme.px(32), area.bottom + theme.px(4), theme.px(64), theme.px(22))
        text.line(surface, labels[i], small, p.muted_text, box, "center")
    if goal is not None:
        y = round(y_of(goal[0]))
        for x in range(area.x, area.right, theme.px(12)):
            pygame.draw.line(surface, p.text, (x, y), (min(area.right, x + theme.px(6)), y), 2)
        box = pygame.Rect(area.x + theme.px(6), y - theme.px(24), area.width // 2, theme.px(22))
        text.line(surface, goal[1], theme.font("small", bold=True), p.text, box)
    ends: list[tuple[float, Series]] = []
    for s in series:
        points = [
            (x_of(area, i, count), y_of(float(v)))
            for i, v in enumerate(s.values[:count])
            if not math.isnan(float(v))
        ]
        if not points:
            continue
        width = theme.px(3)
        if len(points) > 1:
            if s.dashed:
                _dashed(surface, s.colour, points, width, theme.px(8))
            else:
                pygame.draw.lines(surface, s.colour, False, points, width)
        for point in points:
            draw.marker(surface, s.marker, point, theme.px(5), s.colour, p.card, 1)
        ends.append((points[-1][1], s))
    _end_labels(surface, rect, area, theme, ends, unit)
    spots = []
    for i in range(count):
        x = x_of(area, i, count)
        lines = [f"{labels[i]}:"]
        for s in series:
            if i < len(s.values):
                lines.append(f"{s.name}: {fmt(float(s.values[i]), unit)}")
        if i < len(notes) and notes[i]:
            lines.append(notes[i])
        half = max(theme.px(6), area.width // max(1, 2 * (count - 1)))
        spots.append(
            Hotspot(pygame.Rect(x - half, area.y, 2 * half, area.height), "\n".join(lines))
        )
    return spots


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


def _end_labels(
    surface: pygame.Surface,
    rect: pygame.Rect,
    area: pygame.Rect,
    theme: Theme,
    ends: list[tuple[float, Series]],
    unit: str,
) -> None:
    """Each line's marker and last value at its right end, nudged apart so none overlap."""
    font = theme.font("small")
    height = theme.px(20)
    placed: list[float] = []
    for y0, _ in sorted(ends, key=lambda e: e[0]):
        y = max(y0, placed[-1] + height) if placed else y0
        y = min(y, rect.bottom - height)
        placed.append(y)
    for (_, s), y in zip(sorted(ends, key=lambda e: e[0]), placed, strict=True):
        x = area.right + theme.px(10)
        draw.marker(
            surface, s.marker, (x + theme.px(5), y), theme.px(5), s.colour, theme.palette.card, 1
        )
        box = pygame.Rect(
            x + theme.px(14), round(y - height / 2), rect.right - x - theme.px(18), height
        )
        value = short(float(s.values[-1]), unit) if len(s.values) else ""
        text.line(surface, text.ellipsize(value, font, box.width), font, theme.palette.text, box)


def share_bars(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    title: str,
    rows: Sequence[tuple[str, dict[str, float]]],
    names: dict[str, str],
    colours: dict[str, Colour],
    emphasis: str,
) -> list[Hotspot]:
    """One bar per stage, split by producing nation, largest first; small ones grouped."""
    p = theme.palette
    draw.panel(surface, rect, p.card, p.border, theme.px(10))
    bold = theme.font("body", bold=True)
    head = pygame.Rect(
        rect.x + theme.px(14), rect.y + theme.px(8), rect.width - theme.px(28), theme.px(28)
    )
    text.line(surface, text.ellipsize(title, bold, head.width), bold, p.text, head)
    small = theme.font("small")
    label_width = theme.px(104)
    top = rect.y + theme.px(44)
    row_height = max(theme.px(26), (rect.bottom - top - theme.px(10)) // max(1, len(rows)))
    spots = []
    if not any(shares for _, shares in rows):
        text.line(
            surface,
            "Appears after the first turn.",
            small,
            p.muted_text,
            pygame.Rect(rect.x, top, rect.width, row_height),
            "center",
        )
        return []
    for i, (stage, shares) in enumerate(rows):
        y = top + i * row_height
        text.line(
            surface,
            stage,
            small,
            p.text,
            pygame.Rect(
                rect.x + theme.px(14), y, label_width - theme.px(8), row_height - theme.px(8)
            ),
        )
        bar = pygame.Rect(
            rect.x + theme.px(14) + label_width,
            y + theme.px(2),
            rect.width - label_width - theme.px(28),
            row_height - theme.px(12),
        )
        ordered = sorted(shares.items(), key=lambda kv: -kv[1])
        big = [(n, v) for n, v in ordered if v >= 0.06]
        rest = sum(v for n, v in ordered if v < 0.06)
        if rest > 0:
            big.append(("", rest))
        x = bar.x
        for nation, share in big:
            width = round(bar.width * share)
            segment = pygame.Rect(x, bar.y, max(1, width), bar.height)
            colour = colours.get(nation, p.raised) if nation else p.raised
            pygame.draw.rect(surface, colour, segment)
            pygame.draw.rect(surface, p.card, segment, 2)
            name = names.get(nation, nation) if nation else "Others"
            label = f"{name} {share:.0%}"
            ink = (10, 14, 20) if sum(colour) > 380 else (250, 250, 250)
            if nation == emphasis:
                pygame.draw.rect(surface, p.text, segment, 3)
            if small.size(label)[0] <= width - theme.px(8):
                text.line(surface, label, small, ink, segment.inflate(-theme.px(6), 0), "center")
            elif small.size(f"{share:.0%}")[0] <= width - theme.px(6):
                text.line(
                    surface, f"{share:.0%}", small, ink, segment.inflate(-theme.px(4), 0), "center"
                )
            spots.append(Hotspot(segment, f"{stage}: {name} makes {share:.0%} of world output."))
            x += width
    return spots
