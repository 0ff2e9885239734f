"""What the player can choose this turn, and why not: every card and the levers.

An option carries what a card shows (cost, terms, when it acts, effects in words,
trade-offs) and, when it cannot be chosen now, the reason. The orders ask the same
questions again when a turn is submitted, so what is offered and what is accepted agree.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rare_earth_game.game.actions import Action, ActionOption, FundCard, SetTariff, StockpileOrder
from rare_earth_game.game.cards import card_terms, lead_turns
from rare_earth_game.game.describe import describe
from rare_earth_game.game.orders import TARIFF_PROVOCATION, stockpile_ceiling, tariff_id
from rare_earth_game.game.treasury import Terms

if TYPE_CHECKING:
    from rare_earth_game.game.ai import AINations
    from rare_earth_game.game.clock import Clock
    from rare_earth_game.game.projects import Project
    from rare_earth_game.game.treasury import Treasury
    from rare_earth_game.scenario.game import Investment
    from rare_earth_game.scenario.model import Scenario
    from rare_earth_game.sim.model import RareEarthModel

TARIFF_RATES = (0.1, 0.25, 0.5)
"""Tariff levels the tariff lever offers on the adversary's goods."""
FREE = Terms()
STOCKPILED_STAGES = ("processing", "metal", "manufacturing")
"""Goods of these stages, bought by some buyer, can be ordered for the stockpile."""


