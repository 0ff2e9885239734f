"""What a student would see as broken on a screen: widgets or lines of text that run into
one another, text wider than its box, words cut short.

Read after a frame drawn with `text.RECORD` on: pygame_gui's visible widgets and every
line of text the scene drew on the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui

from rare_earth_game.ui import text
from rare_earth_game.ui.app import App

TOLERANCE = 2
"""Pixels of overlap forgiven: antialiased glyph boxes carry a little empty leading."""


@dataclass(frozen=True)
class Thing:
    what: str  # "widget" or "text"
    name: str
    rect: pygame.Rect

    def __str__(self) -> str:
        return f"{self.what} {self.name!r} at {tuple(self.rect)}"


def widgets(app: App) -> list[Thing]:
    """Buttons, labels and text boxes the player can see."""
    found = []
    for element in app.ui.get_sprite_group().sprites():
        if not isinstance(
            element,
            pygame_gui.elements.UIButton
            | pygame_gui.elements.UILabel
            | pygame_gui.elements.UITextEntryLine,
        ):
            continue
        if not element.visible or not element.alive():
            continue
        rect = element.rect.clip(app.window.get_rect())
        if rect.width and rect.height:
            name = getattr(element, "text", "") or type(element).__name__
            found.append(Thing("widget", name, rect))
    return found


def inks(app: App) -> list[Thing]:
    window = app.window.get_rect()
    return [
        Thing("text", ink.text, pygame.Rect(ink.rect).clip(window))
        for ink in text.INKS
        if pygame.Rect(ink.rect).colliderect(window)
    ]


def _overlap(a: pygame.Rect, b: pygame.Rect) -> bool:
    shared = a.clip(b)
    return shared.width > TOLERANCE and shared.height > TOLERANCE


def collisions(app: App) -> list[str]:
    """Pairs that overlap without one holding the other (text on its own button is fine)."""
    things = widgets(app) + inks(app)
    problems = []
    for i, a in enumerate(things):
        for b in things[i + 1 :]:
            if not _overlap(a.rect, b.rect):
                continue
            inside = b.rect.inflate(2 * TOLERANCE, 2 * TOLERANCE).contains(a.rect) or (
                a.rect.inflate(2 * TOLERANCE, 2 * TOLERANCE).contains(b.rect)
            )
            if inside and "widget" in (a.what, b.what):
                continue
            problems.append(f"{a} overlaps {b}")
    return problems


def off_screen(app: App) -> list[str]:
    """Widgets that reach past the window's edge (cut off for the player)."""
    window = app.window.get_rect()
    out = []
    for element in app.ui.get_sprite_group().sprites():
        button = isinstance(element, pygame_gui.elements.UIButton) and element.visible
        if button and not window.contains(element.rect):
            out.append(f"{element.text!r} at {tuple(element.rect)}")
    return out


def widget_overflows(app: App) -> list[str]:
    """Buttons and labels whose text is wider than the widget can show."""
    problems = []
    for element in app.ui.get_sprite_group().sprites():
        if not isinstance(element, pygame_gui.elements.UIButton | pygame_gui.elements.UILabel):
            continue
        font = getattr(element, "font", None)
        words = element.text
        if font is None or not words or not element.visible:
            continue
        room = element.rect.width - 2 * app.theme.px(8)
        if font.size(words)[0] > room:
            problems.append(f"{words!r}: {font.size(words)[0]}px in {room}px")
    return problems


def problems(app: App) -> list[str]:
    """Everything wrong with the last frame drawn."""
    overflows = [f"overflow {o.text!r} needs {o.needed} in {o.box}" for o in text.OVERFLOWS]
    shortened = [f"shortened {s!r}" for s in text.SHORTENED]
    return (
        collisions(app)
        + [f"off screen {s}" for s in off_screen(app)]
        + [f"widget overflow {s}" for s in widget_overflows(app)]
        + overflows
        + shortened
    )
