"""The game is balanced (issue "Game v2", item 7), measured with the balance tool on the
2025 baseline: every card pays off somewhere, no plan wins everywhere, lenses change
who wins, difficulty matters and money binds.

Small on purpose (two seeds; sprints, but the whole horizon for the cards), as the suite
runs on two cores; `rare-earth-game balance baseline_2025 --seeds 8` gives the full tables.
"""

from __future__ import annotations

import pytest

from rare_earth_game.batch.balance import Balance, run_balance
from rare_earth_game.game.budget_rule import budget_checks
from rare_earth_game.scenario import load_scenario

SEEDS = 2
LEAD = 5.0
"""Under the standard lens the best strategy may lead the next best by at most this."""
APART = 15.0
"""Strategies differ clearly: some sub-score of one is this much above another's."""
DIFFICULTY = 5.0
"""Easy and hard move the strategies' mean score by at least this on average ..."""
DIFFICULTY_EACH = 4.0
"""... and each strategy's by at least this (a diplomatic strategy that talks China down
on hard is the least affected)."""


@pytest.fixture(scope="module")
def horizon() -> Balance:
    """Every card alone, over the scenario's whole horizon (twelve yearly turns)."""
    return run_balance("baseline_2025", preset="class_period", seeds=SEEDS, strategies=False)


@pytest.fixture(scope="module")
def sprint() -> Balance:
    return run_balance("baseline_2025", preset="sprint", seeds=SEEDS, cards=False)


@pytest.fixture(scope="module")
def by_difficulty() -> dict[str, Balance]:
    return {
        level: run_balance(
            "baseline_2025", preset="sprint", seeds=SEEDS, cards=False, difficulty=level
        )
        for level in ("easy", "hard")
    }


def test_every_card_moves_its_metric_the_better_way_in_half_the_seeds(horizon: Balance) -> None:
    """Each card is measured against the no-new-policy game, or against the card it needs
    first played alone: what it adds, not what its prerequisite does."""
    cards = horizon.cards
    dead = cards[cards["seeds_moved"] * 2 < cards["seeds"]]
    assert dead.empty, dead[["card", "metric", "effect_mean", "seeds_moved"]].to_string()


def test_no_strategy_runs_away_with_the_standard_lens(sprint: Balance) -> None:
    scores = sprint.strategies.set_index("strategy")["score_mean"].sort_values(ascending=False)
    assert scores.iloc[0] - scores.iloc[1] <= LEAD, scores.to_string()


def test_strategies_differ_clearly_on_sub_scores(sprint: Balance) -> None:
    table = sprint.strategies.set_index("strategy")
    parts = [
        c for c in table.columns if c.endswith("_mean") and not c.startswith(("score", "goal"))
    ]
    parts.remove("spent_musd_mean")
    spread = (table[parts].max() - table[parts].min()).sort_values(ascending=False)
    assert (spread >= APART).sum() >= 3, spread.to_string()


def test_at_least_three_strategies_lead_under_some_lens(sprint: Balance) -> None:
    leaders = sprint.lenses[sprint.lenses["rank"] == 1]
    assert leaders["strategy"].nunique() >= 3, leaders.to_string()


def test_doing_nothing_is_last_or_nearly_under_the_security_lens(sprint: Balance) -> None:
    security = sprint.lenses[sprint.lenses["lens"] == "security_first"].set_index("strategy")
    assert security.loc["do_nothing", "rank"] >= len(security) - 1, security.to_string()


def test_difficulty_moves_every_strategy(by_difficulty: dict[str, Balance]) -> None:
    easy = by_difficulty["easy"].strategies.set_index("strategy")["score_mean"]
    hard = by_difficulty["hard"].strategies.set_index("strategy")["score_mean"]
    gap = (easy - hard).sort_values()
    assert gap.mean() >= DIFFICULTY, gap.to_string()
    assert (gap >= DIFFICULTY_EACH).all(), gap.to_string()


def test_funding_every_card_is_beyond_any_budget() -> None:
    for check in budget_checks(load_scenario("baseline_2025")):
        assert check.sprint < check.cards, check
