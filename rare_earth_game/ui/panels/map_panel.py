"""The map view: a good's trade on the world map, its legend, and what is selected.

The map keeps its aspect, so the legend goes where it leaves the map biggest: under it on
a wide screen, beside it on a tall one; where it would crowd the map out (a small screen, a
large scale), a Key button (K) swaps the map for the legend. Hovering or selecting a nation
or facility opens a card of its figures in the map's far corner from it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import draw, glossary, layout, text
from rare_earth_game.ui.focus import Focusable
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.projection import ASPECT
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Colour
from rare_earth_game.ui.world import STAGE_TITLES, STAGES, WorldView
from rare_earth_game.ui.worldmap import (
    FACILITY_COLOURS,
    FACILITY_SHAPES,
    FACILITY_TITLES,
    ROLE_TITLES,
    MapView,
)

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.scenes.turn import TurnScene

LEGEND_LABELS = {
    "home": "You",
    "ally": "Ally",
    "neutral": "Neutral",
    "adversary": "Adversary (striped)",
}
LEGEND_TIP = (
    "Shapes tell facility types: filled means operating, hollow means being built, grey with a "
    "line means shut. Arrow colour follows the exporter's role; arrow width follows tonnes a "
    "year."
)
MOVES = {
    pygame.K_RIGHT: (1, "nation"),
    pygame.K_LEFT: (-1, "nation"),
    pygame.K_DOWN: (1, "facility"),
    pygame.K_UP: (-1, "facility"),
}


class MapPanel(Panel):
    scene: TurnScene

    def __init__(self, scene: TurnScene, game: Match) -> None:
        super().__init__(scene, game)
        self.good: str | None = game.world.key_goods[0] if game.world.key_goods else None
        self.view: MapView | None = None
        self._views: dict[tuple[object, ...], MapView] = {}
        self.info: list[Label] = []
        self.info_box: pygame.Rect | None = None
        self.show_key = False  # the legend in place of the map, where they do not fit together

    @property
    def world(self) -> WorldView:
        return self.match.world

    def goods(self) -> list[str]:
        traded = {f.commodity for f in self.world.flows}
        goods = list(self.world.key_goods)
        return goods + [g for g in self.world.commodities if g in traded and g not in goods]

    # --- layout ---------------------------------------------------------------------------------

    def layout(self, rect: pygame.Rect) -> None:
        super().layout(rect)
        t = self.theme
        head, rest = layout.cut_top(rect, t.px(40), t.px(8))
        rows = self._legend_rows()
        under = self._legend_under(rest, rows)
        beside = self._legend_beside(rest, rows)
        self.beside = _map_size(beside[1]) > _map_size(under[1])
        self.legend_rect, map_area = beside if self.beside else under
        self.folded = _map_size(map_area) < 0.45 * _map_size(rest)
        if self.folded:
            key_w = t.button_width("Key (K)") + t.px(8)
            head, key = layout.cut_right(head, key_w, t.px(8))
            button = self.scene.button(
                key, "Key (K)", self.toggle_key, key="map:key", tooltip="The map's legend (K)."
            )
            if self.show_key:
                button.select()
            self.scene.shortcuts[pygame.K_k] = self.toggle_key
            self.beside = rest.height > rest.width
            self.legend_rect, map_area = rest, rest
        self._picker(head)
        self.view = self._map(map_area)
        self._legend_labels(rows)
        self.scene.focus.add(
            Focusable(
                rect=lambda: map_area,
                activate=lambda: self.step_target(1),
                label="map",
                tooltip="The map: arrow keys step through nations (left/right) and facilities "
                "(up/down).",
            )
        )
        self._relayout_info()

    def _picker(self, head: pygame.Rect) -> None:
        """< good > and what the arrows show, e.g. "NdPr oxide: trade in 2027, t a year"."""
        t = self.theme
        p = t.palette
        self.head_labels: list[Label] = []
        if not self.goods():
            return
        arrow = t.px(46)
        self.scene.button(
            pygame.Rect(head.x, head.y, arrow, head.height),
            "<",
            lambda: self.step_good(-1),
            key="good:prev",
            tooltip="Show the previous good's trade ( [ )",
        )
        bold, small = t.font("body", bold=True), t.font("small")
        name = self.world.commodities.get(self.good or "", self.good or "")
        name_w = min(bold.size(name)[0] + t.px(24), head.width - 2 * arrow - t.px(16))
        self.name_box = pygame.Rect(head.x + arrow + t.px(6), head.y, name_w, head.height)
        self.scene.button(
            pygame.Rect(self.name_box.right + t.px(6), head.y, arrow, head.height),
            ">",
            lambda: self.step_good(1),
            key="good:next",
            tooltip="Show the next good's trade ( ] )",
        )
        self.head_labels.append(
            Label(name, layout.inset(self.name_box, t.px(10), 0), bold, p.text, "center")
        )
        left = self.name_box.right + arrow + t.px(18)
        room = head.right - left
        period = self.world.period
        caption = layout.fit(
            small, [f"Trade in {period}, tonnes a year", f"Trade in {period}", ""], room
        )
        if caption:
            box = pygame.Rect(left, head.y, room, head.height)
            self.head_labels.append(Label(caption, box, small, p.muted_text))
        tip = glossary.explain(name) or f"Arrows show who ships {name} to whom."
        self.spots = [Hotspot(self.name_box, tip)]

    def _legend_rows(self) -> list[tuple[str, str, Colour]]:
        p = self.theme.palette
        rows: list[tuple[str, str, Colour]] = [
            ("role", r, p.role(r)) for r in ("home", "ally", "neutral", "adversary")
        ]
        order = list(FACILITY_SHAPES)
        kinds = sorted(
            {f.kind for f in self.world.facilities},
            key=lambda k: order.index(k) if k in order else 99,
        )
        rows += [("facility", k, FACILITY_COLOURS.get(k, p.text)) for k in kinds]
        rows.append(("arrow", "", p.muted_text))
        return rows

    def _label_of(self, what: str, key: str) -> str:
        if what == "role":
            return LEGEND_LABELS[key]
        if what == "facility":
            return FACILITY_TITLES.get(key, key)
        return "Trade: wider = more"

    def _item_width(self, rows: list[tuple[str, str, Colour]]) -> int:
        t = self.theme
        small = t.font("small")
        return max(small.size(self._label_of(w, k))[0] for w, k, _ in rows) + t.px(40)

    def _legend_under(
        self, area: pygame.Rect, rows: list[tuple[str, str, Colour]]
    ) -> tuple[pygame.Rect, pygame.Rect]:
        t = self.theme
        columns = max(1, (area.width - t.px(16)) // self._item_width(rows))
        height = math.ceil(len(rows) / columns) * self._line() + t.px(16)
        rest, legend = layout.cut_bottom(area, height, t.px(8))
        return legend, rest

    def _legend_beside(
        self, area: pygame.Rect, rows: list[tuple[str, str, Colour]]
    ) -> tuple[pygame.Rect, pygame.Rect]:
        t = self.theme
        per_column = max(1, (area.height - t.px(16)) // self._line())
        columns = math.ceil(len(rows) / per_column)
        rest, legend = layout.cut_right(area, columns * self._item_width(rows) + t.px(16), t.px(8))
        return legend, rest

    def _line(self) -> int:
        return self.theme.font("small").get_linesize() + self.theme.px(6)

    def _legend_labels(self, rows: list[tuple[str, str, Colour]]) -> None:
        t = self.theme
        box = self.legend_rect
        line = self._line()
        item_w = self._item_width(rows)
        if self.beside:
            per_column = max(1, (box.height - t.px(16)) // line)
        else:
            per_column = math.ceil(len(rows) / max(1, (box.width - t.px(16)) // item_w))
        self.legend: list[tuple[str, str, Colour, pygame.Rect]] = []
        self.legend_words: list[Label] = []
        small = t.font("small")
        for i, (what, key, colour) in enumerate(rows):
            x = box.x + t.px(10) + (i // per_column) * item_w
            y = box.y + t.px(8) + (i % per_column) * line
            swatch = pygame.Rect(x, y + t.px(3), t.px(20), line - t.px(6))
            self.legend.append((what, key, colour, swatch))
            words = pygame.Rect(x + t.px(28), y, item_w - t.px(36), line)
            self.legend_words.append(Label(self._label_of(what, key), words, small, t.palette.text))
        if self.legend_shown:
            self.spots.append(Hotspot(box, LEGEND_TIP))

    def _map(self, area: pygame.Rect) -> MapView:
        """The map for this area, reused while size, look and world stay the same."""
        t = self.theme
        key = (tuple(area), t.palette.name, t.scale, id(self.world))
        view = self._views.get(key)
        if view is None:
            view = MapView(t, area, self.world)
            self._views = {key: view}
        view.good = self.good
        view.prepare()
        return view

    # --- input ------------------------------------------------------------------------------

    def toggle_key(self) -> None:
        self.show_key = not self.show_key
        self.scene.rebuild(focus="map:key")

    def step_good(self, step: int) -> None:
        goods = self.goods()
        if not goods or self.view is None:
            return
        index = goods.index(self.good) if self.good in goods else 0
        self.good = goods[(index + step) % len(goods)]
        self.scene.rebuild(focus="good:next" if step > 0 else "good:prev")

    def step_target(self, step: int, kind: str = "nation") -> None:
        view = self.view
        if view is None:
            return
        if kind == "nation":
            keys = [k for k in self.world.nations if k in view.anchors]
        else:
            keys = [f.key for f in self.world.facilities]
        if not keys:
            return
        current = view.selected[1] if view.selected and view.selected[0] == kind else None
        index = (keys.index(current) + step) % len(keys) if current in keys else 0
        view.selected = (kind, keys[index])
        self._relayout_info()

    @property
    def legend_shown(self) -> bool:
        return not self.folded or self.show_key

    @property
    def map_shown(self) -> bool:
        return not (self.folded and self.show_key)

    def handle(self, event: pygame.event.Event) -> bool:
        view = self.view
        if view is None or not self.map_shown:
            return False
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_LEFTBRACKET,
            pygame.K_RIGHTBRACKET,
        ):
            self.step_good(-1 if event.key == pygame.K_LEFTBRACKET else 1)
            return True
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and view.rect.collidepoint(event.pos)
        ):
            view.selected = view.at(event.pos)
            self.scene.focus_label("map")
            self._relayout_info()
            return True
        if event.type == pygame.MOUSEMOTION:
            hover = view.at(event.pos)
            if hover != view.hover:
                view.hover = hover
                self._relayout_info()
        current = self.scene.focus.current
        if (
            event.type == pygame.KEYDOWN
            and current
            and current.label == "map"
            and event.key in MOVES
        ):
            self.step_target(*MOVES[event.key])
            return True
        return False

    # --- the info card ---------------------------------------------------------------------------

    def _relayout_info(self) -> None:
        """The card for what is hovered or selected, kept clear of it."""
        view = self.view
        self.info, self.info_box = [], None
        target = (view.selected or view.hover) if view else None
        if view is None or target is None:
            return
        found = _describe(self.world, target, self.good)
        if found is None:
            return
        title, lines = found
        t = self.theme
        width = min(t.px(340), view.rect.width - t.px(16))
        inner_w = width - t.px(24)
        bold, body = t.font("body", bold=True), t.font("small")
        labels: list[Label] = []
        y = t.px(12)
        for words, font in [(title, bold)] + [(line, body) for line in lines]:
            for piece in text.wrap(words, font, inner_w):
                labels.append(
                    Label(
                        piece,
                        pygame.Rect(t.px(12), y, inner_w, font.get_linesize()),
                        font,
                        t.palette.text,
                    )
                )
                y += font.get_linesize()
            y += t.px(2)
        box = pygame.Rect(0, 0, width, min(y + t.px(10), view.rect.height - t.px(16)))
        where = view.anchors.get(target[1]) if target[0] == "nation" else None
        if target[0] == "facility":
            where = next((spot for f, spot in view.markers if f.key == target[1]), None)
        if where is not None and where[0] > view.rect.centerx:
            box.topleft = (view.rect.x + t.px(8), view.rect.y + t.px(8))
        else:
            box.topright = (view.rect.right - t.px(8), view.rect.y + t.px(8))
        self.info_box = box
        self.info = [
            Label(label.words, label.rect.move(box.topleft), label.font, label.colour)
            for label in labels
            if label.rect.bottom + box.y <= box.bottom - t.px(4)
        ]

    # --- drawing ----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        if self.view is None:
            return
        if self.head_labels:
            draw.panel(surface, self.name_box, p.card, p.border, t.px(8))
        for label in self.head_labels:
            label.draw(surface)
        if self.legend_shown:
            self._draw_legend(surface)
        if not self.map_shown:
            return
        self.view.draw(surface)
        if not self.view.flows():
            self._note(surface)
        if self.info_box is not None:
            draw.panel(surface, self.info_box, p.panel, p.focus, t.px(10), 2)
            for label in self.info:
                label.draw(surface)

    def _note(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        font = t.font("body")
        note = "No trade in this good in this period."
        box = pygame.Rect(0, 0, font.size(note)[0] + t.px(32), font.get_linesize() + t.px(14))
        box.midtop = (self.view.rect.centerx, self.view.rect.y + t.px(10))  # type: ignore[union-attr]
        draw.panel(surface, box, p.card, p.border, t.px(8))
        text.line(surface, note, font, p.text, box, "center")

    def _draw_legend(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        draw.panel(surface, self.legend_rect, p.card, p.border, t.px(8))
        for what, key, colour, swatch in self.legend:
            if what == "role":
                pygame.draw.rect(surface, colour, swatch)
                if key == "adversary":
                    draw.stripes(surface, swatch, p.bg, t.px(5))
                if key == "home":
                    pygame.draw.rect(surface, p.text, swatch, 2)
            elif what == "facility":
                shape = FACILITY_SHAPES.get(key, "circle")
                draw.marker(surface, shape, swatch.center, t.px(7), colour, (10, 10, 10), 2)
            else:
                for dx, width in ((0, t.px(2)), (t.px(12), t.px(6))):
                    x = swatch.x + dx
                    pygame.draw.line(surface, colour, (x, swatch.y), (x, swatch.bottom), width)
        for label in self.legend_words:
            label.draw(surface)


def _map_size(area: pygame.Rect) -> int:
    """How big the map is in `area` (it keeps its aspect)."""
    width = min(area.width, round(area.height * ASPECT))
    return width * round(width / ASPECT)


def _describe(
    world: WorldView, target: tuple[str, str], good: str | None
) -> tuple[str, list[str]] | None:
    """A nation's or facility's name and figures, for the info card."""
    kind, key = target
    lines: list[str] = []
    if kind == "nation":
        nation = world.nations.get(key)
        if nation is None:
            return None
        lines.append(f"Role: {ROLE_TITLES.get(nation.role, nation.role)}")
        if nation.role != "home":
            lines.append(f"Tension with you: {nation.tension:.2f}")
        if good:
            name = world.commodities.get(good, good)
            out = sum(f.tonnes for f in world.flows if f.commodity == good and f.exporter == key)
            into = sum(f.tonnes for f in world.flows if f.commodity == good and f.importer == key)
            lines.append(f"{name}: exports {out:,.0f} t a year, imports {into:,.0f} t a year")
        for stage in STAGES:
            share = world.stage_shares.get(stage, {}).get(key)
            if share:
                lines.append(f"{STAGE_TITLES[stage]}: {share:.0%} of world output")
        plants = [f for f in world.facilities if f.nation == key]
        if plants:
            operating = sum(1 for f in plants if f.status == "operating")
            lines.append(f"Facilities: {operating} operating, {len(plants) - operating} other")
        return nation.name, lines
    facility = next((f for f in world.facilities if f.key == key), None)
    if facility is None:
        return None
    nation = world.nations.get(facility.nation)
    lines.append(
        f"{FACILITY_TITLES.get(facility.kind, facility.kind)} in "
        f"{nation.name if nation else facility.nation}"
    )
    lines.append(f"Status: {facility.status}")
    lines.append(f"Capacity: {facility.capacity:,.0f} t a year")
    lines.append(f"Output last quarter: {facility.output:,.0f} t")
    products = ", ".join(world.commodities.get(c, c) for c in facility.products if c)
    if products:
        lines.append(f"Makes: {products}")
    return facility.name, lines