class Catalogue:
    """The menu of a game: its cards and levers, as they stand this turn."""

    def __init__(
        self,
        scenario: Scenario,
        model: RareEarthModel,
        treasury: Treasury,
        projects: dict[str, Project],
        ai: AINations,
        clock: Clock,
        player: str,
    ) -> None:
        self.scenario = scenario
        self.model = model
        self.treasury = treasury
        self.projects = projects
        self.ai = ai
        self.clock = clock
        self.player = player
        self.cards: dict[str, Investment] = {card.id: card for card in scenario.investments}
        self._described: dict[str, tuple[str, ...]] = {}

    def options(self) -> list[ActionOption]:
        """Every investment card (with why not, when it cannot be funded) and the levers."""
        return [self.card_option(card) for card in self.scenario.investments] + self.levers()

    # --- cards ------------------------------------------------------------------------------

    def card_option(self, card: Investment) -> ActionOption:
        reason = self.why_not(card)
        project = self.projects.get(card.id)
        status = project.state(self.model) if project else "new"
        if project is not None and project.paid and card.repeatable:
            status = "new"
        return ActionOption(
            key=f"card:{card.id}",
            action=FundCard(card.id),
            pillar=card.pillar,
            title=card.title,
            summary=card.summary,
            metric=card.metric,
            cost=card.cost,
            terms=card_terms(card, self.clock),
            lead_turns=lead_turns(card, self.model, self.clock),
            warning=self.opening_warning(card),
            effects=self._effect_texts(card),
            trade_offs=card.trade_offs,
            partner=card.partner,
            provocation=card.provocation,
            available=reason is None,
            reason=reason,
            status=status,
        )

    def why_not(self, card: Investment) -> str | None:
        """None if the card can be funded now; otherwise why not, in plain words."""
        if self.clock.finished:
            return "the game is over"
        project = self.projects.get(card.id)
        if project is not None and not project.paid:
            return "already being paid for"
        if project is not None and not card.repeatable:
            return "already funded"
        missing = [p for p in card.prerequisites if not self._in_force(p)]
        if missing:
            names = ", ".join(self.cards[p].title if p in self.cards else p for p in missing)
            return f"needs first: {names}"
        if card.partner is not None:
            verdict = self.ai.ally_accepts(self.model, card, self.clock.turn)
            if not verdict.accepts:
                return verdict.reason
        return self.treasury.refusal(card_terms(card, self.clock))

    def opening_warning(self, card: Investment) -> str | None:
        """Says so when a card funded now cannot act before the game's last turn."""
        opens = self.clock.turn + lead_turns(card, self.model, self.clock)
        if opens <= self.clock.last:
            return None
        years = (opens - self.clock.turn) * self.clock.years_per_turn
        return (
            f"It takes about {years:.0f} years to act (from {self.clock.label(opens)}), "
            "after this game ends"
        )

    def _in_force(self, card_id: str) -> bool:
        """A prerequisite is met once its effects are in force: from its funding for a card
        that builds over time (`effects_at = "start"`), so a mine can be funded the turn
        after the separator it needs; once paid in full for the rest."""
        project = self.projects.get(card_id)
        return project is not None and project.in_force

    def _effect_texts(self, card: Investment) -> tuple[str, ...]:
        """What a card does, in words (fixed for a game, so worded once)."""
        texts = self._described.get(card.id)
        if texts is None:
            texts = self._described[card.id] = tuple(
                describe(e, self.scenario) for e in card.effects
            )
        return texts

    # --- levers -----------------------------------------------------------------------------

    def levers(self) -> list[ActionOption]:
        """Tariffs on the adversary and stockpile orders: done this turn, paid at once."""
        adversary = self.scenario.game.adversary
        nations = self.model.nations
        name = nations[adversary].name if adversary in nations else adversary
        over = "the game is over" if self.clock.finished else None
        options = [
            _lever(
                f"lever:tariff:{round(rate * 100)}",
                SetTariff(partner=adversary, rate=rate),
                "trade",
                f"Tariff of {rate:.0%} on {name}",
                f"Tax every import from {name} at {rate:.0%}; replaces your last tariff.",
                "Raises prices of those imports at home; protects domestic producers.",
                "Raises tension with the partner; consumers pay more.",
                reason=over,
                provocation=TARIFF_PROVOCATION * rate,
            )
            for rate in TARIFF_RATES
        ]
        if self.model.policies.get(tariff_id(adversary, None)) is not None:
            options.append(
                _lever(
                    "lever:tariff:lift",
                    SetTariff(partner=adversary, rate=0.0),
                    "trade",
                    f"Lift your tariff on {name}",
                    f"Remove the tariff you set on imports from {name}.",
                    "Imports get cheaper again; home producers lose their shelter.",
                    "Eases tension a little.",
                    reason=over,
                )
            )
        bought = {b.commodity for b in self.scenario.buyers}
        for spec in self.scenario.commodities:
            if spec.stage not in STOCKPILED_STAGES or spec.id not in bought:
                continue
            tonnes = self._standard_stockpile_order(spec.id)
            ceiling = stockpile_ceiling(self.model, spec.id, tonnes)
            terms = Terms(now=ceiling, ceiling=True)
            options.append(
                _lever(
                    f"lever:stockpile:{spec.id}",
                    StockpileOrder(spec.id, tonnes),
                    "stockpile_recycling",
                    f"Stockpile {spec.name}",
                    f"Buy {tonnes:,.0f} t of {spec.name} at market prices for the "
                    "national stockpile.",
                    f"Adds up to {tonnes:,.0f} t to the stockpile, released when supply is short.",
                    "Buying raises prices for everyone while it lasts.",
                    reason=over or self.treasury.refusal(terms),
                    terms=terms,
                    metric=f"player.stockpile.{spec.id}",
                )
            )
        return options

    def _standard_stockpile_order(self, commodity: str) -> float:
        """A quarter of a year's home demand, rounded: a sensible default order size."""
        buyers = self.model.buyers
        yearly = sum(
            b.base_demand for b in buyers if b.commodity == commodity and b.nation == self.player
        )
        yearly = yearly or sum(b.base_demand for b in buyers if b.commodity == commodity) / 20
        magnitude: int = 10 ** max(0, math.floor(math.log10(max(1.0, yearly / 4))))
        return max(magnitude, round(yearly / 4 / magnitude) * magnitude)


def _lever(
    key: str,
    action: Action,
    pillar: str,
    title: str,
    summary: str,
    effect: str,
    trade_off: str,
    *,
    reason: str | None,
    terms: Terms = FREE,
    provocation: float = 0.0,
    metric: str | None = None,
) -> ActionOption:
    """An option that is not a card: done this turn, paid at once (if at all)."""
    return ActionOption(
        key=key,
        action=action,
        pillar=pillar,  # type: ignore[arg-type]
        title=title,
        summary=summary,
        metric=metric,
        cost=terms.now,
        terms=terms,
        lead_turns=0,
        warning=None,
        effects=(effect,),
        trade_offs=(trade_off,),
        partner=None,
        provocation=provocation,
        available=reason is None,
        reason=reason,
    )
