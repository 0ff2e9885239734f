"""Sanity of outcomes: building at home or with allies buys security, at a visible cost."""

from __future__ import annotations

import statistics

import pytest

from rare_earth_game.game import GameSession
from rare_earth_game.game.strategies import get_strategy, play
from rare_earth_game.scenario import load_scenario

SEEDS = (0, 1, 2)


def _security_in_2035_and_spending(name: str, seed: int) -> tuple[float, float]:
    scenario = load_scenario("baseline_2025")
    session = play(
        GameSession(scenario, seed=seed, preset="class_period", scoring=False),
        get_strategy(name, seed),
    )
    history = session.history().set_index("date")
    return float(history.loc["2035", "player.supply_security"]), session.treasury.spent_total


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list[tuple[float, float]]]:
    names = ("do_nothing", "onshore", "allies")
    return {name: [_security_in_2035_and_spending(name, seed) for seed in SEEDS] for name in names}


@pytest.mark.parametrize(
    "name",
    [
        "onshore",
        pytest.param(
            "allies",
            marks=pytest.mark.xfail(
                reason="the US gets 0.864 in 2035 against 0.857 with no new policy (seeds "
                "0-2; onshore 0.888). The gap is magnets, which weigh most: none come from "
                "China in any of these games, and US buyers use what they can afford, 92.9 % "
                "of what they want against 92.8 % (onshore: 94.9 %, its US plant cutting the "
                "US magnet price from 65.8 to 61.3 USD/kg; the allied ventures leave it at "
                "65.8). docs/model.md, Known limits",
                strict=True,
            ),
        ),
    ],
)
def test_building_raises_us_supply_security_by_2035_at_a_cost(
    outcomes: dict[str, list[tuple[float, float]]], name: str
) -> None:
    base = statistics.mean(security for security, _ in outcomes["do_nothing"])
    built = statistics.mean(security for security, _ in outcomes[name])
    assert built > base + 0.02, f"{name}: {built:.3f} vs no new policy {base:.3f}"
    assert all(spent > 1000 for _, spent in outcomes[name]), "the cost shows in public spending"
    assert all(spent == 0 for _, spent in outcomes["do_nothing"])
