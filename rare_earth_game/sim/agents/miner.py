"""Mines (and scrap collectors): they produce to order, offering capacity at cash cost.

A mine of joint products (light and heavy rare earths in one ore) extracts to the orders of
its main output, the most valuable at reference prices; the co-products come out in fixed
proportions whether or not they sell, and are held and sold from stock (`stock.py`). Their
expected value, at the price they have had to be marked down to, counts as a credit against
the cost of extraction [A: by-product credit costing].
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Miner as MinerSpec
from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.agents.stock import StockSales
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

COST_STEPS = ((0.5, 0.9), (0.3, 1.0), (0.12, 1.25), (0.08, 1.6))
"""(share of capacity, cost multiple): output gets dearer as a mine runs harder, steeply
near capacity (lower grades, overtime, stockpiled ore) [A]."""


class Miner(Facility):
    """A deposit in production or development; capacity in units of extraction a year (for a
    mine of one good, tonnes of it)."""

    kind = "mine"

    def __init__(self, model: RareEarthModel, spec: MinerSpec) -> None:
        super().__init__(model, spec)
        self.outputs = spec.yields
        """Tonnes of each good per unit of extraction."""
        self.main_output = max(
            self.outputs, key=lambda c: (self.outputs[c] * model.reference_price(c), c)
        )
        self.coproducts = StockSales(self, tuple(c for c in self.outputs if c != self.main_output))

    def begin_turn(self) -> None:
        super().begin_turn()
        self.coproducts.begin_turn()

    def _credit(self) -> float:
        return self.model.policies.subsidy_per_kg(self.nation, self.key, self.unit_cost)

    def _coproduct_credit(self) -> float:
        """USD per unit of extraction its co-products are expected to fetch."""
        expect = self.model.prices.expect
        return sum(
            q * self.floored(c, expect(c, self.nation) * self.coproducts.markdown[c])
            for c, q in self.outputs.items()
            if c != self.main_output
        )

    def sells(self, commodity: str) -> bool:
        return commodity in self.outputs

    def offers(self, commodity: str) -> list[Step]:
        if commodity != self.main_output:
            return self.coproducts.offers(commodity)
        quantity = self.capacity_per_turn() * self.outputs[commodity]
        if quantity <= 0:
            return []
        credit = self._credit() + self._coproduct_credit()
        nation = self.model.nations[self.nation]
        pricing = nation.ask_factor_for(commodity) if self.state_directed else 1.0
        per_tonne = 1.0 / self.outputs[commodity]
        return [
            (
                self.nation,
                quantity * share,
                max(0.0, self.unit_cost * step - credit) * per_tonne * pricing,
            )
            for share, step in COST_STEPS
        ]

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        if commodity != self.main_output:
            self._sold_coproduct(commodity, sum(fills), price)
            return
        produced = sum(fills)
        if produced <= 0:
            return
        extracted = produced / self.outputs[commodity]
        self.output += extracted
        self.sold_tonnes += produced
        self.model.ledger.add(commodity, self.nation, "production", produced, self.recorded)
        for good, per_unit in self.outputs.items():
            if good != commodity:
                self.coproducts.add(good, extracted * per_unit)
        self.revenue += produced * price * MUSD_PER_TONNE_AT_USD_PER_KG
        cost = sum(
            f * self.unit_cost * step for f, (_, step) in zip(fills, COST_STEPS, strict=True)
        )
        self.costs += cost / self.outputs[commodity] * MUSD_PER_TONNE_AT_USD_PER_KG
        nation = self.model.nations[self.nation]
        self.subsidy += nation.pay_subsidy(
            extracted * self._credit() * MUSD_PER_TONNE_AT_USD_PER_KG
        )
        self._top_up_to_floor(commodity, produced, price)

    def _sold_coproduct(self, commodity: str, tonnes: float, price: float) -> None:
        self.coproducts.sold(commodity, tonnes)
        if tonnes > 0:
            self.revenue += tonnes * price * MUSD_PER_TONNE_AT_USD_PER_KG
            self._top_up_to_floor(commodity, tonnes, price)

    def _top_up_to_floor(self, commodity: str, tonnes: float, price: float) -> None:
        floor = self.model.policies.floor_for(self.key, commodity)
        if floor is not None and floor.price > price:
            payer = self.model.nations[floor.nation]
            shortfall = tonnes * (floor.price - price) * MUSD_PER_TONNE_AT_USD_PER_KG
            self.floor_payment += payer.pay_floor(shortfall)

    def margin_at(self, price: Callable[[str], float]) -> float:
        """Co-products count at the price the mine has had to mark them down to."""
        value = sum(
            q * self.floored(c, price(c) * self._markdown(c)) for c, q in self.outputs.items()
        )
        return value + self._credit() - self.unit_cost

    def _markdown(self, commodity: str) -> float:
        return self.coproducts.markdown.get(commodity, 1.0)

    def output_per_unit(self, commodity: str) -> float:
        return self.outputs.get(commodity, 0.0)

    def products(self) -> tuple[str, ...]:
        return tuple(self.outputs)

    def settle(self) -> None:
        super().settle()
        self.coproducts.settle()
