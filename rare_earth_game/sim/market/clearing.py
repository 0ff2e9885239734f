"""Clear one commodity's market: build the problem, solve it, read the result, hand goods over.

Licence regimes make clearing two solves: the first, without licence caps, measures the
exports requested; the approvals then cap the second (solved warm from the first). The
money, ledger, ties and prices of the trade are booked later, in the settle stage
(`book.py`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from rare_earth_game.sim.market.build import MarketBuild, build_market
from rare_earth_game.sim.market.licences import licence_caps
from rare_earth_game.sim.market.lp import MarketLP, MarketSolution
from rare_earth_game.sim.market.outcome import Clearing, caps_hold, deliver, interpret, unmerge

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


def clear_market(model: RareEarthModel, commodity: str) -> Clearing:
    """Clear `commodity` for this turn and hand the goods over; booking comes at settle."""
    build = build_market(model, commodity)
    lp = MarketLP(build.problem)
    solution = lp.solve()
    if build.licences:
        solution = _under_licences(model, build, lp, solution)
    clearing = interpret(build, unmerge(build, solution), model.provenance.width)
    deliver(clearing, model.provenance)
    return clearing


def _under_licences(
    model: RareEarthModel, build: MarketBuild, lp: MarketLP, unconstrained: MarketSolution
) -> MarketSolution:
    """Cap licensed exports at this turn's approvals and re-solve if they bind."""
    approvals = licence_caps(model, build, unconstrained)
    build.caps = [*build.quotas, *approvals]
    if caps_hold(approvals, unconstrained.route_flow):
        # every approval covers what is asked: the solution stands, the caps are slack
        rents = np.concatenate([unconstrained.cap_rent, np.zeros(len(approvals))])
        return replace(unconstrained, cap_rent=rents)
    asked = [rule for rule in approvals if rule.routes]  # a regime nobody asked caps nothing
    lp.add_caps([rule.as_lp() for rule in asked])
    solution = lp.solve()
    quotas = len(build.quotas)
    rent_of_asked = iter(solution.cap_rent[quotas:])
    licence_rents = [float(next(rent_of_asked)) if rule.routes else 0.0 for rule in approvals]
    return replace(solution, cap_rent=np.concatenate([solution.cap_rent[:quotas], licence_rents]))
