"""A panel is one region of a screen with one layout function.

`layout(rect)` creates the panel's widgets and works out everything it will paint, hover
spots included; `draw` only paints that. Input that changes what a panel shows (a scroll,
a hover, a choice) lays the affected part out again, never the drawing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.theme import Theme

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match


class Panel:
    def __init__(self, scene: Scene, game: Match) -> None:
        self.scene = scene
        self.match = game
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.spots: list[Hotspot] = []

    @property
    def theme(self) -> Theme:
        return self.scene.theme

    def layout(self, rect: pygame.Rect) -> None:
        """Place widgets and work out what to paint inside `rect`."""
        self.rect = rect

    def draw(self, surface: pygame.Surface) -> None:
        """Paint what `layout` worked out."""

    def handle(self, event: pygame.event.Event) -> bool:
        """Input for this panel; True when used."""
        return False

    def hotspots(self) -> list[Hotspot]:
        return self.spots

    def custom_widgets(self) -> list[tuple[str, pygame.Rect]]:
        """Controls the panel draws itself, for the layout tests."""
        return []
