"""Load a game: the saved games on this computer, or any save file by its path.

As many saved games as the window has room for are listed, newest first, with buttons to
page to older ones; each button says as much of the game's note (team, scenario, turn,
when saved) as fits, and its tooltip says all of it.
"""

from __future__ import annotations

import pygame
import pygame_gui

from rare_earth_game.ui import layout, match, saves, text
from rare_earth_game.ui.column import Column
from rare_earth_game.ui.scene import typing_focus
from rare_earth_game.ui.scenes.common import heading, waiting
from rare_earth_game.ui.scenes.opening import OpeningScene
from rare_earth_game.ui.text import Label


class LoadScene(OpeningScene):
    failure = "This file cannot be loaded"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.page = 0

    def layout(self) -> None:
        t = self.theme
        p = t.palette
        width, height = self.size
        tall = layout.logical(t, self.size)[1] >= 500
        back_w = t.button_width("Back", "@primary")
        subtitle = "Games on this computer, newest first, or any save file." if tall else ""
        self.head = heading(t, self.size, "Load a game", subtitle, right=back_w + t.px(12))
        pad = t.px(28)
        self.button(
            self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0),
            "Back",
            self.back,
            key="Back",
            object_id="@primary",
        )
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        big = t.font("large", bold=True)
        row = t.px(44)
        path_h = big.get_linesize() + row + t.px(12) + 3 * t.font("body").get_linesize()
        games, path = layout.cut_bottom(body, path_h, t.px(16))
        self.list_title = pygame.Rect(games.x, games.y, games.width, max(big.get_linesize(), row))
        self.labels = [Label("Saved games", self.list_title, big, p.text)]
        below = self.list_title.bottom + t.px(6)
        self._games(pygame.Rect(games.x, below, games.width, games.bottom - below))
        self.labels.append(
            Label(
                "Open a save file",
                pygame.Rect(path.x, path.y, path.width, big.get_linesize()),
                big,
                p.text,
            )
        )
        entry_row = pygame.Rect(path.x, path.y + big.get_linesize() + t.px(6), path.width, row)
        field, open_rect = layout.cut_right(entry_row, t.button_width("Open") + t.px(20), t.px(10))
        self.entry = pygame_gui.elements.UITextEntryLine(
            field, manager=self.ui, placeholder_text="/path/to/a/save" + saves.SAVE_SUFFIX
        )
        typing_focus(
            self,
            self.entry,
            "path",
            "Type or paste the path of a save file, then press Tab and Enter on Open.",
        )
        self.button(open_rect, "Open", lambda: self.load(self.entry.get_text().strip()), key="Open")
        self.errors = Column.at(
            pygame.Rect(
                path.x,
                entry_row.bottom + t.px(8),
                path.width,
                path.bottom - entry_row.bottom - t.px(8),
            ),
            t,
        )
        self.failed()
        if self.focus.current is None:
            self.focus.set(0)

    def _games(self, area: pygame.Rect) -> None:
        t = self.theme
        p = t.palette
        games = saves.listed()
        row, gap = t.px(44), t.px(8)
        if not games:
            body = t.font("body")
            words = "No saved games yet: they appear after your first turn."
            for i, line in enumerate(text.wrap(words, body, area.width)):
                box = pygame.Rect(
                    area.x, area.y + i * body.get_linesize(), area.width, body.get_linesize()
                )
                self.labels.append(Label(line, box, body, p.muted_text))
            return
        per_page = max(1, (area.height + gap) // (row + gap))
        pages = -(-len(games) // per_page)
        self.page = min(self.page, pages - 1)
        shown = games[self.page * per_page : (self.page + 1) * per_page]
        for i, info in enumerate(shown):
            rect = pygame.Rect(area.x, area.y + i * (row + gap), area.width, row)
            team = info.team or "Unnamed team"
            state = "finished" if info.finished else f"turn {info.turn + 1} of {info.turns}"
            self.button(
                rect,
                [info.title, f"{team} · {info.scenario} · {state}", f"{team} · {state}", team],
                lambda path=info.path: self.load(path),
                key=f"save:{info.path}",
                tooltip=f"{info.title}\n{info.path}",
            )
        if pages > 1:  # on the title's row, at its right
            later = len(games) - (self.page + 1) * per_page
            right = self.list_title.right
            for words, step, enabled in (
                ([f"Older ({later} more)", "Older"], 1, self.page < pages - 1),
                (["Newer"], -1, self.page > 0),
            ):
                if enabled:
                    w = t.button_width(words[-1]) + t.px(8)
                    cell = pygame.Rect(right - w, self.list_title.y, w, self.list_title.height)
                    self.button(cell, words, lambda s=step: self.turn_page(s), key=f"page:{step}")
                    right -= w + gap

    def turn_page(self, step: int) -> None:
        self.page += step
        self.app.ui.clear_and_reset()
        self.build()

    def load(self, path: str) -> None:
        if self.job is None and path:
            self.open(match.resume(path))

    def failed(self) -> None:
        column = self.errors
        column.labels.clear()
        if self.error:
            column.finish(
                column.wrapped(self.error, self.theme.font("body"), self.theme.palette.bad_text, 0)
            )

    def handle(self, event: pygame.event.Event) -> bool:
        return (
            self.errors.area.handle(event, self.theme.px(40))
            if event.type == pygame.MOUSEWHEEL
            else False
        )

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        for label in self.labels:
            label.draw(surface)
        self.errors.draw(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            waiting(
                surface,
                self.theme,
                "Loading the game",
                "Replaying every turn and checking it…",
                None,
            )
