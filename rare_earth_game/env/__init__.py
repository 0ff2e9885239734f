"""Reinforcement-learning interfaces to the game (the optional extra `rl`).

- `StrategistEnv`: Gymnasium; the player's game, one step a game turn;
- `WorldEnv`: PettingZoo parallel; the player, the adversary and the allies a scenario
  marks playable, each an agent with its own cards.
"""

from __future__ import annotations

try:
    import gymnasium
    import pettingzoo  # noqa: F401
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError(
        "the environments need the `rl` extra: pip install 'rare-earth-game[rl]'"
    ) from error

from rare_earth_game.env.errors import EnvSetupError, InvalidActionError
from rare_earth_game.env.strategist import StrategistEnv, masked_sample
from rare_earth_game.env.world import WorldEnv

gymnasium.register(
    "RareEarthGame/Strategist-v0", entry_point="rare_earth_game.env.strategist:StrategistEnv"
)

__all__ = ["EnvSetupError", "InvalidActionError", "StrategistEnv", "WorldEnv", "masked_sample"]
