"""An investment card's facts in one game: what it costs each turn and when it acts.

The catalogue shows them, the orders charge them, strategies rank by them and the balance
tool reports them, so they are worked out here once.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rare_earth_game.game.clock import Clock
from rare_earth_game.game.treasury import Terms
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.game import Investment

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


def funding_turns(card: Investment, clock: Clock) -> int:
    """Game turns of installments (0: paid and done at once)."""
    if card.years <= 0:
        return 0
    return max(1, math.ceil(card.years / clock.years_per_turn - 1e-9))


def card_terms(card: Investment, clock: Clock) -> Terms:
    """The card's price as the treasury sees it."""
    turns = funding_turns(card, clock)
    running = card.running_cost * clock.years_per_turn
    if turns == 0:
        return Terms(now=card.cost, running=running)
    return Terms(per_turn=card.cost / turns, turns=turns, running=running)


def built_facilities(card: Investment) -> list[str]:
    """The mines and plants a card builds or restarts (not those it only changes)."""
    return [
        e.id if isinstance(e, fx.AddMiner | fx.AddRefiner) else e.facility
        for e in card.effects
        if isinstance(e, fx.AddMiner | fx.AddRefiner)
        or (isinstance(e, fx.SetFacilityStatus) and e.status == "building")
    ]


def card_facility(card: Investment) -> str | None:
    """The facility whose state tells how the project stands: the first one the card builds
    or restarts, else the first one it changes."""
    built = built_facilities(card)
    changed = [
        e.facility
        for e in card.effects
        if isinstance(e, fx.ChangeCapacity | fx.ChangeEfficiency | fx.SetOfftake)
    ]
    return next(iter(built + changed), None)


def build_steps(card: Investment, model: RareEarthModel) -> int:
    """Engine steps the facilities the card builds need to open, were it funded now."""
    steps = [0]
    for effect in card.effects:
        if isinstance(effect, fx.AddMiner | fx.AddRefiner) and effect.status == "building":
            factor = model.nations[effect.nation].lead_time_factor
            steps.append(max(1, round(effect.turns_to_complete * factor)))
        elif isinstance(effect, fx.SetFacilityStatus) and effect.status == "building":
            steps.append(max(1, effect.turns_to_complete))
    return max(steps)


def lead_turns(card: Investment, model: RareEarthModel, clock: Clock) -> int:
    """Game turns from funding the card until it acts (0: from this turn)."""
    waiting = funding_turns(card, clock) if card.effects_at == "completion" else 0
    return waiting + clock.turns_for_steps(build_steps(card, model))
