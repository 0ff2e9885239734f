"""Setting up a game: scenario (with its description), length, difficulty, the scorecard's
lens, team name."""

from __future__ import annotations

from functools import cache

import pygame
import pygame_gui

from rare_earth_game.errors import UserError
from rare_earth_game.game.lenses import LensChoice, lenses
from rare_earth_game.game.presets import DIFFICULTIES, PRESETS
from rare_earth_game.scenario import builtin_scenarios, load_scenario
from rare_earth_game.ui import draw, match, text
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.scene import typing_focus
from rare_earth_game.ui.scenes.common import error_box, heading, waiting
from rare_earth_game.ui.scenes.opening import OpeningScene


@cache
def _goals(scenario: str) -> tuple[str, ...]:
    """The scenario's objectives, for the description box; for a file that cannot be
    loaded, the reason instead (Start game shows it in full)."""
    try:
        return tuple(o.title for o in load_scenario(scenario).objectives)
    except UserError as error:
        return (shown(error).splitlines()[0],)


@cache
def _lenses(scenario: str) -> tuple[LensChoice, ...]:
    """The scenario's lenses, standard first (none if it cannot be read)."""
    try:
        return tuple(lenses(load_scenario(scenario)).values())
    except Exception:  # a broken file says so when the game starts
        return ()


