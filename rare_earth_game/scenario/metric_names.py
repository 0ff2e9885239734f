"""The figures a scenario's objectives may name: the columns a game records each turn.

Objectives are data, so a misspelt metric would silently score nothing. The loader checks
each one against these patterns, and a test checks that every column a game records
matches one, so this list and the recorder cannot drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.scenario.errors import suggestion

if TYPE_CHECKING:
    from rare_earth_game.scenario.model import Scenario

PLAYER_FIGURES = (
    "supply_security",
    "clean_supply",
    "demand_met",
    "defence_security",
    "price_index",
    "tension_with_adversary",
    "public_spending_musd",
    "tariff_revenue_musd",
    "trade_balance_musd",
    "jobs",
    "environmental_impact",
)
PLAYER_PER_GOOD = ("security", "self_sufficiency", "stockpile")
PLAYER_PER_STAGE = ("nonadversary_share", "clean_share")
GOOD_FIGURES = (
    "consumption",
    "demand",
    "unmet",
    "production",
    "traded",
    "price_world",
    "price_adversary",
    "price_outside_adversary",
)
STAGE_FIGURES = ("adversary_share", "hhi")
GAME_FIGURES = ("spending_musd", "savings_musd", "locked_musd", "lapsed_musd", "alliance_strength")


def metric_names(scenario: Scenario) -> list[str]:
    """Every metric an objective of this scenario may name."""
    goods = [c.id for c in scenario.commodities]
    stages = sorted({f"{c.chain}.{c.stage}" for c in scenario.commodities})
    nations = [n.id for n in scenario.nations]
    names = [f"player.{f}" for f in PLAYER_FIGURES]
    names += [f"player.{f}.{g}" for f in PLAYER_PER_GOOD for g in goods]
    names += [f"player.{f}.{s}" for f in PLAYER_PER_STAGE for s in stages]
    names += [f"{g}.{f}" for g in goods for f in GOOD_FIGURES]
    names += [f"{g}.price.{n}" for g in goods for n in nations]
    names += [f"{s}.{f}" for s in stages for f in STAGE_FIGURES]
    names += [f"game.{f}" for f in GAME_FIGURES]
    return names


def metric_problem(metric: str, scenario: Scenario) -> str | None:
    """None for a metric the game records; otherwise a message with the likeliest fix."""
    known = metric_names(scenario)
    if metric in known:
        return None
    return f"unknown metric '{metric}'{suggestion(metric, known)}"
