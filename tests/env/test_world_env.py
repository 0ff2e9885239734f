"""WorldEnv: the player, China and Australia as agents of one game, checked by PettingZoo's
own API test; a nation an agent plays makes no AI moves of its own."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from rare_earth_game.env import EnvSetupError, WorldEnv

with warnings.catch_warnings():
    # pettingzoo.test imports its classic games through an API it has deprecated itself.
    warnings.simplefilter("ignore", DeprecationWarning)
    from pettingzoo.test import parallel_api_test

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"


def test_pettingzoo_s_parallel_api_test_passes() -> None:
    parallel_api_test(WorldEnv("baseline_2025", turns=2), num_cycles=2)


def test_china_played_by_an_agent_makes_its_cards_moves_and_none_of_its_ai_s() -> None:
    env = WorldEnv("baseline_2025", turns=2)
    assert env.possible_agents == ["USA", "CHN", "AUS"]
    _, infos = env.reset(seed=3)
    cards = [c.id for c in env.nations["CHN"].cards]
    ban = np.zeros(len(cards), dtype=np.int8)
    ban[cards.index("magnet_ban_on_us")] = 1
    actions = {"USA": env.seat.layout.nothing(), "CHN": ban, "AUS": np.zeros(2, dtype=np.int8)}
    _, rewards, _, _, infos = env.step(actions)
    session = env.session
    assert session.model.policies.get("chn_agent_magnet_ban") is not None
    assert not [d for d in session.decisions[-1] if d.nation == "CHN"]
    assert set(rewards) == {"USA", "CHN", "AUS"}
    assert infos["CHN"]["action_mask"][cards.index("magnet_ban_on_us")] == 0
    _, _, _, truncated, infos = env.step(actions)
    assert infos["CHN"]["refused"] == {
        "CHN:magnet_ban_on_us": "already made this game (the card is not repeatable)"
    }
    assert all(truncated.values())
    assert env.agents == []


def test_a_scenario_with_no_playable_nation_is_an_error_naming_the_key() -> None:
    with pytest.raises(EnvSetupError, match=r"marks no playable nation.*\[\[playable\]\]"):
        WorldEnv(str(TINY))
