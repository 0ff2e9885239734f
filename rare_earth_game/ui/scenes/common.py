"""Pieces several screens share: the page frame, headings, and a waiting overlay."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import pygame

from rare_earth_game.ui import draw, text
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Theme
from rare_earth_game.ui.worldmap import countries


def backdrop(surface: pygame.Surface, theme: Theme) -> None:
    """The title pages' background: a dim world map, drawn once per size and palette."""
    key = (surface.get_size(), theme.palette.name)
    cached = _backdrops.get(key)
    if cached is None:
        cached = pygame.Surface(surface.get_size())
        p = theme.palette
        cached.fill(p.bg)
        width, height = surface.get_size()
        for country in countries():
            for ring in country.rings:
                points = [(u * width, 0.08 * height + v * width / 2.1) for u, v in ring]
                if len(points) > 2:
                    pygame.draw.polygon(cached, p.panel, points)
                    pygame.draw.polygon(cached, p.card, points, 1)
        _backdrops.clear()
        _backdrops[key] = cached
    surface.blit(cached, (0, 0))


_backdrops: dict[tuple[tuple[int, int], str], pygame.Surface] = {}


COMPACT_HEIGHT = 500
"""Below this logical height, headings use smaller type."""


@dataclass(frozen=True)
class Heading:
    """A page's title and subtitle at the top left, laid out, with a rule under them."""

    labels: tuple[Label, ...]
    rule: tuple[tuple[int, int], tuple[int, int]]
    bottom: int  # the y below the rule, where the page's content may start
    actions: pygame.Rect  # the room left at the right of the title for the page's buttons

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        for label in self.labels:
            label.draw(surface)
        pygame.draw.line(surface, theme.palette.border, *self.rule, 1)


def heading(
    theme: Theme, size: tuple[int, int], title: str, subtitle: str = "", right: int = 0
) -> Heading:
    """Lay out a page heading across a window of `size`, leaving `right` pixels free at the
    right (for buttons on the title's row); on a low screen the type is smaller."""
    p = theme.palette
    compact = size[1] / theme.scale < COMPACT_HEIGHT
    x, y = theme.px(28), theme.px(10 if compact else 16)
    room = size[0] - 2 * x - right
    font = theme.font("large" if compact else "title", bold=True)
    if font.size(title)[0] > room:
        font = theme.font("large", bold=True)
    labels = []
    for line in text.wrap(title, font, room):
        labels.append(Label(line, pygame.Rect(x, y, room, font.get_linesize()), font, p.text))
        y += font.get_linesize()
    body = theme.font("small" if compact else "body")
    for line in text.wrap(subtitle, body, room) if subtitle else []:
        labels.append(Label(line, pygame.Rect(x, y, room, body.get_linesize()), body, p.muted_text))
        y += body.get_linesize()
    actions = pygame.Rect(size[0] - x - right, theme.px(10 if compact else 16), right, theme.px(46))
    if right:
        y = max(y, actions.bottom)
    y += theme.px(6)
    rule = ((x, y), (size[0] - x, y))
    return Heading(tuple(labels), rule, y + theme.px(10 if compact else 12), actions)


def waiting(
    surface: pygame.Surface, theme: Theme, title: str, detail: str, share: float | None
) -> None:
    """Dim the screen and show what is being worked on, with progress or a spinner."""
    p = theme.palette
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((*p.bg, 200))
    surface.blit(veil, (0, 0))
    box = pygame.Rect(0, 0, theme.px(520), theme.px(190))
    box.center = surface.get_rect().center
    draw.panel(surface, box, p.panel, p.accent, theme.px(14), 2)
    inner = box.inflate(-theme.px(48), -theme.px(40))
    big = theme.font("large", bold=True)
    text.line(
        surface, title, big, p.text, pygame.Rect(inner.x, inner.y, inner.width, big.get_height())
    )
    text.line(
        surface,
        detail,
        theme.font("body"),
        p.muted_text,
        pygame.Rect(inner.x, inner.y + theme.px(40), inner.width, theme.px(28)),
    )
    bar = pygame.Rect(inner.x, inner.bottom - theme.px(30), inner.width, theme.px(22))
    if share is not None:
        draw.meter(surface, bar, share, theme, p.accent, ())
    else:
        pygame.draw.rect(surface, p.card, bar, border_radius=bar.height // 2)
        phase = (time.perf_counter() * 0.8) % 1.0
        width = bar.width // 4
        x = bar.x + round((bar.width - width) * (0.5 - 0.5 * math.cos(phase * 2 * math.pi)))
        pygame.draw.rect(
            surface, p.accent, (x, bar.y, width, bar.height), border_radius=bar.height // 2
        )
        pygame.draw.rect(surface, p.border, bar, 1, border_radius=bar.height // 2)


def error_box(surface: pygame.Surface, theme: Theme, message: str, rect: pygame.Rect) -> None:
    p = theme.palette
    draw.panel(surface, rect, p.card, p.bad_text, theme.px(10), 2)
    inner = rect.inflate(-theme.px(24), -theme.px(16))
    text.paragraph(surface, message, theme.font("body"), p.text, inner)
