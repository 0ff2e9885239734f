"""A clipped, scrollable column for custom-drawn content (cards, reports, help text)."""

from __future__ import annotations

import pygame

from rare_earth_game.ui.theme import Theme


class ScrollArea:
    def __init__(self, rect: pygame.Rect) -> None:
        self.rect = rect
        self.offset = 0
        self.content_height = 0

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def scroll(self, pixels: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + pixels))

    def reveal(self, top: int, bottom: int) -> None:
        """Scroll so content rows top..bottom (content coordinates) are visible."""
        if top < self.offset:
            self.offset = top
        elif bottom > self.offset + self.rect.height:
            self.offset = min(top, bottom - self.rect.height)
        self.scroll(0)

    def handle(self, event: pygame.event.Event, step: int) -> bool:
        """Mouse wheel over the area, or Page Up / Page Down."""
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll(-event.y * step)
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            page = self.rect.height - step
            self.scroll(page if event.key == pygame.K_PAGEDOWN else -page)
            return True
        return False

    def draw_bar(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.max_offset <= 0 or self.rect.height <= 0:
            return
        p = theme.palette
        track = pygame.Rect(
            self.rect.right - theme.px(6), self.rect.y, theme.px(6), self.rect.height
        )
        pygame.draw.rect(surface, p.raised, track, border_radius=track.width // 2)
        length = max(theme.px(30), round(track.height * self.rect.height / self.content_height))
        top = track.y + round((track.height - length) * self.offset / self.max_offset)
        pygame.draw.rect(
            surface,
            p.muted_text,
            (track.x, top, track.width, length),
            border_radius=track.width // 2,
        )
