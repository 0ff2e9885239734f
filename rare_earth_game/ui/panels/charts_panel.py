"""The charts view: a list of the game's charts, the chosen one, and for prices its goods.

The list stands at the left where the view is tall enough for it, wraps into rows of chips
over the chart where it is not, and where even those would crowd the chart out it becomes
one row of steppers: < Prices > and < NdPr oxide >.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import draw, layout
from rare_earth_game.ui.charts import ChartPlan, draw_chart
from rare_earth_game.ui.game_charts import CHARTS, chart_plan
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.text import Label

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.scenes.turn import TurnScene


class ChartsPanel(Panel):
    scene: TurnScene

    def __init__(self, scene: TurnScene, game: Match) -> None:
        super().__init__(scene, game)
        self.chart = "prices"
        self.good = game.world.key_goods[0] if game.world.key_goods else None
        self.plan: ChartPlan | None = None
        self.names: list[tuple[pygame.Rect, Label]] = []  # the steppers' boxes and words

    def layout(self, rect: pygame.Rect) -> None:
        super().layout(rect)
        t = self.theme
        gap = t.px(6)
        button_h = t.px(36)
        list_w = max(t.button_width(label) for _, label in CHARTS)
        if rect.height >= len(CHARTS) * (button_h + gap) and rect.width - list_w >= t.px(420):
            column, area = layout.cut_left(rect, list_w, t.px(12))
            cells = [
                pygame.Rect(column.x, column.y + i * (button_h + gap), list_w, button_h)
                for i in range(len(CHARTS))
            ]
        else:
            widths = [t.button_width(label) for _, label in CHARTS]
            cells, used = layout.flow(rect, widths, button_h, gap)
            if used > rect.height // 5:
                self._steppers(rect)
                return
            _, area = layout.cut_top(rect, used, t.px(10))
        self.names = []
        for (key, label), cell in zip(CHARTS, cells, strict=True):
            button = self.scene.button(cell, label, lambda k=key: self.pick(k), key=f"chart:{key}")
            if key == self.chart:
                button.select()
        if self.chart == "prices":
            area = self._goods(area)
        self.plan = chart_plan(self.chart, self.match, t, area, self.good)
        self.spots = self.plan.spots

    def _steppers(self, rect: pygame.Rect) -> None:
        """One row: < chart > and, for prices, < good >; the chart takes the rest."""
        t = self.theme
        row, area = layout.cut_top(rect, t.px(36), t.px(8))
        charts = dict(CHARTS)
        goods = list(self.match.world.key_goods)
        commodities = self.match.world.commodities
        self.names = []
        halves = layout.columns(row, [1, 1], t.px(12)) if self.chart == "prices" else [row]
        self._stepper(halves[0], "chart", charts[self.chart], lambda step: self.step_chart(step))
        if self.chart == "prices" and goods:
            name = commodities.get(self.good or "", self.good or "")
            self._stepper(halves[1], "good", name, lambda step: self.step_good(step))
        self.plan = chart_plan(self.chart, self.match, t, area, self.good)
        self.spots = self.plan.spots

    def _stepper(self, row: pygame.Rect, key: str, name: str, step: object) -> None:
        t = self.theme
        arrow = t.px(40)
        left, rest = layout.cut_left(row, arrow, t.px(6))
        middle, right = layout.cut_right(rest, arrow, t.px(6))
        self.scene.button(left, "<", lambda: step(-1), key=f"{key}:prev")  # type: ignore[operator]
        self.scene.button(right, ">", lambda: step(1), key=f"{key}:next")  # type: ignore[operator]
        font = t.font("small", bold=True)
        words = layout.fit(font, [name, name.split()[0]], middle.width - t.px(12))
        self.names.append((middle, Label(words, middle, font, t.palette.text, "center")))

    def step_chart(self, step: int) -> None:
        keys = [k for k, _ in CHARTS]
        self.chart = keys[(keys.index(self.chart) + step) % len(keys)]
        self.scene.rebuild("chart:next" if step > 0 else "chart:prev")

    def step_good(self, step: int) -> None:
        goods = list(self.match.world.key_goods)
        index = goods.index(self.good) if self.good in goods else 0
        self.good = goods[(index + step) % len(goods)]
        self.scene.rebuild("good:next" if step > 0 else "good:prev")

    def _goods(self, area: pygame.Rect) -> pygame.Rect:
        """The price chart's goods as chips over it; returns the room left for the chart."""
        t = self.theme
        goods = list(self.match.world.key_goods)
        names = [self.match.world.commodities.get(g, g) for g in goods]
        widths = [t.button_width(name, "@small") for name in names]
        cells, used = layout.flow(area, widths, t.px(34), t.px(6))
        for good, name, cell in zip(goods, names, cells, strict=True):
            button = self.scene.button(
                cell, name, lambda g=good: self.pick_good(g), key=f"good:{good}", object_id="@small"
            )
            if good == self.good:
                button.select()
        return layout.cut_top(area, used, t.px(8))[1]

    def pick(self, key: str) -> None:
        self.chart = key
        self.scene.rebuild(f"chart:{key}")

    def pick_good(self, good: str) -> None:
        self.good = good
        self.scene.rebuild(f"good:{good}")

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        for box, label in self.names:
            draw.panel(surface, box, t.palette.card, t.palette.border, t.px(8))
            label.draw(surface)
        if self.plan is not None:
            draw_chart(surface, self.plan, t)