class SetupScene(OpeningScene):
    failure = "This scenario cannot be played"

    def __init__(self, app: object, scenario: str | None = None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.entries = builtin_scenarios()
        names = [e.name for e in self.entries]
        self.scenario = scenario if scenario in names else (names[0] if names else "")
        if scenario and scenario not in names:  # a file path from the command line
            self.scenario = scenario
        self.preset = "sprint"
        self.difficulty = "normal"
        self.lens = "standard"
        self.team = ""
        self.seed = 1

    # --- layout -------------------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        x = t.px(40)
        self.top = t.px(120)
        column = (width - 3 * x) // 2
        self.left = pygame.Rect(x, self.top, column, height - self.top - t.px(110))
        self.right = pygame.Rect(2 * x + column, self.top, column, self.left.height)
        row = t.px(50)
        y = self.left.y + t.px(36)
        options = [(e.name, e.title) for e in self.entries]
        if self.scenario not in {e.name for e in self.entries}:
            options.append((self.scenario, self.scenario))
        for name, title in options:
            rect = pygame.Rect(self.left.x, y, self.left.width, row - t.px(8))
            button = self.button(
                rect, title, lambda n=name: self.pick("scenario", n), key=f"scenario:{name}"
            )
            if name == self.scenario:
                button.select()
            y += row
        self.description_top = y + t.px(8)
        y = self.right.y + t.px(36)
        third = (self.right.width - 2 * t.px(10)) // 3
        for i, preset in enumerate(PRESETS.values()):
            rect = pygame.Rect(self.right.x + i * (third + t.px(10)), y, third, row - t.px(8))
            button = self.button(
                rect,
                preset.title,
                lambda n=preset.name: self.pick("preset", n),
                key=f"preset:{preset.name}",
                tooltip=f"{preset.title}: {preset.minutes}.",
            )
            if preset.name == self.preset:
                button.select()
        self.preset_note = y + row
        y += row + t.px(40)
        self.difficulty_top = y
        y += t.px(36)
        for i, level in enumerate(DIFFICULTIES.values()):
            rect = pygame.Rect(self.right.x + i * (third + t.px(10)), y, third, row - t.px(8))
            button = self.button(
                rect,
                level.title,
                lambda n=level.name: self.pick("difficulty", n),
                key=f"difficulty:{level.name}",
                tooltip=level.description,
            )
            if level.name == self.difficulty:
                button.select()
        self.difficulty_note = y + row
        y += row + t.px(40)
        self.lens_top = y
        y += t.px(36)
        choices = _lenses(self.scenario)
        for i, lens in enumerate(choices):  # three a row, like length and difficulty
            x_at = self.right.x + (i % 3) * (third + t.px(10))
            rect = pygame.Rect(x_at, y + (i // 3) * row, third, row - t.px(8))
            button = self.button(
                rect,
                lens.title,
                lambda n=lens.id: self.pick("lens", n),
                key=f"lens:{lens.id}",
                tooltip=f"Judged as: {lens.description}",
            )
            if lens.id == self.lens:
                button.select()
        y += (max(1, len(choices)) - 1) // 3 * row
        self.lens_note = y + row
        y += row + t.px(40)
        self.team_top = y
        y += t.px(36)
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(self.right.x, y, self.right.width, t.px(50)),
            manager=self.ui,
            placeholder_text="e.g. Table 3, or your names",
        )
        self.entry.set_text_length_limit(32)
        self.entry.set_text(self.team)
        typing_focus(
            self,
            self.entry,
            "team",
            "A name for your team: it goes on the debrief and the save file.",
        )
        bottom = height - t.px(90)
        self.button(pygame.Rect(x, bottom, t.px(180), t.px(58)), "Back", self.back, key="Back")
        self.button(
            pygame.Rect(width - x - t.px(280), bottom, t.px(280), t.px(58)),
            "Start game",
            self.start,
            key="Start",
            object_id="@primary",
            tooltip="Start with these choices. The world is prepared in a few seconds.",
        )
        self.focus.set(len(self.focus.items) - 1)

    def pick(self, what: str, value: str) -> None:
        setattr(self, what, value)
        for key, button in self.buttons.items():
            if key.startswith(f"{what}:"):
                if key == f"{what}:{value}":
                    button.select()
                else:
                    button.unselect()

    # --- actions ------------------------------------------------------------------------------

    def start(self) -> None:
        if self.job is not None:
            return
        self.team = self.entry.get_text().strip()
        known = [lens.id for lens in _lenses(self.scenario)]
        lens = self.lens if self.lens in known else None
        self.open(
            match.start(self.scenario, self.seed, self.preset, self.difficulty, self.team, lens)
        )

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        heading(
            surface,
            t,
            "New game",
            "You play the United States. Pick a world, a length and how hard the other side "
            "pushes.",
        )
        label = t.font("large", bold=True)
        small = t.font("small")

        def title(rect_y: int, rect_x: int, words: str) -> None:
            text.line(
                surface,
                words,
                label,
                p.text,
                pygame.Rect(rect_x, rect_y, self.right.width, t.px(30)),
            )

        title(self.left.y, self.left.x, "Scenario")
        entry = next((e for e in self.entries if e.name == self.scenario), None)
        box = pygame.Rect(
            self.left.x,
            self.description_top,
            self.left.width,
            self.left.bottom - self.description_top,
        )
        if box.height > t.px(40):
            draw.panel(surface, box, p.panel, p.border, t.px(10))
            self._describe(surface, box.inflate(-t.px(28), -t.px(24)), entry)
        title(self.right.y, self.right.x, "Length")
        preset = PRESETS[self.preset]
        turns = (
            f"{preset.turns} turns of a year" if preset.turns else "every quarter of the scenario"
        )
        text.line(
            surface,
            f"{turns}, {preset.minutes}.",
            small,
            p.muted_text,
            pygame.Rect(self.right.x, self.preset_note - t.px(2), self.right.width, t.px(24)),
        )
        title(self.difficulty_top, self.right.x, "Difficulty")
        level = DIFFICULTIES[self.difficulty]
        text.line(
            surface,
            level.description,
            small,
            p.muted_text,
            pygame.Rect(self.right.x, self.difficulty_note - t.px(2), self.right.width, t.px(24)),
        )
        title(self.lens_top, self.right.x, "Judged by")
        chosen = next((lens for lens in _lenses(self.scenario) if lens.id == self.lens), None)
        if chosen is not None:
            text.line(
                surface,
                f"{chosen.title} weights: hover a lens to see whose.",
                small,
                p.muted_text,
                pygame.Rect(self.right.x, self.lens_note - t.px(2), self.right.width, t.px(24)),
            )
        title(self.team_top, self.right.x, "Team name")
        if self.error:
            error_box(
                surface,
                t,
                self.error,
                pygame.Rect(
                    self.right.x, self.entry.rect.bottom + t.px(16), self.right.width, t.px(110)
                ),
            )

    def _describe(self, surface: pygame.Surface, inner: pygame.Rect, entry: object) -> None:
        """Title, description and goals; smaller type, then fewer goals, when space is short."""
        t = self.theme
        p = t.palette
        name = getattr(entry, "title", self.scenario)
        description = getattr(entry, "description", f"Scenario file: {self.scenario}")
        goals = [f"- {g}" for g in _goals(self.scenario)]
        label = t.font("large", bold=True)
        y = inner.y + text.paragraph(surface, name, label, p.text, inner) + t.px(8)
        font = t.font("body")
        if text.measure(description, font, inner.width) > inner.bottom - y:
            font = t.font("small")
        rest = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        y += text.paragraph(surface, description, font, p.muted_text, rest) + t.px(12)
        small, bold = t.font("small"), t.font("small", bold=True)
        if goals and y + 2 * small.get_linesize() <= inner.bottom:
            text.line(
                surface,
                "Your goals",
                bold,
                p.text,
                pygame.Rect(inner.x, y, inner.width, bold.get_linesize()),
            )
            y += bold.get_linesize() + t.px(2)
            for goal in goals:
                height = text.measure(goal, small, inner.width)
                if y + height > inner.bottom:
                    break
                text.paragraph(
                    surface, goal, small, p.text, pygame.Rect(inner.x, y, inner.width, height)
                )
                y += height + t.px(2)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            waiting(
                surface,
                self.theme,
                "Preparing the world",
                "Building the model and its no-new-policy baseline…",
                None,
            )
