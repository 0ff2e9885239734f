"""Plants that run a recipe: separation, metal and magnet making, anode making, recycling.

A plant bids for its inputs up to what they are worth to it (its expected output value
minus processing cost and the other inputs at expected prices), processes what it holds as
soon as its inputs' markets have cleared, and sells from stock, holding back when the
price is well below what it expects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Refiner as RefinerSpec
from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

INPUT_BUFFER_TURNS = 0.5
"""Plants keep this many turns of inputs on hand beyond the turn's needs."""

TRANCHE_POSITIONS = (-1.0, -1 / 3, 1 / 3, 1.0)
AGGREGATE_COST_SPREAD = 0.15
"""Processing costs across an aggregate's sites span ±15 % of its average unit cost."""
SITE_COST_SPREAD = 0.05
SOLD_OUT = 0.98
"""Share of its stock on offer a plant must sell to count as sold out."""
SALES_SMOOTHING = 0.5
"""Weight of the latest turn in a plant's smoothed sales rate, which it plans output on."""


class Refiner(Facility):
    """A plant running one recipe; capacity is in units of activity per year."""

    def __init__(self, model: RareEarthModel, spec: RefinerSpec) -> None:
        super().__init__(model, spec)
        recipe = model.recipes[spec.recipe]
        self.recipe = recipe
        self.kind = recipe.process
        self.efficiency = spec.efficiency
        self.inputs = dict(recipe.inputs)
        self.essential = {c: q * (1 - recipe.thrift.get(c, 0.0)) for c, q in recipe.inputs.items()}
        self.outputs = dict(recipe.outputs)
        self.output_stock = dict.fromkeys(self.outputs, 0.0)
        self.activity = 0.0
        self.main_output = max(
            self.outputs, key=lambda c: self.outputs[c] * model.reference_price(c)
        )
        self.sales_rate: float | None = None
        """Smoothed tonnes of the main output sold per turn; None before the first turn."""
        self.sold_out = True
        """Whether buyers took all it offered of some output last turn."""
        self._selling_out = False
        self.offered = dict.fromkeys(self.outputs, 0.0)
        # An operating plant starts with its normal working stock of inputs.
        working = self.capacity_per_turn() * INPUT_BUFFER_TURNS
        self.input_stock = {c: q * working for c, q in self.inputs.items()}

    def begin_turn(self) -> None:
        super().begin_turn()
        self.activity = 0.0
        self.sold_this_turn = 0.0
        self._selling_out = False
        self._expected: dict[str, float] = {}  # expectations are fixed within a turn

    def planned_activity(self) -> float:
        """Full capacity while buyers take all it offers; otherwise replace recent sales of
        the main output and move its stock toward a few weeks' sales.

        Sales are smoothed over turns so one slack turn does not shut a plant down. A plant
        that sold out of any output runs flat out: its sales measured what it had, not what
        buyers wanted (a separator short of La-Ce must run even if NdPr piles up).
        """
        capacity = self.capacity_per_turn()
        per_unit = self.outputs[self.main_output] * self.efficiency
        if capacity <= 0 or per_unit <= 0:
            return 0.0
        if self.sales_rate is None or self.sold_out:
            return capacity
        settings = self.model.scenario.settings
        target = settings.target_stock_turns * self.sales_rate
        gap = target - self.output_stock[self.main_output]
        wanted = self.sales_rate + gap / settings.inventory_adjust_turns
        return min(capacity, max(0.0, wanted / per_unit))

    def _expect(self, commodity: str) -> float:
        """Expected price, or the guaranteed floor when one covers this plant's output."""
        cached = self._expected.get(commodity)
        if cached is not None:
            return cached
        expected = self.model.prices.expect(commodity, self.nation)
        if commodity in self.outputs:
            floor = self.model.policies.floor_for(self.key, commodity)
            if floor is not None:
                expected = max(expected, floor.price)
        self._expected[commodity] = expected
        return expected

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
        """A plant's margin is judged against its own processing cost, not its inputs: a
        processor earning 40 % on the value it adds expands even when inputs are dear."""
        return max(self.unit_cost, 1e-9)

    # --- inputs ---------------------------------------------------------------------------

    def tranches(self) -> list[tuple[float, float]]:
        """(share of throughput, processing cost) steps: an aggregate of many sites has a
        cost curve, so its demand for inputs falls off gradually as margins shrink."""
        spread = AGGREGATE_COST_SPREAD if self.units > 1 else SITE_COST_SPREAD
        steps = len(TRANCHE_POSITIONS)
        return [(1 / steps, self.unit_cost * (1 + spread * x)) for x in TRANCHE_POSITIONS]

    def sells(self, commodity: str) -> bool:
        return commodity in self.outputs

    def buys(self, commodity: str) -> bool:
        return commodity in self.inputs

    def bids(self, commodity: str) -> list[Step]:
        """Each tranche's essential need at full value; thriftable needs and buffer at a premium.

        A tranche that lacks an essential input cannot run, so it pays up to what the input
        is worth to it. The thriftable part of an input, and refilling the stock buffer, are
        bought only up to a premium over the expected price that grows with perceived risk.
        """
        planned = self.planned_activity()
        if planned <= 0:
            return []
        per_unit = self.inputs[commodity]
        ceiling = self.model.choke_price(commodity)
        expected = self._expect(commodity)
        others = self.input_cost() - per_unit * expected
        value = self.output_value() + self._credit() - others
        settings = self.model.scenario.settings
        risk = self.model.supply_risk(commodity, self.nation)
        normal = self.model.prices.normal_price(commodity, self.nation)
        premium = min(
            normal * (1 + settings.hoard_premium * (1 + risk)),
            settings.hoard_ceiling * self.model.reference_price(commodity),
        )
        stock = self.input_stock[commodity]
        bids = []
        covered = 0.0  # essential need already met from stock, taken by the cheapest tranches
        for share, cost in self.tranches():
            worth = min((value - cost) / per_unit, ceiling)
            if worth <= 0:
                continue
            need = self.essential[commodity] * planned * share
            from_stock = min(need, max(0.0, stock - covered))
            covered += from_stock
            thriftable = (per_unit - self.essential[commodity]) * planned * share
            bids.append((self.nation, need - from_stock, worth))
            bids.append((self.nation, thriftable, min(worth, premium)))
        if bids:
            spare = max(0.0, stock - covered)
            buffer = per_unit * planned * INPUT_BUFFER_TURNS - spare
            top = max(value for _, _, value in bids)
            bids.append((self.nation, buffer, min(top, premium)))
        return [b for b in bids if b[1] > 1e-9]

    def bought(self, commodity: str, fills: list[float], price: float) -> None:
        received = sum(fills)
        self.input_stock[commodity] += received
        self.costs += received * price * MUSD_PER_TONNE_AT_USD_PER_KG

    # --- processing ---------------------------------------------------------------------

    def process(self) -> None:
        """Turn held inputs into outputs, up to plan, when outputs cover processing cost.

        A thriftable input is needed only by some grades of output (heat-resistant magnets
        need Dy and Tb; others do without), so lacking it cuts output to the grades that
        need none of it rather than stopping the plant.
        """
        planned = self.planned_activity()
        if planned <= 0 or self.output_value() + self._credit() < self.unit_cost:
            return
        limits = [planned]
        for commodity, per_unit in self.inputs.items():
            free_share = 1.0 - self.essential[commodity] / per_unit
            limits.append(free_share * planned + self.input_stock[commodity] / per_unit)
        activity = min(limits)
        if activity <= 1e-9:
            return
        ledger = self.model.ledger
        for commodity, per_unit in self.inputs.items():
            used = min(self.input_stock[commodity], per_unit * activity)
            self.input_stock[commodity] -= used
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

    def offers(self, commodity: str) -> list[Step]:
        stock = self.output_stock[commodity]
        self.offered[commodity] = 0.0
        if stock <= 1e-9:
            return []
        settings = self.model.scenario.settings
        expected = self.model.prices.expect(commodity, self.nation)  # floors top up, not hold back
        full_turn = self.capacity / self.model.turns_per_year * self.outputs[commodity]
        normal = min(stock, settings.stock_turns * full_turn * self.efficiency)
        reserve = max(settings.seller_reserve, self._cost_ratio())
        offers = [(self.nation, normal, reserve * expected)]
        if stock > normal:
            offers.append((self.nation, stock - normal, settings.distress_reserve * expected))
        self.offered[commodity] = stock
        return [o for o in offers if o[1] > 1e-9]

    def _cost_ratio(self) -> float:
        """Cost of making the outputs again, as a share of their expected market value (at
        most 1). A plant does not sell its normal stock below that: in a glut prices settle
        at producers' costs and output falls, instead of sliding turn after turn."""
        market_value = self.efficiency * sum(
            q * self.model.prices.expect(c, self.nation) for c, q in self.outputs.items()
        )
        cost = self.unit_cost - self._credit() + self.input_cost()
        return min(1.0, max(0.0, cost) / market_value) if market_value > 0 else 1.0

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        sold = sum(fills)
        offered = self.offered[commodity]
        if sold >= SOLD_OUT * offered:  # an empty shelf counts: buyers got all there was
            self._selling_out = True
        if sold <= 0:
            return
        self.output_stock[commodity] = max(0.0, self.output_stock[commodity] - sold)
        self.revenue += sold * price * MUSD_PER_TONNE_AT_USD_PER_KG
        if commodity == self.main_output:
            self.sold_this_turn += sold
        floor = self.model.policies.floor_for(self.key, commodity)
        if floor is not None and floor.price > price:
            payer = self.model.nations[floor.nation]
            shortfall = sold * (floor.price - price) * MUSD_PER_TONNE_AT_USD_PER_KG
            self.floor_payment += payer.pay_floor(shortfall)

    def settle(self) -> None:
        super().settle()
        self.sold_out = self._selling_out
        if self.sales_rate is None:
            self.sales_rate = self.sold_this_turn
        else:
            self.sales_rate += SALES_SMOOTHING * (self.sold_this_turn - self.sales_rate)

    def stock_of(self, commodity: str) -> float:
        return self.input_stock.get(commodity, 0.0) + self.output_stock.get(commodity, 0.0)
