"""How exposed a nation's buyers feel: controls on a good or its inputs, tension, price jumps.

Perceived risk drives precautionary stock building; it fades slowly once the threat passes
(see `Buyer.adapt`), which is what turns a supply scare into a boom and then a bust.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.sim.policy import covers

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

SEVERITY = {"ban": 1.0, "quota": 0.3, "quota_binding": 1.0}


def supply_risk(model: RareEarthModel, commodity: str, nation: str, tension_weight: float) -> float:
    """Risk target in 0-1 for `nation`'s supply of `commodity` after this turn's markets."""
    exposures = [_control_exposure(model, good, nation) for good in _good_and_inputs(model, commodity)]
    shares = model.production_shares(commodity)
    tension = sum(
        share * model.tension(nation, producer)
        for producer, share in shares.items()
        if producer != nation
    )
    current = model.prices.price(commodity, nation)
    last = model.prices.last[commodity].get(nation, current)
    momentum = max(0.0, current / last - 1.0) if last > 0 else 0.0
    settings = model.scenario.settings
    total = max(exposures) + tension_weight * tension + settings.momentum_risk * momentum
    return min(1.0, total)


def _good_and_inputs(model: RareEarthModel, commodity: str) -> list[str]:
    goods = [commodity]
    for recipe in model.recipes.values():
        if commodity in recipe.outputs:
            goods.extend(c for c in recipe.inputs if c not in goods)
    return goods


def _control_exposure(model: RareEarthModel, commodity: str, nation: str) -> float:
    """Share of world output of a good made where controls restrict shipments to `nation`."""
    shares = model.production_shares(commodity)
    binding = {b.control_id for c in model.clearings.values() for b in c.binding}
    exposure = 0.0
    for state in model.policies.controls_on(commodity):
        control = state.control
        if control.exporter == nation or not covers(control.destinations, nation):
            continue
        if control.kind == "licence":
            severity = 1.0 - control.approval_share
        elif control.kind == "quota":
            severity = SEVERITY["quota_binding" if control.id in binding else "quota"]
        else:
            severity = SEVERITY["ban"]
        exposure = max(exposure, shares.get(control.exporter, 0.0) * severity)
    return exposure
