"""The in-game menu (Escape): resume, settings, help, or back to the title.

One column of buttons in a box where the window is tall enough, two where it is not.
"""

from __future__ import annotations

import pygame

from rare_earth_game.ui import draw, layout
from rare_earth_game.ui.scene import Scene
from rare_earth_game.ui.text import Label


class MenuScene(Scene):
    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        router = self.app.router
        entries = [
            ("Resume", router.back, "Back to the game (Esc)."),
            ("Settings", router.settings, "Text size, high contrast, full screen."),
            ("Help and glossary", router.help, "How to play, terms, keys (F1)."),
            (
                "Save and go to title",
                router.title,
                "Your game is saved every turn; continue it from the title.",
            ),
            ("Quit", router.quit, "Close the window. The game is saved."),
        ]
        font = t.font("title", bold=True)
        gap, row = t.px(10), t.px(46)
        button_w = max(t.button_width(label, "@primary") for label, *_ in entries) + t.px(20)
        head = font.get_linesize() + t.px(24)
        per_column = len(entries)
        while per_column > 1 and head + per_column * (row + gap) + t.px(40) > height:
            per_column = -(-per_column // 2) if per_column > 3 else per_column - 1
        columns = -(-len(entries) // per_column)
        button_w = min(button_w, (width - t.px(80) - gap * (columns - 1)) // columns)
        self.box = pygame.Rect(
            0,
            0,
            columns * button_w + gap * (columns - 1) + t.px(48),
            head + per_column * (row + gap) + t.px(24),
        )
        self.box.center = (width // 2, height // 2)
        inner = layout.inset(self.box, t.px(24), t.px(16))
        self.title = Label(
            "Game menu",
            pygame.Rect(inner.x, inner.y, inner.width, font.get_linesize()),
            font,
            t.palette.text,
        )
        for i, (label, action, tip) in enumerate(entries):
            x = inner.x + (i // per_column) * (button_w + gap)
            y = inner.y + head + (i % per_column) * (row + gap)
            self.button(
                pygame.Rect(x, y, button_w, row),
                label,
                action,
                tooltip=tip,
                object_id="@primary" if label == "Resume" else None,
            )
        self.focus.set(0)

    def back(self) -> None:
        self.app.router.back()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        draw.panel(surface, self.box, p.panel, p.border, t.px(14), 2)
        self.title.draw(surface)
