"""The 2010 history's cards pay off too (issue "Game v2", item 7), each played alone over
the scenario's whole horizon against the no-new-policy game, as in `test_game_balance.py`.

Cheap: the history is seven yearly turns, so eight seeds of every card take seconds.
"""

from __future__ import annotations

import pytest

from rare_earth_game.batch.balance import Balance, run_balance

SEEDS = 8

NOT_YET_PAYING = {
    "permitting_2010": "no US project starts in 2009-2015 unless another card starts it, so "
    "a reform of permits alone has nothing to speed up; with the Phoenix loan funded the "
    "year after it, Mountain Pass restarts in 2011-Q1 instead of 2012-Q3",
}
"""Cards known not to move their metric yet (docs/model.md, Known limits), each with its
own failing test below, so that any other card that stops working fails the test for all."""


@pytest.fixture(scope="module")
def horizon() -> Balance:
    return run_balance("history_2010", preset="class_period", seeds=SEEDS, strategies=False)


def test_every_history_card_moves_its_metric_the_better_way_in_half_the_seeds(
    horizon: Balance,
) -> None:
    cards = horizon.cards[~horizon.cards["card"].isin(NOT_YET_PAYING)]
    dead = cards[cards["seeds_moved"] * 2 < cards["seeds"]]
    assert dead.empty, dead[["card", "metric", "effect_mean", "seeds_moved"]].to_string()


@pytest.mark.parametrize(
    "card",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=why, strict=True))
        for c, why in NOT_YET_PAYING.items()
    ],
)
def test_history_cards_not_yet_paying_off_move_their_metric(horizon: Balance, card: str) -> None:
    row = horizon.cards.set_index("card").loc[card]
    assert row["seeds_moved"] * 2 >= row["seeds"], row.to_string()
