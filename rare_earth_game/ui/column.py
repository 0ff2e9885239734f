"""A scrolling column of laid-out words and marks: reports, lists, help pages.

Content is laid out once, in the column's own coordinates (y from its top), by `wrapped`,
`figure` and `mark`; `draw` paints the part in view and `hotspots` says what explains
itself there. Anything longer than the column scrolls rather than being cut off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from rare_earth_game.ui import draw, text
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.scroll import ScrollArea
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Colour, Theme

UNITS = {"share": "share", "musd": "musd", "index": "index", "jobs": "number", "number": "number"}
"""The turn report's units, as `fmt` names them."""


@dataclass(frozen=True)
class Mark:
    """Something drawn that is not words: a meter, a trend arrow, a marker, an icon."""

    kind: str  # "meter", "trend", "marker", "icon" or "box"
    rect: pygame.Rect
    colour: Colour
    value: float = 0.0  # a meter's level; a trend's sign
    shape: str = "circle"  # a marker's shape, an icon's sentence kind


@dataclass(frozen=True)
class Figure:
    """A key figure: its name, value, change since last turn and what it means."""

    label: str
    value: str
    change: float | None  # None: nothing to compare with
    improved: bool | None
    explanation: str

    @classmethod
    def of(cls, number: object) -> Figure:
        """From a turn report's key number."""
        change = float(number.change)  # type: ignore[attr-defined]
        return cls(
            number.label,  # type: ignore[attr-defined]
            fmt(number.value, UNITS.get(number.unit, "number")),  # type: ignore[attr-defined]
            None if math.isnan(change) else change,
            number.improved,  # type: ignore[attr-defined]
            f"{number.explanation} {getattr(number, 'why', '')}".strip(),  # type: ignore[attr-defined]
        )


@dataclass
class Column:
    area: ScrollArea
    theme: Theme
    labels: list[Label] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    tips: list[tuple[pygame.Rect, str]] = field(default_factory=list)

    @classmethod
    def at(cls, rect: pygame.Rect, theme: Theme) -> Column:
        return cls(ScrollArea(rect), theme)

    @property
    def width(self) -> int:
        """The content's width (the scroll bar keeps its own strip)."""
        return self.area.rect.width - self.theme.px(12)

    def wrapped(
        self, words: str, font: pygame.font.Font, colour: Colour, y: int, x: int = 0, width: int = 0
    ) -> int:
        """Words wrapped from (x, y), `width` wide (to the right edge if 0); returns the y
        below them."""
        width = width or self.width - x
        for line in text.wrap(words, font, width):
            self.labels.append(
                Label(line, pygame.Rect(x, y, width, font.get_linesize()), font, colour)
            )
            y += font.get_linesize()
        return y

    def mark(self, mark: Mark) -> None:
        self.marks.append(mark)

    def tip(self, rect: pygame.Rect, words: str) -> None:
        if words:
            self.tips.append((rect, words))

    def figure(self, figure: Figure, y: int, *, first_turn_word: str = "new") -> int:
        """A figure's row: its name (wrapped), value, and better or worse with an arrow."""
        t = self.theme
        p = t.palette
        small, bold = t.font("small"), t.font("small", bold=True)
        change_w = small.size("better")[0] + t.px(26)
        value_w = bold.size(figure.value)[0] + t.px(12)
        label_w = self.width - value_w - change_w
        bottom = self.wrapped(figure.label, small, p.text, y, 0, label_w)
        line = small.get_linesize()
        value = pygame.Rect(label_w, y, value_w, line)
        self.labels.append(Label(figure.value, value, bold, p.text, "right"))
        change = pygame.Rect(value.right, y, change_w, line)
        if figure.change is None or figure.improved is None:
            word = first_turn_word if figure.change is None else "same"
            if word:
                self.labels.append(Label(word, change, small, p.muted_text, "right"))
        else:
            colour = p.good_text if figure.improved else p.bad_text
            arrow = pygame.Rect(change.x + t.px(4), change.centery - t.px(7), t.px(14), t.px(14))
            self.mark(Mark("trend", arrow, colour, 1.0 if figure.change > 0 else -1.0))
            words = "better" if figure.improved else "worse"
            box = pygame.Rect(arrow.right + t.px(4), y, change.right - arrow.right - t.px(4), line)
            self.labels.append(Label(words, box, small, colour, "right"))
        self.tip(pygame.Rect(0, y, self.width, bottom - y), figure.explanation)
        return bottom

    def finish(self, height: int) -> None:
        """Say how tall the content is, once it is laid out."""
        self.area.content_height = height
        self.area.scroll(0)

    def to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        return rect.move(self.area.rect.x, self.area.rect.y - self.area.offset)

    def hotspots(self) -> list[Hotspot]:
        spots = []
        for rect, words in self.tips:
            shown = self.to_screen(rect).clip(self.area.rect)
            if shown.height > 0:
                spots.append(Hotspot(shown, words))
        return spots

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        view = self.area.rect
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        for mark in self.marks:
            rect = self.to_screen(mark.rect)
            if rect.colliderect(view):
                _paint(surface, mark, rect, t)
        for label in self.labels:
            rect = self.to_screen(label.rect)
            if rect.bottom > view.y and rect.y < view.bottom:
                text.line(surface, label.words, label.font, label.colour, rect, label.align)
        surface.set_clip(clip)
        self.area.draw_bar(surface, t)


def _paint(surface: pygame.Surface, mark: Mark, rect: pygame.Rect, theme: Theme) -> None:
    p = theme.palette
    if mark.kind == "meter":
        draw.meter(surface, rect, mark.value, theme, mark.colour, ())
    elif mark.kind == "trend":
        draw.trend(surface, mark.value > 0, rect.center, rect.width / 2, mark.colour)
    elif mark.kind == "marker":
        draw.marker(surface, mark.shape, rect.center, rect.width / 2, mark.colour, p.bg, 1)
    elif mark.kind == "box":
        draw.panel(surface, rect, mark.colour, p.border, theme.px(8))
    else:
        draw.sentence_icon(surface, mark.shape, rect.center, theme, mark.colour)
