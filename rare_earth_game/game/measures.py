"""The player's figures, measured each engine turn from the model's state.

The engine records the world; what it means for one nation (the game's player, against
its adversary) is measured here and added to each turn's model row as `player.*` columns.
A game attaches it to its model; `rare-earth-game run` attaches it when the scenario's
`[game]` player is one of its nations, so engine-only tables keep those columns too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rare_earth_game.sim.agents.refiner import Refiner
from rare_earth_game.sim.metrics import adversaries, final_use, stage_key

if TYPE_CHECKING:
    from rare_earth_game.scenario.model import Scenario
    from rare_earth_game.sim.agents import Buyer
    from rare_earth_game.sim.model import RareEarthModel


READINESS_PER_MONTH = 0.01
"""Defence readiness counts each month of stockpile cover as this share of defence needs
met besides, up to `READINESS_MONTHS` months: a stockpile is what a cut-off draws on."""
READINESS_MONTHS = 5.0


def reference_demand(buyer: Buyer) -> float:
    """Tonnes the buyer would use at normal prices without the thrift high prices forced on
    it: the need that supply security is a share of, so that pricing buyers out of the
    market (a tariff, a shortage) cannot pass for security. R&D that changes the technology
    does lower it."""
    if buyer.intensity <= 0:
        return buyer.desired
    return buyer.desired / buyer.intensity


@dataclass(frozen=True)
class PlayerMeasures:
    """Adds the `player.*` figures of `player`, against `adversary`, to each model row.

    What buyers draw from their own stocks was bought earlier: in a turn when the player
    buys none of a good, its use counts as coming from where the player's last purchases
    of it came from, and with their content (`stock_origin`), not as secure by default,
    so an embargo that leaves buyers living on Chinese stock does not raise security."""

    player: str
    adversary: str
    stock_origin: dict[str, tuple[float, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Per good: (share from outside the adversary, adversary content) of the last
    purchases."""

    @classmethod
    def of(cls, scenario: Scenario, player: str | None = None) -> PlayerMeasures | None:
        """The measures of a scenario's game player (or `player`), or None if no such
        nation is in the scenario."""
        who = player or scenario.game.player
        if who not in {n.id for n in scenario.nations}:
            return None
        return cls(who, scenario.game.adversary)

    def attach(self, model: RareEarthModel) -> None:
        model.measures.append(self)

    def __call__(self, model: RareEarthModel) -> dict[str, float]:
        columns = self._supply(model)
        columns.update(self._per_good(model))
        columns.update(self._economy(model))
        if self.adversary in model.nations:
            columns["player.tension_with_adversary"] = model.tension(self.player, self.adversary)
        return columns

    # --- where supply came from ----------------------------------------------------------

    def _supply(self, model: RareEarthModel) -> dict[str, float]:
        """Demand met, met from outside the adversary, met free of its content, defence.

        Demand met counts what arrived against what buyers wanted at normal prices. Supply
        security counts what arrived from outside the adversary (home production included)
        against the need at normal prices before forced thrift (`reference_demand`); the
        clean supply counts only what is free of the adversary's materials anywhere
        upstream: a magnet made in Japan from Chinese oxide is secure by origin but not
        clean, the trap of friend-shoring only the last stage."""
        player = self.player
        direct = direct_sources(model, player)
        content = model.content
        for commodity, share in direct.items():
            self.stock_origin[commodity] = (share, content.get(commodity, {}).get(player, 0.0))
        consumed = demanded = needed = secure = clean = 0.0
        defence_consumed = defence_demanded = 0.0
        for buyer in model.buyers:
            if buyer.nation != player:
                continue
            weight = model.reference_price(buyer.commodity)
            used = min(buyer.consumed, buyer.desired) * weight
            consumed += used
            safe, foreign = self.stock_origin.get(buyer.commodity, (1.0, 0.0))
            secure += used * safe
            clean += used * (1.0 - foreign)
            demanded += buyer.desired * weight
            needed += reference_demand(buyer) * weight
            if buyer.sector == "defence":
                defence_consumed += used
                defence_demanded += buyer.desired * weight
        columns = {
            "player.demand_met": _share(consumed, demanded),
            "player.supply_security": _share(secure, needed),
            "player.clean_supply": _share(clean, needed),
            "player.defence_security": _share(defence_consumed, defence_demanded),
        }
        by_stage: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for commodity, share in direct.items():
            bought = model.clearings[commodity].bought.get(player, 0.0)
            entry = by_stage[stage_key(model, commodity)]
            entry[0] += share * bought * model.reference_price(commodity)
            entry[1] += bought * model.reference_price(commodity)
        for stage, (safe, total) in sorted(by_stage.items()):
            columns[f"player.nonadversary_share.{stage}"] = _share(safe, total)
        free_by_stage: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for commodity, by_nation in content.items():
            if player in by_nation:
                bought = model.clearings[commodity].bought.get(player, 0.0)
                weight = bought * model.reference_price(commodity)
                entry = free_by_stage[stage_key(model, commodity)]
                entry[0] += (1.0 - by_nation[player]) * weight
                entry[1] += weight
        for stage, (free, total) in sorted(free_by_stage.items()):
            columns[f"player.clean_share.{stage}"] = _share(free, total)
        return columns

    def _per_good(self, model: RareEarthModel) -> dict[str, float]:
        """Per good: home output (tonnes this turn: what a plant that needs no home buyer,
        such as a separator of heavy oxides, adds), demand met, home output against demand,
        the stockpile held; and the
        months of the nation's use (by plants and final buyers) the stockpiles would cover,
        valued at normal prices: the measure strategic reserves are kept in."""
        player = self.player
        consumption = final_use(model)
        made = {
            str(b["commodity"]): float(b["production"])
            for b in model.last_balances
            if b["nation"] == player
        }
        columns: dict[str, float] = {}
        for commodity in model.commodities:
            columns[f"player.production.{commodity}"] = made.get(commodity, 0.0)
            used, wanted, _ = consumption.get((commodity, player), (0.0, 0.0, 0.0))
            if wanted > 0:
                columns[f"player.demand_met.{commodity}"] = min(1.0, used / wanted)
                columns[f"player.self_sufficiency.{commodity}"] = made.get(commodity, 0.0) / wanted
        balances = [b for b in model.last_balances if b["nation"] == player]
        use = {str(b["commodity"]): float(b["use"]) for b in balances}
        held = value = 0.0
        for commodity, stockpile in sorted(model.nations[player].stockpiles.items()):
            columns[f"player.stockpile.{commodity}"] = stockpile.holding
            monthly = use.get(commodity, 0.0) * model.turns_per_year / 12
            if stockpile.holding > 0 and monthly > 0:
                held += stockpile.holding * model.reference_price(commodity)
                value += monthly * model.reference_price(commodity)
        cover = held / value if value else 0.0
        columns["player.stockpile_cover_months"] = cover
        columns["player.recycled_production"] = recycled_production(model, player)
        defence = self._defence_met(model)
        columns["player.defence_readiness"] = (
            min(1.0, defence + READINESS_PER_MONTH * min(READINESS_MONTHS, cover))
            if defence == defence
            else float("nan")
        )
        return columns

    def _defence_met(self, model: RareEarthModel) -> float:
        consumed = demanded = 0.0
        for buyer in model.buyers:
            if buyer.nation == self.player and buyer.sector == "defence":
                consumed += min(buyer.consumed, buyer.desired) * model.reference_price(
                    buyer.commodity
                )
                demanded += buyer.desired * model.reference_price(buyer.commodity)
        return _share(consumed, demanded)

    def _economy(self, model: RareEarthModel) -> dict[str, float]:
        """Public money, jobs, harm, trade and prices at home this turn."""
        player = self.player
        nation = model.nations[player]
        own = [f for f in model.facilities.values() if f.nation == player]
        exports = imports = 0.0
        for clearing in model.clearings.values():
            for flow in clearing.flows:
                if flow.exporter == player:
                    exports += flow.value
                if flow.importer == player:
                    imports += flow.value
        weights = [
            (
                model.prices.price(b.commodity, player) / model.reference_price(b.commodity),
                b.desired * model.reference_price(b.commodity),
            )
            for b in model.buyers
            if b.nation == player
        ]
        total_weight = sum(w for _, w in weights)
        return {
            "player.public_spending_musd": nation.public_spending(),
            "player.tariff_revenue_musd": nation.tariff_revenue,
            "player.jobs": sum(f.jobs() for f in own),
            "player.environmental_impact": sum(
                f.output / 1000 * f.environmental_impact for f in own
            ),
            "player.trade_balance_musd": exports - imports,
            "player.trade_balance_musd_per_year": (exports - imports) * model.turns_per_year,
            "player.price_index": (
                sum(r * w for r, w in weights) / total_weight if total_weight else float("nan")
            ),
        }


