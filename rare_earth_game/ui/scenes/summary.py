"""The turn summary: why things changed, your moves, the other nations' moves, key numbers.

Two scrolling columns where the window is wide enough, one where it is not; either way
every line can be reached, with the mouse wheel or Page Up and Page Down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import glossary, layout
from rare_earth_game.ui.column import Column, Figure, Mark
from rare_earth_game.ui.panels.ticker import news, tone_colour
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes.common import heading

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match


class SummaryScene(Scene):
    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game

    def layout(self) -> None:
        t = self.theme
        report = self.match.report
        width, height = self.size
        finished = self.match.session.finished
        words = (
            ["See the debrief (Enter)", "Debrief (Enter)"]
            if finished
            else ["Back to the map (Enter)", "Back (Enter)"]
        )
        button_w = min(t.button_width(words[0], "@primary"), width // 2)
        saved = (
            "autosaved" if self.match.saved and not self.match.save_error else self.match.save_error
        )
        date = report.date if report else self.match.session.date
        turn = (report.turn + 1) if report else 0
        self.head = heading(
            t,
            self.size,
            f"{date}: what happened",
            f"Turn {turn} of {self.match.session.turns} · {saved}",
            right=button_w + t.px(12),
        )
        pad = t.px(28)
        button = self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0)
        self.button(button, words, self.next, key="continue", object_id="@primary")
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        wide = layout.logical(t, self.size)[0] >= 900
        if wide:
            left, right = layout.columns(body, [0.56, 0.44], t.px(28))
            self.columns = [Column.at(left, t), Column.at(right, t)]
        else:
            self.columns = [Column.at(body, t)]
        y = self._why(self.columns[0], 0)
        if wide:
            self.columns[0].finish(y)
            self.columns[1].finish(self._rest(self.columns[1], 0))
        else:
            self.columns[0].finish(self._rest(self.columns[0], y + t.px(16)))
        self.focus.set(0)

    def _why(self, column: Column, y: int) -> int:
        t = self.theme
        p = t.palette
        y = column.wrapped("Why things changed", t.font("large", bold=True), p.text, y) + t.px(6)
        body = t.font("body")
        report = self.match.report
        items = [(s.kind, s.tone, s.text) for s in news(self.match)]
        if report is not None:
            items = [
                ("action", "bad", f"Not done: {r.message}")
                for r in report.actions
                if not r.accepted
            ] + items
        indent = t.px(36)
        for kind, tone, words in items:
            icon = pygame.Rect(0, y + body.get_linesize() // 2 - t.px(12), t.px(24), t.px(24))
            column.mark(Mark("icon", icon, tone_colour(t, tone), shape=kind))
            bottom = column.wrapped(words, body, p.text, y, indent)
            column.tip(pygame.Rect(0, y, column.width, bottom - y), glossary.explain(words))
            y = bottom + t.px(12)
        return y

    def _rest(self, column: Column, y: int) -> int:
        t = self.theme
        p = t.palette
        report = self.match.report
        if report is None:
            return y
        accepted = [r.message for r in report.actions if r.accepted]
        y = self._bullets(
            column,
            y,
            "Your moves",
            accepted[:4] or ["You made no new moves this turn."],
            "pentagon",
            p.good_text,
        )
        moves = [f"{self._name(d.nation)} {d.action}: {d.reason}." for d in report.ai]
        y = self._bullets(
            column,
            y,
            "What other nations did",
            moves or ["No nation changed its policy this turn."],
            "triangle",
            p.bad_text if moves else p.muted_text,
        )
        y = column.wrapped("What changed", t.font("large", bold=True), p.text, y) + t.px(4)
        for number in report.numbers:
            y = column.figure(Figure.of(number), y) + t.px(6)
        return y

    def _bullets(
        self,
        column: Column,
        y: int,
        title: str,
        lines: list[str],
        shape: str,
        colour: tuple[int, int, int],
    ) -> int:
        """A heading and its lines, each behind a marker; returns the y below them."""
        t = self.theme
        p = t.palette
        small = t.font("small")
        y = column.wrapped(title, t.font("large", bold=True), p.text, y) + t.px(4)
        for words in lines:
            marker = pygame.Rect(0, y + small.get_linesize() // 2 - t.px(7), t.px(14), t.px(14))
            column.mark(Mark("marker", marker, colour, shape=shape))
            y = column.wrapped(words, small, p.text, y, t.px(24)) + t.px(4)
        return y + t.px(10)

    def _name(self, nation: str) -> str:
        found = self.match.world.nations.get(nation)
        return found.name if found else nation

    def hotspots(self) -> list[Hotspot]:
        return [spot for column in self.columns for spot in column.hotspots()]

    def next(self) -> None:
        self.app.router.after_summary(self.match)

    def back(self) -> None:
        self.next()

    def handle(self, event: pygame.event.Event) -> bool:
        step = self.theme.px(60)
        mouse = pygame.mouse.get_pos()
        for column in self.columns:
            if event.type == pygame.MOUSEWHEEL and not column.area.rect.collidepoint(mouse):
                continue
            if column.area.handle(event, step):
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        for column in self.columns:
            column.draw(surface)
