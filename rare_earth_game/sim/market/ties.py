"""Trade ties: the tonnes a route is established for, so buyers do not switch on a whim.

Most rare-earth and graphite trade runs on term contracts, and a magnet or anode buyer must
requalify a new supplier before switching. Without that, the market LP would send every
tonne to the cheapest origin and flip origins whenever prices crossed. Each route remembers
the tonnes it has carried (decaying with a half-life); up to that volume (plus some flex)
it ships at its plain cost, and beyond it pays a switching cost. Leaving a tie is free.
"""

from __future__ import annotations

from collections import defaultdict

Pair = tuple[str, str]


class TradeTies:
    """Per commodity, the established tonnes per turn on each (origin, destination) route."""

    def __init__(self, half_life_turns: float, flex: float) -> None:
        self.keep = 0.5 ** (1.0 / half_life_turns) if half_life_turns > 0 else 0.0
        self.flex = flex
        self._tonnes: dict[str, dict[Pair, float]] = {}

    def known(self, commodity: str) -> bool:
        """Whether the market has traded before (on its first turn every route is open)."""
        return commodity in self._tonnes

    def established(self, commodity: str, pair: Pair) -> float:
        """Tonnes this turn can ship on the route without paying to switch."""
        return self._tonnes.get(commodity, {}).get(pair, 0.0) * (1.0 + self.flex)

    def update(self, commodity: str, shipped: dict[Pair, float]) -> None:
        """Fold this turn's shipments into the ties (the first turn sets them outright)."""
        if commodity not in self._tonnes:
            self._tonnes[commodity] = {p: t for p, t in shipped.items() if t > 0}
            return
        old = self._tonnes[commodity]
        new: dict[Pair, float] = defaultdict(float)
        for pair, tonnes in old.items():
            new[pair] += self.keep * tonnes
        for pair, tonnes in shipped.items():
            new[pair] += (1.0 - self.keep) * tonnes
        self._tonnes[commodity] = {p: t for p, t in sorted(new.items()) if t > 1e-6}
