"""Numbers the way a student reads them: whole dollars, percentages, thousands of tonnes.

`fmt` says a value in full (tables, tooltips); `short` says it compactly for axes and line
ends, where the chart's title already gives the unit.
"""

from __future__ import annotations

import math

UNIT_WORDS = {
    "usd_kg": "USD per kg",
    "musd": "USD million",
    "t": "tonnes",
    "share": "per cent",
    "index": "index",
    "number": "",
}
"""Each unit's name, for axis titles and table headers."""


def fmt(value: float | None, unit: str) -> str:
    """A number in full, with its unit."""
    if value is None or math.isnan(value):
        return "n/a"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "musd":
        return f"${value:,.0f}M" if abs(value) < 10_000 else f"${value / 1000:,.1f}B"
    if unit == "usd_kg":
        return f"${value:,.0f}/kg" if value >= 10 or value == 0 else f"${value:,.2f}/kg"
    if unit == "t":
        return f"{value:,.0f} t"
    if unit == "index":
        return f"{value:.2f}"
    return f"{value:,.0f}"


def short(value: float | None, unit: str) -> str:
    """A compact number for axes and line ends."""
    if value is None or math.isnan(value):
        return "n/a"
    if unit == "usd_kg":
        return f"${value:,.0f}" if abs(value) >= 10 or value == 0 else f"${value:,.1f}"
    if unit == "musd":
        return f"${value / 1000:,.1f}B" if abs(value) >= 1000 else f"${value:,.0f}M"
    if unit == "t":
        return f"{value / 1000:,.1f}k t" if abs(value) >= 10_000 else f"{value:,.0f} t"
    return fmt(value, unit)
