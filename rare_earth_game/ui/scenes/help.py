"""Help: how to play, the glossary, and every keyboard key, each page a scrolling column."""

from __future__ import annotations

import pygame

from rare_earth_game.ui import glossary
from rare_earth_game.ui.column import Column, Mark
from rare_earth_game.ui.scene import PagedScene
from rare_earth_game.ui.scenes.common import heading

PAGES = (("play", "How to play"), ("glossary", "Glossary"), ("keys", "Keys"))


class HelpScene(PagedScene):
    pages = PAGES

    def __init__(self, app: object, page: str = "play") -> None:
        super().__init__(app, page)  # type: ignore[arg-type]

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        back_w = t.button_width("Back", "@primary")
        self.head = heading(t, self.size, "Help", right=back_w + t.px(12))
        pad = t.px(28)
        self.button(
            self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0),
            "Back",
            self.back,
            key="Back",
            object_id="@primary",
        )
        below = self.tabs(pygame.Rect(pad, self.head.bottom, width - 2 * pad, t.px(44)))
        body = pygame.Rect(pad, below + t.px(12), width - 2 * pad, height - below - t.px(28))
        self.column = Column.at(body, t)
        self.column.finish(
            {"play": self._play, "glossary": self._glossary, "keys": self._keys}[self.page]()
        )
        self.shortcuts[pygame.K_DOWN] = lambda: self.column.area.scroll(t.px(40))
        self.shortcuts[pygame.K_UP] = lambda: self.column.area.scroll(-t.px(40))
        if self.focus.current is None:
            for item in self.focus.items:
                if item.label == "Back":
                    self.focus.focus_item(item)

    def _play(self) -> int:
        t = self.theme
        y = 0
        for words in glossary.HOW_TO_PLAY:
            y = self.column.wrapped(words, t.font("body"), t.palette.text, y) + t.px(14)
        return y

    def _two_columns(self, rows: tuple[tuple[str, str], ...], first_w: int, boxed: bool) -> int:
        """Terms (or keys) at the left, their meanings wrapped beside them."""
        t = self.theme
        p = t.palette
        bold, body = t.font("body", bold=True), t.font("body")
        column = self.column
        narrow = column.width - first_w < t.px(260)
        y = 0
        for term, meaning in rows:
            width = column.width if narrow else first_w - t.px(16)
            if boxed:
                box = pygame.Rect(
                    0, y, min(width, bold.size(term)[0] + t.px(24)), bold.get_linesize() + t.px(6)
                )
                column.mark(Mark("box", box, p.raised))
                left = column.wrapped(
                    term, bold, p.text, y + t.px(3), t.px(12), box.width - t.px(24)
                ) + t.px(3)
            else:
                left = column.wrapped(term, bold, p.text, y, 0, width)
            start, x = (left + t.px(4), 0) if narrow else (y, first_w)
            right = column.wrapped(meaning, body, p.text, start, x)
            y = max(left, right) + t.px(14)
        return y

    def _glossary(self) -> int:
        return self._two_columns(tuple(glossary.GLOSSARY.items()), self.theme.px(230), False)

    def _keys(self) -> int:
        return self._two_columns(glossary.SHORTCUTS, self.theme.px(250), True)

    def back(self) -> None:
        self.app.router.back()

    def hotspots(self) -> list:  # type: ignore[type-arg]
        return self.column.hotspots()

    def handle(self, event: pygame.event.Event) -> bool:
        return self.column.area.handle(event, self.theme.px(60))

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        self.column.draw(surface)
