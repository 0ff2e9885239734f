"""The player's public purse: a yearly budget, savings, and installments already committed.

Rules that keep it honest: a turn's spending never exceeds what is available (this turn's
allowance plus savings), and the installments of projects in progress never exceed a turn's
allowance, so a funded project can always be paid to the end.
"""

from dataclasses import dataclass, field


@dataclass
class Commitment:
    """Installments still owed for one project."""

    project_id: str
    per_turn: float
    turns_left: int


@dataclass
class Treasury:
    allowance: float  # USD M per game turn
    savings: float = 0.0
    commitments: list[Commitment] = field(default_factory=list)
    spent_this_turn: float = 0.0
    reserved_this_turn: float = 0.0
    spent_total: float = 0.0

    @property
    def locked(self) -> float:
        """USD M per turn already promised to projects in progress."""
        return sum(c.per_turn for c in self.commitments)

    @property
    def available(self) -> float:
        """What can still be spent this turn."""
        return (
            self.allowance
            + self.savings
            - self.locked
            - self.spent_this_turn
            - self.reserved_this_turn
        )

    def can_commit(self, per_turn: float, first_payment: float) -> str | None:
        """None if a new project fits, else the reason it does not."""
        if self.locked + per_turn > self.allowance + 1e-9:
            return (
                f"would commit USD {self.locked + per_turn:,.0f}M a turn to projects, more than "
                f"the USD {self.allowance:,.0f}M allowance"
            )
        return self.shortfall(first_payment, "needs USD {}M now")

    def shortfall(self, amount: float, need: str = "costs USD {}M") -> str | None:
        """None if `amount` can be paid this turn, else why not (`need` words the cost)."""
        if amount <= self.available + 1e-9:
            return None
        return f"{need.format(f'{amount:,.0f}')}; USD {max(0.0, self.available):,.0f}M is available"

    def commit(self, project_id: str, per_turn: float, turns: int) -> None:
        self.commitments.append(Commitment(project_id, per_turn, turns))

    def spend(self, amount: float) -> str | None:
        """Spend at once (e.g. a one-off action); None if done, else why not."""
        reason = self.shortfall(amount)
        if reason is None:
            self.spent_this_turn += amount
        return reason

    def reserve(self, amount: float) -> str | None:
        """Hold money for a purchase whose final price the market will set this turn."""
        reason = self.shortfall(amount, "needs up to USD {}M")
        if reason is None:
            self.reserved_this_turn += amount
        return reason

    def close_turn(self, actual_purchases: float) -> list[str]:
        """Pay installments and purchases; unspent allowance is saved. Returns finished projects."""
        installments = self.locked
        paid = installments + self.spent_this_turn + actual_purchases
        self.savings = self.allowance + self.savings - paid
        self.spent_total += paid
        finished = []
        for commitment in self.commitments:
            commitment.turns_left -= 1
            if commitment.turns_left <= 0:
                finished.append(commitment.project_id)
        self.commitments = [c for c in self.commitments if c.turns_left > 0]
        self.spent_this_turn = 0.0
        self.reserved_this_turn = 0.0
        return finished
