"""The Equal Earth map projection, shared by the map asset builder and the live map.

Equal Earth keeps areas true (China and the US look their real size, unlike Mercator) and
needs no library. The asset stores projected outlines; facilities are projected at run time
with the same function, so markers land on their countries.
"""

from __future__ import annotations

import math

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

SOUTH, NORTH = -58.0, 84.0
"""Latitudes kept on the map: Antarctica and the far Arctic say nothing about trade."""


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


def to_unit(lon: float, lat: float) -> tuple[float, float]:
    """(u, v) in 0..1 across the map's width and down its height (v = 0 at the top)."""
    x, y = equal_earth(lon, max(SOUTH, min(NORTH, lat)))
    return (x + _X_MAX) / (2 * _X_MAX), (_Y_TOP - y) / (_Y_TOP - _Y_BOTTOM)
