"""A sector's demand for one good in one nation: elastic use, stock targets, hoarding, thrift.

Each turn a buyer bids a demand curve anchored at the reference price (finely stepped near
the price it expects, so prices move smoothly), draws down stock above its target or bids
extra to rebuild stock below it, and pays up when it fears for supply. Over years it thrifts
and substitutes away from a good whose price stays high, as makers did after 2011.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Buyer as BuyerSpec
from rare_earth_game.sim.agents.base import EngineAgent, Step
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

LADDER = (1.5, 1.25, 1.12, 1.06, 1.03, 1.01, 1.0, 0.99, 0.97, 0.94, 0.9, 0.8, 0.65)
"""Prices, as multiples of the expected price, where the demand curve is finely stepped."""
REFERENCE_LADDER = (10.0, 6.0, 4.0, 2.5, 1.6, 1.2, 1.0, 0.8, 0.6, 0.4)
"""Multiples of the reference price where it is always stepped, so demand reaches every price."""
MERGE_TOLERANCE = 0.02
"""Steps closer than this (relative) are merged: the fine steps win."""

WORKING_STOCK_SHARE = 0.25
"""Share of the normal stock a buyer never sells or uses up to cover shortfalls."""
STOCK_RELEASE_MARKUP = 1.2
"""Stock covers use when the price beats the restocking value by this factor."""

THRIFT_FULL_SPEED_ABOVE_THRESHOLD = 1.5
"""Thrift reaches its yearly maximum when expected/reference exceeds the threshold by this."""


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
        self.inventory_months = spec.inventory_months
        self.hoarding = spec.hoarding
        settings = model.scenario.settings
        self.thrift_max = (
            settings.thrift_max_per_year
            if spec.thrift_max_per_year is None
            else spec.thrift_max_per_year
        )
        self.intensity = 1.0  # falls with thrift and substitution
        self.technology = 1.0  # moved by R&D effects
        self.trends: list[list[float]] = []  # [yearly rate, turns left]
        self.shocks: list[list[float]] = []  # [factor, turns left]
        self.level = 1.0  # permanent demand shocks
        self.risk = 0.0
        self.inventory = self.stock_target()
        self._drawdown = 0.0
        self._restocking = False
        self._from_stock = 0.0
        self._release_index: int | None = None
        self.begin_turn()

    def begin_turn(self) -> None:
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
        shock = 1.0
        for factor, _ in self.shocks:
            shock *= factor
        yearly = self.base_demand * (1 + self.growth) ** years
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
        return self._monthly_use() * self.inventory_months * (1 + self.hoarding * self.risk)

    def buys(self, commodity: str) -> bool:
        return commodity == self.commodity

    def bids(self, commodity: str) -> list[Step]:
        """The demand curve as (nation, tonnes, value) steps, highest value first."""
        reference = self.model.reference_price(commodity)
        expected = self.model.prices.expect(commodity, self.nation)
        choke = self.model.choke_price(commodity)
        quantity = self.desired

        def wanted(price: float) -> float:
            return quantity * (price / reference) ** -self.elasticity

        points = _ladder(choke, expected, reference)
        blocks: list[tuple[float, float]] = []
        covered = 0.0
        for price in points:
            total = wanted(price)
            if total > covered + 1e-12:
                blocks.append((total - covered, price))
                covered = total

        # Stock above target is used first: it replaces the most-valued purchases.
        settings = self.model.scenario.settings
        gap = self.stock_target() - self.inventory
        self._drawdown = min(self.inventory, max(0.0, -gap) / settings.inventory_adjust_turns)
        remaining = self._drawdown
        trimmed = []
        for size, price in blocks:
            used = min(size, remaining)
            remaining -= used
            if size - used > 1e-12:
                trimmed.append((size - used, price))
        trimmed = self._cover_spike_from_stock(trimmed)
        self._restocking = gap > 0
        if self._restocking:
            trimmed.append(
                (gap / settings.inventory_adjust_turns, min(choke, self._restock_value()))
            )
        return [(self.nation, size, price) for size, price in trimmed]

    def _cover_spike_from_stock(
        self, blocks: list[tuple[float, float]]
    ) -> list[tuple[float, float]]:
        """Precautionary stock is there to be used: above the release price, the buyer bids
        no more than release price for what its spare stock can cover, and consumes from
        stock whatever that bid does not win. The stock never leaves the buyer."""
        floor = WORKING_STOCK_SHARE * self._monthly_use() * self.inventory_months
        spare = max(0.0, self.inventory - self._drawdown - floor)
        release = self._restock_value() * STOCK_RELEASE_MARKUP
        kept: list[tuple[float, float]] = []
        covered = 0.0
        for size, price in blocks:
            if price > release and spare - covered > 1e-12:
                use = min(size, spare - covered)
                covered += use
                size -= use
            if size > 1e-12:
                kept.append((size, price))
        self._from_stock = covered
        if covered > 1e-12:
            kept.append((covered, release))
            kept.sort(key=lambda block: -block[1])
            self._release_index = next(i for i, b in enumerate(kept) if b == (covered, release))
        else:
            self._release_index = None
        return kept

    def _restock_value(self) -> float:
        """What safety stock is worth: a risk premium over the *normal* price, up to a ceiling.

        Valued against the slow normal price rather than the latest expectation, buyers build
        safety stock while prices are ordinary and draw on it in a spike, instead of chasing
        their own purchases upward.
        """
        settings = self.model.scenario.settings
        normal = self.model.prices.normal_price(self.commodity, self.nation)
        ceiling = settings.hoard_ceiling * self.model.reference_price(self.commodity)
        return min(ceiling, normal * (1 + settings.hoard_premium * self.risk))

    def bought(self, commodity: str, fills: list[float], price: float) -> None:
        """Book purchases: the restocking step (last) goes to stock; what the release-price
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

    @property
    def unmet(self) -> float:
        return max(0.0, self.desired - self.consumed)

    # --- adaptation -----------------------------------------------------------------------

    def adapt(self) -> None:
        """Update perceived risk, thrift and technology trends for next turn."""
        settings = self.model.scenario.settings
        target = self.model.supply_risk(self.commodity, self.nation)
        self.risk = settings.risk_memory * self.risk + (1 - settings.risk_memory) * target
        ratio = self.model.prices.expect(self.commodity, self.nation) / self.model.reference_price(
            self.commodity
        )
        per_turn = 1 / self.model.turns_per_year
        excess = ratio - settings.thrift_threshold
        if excess > 0:
            speed = min(1.0, excess / THRIFT_FULL_SPEED_ABOVE_THRESHOLD)
            self.intensity *= 1 - self.thrift_max * speed * per_turn
        elif ratio < 1.1:
            self.intensity = min(
                1.0, self.intensity * (1 + settings.thrift_recovery_per_year * per_turn)
            )
        for trend in self.trends:
            self.technology *= 1 + trend[0] * per_turn
            trend[1] -= 1
        self.trends = [t for t in self.trends if t[1] > 0]
        for shock in self.shocks:
            shock[1] -= 1
        self.shocks = [s for s in self.shocks if s[1] > 0]


@lru_cache(maxsize=4096)
def _ladder(choke: float, expected: float, reference: float) -> tuple[float, ...]:
    """Descending prices for the demand steps: fine near the expected price, coarse to the
    reference price and below, so the curve moves smoothly yet always reaches cheap supply.

    Every buyer of a good in a nation shares these, hence the cache.
    """
    fine = sorted((m * expected for m in LADDER), reverse=True)
    coarse = [m * reference for m in REFERENCE_LADDER]
    lowest_fine, highest_fine = fine[-1], fine[0]
    # Coarse steps inside the fine band would only duplicate it.
    kept = [
        p
        for p in coarse
        if p > highest_fine * (1 + MERGE_TOLERANCE) or p < lowest_fine * (1 - MERGE_TOLERANCE)
    ]
    points = [choke]
    for price in sorted((p for p in (*fine, *kept) if 0 < p < choke), reverse=True):
        if points[-1] - price > MERGE_TOLERANCE * price:
            points.append(price)
    return tuple(points)
