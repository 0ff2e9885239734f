"""Export licences as administered: a share of requests approved, arriving over time.

Each turn the exports a licence regime covers are first measured without it (the requests).
A share `approval_share` of each turn's requests is approved, arriving in equal parts over
that turn and the `2 × delay_turns` turns after it (a case-by-case review of up to 45
working days spreads approvals over the following quarter [S: 2025 law-firm summaries of
MOFCOM practice]). Approvals not used in their turn lapse. So a new regime's first quarter
ships a part of what it would have shipped, never all or nothing, and over time the
approvals sum to the approval share of the requests (a regime is booked every turn, with no
requests when nothing it covers could ship, so its approvals keep arriving).

Buyers in destinations with a general licence are not reviewed: their routes are left out.
A regime in force when the scenario starts has approvals in the pipeline as if the same
requests had been filed every turn before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.sim.market.build import CapRule, MarketBuild
from rare_earth_game.sim.market.lp import MarketSolution
from rare_earth_game.sim.policy import ControlState

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


def approval_weights(delay_turns: int) -> list[float]:
    """Share of a request's approvals that arrives in its own turn, the next, ..."""
    spread = 2 * delay_turns + 1
    return [1.0 / spread] * spread


def licence_caps(
    model: RareEarthModel, build: MarketBuild, unconstrained: MarketSolution
) -> list[CapRule]:
    """This turn's approvals per regime: earlier approvals due now, plus this turn's share of
    its own requests. Records the requests on `build` for booking at settle."""
    caps = []
    for state, covered in build.licences:
        requested = float(sum(unconstrained.route_flow[i] for i in covered))
        build.requests[state.control.id] = requested
        _prime(state, build.commodity, requested, model.turn)
        due = state.pending.get(build.commodity, {}).get(model.turn, 0.0)
        first = approval_weights(state.control.delay_turns)[0]
        approved = due + state.control.approval_share * requested * first
        caps.append(CapRule(state, covered, approved))
    return caps


def file_requests(model: RareEarthModel, build: MarketBuild) -> None:
    """Settle stage: queue the later approvals of this turn's requests; drop lapsed ones."""
    for state, _ in build.licences:
        requested = build.requests.get(state.control.id)
        commodity = build.commodity
        if requested is None or (requested <= 0 and commodity not in state.pending):
            continue  # nothing asked, nothing in the pipe
        queue = state.pending.setdefault(commodity, {})
        share = state.control.approval_share
        weights = approval_weights(state.control.delay_turns)
        for k, weight in enumerate(weights[1:], start=1):
            queue[model.turn + k] = queue.get(model.turn + k, 0.0) + share * requested * weight
        state.approved[commodity] = (
            state.approved.get(commodity, 0.0) + queue.pop(model.turn, 0.0)
        ) + share * requested * weights[0]
        state.requested[commodity] = state.requested.get(commodity, 0.0) + requested
        for turn in [t for t in queue if t < model.turn]:
            del queue[turn]


def _prime(state: ControlState, commodity: str, requested: float, turn: int) -> None:
    """A regime in force at the start: approvals of requests 'filed before' are in the pipe."""
    if not state.in_force_at_start or commodity in state.pending:
        return
    weights = approval_weights(state.control.delay_turns)
    share = state.control.approval_share
    state.pending[commodity] = {
        turn + j: share * requested * sum(weights[j + 1 :]) for j in range(len(weights) - 1)
    }
