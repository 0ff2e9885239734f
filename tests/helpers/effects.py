"""Whether an effect's mark can be seen on a model: each vocabulary word, checked its own way."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rare_earth_game.scenario import effects as fx
from rare_earth_game.sim.model import RareEarthModel


@dataclass(frozen=True)
class Before:
    """What the world looked like before a card was funded."""

    capacity: dict[str, float]
    unit_cost: dict[str, float]
    efficiency: dict[str, float]
    tension: dict[frozenset[str], float]
    lead_time: dict[str, float]
    budget_change: dict[str, float]

    @classmethod
    def of(cls, model: RareEarthModel) -> Before:
        nations = list(model.nations)
        return cls(
            {k: f.capacity for k, f in model.facilities.items()},
            {k: f.unit_cost for k, f in model.facilities.items()},
            {k: getattr(f, "efficiency", math.nan) for k, f in model.facilities.items()},
            {frozenset((a, b)): model.tension(a, b) for a in nations for b in nations if a < b},
            {k: n.lead_time_factor for k, n in model.nations.items()},
            {k: n.budget_change_per_year for k, n in model.nations.items()},
        )


def problem(model: RareEarthModel, effect: Any, before: Before) -> str | None:
    """None when the effect shows in the model; otherwise what is missing."""
    facilities, policies = model.facilities, model.policies
    match effect:
        case fx.AddMiner() | fx.AddRefiner() | fx.AddRecovery():
            if effect.id not in facilities:
                return f"facility {effect.id} was not added"
            return None
        case fx.SetFacilityStatus():
            status = facilities[effect.facility].status
            allowed = {effect.status} | ({"operating"} if effect.status == "building" else set())
            return None if status in allowed else f"{effect.facility} is {status}"
        case fx.ChangeCapacity():
            now, then = facilities[effect.facility].capacity, before.capacity[effect.facility]
            if effect.turns is None and now < then * effect.factor * 0.999:
                return f"{effect.facility} capacity {now:g}, expected {then * effect.factor:g}"
            return None
        case fx.ChangeCost():
            changed = [
                k
                for k, f in facilities.items()
                if k in before.unit_cost
                and math.isclose(f.unit_cost, before.unit_cost[k] * effect.factor, rel_tol=1e-9)
            ]
            return None if changed else "no facility's unit cost changed by the factor"
        case fx.ChangeEfficiency():
            now = facilities[effect.facility].efficiency  # type: ignore[attr-defined]
            then = before.efficiency.get(effect.facility, math.nan)
            return None if math.isnan(then) or now > then else f"{effect.facility} not improved"
        case fx.ChangeLeadTime():
            now = model.nations[effect.nation].lead_time_factor
            expected = before.lead_time[effect.nation] * effect.factor
            return None if math.isclose(now, expected) else f"lead-time factor {now}"
        case fx.ChangeDemandIntensity():
            buyers = [
                b
                for b in model.buyers
                if (effect.nation is None or b.nation == effect.nation)
                and (effect.sector is None or b.sector == effect.sector)
                and (effect.commodity is None or b.commodity == effect.commodity)
            ]
            moved = [b for b in buyers if any(t[0] == effect.annual_rate for t in b.trends)]
            return None if buyers and moved else "no matching buyer took the trend"
        case fx.ChangeTension():
            pair = frozenset((effect.nation, effect.other))
            now, then = model.tension(effect.nation, effect.other), before.tension[pair]
            moved = now < then if effect.delta < 0 else now > then
            return None if moved or now in (0.0, 1.0) else f"tension {then:.2f} -> {now:.2f}"
        case fx.SetTariff() | fx.SetExportControl() | fx.SetSubsidy() | fx.SetPriceFloor():
            return (
                None if policies.get(effect.id) is not None else f"policy {effect.id} not in force"
            )
        case fx.RemovePolicy():
            return None if policies.get(effect.id) is None else f"policy {effect.id} still in force"
        case fx.SetStockpileRule():
            stockpile = model.nations[effect.nation].stockpiles.get(effect.commodity)
            if stockpile is None or stockpile.target != effect.target_tonnes:
                return f"no stockpile rule for {effect.commodity}"
            return None
        case fx.SetOfftake():
            offtake = getattr(facilities[effect.facility], "offtake", None)
            return None if offtake == effect.nations else f"offtake is {offtake}"
        case fx.ChangeBudget():
            now = model.nations[effect.nation].budget_change_per_year
            expected = before.budget_change[effect.nation] + effect.delta_per_year
            return None if math.isclose(now, expected) else f"budget change {now}"
        case fx.News():
            return None
        case _:
            return f"no check written for {type(effect).__name__}"
