"""The turn summary: why things changed, your moves, the other nations' moves, key numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import draw, glossary, text
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.scenes.turn_views import _change, _number, news, tone_colour
from rare_earth_game.ui.scroll import ScrollArea

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match


class SummaryScene(Scene):
    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        x = t.px(40)
        self.top = t.px(118)
        bottom = height - t.px(96)
        left_w = round((width - 3 * x) * 0.56)
        self.why = ScrollArea(
            pygame.Rect(x, self.top + t.px(44), left_w, bottom - self.top - t.px(44))
        )
        self.right = pygame.Rect(
            2 * x + left_w, self.top, width - 3 * x - left_w, bottom - self.top
        )
        self.why.content_height = self._why_height()
        finished = self.match.session.finished
        label = "See the debrief (Enter)" if finished else "Back to the map (Enter)"
        self.button(
            pygame.Rect(width - x - t.px(340), height - t.px(80), t.px(340), t.px(58)),
            label,
            self.next,
            key="continue",
            object_id="@primary",
        )
        self.focus.set(0)

    def next(self) -> None:
        if self.match.session.finished:
            from rare_earth_game.ui.scenes.debrief import DebriefScene

            self.app.scenes.pop()  # the summary
            self.app.replace(DebriefScene(self.app, self.match))
        else:
            self.app.pop()

    def back(self) -> None:
        self.next()

    def handle(self, event: pygame.event.Event) -> bool:
        return self.why.handle(event, self.theme.px(60))

    def _name(self, nation: str) -> str:
        found = self.match.world.nations.get(nation)
        return found.name if found else nation

    def _items(self) -> list[tuple[str, str, str]]:
        report = self.match.report
        items = [(s.kind, s.tone, s.text) for s in news(self.match)]
        if report is not None:
            for result in report.actions:
                if not result.accepted:
                    items.insert(0, ("action", "bad", f"Not done: {result.message}"))
        return items

    def _why_height(self) -> int:
        t = self.theme
        width = self.why.rect.width - t.px(60)
        return sum(text.measure(s, t.font("body"), width) + t.px(14) for _, _, s in self._items())

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        report = self.match.report
        session = self.match.session
        if report is None:
            return
        saved = (
            "autosaved" if self.match.saved and not self.match.save_error else self.match.save_error
        )
        heading(
            surface,
            t,
            f"{report.date}: what happened",
            f"Turn {report.turn + 1} of {session.turns} · {saved}",
        )
        big = t.font("large", bold=True)
        text.line(
            surface,
            "Why things changed",
            big,
            p.text,
            pygame.Rect(self.why.rect.x, self.top, self.why.rect.width, big.get_height()),
        )
        area = self.why
        clip = surface.get_clip()
        surface.set_clip(area.rect)
        y = area.rect.y - area.offset
        body = t.font("body")
        for kind, tone, words in self._items():
            height = text.measure(words, body, area.rect.width - t.px(60))
            if y + height > area.rect.y and y < area.rect.bottom:
                draw.sentence_icon(
                    surface,
                    kind,
                    (area.rect.x + t.px(16), y + body.get_height() // 2 + 1),
                    t,
                    tone_colour(t, tone),
                )
                text.paragraph(
                    surface,
                    words,
                    body,
                    p.text,
                    pygame.Rect(area.rect.x + t.px(40), y, area.rect.width - t.px(60), height),
                )
                terms = glossary.explain(words)
                if terms:
                    self.hotspots.append(
                        Hotspot(
                            pygame.Rect(area.rect.x, y, area.rect.width, height).clip(area.rect),
                            terms,
                        )
                    )
            y += height + t.px(14)
        surface.set_clip(clip)
        area.draw_bar(surface, t)
        self._draw_right(surface)

    def _bullets(
        self,
        surface: pygame.Surface,
        inner: pygame.Rect,
        y: int,
        title: str,
        lines: list[str],
        shape: str,
        colour: tuple[int, int, int],
    ) -> int:
        """A heading and its lines, each behind a marker; returns the y below them."""
        t = self.theme
        p = t.palette
        big, small = t.font("large", bold=True), t.font("small")
        text.line(
            surface, title, big, p.text, pygame.Rect(inner.x, y, inner.width, big.get_height())
        )
        y += big.get_height() + t.px(6)
        for words in lines:
            h = text.measure(words, small, inner.width - t.px(26))
            centre = (inner.x + t.px(8), y + small.get_height() // 2 + 1)
            draw.marker(surface, shape, centre, t.px(7), colour, p.bg, 1)
            area = pygame.Rect(inner.x + t.px(26), y, inner.width - t.px(26), h)
            text.paragraph(surface, words, small, p.text, area)
            y += h + t.px(4)
        return y + t.px(10)

    def _draw_right(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        report = self.match.report
        assert report is not None
        box = self.right
        draw.panel(surface, box, p.panel, p.border, t.px(12))
        inner = box.inflate(-t.px(32), -t.px(24))
        big, small = t.font("large", bold=True), t.font("small")
        y = inner.y
        accepted = [r.message for r in report.actions if r.accepted]
        y = self._bullets(
            surface,
            inner,
            y,
            "Your moves",
            accepted[:4] or ["You made no new moves this turn."],
            "pentagon",
            p.good_text,
        )
        moves = [f"{self._name(d.nation)} {d.action}: {d.reason}." for d in report.ai]
        y = self._bullets(
            surface,
            inner,
            y,
            "What other nations did",
            moves[:3] or ["No nation changed its policy this turn."],
            "triangle",
            p.bad_text if moves else p.muted_text,
        )
        text.line(
            surface,
            "What changed",
            big,
            p.text,
            pygame.Rect(inner.x, y, inner.width, big.get_height()),
        )
        y += big.get_height() + t.px(4)
        row = t.px(30)
        for number in report.numbers:
            if y + row > inner.bottom:
                break
            line_box = pygame.Rect(inner.x, y, inner.width, row)
            value_w, change_w = t.px(92), t.px(84)
            label_w = inner.width - value_w - change_w - t.px(8)
            text.line(
                surface,
                text.ellipsize(number.label, small, label_w),
                small,
                p.text,
                pygame.Rect(inner.x, y, label_w, row),
            )
            text.line(
                surface,
                _number(number.value, number.unit),
                t.font("small", bold=True),
                p.text,
                pygame.Rect(inner.x + label_w, y, value_w, row),
                "right",
            )
            _change(surface, t, number, pygame.Rect(inner.right - change_w, y, change_w, row))
            self.hotspots.append(Hotspot(line_box, f"{number.explanation} {number.why}".strip()))
            y += row
