"""Effects in plain words, for cards ("what this does") and for turn reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.policies import (
    ExportControl,
    ExportDuty,
    PriceFloor,
    ProductionQuota,
    Tariff,
)

if TYPE_CHECKING:
    from rare_earth_game.scenario.events import Event
    from rare_earth_game.scenario.game import Investment
    from rare_earth_game.scenario.model import Scenario


class _Names:
    """Display names of a scenario's nations, goods and facilities, by id."""

    def __init__(self, scenario: Scenario) -> None:
        self.nations = {n.id: n.name for n in scenario.nations}
        self.goods = {c.id: c.name for c in scenario.commodities}
        listed = (*scenario.miners, *scenario.refiners, *scenario.recoveries)
        self.facilities = {f.id: f.name for f in listed}
        sources: tuple[Event | Investment, ...] = (*scenario.events, *scenario.investments)
        for source in sources:
            for effect in source.effects:
                if isinstance(effect, fx.AddMiner | fx.AddRefiner | fx.AddRecovery):
                    self.facilities.setdefault(effect.id, effect.name)
        self.recipes = {r.id: r.name for r in scenario.recipes}
        self.months_per_turn = scenario.time.months_per_turn

    def nation(self, nation_id: str) -> str:
        return self.nations.get(nation_id, nation_id)

    def good(self, commodity_id: str) -> str:
        return self.goods.get(commodity_id, commodity_id)

    def facility(self, facility_id: str) -> str:
        return self.facilities.get(facility_id, facility_id)

    def nation_list(self, ids: tuple[str, ...] | None) -> str:
        return "all partners" if ids is None else ", ".join(self.nation(i) for i in ids)

    def good_list(self, ids: tuple[str, ...] | None) -> str:
        return "all goods" if ids is None else ", ".join(self.good(i) for i in ids)

    def lead_time(self, effect: fx.AddMiner | fx.AddRefiner | fx.AddRecovery) -> str:
        if effect.status != "building":
            return ""
        years = effect.turns_to_complete * self.months_per_turn / 12
        text = f"{years:.1f}".rstrip("0").rstrip(".") + (" year" if years == 1 else " years")
        return f", opening in about {text}"


def describe(effect: fx.Effect, scenario: Scenario) -> str:
    """One sentence saying what an effect does."""
    names = _Names(scenario)
    match effect:
        case fx.AddMiner():
            where = names.nation(effect.nation)
            if effect.outputs is None:
                size = f"{effect.capacity:,.0f} t/yr of {names.good(str(effect.commodity))}"
            else:
                goods = " and ".join(names.good(c) for c in effect.outputs)
                size = f"{effect.capacity:,.0f} units/yr of ore yielding {goods}"
            return f"Builds {effect.name} ({where}): {size}{names.lead_time(effect)}."
        case fx.AddRecovery():
            where = names.nation(effect.nation)
            good = names.good(effect.commodity)
            size = f"recovers up to {effect.capacity:,.0f} t/yr of {good}"
            host = f"as a by-product of {names.facility(effect.host)}"
            return f"Builds {effect.name} ({where}): {size} {host}{names.lead_time(effect)}."
        case fx.AddRefiner():
            where = names.nation(effect.nation)
            process = names.recipes.get(effect.recipe, effect.recipe).lower()
            size = f"{process}, {effect.capacity:,.0f} units/yr"
            return f"Builds {effect.name} ({where}): {size}{names.lead_time(effect)}."
        case fx.ChangeCapacity():
            change = f"{effect.factor - 1:+.0%}"
            span = f" for {effect.turns} turns" if effect.turns else ""
            return f"Changes capacity of {names.facility(effect.facility)} by {change}{span}."
        case fx.ChangeCost():
            where = names.nation(effect.nation) if effect.nation else "matching facilities"
            if effect.factor < 1:
                return f"Cuts unit costs in {where} by {1 - effect.factor:.0%}."
            return f"Raises unit costs in {where} by {effect.factor - 1:.0%}."
        case fx.ChangeLeadTime():
            where = names.nation(effect.nation)
            text = f"Shortens permitting and construction in {where} by {1 - effect.factor:.0%}"
            if effect.environmental_factor > 1:
                harm = effect.environmental_factor - 1
                text += f"; new projects do {harm:.0%} more environmental harm"
            return text + "."
        case fx.ChangeDemand():
            return f"Scales demand ({_demand_scope(names, effect)}) by {effect.factor:.2f}."
        case fx.ChangeDemandIntensity():
            verb = "Cuts" if effect.annual_rate < 0 else "Raises"
            return (
                f"{verb} how much is needed per product ({_demand_scope(names, effect)}) by "
                f"{abs(effect.annual_rate):.0%} a year for {effect.years:g} years."
            )
        case fx.ChangeTension():
            verb = "Lowers" if effect.delta < 0 else "Raises"
            pair = f"{names.nation(effect.nation)} and {names.nation(effect.other)}"
            return f"{verb} tension between {pair} by {abs(effect.delta):.2f}."
        case fx.SetTariff():
            goods = names.good_list(effect.commodities)
            origin = names.nation_list(effect.exporters)
            importer = names.nation(effect.importer)
            return f"{importer} tariff of {effect.rate:.0%} on {goods} from {origin}."
        case fx.SetExportControl():
            return _export_control(names, effect)
        case fx.SetSubsidy():
            if effect.usd_per_kg:
                credit = f"${effect.usd_per_kg:g}/kg"
            else:
                credit = f"{effect.cost_share:.0%} of costs"
            return f"Production credit of {credit} in {names.nation(effect.nation)}."
        case fx.SetPriceFloor():
            return f"Guarantees {names.good(effect.commodity)} producers ${effect.price:g}/kg."
        case fx.StockpileBuy():
            return (
                f"Buys {effect.tonnes:,.0f} t of {names.good(effect.commodity)} for the stockpile."
            )
        case fx.StockpileRelease():
            good = names.good(effect.commodity)
            return f"Releases {effect.tonnes:,.0f} t of {good} from the stockpile."
        case fx.SetStockpileRule():
            return (
                f"Stockpile of {names.good(effect.commodity)}: hold {effect.target_tonnes:,.0f} t, "
                f"release when prices pass {effect.release_above_multiple:g}x normal."
            )
        case fx.RemovePolicy():
            return _lifts(effect.id, scenario)
        case fx.SetOfftake():
            facility = names.facility(effect.facility)
            if effect.nations is None:
                return f"Ends the contract that sells the output of {facility} to set buyers."
            buyers = names.nation_list(effect.nations)
            return f"Contracts the output of {facility} to buyers in {buyers}."
        case fx.SetFacilityStatus():
            return f"Sets {names.facility(effect.facility)} to {effect.status}."
        case fx.DelayConstruction():
            return f"Delays {names.facility(effect.facility)} by {effect.turns} turns."
        case fx.ChangeEfficiency():
            facility = names.facility(effect.facility)
            return f"Raises recovery at {facility} by {effect.delta:.0%} points."
        case fx.ChangeBudget():
            nation = names.nation(effect.nation)
            return f"Changes {nation}'s budget by USD {effect.delta_per_year:+,.0f}M a year."
        case fx.News():
            return effect.text
        case _:
            return type(effect).__name__


