"""The trade war that high tension sets off: the scenario's `[game.crisis]`.

When tension between the player and the adversary reaches the crisis threshold, the
crisis's effects (a ban on key goods, tariffs on the player's) take hold as the
adversary's moves for the crisis's years; then a truce lifts the policies they set and
leaves tension at the truce level. A crisis that ended can start again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rare_earth_game.scenario import effects as fx
from rare_earth_game.sim.origin import Origin, Source

if TYPE_CHECKING:
    from rare_earth_game.scenario.game import Crisis
    from rare_earth_game.sim.model import RareEarthModel

POLICY_EFFECTS = (
    fx.SetExportControl,
    fx.SetTariff,
    fx.SetExportDuty,
    fx.SetProductionQuota,
    fx.SetSubsidy,
)


@dataclass
class CrisisWatch:
    """Starts and ends the scenario's crisis by the tension between player and adversary."""

    spec: Crisis | None
    player: str
    adversary: str
    shift: float = 0.0  # the difficulty's change to the threshold
    grudge: float = 1.0  # the difficulty's factor on how long it lasts
    turns_left: int = 0
    started: list[int] = field(default_factory=list)
    truce_change: float = 0.0
    """How far the truce moved tension, on the turn a crisis ended (0 on other turns)."""

    @property
    def active(self) -> bool:
        return self.turns_left > 0

    def check(self, model: RareEarthModel, turn: int, years_per_turn: float) -> list[str]:
        """Before a turn is played: start, go on with or end the crisis; what to tell."""
        spec = self.spec
        if spec is None or self.adversary not in model.nations:
            return []
        source = Source(Origin.AI, self.adversary)
        self.truce_change = 0.0
        if self.active:
            self.turns_left -= 1
            if self.active:
                return []
            lifted = [
                fx.RemovePolicy(type="remove_policy", id=e.id)
                for e in spec.effects
                if isinstance(e, POLICY_EFFECTS)
            ]
            model.apply_effects(lifted, source)
            before = model.tension(self.player, self.adversary)
            model.set_tension(self.player, self.adversary, spec.truce_tension)
            self.truce_change = model.tension(self.player, self.adversary) - before
            return [f"{spec.title} ends in a truce: its bans and tariffs are lifted"]
        tension = model.tension(self.player, self.adversary)
        if tension < spec.tension + self.shift:
            return []
        model.apply_effects(list(spec.effects), source)
        self.turns_left = max(1, math.ceil(spec.years * self.grudge / years_per_turn - 1e-9))
        self.started.append(turn)
        return [f"{spec.title} (tension {tension:.2f}): {spec.text}"]
