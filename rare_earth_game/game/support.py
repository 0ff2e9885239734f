"""Public support for the player's programme, and what it does to next year's budget.

Voters judge what they feel: the prices they pay, jobs at home, and how much public money
goes out. Each year support moves halfway toward the level those call for; below
`CUT_BELOW` Congress cuts next year's budget, and below `LOSE_BELOW` it ends the
programme (the game is lost: `endings.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

START = 0.6
"""Support when the game starts."""
PRICE_WEIGHT = 0.5
"""Support lost per unit of the price index above what voters shrug off (1.5x normal:
-0.15)."""
PRICE_SHRUGGED = 1.2
"""Prices up to this multiple of normal cost no support: buyers absorb them."""
PRICE_MOST = 0.25
"""The most support prices alone can cost: a price shock the world sends can cut the
budget, but it takes the player's own choices besides to lose the public."""
JOBS_WEIGHT = 0.3
"""Support gained per unit of job growth since the first year (half as many again: +0.15),
counted against at least `JOBS_FLOOR` jobs, so a chain that starts from nothing can grow."""
JOBS_FLOOR = 1000.0
SPENDING_WEIGHT = 0.15
"""Support lost when a turn's whole budget is spent (in proportion to the share spent)."""
CRISIS_WEIGHT = 0.1
"""Support lost while a trade war is on."""
HALF_LIFE_YEARS = 1.0
"""Support moves halfway toward its level in this many years."""
CUT_BELOW = 0.5
"""Below this support, next year's budget is cut: by `CUT_RATE` per unit below."""
CUT_RATE = 1.5
LOWEST_BUDGET = 0.5
"""The deepest cut leaves this share of the budget."""


@dataclass
class PublicSupport:
    level: float = START
    first_jobs: float | None = None

    def target(self, price_index: float, jobs: float, spent_share: float, crisis: bool) -> float:
        """The level the year's prices, jobs, spending and any crisis call for."""
        if self.first_jobs is None and not math.isnan(jobs):
            self.first_jobs = jobs
        first = self.first_jobs or 0.0
        growth = (jobs - first) / max(first, JOBS_FLOOR) if not math.isnan(jobs) else 0.0
        above = max(0.0, price_index - PRICE_SHRUGGED) if not math.isnan(price_index) else 0.0
        level = START - min(PRICE_MOST, PRICE_WEIGHT * above)
        level += JOBS_WEIGHT * max(-1.0, min(1.0, growth))
        level -= SPENDING_WEIGHT * max(0.0, min(1.5, spent_share))
        level -= CRISIS_WEIGHT if crisis else 0.0
        return max(0.0, min(1.0, level))

    def move(
        self, price_index: float, jobs: float, spent_share: float, crisis: bool, years: float
    ) -> None:
        """One turn: support moves toward its target."""
        goal = self.target(price_index, jobs, spent_share, crisis)
        self.level += (goal - self.level) * (1 - 0.5 ** (years / HALF_LIFE_YEARS))

    @property
    def budget_factor(self) -> float:
        """The share of the scenario's budget Congress grants next year."""
        if self.level >= CUT_BELOW:
            return 1.0
        return max(LOWEST_BUDGET, 1.0 - CUT_RATE * (CUT_BELOW - self.level))
