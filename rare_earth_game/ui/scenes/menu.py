"""The in-game menu (Escape): resume, settings, help, or back to the title."""

from __future__ import annotations

import pygame

from rare_earth_game.ui import draw, text
from rare_earth_game.ui.scene import Scene


class MenuScene(Scene):
    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        entries = [
            ("Resume", self.app.pop, "Back to the game (Esc)."),
            ("Settings", self.settings, "Text size, high contrast, full screen."),
            ("Help and glossary", self.help, "How to play, terms, keys (F1)."),
            (
                "Save and go to title",
                self.title,
                "Your game is saved every turn; continue it from the title.",
            ),
            ("Quit", self.quit, "Close the window. The game is saved."),
        ]
        self.box = pygame.Rect(0, 0, t.px(460), t.px(100) + len(entries) * t.px(66))
        self.box.center = (width // 2, height // 2)
        y = self.box.y + t.px(86)
        for label, action, tip in entries:
            rect = pygame.Rect(self.box.x + t.px(40), y, self.box.width - t.px(80), t.px(54))
            self.button(
                rect,
                label,
                action,
                tooltip=tip,
                object_id="@primary" if label == "Resume" else None,
            )
            y += t.px(66)
        self.focus.set(0)

    def settings(self) -> None:
        from rare_earth_game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def help(self) -> None:
        from rare_earth_game.ui.scenes.help import HelpScene

        self.app.push(HelpScene(self.app))

    def title(self) -> None:
        from rare_earth_game.ui.scenes.title import TitleScene

        self.app.reset(TitleScene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        draw.panel(surface, self.box, p.panel, p.border, t.px(14), 2)
        font = t.font("title", bold=True)
        text.line(
            surface,
            "Game menu",
            font,
            p.text,
            pygame.Rect(
                self.box.x + t.px(40),
                self.box.y + t.px(24),
                self.box.width - t.px(80),
                font.get_height(),
            ),
        )
