"""Small drawing helpers shared by scenes: panels, icons by shape, meters, tooltips.

Icons are geometric shapes rather than font glyphs (the font has no arrows or symbols), and
each kind of thing has its own shape, so nothing is told by colour alone.
"""

from __future__ import annotations

import math

import pygame

from rare_earth_game.ui import text
from rare_earth_game.ui.theme import Colour, Theme


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: Colour,
    border: Colour | None = None,
    radius: int = 10,
    width: int = 1,
) -> None:
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width, border_radius=radius)


def polygon_points(shape: str, center: tuple[float, float], r: float) -> list[tuple[float, float]]:
    """Outline of a marker shape of radius r."""
    x, y = center
    sides = {"triangle": 3, "square": 4, "diamond": 4, "pentagon": 5, "hexagon": 6, "octagon": 8}
    if shape == "triangle_down":
        return [(x - r, y - r * 0.7), (x + r, y - r * 0.7), (x, y + r)]
    if shape == "triangle":
        return [(x, y - r), (x + r, y + r * 0.7), (x - r, y + r * 0.7)]
    if shape == "square":
        s = r * 0.85
        return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    if shape == "star":
        points = []
        for i in range(10):
            radius = r if i % 2 == 0 else r * 0.45
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
        return points
    n = sides.get(shape, 24)
    offset = 0.0 if shape == "diamond" else math.pi / n if n in (4, 8) else -math.pi / 2
    return [
        (
            x + r * math.cos(offset + 2 * math.pi * i / n),
            y + r * math.sin(offset + 2 * math.pi * i / n),
        )
        for i in range(n)
    ]


def marker(
    surface: pygame.Surface,
    shape: str,
    center: tuple[float, float],
    r: float,
    fill: Colour | None,
    outline: Colour,
    width: int = 2,
) -> None:
    """A filled (or hollow, when `fill` is None) shape with an outline."""
    points = polygon_points(shape, center, r)
    if fill is not None:
        pygame.draw.polygon(surface, fill, points)
    pygame.draw.polygon(surface, outline, points, width)


def trend(
    surface: pygame.Surface, up: bool, center: tuple[float, float], r: float, colour: Colour
) -> None:
    """An up or down triangle: direction of a change, shown by shape, not only colour."""
    pygame.draw.polygon(
        surface, colour, polygon_points("triangle" if up else "triangle_down", center, r)
    )


ICON_SHAPES = {
    "control": "octagon",
    "price": "diamond",
    "event": "circle",
    "facility": "square",
    "project": "star",
    "ai": "triangle",
    "action": "pentagon",
    "market": "hexagon",
}
"""Turn-report sentence kinds and the shape that marks them."""
ICON_LETTERS = {
    "control": "!",
    "price": "$",
    "event": "i",
    "facility": "F",
    "project": "+",
    "ai": "A",
    "action": "Y",
    "market": "M",
}


def sentence_icon(
    surface: pygame.Surface, kind: str, center: tuple[int, int], theme: Theme, colour: Colour
) -> None:
    r = theme.px(12)
    marker(surface, ICON_SHAPES.get(kind, "circle"), center, r, colour, theme.palette.bg, 2)
    letter = ICON_LETTERS.get(kind, "")
    if letter and kind != "project":
        font = theme.font("small", bold=True)
        image = text.render(font, letter, (10, 14, 20))
        surface.blit(image, image.get_rect(center=center))


def meter(
    surface: pygame.Surface,
    rect: pygame.Rect,
    value: float,
    theme: Theme,
    fill: Colour,
    ticks: tuple[float, ...] = (0.25, 0.5, 0.75),
) -> None:
    """A horizontal 0..1 bar with tick marks, so its level reads without colour."""
    p = theme.palette
    pygame.draw.rect(surface, p.card, rect, border_radius=rect.height // 2)
    filled = rect.copy()
    filled.width = max(rect.height, round(rect.width * max(0.0, min(1.0, value))))
    pygame.draw.rect(surface, fill, filled, border_radius=rect.height // 2)
    for t in ticks:
        x = rect.x + round(rect.width * t)
        pygame.draw.line(surface, p.bg, (x, rect.y), (x, rect.bottom - 1), 2)
    pygame.draw.rect(surface, p.border, rect, 1, border_radius=rect.height // 2)


def tooltip(surface: pygame.Surface, body: str, anchor: tuple[int, int], theme: Theme) -> None:
    """A wrapped tooltip near `anchor`, kept inside the window."""
    p = theme.palette
    font = theme.font("small")
    width = min(theme.px(420), surface.get_width() - theme.px(20))
    pad = theme.px(12)
    height = text.measure(body, font, width - 2 * pad) + 2 * pad
    box = pygame.Rect(anchor[0] + theme.px(16), anchor[1] + theme.px(16), width, height)
    if box.right > surface.get_width() - 4:
        box.right = anchor[0] - theme.px(8)
    if box.bottom > surface.get_height() - 4:
        box.bottom = anchor[1] - theme.px(8)
    box.clamp_ip(surface.get_rect())
    shadow = box.move(theme.px(3), theme.px(3))
    pygame.draw.rect(surface, (0, 0, 0), shadow, border_radius=theme.px(8))
    panel(surface, box, p.card, p.text, theme.px(8), 2)
    text.paragraph(surface, body, font, p.text, box.inflate(-2 * pad, -2 * pad).move(0, 0))


def stripes(surface: pygame.Surface, rect: pygame.Rect, colour: Colour, step: int = 6) -> None:
    """Diagonal stripes over `rect`: the adversary's pattern, so its areas read without
    colour (on the map, its legend and the share bars alike)."""
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for dx in range(-rect.height, rect.width, max(3, step)):
        start = (rect.x + dx, rect.bottom)
        end = (rect.x + dx + rect.height, rect.y)
        pygame.draw.line(surface, colour, start, end, 1)
    surface.set_clip(clip)


def paused_veil(surface: pygame.Surface, theme: Theme) -> None:
    """The whole window dimmed, with the pause said in type the back row can read."""
    p = theme.palette
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((*p.bg, 225))
    surface.blit(veil, (0, 0))
    big = theme.font("title", bold=True)
    body = theme.font("large")
    area = surface.get_rect()
    first = pygame.Rect(0, area.centery - big.get_linesize(), area.width, big.get_linesize())
    second = pygame.Rect(0, first.bottom + theme.px(8), area.width, body.get_linesize())
    text.line(surface, "Paused by your teacher", big, p.text, first, "center")
    text.line(surface, "Eyes to the front, please.", body, p.muted_text, second, "center")
