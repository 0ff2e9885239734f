"""The title screen: new game, continue, load, settings, help, quit."""

from __future__ import annotations

import pygame

from rare_earth_game.ui import draw, saves, text
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.scene import Scene
from rare_earth_game.ui.scenes.common import backdrop, error_box, waiting
from rare_earth_game.ui.worker import Job

TAGLINE = "Secure the minerals behind every magnet, motor and missile."


class TitleScene(Scene):
    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.job: Job[object] | None = None
        self.error = ""

    def layout(self) -> None:
        t = self.theme
        _, height = self.size
        self.resume = saves.latest()
        column = pygame.Rect(t.px(80), 0, t.px(420), t.px(60))
        y = round(height * 0.42)
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
                self.load_game,
                "L",
                "Open any saved game, from this computer or a file.",
            ),
            ("Settings", self.settings, "S", "Text size, high contrast, full screen."),
            ("Help", self.help, "H", "How to play, glossary and keyboard keys."),
            ("Quit", self.quit, "Q", "Close the window. Games are saved every turn."),
        ]
        step = t.px(66)
        available = height - y - t.px(24)
        if step * len(entries) > available:
            step = max(t.px(50), available // len(entries))
        for i, (label, action, key, tip) in enumerate(entries):
            rect = column.move(0, y + i * step)
            rect.height = step - t.px(10)
            object_id = "@primary" if i == (1 if self.resume else 0) else "@big"
            button = self.button(
                rect, f"{label}", action, key=label, tooltip=tip, object_id=object_id
            )
            if label == "Continue" and self.resume is None:
                button.disable()
            self.shortcuts[getattr(pygame, f"K_{key.lower()}")] = action
        self.focus.set(0 if self.resume is None else 1)

    # --- actions --------------------------------------------------------------------------

    def new_game(self) -> None:
        from rare_earth_game.ui.scenes.setup import SetupScene

        self.app.push(SetupScene(self.app))

    def continue_game(self) -> None:
        if self.resume is not None and self.job is None:
            from rare_earth_game.ui import match

            self.job = match.resume(self.resume.path)  # type: ignore[assignment]

    def load_game(self) -> None:
        from rare_earth_game.ui.scenes.load import LoadScene

        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from rare_earth_game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def help(self) -> None:
        from rare_earth_game.ui.scenes.help import HelpScene

        self.app.push(HelpScene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        """Escape on the title screen does nothing: quitting needs a deliberate choice."""

    def update(self, dt: float) -> None:
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            try:
                started = job.result()
            except Exception as error:  # shown on screen and logged, never lost
                self.error = f"Could not continue the saved game: {shown(error)}"
                return
            from rare_earth_game.ui.scenes.turn import TurnScene

            self.app.push(TurnScene(self.app, started))  # type: ignore[arg-type]

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        backdrop(surface, t)
        width, height = surface.get_size()
        x = t.px(80)
        hero = t.font("hero", bold=True)
        top = round(height * 0.12)
        text.line(
            surface,
            "RARE EARTH GAME",
            hero,
            p.text,
            pygame.Rect(x, top, width - 2 * x, hero.get_height()),
        )
        bar = pygame.Rect(x, top + hero.get_height() + t.px(6), t.px(120), t.px(6))
        pygame.draw.rect(surface, p.accent, bar, border_radius=bar.height // 2)
        body = t.font("large")
        text.paragraph(
            surface,
            TAGLINE,
            body,
            p.muted_text,
            pygame.Rect(x, bar.bottom + t.px(16), min(width - 2 * x, t.px(760)), t.px(70)),
        )
        if self.resume is not None:
            button = self.buttons.get("Continue")
            if button is not None:
                detail = pygame.Rect(
                    button.rect.right + t.px(20),
                    button.rect.y,
                    width - button.rect.right - t.px(60),
                    button.rect.height,
                )
                draw.panel(surface, detail, p.panel, p.border, t.px(10))
                small = t.font("small")
                text.line(
                    surface,
                    text.ellipsize(self.resume.title, small, detail.width - t.px(24)),
                    small,
                    p.text,
                    detail.inflate(-t.px(24), 0),
                )
        if self.error:
            error_box(
                surface,
                t,
                self.error,
                pygame.Rect(x + t.px(460), round(height * 0.62), width - x - t.px(500), t.px(120)),
            )
        foot = t.font("small")
        text.line(
            surface,
            "Tab moves, Enter chooses, F1 help, F11 full screen",
            foot,
            p.muted_text,
            pygame.Rect(x, height - t.px(36), width - 2 * x, t.px(24)),
        )

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            waiting(
                surface,
                self.theme,
                "Loading your game",
                "Replaying every turn and checking it…",
                None,
            )
