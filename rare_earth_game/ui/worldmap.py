"""The world map: nations shaded by role, facilities by shape, trade flows as arrows.

The projected outlines (assets/map/world.json) are drawn into a base layer, and flows and
markers into an overlay, when the map is laid out (`prepare`) or its good changes; a frame
only blits the two and the hover outline, so the full map costs well under a millisecond
and drawing changes nothing. Nation names are placed first and the tariff and licence tags
on the routes after them, each where it covers no name and no other tag. Hovering uses an
off-screen picture in which each country has its own colour.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

import pygame

from rare_earth_game.ui import draw, text
from rare_earth_game.ui.paths import assets_dir
from rare_earth_game.ui.projection import ASPECT, to_unit
from rare_earth_game.ui.theme import Colour, Theme
from rare_earth_game.ui.world import FacilityView, FlowView, NationView, WorldView

FACILITY_SHAPES = {
    "mine": "triangle",
    "separation": "circle",
    "refining": "diamond",
    "magnet_making": "square",
    "recycling": "hexagon",
    "anode_making": "pentagon",
    "recovery": "diamond",
}
FACILITY_TITLES = {
    "mine": "Mine",
    "separation": "Separation plant",
    "refining": "Refinery",
    "magnet_making": "Magnet plant",
    "recycling": "Recycling plant",
    "anode_making": "Anode plant",
    "recovery": "By-product recovery",
}
FACILITY_COLOURS = {
    "mine": (0xE6, 0x9F, 0x00),
    "separation": (0xCC, 0x79, 0xA7),
    "refining": (0xCC, 0x79, 0xA7),
    "magnet_making": (0xF0, 0xE4, 0x42),
    "recycling": (0x00, 0x9E, 0x73),
    "anode_making": (0xF5, 0xF5, 0xF5),
    "recovery": (0x56, 0xB4, 0xE9),
}
ROLE_TITLES = {"home": "You", "ally": "Ally", "neutral": "Neutral", "adversary": "Adversary"}


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # unit coordinates


@cache
def countries() -> tuple[Country, ...]:
    data = json.loads((assets_dir() / "map" / "world.json").read_text(encoding="utf-8"))
    grid = float(data["grid"])
    out = []
    for item in data["countries"]:
        rings = tuple(
            tuple((ring[i] / grid, ring[i + 1] / grid * ASPECT) for i in range(0, len(ring), 2))
            for ring in item["rings"]
        )
        out.append(Country(item["iso"], item["name"], rings))
    return tuple(out)


def _area(ring: tuple[tuple[float, float], ...]) -> tuple[float, float, float]:
    """Signed-area-weighted centroid of a ring: (area, cx, cy)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


