"""Nations: policy makers with a public purse, stockpiles and relations with others.

The engine's nations carry out policies (pay subsidies and price floors, collect tariffs,
run stockpile rules); the game layer decides new policies for them through effects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rare_earth_game.scenario.effects import SetStockpileRule
from rare_earth_game.scenario.policies import ReleaseTo
from rare_earth_game.scenario.policies import Stockpile as StockpileSpec
from rare_earth_game.scenario.world import Nation as NationSpec
from rare_earth_game.sim.agents.base import EngineAgent, Step
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

MANUAL_RELEASE_FLOOR = 0.5
"""A release ordered by hand is not sold below this multiple of the reference price."""


@dataclass
class StockpileState:
    """A government stockpile of one good: holding, standing rules and orders."""

    holding: float = 0.0
    target: float = 0.0
    buy_per_year: float = 0.0
    buy_below: float = 1.2
    release_above: float = 3.0
    release_per_year: float = 0.0
    release_to: ReleaseTo = "market"
    orders_buy: list[tuple[float, float]] = field(default_factory=list)  # (tonnes, max multiple)
    orders_release: list[float] = field(default_factory=list)
    bought: float = 0.0
    released: float = 0.0

    @classmethod
    def of(cls, spec: StockpileSpec) -> StockpileState:
        return cls(
            holding=spec.tonnes,
            target=spec.target_tonnes,
            buy_per_year=spec.buy_tonnes_per_year,
            buy_below=spec.buy_below_multiple,
            release_above=spec.release_above_multiple,
            release_per_year=spec.release_tonnes_per_year,
            release_to=spec.release_to,
        )

    def rule(self, nation: str, commodity: str) -> SetStockpileRule:
        """The effect that sets this stockpile's standing rule as it is now."""
        return SetStockpileRule(
            type="set_stockpile_rule",
            nation=nation,
            commodity=commodity,
            target_tonnes=self.target,
            buy_tonnes_per_year=self.buy_per_year,
            buy_below_multiple=self.buy_below,
            release_above_multiple=self.release_above,
            release_tonnes_per_year=self.release_per_year,
            release_to=self.release_to,
        )


