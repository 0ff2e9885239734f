"""The turn summary: your moves and what they did, the changes that mattered most and why,
and what to watch next turn (`story.py`); every line of the report one click away (A).

Two scrolling columns where the window is wide enough, one where it is not; either way
every line can be reached, with the mouse wheel or Page Up and Page Down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import glossary, layout, story
from rare_earth_game.ui.column import Column, Figure, Mark
from rare_earth_game.ui.panels.ticker import news, tone_colour
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes.common import heading

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match


class SummaryScene(Scene):
    pausable = True

    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game
        self.full = False
        """Every line of the report, rather than the story of the turn."""

    def layout(self) -> None:
        t = self.theme
        report = self.match.report
        width, height = self.size
        finished = self.match.session.finished
        if self.match.rotation is not None:
            words = ["Next team (Enter)", "Next (Enter)"]
        elif finished:
            words = ["See the debrief (Enter)", "Debrief (Enter)"]
        else:
            words = ["Back to the map (Enter)", "Back (Enter)"]
        toggle = ["Short summary (A)", "Short (A)"] if self.full else ["Every line (A)", "All (A)"]
        button_w = min(t.button_width(words[0], "@primary"), width // 3)
        toggle_w = min(t.button_width(toggle[0]), width // 4)
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
            right=button_w + toggle_w + t.px(24),
        )
        pad = t.px(28)
        actions = self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0)
        left, button = layout.cut_right(actions, button_w, t.px(12))
        self.button(button, words, self.next, key="continue", object_id="@primary")
        if report is not None:
            self.button(
                left,
                toggle,
                self.toggle,
                key="every line",
                tooltip="Every line the game explains this turn, or back to the short summary",
            )
            self.shortcuts[pygame.K_a] = self.toggle
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        wide = layout.logical(t, self.size)[0] >= 900
        if wide:
            left, right = layout.columns(body, [0.56, 0.44], t.px(28))
            self.columns = [Column.at(left, t), Column.at(right, t)]
        else:
            self.columns = [Column.at(body, t)]
        if not self.full and report is not None:
            self._story(story.tell(self.match.session, report), wide)
        else:
            self._everything(wide)
        self.focus.set(0)

    def toggle(self) -> None:
        """Between the short summary and every line, keeping the focus on the button."""
        self.full = not self.full
        self.app.ui.clear_and_reset()
        self.build()
        for item in self.focus.items:
            if item.label == "every line":
                self.focus.focus_item(item)

    def _story(self, told: story.Story, wide: bool) -> None:
        """Your moves, then the ranked changes (left); what to watch (right, or below)."""
        t = self.theme
        first = self.columns[0]
        y = self._lines(first, 0, "Your moves and what they did", told.moves)
        more = f" ({told.hidden} more under Every line)" if told.hidden else ""
        y = self._lines(
            first,
            y,
            "What changed most" + more,
            told.changes or [story.Line("Nothing else changed enough to tell.")],
        )
        column = self.columns[1] if wide else first
        start = 0 if wide else y
        watch = told.watch or [story.Line("Nothing in particular: play your plan.")]
        end = self._lines(column, start, "What to watch next turn", watch)
        if wide:
            first.finish(y)
            column.finish(end)
        else:
            first.finish(end + t.px(8))

    def _lines(self, column: Column, y: int, title: str, lines: list[story.Line]) -> int:
        """A heading and its lines, each behind an icon in its tone; returns the y below."""
        t = self.theme
        p = t.palette
        y = column.wrapped(title, t.font("large", bold=True), p.text, y) + t.px(6)
        body = t.font("body")
        for line in lines:
            icon = pygame.Rect(0, y + body.get_linesize() // 2 - t.px(12), t.px(24), t.px(24))
            column.mark(Mark("icon", icon, tone_colour(t, line.tone), shape=line.kind))
            bottom = column.wrapped(line.text, body, p.text, y, t.px(36))
            tip = line.detail or glossary.explain(line.text)
            column.tip(pygame.Rect(0, y, column.width, bottom - y), tip)
            y = bottom + t.px(10)
        return y + t.px(14)

    def _everything(self, wide: bool) -> None:
        """Every line of the report, as the report has it."""
        t = self.theme
        y = self._why(self.columns[0], 0)
        if wide:
            self.columns[0].finish(y)
            self.columns[1].finish(self._rest(self.columns[1], 0))
        else:
            self.columns[0].finish(self._rest(self.columns[0], y + t.px(16)))

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
