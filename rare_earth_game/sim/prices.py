"""Prices every agent sees: prices where goods traded, and the expectations agents form of them.

Only trade makes a price. A nation where a good neither sold nor bought this turn has no
price for it (its last traded price is kept, and labelled as such in the tables): the LP's
dual there is a bound, not a price, and never feeds anyone's expectations.

Expectations mean-revert. Each nation's market has a *normal* price, a slow average of
traded prices (what a good usually costs), and agents expect a share `persistence` of
today's deviation from normal to last into each following turn [A: adaptive expectations
damp the cobweb cycle; Ezekiel 1938, Sterman 2000 ch. 17]. A spike is therefore expected
to fade, and a lasting change is learnt as the normal price moves. In a speculative market
agents also extrapolate a share `momentum` of the last change into next turn [A].
"""

import math
from collections.abc import Iterable

NO_MARKET_DECAY = 0.2
"""Per turn, how much less a good offered with no buyer anywhere is expected to fetch."""


class PriceBoard:
    """Traded, normal and expected prices per commodity and nation, in USD/kg."""

    def __init__(
        self,
        reference: dict[str, float],
        nations: Iterable[str],
        persistence: float,
        normal_weight: float,
        momentum: float = 0.0,
    ) -> None:
        self.reference = dict(reference)
        self.persistence = persistence
        self.normal_weight = normal_weight
        self.momentum = momentum
        nation_list = list(nations)
        self.current: dict[str, dict[str, float]] = {c: {} for c in reference}
        """This turn's traded prices (only nations where the good traded)."""
        self.last: dict[str, dict[str, float]] = {c: {} for c in reference}
        """The last traded price per nation, from any earlier turn."""
        self.normal: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }
        """A slow average of traded prices: what buyers and firms think a good normally costs."""
        self.expected: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }
        """The price expected next turn: normal plus the share of today's gap that lasts."""

    def begin_turn(self) -> None:
        self.current = {c: {} for c in self.reference}

    def record(self, commodity: str, prices: dict[str, float]) -> None:
        """Prices where the good traded this turn."""
        self.current[commodity].update(prices)

    def traded(self, commodity: str, nation: str) -> bool:
        return nation in self.current[commodity]

    def price(self, commodity: str, nation: str) -> float:
        """This turn's traded price, else the last traded one, else the normal price."""
        current = self.current[commodity].get(nation)
        if current is not None:
            return current
        return self.last[commodity].get(nation, self.normal[commodity][nation])

    def expect(self, commodity: str, nation: str) -> float:
        """The price expected next turn."""
        return self.expected[commodity][nation]

    def expect_ahead(self, commodity: str, nation: str, turns: float) -> float:
        """The price expected `turns` turns ahead (1 is next turn): the gap to normal fades."""
        normal = self.normal[commodity][nation]
        gap = self.expected[commodity][nation] - normal
        return normal + gap * float(self.persistence ** max(0.0, turns - 1.0))

    def normal_price(self, commodity: str, nation: str) -> float:
        return self.normal[commodity][nation]

    def lifetime_price(self, commodity: str, nation: str) -> float:
        """The price expected over the life of a project (decades): halfway, in ratio,
        between the normal price and the reference price the scenario starts from. A
        glut or a boom is expected to pass in part, a market's premium (a tariff, a floor,
        scarcity behind a quota) to last in part [A]."""
        return math.sqrt(self.normal[commodity][nation] * self.reference[commodity])

    def update_expectations(self, unsold: set[str] | frozenset[str] = frozenset()) -> None:
        """After the turn: learn from the prices just traded.

        A nation where a good did not trade learns from the nations where it did (their
        average), as a plant with nowhere local to sell looks at world prices. A good that
        was offered but found no buyer anywhere is expected to be worth less and less
        (by `NO_MARKET_DECAY` a turn): there is no market for it.
        """
        for commodity, prices in self.current.items():
            if not prices:
                if commodity in unsold:
                    for table in (self.normal[commodity], self.expected[commodity]):
                        for nation in table:
                            table[nation] *= 1 - NO_MARKET_DECAY
                continue
            normal, expected = self.normal[commodity], self.expected[commodity]
            world = sum(prices.values()) / len(prices)
            last = self.last[commodity]
            for nation in normal:
                price = prices.get(nation, world)
                change = price - last.get(nation, price)
                normal[nation] += self.normal_weight * (price - normal[nation])
                expected[nation] = max(
                    0.0,
                    normal[nation]
                    + self.persistence * (price - normal[nation])
                    + self.momentum * change,
                )
            last.update(prices)
