"""Rectangle arithmetic for laying screens out from the window's size and the UI scale.

Scenes never place things at fixed pixel positions: they cut the window into regions with
these helpers, so the same code fits 1024×600 at 1× and 1280×720 at 2× (a 640×360 screen
in 1× units). `logical` tells a scene how big the window is in those units, which is what
decides between its roomy and its compact arrangement.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from rare_earth_game.ui.theme import Theme

MIN_LOGICAL = (640, 360)
"""The smallest window, in 1× units, that every scene lays out in (1280×720 at 2×)."""


def logical(theme: Theme, size: tuple[int, int]) -> tuple[float, float]:
    """The window's size in 1× units."""
    return size[0] / theme.scale, size[1] / theme.scale


def inset(rect: pygame.Rect, x: int, y: int | None = None) -> pygame.Rect:
    """`rect` shrunk by `x` on the left and right and `y` (default `x`) top and bottom."""
    y = x if y is None else y
    return pygame.Rect(
        rect.x + x, rect.y + y, max(0, rect.width - 2 * x), max(0, rect.height - 2 * y)
    )


def cut_top(rect: pygame.Rect, height: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    """(a strip `height` tall at the top, what is left below it after `gap`)."""
    height = min(height, rect.height)
    top = pygame.Rect(rect.x, rect.y, rect.width, height)
    rest = pygame.Rect(rect.x, top.bottom + gap, rect.width, max(0, rect.height - height - gap))
    return top, rest


def cut_bottom(rect: pygame.Rect, height: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    """(what is left above after `gap`, a strip `height` tall at the bottom)."""
    height = min(height, rect.height)
    bottom = pygame.Rect(rect.x, rect.bottom - height, rect.width, height)
    rest = pygame.Rect(rect.x, rect.y, rect.width, max(0, rect.height - height - gap))
    return rest, bottom


def cut_left(rect: pygame.Rect, width: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    """(a column `width` wide at the left, what is left to its right after `gap`)."""
    width = min(width, rect.width)
    left = pygame.Rect(rect.x, rect.y, width, rect.height)
    rest = pygame.Rect(left.right + gap, rect.y, max(0, rect.width - width - gap), rect.height)
    return left, rest


def cut_right(rect: pygame.Rect, width: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    """(what is left to the left after `gap`, a column `width` wide at the right)."""
    width = min(width, rect.width)
    right = pygame.Rect(rect.right - width, rect.y, width, rect.height)
    rest = pygame.Rect(rect.x, rect.y, max(0, rect.width - width - gap), rect.height)
    return rest, right


def columns(rect: pygame.Rect, weights: Sequence[float], gap: int) -> list[pygame.Rect]:
    """Side-by-side columns sharing the width in proportion to `weights`."""
    room = rect.width - gap * (len(weights) - 1)
    total = sum(weights)
    out, x = [], rect.x
    for i, weight in enumerate(weights):
        width = rect.right - x if i == len(weights) - 1 else round(room * weight / total)
        out.append(pygame.Rect(x, rect.y, max(0, width), rect.height))
        x += width + gap
    return out


def flow(
    rect: pygame.Rect, widths: Sequence[int], height: int, gap: int
) -> tuple[list[pygame.Rect], int]:
    """Items `height` tall placed left to right, wrapping onto new rows, each at most the
    row's width; returns their rectangles and the height they take."""
    out: list[pygame.Rect] = []
    x, y = rect.x, rect.y
    for width in widths:
        width = min(width, rect.width)
        if x > rect.x and x + width > rect.right:
            x, y = rect.x, y + height + gap
        out.append(pygame.Rect(x, y, width, height))
        x += width + gap
    used = (y + height - rect.y) if out else 0
    return out, used


def grid(rect: pygame.Rect, count: int, per_row: int, height: int, gap: int) -> list[pygame.Rect]:
    """`count` cells of equal width, `per_row` to a row, `height` tall, rows from the top."""
    per_row = max(1, min(per_row, count))
    width = (rect.width - gap * (per_row - 1)) // per_row
    return [
        pygame.Rect(
            rect.x + (i % per_row) * (width + gap),
            rect.y + (i // per_row) * (height + gap),
            width,
            height,
        )
        for i in range(count)
    ]


def fit(font: pygame.font.Font, options: Sequence[str], room: int) -> str:
    """The first (longest) wording that fits `room` pixels; the last one if none does."""
    for words in options:
        if font.size(words)[0] <= room:
            return words
    return options[-1]


def choices(
    theme: Theme,
    area: pygame.Rect,
    wordings: Sequence[Sequence[str]],
    height: int,
    gap: int,
    object_id: str | None = None,
) -> tuple[list[pygame.Rect], int]:
    """Cells for a row of option buttons, each with wordings from longest to shortest: one
    row of equal cells if every option fits one in some wording, else the options flowed
    onto as many rows as their shortest wordings need. Returns the cells and their height."""
    count = len(wordings)
    cell = (area.width - gap * (count - 1)) // max(1, count)
    if all(theme.button_width(w[-1], object_id) <= cell for w in wordings):
        row = pygame.Rect(area.x, area.y, area.width, height)
        return columns(row, [1] * count, gap), height
    widths = [min(area.width, theme.button_width(w[-1], object_id)) for w in wordings]
    return flow(area, widths, height, gap)


def fit_lines(font: pygame.font.Font, options: Sequence[str], width: int, lines: int) -> str:
    """The first wording that wraps into at most `lines` lines `width` wide (else the last)."""
    for words in options:
        if len(wrap_words(words, font, width)) <= lines:
            return words
    return options[-1]


def wrap_words(words: str, font: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap (the same rule as `text.wrap`, without importing the drawing code)."""
    out: list[str] = []
    line = ""
    for word in words.split(" "):
        candidate = f"{line} {word}" if line else word
        if font.size(candidate)[0] <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    return [*out, line]
