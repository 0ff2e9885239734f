"""How exposed a nation's buyers feel: controls on a good or its inputs, tension, price jumps.

Perceived risk drives precautionary stock building; it fades slowly once the threat passes
(see `Buyer.adapt`), which is what turns a supply scare into a boom and then a bust.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.sim.policy import covers

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

BAN_SEVERITY = 1.0
SLACK_QUOTA_SEVERITY = 0.2
"""A quota that does not bind still worries buyers a little: it could tighten."""


def supply_risk(model: RareEarthModel, commodity: str, nation: str, tension_weight: float) -> float:
    """Risk target in 0-1 for `nation`'s supply of `commodity` after this turn's markets."""
    shares = model.production_shares(commodity)
    goods = model.upstream_of(commodity)
    squeeze = _squeeze(model)
    exposures = [_control_exposure(model, commodity, nation, squeeze)]
    exposures += [
        _control_exposure(model, good, nation, squeeze, finished=shares) for good in goods[1:]
    ]
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


def _squeeze(model: RareEarthModel) -> dict[str, float]:
    """Per binding quota or licence so far this turn, the share of its export price that is
    rent (worked out once per risk, not once per good and control)."""
    return {
        b.control_id: 1.0 - b.home_price / b.export_price
        for c in model.clearings.values()
        for b in c.binding
        if b.export_price > 0
    }


def _control_exposure(
    model: RareEarthModel,
    good: str,
    nation: str,
    squeeze: dict[str, float],
    finished: dict[str, float] | None = None,
) -> float:
    """How much of `nation`'s supply controls on `good` put at risk.

    For the good itself, that is the controlling exporter's share of its output. For an input
    (Dy in magnets), it is the exporter's share of the input times the share of the `finished`
    good made elsewhere: a ban on ore does not threaten buyers of the exporter's own oxides.
    """
    controls = model.policies.controls_on(good)
    if not controls:
        return 0.0
    shares = model.production_shares(good)
    exposure = 0.0
    for state in controls:
        control = state.control
        if control.exporter == nation or not covers(control.destinations, nation):
            continue
        if control.kind == "licence":
            severity = 1.0 - control.approval_share
        elif control.kind == "quota":  # as tight as the share of the export price that is rent
            severity = max(SLACK_QUOTA_SEVERITY, squeeze.get(control.id, 0.0))
        else:
            severity = BAN_SEVERITY
        reach = shares.get(control.exporter, 0.0) * severity
        if finished is not None:  # an input: only goods made elsewhere depend on its export
            reach *= 1.0 - finished.get(control.exporter, 0.0)
        exposure = max(exposure, reach)
    return exposure
