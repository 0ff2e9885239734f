"""The engine's side of the effect vocabulary: what each effect does to the world.

Every scripted event, random event and investment card changes the world only through
these handlers, so a student's click, a batch strategy and a scenario event are one path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.policies import (
    ExportControl,
    ExportDuty,
    PriceFloor,
    ProductionQuota,
    Subsidy,
    Tariff,
)
from rare_earth_game.scenario.world import Miner as MinerSpec
from rare_earth_game.scenario.world import Recovery as RecoverySpec
from rare_earth_game.scenario.world import Refiner as RefinerSpec
from rare_earth_game.sim.agents import Buyer, Facility, Miner, Recovery, Refiner
from rare_earth_game.sim.origin import STANDING, Origin, Source

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

_Spec = TypeVar("_Spec", MinerSpec, RefinerSpec, RecoverySpec)

_POLICY_TYPES: dict[type[Any], type[Any]] = {
    fx.SetExportControl: ExportControl,
    fx.SetTariff: Tariff,
    fx.SetExportDuty: ExportDuty,
    fx.SetProductionQuota: ProductionQuota,
    fx.SetSubsidy: Subsidy,
    fx.SetPriceFloor: PriceFloor,
}


def apply_effect(model: RareEarthModel, effect: fx.Effect, source: Source) -> None:
    """Carry out one effect now; `source` says where it came from, for the record.

    A policy set or lifted by a standing decision (the player's) stays as it was left: a
    scheduled event that would change it (history as it happened without the decision) is
    skipped, and noted.
    """
    policy_id = getattr(effect, "id", None) if _is_policy_change(effect) else None
    if policy_id is not None:
        if source.origin in STANDING:
            model.standing_policies.add(policy_id)
        elif policy_id in model.standing_policies and source.origin is Origin.SCENARIO:
            text = f"Scheduled change to {policy_id} ({source.name}) skipped: a decision stands"
            model.note("event_overridden", policy_id, text)
            return
    handler = _HANDLERS.get(type(effect))
    if handler is None:  # a policy-setting effect
        policy_type = _POLICY_TYPES[type(effect)]
        policy = policy_type.model_validate(effect.model_dump(exclude={"type"}))
        model.policies.set(policy, model.turn)
        return
    handler(model, effect)


def _is_policy_change(effect: fx.Effect) -> bool:
    return type(effect) in _POLICY_TYPES or isinstance(effect, fx.RemovePolicy)


def _remove_policy(model: RareEarthModel, effect: fx.RemovePolicy) -> None:
    model.policies.remove(effect.id)


def _add_miner(model: RareEarthModel, effect: fx.AddMiner) -> None:
    spec = MinerSpec.model_validate(effect.model_dump(exclude={"type"}))
    Miner(model, _with_local_rules(model, spec))


def _add_refiner(model: RareEarthModel, effect: fx.AddRefiner) -> None:
    spec = RefinerSpec.model_validate(effect.model_dump(exclude={"type"}))
    Refiner(model, _with_local_rules(model, spec))


def _add_recovery(model: RareEarthModel, effect: fx.AddRecovery) -> None:
    spec = RecoverySpec.model_validate(effect.model_dump(exclude={"type"}))
    Recovery(model, _with_local_rules(model, spec))


def _with_local_rules(model: RareEarthModel, spec: _Spec) -> _Spec:
    """New projects take the host's lead-time reforms and environmental rules into account."""
    nation = model.nations[spec.nation]
    changes: dict[str, Any] = {
        "environmental_impact": spec.environmental_impact * nation.environment_factor
    }
    if spec.status == "building":
        changes["turns_to_complete"] = _build_turns(model, spec.nation, spec.turns_to_complete)
    return spec.model_copy(update=changes)


def _build_turns(model: RareEarthModel, nation: str, turns: int) -> int:
    """Turns to build a project started now in `nation`: its lead-time reforms apply."""
    return max(1, round(turns * model.nations[nation].lead_time_factor))


def _change_capacity(model: RareEarthModel, effect: fx.ChangeCapacity) -> None:
    facility = model.facilities[effect.facility]
    if effect.turns is None:
        facility.capacity *= effect.factor
    else:
        facility.outages.append([effect.factor, effect.turns])


def _matching_facilities(model: RareEarthModel, effect: fx.ChangeCost) -> list[Facility]:
    return [
        f
        for f in model.facilities.values()
        if (effect.facilities is None or f.key in effect.facilities)
        and (effect.nation is None or f.nation == effect.nation)
        and (effect.processes is None or f.kind in effect.processes)
    ]


def _change_cost(model: RareEarthModel, effect: fx.ChangeCost) -> None:
    for facility in _matching_facilities(model, effect):
        facility.unit_cost *= effect.factor


def _change_lead_time(model: RareEarthModel, effect: fx.ChangeLeadTime) -> None:
    nation = model.nations[effect.nation]
    nation.lead_time_factor *= effect.factor  # for projects started from now on: those
    nation.environment_factor *= effect.environmental_factor  # under way are past permits


def _matching_buyers(
    model: RareEarthModel, nation: str | None, sector: str | None, commodity: str | None
) -> list[Buyer]:
    return [
        b
        for b in model.buyers
        if (nation is None or b.nation == nation)
        and (sector is None or b.sector == sector)
        and (commodity is None or b.commodity == commodity)
    ]


def _change_demand(model: RareEarthModel, effect: fx.ChangeDemand) -> None:
    for buyer in _matching_buyers(model, effect.nation, effect.sector, effect.commodity):
        if effect.turns is None:
            buyer.level *= effect.factor
        else:
            buyer.shocks.append([effect.factor, effect.turns])


def _change_demand_intensity(model: RareEarthModel, effect: fx.ChangeDemandIntensity) -> None:
    turns = model.years_to_turns(effect.years)
    for buyer in _matching_buyers(model, effect.nation, effect.sector, effect.commodity):
        buyer.trends.append([effect.annual_rate, turns])


def _change_tension(model: RareEarthModel, effect: fx.ChangeTension) -> None:
    model.set_tension(
        effect.nation, effect.other, model.tension(effect.nation, effect.other) + effect.delta
    )


def _stockpile_buy(model: RareEarthModel, effect: fx.StockpileBuy) -> None:
    stockpile = model.nations[effect.nation].stockpile(effect.commodity)
    stockpile.orders_buy.append((effect.tonnes, effect.max_price_multiple))


def _stockpile_release(model: RareEarthModel, effect: fx.StockpileRelease) -> None:
    stockpile = model.nations[effect.nation].stockpile(effect.commodity)
    stockpile.orders_release.append(effect.tonnes)


def _set_stockpile_rule(model: RareEarthModel, effect: fx.SetStockpileRule) -> None:
    stockpile = model.nations[effect.nation].stockpile(effect.commodity)
    stockpile.target = effect.target_tonnes
    stockpile.buy_per_year = effect.buy_tonnes_per_year
    stockpile.buy_below = effect.buy_below_multiple
    stockpile.release_above = effect.release_above_multiple
    stockpile.release_per_year = effect.release_tonnes_per_year
    stockpile.release_to = effect.release_to


def _set_offtake(model: RareEarthModel, effect: fx.SetOfftake) -> None:
    model.facilities[effect.facility].offtake = effect.nations


def _set_facility_status(model: RareEarthModel, effect: fx.SetFacilityStatus) -> None:
    facility = model.facilities[effect.facility]
    facility.status = effect.status
    if effect.status == "building":
        turns = _build_turns(model, facility.nation, effect.turns_to_complete)
        facility.turns_left = facility.build_turns = turns
        if effect.construction_paid:
            facility.capex = 0.0
    if effect.status == "operating" and facility.ramp == 0:
        facility.ramp = 1.0  # opened by decree: no ramp-up


def _delay_construction(model: RareEarthModel, effect: fx.DelayConstruction) -> None:
    facility = model.facilities[effect.facility]
    if facility.status == "building":
        facility.turns_left += effect.turns


def _change_efficiency(model: RareEarthModel, effect: fx.ChangeEfficiency) -> None:
    facility = model.facilities[effect.facility]
    if hasattr(facility, "efficiency"):
        facility.efficiency = min(1.0, max(0.0, facility.efficiency + effect.delta))


def _change_budget(model: RareEarthModel, effect: fx.ChangeBudget) -> None:
    model.nations[effect.nation].budget_change_per_year += effect.delta_per_year


def _news(model: RareEarthModel, effect: fx.News) -> None:
    model.note("news", "world", effect.text)


_HANDLERS: dict[type[Any], Callable[[RareEarthModel, Any], None]] = {
    fx.RemovePolicy: _remove_policy,
    fx.AddMiner: _add_miner,
    fx.AddRefiner: _add_refiner,
    fx.AddRecovery: _add_recovery,
    fx.ChangeCapacity: _change_capacity,
    fx.ChangeCost: _change_cost,
    fx.ChangeLeadTime: _change_lead_time,
    fx.ChangeDemand: _change_demand,
    fx.ChangeDemandIntensity: _change_demand_intensity,
    fx.ChangeTension: _change_tension,
    fx.StockpileBuy: _stockpile_buy,
    fx.StockpileRelease: _stockpile_release,
    fx.SetStockpileRule: _set_stockpile_rule,
    fx.SetOfftake: _set_offtake,
    fx.SetFacilityStatus: _set_facility_status,
    fx.DelayConstruction: _delay_construction,
    fx.ChangeEfficiency: _change_efficiency,
    fx.ChangeBudget: _change_budget,
    fx.News: _news,
}
