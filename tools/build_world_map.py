"""Project Natural Earth's 1:110m countries (GeoJSON) once into assets/map/world.json.

The asset holds each country's outline as integer points on a 0..GRID square grid (Equal
Earth projection, Antarctica dropped, points closer than one grid step merged), so the game
loads it in milliseconds and draws it without a GIS library. Run from the repository root:

    .venv/bin/python tools/build_world_map.py path/to/world_110m.geojson

The source is Natural Earth's public-domain "Admin 0 - Countries" at 1:110m (see
docs/sources.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rare_earth_game.ui.projection import ASPECT, to_unit

GRID = 4000
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "assets" / "map" / "world.json"
FIXED_CODES = {"Kosovo": "XKX"}
"""Natural Earth marks a few countries -99; give them their usual codes."""


def _ring(points: list[list[float]]) -> list[int]:
    flat: list[int] = []
    last: tuple[int, int] | None = None
    for lon, lat in points:
        u, v = to_unit(lon, lat)
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
        rings = [r for polygon in polygons if (r := _ring(polygon[0]))]
        iso = props["iso_a3"] if props["iso_a3"] != "-99" else FIXED_CODES.get(props["name"], "")
        countries.append({"iso": iso, "name": props["name"], "rings": rings})
    return {
        "source": "Natural Earth 1:110m Admin-0 countries (public domain), via "
        "shared/data/world_110m.geojson",
        "projection": "equal_earth",
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