def recycled_production(model: RareEarthModel, nation: str) -> float:
    """Tonnes of goods a nation's plants recovered from scrap this turn: the secondary
    supply that recycling cards add. Its oxides are a few hundred tonnes among tens of
    thousands of mined and separated ones, so only a figure of its own shows them."""
    scrap = {c for c, spec in model.commodities.items() if spec.stage == "scrap"}
    total = 0.0
    for facility in model.facilities.values():
        if (
            isinstance(facility, Refiner)
            and facility.nation == nation
            and facility.inputs
            and set(facility.inputs) <= scrap
        ):
            total += facility.output * facility.efficiency * sum(facility.outputs.values())
    return total


def direct_sources(model: RareEarthModel, nation: str) -> dict[str, float]:
    """Per good: the share of what a nation bought this turn that came from outside the
    adversary nations, counting home supply (unless the nation is one) and imports by origin."""
    hostile = adversaries(model)
    shares = {}
    for commodity, clearing in model.clearings.items():
        bought = clearing.bought.get(nation, 0.0)
        if bought <= 1e-9:
            continue
        imports = [(f.exporter, f.tonnes) for f in clearing.flows if f.importer == nation]
        from_hostile = sum(t for exporter, t in imports if exporter in hostile)
        if nation in hostile:
            from_hostile += max(0.0, bought - sum(t for _, t in imports))
        shares[commodity] = max(0.0, 1.0 - from_hostile / bought)
    return shares


def _share(part: float, whole: float) -> float:
    return part / whole if whole else float("nan")
