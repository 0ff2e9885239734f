"""Load a game: the saved games on this computer, or any save file by its path."""

from __future__ import annotations

import pygame
import pygame_gui

from rare_earth_game.ui import match, saves, text
from rare_earth_game.ui.scene import typing_focus
from rare_earth_game.ui.scenes.common import error_box, heading, waiting
from rare_earth_game.ui.scenes.opening import OpeningScene


class LoadScene(OpeningScene):
    failure = "This file cannot be loaded"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        x = t.px(40)
        y = t.px(160)
        self.games = saves.listed()
        room = max(1, (height - y - t.px(260)) // t.px(62))
        for info in self.games[:room]:
            rect = pygame.Rect(x, y, width - 2 * x, t.px(54))
            label = text.ellipsize(
                info.title, self.theme.font("body", bold=True), rect.width - t.px(30)
            )
            self.button(
                rect,
                label,
                lambda p=info.path: self.load(p),
                key=f"save:{info.path}",
                tooltip=info.path,
            )
            y += t.px(62)
        self.list_bottom = y
        self.entry_y = max(y + t.px(50), height - t.px(220))
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, self.entry_y, width - 2 * x - t.px(180), t.px(52)),
            manager=self.ui,
            placeholder_text="/path/to/a/save" + saves.SAVE_SUFFIX,
        )
        typing_focus(
            self,
            self.entry,
            "path",
            "Type or paste the path of a save file, then press Tab and Enter on Open.",
        )
        self.button(
            pygame.Rect(width - x - t.px(168), self.entry_y, t.px(168), t.px(52)),
            "Open",
            lambda: self.load(self.entry.get_text().strip()),
            key="Open",
        )
        self.button(
            pygame.Rect(x, height - t.px(90), t.px(200), t.px(58)),
            "Back",
            self.back,
            key="Back",
            object_id="@primary",
        )
        if self.focus.current is None:
            self.focus.set(0)

    def load(self, path: str) -> None:
        if self.job is None and path:
            self.open(match.resume(path))

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        heading(
            surface, t, "Load a game", "Games on this computer, newest first, or any save file."
        )
        x = t.px(40)
        bold = t.font("large", bold=True)
        text.line(
            surface,
            "Saved games",
            bold,
            p.text,
            pygame.Rect(x, t.px(116), surface.get_width() - 2 * x, bold.get_height()),
        )
        if not self.games:
            text.line(
                surface,
                "No saved games yet: they appear after your first turn.",
                t.font("body"),
                p.muted_text,
                pygame.Rect(x, t.px(160), surface.get_width() - 2 * x, t.px(30)),
            )
        text.line(
            surface,
            "Open a save file",
            bold,
            p.text,
            pygame.Rect(x, self.entry_y - t.px(40), surface.get_width() - 2 * x, bold.get_height()),
        )
        if self.error:
            error_box(
                surface,
                t,
                self.error,
                pygame.Rect(
                    x, self.entry_y + t.px(64), surface.get_width() - 2 * x - t.px(240), t.px(100)
                ),
            )

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            waiting(
                surface,
                self.theme,
                "Loading the game",
                "Replaying every turn and checking it…",
                None,
            )
