"""The 2010 history's cards pay off too (issue "Game v2", item 7), each played alone over
the scenario's whole horizon against the no-new-policy game (or the card it needs or pays
off with), as in `test_game_balance.py`.

Cheap: the history is seven yearly turns, so eight seeds of every card take seconds.
"""

from __future__ import annotations

import pytest

from rare_earth_game.batch.balance import Balance, run_balance

SEEDS = 8


@pytest.fixture(scope="module")
def horizon() -> Balance:
    return run_balance("history_2010", preset="class_period", seeds=SEEDS, strategies=False)


def test_every_history_card_moves_its_metric_the_better_way_in_half_the_seeds(
    horizon: Balance,
) -> None:
    cards = horizon.cards
    dead = cards[cards["seeds_moved"] * 2 < cards["seeds"]]
    assert dead.empty, dead[["card", "metric", "effect_mean", "seeds_moved"]].to_string()
