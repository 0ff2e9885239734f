"""The budget rule: a scenario's budget must force choices, on every difficulty.

1. A sprint's whole budget (its turns x the yearly budget x the difficulty's multiplier)
   is less than half of what all the scenario's cards cost together, so no difficulty
   can fund more than half of the menu (about a third on normal).
2. Every card's first turn (its installment, or its price, and its running cost) fits one
   turn's budget on the hardest difficulty, so no card is out of reach.

Counting cards rather than money would let a menu of many cheap diplomatic moves and a
few dear projects pass while every project could be bought; money is what must bind.
"""

from __future__ import annotations

from dataclasses import dataclass

from rare_earth_game.game.cards import card_terms
from rare_earth_game.game.clock import Clock
from rare_earth_game.game.presets import DIFFICULTIES, PRESETS
from rare_earth_game.scenario.model import Scenario

SPRINT_SHARE = 0.5
"""A sprint's budget must be below this share of all the cards' cost."""


@dataclass(frozen=True)
class BudgetCheck:
    """How a scenario's budget compares with its cards, for one difficulty."""

    difficulty: str
    per_turn: float  # a sprint turn's budget, USD M
    sprint: float  # a sprint's whole budget, USD M
    cards: float  # all the cards' cost together, USD M

    @property
    def share(self) -> float:
        return self.sprint / self.cards if self.cards else float("inf")


def budget_checks(scenario: Scenario) -> list[BudgetCheck]:
    """The comparison for every difficulty, easiest (most money) first."""
    clock = Clock.of(scenario, PRESETS["sprint"])
    yearly = scenario.game.budget_per_year
    cards = sum(card.cost for card in scenario.investments)
    checks = [
        BudgetCheck(
            name,
            yearly * clock.years_per_turn * level.budget,
            yearly * clock.years_per_turn * level.budget * clock.turns,
            cards,
        )
        for name, level in DIFFICULTIES.items()
    ]
    return sorted(checks, key=lambda c: -c.sprint)


def budget_problems(scenario: Scenario) -> list[str]:
    """Where a scenario breaks the budget rule, in words; empty if it keeps it."""
    checks = budget_checks(scenario)
    problems = [
        f"{c.difficulty}: a sprint's budget of USD {c.sprint:,.0f}M is {c.share:.0%} of the "
        f"cards' USD {c.cards:,.0f}M; it must be under {SPRINT_SHARE:.0%}"
        for c in checks
        if c.share >= SPRINT_SHARE
    ]
    hardest = checks[-1]
    clock = Clock.of(scenario, PRESETS["sprint"])
    for card in scenario.investments:
        first = card_terms(card, clock).due_now
        if first > hardest.per_turn + 1e-9:
            problems.append(
                f"{card.id}: its first turn costs USD {first:,.0f}M, more than a turn's "
                f"USD {hardest.per_turn:,.0f}M on {hardest.difficulty}"
            )
    return problems
