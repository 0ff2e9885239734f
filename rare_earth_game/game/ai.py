"""Computer-run nations: they read the world and the player's moves and answer with policy.

A dominant supplier (China in the built-in scenarios) escalates export controls one step at
a time when the player provokes it and tension is high, eases them when tension falls,
suspends one as a bargaining chip when the player makes a conciliatory move, and floods the
market to squeeze new entrants when too much refining moves abroad (as it did before
Molycorp's 2015 bankruptcy). Allies accept or decline joint ventures by how strained their
relations with the player are. Every decision carries the reason a student will read.

Randomness comes from the game's own seeded generator, so the "no new policy" comparison
run sees the same random events as the player's run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.game import AIProfile
from rare_earth_game.sim.origin import Origin, Source

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

TENSION_PER_PROVOCATION = 0.25
"""How much one fully hostile move (provocation 1) raises tension."""
TENSION_DRIFT_PER_YEAR = 0.05
"""Tension drifts toward its starting level by this much a year when nothing happens."""
DUMPING_ASK_FACTOR = 0.75
DUMPING_QUOTA_BOOST = 1.1
DUMPING_YEARS = 2.0
SUSTAINED_PRESSURE = 0.5
"""Without a new provocation, high tension alone escalates at this share of the pressure."""
LICENCE_APPROVAL = 0.5
TIGHT_APPROVAL = 0.25


@dataclass(frozen=True)
class Decision:
    """One AI move and why, for the turn report."""

    nation: str
    action: str
    reason: str
    effects: tuple[fx.Effect, ...] = ()


@dataclass
class AIState:
    """What an AI nation remembers between turns."""

    profile: AIProfile
    escalation: int = 0  # steps taken up the ladder of controls
    controls: list[tuple[str, str]] | None = None  # (control id, good) it imposed, oldest first
    dumping_turns: int = 0
    boosted: dict[str, float] | None = None  # quota id -> the boosted level it set

    def __post_init__(self) -> None:
        self.controls = self.controls or []


class AINations:
    """All computer-run nations of a game, deciding once per game turn."""

    def __init__(
        self, profiles: tuple[AIProfile, ...], player: str, aggressiveness: float, seed: int
    ) -> None:
        self.player = player
        self.scale = aggressiveness
        self.rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(7,)))
        self.states = {p.nation: AIState(p) for p in profiles if p.nation != player}

    def ally_accepts(self, model: RareEarthModel, partner: str) -> tuple[bool, str]:
        """Whether a partner agrees to a joint venture now, and why."""
        state = self.states.get(partner)
        tension = model.tension(self.player, partner)
        limit = state.profile.venture_tension_limit if state else 0.45
        name = model.nations[partner].name
        if state is not None and state.profile.kind == "dominant_supplier":
            return False, f"{name} will not help build a rival supply chain"
        if tension > limit:
            return False, f"{name} declines: relations are strained (tension {tension:.2f})"
        return True, f"{name} agrees (tension {tension:.2f})"

    def react(self, model: RareEarthModel, provocation: float, years: float) -> list[Decision]:
        """Decide this turn's moves after the player's `provocation` (sum over accepted moves)."""
        self._move_tension(model, provocation, years)
        decisions: list[Decision] = []
        for nation in sorted(self.states):
            state = self.states[nation]
            if state.profile.kind == "dominant_supplier":
                decisions += self._dominant_supplier(model, state, provocation, years)
        for decision in decisions:
            model.apply_effects(decision.effects, Source(Origin.AI, decision.nation))
        return decisions

    # --- tension ------------------------------------------------------------------------

    def _move_tension(self, model: RareEarthModel, provocation: float, years: float) -> None:
        for nation, state in self.states.items():
            if state.profile.kind != "dominant_supplier":
                continue
            start = next(
                (
                    r.tension
                    for r in model.scenario.relations
                    if {r.a, r.b} == {self.player, nation}
                ),
                model.scenario.settings.default_tension,
            )
            now = model.tension(self.player, nation) + TENSION_PER_PROVOCATION * provocation
            drift = TENSION_DRIFT_PER_YEAR * years
            now += max(-drift, min(drift, start - now)) if provocation == 0 else 0.0
            model.set_tension(self.player, nation, now)

    # --- the dominant supplier ------------------------------------------------------------

    def _dominant_supplier(
        self, model: RareEarthModel, state: AIState, provocation: float, years: float
    ) -> list[Decision]:
        profile = state.profile
        nation = profile.nation
        tension = model.tension(self.player, nation)
        aggressiveness = min(1.0, profile.aggressiveness * self.scale)
        decisions: list[Decision] = []
        if provocation < 0 and state.controls:
            decisions.append(
                self._suspend(model, state, "answering the player's conciliatory move")
            )
        elif tension >= profile.retaliation_tension:
            pressure = (tension - profile.retaliation_tension) / max(
                1e-9, 1 - profile.retaliation_tension
            )
            if provocation > 0:  # answers a hostile move more often than standing tension
                chance = min(1.0, aggressiveness * (0.5 + pressure + provocation))
            else:
                chance = aggressiveness * SUSTAINED_PRESSURE * pressure
            if self.rng.random() < chance:
                step = self._escalate(model, state, tension)
                if step is not None:
                    decisions.append(step)
        elif tension < profile.relax_tension and state.controls and self.rng.random() < 0.5:
            decisions.append(self._suspend(model, state, f"tension has eased to {tension:.2f}"))
        decisions += self._press_entrants(model, state, years)
        return decisions

    def _escalate(self, model: RareEarthModel, state: AIState, tension: float) -> Decision | None:
        """One more step up the ladder: licence a new good, tighten, then ban."""
        profile, nation = state.profile, state.profile.nation
        player_name = model.nations[self.player].name
        assert state.controls is not None
        goods = [g for g in profile.controllable if g in model.commodities]
        licensed = {good for _, good in state.controls}
        fresh = [g for g in goods if g not in licensed]
        why = f"in answer to {player_name}'s moves (tension {tension:.2f})"
        if fresh:
            good = fresh[0]
            control_id = f"ai-{nation}-control-{good}"
            state.controls.append((control_id, good))
            state.escalation += 1
            name = model.commodities[good].name
            effect = _control(
                control_id,
                nation,
                (good,),
                (self.player,),
                "licence",
                approval_share=LICENCE_APPROVAL,
                delay_turns=1,
            )
            return Decision(
                nation, f"requires licences for {name} exports to {player_name}", why, (effect,)
            )
        for control_id, _ in state.controls:
            current = model.policies.controls.get(control_id)
            if current is None:
                continue
            control = current.control
            good = control.commodities[0]
            name = model.commodities[good].name
            if control.kind == "licence" and control.approval_share > TIGHT_APPROVAL:
                effect = _control(
                    control_id,
                    nation,
                    control.commodities,
                    control.destinations,
                    "licence",
                    approval_share=TIGHT_APPROVAL,
                    delay_turns=control.delay_turns,
                )
                return Decision(
                    nation, f"approves fewer {name} licences for {player_name}", why, (effect,)
                )
            if control.kind == "licence":
                effect = _control(
                    control_id, nation, control.commodities, control.destinations, "ban"
                )
                return Decision(nation, f"bans {name} exports to {player_name}", why, (effect,))
        return None

    def _suspend(self, model: RareEarthModel, state: AIState, why: str) -> Decision:
        """Lift the most recent control: a suspension offered as a bargaining chip."""
        assert state.controls is not None
        control_id, good = state.controls.pop()
        name = model.commodities[good].name if good in model.commodities else good
        state.escalation = max(0, state.escalation - 1)
        return Decision(
            state.profile.nation,
            f"suspends its controls on {name} exports to {model.nations[self.player].name}",
            why,
            (fx.RemovePolicy(type="remove_policy", id=control_id),),
        )

    def _press_entrants(
        self, model: RareEarthModel, state: AIState, years: float
    ) -> list[Decision]:
        """Flood the market when too much refining has moved abroad; stop after a while."""
        nation = state.profile.nation
        supplier = model.nations[nation]
        share_abroad = 1.0 - model.refining_share(nation)
        if state.dumping_turns > 0:
            state.dumping_turns -= 1
            if state.dumping_turns == 0:
                supplier.ask_factor = 1.0
                effects = self._quota_effects(model, state, boost=1.0)
                return [
                    Decision(
                        nation,
                        "stops pushing extra output abroad",
                        "its producers' losses mount",
                        effects,
                    )
                ]
            return []
        if share_abroad <= state.profile.entrant_share:
            return []
        supplier.ask_factor = DUMPING_ASK_FACTOR
        state.dumping_turns = max(1, round(DUMPING_YEARS / years))
        effects = self._quota_effects(model, state, boost=DUMPING_QUOTA_BOOST)
        return [
            Decision(
                nation,
                "raises output and cuts export prices to squeeze new producers",
                f"{share_abroad:.0%} of refining is now outside {supplier.name}",
                effects,
            )
        ]

    def _quota_effects(
        self, model: RareEarthModel, state: AIState, boost: float
    ) -> tuple[fx.Effect, ...]:
        """Raise the nation's production quotas by `boost`, or undo a raise (boost 1.0).

        A quota changed by a scripted event since the raise is left as the event set it.
        """
        effects = []
        if boost != 1.0:
            state.boosted = {}
        boosted = state.boosted
        for quota in model.policies.quotas_for(state.profile.nation):
            if boost != 1.0:
                level = quota.tonnes_per_year * boost
                assert boosted is not None  # set above when boosting
                boosted[quota.id] = level
            elif state.boosted and state.boosted.get(quota.id) == quota.tonnes_per_year:
                level = quota.tonnes_per_year / DUMPING_QUOTA_BOOST
            else:
                continue
            effects.append(
                fx.SetProductionQuota(
                    type="set_production_quota",
                    id=quota.id,
                    nation=quota.nation,
                    commodities=quota.commodities,
                    tonnes_per_year=level,
                )
            )
        return tuple(effects)


def _control(
    control_id: str,
    exporter: str,
    goods: tuple[str, ...],
    destinations: tuple[str, ...] | None,
    kind: str,
    **terms: float,
) -> fx.SetExportControl:
    """The effect that sets one of the AI's export controls (a licence's terms as keywords)."""
    return fx.SetExportControl(
        type="set_export_control",
        id=control_id,
        exporter=exporter,
        commodities=goods,
        kind=kind,  # type: ignore[arg-type]
        destinations=destinations,
        **terms,  # type: ignore[arg-type]
    )
