"""Lenses: named ways to weigh the scorecard's sub-scores, as different judges would.

The standard lens is the scenario's `[game.weights]` over the game's defaults; the default
lenses (security first, economy first, green) come with every scenario, and a scenario may
replace them or add its own in `[[game.lenses]]`. A lens names only the weights it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rare_earth_game.scenario.errors import suggestion
from rare_earth_game.scenario.game import (
    DEFAULT_LENSES,
    DEFAULT_WEIGHTS,
    STANDARD_LENS,
    SUB_SCORES,
)
from rare_earth_game.scenario.model import Scenario


@dataclass(frozen=True)
class LensChoice:
    """A lens as a game uses it: every sub-score's weight."""

    id: str
    title: str
    description: str
    weights: dict[str, float]


def lenses(scenario: Scenario) -> dict[str, LensChoice]:
    """Every lens of a scenario by id, the standard one first."""
    standard = {**DEFAULT_WEIGHTS, **scenario.game.weights}
    found = {
        STANDARD_LENS: LensChoice(
            STANDARD_LENS,
            "Standard",
            "The scenario's own weighing of every implication and its goals.",
            {name: standard[name] for name in SUB_SCORES},
        )
    }
    for lens in (*DEFAULT_LENSES, *scenario.game.lenses):
        weights = {**standard, **lens.weights}
        found[lens.id] = LensChoice(
            lens.id, lens.title, lens.description, {name: weights[name] for name in SUB_SCORES}
        )
    return found


def lens_problem(name: str, scenario: Scenario) -> str | None:
    """None if the scenario has this lens; otherwise what is wrong, with a suggestion."""
    known = list(lenses(scenario))
    if name in known:
        return None
    hint = suggestion(name, known)
    return f"unknown lens '{name}'{hint} (choose from {', '.join(known)})"
