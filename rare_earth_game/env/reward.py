"""The strategist's reward: the change in the score, or in one named sub-score.

A turn's reward is the figure after the turn less the figure before it. Before the first
turn the game has no score of its own, so the first reward is measured from the "no new
policy" game's figure at the first turn: an episode's return is then the final score less
what doing nothing scores in that first year, and maximising it maximises the final score.
A part with no figure (NaN: the goals of a scenario without objectives) counts as 0.
"""

from __future__ import annotations

import math

from rare_earth_game.env.errors import EnvSetupError
from rare_earth_game.game.scoring import Scorecard
from rare_earth_game.scenario.errors import suggestion
from rare_earth_game.scenario.game import SUB_SCORES

SCORE = "score"
REWARDS = (SCORE, *SUB_SCORES)


def check_reward(name: str) -> str:
    """The reward's name if it is the score or a sub-score; else a clear error."""
    if name in REWARDS:
        return name
    raise EnvSetupError(
        f"unknown reward '{name}'{suggestion(name, list(REWARDS))} "
        f"(choose from {', '.join(REWARDS)})"
    )


def figure(card: Scorecard, name: str) -> float:
    """The score or the named sub-score of a scorecard (0 for one with no figure)."""
    parts = {p.id: p.score for p in card.subscores}
    value = card.score if name == SCORE else parts[name]
    return 0.0 if math.isnan(value) else float(value)
