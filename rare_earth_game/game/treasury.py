"""The player's public purse: one rule for what can be afforded, used by everything that asks.

The session pays from it, the window's plan and the strategies plan against a `draft()` of
it, so the three can never disagree about what a turn can pay for.

Rules that keep it honest:
- a turn never pays more than its allowance plus savings;
- what is promised every turn (installments of projects being paid, and the running costs
  of every funded project, set aside from the turn it is funded) never exceeds a turn's
  allowance, so every project can be paid to the end and run for as long as the game lasts;
  when a budget cut would break that, the session keeps the allowance at what is promised
  (obligated money is paid) and the cut falls on new spending;
- running costs are paid only while a project operates, installments until they are done;
- of the money left at the end of a turn only a set share is kept (`carry_over`); the rest
  lapses, as unspent appropriations do, so savings cannot pile up.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field

EPSILON = 1e-9


@dataclass(frozen=True)
class Terms:
    """What a choice costs, in USD M: at once, per turn of funding, per turn of running."""

    now: float = 0.0  # paid this turn, once (a one-off card, or a purchase's ceiling)
    per_turn: float = 0.0  # each installment
    turns: int = 0  # installments (0: none)
    running: float = 0.0  # each turn the project operates, for the rest of the game
    ceiling: bool = False  # `now` is the most a purchase can cost; the market sets the price

    @property
    def promised(self) -> float:
        """What it adds to every turn's commitments."""
        return (self.per_turn if self.turns else 0.0) + self.running

    @property
    def due_now(self) -> float:
        """The most it can cost this turn."""
        return self.now + self.promised


@dataclass
class Commitment:
    """What one project still costs: installments left, and its running cost."""

    per_turn: float
    turns_left: int
    running: float


@dataclass
class TurnAccount:
    """What closing a turn paid, and what became of the rest."""

    installments: float
    running: float
    one_offs: float
    purchases: float
    kept: float
    lapsed: float
    paid_off: list[str]

    @property
    def paid(self) -> float:
        return self.installments + self.running + self.one_offs + self.purchases


@dataclass
class Treasury:
    allowance: float  # USD M per game turn
    carry_over: float = 1.0  # share of a turn's unspent money kept into the next turn
    savings: float = 0.0
    commitments: dict[str, Commitment] = field(default_factory=dict)
    spent_this_turn: float = 0.0
    reserved_this_turn: float = 0.0
    spent_total: float = 0.0
    lapsed_total: float = 0.0

    @property
    def committed(self) -> float:
        """USD M a turn already promised: installments and running costs."""
        return sum(
            (c.per_turn if c.turns_left > 0 else 0.0) + c.running for c in self.commitments.values()
        )

    @property
    def available(self) -> float:
        """What can still be spent this turn."""
        return (
            self.allowance
            + self.savings
            - self.committed
            - self.spent_this_turn
            - self.reserved_this_turn
        )

    def refusal(self, terms: Terms) -> str | None:
        """None if a choice on these terms can be afforded now; else why not, with amounts."""
        if terms.promised > 0 and self.committed + terms.promised > self.allowance + EPSILON:
            return (
                f"would commit USD {self.committed + terms.promised:,.0f}M a turn, more than "
                f"the USD {self.allowance:,.0f}M a turn budget"
            )
        if terms.due_now <= self.available + EPSILON:
            return None
        need = "needs up to" if terms.ceiling else "needs"
        return (
            f"{need} USD {terms.due_now:,.0f}M this turn; "
            f"USD {max(0.0, self.available):,.0f}M is available"
        )

    def take(self, terms: Terms, project_id: str | None = None) -> None:
        """Commit to a choice already found affordable (by `refusal`)."""
        self.spent_this_turn += terms.now
        if terms.promised > 0:
            key = project_id if project_id is not None else f"draft:{len(self.commitments)}"
            self.commitments[key] = Commitment(terms.per_turn, terms.turns, terms.running)

    def reserve(self, amount: float) -> str | None:
        """Hold money for a purchase whose final price the market sets this turn."""
        reason = self.refusal(Terms(now=amount, ceiling=True))
        if reason is None:
            self.reserved_this_turn += amount
        return reason

    def draft(self) -> Treasury:
        """A copy to plan a turn against: taking from it leaves this treasury as it is."""
        return copy.deepcopy(self)

    def close_turn(self, purchases: float, operating: Iterable[str] = ()) -> TurnAccount:
        """Pay installments, running costs of the projects that operated, one-offs and the
        market's bill for this turn's purchases; keep the share of the rest that carries
        over. Returns the account, with the projects whose installments are now paid."""
        running_ids = set(operating)
        installments = sum(c.per_turn for c in self.commitments.values() if c.turns_left > 0)
        running = sum(c.running for k, c in self.commitments.items() if k in running_ids)
        account = TurnAccount(installments, running, self.spent_this_turn, purchases, 0, 0, [])
        left = self.allowance + self.savings - account.paid
        account.kept = self.carry_over * left if left > 0 else left
        account.lapsed = left - account.kept
        self.savings = account.kept
        self.spent_total += account.paid
        self.lapsed_total += account.lapsed
        for project_id, commitment in self.commitments.items():
            if commitment.turns_left > 0:
                commitment.turns_left -= 1
                if commitment.turns_left == 0:
                    account.paid_off.append(project_id)
        self.commitments = {
            k: c for k, c in self.commitments.items() if c.turns_left > 0 or c.running > 0
        }
        self.spent_this_turn = 0.0
        self.reserved_this_turn = 0.0
        return account
