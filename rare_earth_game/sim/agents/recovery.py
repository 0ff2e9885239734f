"""By-product recovery at a host mine or plant: gallium from an alumina refinery's liquor.

What can be recovered in a turn is the host's activity that turn times the yield, up to
the recovery capacity installed: the host's market, not the by-product's, sets the
ceiling [S: Nassar, Graedel and Harper 2015, Sci. Adv. 1(3) e1400180]. Under it the
recovery decides like a plant: it recovers only while the by-product's expected price
covers its unit cost, and only as much as it expects to sell (its sales and stock target),
so its own price moves its supply only weakly, through that decision and through the
capacity firms add. It recovers as soon as its host's activity for the turn is settled and
sells from stock, in that turn's market if it has yet to clear, otherwise the next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Recovery as RecoverySpec
from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.agents.stock import StockSales
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

SOLD_OUT_STEP = 0.25
"""A recovery that sold all it offered recovers this share of its capacity more next turn
(its sales measured its stock, not what buyers wanted)."""


class Recovery(Facility):
    """A by-product circuit at a host; capacity in tonnes of the by-product a year."""

    kind = "recovery"

    def __init__(self, model: RareEarthModel, spec: RecoverySpec) -> None:
        super().__init__(model, spec)
        self.commodity = spec.commodity
        self.main_output = spec.commodity
        self.host_id = spec.host
        self.yield_per_unit = spec.yield_per_unit
        self.stock = StockSales(self, (spec.commodity,))
        start_rate = spec.capacity * spec.start_utilisation / model.turns_per_year
        self.recovered = start_rate if spec.status == "operating" else 0.0
        """Tonnes recovered this turn; before the first, the rate it ran at when the scenario
        starts, which it keeps to until it has sales to plan on."""
        self.last_recovered = 0.0

    def begin_turn(self) -> None:
        super().begin_turn()
        self.last_recovered = self.recovered
        self.recovered = 0.0
        self.stock.begin_turn()

    @property
    def host(self) -> Facility | None:
        """The host, once it exists (an effect may add it later in the game)."""
        return self.model.facilities.get(self.host_id)

    def host_settled(self, cleared: set[str]) -> bool:
        """Whether the host's activity for this turn is known, given the markets cleared."""
        host = self.host
        return host is None or host.activity_settled(cleared)

    def available(self) -> float:
        """Tonnes the host's activity this turn carries that this circuit can take."""
        host = self.host
        return host.output * self.yield_per_unit if host is not None else 0.0

    def _credit(self) -> float:
        return self.model.policies.subsidy_per_kg(self.nation, self.key, self.unit_cost)

    def _expect(self) -> float:
        expected = self.model.prices.expect(self.commodity, self.nation)
        return self.floored(self.commodity, expected)

    def recover(self) -> None:
        """Recover from the host's activity this turn, when the price covers the cost."""
        ceiling = min(self.capacity_per_turn(), self.available())
        if ceiling <= 1e-12 or self._expect() + self._credit() < self.unit_cost:
            return
        step = SOLD_OUT_STEP * self.capacity_per_turn()
        amount = min(ceiling, self.stock.wanted(self.commodity, self.last_recovered, step))
        if amount <= 1e-12:
            return
        self.stock.add(self.commodity, amount)
        self.recovered += amount
        self.output += amount
        self.costs += amount * self.unit_cost * MUSD_PER_TONNE_AT_USD_PER_KG
        nation = self.model.nations[self.nation]
        self.subsidy += nation.pay_subsidy(amount * self._credit() * MUSD_PER_TONNE_AT_USD_PER_KG)

    def sells(self, commodity: str) -> bool:
        return commodity == self.commodity

    def offers(self, commodity: str) -> list[Step]:
        """Its stock, not below what recovering it again would cost (as a plant holds back)."""
        expected = self.model.prices.expect(commodity, self.nation)
        cost = max(0.0, self.unit_cost - self._credit())
        floor = min(1.0, cost / expected) if expected > 0 else 1.0
        nation = self.model.nations[self.nation]
        pricing = nation.ask_factor_for(commodity) if self.state_directed else 1.0
        steps = self.stock.offers(commodity, floor)
        return [(node, tonnes, ask * pricing) for node, tonnes, ask in steps]

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        tonnes = sum(fills)
        self.stock.sold(commodity, tonnes)
        self.sold_tonnes += tonnes
        if tonnes <= 0:
            return
        self.revenue += tonnes * price * MUSD_PER_TONNE_AT_USD_PER_KG
        floor = self.model.policies.floor_for(self.key, commodity)
        if floor is not None and floor.price > price:
            payer = self.model.nations[floor.nation]
            shortfall = tonnes * (floor.price - price) * MUSD_PER_TONNE_AT_USD_PER_KG
            self.floor_payment += payer.pay_floor(shortfall)

    def margin_at(self, price: Callable[[str], float]) -> float:
        """The by-product counts at the price it has had to be marked down to."""
        marked = price(self.commodity) * self.stock.markdown[self.commodity]
        return self.floored(self.commodity, marked) + self._credit() - self.unit_cost

    def output_per_unit(self, commodity: str) -> float:
        return 1.0 if commodity == self.commodity else 0.0

    def products(self) -> tuple[str, ...]:
        return (self.commodity,)

    def settle(self) -> None:
        super().settle()
        self.stock.settle()
