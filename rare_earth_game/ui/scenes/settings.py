"""Settings: UI scale, high contrast, full screen, moving ticker, export folder, the teacher's
PIN. Saved at once.

Each setting's name and a line about it sit at the left of its choices; on a screen too low
for those lines, they move into the choices' tooltips.
"""

from __future__ import annotations

from dataclasses import replace

import pygame
import pygame_gui

from rare_earth_game.ui import text
from rare_earth_game.ui.classroom import PIN_DIGITS, clean_pin
from rare_earth_game.ui.paths import default_export_dir
from rare_earth_game.ui.scene import Scene, typing_focus
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.settings import UI_SCALES
from rare_earth_game.ui.text import Label

ROWS: tuple[tuple[str, str, str], ...] = (
    ("ui_scale", "UI scale", "Bigger text and controls for projectors."),
    ("theme", "Contrast", "High contrast: black background, white text."),
    ("fullscreen", "Full screen", "Also F11 at any time."),
    ("moving_ticker", "News ticker", "Still shows one headline at a time."),
    ("export_dir", "Export folder", "Where the debrief's files go. Empty: the default."),
    ("teacher_pin", "Teacher PIN", "Asked for by Ctrl+Shift+T. Empty: no PIN."),
)


class SettingsScene(Scene):
    def layout(self) -> None:
        t = self.theme
        p = t.palette
        width, height = self.size
        s = self.app.settings
        back_w = t.button_width("Back", "@primary")
        self.head = heading(
            t,
            self.size,
            "Settings",
            "Changes apply at once and are kept for next time.",
            right=back_w + t.px(12),
        )
        pad = t.px(28)
        self.button(
            self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0),
            "Back",
            self.back,
            key="Back",
            object_id="@primary",
        )
        choices: dict[str, list[tuple[str, object]]] = {
            "ui_scale": [(f"{v:g}x", v) for v in UI_SCALES],
            "theme": [("Standard", "standard"), ("High", "high_contrast")],
            "fullscreen": [("Off", False), ("On", True)],
            "moving_ticker": [("Moving", True), ("Still", False)],
        }
        current = {
            "ui_scale": s.ui_scale,
            "theme": s.theme,
            "fullscreen": s.fullscreen,
            "moving_ticker": s.moving_ticker,
        }
        bold, small = t.font("body", bold=True), t.font("small")
        label_w = max(bold.size(title)[0] for _, title, _ in ROWS) + t.px(24)
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        button_h = t.px(42)
        self.note = self._scale_note()
        note_h = (
            len(text.wrap(self.note, t.font("body"), body.width)) * t.font("body").get_linesize()
        )
        with_notes = (
            len(ROWS) * (bold.get_linesize() + 2 * small.get_linesize() + t.px(10)) + note_h
            <= body.height
        )
        row_h = max(
            button_h, bold.get_linesize() + (2 * small.get_linesize() if with_notes else 0)
        ) + t.px(10)
        self.labels = []
        y = body.y
        for field, title, note in ROWS:
            self.labels.append(
                Label(title, pygame.Rect(body.x, y, label_w, bold.get_linesize()), bold, p.text)
            )
            if with_notes:
                for i, line in enumerate(text.wrap(note, small, label_w - t.px(10))[:2]):
                    box = pygame.Rect(
                        body.x,
                        y + bold.get_linesize() + i * small.get_linesize(),
                        label_w,
                        small.get_linesize(),
                    )
                    self.labels.append(Label(line, box, small, p.muted_text))
            area = pygame.Rect(body.x + label_w, y, body.width - label_w, button_h)
            if field == "export_dir":
                self._export_dir(area, note)
            elif field == "teacher_pin":
                self._pin(area, note)
            else:
                options = choices[field]
                each = min(t.px(130), (area.width - t.px(8) * (len(options) - 1)) // len(options))
                for i, (label, value) in enumerate(options):
                    rect = pygame.Rect(area.x + i * (each + t.px(8)), area.y, each, button_h)
                    button = self.button(
                        rect,
                        label,
                        lambda f=field, v=value: self.set(f, v),
                        key=f"{field}:{label}",
                        tooltip=f"{title}: {note}",
                    )
                    if value == current[field]:
                        button.select()
            y += row_h
        self.notes = [
            Label(
                line,
                pygame.Rect(
                    body.x,
                    y + i * t.font("body").get_linesize(),
                    body.width,
                    t.font("body").get_linesize(),
                ),
                t.font("body"),
                p.bad_text,
            )
            for i, line in enumerate(
                text.wrap(self.note, t.font("body"), body.width) if self.note else []
            )
        ]
        if self.focus.current is None:
            self.focus.set(0)

    def _export_dir(self, area: pygame.Rect, note: str) -> None:
        self.entry = pygame_gui.elements.UITextEntryLine(
            area, manager=self.ui, placeholder_text=str(default_export_dir())
        )
        self.entry.set_text(self.app.settings.export_dir)
        typing_focus(
            self,
            self.entry,
            "export_dir",
            f"{note} Type a folder path; it is kept when you leave this page.",
        )

    def _pin(self, area: pygame.Rect, note: str) -> None:
        """The teacher's PIN, shown as dots: students may be looking at the screen."""
        box = pygame.Rect(area.x, area.y, min(area.width, self.theme.px(220)), area.height)
        self.pin = pygame_gui.elements.UITextEntryLine(
            box, manager=self.ui, placeholder_text="no PIN"
        )
        self.pin.set_text_hidden(True)
        self.pin.set_allowed_characters("numbers")
        self.pin.set_text_length_limit(PIN_DIGITS)
        self.pin.set_text(self.app.settings.teacher_pin)
        typing_focus(
            self,
            self.pin,
            "teacher_pin",
            f"{note} Up to {PIN_DIGITS} digits; kept when you leave this page.",
        )

    def _scale_note(self) -> str:
        scale = self.app.effective_scale
        wanted = self.app.settings.ui_scale
        if abs(scale - wanted) <= 1e-6:
            return ""
        return (
            f"This window is too small for {wanted:g}x: showing {scale:.2g}x. Enlarge it or go "
            "full screen."
        )

    def set(self, field: str, value: object) -> None:
        self._keep_export()
        self.app.apply_settings(replace(self.app.settings, **{field: value}))

    def _keep_export(self) -> None:
        """The typed fields (export folder, PIN), kept when a choice or Back is pressed."""
        folder = self.entry.get_text().strip()
        pin = clean_pin(self.pin.get_text())
        if folder != self.app.settings.export_dir or pin != self.app.settings.teacher_pin:
            self.app.settings.export_dir = folder
            self.app.settings.teacher_pin = pin
            self.app.save_settings()

    def back(self) -> None:
        self._keep_export()
        self.app.router.back()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        for label in self.labels + self.notes:
            label.draw(surface)
