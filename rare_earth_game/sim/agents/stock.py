"""Goods a facility makes before it knows it can sell them, held and sold from stock.

A mine's co-products and a recovered by-product come out whatever their own market does
(or ahead of it), so they are held and offered from stock: at an ask a little below the
expected price, lower as stock piles up against recent sales, marked down turn after turn
while it does not sell, and written off when it has not sold at the lowest ask for
`write_off_turns` turns [A: the inventory-price relation of storable commodities]. The
seller plans how much to make from its smoothed sales and its stock target.

Plants (`refiner.py`) follow the same rules for their outputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.sim.agents.base import Step

if TYPE_CHECKING:
    from rare_earth_game.sim.agents.facility import Facility

SOLD_OUT = 0.98
"""Share of its stock on offer a seller must sell to count as sold out."""
ASK_SPREAD = (-0.06, -0.02, 0.02, 0.06)
"""Equal parts of the stock are offered at these shares above or below the ask, so sellers
with similar asks share a market instead of taking turns at all of it."""
COVER_RESPONSE = 0.3
"""Elasticity of the ask to stock cover (stock ÷ recent sales)."""
COVER_LIMITS = (0.7, 1.0)
"""Bounds of that response, as a factor on the ask."""
LOWEST_MARKDOWN = 0.1
"""Asks are marked down to no less than this share of the expected price."""
SALES_SMOOTHING = 0.5
"""Weight of the latest turn in the smoothed sales rate the seller plans on."""


class StockSales:
    """One facility's stock of some goods: what it holds, asks, marks down and has sold."""

    def __init__(self, facility: Facility, goods: tuple[str, ...]) -> None:
        self.facility = facility
        self.held = dict.fromkeys(goods, 0.0)
        self.markdown = dict.fromkeys(goods, 1.0)
        """Per good, the factor asks are marked down by after turns without sales."""
        self.unsold_turns = dict.fromkeys(goods, 0)
        self.sales_rate: dict[str, float] | None = None
        """Per good, smoothed tonnes sold per turn; None before the first turn is settled."""
        self.sold_out = dict.fromkeys(goods, True)
        """Per good, whether buyers took all that was on offer last turn."""
        self.offered = dict.fromkeys(goods, 0.0)
        self._sold_now = dict.fromkeys(goods, 0.0)
        self._sold_out_now = dict.fromkeys(goods, False)

    def begin_turn(self) -> None:
        self._sold_now = dict.fromkeys(self.held, 0.0)
        self._sold_out_now = dict.fromkeys(self.held, False)

    def add(self, good: str, tonnes: float) -> None:
        """Put what was made into stock and into the nation's production."""
        self.held[good] += tonnes
        facility = self.facility
        facility.model.ledger.add(good, facility.nation, "production", tonnes, facility.recorded)

    def wanted(self, good: str, last_made: float, step: float) -> float:
        """Tonnes worth making this turn: recent sales plus part of the gap to the target
        stock; `step` more than last turn when buyers took all there was (its sales then
        measured the stock, not what buyers wanted). Before any sales are known, as much
        as last turn."""
        if self.sales_rate is None:
            return last_made
        if self.sold_out[good]:
            return last_made + step
        settings = self.facility.model.scenario.settings
        rate = self.sales_rate[good]
        gap = settings.target_stock_turns * rate - self.held[good]
        return max(0.0, rate + gap / settings.inventory_adjust_turns)

    def offers(self, good: str, floor: float = 0.0) -> list[Step]:
        """All the stock, at the seller's reserve (no less than `floor`, a share of the
        expected price) times the expected price, marked down while it does not sell."""
        stock = self.held[good]
        self.offered[good] = 0.0
        if stock <= 1e-9:
            return []
        facility = self.facility
        settings = facility.model.scenario.settings
        expected = facility.model.prices.expect(good, facility.nation)
        reserve = max(settings.seller_reserve * self._cover_factor(good), floor)
        self.offered[good] = stock
        ask = reserve * expected * self.markdown[good]
        part = stock / len(ASK_SPREAD)
        return [(facility.nation, part, ask * (1 + spread)) for spread in ASK_SPREAD]

    def _cover_factor(self, good: str) -> float:
        """Ask less as stock piles up against recent sales (never more when it is thin: a
        sole seller would then ratchet its price up to what its sole buyer can bear)."""
        if self.sales_rate is None or self.sales_rate[good] <= 0:
            return 1.0
        settings = self.facility.model.scenario.settings
        cover = self.held[good] / self.sales_rate[good]
        target = 1.0 + settings.target_stock_turns
        factor: float = (target / max(cover, 1e-9)) ** COVER_RESPONSE
        return min(COVER_LIMITS[1], max(COVER_LIMITS[0], factor))

    def sold(self, good: str, tonnes: float) -> None:
        """Take what sold out of stock and adjust the ask for next turn."""
        offered = self.offered[good]
        self._mark(good, offered, tonnes)
        self._sold_out_now[good] = tonnes >= SOLD_OUT * offered  # an empty shelf counts
        self._sold_now[good] = tonnes
        self.held[good] = max(0.0, self.held[good] - tonnes)

    def _mark(self, good: str, offered: float, sold: float) -> None:
        """Lower the ask while unsold stock piles up beyond a turn of recent sales, raise it
        back as stock clears; write off stock that has not sold at the lowest ask, or found
        no buyer at all, for `write_off_turns` turns."""
        facility = self.facility
        settings = facility.model.scenario.settings
        cut = settings.markdown_per_turn
        rate = self.sales_rate[good] if self.sales_rate is not None else sold
        if offered <= 1e-9 or offered - sold <= max(rate, sold) + 1e-9:
            self.markdown[good] = min(1.0, self.markdown[good] / (1 - cut))
            self.unsold_turns[good] = 0
            return
        self.markdown[good] = max(LOWEST_MARKDOWN, self.markdown[good] * (1 - cut))
        if self.markdown[good] > LOWEST_MARKDOWN and sold > 0:
            return
        self.unsold_turns[good] += 1  # at the lowest ask, or nobody bought at all
        if self.unsold_turns[good] >= settings.write_off_turns:
            unsold = self.held[good] - sold
            self.held[good] -= unsold
            facility.model.ledger.add(good, facility.nation, "written_off", unsold)
            self.unsold_turns[good] = 0
            name = facility.model.commodities[good].name
            facility.model.note(
                "stock_written_off",
                facility.key,
                f"{facility.name} writes off {unsold:,.0f} t of {name} it could not sell",
            )

    def settle(self) -> None:
        """Fold this turn's sales into the smoothed rate the seller plans on."""
        self.sold_out = dict(self._sold_out_now)
        if self.sales_rate is None:
            self.sales_rate = dict(self._sold_now)
            return
        for good, sold in self._sold_now.items():
            self.sales_rate[good] += SALES_SMOOTHING * (sold - self.sales_rate[good])
