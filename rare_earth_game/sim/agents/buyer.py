"""A sector's demand for one good in one nation: derived demand, safety stock, substitution.

Demand is *derived*: a magnet or an oxide is a small share of the cost of the motor, car or
catalyst it goes into, so near normal prices demand hardly moves, and at many times them
it collapses as products are redesigned, delayed or dropped [S: Marshall's rules of derived
demand; Sprecher et al. 2017 on 2011-12]. With `cost_share` s and the short-run elasticity
e at the reference price, demand at k times the reference price is
D(k) = D(1) · (1 + s(k − 1))^(−e/s): elasticity e near normal prices, rising towards e/s.

Buyers hold working stock, and extra stock that grows with perceived supply risk and when
the good is cheap against its normal price [A], bounded by the working capital they give
to inventory (so the dearer the good, the fewer
tonnes they can hold) and bought only up to what holding it is worth: the price expected
when it would be used, plus a risk premium, less the cost of carrying it. In a spike they
use stock rather than pay more than that; when the scare passes they destock [S: 2012
destocking]. Over years they substitute and thrift away from a good whose price stays
high, at most `thrift_max_per_year` (about 10 % of demand a year in 2011-12, Sprecher et
al. 2017), and drift back slowly when it falls.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Buyer as BuyerSpec
from rare_earth_game.sim.agents.base import EngineAgent, Step
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

FINE_STEPS = (1.5, 1.25, 1.12, 1.06, 1.03, 1.01, 1.0, 0.99, 0.97, 0.94, 0.9, 0.8, 0.65)
"""Prices, as multiples of the expected price, where the demand curve is finely stepped."""
COARSE_STEPS = (0.35, 0.55, 0.85, 1.35, 2.1, 3.3, 5.2, 8.2, 13.0, 20.0, 32.0, 50.0, 80.0, 125.0)
"""Multiples of the reference price where every demand curve of a good is stepped, so the
curve reaches every price and buyers of a nation share their steps."""
MERGE_TOLERANCE = 0.02
"""Steps closer than this (relative) are merged: the fine steps win."""
DESTROYED = 0.05
"""Demand left at the top of the curve: above that price the use is given up entirely."""
SAFETY_BOUND = 200.0
"""Top of the curve for a use with no price response at all (elasticity 0), in multiples
of the reference price; a use that responds to price stops well below it."""

SHORTAGE_MEMORY = 0.75
"""Weight of the past in a buyer's sense of how short supply is (about a year's memory)."""
WORKING_STOCK_SHARE = 0.25
"""Share of the normal stock a buyer never uses up to cover shortfalls."""


def demand_multiple(price_multiple: float, elasticity: float, cost_share: float) -> float:
    """D(k)/D(1) for derived demand: (1 + s(k − 1))^(−e/s)."""
    if elasticity <= 0:
        return 1.0
    base = 1.0 + cost_share * (price_multiple - 1.0)
    return base ** (-elasticity / cost_share) if base > 0 else math.inf


def rationing_multiple(share: float, elasticity: float, cost_share: float) -> float:
    """The price multiple at which this demand curve would have fallen to `share` of its
    reference level: the 'virtual price' a rationed buyer faces when supply runs short."""
    if share >= 1.0:
        return 1.0
    if elasticity <= 0:
        return SAFETY_BOUND
    share = max(share, DESTROYED)
    multiple: float = 1.0 + (share ** (-cost_share / elasticity) - 1.0) / cost_share
    return min(SAFETY_BOUND, multiple)


def top_multiple(elasticity: float, cost_share: float) -> float:
    """The price multiple at which all but `DESTROYED` of the demand is given up."""
    if elasticity <= 0:
        return SAFETY_BOUND
    top: float = 1.0 + (DESTROYED ** (-cost_share / elasticity) - 1.0) / cost_share
    return min(SAFETY_BOUND, top)


class Buyer(EngineAgent):
    """Demand of one sector (EV, wind, defence...) for one commodity in one nation."""

    def __init__(self, model: RareEarthModel, spec: BuyerSpec) -> None:
        super().__init__(model, spec.id)
        self.nation = spec.nation
        self.sector = spec.sector
        self.commodity = spec.commodity
        self.base_demand = spec.base_demand
        self.growth = spec.growth
        self.elasticity = spec.elasticity
        self.cost_share = spec.cost_share
        self.inventory_months = spec.inventory_months
        self.hoarding = spec.hoarding
        settings = model.scenario.settings
        self.thrift_max = (
            settings.thrift_max_per_year
            if spec.thrift_max_per_year is None
            else spec.thrift_max_per_year
        )
        self.top = top_multiple(self.elasticity, self.cost_share)
        self._fixed_demand = {
            m: demand_multiple(m, self.elasticity, self.cost_share)
            for m in (self.top, *COARSE_STEPS)
        }
        """Demand multiples at the steps of the curve that never move (its top and the coarse
        steps), worked out once: only the fine steps follow the expected price."""
        self.intensity = 1.0  # falls with thrift and substitution
        self.technology = 1.0  # moved by R&D effects
        self.trends: list[list[float]] = []  # [yearly rate, turns left]
        self.shocks: list[list[float]] = []  # [factor, turns left]
        self.level = 1.0  # permanent demand shocks
        self.noise = 0.0  # log of the random demand shock, when the scenario has noise
        self.shortage = 1.0
        """Smoothed virtual price multiple of the supply this buyer got: 1 when it got what
        it wanted at normal prices, more when supply ran short (a ban with no other seller
        reports no price, but its buyers feel it)."""
        self.risk = 0.0
        self.inventory = self.stock_target()
        self._drawdown = 0.0
        self._restocking = False
        self._from_stock = 0.0
        self._release_index: int | None = None
        self.begin_turn()

    def begin_turn(self) -> None:
        settings = self.model.scenario.settings
        if settings.demand_noise > 0:
            persistence = settings.demand_noise_persistence
            shock = float(self.model.rng.normal()) * settings.demand_noise
            self.noise = persistence * self.noise + math.sqrt(1 - persistence**2) * shock
        self.desired = self.demand_at_reference()
        self.consumed = 0.0
        self.purchased = 0.0
        self.spent = 0.0
        self.hoarded = 0.0
        self.released = 0.0

    def settle_in(self) -> None:
        """Start from the risk the world already carries, with stock to match."""
        self.risk = self.model.supply_risk(self.commodity, self.nation)
        self.inventory = self.stock_target()

    # --- demand ----------------------------------------------------------------------------

    def demand_at_reference(self) -> float:
        """Tonnes this turn that the sector would use at the reference price."""
        years = self.model.years_elapsed
        shock = math.exp(self.noise)
        for factor, _ in self.shocks:
            shock *= factor
        yearly: float = self.base_demand * (1 + self.growth) ** years
        return (
            yearly
            * self.intensity
            * self.technology
            * self.level
            * shock
            / self.model.turns_per_year
        )

    def _monthly_use(self) -> float:
        return self.demand_at_reference() * self.model.turns_per_year / 12

    def stock_target(self) -> float:
        """Working stock plus extra stock, in tonnes, no more than the working capital set
        aside for inventory buys at today's expected price.

        Extra stock is held against perceived supply risk, and when the good is cheap
        against its normal price (buying ahead in a glut), up to `hoarding` times the
        working stock."""
        normal_stock = self._monthly_use() * self.inventory_months
        prices = self.model.prices
        expected = prices.expect(self.commodity, self.nation)
        normal = prices.normal_price(self.commodity, self.nation)
        cheapness = max(0.0, 1.0 - expected / normal) if normal > 0 else 0.0
        wanted = normal_stock * (1 + self.hoarding * min(1.0, self.risk + cheapness))
        affordable = normal_stock * (1 + self.hoarding) * normal / max(expected, 1e-9)
        return min(wanted, affordable)

    def buys(self, commodity: str) -> bool:
        return commodity == self.commodity

    def bids(self, commodity: str) -> list[Step]:
        """The demand curve as (nation, tonnes, value) steps, highest value first.

        Stock above target is used first: it replaces the most-valued purchases. Safety
        stock is there to be used: for what spare stock can cover, the buyer bids no more
        than the stock is worth, and uses stock for whatever that bid does not win. Each
        step of the curve is trimmed by both as it is made, in one pass (this runs for
        every buyer every turn)."""
        reference = self.model.reference_price(commodity)
        expected = self.model.prices.expect(commodity, self.nation)
        quantity = self.desired
        settings = self.model.scenario.settings
        gap = self.stock_target() - self.inventory
        self._drawdown = min(self.inventory, max(0.0, -gap) / settings.inventory_adjust_turns)
        worth = self.stock_value()
        floor = WORKING_STOCK_SHARE * self._monthly_use() * self.inventory_months
        spare = max(0.0, self.inventory - self._drawdown - floor)
        nation, fixed = self.nation, self._fixed_demand
        steps: list[Step] = []
        covered = 0.0  # tonnes of the curve stepped so far
        drawn = self._drawdown  # stock above target still to replace purchases
        from_stock = 0.0  # spare stock set against bids above its worth
        for multiple in _ladder(self.top, expected / reference):
            share = fixed.get(multiple)
            if share is None:
                share = demand_multiple(multiple, self.elasticity, self.cost_share)
            total = quantity * share
            if total <= covered + 1e-12:
                continue
            size, price = total - covered, multiple * reference
            covered = total
            used = min(size, drawn)
            drawn -= used
            size -= used
            if size <= 1e-12:
                continue
            if price > worth and spare - from_stock > 1e-12:
                use = min(size, spare - from_stock)
                from_stock += use
                size -= use
            if size > 1e-12:
                steps.append((nation, size, price))
        self._from_stock = from_stock
        self._release_index = None
        if from_stock > 1e-12:
            # steps come dearest first: the stock's step goes after those at its price or
            # above, where sorting them would put it
            at = bisect.bisect_right(steps, -worth, key=lambda step: -step[2])
            steps.insert(at, (nation, from_stock, worth))
            self._release_index = at
        self._restocking = gap > 0
        if self._restocking:
            steps.append((nation, gap / settings.inventory_adjust_turns, worth))
        return steps

    def flow_demand(self, price: Callable[[str, str], float]) -> dict[str, float]:
        multiple = price(self.commodity, self.nation) / self.model.reference_price(self.commodity)
        wanted = self.desired * demand_multiple(multiple, self.elasticity, self.cost_share)
        return {self.commodity: wanted}

    def stock_value(self) -> float:
        """What a tonne of safety stock is worth to this buyer now, in USD/kg.

        The price expected when the stock would be used (the spike fades, so a buyer does
        not chase it), plus a premium for the risk of having none, less the cost of
        carrying the stock until then.
        """
        settings = self.model.scenario.settings
        holding_years = self.inventory_months / 12
        turns = holding_years * self.model.turns_per_year
        later = self.model.prices.expect_ahead(self.commodity, self.nation, max(1.0, turns))
        return later * (1 + self.risk) / (1 + settings.carrying_cost_per_year * holding_years)

    def bought(self, commodity: str, fills: list[float], price: float) -> None:
        """Book purchases: the restocking step (last) goes to stock; what the stock-value
        step did not win is taken from stock instead."""
        restock = 0.0
        if self._restocking and fills:
            restock = fills[-1]
            fills = fills[:-1]
        from_stock = 0.0
        if self._release_index is not None and self._release_index < len(fills):
            from_stock = self._from_stock - fills[self._release_index]
        use = sum(fills) + self._drawdown + from_stock
        self.inventory += restock - self._drawdown - from_stock
        self.consumed = use
        self.hoarded = restock
        self.released = from_stock
        self.purchased = sum(fills) + restock
        self.spent = self.purchased * price * MUSD_PER_TONNE_AT_USD_PER_KG
        self.model.ledger.add(commodity, self.nation, "use", use)

    def use_from_reserve(self, tonnes: float, price: float) -> None:
        """Use tonnes a national defence stockpile gives this buyer, paying the home price."""
        self.consumed += tonnes
        self.spent += tonnes * price * MUSD_PER_TONNE_AT_USD_PER_KG
        self.model.ledger.add(self.commodity, self.nation, "use", tonnes)

    def rationed(self) -> float:
        """This turn's virtual price multiple: how short of its reference demand it came."""
        if self.desired <= 0:
            return 1.0
        share = self.consumed / self.desired
        return rationing_multiple(share, self.elasticity, self.cost_share)

    @property
    def unmet(self) -> float:
        return max(0.0, self.desired - self.consumed)

    # --- adaptation -----------------------------------------------------------------------

    def adapt(self) -> None:
        """Update perceived risk, and move demand intensity toward what a lasting price (or
        a lasting shortage) calls for: substitution and thrift down fast, back up slowly.
        Then technology trends."""
        settings = self.model.scenario.settings
        target = self.model.supply_risk(self.commodity, self.nation)
        # fear comes at once and fades slowly [A: the 2010 panic, the 2012 destocking]
        memory = settings.risk_memory if target < self.risk else 0.0
        self.risk = memory * self.risk + (1 - memory) * target
        per_turn = 1 / self.model.turns_per_year
        self.shortage += (1 - SHORTAGE_MEMORY) * (self.rationed() - self.shortage)
        lasting = max(
            self.shortage,
            self.model.prices.expect_ahead(self.commodity, self.nation, self.model.turns_per_year)
            / self.model.reference_price(self.commodity),
        )
        goal = min(1.0, max(lasting, 1.0) ** -settings.substitution_elasticity)
        if self.intensity > goal:
            self.intensity = max(goal, self.intensity * (1 - self.thrift_max * per_turn))
        elif self.intensity < goal:
            step = 1 + settings.thrift_recovery_per_year * per_turn
            self.intensity = min(goal, self.intensity * step)
        for trend in self.trends:
            self.technology *= 1 + trend[0] * per_turn
            trend[1] -= 1
        self.trends = [t for t in self.trends if t[1] > 0]
        for shock in self.shocks:
            shock[1] -= 1
        self.shocks = [s for s in self.shocks if s[1] > 0]


@lru_cache(maxsize=4096)
def _ladder(top: float, expected: float) -> tuple[float, ...]:
    """Descending price multiples (of the reference price) for the demand steps: fine near
    the expected price, coarse elsewhere, from the top of the curve down.

    Every buyer of a good in a nation with the same top shares these, hence the cache.
    """
    fine = sorted((m * expected for m in FINE_STEPS), reverse=True)
    lowest_fine, highest_fine = fine[-1], fine[0]
    # Coarse steps inside the fine band would only duplicate it.
    kept = [
        m
        for m in COARSE_STEPS
        if m > highest_fine * (1 + MERGE_TOLERANCE) or m < lowest_fine * (1 - MERGE_TOLERANCE)
    ]
    points = [top]
    for multiple in sorted((m for m in (*fine, *kept) if 0 < m < top), reverse=True):
        if points[-1] - multiple > MERGE_TOLERANCE * multiple:
            points.append(multiple)
    return tuple(points)
