"""Computer-run nations: the dominant supplier answers the player with goals of its own, and
allies decide for themselves whether to join the player's ventures.

The session tells them, each turn, the player's accepted moves and the last turn's
measurements; they move tension, choose their moves and apply them to the world as the
AI's. Randomness comes from the game's own seeded generator, so the "no new policy" game
sees the same random events and the same opponent as the player's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from rare_earth_game.game.ai.allies import Allies, TrustMeasure, Verdict, relations_trust
from rare_earth_game.game.ai.decision import Decision
from rare_earth_game.game.ai.memory import PlayerMove
from rare_earth_game.game.ai.supplier import Stance, Supplier, Turn
from rare_earth_game.game.ai.tension import move_tension
from rare_earth_game.scenario.game import AIProfile
from rare_earth_game.sim.origin import Origin, Source

if TYPE_CHECKING:
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.game.presets import Difficulty
    from rare_earth_game.scenario.game import Investment
    from rare_earth_game.sim.model import RareEarthModel


class AINations:
    """All computer-run nations of a game, deciding once per game turn."""

    def __init__(
        self,
        profiles: tuple[AIProfile, ...],
        player: str,
        adversary: str,
        difficulty: Difficulty,
        seed: int,
        years_per_turn: float,
        trust: TrustMeasure = relations_trust,
    ) -> None:
        self.player = player
        self.difficulty = difficulty
        self.rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(7,)))
        self.suppliers = {
            p.nation: Supplier(p)
            for p in profiles
            if p.kind == "dominant_supplier" and p.nation != player
        }
        self.allies = Allies({p.nation: p for p in profiles}, player, adversary, trust)
        self.adversary = adversary
        self.observed: TurnObservation | None = None
        """The last turn's measurements, which the nations decide on."""
        self.years = years_per_turn
        self.tension_change = 0.0
        """How much the player's moves and the drift moved tension with the adversary this
        turn (before the AI's own moves and the turn's events)."""
        self._verdicts: dict[tuple[object, ...], Verdict] = {}
        self.played: set[str] = set()
        """Nations an outside agent plays (the research world game): their tension still
        answers the player's moves, but they choose no moves of their own."""

    def stance(self, supplier: Supplier) -> Stance:
        difficulty = self.difficulty
        return Stance(
            supplier.profile.aggressiveness * difficulty.aggressiveness,
            difficulty.foresight_years,
            difficulty.threshold,
        )

    def ally_accepts(self, model: RareEarthModel, card: Investment, turn: int) -> Verdict:
        """Whether the card's partner joins it now, and why (worked out once per state: the
        menu and the orders ask alike)."""
        partner = card.partner or ""
        trust = self.allies.trust(model, self.player, partner) if partner in model.nations else 0.0
        key = (card.id, id(self.observed), model.turn, model.tension(self.player, partner), trust)
        if key not in self._verdicts:
            supplier = self.suppliers.get(self.adversary)
            self._verdicts = {k: v for k, v in self._verdicts.items() if k[2] == model.turn}
            self._verdicts[key] = self.allies.verdict(
                model, self.observed, card, supplier, turn, self.years
            )
        return self._verdicts[key]

    def react(
        self,
        model: RareEarthModel,
        moves: list[PlayerMove],
        turn: int,
        projects: tuple[str, ...] = (),
    ) -> list[Decision]:
        """Decide this turn's moves after the player's accepted `moves`, and apply them.
        `projects` are the ids of the plants the player's projects built, which a squeeze of
        new producers in their chain names."""
        years = self.years
        decisions: list[Decision] = []
        for nation in sorted(self.suppliers):
            supplier = self.suppliers[nation]
            supplier.memory.record(moves)
            hostility = sum(m.hostility for m in moves)
            anger = supplier.memory.anger(turn, years)
            change = move_tension(model, self.player, nation, hostility, anger, years)
            if nation == self.adversary:
                self.tension_change = change
            if nation in self.played:
                continue
            stance = self.stance(supplier)
            now = Turn(model, self.observed, self.player, turn, years, stance, self.rng, projects)
            decisions += supplier.decide(now)
        for decision in decisions:
            model.apply_effects(decision.effects, Source(Origin.AI, decision.nation))
        return decisions
