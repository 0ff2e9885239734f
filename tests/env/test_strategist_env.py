"""StrategistEnv: a real game per episode, checked by Gymnasium's own checker; a random
agent plays a whole sprint; plans outside the mask are refused with the game's reason."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from rare_earth_game.env import EnvSetupError, InvalidActionError, StrategistEnv, masked_sample
from rare_earth_game.scenario.game import SUB_SCORES

SHUT_CARD = "price_floor_all"  # needs the US separation plant funded first


@pytest.fixture(scope="module")
def env() -> StrategistEnv:
    """A one-turn sprint, shared: every test resets it with its own seed."""
    return StrategistEnv("baseline_2025", preset="sprint", turns=1)


def test_gymnasium_s_checker_passes() -> None:
    made = gym.make("RareEarthGame/Strategist-v0", turns=2, render_mode="ansi")
    check_env(made.unwrapped)  # any warning it gives fails the test (pytest's settings)


def test_a_random_agent_plays_a_whole_sprint() -> None:
    env = StrategistEnv("baseline_2025", preset="sprint")
    observation, info = env.reset(seed=11)
    start = info["figure"]
    total, turns, done = 0.0, 0, False
    while not done:
        shut = set(info["why_not"])
        observation, reward, terminated, truncated, info = env.step(masked_sample(env, info))
        assert env.observation_space.contains(observation)
        assert not set(info["refused"]) & shut, "a masked sample chose a shut option"
        total += reward
        turns += 1
        done = terminated or truncated
    assert terminated
    assert not truncated
    assert turns == env.session.turns == 8 or env.session.ending is not None
    assert total == pytest.approx(env.session.scorecard().score - start)


def test_reset_with_a_seed_replays_the_same_game(env: StrategistEnv) -> None:
    plan = env.nothing()
    plan["cards"][env.seat.layout.cards.index("permitting_reform")] = 1
    runs = []
    for _ in range(2):
        env.reset(seed=5)
        observation, reward, *_ = env.step(plan)
        runs.append((observation, reward))
    (first, reward_a), (second, reward_b) = runs
    assert reward_a == reward_b
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])
    assert first["projects"][env.seat.layout.cards.index("permitting_reform")] > 0


def test_the_mask_says_why_a_card_is_shut_and_a_plan_choosing_it_is_refused(
    env: StrategistEnv,
) -> None:
    _, info = env.reset(seed=5)
    index = env.seat.layout.cards.index(SHUT_CARD)
    assert not info["action_mask"]["cards"][index]
    assert info["why_not"][f"card:{SHUT_CARD}"].startswith("needs first")
    plan = env.nothing()
    plan["cards"][index] = 1
    _, _, _, truncated, info = env.step(plan)
    assert truncated
    assert info["refused"][f"card:{SHUT_CARD}"].startswith("needs first")
    assert SHUT_CARD not in env.session.projects


def test_with_invalid_raise_a_shut_card_raises_and_plays_nothing() -> None:
    strict = StrategistEnv("baseline_2025", preset="sprint", turns=1, invalid="raise")
    strict.reset(seed=5)
    plan = strict.nothing()
    plan["cards"][strict.seat.layout.cards.index(SHUT_CARD)] = 1
    with pytest.raises(InvalidActionError, match="needs first"):
        strict.step(plan)
    assert strict.session.turn == 0


@pytest.mark.parametrize("reward", ["scor", "supply"])
def test_an_unknown_reward_is_a_setup_error_listing_the_choices(reward: str) -> None:
    with pytest.raises(EnvSetupError, match="unknown reward") as raised:
        StrategistEnv("baseline_2025", reward=reward)
    assert all(name in str(raised.value) for name in ("score", *SUB_SCORES))
