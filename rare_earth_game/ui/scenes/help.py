"""Help: how to play, the glossary, and every keyboard key."""

from __future__ import annotations

import pygame

from rare_earth_game.ui import draw, glossary, text
from rare_earth_game.ui.scene import PagedScene
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.scroll import ScrollArea

PAGES = (("play", "How to play"), ("glossary", "Glossary"), ("keys", "Keys"))


class HelpScene(PagedScene):
    pages = PAGES

    def __init__(self, app: object, page: str = "play") -> None:
        super().__init__(app, page)  # type: ignore[arg-type]

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        y = t.px(104)
        self.tabs(t.px(40), y, t.px(190))
        top = y + t.px(64)
        self.area = ScrollArea(
            pygame.Rect(t.px(40), top, width - t.px(80), height - top - t.px(100))
        )
        self.area.content_height = self._content(None)
        self.button(
            pygame.Rect(t.px(40), height - t.px(84), t.px(200), t.px(58)),
            "Back",
            self.back,
            key="Back",
            object_id="@primary",
        )
        self.shortcuts[pygame.K_DOWN] = lambda: self.area.scroll(t.px(40))
        self.shortcuts[pygame.K_UP] = lambda: self.area.scroll(-t.px(40))
        if self.focus.current is None:
            self.focus.set(len(self.focus.items) - 1)

    def back(self) -> None:
        self.app.pop()

    def handle(self, event: pygame.event.Event) -> bool:
        return self.area.handle(event, self.theme.px(60))

    def _content(self, surface: pygame.Surface | None) -> int:
        """Draw (or measure, with None) the page's text; returns its height."""
        t = self.theme
        p = t.palette
        area = self.area.rect
        width = area.width - t.px(24)
        body, bold = t.font("body"), t.font("body", bold=True)
        y = 0
        origin = area.y - self.area.offset

        def block(
            words: str,
            font: pygame.font.Font,
            colour: tuple[int, int, int],
            x: int = 0,
            w: int = width,
        ) -> int:
            height = text.measure(words, font, w)
            if surface is not None and origin + y + height > area.y and origin + y < area.bottom:
                text.paragraph(
                    surface, words, font, colour, pygame.Rect(area.x + x, origin + y, w, height)
                )
            return height

        if self.page == "play":
            for words in glossary.HOW_TO_PLAY:
                y += block(words, body, p.text) + t.px(16)
        elif self.page == "glossary":
            term_w = t.px(230)
            for term, meaning in glossary.GLOSSARY.items():
                h = max(
                    block(term, bold, p.text, 0, term_w - t.px(12)),
                    block(meaning, body, p.text, term_w, width - term_w),
                )
                y += h + t.px(14)
        else:
            key_w = t.px(260)
            for keys, meaning in glossary.SHORTCUTS:
                if surface is not None and area.y <= origin + y < area.bottom:
                    box = pygame.Rect(area.x, origin + y, key_w - t.px(20), t.px(38))
                    draw.panel(surface, box, p.raised, p.border, t.px(8))
                    text.line(surface, keys, bold, p.text, box, "center")
                block(meaning, body, p.text, key_w, width - key_w)
                y += t.px(50)
        return y

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.palette.bg)
        heading(surface, t, "Help")
        clip = surface.get_clip()
        surface.set_clip(self.area.rect)
        self._content(surface)
        surface.set_clip(clip)
        self.area.draw_bar(surface, t)
