"""Project Natural Earth's 1:110m countries (GeoJSON) once into assets/map/world.json.

The asset holds each country's outline as integer points on a 0..GRID square grid (Equal
Earth projection centred on the Pacific, Antarctica dropped, points closer than one grid
step merged), so the game loads it in milliseconds and draws it without a GIS library.
Outlines that cross the map's edge (the mid-Atlantic, 30° W) are cut there into a piece
at each edge. Run from the repository root with Natural Earth's 1:110m Admin-0 countries
as GeoJSON (https://www.naturalearthdata.com):

    .venv/bin/python tools/build_world_map.py path/to/world_110m.geojson

The source is Natural Earth's public-domain "Admin 0 - Countries" at 1:110m (see
docs/sources.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rare_earth_game.ui.projection import ASPECT, shifted, to_unit

GRID = 4000
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "assets" / "map" / "world.json"
FIXED_CODES = {"Kosovo": "XKX"}
"""Natural Earth marks a few countries -99; give them their usual codes."""

Ring = list[tuple[float, float]]


def _unwrapped(points: list[list[float]]) -> Ring:
    """The ring in degrees from the map's centre, with no jump of more than 180° between
    neighbours (so a ring across the edge runs past ±180 instead of jumping over)."""
    out: Ring = []
    for lon, lat in points:
        x = shifted(lon)
        if out:
            while x - out[-1][0] > 180:
                x -= 360
            while x - out[-1][0] < -180:
                x += 360
        out.append((x, lat))
    return out


def _clip(ring: Ring, edge: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman: the part of a ring on one side of the meridian x = edge."""
    out: Ring = []
    for i, (x1, y1) in enumerate(ring):
        x0, y0 = ring[i - 1]
        inside0 = x0 <= edge if keep_below else x0 >= edge
        inside1 = x1 <= edge if keep_below else x1 >= edge
        if inside0 != inside1:
            t = (edge - x0) / (x1 - x0)
            out.append((edge, y0 + t * (y1 - y0)))
        if inside1:
            out.append((x1, y1))
    return out


def _pieces(points: list[list[float]]) -> list[Ring]:
    """A ring as it falls on the map: whole, or cut at the edges into pieces."""
    ring = _unwrapped(points)
    pieces = []
    for offset in (-360.0, 0.0, 360.0):
        moved = [(x + offset, y) for x, y in ring]
        piece = _clip(_clip(moved, -180.0, False), 180.0, True)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _grid(ring: Ring) -> list[int]:
    flat: list[int] = []
    last: tuple[int, int] | None = None
    for x, lat in ring:
        u, v = to_unit(x, lat, centred=True)
        here = (round(u * GRID), round(v * GRID / ASPECT))
        if here != last:
            flat += here
            last = here
    return flat if len(flat) >= 6 else []


def build(source: Path) -> dict[str, object]:
    data = json.loads(source.read_text(encoding="utf-8"))
    countries = []
    for feature in data["features"]:
        props = feature["properties"]
        if props["continent"] == "Antarctica":
            continue
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings = [r for polygon in polygons for piece in _pieces(polygon[0]) if (r := _grid(piece))]
        iso = props["iso_a3"] if props["iso_a3"] != "-99" else FIXED_CODES.get(props["name"], "")
        countries.append({"iso": iso, "name": props["name"], "rings": rings})
    return {
        "source": "Natural Earth 1:110m Admin-0 countries (public domain)",
        "projection": "equal_earth, centred on 150 E",
        "grid": GRID,
        "aspect": ASPECT,
        "countries": countries,
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: build_world_map.py path/to/world_110m.geojson (Natural Earth, 1:110m)")
    source = Path(sys.argv[1])
    asset = build(source)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(asset, separators=(",", ":")), encoding="utf-8")
    print(
        f"Wrote {TARGET} ({TARGET.stat().st_size // 1024} KiB, {len(asset['countries'])} countries)"
    )


if __name__ == "__main__":
    main()