def _lifts(policy_id: str, scenario: Scenario) -> str:
    """ "Ends the United States' tariff of 20% on all goods from China." for a policy id,
    found among the scenario's policies and the effects of its events and cards."""
    policies = scenario.policies
    found: list[object] = [
        p
        for p in (
            *policies.tariffs,
            *policies.export_duties,
            *policies.export_controls,
            *policies.production_quotas,
            *policies.subsidies,
            *policies.price_floors,
        )
        if getattr(p, "id", None) == policy_id
    ]
    effects = [e for event in scenario.events for e in event.effects]
    effects += [e for card in scenario.investments for e in card.effects]
    found += [e for e in effects if getattr(e, "id", None) == policy_id]
    found = [p for p in found if not isinstance(p, fx.RemovePolicy)]
    if not found:
        return "Ends a policy in force."
    names = _Names(scenario)
    match found[-1]:
        case Tariff() as tariff:
            goods = names.good_list(tariff.commodities)
            origin = names.nation_list(tariff.exporters)
            return (
                f"Ends the {names.nation(tariff.importer)} tariff of {tariff.rate:.0%} on "
                f"{goods} from {origin}."
            )
        case ExportControl() | ExportDuty() as control:
            kind = control.kind if isinstance(control, ExportControl) else "duty"
            goods = names.good_list(control.commodities)
            return f"Ends {names.nation(control.exporter)}'s export {kind} on {goods}."
        case ProductionQuota() as quota:
            goods = names.good_list(quota.commodities)
            return f"Ends {names.nation(quota.nation)}'s production quota on {goods}."
        case PriceFloor() as floor:
            return f"Ends the ${floor.price:g}/kg price floor for {names.good(floor.commodity)}."
        case _:
            return "Ends a production credit."


def _export_control(names: _Names, effect: fx.SetExportControl) -> str:
    """What an export control covers and how, in the words of the 2025 rules."""
    exporter = names.nation(effect.exporter)
    text = f"{exporter} export {effect.kind} on {names.good_list(effect.commodities)}"
    if effect.content_threshold is not None:
        if effect.content_threshold <= 0:
            text += " and any goods containing them"
        else:
            text += f" and goods containing at least {_percent(effect.content_threshold)} of "
            text += "them by value"
    if effect.destinations is not None:
        text += f", to {names.nation_list(effect.destinations)}"
    if effect.re_exports:
        text += "; also other countries' exports of these goods "
        if effect.re_export_threshold <= 0:
            text += f"with any content from {exporter}"
        else:
            text += f"at least {_percent(effect.re_export_threshold)} from {exporter} by value"
    if effect.kind == "quota":
        text += f"; {effect.tonnes_per_year or 0:,.0f} t a year"
    elif effect.kind == "licence":
        turns = 2 * effect.delay_turns + 1
        spread = "at once" if turns == 1 else f"spread over {turns} turns"
        text += f"; {effect.approval_share:.0%} of requests approved, {spread}"
        if effect.general_licences:
            text += f"; general licences for {names.nation_list(effect.general_licences)}"
    return text + "."


def _percent(share: float) -> str:
    """0.001 as "0.1%", 0.25 as "25%"."""
    return f"{share:.1%}".replace(".0%", "%")


def _demand_scope(names: _Names, effect: fx.ChangeDemand | fx.ChangeDemandIntensity) -> str:
    parts = []
    if effect.nation:
        parts.append(names.nation(effect.nation))
    if effect.sector:
        parts.append(effect.sector)
    if effect.commodity:
        parts.append(names.good(effect.commodity))
    return ", ".join(parts) or "all buyers"
