"""Setting up a game: scenario (with its description), length, difficulty, the
scorecard's lens, team name.

The choices are buttons on the right; on the left, the chosen scenario's description and
goals and what the chosen length and difficulty will play, in a box that scrolls, so even a
small screen shows every goal. Each length button names how many turns it plays on this
scenario (the 2010 history is seven years long whatever the preset asks for).
"""

from __future__ import annotations

from functools import cache

import pygame
import pygame_gui

from rare_earth_game.errors import UserError
from rare_earth_game.game.lengths import planned
from rare_earth_game.game.lenses import lenses
from rare_earth_game.game.presets import DIFFICULTIES, PRESETS
from rare_earth_game.scenario import builtin_scenarios, load_scenario
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.ui import draw, layout, match
from rare_earth_game.ui.column import Column
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.hotseat import TeamsError, start_teams, team_names
from rare_earth_game.ui.scene import Hotspot, typing_focus
from rare_earth_game.ui.scenes.common import heading, waiting
from rare_earth_game.ui.scenes.opening import OpeningScene
from rare_earth_game.ui.text import Label


@cache
def _scenario(name: str) -> Scenario | None:
    """The scenario, for its goals, calendar and lenses (None if it cannot be read)."""
    try:
        return load_scenario(name)
    except UserError:  # `_load_problem` says why
        return None


@cache
def _load_problem(name: str) -> str:
    """Why a scenario file cannot be read, in the CLI's words ("" if it can)."""
    try:
        load_scenario(name)
    except UserError as error:
        return shown(error)
    return ""


