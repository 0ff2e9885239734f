"""Settings: UI scale, high contrast, full screen, moving ticker, export folder. Saved at once."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pygame_gui

from rare_earth_game.ui import text
from rare_earth_game.ui.paths import default_export_dir
from rare_earth_game.ui.scene import Scene, typing_focus
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.settings import UI_SCALES


class SettingsScene(Scene):
    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        s = self.app.settings
        x = t.px(40)
        self.label_w = t.px(300)
        row = t.px(78)
        y = t.px(130)
        self.rows: list[tuple[int, str, str]] = []
        choices: list[tuple[str, str, list[tuple[str, object]], object]] = [
            (
                "UI scale",
                "Bigger text and controls for projectors.",
                [(f"{v:g}x", v) for v in UI_SCALES],
                s.ui_scale,
            ),
            (
                "Contrast",
                "High contrast: black background, white text.",
                [("Standard", "standard"), ("High", "high_contrast")],
                s.theme,
            ),
            ("Full screen", "Also F11 at any time.", [("Off", False), ("On", True)], s.fullscreen),
            (
                "News ticker",
                "Still shows one headline at a time.",
                [("Moving", True), ("Still", False)],
                s.moving_ticker,
            ),
        ]
        fields = ("ui_scale", "theme", "fullscreen", "moving_ticker")
        for (title, note, options, current), field in zip(choices, fields, strict=True):
            self.rows.append((y, title, note))
            bx = x + self.label_w
            width_each = min(t.px(130), (width - bx - x) // len(options) - t.px(8))
            for label, value in options:
                rect = pygame.Rect(bx, y, width_each, t.px(50))
                button = self.button(
                    rect, label, lambda f=field, v=value: self.set(f, v), key=f"{field}:{label}"
                )
                if value == current:
                    button.select()
                bx += width_each + t.px(8)
            y += row
        self.rows.append((y, "Export folder", "Where the debrief's files go. Empty: the default."))
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x + self.label_w, y, width - 2 * x - self.label_w, t.px(50)),
            manager=self.ui,
            placeholder_text=str(default_export_dir()),
        )
        self.entry.set_text(s.export_dir)
        typing_focus(
            self,
            self.entry,
            "export_dir",
            "Type a folder path; it is kept when you leave this page.",
        )
        self.effective = y + row
        self.button(
            pygame.Rect(x, height - t.px(90), t.px(200), t.px(58)),
            "Back",
            self.back,
            key="Back",
            object_id="@primary",
        )
        if self.focus.current is None:
            self.focus.set(0)

    def set(self, field: str, value: object) -> None:
        self._keep_export()
        self.app.apply_settings(replace(self.app.settings, **{field: value}))

    def _keep_export(self) -> None:
        folder = self.entry.get_text().strip()
        if folder != self.app.settings.export_dir:
            self.app.settings.export_dir = folder
            self.app.save_settings()

    def back(self) -> None:
        self._keep_export()
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        heading(surface, t, "Settings", "Changes apply at once and are kept for next time.")
        x = t.px(40)
        bold, small = t.font("body", bold=True), t.font("small")
        for y, title, note in self.rows:
            text.line(
                surface,
                title,
                bold,
                p.text,
                pygame.Rect(x, y, self.label_w - t.px(10), bold.get_height()),
            )
            text.paragraph(
                surface,
                note,
                small,
                p.muted_text,
                pygame.Rect(x, y + bold.get_height(), self.label_w - t.px(16), t.px(48)),
            )
        scale = self.app.effective_scale
        if abs(scale - self.app.settings.ui_scale) > 1e-6:
            note = (
                f"This window is too small for {self.app.settings.ui_scale:g}x: showing "
                f"{scale:.2g}x. Enlarge it or go full screen."
            )
            text.paragraph(
                surface,
                note,
                t.font("body"),
                p.bad_text,
                pygame.Rect(x, self.effective, surface.get_width() - 2 * x, t.px(60)),
            )
