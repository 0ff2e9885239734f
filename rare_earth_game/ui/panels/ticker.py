"""The news ticker: the last turn's headlines and alerts (a briefing before the first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.game.report import Sentence
from rare_earth_game.ui import draw, layout, text
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.theme import Colour, Theme

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match

SECONDS_EACH = 7.0
"""How long the still ticker shows each headline."""


def tone_colour(theme: Theme, tone: str) -> Colour:
    p = theme.palette
    return {"good": p.good_text, "bad": p.bad_text}.get(tone, p.ally)


def news(game: Match) -> list[Sentence]:
    """The teacher's announcements for this turn, then the latest report's headlines and
    alerts, each said once; a briefing before turn 1."""
    titles = {event.id: event.title for event in game.session.scenario.events}
    announced = [
        Sentence("event", f"Announced: {titles.get(e, e)}. It happens as this turn is played.")
        for e in game.announce
    ]
    return announced + _latest(game)


def _latest(game: Match) -> list[Sentence]:
    report = game.report
    if report is None:
        session = game.session
        return [
            Sentence(
                "event", f"Welcome, {session.team or 'strategist'}: the year is {session.date}."
            ),
            Sentence("market", "The map shows the opening quarter's trade: who ships to whom."),
            Sentence(
                "action", "Choose investments, then press End turn. Press R for the briefing."
            ),
        ]
    seen: set[str] = set()
    items = []
    for sentence in [*report.headlines, *report.alerts]:
        if sentence.text not in seen:
            seen.add(sentence.text)
            items.append(sentence)
    return items[:14]


class Ticker(Panel):
    def __init__(self, scene: object, game: Match) -> None:
        super().__init__(scene, game)  # type: ignore[arg-type]
        self.x = 0.0
        self.time = 0.0
        self.moving = True

    def layout(self, rect: pygame.Rect) -> None:
        super().layout(rect)
        t = self.theme
        small = t.font("small", bold=True)
        words = "NEWS" if self.match.report else "BRIEFING"
        self.label_rect = pygame.Rect(rect.x, rect.y, small.size(words)[0] + t.px(28), rect.height)
        self.label = words
        self.lane = layout.inset(
            pygame.Rect(
                self.label_rect.right, rect.y, rect.width - self.label_rect.width, rect.height
            ),
            t.px(12),
            0,
        )
        self.items = news(self.match)
        font = t.font("body")
        self.widths = [font.size(s.text)[0] + t.px(34) for s in self.items]
        self.cycle = sum(self.widths) + t.px(60) * len(self.widths)
        tip = "This turn's news. Press R to read the full summary again."
        self.spots = [Hotspot(self.lane, tip)]

    def update(self, dt: float, moving: bool) -> None:
        """Advance the moving ticker (or the still one's clock)."""
        self.moving = moving
        self.time += dt
        if moving:
            self.x += dt * self.theme.px(70)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        pygame.draw.rect(surface, p.panel, self.rect)
        pygame.draw.line(surface, p.border, self.rect.topleft, self.rect.topright, 1)
        pygame.draw.rect(surface, p.raised, self.label_rect)
        text.line(
            surface, self.label, t.font("small", bold=True), p.text, self.label_rect, "center"
        )
        if not self.items:
            return
        font = t.font("body")
        lane = self.lane
        clip = surface.get_clip()
        surface.set_clip(lane)
        if self.moving:
            x = lane.x - (self.x % self.cycle)
            for _ in range(2):
                for sentence, width in zip(self.items, self.widths, strict=True):
                    if x + width > lane.x and x < lane.right:
                        self._sentence(surface, sentence, round(x), lane.right - round(x))
                    x += width + t.px(60)
        else:
            index = int(self.time // SECONDS_EACH) % len(self.items)
            sentence = self.items[index]
            shown = text.wrap(
                f"{sentence.text}  ({index + 1}/{len(self.items)})", font, lane.width - t.px(34)
            )[0]
            self._sentence(
                surface, Sentence(sentence.kind, shown, sentence.tone), lane.x, lane.width
            )
        surface.set_clip(clip)

    def _sentence(self, surface: pygame.Surface, sentence: Sentence, x: int, room: int) -> None:
        t = self.theme
        font = t.font("body")
        lane = self.lane
        colour = tone_colour(t, sentence.tone)
        draw.sentence_icon(surface, sentence.kind, (x + t.px(12), lane.centery), t, colour)
        box = pygame.Rect(x + t.px(30), lane.y, font.size(sentence.text)[0], lane.height)
        text.line(surface, sentence.text, font, t.palette.text, box)
