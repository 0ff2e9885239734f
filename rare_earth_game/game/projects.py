"""Funded cards and how they stand: being paid for, under construction, operating, mothballed.

Funding a card and the project it pays for are different things: a mine can be paid for
and still years from opening, or open and then mothballed. A project's state is read from
the facility the card builds or changes, so the game never calls a project complete when
only its funding is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rare_earth_game.game.cards import card_facility
from rare_earth_game.game.clock import Clock
from rare_earth_game.scenario.game import Investment

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

ProjectState = Literal["funded", "building", "operating", "mothballed", "closed"]
STATE_WORDS: dict[str, str] = {
    "funded": "Funded",
    "building": "Under construction",
    "operating": "Operating",
    "mothballed": "Mothballed",
    "closed": "Closed",
}
_FACILITY_STATES: dict[str, ProjectState] = {
    "building": "building",
    "prospect": "building",
    "operating": "operating",
    "mothballed": "mothballed",
    "closed": "closed",
}


@dataclass
class Project:
    """A card the player funded: its installments, and whether its effects are in force."""

    card: Investment
    started: int  # the game turn it was funded
    funding_turns: int  # installments (0: paid at once)
    paid: bool = False  # every installment paid
    in_force: bool = False  # its effects applied (or queued for the next engine step)
    acts_from: int = 0  # the engine step from which its effects act
    left: bool = False  # its partner has left the venture (allied trust fell too low)

    @property
    def facility(self) -> str | None:
        return card_facility(self.card)

    def state(self, model: RareEarthModel) -> ProjectState:
        """Funded until its effects are in force; then as its facility stands, if it has one."""
        if not self.in_force or model.turn <= self.acts_from:
            return "funded"  # paid for, its effects queued for the next step
        facility = model.facilities.get(self.facility) if self.facility else None
        if facility is None:
            return "operating"
        return _FACILITY_STATES.get(facility.status, "operating")

    def payments_left(self, upcoming: int) -> int:
        """Installments still to pay from game turn `upcoming` on."""
        if self.paid:
            return 0
        return max(0, self.started + self.funding_turns - upcoming)

    def describe(self, model: RareEarthModel, clock: Clock, upcoming: int) -> str:
        """How the project stands, in words, before game turn `upcoming` is played."""
        state = self.state(model)
        text = STATE_WORDS[state]
        left = self.payments_left(upcoming)
        if state == "funded":
            text += " (takes effect once paid for)" if left else " (takes effect next turn)"
        elif state == "building":
            facility = model.facilities[self.facility]  # type: ignore[index]
            opens = upcoming + clock.turns_for_steps(max(1, int(facility.turns_left)))
            text += f": opens about {clock.label(opens)}"
            if opens > clock.last:
                text += ", after this game ends"
        if left:
            text += f"; {left} payment{'s' if left > 1 else ''} to go"
        if self.left and self.card.partner:
            text += f"; {model.nations[self.card.partner].name} has left the venture"
        return text
