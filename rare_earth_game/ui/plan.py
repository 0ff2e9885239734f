"""This turn's plan: the options a player has queued, checked against the budget as they go.

The plan asks the game's own `Treasury` (a draft of it, with the queued options taken), so
it refuses exactly what the game would; the game checks every action again when the turn
is submitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rare_earth_game.game.actions import Action, ActionOption
from rare_earth_game.game.treasury import Treasury


def first_payment(option: ActionOption) -> float:
    """The most the option costs this turn (an installment, the whole price, a ceiling)."""
    return option.terms.due_now


@dataclass
class Plan:
    treasury: Treasury  # a draft of the game's, taken between turns: the window's own copy
    chosen: list[ActionOption] = field(default_factory=list)
    _planned: Treasury | None = field(default=None, init=False, repr=False)

    @property
    def keys(self) -> set[str]:
        return {o.key for o in self.chosen}

    @property
    def total(self) -> float:
        return sum(first_payment(o) for o in self.chosen)

    @property
    def remaining(self) -> float:
        """What is still available this turn with the plan paid for."""
        return self._with_plan().available

    @property
    def committed(self) -> float:
        """USD M a turn promised with the plan: installments and running costs."""
        return self._with_plan().committed

    def why_not(self, option: ActionOption) -> str | None:
        """None if the option can join the plan; otherwise the reason, in plain words."""
        if not option.available:
            return option.reason or "not available"
        return self._with_plan().refusal(option.terms)

    def toggle(self, option: ActionOption) -> str | None:
        """Add or remove; returns why it could not be added, if so."""
        if option.key in self.keys:
            self.chosen = [o for o in self.chosen if o.key != option.key]
            self._planned = None
            return None
        reason = self.why_not(option)
        if reason is None:
            self.chosen.append(option)
            self._planned = None
        return reason

    def actions(self) -> list[Action]:
        return [o.action for o in self.chosen]

    def _with_plan(self) -> Treasury:
        """The treasury as it would be with the plan paid for (worked out once per change)."""
        if self._planned is None:
            self._planned = self.treasury.draft()
            for option in self.chosen:
                self._planned.take(option.terms)
        return self._planned