class SetupScene(OpeningScene):
    failure = "This scenario cannot be played"

    def __init__(self, app: object, scenario: str | None = None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.entries = builtin_scenarios()
        names = [e.name for e in self.entries]
        self.scenario = scenario or (names[0] if names else "")
        self.preset = "sprint"
        self.difficulty = "normal"
        self.lens = "standard"
        self.team = ""
        self.seed = 1

    # --- layout -------------------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        tall = layout.logical(t, self.size)[1] >= 500
        start_w, back_w = t.button_width("Start game", "@primary"), t.button_width("Back")
        subtitle = (
            "You play the United States. Pick a world, a length and how hard the other side pushes."
        )
        self.head = heading(
            t, self.size, "New game", subtitle if tall else "", right=start_w + back_w + t.px(24)
        )
        pad = t.px(28)
        actions = self.head.actions
        start = pygame.Rect(actions.right - start_w, actions.y, start_w, actions.height)
        self.button(
            pygame.Rect(start.x - back_w - t.px(10), actions.y, back_w, actions.height),
            "Back",
            self.back,
            key="Back",
        )
        self.button(
            start,
            "Start game",
            self.start,
            key="Start",
            object_id="@primary",
            tooltip="Start with these choices. The world is prepared in a few seconds.",
        )
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        left, right = layout.columns(body, [1, 1], t.px(28))
        self.steppers = self._right_height(right, with_lenses=False) > right.height
        self.lens_left = not self.steppers and self._right_height(right) > right.height
        self._scenarios(left)
        self._choices(right)
        self._describe()
        for item in self.focus.items:
            if item.label == "Start":
                self.focus.focus_item(item)

    def _title(self, y: int, x: int, width: int, words: str) -> int:
        font = self.theme.font("large", bold=True)
        self.titles.append(
            Label(
                words, pygame.Rect(x, y, width, font.get_linesize()), font, self.theme.palette.text
            )
        )
        return y + font.get_linesize() + self.theme.px(4)

    def _scenarios(self, area: pygame.Rect) -> None:
        t = self.theme
        self.titles: list[Label] = []
        y = self._title(area.y, area.x, area.width, "Scenario")
        options = [(e.name, e.title) for e in self.entries]
        if self.scenario not in {e.name for e in self.entries}:  # a file from the command line
            options.append((self.scenario, self.scenario))
        height = t.px(40)
        for name, title in options:
            button = self.button(
                pygame.Rect(area.x, y, area.width, height),
                title,
                lambda n=name: self.pick("scenario", n),
                key=f"scenario:{name}",
            )
            if name == self.scenario:
                button.select()
            y += height + t.px(6)
        if self.lens_left:  # the choices' column is too low for the lenses too
            y = self._lens_choices(_scenario(self.scenario), area, y + t.px(8), height, t.px(8))
        self.about = pygame.Rect(area.x, y + t.px(4), area.width, area.bottom - y - t.px(4))

    def _choices(self, area: pygame.Rect) -> None:
        t = self.theme
        gap = t.px(8)
        height = t.px(40)
        scenario = _scenario(self.scenario)
        if self.steppers:
            self._team(area, self._steppers(area, scenario))
            return
        y = self._title(area.y, area.x, area.width, "Length")
        wordings = []
        for preset in PRESETS.values():
            turns = planned(scenario, preset).turns if scenario else None
            title = preset.title
            wordings.append([f"{title}, {turns} turns", f"{title} ({turns})"] if turns else [title])
        cells, used = layout.choices(
            t, pygame.Rect(area.x, y, area.width, 0), wordings, height, gap
        )
        for preset, cell, words in zip(PRESETS.values(), cells, wordings, strict=True):
            button = self.button(
                cell,
                words,
                lambda n=preset.name: self.pick("preset", n),
                key=f"preset:{preset.name}",
                tooltip=f"{preset.title}: {self._length(preset.name)}.",
            )
            if preset.name == self.preset:
                button.select()
        y = self._title(y + used + t.px(14), area.x, area.width, "Difficulty")
        levels = [[level.title] for level in DIFFICULTIES.values()]
        cells, used = layout.choices(t, pygame.Rect(area.x, y, area.width, 0), levels, height, gap)
        for level, cell in zip(DIFFICULTIES.values(), cells, strict=True):
            button = self.button(
                cell,
                level.title,
                lambda n=level.name: self.pick("difficulty", n),
                key=f"difficulty:{level.name}",
                tooltip=level.description,
            )
            if level.name == self.difficulty:
                button.select()
        y += used + t.px(14)
        if not self.lens_left:
            y = self._lens_choices(scenario, area, y, height, gap)
        self._team(area, y)

    def _steppers(self, area: pygame.Rect, scenario: Scenario | None) -> int:
        """On a low screen, each choice is one row, < Sprint (8) >; returns the y below."""
        t = self.theme
        height, gap = t.px(40), t.px(8)
        presets = [
            (p.name, f"{p.title} ({planned(scenario, p).turns})" if scenario else p.title)
            for p in PRESETS.values()
        ]
        levels = [(d.name, d.title) for d in DIFFICULTIES.values()]
        found = [(c.id, c.title) for c in lenses(scenario).values()] if scenario else []
        rows = [("Length", "preset", presets), ("Difficulty", "difficulty", levels)]
        if found:
            if self.lens not in {key for key, _ in found}:
                self.lens = found[0][0]
            rows.append(("Judged by", "lens", found))
        bold = t.font("body", bold=True)
        caption_w = max(bold.size(caption)[0] for caption, _, _ in rows) + t.px(12)
        y = area.y
        for caption, what, options in rows:
            row = pygame.Rect(area.x, y, area.width, height)
            box = pygame.Rect(row.x, row.y, caption_w, height)
            self.titles.append(Label(caption, box, bold, t.palette.text))
            _, rest = layout.cut_left(row, caption_w)
            arrow = t.px(40)
            left, rest = layout.cut_left(rest, arrow, t.px(6))
            middle, right = layout.cut_right(rest, arrow, t.px(6))
            keys = [key for key, _ in options]
            index = keys.index(getattr(self, what)) if getattr(self, what) in keys else 0
            for button, step, sign in ((left, -1, "<"), (right, 1, ">")):
                self.button(
                    button,
                    sign,
                    lambda w=what, k=keys, i=index, s=step: self.step(w, k[(i + s) % len(k)], s),
                    key=f"{what}:{'next' if step > 0 else 'prev'}",
                    tooltip=f"{caption}: the {'next' if step > 0 else 'previous'} choice",
                )
            small = t.font("small", bold=True)
            words = layout.fit(small, [options[index][1]], middle.width - t.px(12))
            self.titles.append(Label(words, middle, small, t.palette.text, "center"))
            y += height + gap
        return y + t.px(6)

    def step(self, what: str, value: str, step: int) -> None:
        """A stepper's choice, keeping the focus on the arrow pressed."""
        self.pick(what, value)
        for item in self.focus.items:
            if item.label == f"{what}:{'next' if step > 0 else 'prev'}":
                self.focus.focus_item(item)

    def _team(self, area: pygame.Rect, y: int) -> None:
        """The team box (one name, or several for a hot-seat class) and the error's room."""
        t = self.theme
        y = self._title(y, area.x, area.width, "Team name")
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(area.x, y, area.width, t.px(44)),
            manager=self.ui,
            placeholder_text="e.g. Table 3 (or Red, Blue)",
        )
        self.entry.set_text_length_limit(120)  # room for six teams' names
        self.entry.set_text(self.team)
        typing_focus(
            self,
            self.entry,
            "team",
            "A name for your team: it goes on the debrief and the save file. Several names "
            "separated by commas (2 to 6) start a hot-seat class: the teams take turns at "
            "this window, each with its own game, budget and save.",
        )
        self.errors = pygame.Rect(
            area.x,
            self.entry.rect.bottom + t.px(12),
            area.width,
            area.bottom - self.entry.rect.bottom - t.px(12),
        )

    def _right_height(self, area: pygame.Rect, with_lenses: bool = True) -> int:
        """What the choices' column needs with the lenses in it: titles, rows of options,
        the team box and a line for an error."""
        t = self.theme
        scenario = _scenario(self.scenario)
        height, gap = t.px(40), t.px(8)
        rows: list[list[list[str]]] = [
            [[p.title] for p in PRESETS.values()],
            [[d.title] for d in DIFFICULTIES.values()],
        ]
        found = list(lenses(scenario).values()) if scenario and with_lenses else []
        if found:
            rows.append([[c.title] for c in found])
        title = t.font("large", bold=True).get_linesize() + t.px(4)
        need = 0
        for words in rows:
            _, used = layout.choices(t, pygame.Rect(area.x, 0, area.width, 0), words, height, gap)
            need += title + used + t.px(14)
        return need + title + t.px(44) + t.px(12) + t.font("body").get_linesize()

    def _lens_choices(
        self, scenario: Scenario | None, area: pygame.Rect, y: int, height: int, gap: int
    ) -> int:
        """Buttons for the scorecard's lenses (standard first); the y below them."""
        choices = list(lenses(scenario).values()) if scenario else []
        if not choices:
            return y
        if self.lens not in {c.id for c in choices}:
            self.lens = choices[0].id
        y = self._title(y, area.x, area.width, "Judged by")
        words = [[c.title] for c in choices]
        cells, used = layout.choices(
            self.theme, pygame.Rect(area.x, y, area.width, 0), words, height, gap
        )
        for lens, cell in zip(choices, cells, strict=True):
            button = self.button(
                cell,
                lens.title,
                lambda n=lens.id: self.pick("lens", n),
                key=f"lens:{lens.id}",
                tooltip=f"Judged as: {lens.description}",
            )
            if lens.id == self.lens:
                button.select()
        return y + used + self.theme.px(14)

    def _length(self, preset: str) -> str:
        scenario = _scenario(self.scenario)
        if scenario is None:
            return PRESETS[preset].minutes
        return planned(scenario, PRESETS[preset]).sentence()

    def _describe(self) -> None:
        """The description box: the scenario, its goals, and what the choices will play."""
        t = self.theme
        p = t.palette
        column = Column.at(layout.inset(self.about, t.px(14), t.px(10)), t)
        entry = next((e for e in self.entries if e.name == self.scenario), None)
        scenario = _scenario(self.scenario)
        y = column.wrapped(
            getattr(entry, "title", self.scenario), t.font("large", bold=True), p.text, 0
        )
        about = getattr(entry, "description", f"Scenario file: {self.scenario}")
        y = column.wrapped(about, t.font("body"), p.muted_text, y + t.px(4)) + t.px(10)
        bold, small = t.font("small", bold=True), t.font("small")
        y = column.wrapped("This game", bold, p.text, y)
        y = column.wrapped(
            f"{PRESETS[self.preset].title}: {self._length(self.preset)}.", small, p.text, y
        )
        level = DIFFICULTIES[self.difficulty]
        y = column.wrapped(f"{level.title}: {level.description}", small, p.text, y)
        chosen = lenses(scenario).get(self.lens) if scenario else None
        if chosen is not None:
            y = column.wrapped(f"Judged as {chosen.title}: {chosen.description}", small, p.text, y)
        y += t.px(10)
        if scenario is None and (problem := _load_problem(self.scenario)):
            y = column.wrapped("This file cannot be played", bold, p.bad_text, y)
            y = column.wrapped(problem, small, p.text, y) + t.px(10)
        goals = [o.title for o in scenario.objectives] if scenario else []
        if goals:
            y = column.wrapped("Your goals", bold, p.text, y)
            for goal in goals:
                y = column.wrapped(f"- {goal}", small, p.text, y) + t.px(2)
        column.finish(y)
        self.description = column
        self.error_column = Column.at(self.errors, t)
        if self.error:
            self.error_column.finish(
                self.error_column.wrapped(self.error, t.font("body"), p.bad_text, 0)
            )

    def pick(self, what: str, value: str) -> None:
        self.team = self.entry.get_text()
        setattr(self, what, value)
        self.app.ui.clear_and_reset()
        self.build()
        for item in self.focus.items:
            if item.label == f"{what}:{value}":
                self.focus.focus_item(item)

    def hotspots(self) -> list[Hotspot]:
        return self.description.hotspots()

    def handle(self, event: pygame.event.Event) -> bool:
        step = self.theme.px(40)
        mouse = pygame.mouse.get_pos()
        if event.type == pygame.MOUSEWHEEL and not self.description.area.rect.collidepoint(mouse):
            return False
        return self.description.area.handle(event, step)

    # --- actions ------------------------------------------------------------------------------

    def start(self) -> None:
        if self.job is not None:
            return
        self.team = self.entry.get_text().strip()
        try:
            names = team_names(self.team)
        except TeamsError as error:
            self.error = f"{self.failure}: {error}"
            self.failed()
            return
        if len(names) > 1:  # a hot-seat class: every team's game, the first team plays
            job = start_teams(
                names, self.scenario, self.seed, self.preset, self.difficulty, self.lens
            )
        else:
            job = match.start(
                self.scenario, self.seed, self.preset, self.difficulty, self.team, self.lens
            )
        self.open(job)

    def failed(self) -> None:
        self._describe()

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        self.head.draw(surface, t)
        for label in self.titles:
            label.draw(surface)
        draw.panel(surface, self.about, p.panel, p.border, t.px(10))
        self.description.draw(surface)
        self.error_column.draw(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            waiting(
                surface,
                self.theme,
                "Preparing the world",
                "Building the model and its no-new-policy baseline…",
                None,
            )
