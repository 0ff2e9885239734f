"""Plants that run a recipe: separation, metal and magnet making, anode making, recycling.

A plant bids for its inputs up to what they are worth to it (its expected output value
minus processing cost and the other inputs at expected prices), processes what it holds as
soon as its inputs' markets have cleared, and sells from stock, holding back when the
price is below what making the goods again would cost; stock that does not sell is marked
down until it sells or is written off [A].
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Refiner as RefinerSpec
from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

INPUT_BUFFER_TURNS = 0.5
"""Plants keep this many turns of inputs on hand beyond the turn's needs."""
PLANT_HOARDING = 1.0
"""At full perceived risk (or in a deep glut) a plant's input buffer grows by this multiple."""

TRANCHE_POSITIONS = (-1.0, -1 / 3, 1 / 3, 1.0)
AGGREGATE_COST_SPREAD = 0.15
"""Processing costs across an aggregate's sites span ±15 % of its average unit cost."""
SITE_COST_SPREAD = 0.05
SOLD_OUT = 0.98
"""Share of its stock on offer a plant must sell to count as sold out."""
ASK_SPREAD = (-0.06, -0.02, 0.02, 0.06)
"""Equal parts of a plant's stock are offered at these shares above or below its ask."""
COVER_RESPONSE = 0.3
"""Elasticity of a seller's ask to its stock cover (stock ÷ recent sales)."""
COVER_LIMITS = (0.7, 1.0)
"""Bounds of that response, as a factor on the ask."""
LOWEST_MARKDOWN = 0.1
"""Asks are marked down to no less than this share of the expected price."""
THRIFT_STEPS = 6
"""Equal parts of an input's thriftable share, each given up at its own price."""
DEFAULT_THRIFT_COST = 3.0
EXTRA_USE = 2.0
"""When an input is very cheap, plants use up to this many times its thriftable share more."""
"""Price multiple (of reference) at which the last of a thriftable input is done without."""
SALES_SMOOTHING = 0.5
COMPETING_MARGIN = 0.2
"""Margin, as a share of the outputs' value, above which a plant competes for more sales."""
SOLD_OUT_STEP = 0.25
"""A plant that sold all it offered of an output raises its activity by this share of its
capacity next turn."""
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
        self.sales_rate: dict[str, float] | None = None
        """Per output, smoothed tonnes sold per turn; None before the first turn."""
        self.sold_out = dict.fromkeys(self.outputs, True)
        """Per output, whether buyers took all it offered last turn."""
        self._sold_out_now = dict.fromkeys(self.outputs, False)
        self._sold_now = dict.fromkeys(self.outputs, 0.0)
        self._sold_last = dict.fromkeys(self.outputs, 0.0)
        self.offered = dict.fromkeys(self.outputs, 0.0)
        self.markdown = dict.fromkeys(self.outputs, 1.0)
        """Per output, the factor its asks are marked down by after turns without sales."""
        self.unsold_turns = dict.fromkeys(self.outputs, 0)
        # An operating plant starts with its normal working stock of inputs.
        working = self.capacity_per_turn() * INPUT_BUFFER_TURNS
        self.input_stock = {c: q * working for c, q in self.inputs.items()}
        self.begin_turn()

    def begin_turn(self) -> None:
        super().begin_turn()
        self.last_activity = getattr(self, "activity", 0.0)
        self.activity = 0.0
        self._sold_now = dict.fromkeys(self.outputs, 0.0)
        self._sold_out_now = dict.fromkeys(self.outputs, False)
        self._expected: dict[str, float] = {}  # expectations are fixed within a turn
        self._plan: tuple[tuple[float, ...], float] | None = None
        """The activity planned while markets clear, with the stock and markdowns it was
        planned on: a plant bids for each input and then processes on the same plan."""

    def planned_activity(self) -> float:
        """The activity that pays best, given what each output is expected to sell.

        Each output calls for the activity that replaces its recent (smoothed) sales and
        moves its stock toward a few weeks' sales; an output buyers took all of calls for a
        step up in output (its sales measured what the plant had, not what buyers wanted).
        Joint products make this a choice: activity beyond what an output sells makes it
        only at a distress price, so the plant runs as far as the outputs that sell still
        pay for the processing; whether they also pay for the inputs, the plant's bids for
        them decide (the rare-earth "balance problem": mining for NdPr makes La and Ce
        whether or not they sell).
        """
        capacity = self.capacity_per_turn()
        if capacity <= 0:
            return 0.0
        if self.sales_rate is None:
            return capacity
        wanted = {c: min(capacity, self._wanted_for(c)) for c in self.outputs}
        if self._competing():
            step_up = self.last_activity + SOLD_OUT_STEP * capacity
            wanted = {
                c: min(capacity, max(w, step_up)) if self._stock_is_short(c) else w
                for c, w in wanted.items()
            }
        settings = self.model.scenario.settings
        credit = self._credit()  # inputs: the input markets judge their worth
        activity = 0.0
        for level in sorted(set(wanted.values())):
            if level <= activity:
                continue
            value = self.efficiency * sum(
                q * self._expect(c) * (1.0 if wanted[c] >= level else settings.distress_reserve)
                for c, q in self.outputs.items()
            )
            # the part of capacity whose processing cost the outputs still cover
            paying = sum(share for share, cost in self.tranches() if cost - credit <= value)
            activity += (level - activity) * paying
            if paying < 1.0:
                break
        return activity

    def _clearing_plan(self) -> float:
        """`planned_activity()`, worked out once while markets clear: between a plant's
        bids for its inputs and its processing nothing it is planned on changes (prices
        and expectations are booked at settle), and the stock and markdowns are checked."""
        state = (*self.output_stock.values(), *self.markdown.values())
        if self._plan is None or self._plan[0] != state:
            self._plan = (state, self.planned_activity())
        return self._plan[1]

    def _competing(self) -> bool:
        """Whether margins are fat enough to compete for more sales: a plant earning more
        than `COMPETING_MARGIN` of its outputs' value over all its costs steps output up,
        so an industry with spare capacity does not hold prices far above cost [A]."""
        value = self.output_value()
        if value <= 0:
            return False
        return self.expected_margin() > COMPETING_MARGIN * value

    def _stock_is_short(self, commodity: str) -> bool:
        """Whether the output's stock is below its target: a plant sitting on unsold stock
        does not compete for sales by making more of it."""
        assert self.sales_rate is not None, "sales are estimated before a plant plans"
        target = self.model.scenario.settings.target_stock_turns * self.sales_rate[commodity]
        return self.output_stock[commodity] <= target

    def _wanted_for(self, commodity: str) -> float:
        """Activity one output calls for (see `planned_activity`)."""
        per_unit = self.outputs[commodity] * self.efficiency
        if per_unit <= 0 or self.sales_rate is None:
            return float("inf")
        settings = self.model.scenario.settings
        rate = self.sales_rate[commodity]
        if self.sold_out[commodity]:  # buyers would have taken more: make more
            made = max(self.last_activity, rate / per_unit, self._sold_last[commodity] / per_unit)
            return made + SOLD_OUT_STEP * self.capacity_per_turn()
        gap = settings.target_stock_turns * rate - self.output_stock[commodity]
        return max(0.0, rate + gap / settings.inventory_adjust_turns) / per_unit

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

    def margin_at(self, price: Callable[[str], float]) -> float:
        """Outputs count at the price the plant has had to mark them down to, if it has."""
        value = self.efficiency * sum(
            q * self.floored(c, price(c) * self.markdown[c]) for c, q in self.outputs.items()
        )
        inputs = sum(q * price(c) for c, q in self.inputs.items())
        return value + self._credit() - self.unit_cost - inputs

    def output_per_unit(self, commodity: str) -> float:
        return self.outputs.get(commodity, 0.0) * self.efficiency

    def products(self) -> tuple[str, ...]:
        return tuple(self.outputs)

    def activity_settled(self, cleared: set[str]) -> bool:
        return set(self.inputs) <= cleared  # it processes as soon as its inputs have cleared

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
        """Each tranche's essential need at what the input is worth to it; the thriftable
        part along the cost of doing without; a working stock for next turn at the expected
        price (more when supply is at risk); extra stock at what holding it is worth.

        A tranche that lacks an essential input cannot run, so it pays up to the input's
        value in its outputs (derived demand, passed up the chain). The thriftable part is
        given up bit by bit as the input's price climbs past the cost of thrifting it; when
        the input is cheap, plants use more of it than the recipe says (see `_extra_use`).
        """
        planned = self._clearing_plan()
        if planned <= 0:
            return []
        per_unit = self.inputs[commodity]
        expected = self._expect(commodity)
        others = self.input_cost() - per_unit * expected
        value = self.output_value() + self._credit() - others
        thrift_values = self._thrift_values(commodity)
        stock = self.input_stock[commodity]
        bids = []
        covered = 0.0  # essential need already met from stock, taken by the cheapest tranches
        for share, cost in self.tranches():
            worth = (value - cost) / per_unit
            if worth <= 0:
                continue
            need = self.essential[commodity] * planned * share
            from_stock = min(need, max(0.0, stock - covered))
            covered += from_stock
            bids.append((self.nation, need - from_stock, worth))
            thriftable = (per_unit - self.essential[commodity]) * planned * share
            part = thriftable / len(thrift_values)
            bids += [(self.nation, part, min(worth, v)) for v in thrift_values]
        extra = self._extra_use(commodity) * per_unit * planned
        if bids and extra > 0:
            bids.append((self.nation, extra, min(expected, self.model.reference_price(commodity))))
        if bids:
            spare = max(0.0, stock - covered)
            working = max(0.0, per_unit * planned * INPUT_BUFFER_TURNS - spare)
            extra = per_unit * planned * self._buffer_turns(commodity) - spare - working
            top = max(value for _, _, value in bids)
            risk = self.model.supply_risk(commodity, self.nation)
            bids.append((self.nation, working, min(top, expected * (1 + risk))))
            bids.append((self.nation, extra, min(top, self._buffer_value(commodity))))
        return [b for b in bids if b[1] > 1e-9]

    def flow_demand(self, price: Callable[[str, str], float]) -> dict[str, float]:
        """Each input this turn's planned activity needs at `price(input, nation)`: the
        essential part of each tranche that can afford it, and the thriftable parts not yet
        worth saving (not the extra a glut tempts plants to use: nobody builds capacity for
        that). The plan and the outputs' value are worked out once for all inputs."""
        planned = self.planned_activity()
        if planned <= 0:
            return dict.fromkeys(self.inputs, 0.0)
        earned = self.output_value() + self._credit()
        costs = self.input_cost()
        demand = {}
        for commodity, per_unit in self.inputs.items():
            others = costs - per_unit * self._expect(commodity)
            at = price(commodity, self.nation)
            demand[commodity] = self._input_demand(commodity, at, planned, earned - others)
        return demand

    def _input_demand(self, commodity: str, price: float, planned: float, value: float) -> float:
        """One input's part of `flow_demand`, given what a unit of activity earns beyond the
        other inputs."""
        per_unit = self.inputs[commodity]
        thrift_values = self._thrift_values(commodity)
        kept = sum(1 for v in thrift_values if v >= price) / len(thrift_values)
        wanted = self.essential[commodity] + (per_unit - self.essential[commodity]) * kept
        return sum(
            wanted * planned * share
            for share, cost in self.tranches()
            if (value - cost) / per_unit >= price
        )

    def _extra_use(self, commodity: str) -> float:
        """Share of the recipe's input a plant adds when the input is cheap: up to
        `EXTRA_USE` times its thriftable share, in full at `thrift_cost` times below the
        reference price.

        The recipe is the 2025 mix, partly thrifted; when Dy is cheap, magnet makers skip
        costly Dy-saving steps (grain-boundary diffusion) and alloy more Dy in, and heavier
        grades replace lighter ones [A]."""
        share = 1.0 - self.essential[commodity] / self.inputs[commodity]
        if share <= 0:
            return 0.0
        top = self.recipe.thrift_cost.get(commodity, DEFAULT_THRIFT_COST)
        cheap = self.model.reference_price(commodity) / max(self._expect(commodity), 1e-9)
        return EXTRA_USE * share * min(1.0, max(0.0, math.log(cheap) / math.log(top)))

    def _thrift_values(self, commodity: str) -> tuple[float, ...]:
        """USD/kg at which each equal part of the thriftable share is given up: from just
        above the reference price (easy savings) up to `thrift_cost` times it (the last)."""
        reference = self.model.reference_price(commodity)
        top = self.recipe.thrift_cost.get(commodity, DEFAULT_THRIFT_COST)
        return tuple(
            reference * (1 + (top - 1) * (THRIFT_STEPS - j - 0.5) / THRIFT_STEPS)
            for j in range(THRIFT_STEPS)
        )

    def _buffer_turns(self, commodity: str) -> float:
        """Turns of input a plant keeps: a working stock, more when supply looks at risk or
        the input is cheap against its normal price (buying ahead in a glut) [A]."""
        prices = self.model.prices
        normal = prices.normal_price(commodity, self.nation)
        expected = self._expect(commodity)
        cheapness = max(0.0, 1.0 - expected / normal) if normal > 0 else 0.0
        risk = self.model.supply_risk(commodity, self.nation)
        return INPUT_BUFFER_TURNS * (1 + PLANT_HOARDING * min(1.0, risk + cheapness))

    def _buffer_value(self, commodity: str) -> float:
        """What a tonne of input stock is worth holding: the price expected when it will be
        used, plus a premium for the risk of running short, less the cost of carrying it."""
        settings = self.model.scenario.settings
        risk = self.model.supply_risk(commodity, self.nation)
        later = self.model.prices.expect_ahead(commodity, self.nation, 1 + INPUT_BUFFER_TURNS)
        years = INPUT_BUFFER_TURNS / self.model.turns_per_year
        return later * (1 + risk) / (1 + settings.carrying_cost_per_year * years)

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
        planned = self._clearing_plan()
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
        used_now, made_now = {}, {}
        for commodity, per_unit in self.inputs.items():
            need = per_unit * activity * (1 + self._extra_use(commodity))
            used = used_now[commodity] = min(self.input_stock[commodity], need)
            self.input_stock[commodity] -= used
            ledger.add(commodity, self.nation, "use", used)
        for commodity, per_unit in self.outputs.items():
            made = made_now[commodity] = per_unit * activity * self.efficiency
            self.output_stock[commodity] += made
            ledger.add(commodity, self.nation, "production", made, self.recorded)
        self.model.provenance.processed(self, used_now, made_now)  # origin of what was made
        self.activity = activity
        self.output += activity
        self.costs += activity * self.unit_cost * MUSD_PER_TONNE_AT_USD_PER_KG
        nation = self.model.nations[self.nation]
        self.subsidy += nation.pay_subsidy(activity * self._credit() * MUSD_PER_TONNE_AT_USD_PER_KG)

    # --- outputs --------------------------------------------------------------------------

    def offers(self, commodity: str) -> list[Step]:
        """All its stock, at no less than the cost of making it again, marked down for as
        long as stock piles up unsold. The stock is offered in parts at asks a little apart,
        so sellers with similar asks share a market instead of taking turns at all of it."""
        stock = self.output_stock[commodity]
        self.offered[commodity] = 0.0
        if stock <= 1e-9:
            return []
        settings = self.model.scenario.settings
        expected = self.model.prices.expect(commodity, self.nation)  # floors top up, not hold back
        reserve = max(settings.seller_reserve * self._cover_factor(commodity), self._cost_ratio())
        self.offered[commodity] = stock
        ask = reserve * expected * self.markdown[commodity]
        part = stock / len(ASK_SPREAD)
        return [(self.nation, part, ask * (1 + spread)) for spread in ASK_SPREAD]

    def _cover_factor(self, commodity: str) -> float:
        """Sellers ask less as their stock piles up against recent sales [A: the
        inventory-price relation of storable commodities]. (Never more when it is thin: a
        sole seller would then ratchet its price up to what its sole buyer can bear.)"""
        if self.sales_rate is None or self.sales_rate[commodity] <= 0:
            return 1.0
        settings = self.model.scenario.settings
        cover = self.output_stock[commodity] / self.sales_rate[commodity]
        target = 1.0 + settings.target_stock_turns
        factor: float = (target / max(cover, 1e-9)) ** COVER_RESPONSE
        return min(COVER_LIMITS[1], max(COVER_LIMITS[0], factor))

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
        self._mark(commodity, offered, sold)
        # an empty shelf counts as sold out: buyers got all there was
        self._sold_out_now[commodity] = sold >= SOLD_OUT * offered
        self._sold_now[commodity] = sold
        if commodity == self.main_output:
            self.sold_tonnes += sold
        if sold <= 0:
            return
        self.output_stock[commodity] = max(0.0, self.output_stock[commodity] - sold)
        self.revenue += sold * price * MUSD_PER_TONNE_AT_USD_PER_KG
        floor = self.model.policies.floor_for(self.key, commodity)
        if floor is not None and floor.price > price:
            payer = self.model.nations[floor.nation]
            shortfall = sold * (floor.price - price) * MUSD_PER_TONNE_AT_USD_PER_KG
            self.floor_payment += payer.pay_floor(shortfall)

    def _mark(self, commodity: str, offered: float, sold: float) -> None:
        """Lower the ask while unsold stock piles up beyond a turn of recent sales, raise it
        back as stock clears; write off stock that has not sold at the lowest ask, or found
        no buyer at all, for `write_off_turns` turns."""
        settings = self.model.scenario.settings
        cut = settings.markdown_per_turn
        if offered <= 1e-9:
            return  # nothing offered, nothing learnt
        rate = self.sales_rate[commodity] if self.sales_rate is not None else sold
        if offered - sold <= max(rate, sold) + 1e-9:
            self.markdown[commodity] = min(1.0, self.markdown[commodity] / (1 - cut))
            self.unsold_turns[commodity] = 0
            return
        self.markdown[commodity] = max(LOWEST_MARKDOWN, self.markdown[commodity] * (1 - cut))
        if self.markdown[commodity] > LOWEST_MARKDOWN and sold > 0:
            return
        self.unsold_turns[commodity] += 1  # at the lowest ask, or nobody bought at all
        if self.unsold_turns[commodity] >= settings.write_off_turns:
            unsold = self.output_stock[commodity] - sold
            self.output_stock[commodity] -= unsold
            self.model.ledger.add(commodity, self.nation, "written_off", unsold)
            self.unsold_turns[commodity] = 0
            name = self.model.commodities[commodity].name
            self.model.note(
                "stock_written_off",
                self.key,
                f"{self.name} writes off {unsold:,.0f} t of {name} it could not sell",
            )

    def scrap_inputs(self) -> None:
        for commodity, tonnes in self.input_stock.items():
            if tonnes > 0:
                self.model.ledger.add(commodity, self.nation, "written_off", tonnes)
                self.input_stock[commodity] = 0.0

    def settle(self) -> None:
        super().settle()
        self._plan = None  # sales now change what the plant plans on
        self.sold_out = dict(self._sold_out_now)
        self._sold_last = dict(self._sold_now)
        if self.sales_rate is None:
            self.sales_rate = dict(self._sold_now)
            return
        for commodity, sold in self._sold_now.items():
            self.sales_rate[commodity] += SALES_SMOOTHING * (sold - self.sales_rate[commodity])

    def stock_of(self, commodity: str) -> float:
        return self.input_stock.get(commodity, 0.0) + self.output_stock.get(commodity, 0.0)
