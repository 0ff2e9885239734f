"""How a strategy weighs the options on offer: which it can fund, whether they act in time,
what they are worth for the money, and which of them the turn's budget can pay for.

Everything here reads what an option says about itself (pillar, metric, cost, terms, lead
time), so it works for any scenario's cards; affordability is the treasury's own rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rare_earth_game.game.actions import Action, ActionOption, FundCard
from rare_earth_game.game.subscores import implication_of

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession

FREE_FLOOR = 0.02
"""A free card is priced at this share of a turn's budget, so value for money stays finite."""


def cards(options: Iterable[ActionOption]) -> list[ActionOption]:
    """The investment cards that can be funded now."""
    return [o for o in options if isinstance(o.action, FundCard) and o.available]


def saving_for(session: GameSession, options: Iterable[ActionOption]) -> list[ActionOption]:
    """Cards that money alone holds back this turn and that what is left now, partly carried
    over, plus next turn's budget would pay for: worth saving for."""
    treasury = session.treasury
    kept = treasury.carry_over * max(0.0, treasury.available)
    return [
        o
        for o in options
        if isinstance(o.action, FundCard)
        and not o.available
        and o.reason is not None
        and o.reason == treasury.refusal(o.terms)
        and o.terms.due_now <= treasury.allowance - treasury.committed + kept
    ]


def acts_in_time(session: GameSession, option: ActionOption) -> bool:
    """Whether the option, chosen now, acts before the game's last turn is over."""
    return session.turn + option.lead_turns <= session.turns - 1


def value_for_money(session: GameSession, option: ActionOption) -> float:
    """Objective weight served, per USD M, for the share of the game left in which it acts.

    A card serves the objectives that name its metric and the sub-score of the game's lens
    that its metric feeds (and is worth something even when none does); it is worth more
    the sooner it acts; its price is what it would cost in
    the rest of this game, running costs included. No card id is looked at, so cards a
    scenario author adds are weighed like any other."""
    weight = 1.0 + sum(o.weight for o in session.scenario.objectives if o.metric == option.metric)
    serves = implication_of(option.metric or "", session.player)
    weight += session.judge.lens.weights[serves] if serves is not None else 0.0
    left = session.turns - session.turn
    share = max(0, left - option.lead_turns) / left
    price = option.cost + option.terms.running * max(0, left - option.lead_turns)
    floor = FREE_FLOOR * max(1.0, session.treasury.allowance)
    return weight * share / max(price, floor)


def pick(session: GameSession, wanted: Iterable[ActionOption], limit: int = 99) -> list[Action]:
    """The wanted options, in order, that the turn's money can pay for (the treasury's rule)."""
    draft = session.treasury.draft()
    chosen: list[Action] = []
    for option in wanted:
        if len(chosen) >= limit:
            break
        if option.available and draft.refusal(option.terms) is None:
            draft.take(option.terms)
            chosen.append(option.action)
    return chosen
