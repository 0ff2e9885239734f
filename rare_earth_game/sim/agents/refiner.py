"""Plants that run a recipe: separation, metal and magnet making, anode making, recycling.

A plant bids for its inputs up to what they are worth to it (its expected output value
minus processing cost and the other inputs at expected prices), processes what it holds as
soon as its inputs' markets have cleared, and sells from stock, holding back when the
price is well below what it expects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Refiner as RefinerSpec
from rare_earth_game.sim.agents.facility import MUSD_PER_TONNE_AT_USD_PER_KG, Facility

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

INPUT_BUFFER_TURNS = 1.0
"""Plants keep this many turns of inputs on hand beyond the turn's needs."""


class Refiner(Facility):
    """A plant running one recipe; capacity is in units of activity per year."""

    def __init__(self, model: RareEarthModel, spec: RefinerSpec) -> None:
        super().__init__(model, spec)
        recipe = model.recipes[spec.recipe]
        self.recipe = recipe
        self.kind = recipe.process
        self.efficiency = spec.efficiency
        self.inputs = dict(recipe.inputs)
        self.outputs = dict(recipe.outputs)
        self.input_stock = dict.fromkeys(self.inputs, 0.0)
        self.output_stock = dict.fromkeys(self.outputs, 0.0)
        self.activity = 0.0

    def begin_turn(self) -> None:
        super().begin_turn()
        self.activity = 0.0

    def _expect(self, commodity: str) -> float:
        return self.model.prices.expect(commodity, self.nation)

    def _credit(self) -> float:
        return self.model.policies.subsidy_per_kg(self.nation, self.key, self.unit_cost)

    def output_value(self) -> float:
        """Expected USD per kg of activity from selling the outputs."""
        return self.efficiency * sum(q * self._expect(c) for c, q in self.outputs.items())

    def input_cost(self) -> float:
        return sum(q * self._expect(c) for c, q in self.inputs.items())

    def expected_margin(self) -> float:
        return self.output_value() + self._credit() - self.unit_cost - self.input_cost()

    def cost_basis(self) -> float:
        return max(self.unit_cost + self.input_cost(), 1e-9)

    # --- inputs ---------------------------------------------------------------------------

    def bids(self, commodity: str) -> list[tuple[str, float, float]]:
        capacity = self.capacity_per_turn()
        if capacity <= 0:
            return []
        per_unit = self.inputs[commodity]
        wanted = per_unit * capacity * (1 + INPUT_BUFFER_TURNS) - self.input_stock[commodity]
        others = self.input_cost() - per_unit * self._expect(commodity)
        worth = (self.output_value() + self._credit() - self.unit_cost - others) / per_unit
        ceiling = self.model.choke_price(commodity)
        if wanted <= 1e-9 or worth <= 0:
            return []
        return [(self.nation, wanted, min(worth, ceiling))]

    def bought(self, commodity: str, fills: list[float], price: float) -> None:
        received = sum(fills)
        self.input_stock[commodity] += received
        self.costs += received * price * MUSD_PER_TONNE_AT_USD_PER_KG

    # --- processing ---------------------------------------------------------------------

    def process(self) -> None:
        """Turn held inputs into outputs, up to capacity, when outputs cover processing cost."""
        capacity = self.capacity_per_turn()
        if capacity <= 0 or self.output_value() + self._credit() < self.unit_cost:
            return
        activity = min(
            capacity, *(self.input_stock[c] / q for c, q in self.inputs.items() if q > 0)
        )
        if activity <= 1e-9:
            return
        ledger = self.model.ledger
        for commodity, per_unit in self.inputs.items():
            used = per_unit * activity
            self.input_stock[commodity] = max(0.0, self.input_stock[commodity] - used)
            ledger.add(commodity, self.nation, "use", used)
        for commodity, per_unit in self.outputs.items():
            made = per_unit * activity * self.efficiency
            self.output_stock[commodity] += made
            ledger.add(commodity, self.nation, "production", made)
        self.activity = activity
        self.output += activity
        self.costs += activity * self.unit_cost * MUSD_PER_TONNE_AT_USD_PER_KG
        nation = self.model.nations[self.nation]
        self.subsidy += nation.pay_subsidy(activity * self._credit() * MUSD_PER_TONNE_AT_USD_PER_KG)

    # --- outputs --------------------------------------------------------------------------

    def offers(self, commodity: str) -> list[tuple[str, float, float]]:
        stock = self.output_stock[commodity]
        if stock <= 1e-9:
            return []
        settings = self.model.scenario.settings
        expected = self._expect(commodity)
        full_turn = self.capacity / self.model.turns_per_year * self.outputs[commodity]
        normal = min(stock, settings.stock_turns * full_turn * self.efficiency)
        offers = [(self.nation, normal, settings.seller_reserve * expected)]
        if stock > normal:
            offers.append((self.nation, stock - normal, settings.distress_reserve * expected))
        return [o for o in offers if o[1] > 1e-9]

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        sold = sum(fills)
        if sold <= 0:
            return
        self.output_stock[commodity] = max(0.0, self.output_stock[commodity] - sold)
        self.revenue += sold * price * MUSD_PER_TONNE_AT_USD_PER_KG
        floor = self.model.policies.floor_for(self.key, commodity)
        if floor is not None and floor.price > price:
            payer = self.model.nations[floor.nation]
            shortfall = sold * (floor.price - price) * MUSD_PER_TONNE_AT_USD_PER_KG
            self.floor_payment += payer.pay_floor(shortfall)

    def stock_of(self, commodity: str) -> float:
        return self.input_stock.get(commodity, 0.0) + self.output_stock.get(commodity, 0.0)
