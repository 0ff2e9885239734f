"""Text on custom-drawn panels: wrapping, alignment, and a record of anything that overflows.

Every helper here knows the box it must stay inside. When text does not fit it is still
drawn (clipped), and the miss is recorded in `OVERFLOWS`, which the layout tests read at
each UI scale: a projector setting must never hide words silently. With `RECORD` on (the
tests turn it on), every line drawn on the window is also noted in `INKS`, so the tests can
tell when text runs into other text or into a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Overflow:
    text: str
    box: tuple[int, int, int, int]
    needed: tuple[int, int]


@dataclass(frozen=True)
class Label:
    """Words laid out at a place, to be painted with `line`: the unit of custom layouts."""

    words: str
    rect: pygame.Rect
    font: pygame.font.Font
    colour: Colour
    align: str = "left"

    def draw(self, surface: pygame.Surface) -> None:
        line(surface, self.words, self.font, self.colour, self.rect, self.align)


@dataclass(frozen=True)
class Ink:
    text: str
    rect: tuple[int, int, int, int]


OVERFLOWS: list[Overflow] = []
"""Text that did not fit its box since the list was last cleared."""

RECORD = False
"""When True, lines drawn on the window are noted in `INKS` (a test diagnostic)."""

INKS: list[Ink] = []
"""The window's lines of text since the frame began (only with `RECORD`)."""

SHORTENED: list[str] = []
"""Words cut short with an ellipsis since the list was last cleared (only with `RECORD`)."""


def _note(surface: pygame.Surface, words: str, drawn: pygame.Rect) -> None:
    if RECORD and drawn.width and drawn.height and surface is pygame.display.get_surface():
        INKS.append(Ink(words, tuple(drawn)))  # type: ignore[arg-type]


_cache: dict[tuple[int, str, Colour], pygame.Surface] = {}


def render(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """A cached antialiased line: static labels are rendered once, not every frame."""
    key = (id(font), text, colour)
    surface = _cache.get(key)
    if surface is None:
        if len(_cache) > 4000:
            _cache.clear()
        surface = font.render(text, True, colour)
        _cache[key] = surface
    return surface


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap; explicit newlines start new lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def line(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: Colour,
    box: pygame.Rect,
    align: str = "left",
    valign: str = "center",
) -> pygame.Rect:
    """One line inside `box`, aligned; records an overflow if it is wider or taller."""
    image = render(font, text, colour)
    width, height = image.get_size()
    if width > box.width + 1 or font.get_height() > box.height + 2:
        OVERFLOWS.append(Overflow(text, tuple(box), (width, height)))  # type: ignore[arg-type]
    x = {"left": box.x, "center": box.centerx - width // 2, "right": box.right - width}[align]
    y = {"top": box.y, "center": box.centery - height // 2, "bottom": box.bottom - height}[valign]
    clip = surface.get_clip()
    surface.set_clip(box.clip(clip) if clip else box)
    rect = surface.blit(image, (x, y))
    surface.set_clip(clip)
    _note(surface, text, rect)
    return rect


def paragraph(
    surface: pygame.Surface | None,
    text: str,
    font: pygame.font.Font,
    colour: Colour,
    box: pygame.Rect,
    spacing: float = 1.15,
) -> int:
    """Wrapped text from the top of `box`; returns the height used (drawing nothing if
    `surface` is None, to measure). Records an overflow when it runs past the box."""
    lines = wrap(text, font, box.width)
    step = round(font.get_linesize() * spacing)
    height = step * len(lines)
    widest = max((font.size(t)[0] for t in lines), default=0)
    if surface is not None:
        if height > box.height + 2 or widest > box.width + 1:
            OVERFLOWS.append(Overflow(text, tuple(box), (widest, height)))  # type: ignore[arg-type]
        clip = surface.get_clip()
        surface.set_clip(box.clip(clip) if clip else box)
        for i, text_line in enumerate(lines):
            drawn = surface.blit(render(font, text_line, colour), (box.x, box.y + i * step))
            _note(surface, text_line, drawn)
        surface.set_clip(clip)
    return height


def measure(text: str, font: pygame.font.Font, width: int, spacing: float = 1.15) -> int:
    """Height `paragraph` would use at this width."""
    return paragraph(None, text, font, (0, 0, 0), pygame.Rect(0, 0, width, 0), spacing)


def ellipsize(text: str, font: pygame.font.Font, width: int) -> str:
    """Shorten with an ellipsis to fit (for names whose full text is in a tooltip)."""
    if font.size(text)[0] <= width:
        return text
    if RECORD:
        SHORTENED.append(text)
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"
