"""Tension between the player and a computer-run rival: hostile moves raise it at once, and
it drifts toward a resting level that remembered grudges hold up, so a quarrel that keeps
being fed stays hot and one that is left alone cools over a few years."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

TENSION_PER_PROVOCATION = 0.25
"""How much one fully hostile move (hostility 1) raises tension; talks lower it alike."""
TENSION_DRIFT_PER_YEAR = 0.05
"""How fast tension drifts toward its resting level in a turn without moves that touch it."""
REST_PER_ANGER = 0.15
"""How far each unit of remembered anger holds the resting level above the start."""


def starting_tension(model: RareEarthModel, a: str, b: str) -> float:
    """The tension the scenario starts the pair at."""
    for relation in model.scenario.relations:
        if {relation.a, relation.b} == {a, b}:
            return relation.tension
    return model.scenario.settings.default_tension


def move_tension(
    model: RareEarthModel, player: str, rival: str, hostility: float, anger: float, years: float
) -> float:
    """Move the pair's tension for a turn's moves; returns the change."""
    before = model.tension(player, rival)
    now = before + TENSION_PER_PROVOCATION * hostility
    if hostility == 0:
        rest = min(1.0, starting_tension(model, player, rival) + REST_PER_ANGER * anger)
        drift = TENSION_DRIFT_PER_YEAR * years
        now += max(-drift, min(drift, rest - now))
    model.set_tension(player, rival, now)
    return model.tension(player, rival) - before
