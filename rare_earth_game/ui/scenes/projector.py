"""The projector view: the map, one chart and the news, in the largest type the window allows.

For a class watching one screen: a strip with the date, the team and the timer, the map of
trade on the left, the key good's price chart on the right, the ticker along the bottom.
The app's theme is at its largest while this view is up (`App.projector`); Esc or V
returns to the game as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import layout
from rare_earth_game.ui.charts import ChartPlan, draw_chart
from rare_earth_game.ui.game_charts import chart_plan
from rare_earth_game.ui.panels.map_panel import MapPanel
from rare_earth_game.ui.panels.ticker import Ticker
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.text import Label

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match


class ProjectorScene(Scene):
    pausable = True

    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game
        self.map = MapPanel(self, game)  # type: ignore[arg-type]
        self.ticker = Ticker(self, game)
        self.chart: ChartPlan | None = None

    def layout(self) -> None:
        t = self.theme
        p = t.palette
        width, height = self.size
        big = t.font("large", bold=True)
        strip, rest = layout.cut_top(
            pygame.Rect(0, 0, width, height), big.get_linesize() + t.px(16)
        )
        body, ticker = layout.cut_bottom(rest, t.px(40))
        session = self.match.session
        inner = layout.inset(strip, t.px(16), t.px(8))
        room = self.app.classroom
        right = room.clock() if room.timer else ""
        team = session.team or "Your team"
        left = layout.fit(
            big,
            [f"{session.date} · {team}", session.date],
            inner.width - big.size(right)[0] - t.px(24),
        )
        self.labels = [Label(left, inner, big, p.text)]
        self.clock_box = pygame.Rect(
            inner.right - big.size("Time's up")[0], inner.y, big.size("Time's up")[0], inner.height
        )
        self.clock = Label(right, self.clock_box, big, p.text, "right")
        map_area, chart_area = layout.columns(layout.inset(body, t.px(10)), [0.6, 0.4], t.px(16))
        self.map.layout(map_area)
        good = self.match.world.key_goods[0] if self.match.world.key_goods else None
        self.chart = chart_plan("prices", self.match, t, chart_area, good)
        self.ticker.layout(ticker)
        self.shortcuts[pygame.K_v] = self.back

    def rebuild(self, focus: str | None = None) -> None:
        """What the map's controls ask for (another good, the legend)."""
        self.app.ui.clear_and_reset()
        self.build()
        if focus is not None:
            self.focus_label(focus)

    def focus_label(self, label: str) -> None:
        for item in self.focus.items:
            if item.label == label:
                self.focus.focus_item(item)
                return

    def hotspots(self) -> list[Hotspot]:
        chart = self.chart.spots if self.chart is not None else []
        return [*self.map.hotspots(), *chart, *self.ticker.hotspots()]

    def custom_widgets(self) -> list[tuple[str, pygame.Rect]]:
        return self.map.custom_widgets()

    def update(self, dt: float) -> None:
        self.ticker.update(dt, self.app.settings.moving_ticker)
        room = self.app.classroom
        if room.timer:
            colour = self.theme.palette.bad_text if room.left <= 0 else self.theme.palette.text
            self.clock = Label(room.clock(), self.clock_box, self.clock.font, colour, "right")

    def handle(self, event: pygame.event.Event) -> bool:
        return self.map.handle(event)

    def back(self) -> None:
        self.app.router.leave_projector()

    def draw(self, surface: pygame.Surface) -> None:
        p = self.theme.palette
        surface.fill(p.bg)
        for label in self.labels:
            label.draw(surface)
        if self.clock.words:
            self.clock.draw(surface)
        self.map.draw(surface)
        if self.chart is not None:
            draw_chart(surface, self.chart, self.theme)
        self.ticker.draw(surface)
