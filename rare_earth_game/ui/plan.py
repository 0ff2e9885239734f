"""This turn's plan: the options a player has queued, checked against the budget as they go.

The game checks every action again when the turn is submitted; the plan only stops a
player from queueing what the treasury could never pay this turn, and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rare_earth_game.game.actions import Action, ActionOption


def first_payment(option: ActionOption) -> float:
    """What the option costs this turn (an installment, or the whole price at once)."""
    return option.cost if option.turns == 0 else option.per_turn


@dataclass
class Plan:
    allowance: float  # this turn's allowance, USD M
    available: float  # what can still be spent this turn, USD M
    locked: float  # installments already committed per turn, USD M
    chosen: list[ActionOption] = field(default_factory=list)

    @property
    def keys(self) -> set[str]:
        return {o.key for o in self.chosen}

    @property
    def total(self) -> float:
        return sum(first_payment(o) for o in self.chosen)

    @property
    def remaining(self) -> float:
        return self.available - self.total

    def why_not(self, option: ActionOption) -> str | None:
        """None if the option can join the plan; otherwise the reason, in plain words."""
        if not option.available:
            return option.reason or "not available"
        if option.turns > 0:
            locked = self.locked + sum(o.per_turn for o in self.chosen if o.turns > 0)
            if locked + option.per_turn > self.allowance + 1e-9:
                return (
                    f"your projects would take USD {locked + option.per_turn:,.0f}M a turn, more "
                    f"than the USD {self.allowance:,.0f}M allowance"
                )
        if first_payment(option) > self.remaining + 1e-9:
            return (
                f"needs USD {first_payment(option):,.0f}M now; "
                f"USD {max(0.0, self.remaining):,.0f}M is left this turn"
            )
        return None

    def toggle(self, option: ActionOption) -> str | None:
        """Add or remove; returns why it could not be added, if so."""
        if option.key in self.keys:
            self.chosen = [o for o in self.chosen if o.key != option.key]
            return None
        reason = self.why_not(option)
        if reason is None:
            self.chosen.append(option)
        return reason

    def actions(self) -> list[Action]:
        return [o.action for o in self.chosen]
