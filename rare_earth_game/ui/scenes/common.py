"""Pieces several screens share: the page frame, headings, and a waiting overlay."""

from __future__ import annotations

import math
import time

import pygame

from rare_earth_game.ui import draw, text
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


def heading(surface: pygame.Surface, theme: Theme, title: str, subtitle: str = "") -> int:
    """A page title and subtitle at the top left; returns the y below them."""
    p = theme.palette
    x, y = theme.px(40), theme.px(26)
    width = surface.get_width() - 2 * x
    font = theme.font("title", bold=True)
    text.line(surface, title, font, p.text, pygame.Rect(x, y, width, font.get_height()))
    y += font.get_height() + theme.px(4)
    if subtitle:
        small = theme.font("body")
        y += text.paragraph(
            surface, subtitle, small, p.muted_text, pygame.Rect(x, y, width, theme.px(60))
        )
    pygame.draw.line(surface, p.border, (x, y + theme.px(8)), (x + width, y + theme.px(8)), 1)
    return y + theme.px(20)


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
