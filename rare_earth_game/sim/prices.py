"""Prices every agent sees: this turn's clearing prices and adaptive expectations of them."""

from collections.abc import Iterable


class PriceBoard:
    """Current, last and expected price per commodity and nation, in USD/kg.

    Every firm and buyer in a nation forms the same adaptive expectation of that nation's
    price, E ← E + w·(P − E), so expectations live here rather than in each agent.
    A nation with no market for a good this turn keeps its last price and expectation.
    """

    def __init__(
        self, reference: dict[str, float], nations: Iterable[str], expectation_weight: float
    ) -> None:
        self.reference = dict(reference)
        self.weight = expectation_weight
        nation_list = list(nations)
        self.current: dict[str, dict[str, float]] = {c: {} for c in reference}
        self.last: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }
        self.expected: dict[str, dict[str, float]] = {
            c: dict.fromkeys(nation_list, p) for c, p in reference.items()
        }

    def add_nation(self, nation: str) -> None:
        for commodity, price in self.reference.items():
            self.last[commodity].setdefault(nation, price)
            self.expected[commodity].setdefault(nation, price)

    def begin_turn(self) -> None:
        self.current = {c: {} for c in self.reference}

    def record(self, commodity: str, prices: dict[str, float]) -> None:
        self.current[commodity].update(prices)

    def price(self, commodity: str, nation: str) -> float:
        """This turn's price if cleared, else the last known one."""
        return self.current[commodity].get(nation, self.last[commodity][nation])

    def expect(self, commodity: str, nation: str) -> float:
        return self.expected[commodity][nation]

    def update_expectations(self) -> None:
        """After the turn: move expectations toward the prices just seen."""
        for commodity, prices in self.current.items():
            expected, last = self.expected[commodity], self.last[commodity]
            for nation, price in prices.items():
                expected[nation] += self.weight * (price - expected[nation])
                last[nation] = price
