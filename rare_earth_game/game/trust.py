"""Allied trust: how far each partner trusts the player, and what follows from it.

Trust is 1 minus the tension between the player and a partner, kept in the model's
relations, so whatever decides whether a partner agrees to a venture (the AI's
`ally_accepts`, which reads that tension) decides by trust. Each turn it moves:
ventures funded with a partner and ventures operating build it; a venture the player
lets stand idle or close, a trade war and unilateral tariffs on the adversary (which
divert its goods onto allies' markets) wear it down; with nothing happening it drifts
back to where it started. A partner whose trust falls below `LEAVE_BELOW` leaves the
ventures it is in (the session's `partner_leaves`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rare_earth_game.game.projects import Project
    from rare_earth_game.sim.model import RareEarthModel

VENTURE_FUNDED = 0.05
"""Trust a partner gains when the player funds a venture with it."""
VENTURE_OPERATING_PER_YEAR = 0.03
"""Trust a partner gains each year a venture with it operates."""
VENTURE_IDLE = 0.15
"""Trust a partner loses, once, when a venture with it is mothballed or closed."""
CRISIS_PER_YEAR = 0.08
"""Trust every ally loses each year of a trade war: they are caught in the middle."""
TARIFF_PER_YEAR = 0.06
"""Trust every ally loses each year per unit of tariff rate the player keeps on the
adversary alone (a 25 % tariff: 0.015 a year)."""
DRIFT_PER_YEAR = 0.03
"""With nothing happening, trust drifts back toward where it started by this much a year."""
LEAVE_BELOW = 0.4
"""A partner whose trust is below this leaves the ventures it is in."""


@dataclass
class AlliedTrust:
    """Trust of the player's allies (role "ally") and of every venture partner."""

    player: str
    start: dict[str, float]
    idle_told: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, model: RareEarthModel, player: str, partners: set[str]) -> AlliedTrust:
        allies = {n.key for n in model.nations.values() if n.role == "ally"}
        nations = sorted((allies | partners) & set(model.nations) - {player})
        return cls(player, {n: 1.0 - model.tension(player, n) for n in nations})

    @property
    def allies(self) -> list[str]:
        """Every nation whose trust is kept: the allies and the cards' partners."""
        return sorted(self.start)

    def trust(self, model: RareEarthModel, nation: str) -> float:
        """0..1: how far `nation` trusts the player now (1 - their tension)."""
        return 1.0 - model.tension(self.player, nation)

    def strength(self, model: RareEarthModel, allies: list[str]) -> float:
        """The average trust of `allies` (NaN if there are none)."""
        if not allies:
            return float("nan")
        return sum(self.trust(model, a) for a in allies) / len(allies)

    def move(
        self,
        model: RareEarthModel,
        projects: dict[str, Project],
        funded: list[str],
        crisis: bool,
        tariff: float,
        years: float,
    ) -> list[str]:
        """One turn's change of trust; returns sentences for the turn report."""
        change = dict.fromkeys(self.start, 0.0)
        told = []
        for card_id, project in sorted(projects.items()):
            partner = project.card.partner
            if partner not in change or project.left:
                continue
            state = project.state(model)
            if card_id in funded:
                change[partner] += VENTURE_FUNDED
            if state == "operating":
                change[partner] += VENTURE_OPERATING_PER_YEAR * years
            elif state in ("mothballed", "closed") and card_id not in self.idle_told:
                self.idle_told.add(card_id)
                change[partner] -= VENTURE_IDLE
                name = model.nations[partner].name
                told.append(f"{name} trusts you less: {project.card.title} stands {state}")
        for nation in change:
            if crisis:
                change[nation] -= CRISIS_PER_YEAR * years
            change[nation] -= TARIFF_PER_YEAR * tariff * years
            now = self.trust(model, nation)
            if change[nation] == 0.0:
                drift = DRIFT_PER_YEAR * years
                change[nation] = max(-drift, min(drift, self.start[nation] - now))
            model.set_tension(self.player, nation, 1.0 - (now + change[nation]))
        return told

    def leaving(self, model: RareEarthModel, projects: dict[str, Project]) -> list[str]:
        """Ventures whose partner's trust has fallen below `LEAVE_BELOW`, by card id."""
        return [
            card_id
            for card_id, project in sorted(projects.items())
            if project.card.partner in self.start
            and not project.left
            and project.in_force
            and self.trust(model, project.card.partner) < LEAVE_BELOW
        ]