class MapView:
    """Draws a `WorldView` into a rectangle and answers what is under the mouse."""

    def __init__(self, theme: Theme, rect: pygame.Rect, world: WorldView | None) -> None:
        self.theme = theme
        self.rect = rect
        self.world = world
        self.good: str | None = world.key_goods[0] if world and world.key_goods else None
        self.hover: tuple[str, str] | None = None  # ("nation"|"facility", key)
        self.selected: tuple[str, str] | None = None
        self._base: pygame.Surface | None = None
        self._overlay: pygame.Surface | None = None
        self._pick: pygame.Surface | None = None
        self._overlay_key: tuple[object, ...] | None = None
        width = min(rect.width, round(rect.height * ASPECT))
        height = round(width / ASPECT)
        self.map_rect = pygame.Rect(0, 0, width, height)
        self.map_rect.center = rect.center
        self._by_iso = {c.iso: i for i, c in enumerate(countries())}
        self._owner: dict[int, str] = {}
        self.anchors: dict[str, tuple[int, int]] = {}
        self.markers: list[tuple[FacilityView, tuple[int, int]]] = []
        self.names: list[tuple[str, pygame.Rect]] = []  # nation names as placed, on screen
        self.tags: list[tuple[str, pygame.Rect]] = []  # route tags as placed, on screen
        if world is not None:
            self._place(world)

    # --- geometry -------------------------------------------------------------------------------

    def point(self, u: float, v: float) -> tuple[int, int]:
        return (
            self.map_rect.x + round(u * self.map_rect.width),
            self.map_rect.y + round(v * self.map_rect.height),
        )

    def _place(self, world: WorldView) -> None:
        for key, nation in world.nations.items():
            weighted = []
            for iso in nation.iso:
                index = self._by_iso.get(iso)
                if index is None:
                    continue
                self._owner[index] = key
                rings = [_area(r) for r in countries()[index].rings]
                if rings:
                    weighted.append(max(rings))
            if weighted:
                total = sum(a for a, _, _ in weighted)
                u = sum(a * x for a, x, _ in weighted) / total
                v = sum(a * y for a, _, y in weighted) / total
                self.anchors[key] = self.point(u, v)
        for facility in world.facilities:
            u, v = to_unit(facility.lon, facility.lat)
            self.markers.append((facility, self.point(u, v)))
        for key in world.nations:  # nations without outlines sit at their first facility
            if key not in self.anchors:
                spots = [p for f, p in self.markers if f.nation == key]
                if spots:
                    self.anchors[key] = spots[0]

    # --- layers -----------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Draw the layers for the current good (at layout, or when the good changes)."""
        if self._base is None:
            self._base = self._build_base()
        key = (self.good, id(self.world))
        if self._overlay is None or key != self._overlay_key:
            self._overlay = self._build_overlay()
            self._overlay_key = key

    def _polygons(self, index: int) -> list[list[tuple[int, int]]]:
        return [[self.point(u, v) for u, v in ring] for ring in countries()[index].rings]

    def _build_base(self) -> pygame.Surface:
        p = self.theme.palette
        size = self.rect.size
        base = pygame.Surface(size)
        base.fill(p.panel)
        offset = (-self.rect.x, -self.rect.y)
        pygame.draw.rect(base, p.ocean, self.map_rect.move(offset), border_radius=self.theme.px(12))
        pick = pygame.Surface(size)
        pick.fill((0, 0, 0))
        hatch_mask = pygame.Surface(size, pygame.SRCALPHA)
        roles = {k: n.role for k, n in (self.world.nations.items() if self.world else ())}
        for index in range(len(countries())):
            owner = self._owner.get(index)
            role = roles.get(owner, "") if owner else ""
            fill = p.role(role) if owner else p.land
            for poly in self._polygons(index):
                moved = [(x + offset[0], y + offset[1]) for x, y in poly]
                pygame.draw.polygon(base, fill, moved)
                pygame.draw.polygon(base, p.coast, moved, 1)
                pygame.draw.polygon(pick, (index + 1, 0, 0), moved)
                if role == "adversary":
                    pygame.draw.polygon(hatch_mask, (255, 255, 255, 255), moved)
        hatch = pygame.Surface(size, pygame.SRCALPHA)
        step = self.theme.px(7)
        for x in range(-size[1], size[0], step):
            pygame.draw.line(
                hatch, (*p.bg, 150), (x, size[1]), (x + size[1], 0), max(1, self.theme.px(1.5))
            )
        hatch.blit(hatch_mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        base.blit(hatch, (0, 0))
        for key in roles:
            if roles[key] == "home":
                for index, owner in self._owner.items():
                    if owner == key:
                        for poly in self._polygons(index):
                            moved = [(x + offset[0], y + offset[1]) for x, y in poly]
                            pygame.draw.polygon(base, p.text, moved, max(2, self.theme.px(2)))
        self._pick = pick
        return base.convert() if pygame.display.get_surface() else base

    def flows(self) -> list[FlowView]:
        if self.world is None or self.good is None:
            return []
        return [
            f
            for f in self.world.flows
            if f.commodity == self.good
            and f.exporter in self.anchors
            and f.importer in self.anchors
        ]

    def _curve(
        self, a: tuple[int, int], b: tuple[int, int], bend: float
    ) -> list[tuple[float, float]]:
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        dx, dy = b[0] - a[0], b[1] - a[1]
        cx, cy = mx - dy * bend, my + dx * bend
        return [
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * cx + t * t * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * cy + t * t * b[1],
            )
            for t in (i / 24 for i in range(25))
        ]

    def _build_overlay(self) -> pygame.Surface:
        p = self.theme.palette
        theme = self.theme
        layer = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        offset = (-self.rect.x, -self.rect.y)

        def at(point: tuple[float, float]) -> tuple[float, float]:
            return point[0] + offset[0], point[1] + offset[1]

        world = self.world
        flows = self.flows()
        biggest = max((f.tonnes for f in flows), default=1.0) or 1.0
        tags: list[tuple[list[tuple[float, float]], str]] = []
        if world is not None and self.good is not None:
            for good, exporter, importer in world.bans:
                if (
                    good != self.good
                    or exporter not in self.anchors
                    or importer not in self.anchors
                ):
                    continue
                if world.nations.get(importer) is None or world.nations[importer].role not in (
                    "home",
                    "ally",
                ):
                    continue
                points = [
                    at(q) for q in self._curve(self.anchors[exporter], self.anchors[importer], 0.18)
                ]
                for i in range(0, len(points) - 1, 2):
                    pygame.draw.line(layer, p.bad_text, points[i], points[i + 1], theme.px(2))
                tags.append((points, "BAN"))
        for flow in sorted(flows, key=lambda f: -f.tonnes):
            a, b = self.anchors[flow.exporter], self.anchors[flow.importer]
            if a == b:
                continue
            width = max(2, round(theme.px(2) + theme.px(12) * math.sqrt(flow.tonnes / biggest)))
            role = world.nations[flow.exporter].role if world else "neutral"
            colour = p.role(role) if role != "neutral" else p.muted_text
            span = self.map_rect.width
            if abs(b[0] - a[0]) > span / 2:  # shorter across the map's edge (the Atlantic)
                shift = span if b[0] < a[0] else -span
                self._arrow(layer, a, (b[0] + shift, b[1]), width, colour, offset)
                points = self._arrow(layer, (a[0] - shift, a[1]), b, width, colour, offset)
                points = [q for q in points if self.map_rect.move(offset).collidepoint(q)]
            else:
                points = self._arrow(layer, a, b, width, colour, offset)
            labels = ["smuggled"] if flow.smuggled else []
            if flow.tariff > 0:
                labels.append(f"{flow.tariff:.0%} tariff")
            if flow.control:
                labels.append(flow.control)
            if labels:
                tags.append((points, " + ".join(labels)))
        for facility, spot in self.markers:
            self._draw_facility(layer, facility, at(spot))
        placed = self._draw_labels(layer, offset)
        font = theme.font("small", bold=True)
        self.tags = []
        bounds = layer.get_rect()
        for route, label in tags:
            image = text.render(font, label, p.text)
            box = self._tag_box(
                route, image.get_rect().inflate(theme.px(10), theme.px(2)), placed, bounds
            )
            if box is None:
                continue
            placed.append(box)
            self.tags.append((label, box.move(self.rect.topleft)))
            draw.panel(layer, box, p.bg, p.bad_text, theme.px(6), 2)
            layer.blit(image, image.get_rect(center=box.center))
        return layer

    def _tag_box(
        self,
        route: list[tuple[float, float]],
        size: pygame.Rect,
        placed: list[pygame.Rect],
        bounds: pygame.Rect,
    ) -> pygame.Rect | None:
        """Where a route's tag covers no nation name and no other tag: along the route from
        its middle outwards, then stacked above or below the middle."""
        if not route:
            return None
        middle = len(route) // 2
        order = sorted(range(2, len(route) - 2), key=lambda i: abs(i - middle))
        candidates = [route[i] for i in order]
        mx, my = route[middle]
        candidates += [(mx, my + k * size.height * sign) for k in range(1, 6) for sign in (-1, 1)]
        for x, y in candidates:
            box = size.copy()
            box.center = (round(x), round(y))
            if bounds.contains(box) and not any(box.colliderect(other) for other in placed):
                return box
        return None

    def _arrow(
        self,
        layer: pygame.Surface,
        a: tuple[float, float],
        b: tuple[float, float],
        width: int,
        colour: Colour,
        offset: tuple[int, int],
    ) -> list[tuple[float, float]]:
        """A curved arrow from a to b, clipped to the map; returns its points."""
        p = self.theme.palette
        points = [(x + offset[0], y + offset[1]) for x, y in self._curve(a, b, 0.18)]  # type: ignore[arg-type]
        trimmed = points[2:-3]
        layer.set_clip(self.map_rect.move(offset))
        pygame.draw.lines(layer, (*p.bg, 230), False, trimmed, width + 4)
        pygame.draw.lines(layer, colour, False, trimmed, width)
        tip, back = trimmed[-1], trimmed[-3]
        angle = math.atan2(tip[1] - back[1], tip[0] - back[0])
        head = width + self.theme.px(8)
        left = (tip[0] - head * math.cos(angle - 0.5), tip[1] - head * math.sin(angle - 0.5))
        right = (tip[0] - head * math.cos(angle + 0.5), tip[1] - head * math.sin(angle + 0.5))
        pygame.draw.polygon(layer, colour, [tip, left, right], 0)
        pygame.draw.polygon(layer, p.bg, [tip, left, right], 2)
        layer.set_clip(None)
        return points

    def _draw_facility(
        self, layer: pygame.Surface, facility: FacilityView, spot: tuple[float, float]
    ) -> None:
        p = self.theme.palette
        r = self.theme.px(6.5)
        shape = FACILITY_SHAPES.get(facility.kind, "circle")
        colour = FACILITY_COLOURS.get(facility.kind, p.text)
        if facility.status == "operating":
            draw.marker(layer, shape, spot, r, colour, (10, 10, 10), 2)
        elif facility.status in ("building", "prospect"):
            draw.marker(layer, shape, spot, r, None, (10, 10, 10), 4)
            draw.marker(layer, shape, spot, r, None, colour, 2)
        else:
            draw.marker(layer, shape, spot, r, (120, 120, 120), (10, 10, 10), 2)
            pygame.draw.line(
                layer, (10, 10, 10), (spot[0] - r, spot[1] - r), (spot[0] + r, spot[1] + r), 2
            )

    def _draw_labels(self, layer: pygame.Surface, offset: tuple[int, int]) -> list[pygame.Rect]:
        """Nation names, most important first, each where it overlaps no other; returns
        their boxes (layer coordinates)."""
        self.names = []
        if self.world is None:
            return []
        p = self.theme.palette
        font = self.theme.font("small", bold=True)
        order = {"home": 0, "adversary": 1, "ally": 2, "neutral": 3}
        placed: list[pygame.Rect] = []
        for key in sorted(
            self.world.nations, key=lambda k: order.get(self.world.nations[k].role, 4)
        ):  # type: ignore[union-attr]
            if key not in self.anchors:
                continue
            name = self.world.nations[key].name
            image = text.render(font, name, p.text)
            x, y = self.anchors[key][0] + offset[0], self.anchors[key][1] + offset[1]
            near = self.theme.px(8)
            spots = (
                image.get_rect(midtop=(x, y + near)),
                image.get_rect(midbottom=(x, y - near)),
                image.get_rect(midleft=(x + near, y)),
                image.get_rect(midright=(x - near, y)),
            )
            box = next(
                (
                    b
                    for b in spots
                    if layer.get_rect().contains(b) and not any(b.colliderect(o) for o in placed)
                ),
                None,
            )
            if box is None:
                continue
            placed.append(box.inflate(4, 2))
            halo = text.render(font, name, p.bg)
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (1, -1), (-1, 1)):
                layer.blit(halo, box.move(dx, dy))
            layer.blit(image, box)
            self.names.append((name, box.move(self.rect.topleft)))
        return placed

    # --- frame ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the prepared layers and outline what is hovered or selected."""
        if self._base is None or self._overlay is None:
            return
        surface.blit(self._base, self.rect)
        for target in (self.hover, self.selected):
            if target and target[0] == "nation":
                self._outline_nation(surface, target[1])
        surface.blit(self._overlay, self.rect)
        for target in (self.hover, self.selected):
            if target and target[0] == "facility":
                for facility, spot in self.markers:
                    if facility.key == target[1]:
                        pygame.draw.circle(
                            surface, self.theme.palette.focus, spot, self.theme.px(12), 3
                        )

    def _outline_nation(self, surface: pygame.Surface, key: str) -> None:
        for index, owner in self._owner.items():
            if owner == key:
                for poly in self._polygons(index):
                    pygame.draw.polygon(
                        surface, self.theme.palette.focus, poly, max(2, self.theme.px(2.5))
                    )

    def at(self, pos: tuple[int, int]) -> tuple[str, str] | None:
        """What is under a screen position: a facility first, then a nation."""
        if not self.rect.collidepoint(pos):
            return None
        reach = self.theme.px(10)
        best = None
        for facility, spot in self.markers:
            d = math.dist(spot, pos)
            if d <= reach and (best is None or d < best[0]):
                best = (d, facility.key)
        if best:
            return ("facility", best[1])
        if self._pick is None:
            return None
        index = self._pick.get_at((pos[0] - self.rect.x, pos[1] - self.rect.y))[0] - 1
        owner = self._owner.get(index)
        return ("nation", owner) if owner else None

    def nation(self, key: str) -> NationView | None:
        return self.world.nations.get(key) if self.world else None

    def facility(self, key: str) -> FacilityView | None:
        if self.world is None:
            return None
        return next((f for f in self.world.facilities if f.key == key), None)

    def role_colour(self, role: str) -> Colour:
        return self.theme.palette.role(role)
