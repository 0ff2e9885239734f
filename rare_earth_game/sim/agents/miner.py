"""Mines (and scrap collectors): they produce to order, offering capacity at cash cost."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Miner as MinerSpec
from rare_earth_game.sim.agents.base import Step
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

COST_STEPS = ((0.5, 0.9), (0.3, 1.0), (0.12, 1.25), (0.08, 1.6))
"""(share of capacity, cost multiple): output gets dearer as a mine runs harder, steeply
near capacity (lower grades, overtime, stockpiled ore) [A]."""


class Miner(Facility):
    """A deposit in production or development, selling one mined (or scrap) commodity."""

    kind = "mine"

    def __init__(self, model: RareEarthModel, spec: MinerSpec) -> None:
        super().__init__(model, spec)
        self.commodity = spec.commodity
        self.main_output = spec.commodity

    def _credit(self) -> float:
        return self.model.policies.subsidy_per_kg(self.nation, self.key, self.unit_cost)

    def sells(self, commodity: str) -> bool:
        return commodity == self.commodity

    def offers(self, commodity: str) -> list[Step]:
        quantity = self.capacity_per_turn()
        if quantity <= 0:
            return []
        credit = self._credit()
        pricing = self.model.nations[self.nation].ask_factor if self.state_directed else 1.0
        return [
            (self.nation, quantity * share, max(0.0, self.unit_cost * step - credit) * pricing)
            for share, step in COST_STEPS
        ]

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        produced = sum(fills)
        if produced <= 0:
            return
        self.output += produced
        self.sold_tonnes += produced
        self.model.ledger.add(commodity, self.nation, "production", produced)
        self.revenue += produced * price * MUSD_PER_TONNE_AT_USD_PER_KG
        cost = sum(
            f * self.unit_cost * step for f, (_, step) in zip(fills, COST_STEPS, strict=True)
        )
        self.costs += cost * MUSD_PER_TONNE_AT_USD_PER_KG
        nation = self.model.nations[self.nation]
        self.subsidy += nation.pay_subsidy(produced * self._credit() * MUSD_PER_TONNE_AT_USD_PER_KG)
        floor = self.model.policies.floor_for(self.key, commodity)
        if floor is not None and floor.price > price:
            payer = self.model.nations[floor.nation]
            shortfall = produced * (floor.price - price) * MUSD_PER_TONNE_AT_USD_PER_KG
            self.floor_payment += payer.pay_floor(shortfall)

    def margin_at(self, price: Callable[[str], float]) -> float:
        return self.floored(self.commodity, price(self.commodity)) + self._credit() - self.unit_cost

    def output_per_unit(self, commodity: str) -> float:
        return 1.0 if commodity == self.commodity else 0.0
