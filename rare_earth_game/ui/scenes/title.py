"""The title screen: new game, continue, load, settings, help, quit.

The menu is a column where the window is tall enough and a grid of two or three buttons a
row where it is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import layout, match, saves, text
from rare_earth_game.ui.column import Column
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.scene import Scene
from rare_earth_game.ui.scenes.common import backdrop, waiting
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.worker import Job

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App

TAGLINE = "Secure the minerals behind every magnet, motor and missile."
FOOT = "Tab moves, Enter chooses, F1 help, F11 full screen"


class TitleScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.job: Job[match.Match] | None = None
        self.error = ""

    def layout(self) -> None:
        t = self.theme
        p = t.palette
        width, height = self.size
        self.resume = saves.latest()
        x = t.px(48)
        page = pygame.Rect(x, t.px(24), width - 2 * x, height - t.px(24))
        hero = t.font("hero", bold=True)
        if hero.size("RARE EARTH GAME")[0] > page.width:
            hero = t.font("title", bold=True)
        body, small = t.font("large"), t.font("small")
        self.labels = [
            Label(
                "RARE EARTH GAME",
                pygame.Rect(page.x, page.y, page.width, hero.get_linesize()),
                hero,
                p.text,
            )
        ]
        self.bar = pygame.Rect(page.x, page.y + hero.get_linesize() + t.px(4), t.px(120), t.px(6))
        y = self.bar.bottom + t.px(12)
        for line in text.wrap(TAGLINE, body, min(page.width, t.px(760))):
            self.labels.append(
                Label(
                    line,
                    pygame.Rect(page.x, y, page.width, body.get_linesize()),
                    body,
                    p.muted_text,
                )
            )
            y += body.get_linesize()
        foot = pygame.Rect(
            page.x, height - t.px(12) - small.get_linesize(), page.width, small.get_linesize()
        )
        self.labels.append(
            Label(layout.fit(small, [FOOT, "F1 help"], foot.width), foot, small, p.muted_text)
        )
        menu = pygame.Rect(page.x, y + t.px(20), page.width, foot.y - y - t.px(32))
        self.menu_area = menu
        self._menu(menu)
        self._detail(menu)
        self.focus.set(0 if self.resume is None else 1)

    def _menu(self, area: pygame.Rect) -> None:
        t = self.theme
        entries = [
            ("New game", self.new_game, "N", "Choose a scenario, a length and a difficulty."),
            (
                "Continue",
                self.continue_game,
                "C",
                self.resume.title if self.resume else "No unfinished game is saved yet.",
            ),
            (
                "Load game",
                self.app.router.load,
                "L",
                "Open any saved game, from this computer or a file.",
            ),
            ("Settings", self.app.router.settings, "S", "Text size, high contrast, full screen."),
            ("Help", self.app.router.help, "H", "How to play, glossary and keyboard keys."),
            ("Quit", self.app.router.quit, "Q", "Close the window. Games are saved every turn."),
        ]
        gap = t.px(10)
        height = t.px(52)
        width = max(t.button_width(label, "@big") for label, *_ in entries) + t.px(40)
        per_row = 1
        while per_row < 3 and -(-len(entries) // per_row) * (height + gap) > area.height:
            per_row += 1
        width = min(width, (area.width - gap * (per_row - 1)) // per_row)
        grid = pygame.Rect(area.x, area.y, per_row * width + gap * (per_row - 1), area.height)
        cells = layout.grid(grid, len(entries), per_row, height, gap)
        self.menu_rect = grid.clip(
            pygame.Rect(grid.x, grid.y, grid.width, cells[-1].bottom - grid.y)
        )
        for i, ((label, action, key, tip), cell) in enumerate(zip(entries, cells, strict=True)):
            object_id = "@primary" if i == (1 if self.resume else 0) else "@big"
            button = self.button(cell, label, action, key=label, tooltip=tip, object_id=object_id)
            if label == "Continue" and self.resume is None:
                button.disable()
            self.shortcuts[getattr(pygame, f"K_{key.lower()}")] = action

    def _detail(self, menu: pygame.Rect) -> None:
        """The saved game Continue would open (beside the menu, or under it), and any error."""
        t = self.theme
        p = t.palette
        room = pygame.Rect(
            self.menu_rect.right + t.px(24),
            menu.y,
            menu.right - self.menu_rect.right - t.px(24),
            menu.height,
        )
        if room.width < t.px(260):
            room = pygame.Rect(
                menu.x,
                self.menu_rect.bottom + t.px(12),
                menu.width,
                menu.bottom - self.menu_rect.bottom - t.px(12),
            )
        self.detail = Column.at(room, t)
        y = 0
        small, bold = t.font("small"), t.font("body", bold=True)
        if self.resume is not None and room.height > 2 * small.get_linesize():
            y = self.detail.wrapped("Continue:", bold, p.text, y)
            y = self.detail.wrapped(self.resume.title, small, p.text, y) + t.px(10)
        if self.error:
            y = self.detail.wrapped(self.error, t.font("body"), p.bad_text, y)
        self.detail.finish(y)

    # --- actions --------------------------------------------------------------------------

    def new_game(self) -> None:
        self.app.router.new_game()

    def continue_game(self) -> None:
        if self.resume is not None and self.job is None:
            self.job = match.resume(self.resume.path)

    def back(self) -> None:
        """Escape moves the focus to Quit: leaving the game takes a deliberate Enter."""
        for item in self.focus.items:
            if item.label == "Quit":
                self.focus.focus_item(item)

    def handle(self, event: pygame.event.Event) -> bool:
        return self.detail.area.handle(event, self.theme.px(40))

    def update(self, dt: float) -> None:
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            try:
                started = job.result()
            except Exception as error:  # shown on screen and logged, never lost
                self.error = f"Could not continue the saved game: {shown(error)}"
                self._detail(self.menu_area)
                return
            self.app.router.play(started)

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        backdrop(surface, t)
        pygame.draw.rect(surface, t.palette.accent, self.bar, border_radius=self.bar.height // 2)
        for label in self.labels:
            label.draw(surface)
        self.detail.draw(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            waiting(
                surface,
                self.theme,
                "Loading your game",
                "Replaying every turn and checking it…",
                None,
            )