class Nation(EngineAgent):
    """A country or bloc."""

    def __init__(self, model: RareEarthModel, spec: NationSpec) -> None:
        super().__init__(model, spec.id)
        self.nation = spec.id  # where it trades, like every other agent
        self.name = spec.name
        self.role = spec.role
        self.iso_a3 = spec.iso_a3 or spec.id
        self.permitting_years = spec.permitting_years
        self.lead_time_factor = 1.0
        self.environment_factor = 1.0
        self.budget_change_per_year = 0.0  # appropriations added by events, USD M
        self.ask_factors: dict[str, float] = {}
        """Per chain, < 1 while its state producers undercut the market in that chain."""
        self.stockpiles: dict[str, StockpileState] = {}
        self.begin_turn()

    def begin_turn(self) -> None:
        self.tariff_revenue = 0.0
        self.duty_revenue = 0.0
        self.export_rent = 0.0
        self.subsidies_paid = 0.0
        self.floors_paid = 0.0
        self.stockpile_spending = 0.0
        self.stockpile_sales = 0.0
        self.ordered_purchases = 0.0  # USD M spent on stockpile orders placed this turn
        self._ordered_steps: dict[str, int] = {}
        self.programme_spending = 0.0
        for stockpile in self.stockpiles.values():
            stockpile.bought = stockpile.released = 0.0

    def ask_factor_for(self, commodity: str) -> float:
        """The share of their usual ask its state producers ask for this good."""
        return self.ask_factors.get(self.model.commodities[commodity].chain, 1.0)

    # --- public money -------------------------------------------------------------------

    def pay_subsidy(self, musd: float) -> float:
        self.subsidies_paid += musd
        return musd

    def pay_floor(self, musd: float) -> float:
        self.floors_paid += musd
        return musd

    def public_spending(self) -> float:
        """USD M of public money spent this turn on industrial and stockpile policy."""
        return (
            self.subsidies_paid
            + self.floors_paid
            + self.stockpile_spending
            - self.stockpile_sales
            + self.programme_spending
        )

    # --- stockpiles -----------------------------------------------------------------------

    def stockpile(self, commodity: str) -> StockpileState:
        """This nation's stockpile of a good, opened (empty) if it has none yet."""
        if commodity not in self.stockpiles:
            self.stockpiles[commodity] = StockpileState()
            self.model.market_roles_changed()
        return self.stockpiles[commodity]

    def sells(self, commodity: str) -> bool:
        return commodity in self.stockpiles

    def buys(self, commodity: str) -> bool:
        return commodity in self.stockpiles

    def stock_of(self, commodity: str) -> float:
        stockpile = self.stockpiles.get(commodity)
        return stockpile.holding if stockpile else 0.0

    def offers(self, commodity: str) -> list[Step]:
        """Releases: by rule at the trigger price (a ceiling), unless the stock is kept for
        defence users (`supply_defence`); by order at any fair price."""
        stockpile = self.stockpiles.get(commodity)
        if stockpile is None or stockpile.holding <= 1e-9:
            return []
        reference = self.model.reference_price(commodity)
        available = stockpile.holding
        offers = []
        ordered = min(available, sum(stockpile.orders_release))
        if ordered > 1e-9:
            offers.append((self.key, ordered, MANUAL_RELEASE_FLOOR * reference))
            available -= ordered
        by_rule = min(available, stockpile.release_per_year / self.model.turns_per_year)
        if by_rule > 1e-9 and stockpile.release_to == "market":
            offers.append((self.key, by_rule, stockpile.release_above * reference))
        return offers

    def bids(self, commodity: str) -> list[Step]:
        """Purchases: standing rule towards the target, plus orders placed this turn."""
        stockpile = self.stockpiles.get(commodity)
        if stockpile is None:
            return []
        reference = self.model.reference_price(commodity)
        bids = [
            (self.key, tonnes, multiple * reference)
            for tonnes, multiple in stockpile.orders_buy
            if tonnes > 1e-9
        ]
        self._ordered_steps[commodity] = len(bids)  # orders come first, so fills line up
        gap = stockpile.target - stockpile.holding - sum(t for t, _ in stockpile.orders_buy)
        by_rule = min(max(0.0, gap), stockpile.buy_per_year / self.model.turns_per_year)
        if by_rule > 1e-9:
            bids.append((self.key, by_rule, stockpile.buy_below * reference))
        return [b for b in bids if b[1] > 1e-9]

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        stockpile = self.stockpiles[commodity]
        released = sum(fills)
        stockpile.holding -= released
        stockpile.released += released
        stockpile.orders_release = []
        self.stockpile_sales += released * price * MUSD_PER_TONNE_AT_USD_PER_KG

    def supply_defence(self) -> None:
        """Stockpiles kept for defence are drawn on by the nation's own defence users, once
        markets have cleared: while the home price, or what they lack (as the price that
        would ration them so, when none was sold), is above the release trigger, they get
        what they wanted and could not buy, up to the yearly release, at the home price.
        Sold into the market instead, a release in a scare goes into buyers' hoards."""
        model = self.model
        for commodity, stockpile in sorted(self.stockpiles.items()):
            if stockpile.release_to != "defence" or stockpile.holding <= 1e-9:
                continue
            price = model.prices.price(commodity, self.key)
            reference = model.reference_price(commodity)
            allowance = min(stockpile.holding, stockpile.release_per_year / model.turns_per_year)
            users = [
                b
                for b in model.buyers
                if (b.nation, b.commodity, b.sector) == (self.key, commodity, "defence")
            ]
            drawn = 0.0
            for buyer in users:
                if max(price, buyer.rationed() * reference) < stockpile.release_above * reference:
                    continue
                given = min(allowance - drawn, buyer.unmet)
                if given <= 1e-9:
                    continue
                buyer.use_from_reserve(given, price)
                drawn += given
            if drawn > 0:
                stockpile.holding -= drawn
                stockpile.released += drawn
                self.stockpile_sales += drawn * price * MUSD_PER_TONNE_AT_USD_PER_KG
                model.note(
                    "stockpile_drawn",
                    f"{self.key}:{commodity}",
                    f"{self.name}'s defence users draw {model.commodities[commodity].name} "
                    "they could not buy from its stockpile",
                )

    def bought(self, commodity: str, fills: list[float], price: float) -> None:
        stockpile = self.stockpiles[commodity]
        received = sum(fills)
        stockpile.holding += received
        stockpile.bought += received
        stockpile.orders_buy = []
        self.stockpile_spending += received * price * MUSD_PER_TONNE_AT_USD_PER_KG
        ordered = sum(fills[: self._ordered_steps.pop(commodity, 0)])
        self.ordered_purchases += ordered * price * MUSD_PER_TONNE_AT_USD_PER_KG
