"""Keyboard focus, which pygame_gui lacks: Tab moves it, Enter or Space activates.

Each scene registers what can take focus, in reading order. A focused item gets a thick
ring in the palette's focus colour (≥ 3:1 against every surface) and shows its tooltip, so
a student who never touches the mouse sees what a mouse user would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame


@dataclass
class Focusable:
    rect: Callable[[], pygame.Rect]
    activate: Callable[[], None]
    label: str
    tooltip: str = ""
    on_focus: Callable[[bool], None] | None = None  # text entries take the keyboard
    reveal: Callable[[], None] | None = None  # scroll into view
    enabled: Callable[[], bool] = lambda: True
    typing: bool = False  # letters go to the widget, not to shortcuts


class FocusRing:
    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.index: int | None = None

    def clear(self) -> None:
        self.set(None)
        self.items = []

    def add(self, item: Focusable) -> Focusable:
        self.items.append(item)
        return item

    @property
    def current(self) -> Focusable | None:
        if self.index is None or self.index >= len(self.items):
            return None
        return self.items[self.index]

    def set(self, index: int | None) -> None:
        old = self.current
        if old is not None and old.on_focus:
            old.on_focus(False)
        self.index = index
        new = self.current
        if new is not None:
            if new.reveal:
                new.reveal()
            if new.on_focus:
                new.on_focus(True)

    def focus_item(self, item: Focusable) -> None:
        if item in self.items:
            self.set(self.items.index(item))

    def move(self, step: int) -> None:
        usable = [i for i, item in enumerate(self.items) if item.enabled()]
        if not usable:
            return
        if self.index is None:
            self.set(usable[0] if step > 0 else usable[-1])
            return
        position = self.index
        for _ in range(len(self.items)):
            position = (position + step) % len(self.items)
            if position in usable:
                self.set(position)
                return

    def handle(self, event: pygame.event.Event) -> bool:
        """Tab / Shift-Tab / Enter / Space; True if the key was used."""
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        item = self.current
        if item is None:
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if item.typing:  # Enter leaves a text box; one that submits (a PIN) does so
                self.move(1)
                item.activate()
            elif item.enabled():
                item.activate()
            return True
        if event.key == pygame.K_SPACE and not item.typing:
            if item.enabled():
                item.activate()
            return True
        return False

    def draw(self, surface: pygame.Surface, colour: tuple[int, int, int], width: int) -> None:
        item = self.current
        if item is None:
            return
        rect = item.rect().inflate(width * 2 + 2, width * 2 + 2)
        pygame.draw.rect(surface, (0, 0, 0), rect.inflate(2, 2), width + 2, border_radius=width * 4)
        pygame.draw.rect(surface, colour, rect, width, border_radius=width * 4)
