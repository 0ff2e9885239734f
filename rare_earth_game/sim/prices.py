"""Prices every agent sees: this turn's clearing prices and adaptive expectations of them."""

from collections.abc import Iterable


class PriceBoard:
    """Current, last and expected price per commodity and nation, in USD/kg.

    Every firm and buyer in a nation forms the same adaptive expectation of that nation's
    price, E ← E + w·(P − E), so expectations live here rather than in each agent.
    A nation with no market for a good this turn keeps its last price and expectation.
    """

    def __init__(
        self,
        reference: dict[str, float],
        nations: Iterable[str],
        expectation_weight: float,
        normal_weight: float,
    ) -> None:
        self.reference = dict(reference)
        self.weight = expectation_weight
        self.normal_weight = normal_weight
        nation_list = list(nations)
        self.current: dict[str, dict[str, float]] = {c: {} for c in reference}
        self.last: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }
        self.expected: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }
        self.normal: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }
        """A slow average of prices: what buyers think a good normally costs."""

    def add_nation(self, nation: str) -> None:
        for commodity, price in self.reference.items():
            self.last[commodity].setdefault(nation, price)
            self.expected[commodity].setdefault(nation, price)
            self.normal[commodity].setdefault(nation, price)

    def begin_turn(self) -> None:
        self.current = {c: {} for c in self.reference}

    def record(self, commodity: str, prices: dict[str, float]) -> None:
        self.current[commodity].update(prices)

    def price(self, commodity: str, nation: str) -> float:
        """This turn's price if cleared, else the last known one."""
        return self.current[commodity].get(nation, self.last[commodity][nation])

    def expect(self, commodity: str, nation: str) -> float:
        return self.expected[commodity][nation]

    def normal_price(self, commodity: str, nation: str) -> float:
        return self.normal[commodity][nation]

    def update_expectations(self) -> None:
        """After the turn: move expectations toward the prices just seen.

        A nation with no market for a good this turn looks at the world instead (the
        average of prices where it traded), as a plant with nowhere local to sell would.
        """
        for commodity, prices in self.current.items():
            expected, last = self.expected[commodity], self.last[commodity]
            normal = self.normal[commodity]
            world = sum(prices.values()) / len(prices) if prices else None
            for nation in expected:
                price = prices.get(nation, world)
                if price is None:
                    continue
                expected[nation] += self.weight * (price - expected[nation])
                normal[nation] += self.normal_weight * (price - normal[nation])
                if nation in prices:
                    last[nation] = price
