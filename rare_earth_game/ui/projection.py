"""The Equal Earth map projection, shared by the map asset builder and the live map.

Equal Earth keeps areas true (China and the US look their real size, unlike Mercator) and
needs no library. The asset stores projected outlines; facilities are projected at run time
with the same function, so markers land on their countries.

The map is centred on the Pacific (150° E) and cut in the mid-Atlantic (30° W): the
scenarios' trade runs between East Asia and the US, Europe and Australia, and a route
across the Pacific should be drawn across the Pacific, not leave one edge of the map and
come back at the other. Fewer routes cross the Atlantic cut (none in the 2010 history, a
twentieth of the 2025 baseline's trade by value, against a twelfth across a Pacific cut).
"""

from __future__ import annotations

import math

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

SOUTH, NORTH = -58.0, 84.0
"""Latitudes kept on the map: Antarctica and the far Arctic say nothing about trade."""

CENTRE = 150.0
"""The longitude at the middle of the map (degrees east)."""


def shifted(lon: float) -> float:
    """Degrees east of the map's centre, in -180..180: where the map puts a longitude."""
    return (lon - CENTRE + 180.0) % 360.0 - 180.0


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Projected (x, y) for degrees; y grows northwards."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * lam
        * math.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


_X_MAX = equal_earth(180.0, 0.0)[0]
_Y_TOP = equal_earth(0.0, NORTH)[1]
_Y_BOTTOM = equal_earth(0.0, SOUTH)[1]

ASPECT = 2 * _X_MAX / (_Y_TOP - _Y_BOTTOM)
"""Width over height of the projected map."""


def to_unit(lon: float, lat: float, *, centred: bool = False) -> tuple[float, float]:
    """(u, v) in 0..1 across the map's width and down its height (v = 0 at the top);
    `centred` says `lon` is already measured from the map's centre (see `shifted`)."""
    x, y = equal_earth(lon if centred else shifted(lon), max(SOUTH, min(NORTH, lat)))
    return (x + _X_MAX) / (2 * _X_MAX), (_Y_TOP - y) / (_Y_TOP - _Y_BOTTOM)
