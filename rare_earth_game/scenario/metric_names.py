"""The figures a scenario's objectives, cards and calibration entries may name: the
columns the engine records each turn (calibration), and those a game adds (objectives and
cards): its player's figures (`player.*`, measured by the game's `PlayerMeasures`) and its
own accounts (`game.*`).

Objectives, cards and calibration entries are data, so a misspelt metric would silently
score or check nothing. The loader checks each one against these names, and tests check
that every column the engine and a game record is one and that they record every name
that does not depend on the player's purchases, so these lists and the recorders cannot
drift apart.
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
    "trade_balance_musd_per_year",
    "jobs",
    "environmental_impact",
    "stockpile_cover_months",
    "defence_readiness",
    "recycled_production",
)
PLAYER_PER_GOOD = ("demand_met", "self_sufficiency", "stockpile", "production")
PLAYER_PER_STAGE = ("nonadversary_share", "clean_share")
RENAMED = {"player.security.": "player.demand_met."}
"""Figures renamed, old prefix to new: the per-good share of wanted use that buyers got
counts every source, so it was never a good's supply security."""
GOOD_FIGURES = ("consumption", "demand", "unmet", "production", "traded", "price_world")
STAGE_FIGURES = ("production", "hhi")
STAGE_FIGURES_BY_NATION = ("production", "share", "exports", "unit_value")
GAME_FIGURES = (
    "spending_musd",
    "savings_musd",
    "locked_musd",
    "lapsed_musd",
    "alliance_strength",
    "public_support",
    "budget_factor",
    "crisis",
    "lost",
    "plants_running",
)
GAME_PER_ALLY = ("trust",)


def _stages(scenario: Scenario) -> list[str]:
    return sorted({f"{c.chain}.{c.stage}" for c in scenario.commodities})


def model_metric_names(scenario: Scenario) -> list[str]:
    """Every column the engine's model table has for this scenario, with no game."""
    goods = [c.id for c in scenario.commodities]
    stages = _stages(scenario)
    nations = [n.id for n in scenario.nations]
    adversaries = [n.id for n in scenario.nations if n.role == "adversary"]
    blocs = [b.key for b in scenario.blocs]
    names = [f"{g}.{f}" for g in goods for f in GOOD_FIGURES]
    names += [f"{g}.price.{n}" for g in goods for n in [*nations, *blocs]]
    names += [f"{g}.price_outside.{x}" for g in goods for x in [*adversaries, *blocs]]
    names += [f"{s}.{f}" for s in stages for f in STAGE_FIGURES]
    names += [f"{s}.{f}.{n}" for s in stages for f in STAGE_FIGURES_BY_NATION for n in nations]
    names += [f"{s}.share.{b}" for s in stages for b in blocs]
    return names


def player_metric_names(scenario: Scenario) -> list[str]:
    """The player's figures a game adds to the model table (a few appear only once the
    player buys or stocks the good)."""
    goods = [c.id for c in scenario.commodities]
    names = [f"player.{f}" for f in PLAYER_FIGURES]
    names += [f"player.{f}.{g}" for f in PLAYER_PER_GOOD for g in goods]
    names += [f"player.{f}.{s}" for f in PLAYER_PER_STAGE for s in _stages(scenario)]
    return names


def game_metric_names(scenario: Scenario) -> list[str]:
    """The game's own accounts, one row per game turn (trust per ally of the player and
    per partner of its cards)."""
    partners = {c.partner for c in scenario.investments if c.partner is not None}
    allies = [
        n.id
        for n in scenario.nations
        if (n.role == "ally" or n.id in partners) and n.id != scenario.game.player
    ]
    names = [f"game.{f}" for f in GAME_FIGURES]
    names += [f"game.{f}.{a}" for f in GAME_PER_ALLY for a in allies]
    return names


def metric_names(scenario: Scenario) -> list[str]:
    """Every metric an objective or card of this scenario may name: the model table's
    columns, the player's figures and the game's own."""
    return (
        model_metric_names(scenario) + player_metric_names(scenario) + game_metric_names(scenario)
    )


def metric_problem(metric: str, scenario: Scenario, *, game: bool = True) -> str | None:
    """None for a metric the game records (the engine alone, with `game=False`); otherwise
    a message with the likeliest fix."""
    known = metric_names(scenario) if game else model_metric_names(scenario)
    if metric in known:
        return None
    if not game and metric in metric_names(scenario):
        return (
            f"'{metric}' is a game figure, but calibration runs the engine without a game; "
            "name a column of the model table"
        )
    prefix, _, good = metric.rpartition(".")
    now = RENAMED.get(f"{prefix}.", "") + good
    if now in known:
        return f"unknown metric '{metric}': it is called '{now}' since December 2026"
    return f"unknown metric '{metric}'{suggestion(metric, known)}"
