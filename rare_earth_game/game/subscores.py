"""The scorecard's implications: each a figure the game records, read over the right
years, scored 0-100 between two anchors, with a formula the player can read.

Supply security, costs, jobs, the trade balance, taxpayers' money, alliances, conflict,
defence and the environment: what the article says a rare-earth policy changes. Each
sub-score is linear between the figure scored 0 and the figure scored 100 (so credit is
smooth: no threshold makes it jump), clipped to 0-100. Anchors are the scenario's (its
`[game.anchors]`) or the defaults below; some are set from the game's own first year
(jobs, trade, harm), so the same rule fits a world of 2010 and one of 2025, and some from
the game's budget (taxpayers' money).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Reading = Literal["late_mean", "mean", "worst", "late_worst", "last"]
Basis = Literal["absolute", "first_year", "budget"]
Unit = Literal["share", "index", "jobs", "musd", "number"]


@dataclass(frozen=True)
class Implication:
    """One sub-score's rule: which figure, read how, scored between which anchors."""

    id: str
    title: str
    figure: str
    reading: Reading
    basis: Basis
    zero: float  # the figure scored 0 (for "first_year", in multiples of |first year| off it;
    full: float  # for "budget", in multiples of the game's budget); the figure scored 100
    unit: Unit
    what: str  # the figure in words; {player} and {adversary} are filled in


IMPLICATIONS: tuple[Implication, ...] = (
    Implication(
        "supply_security",
        "Supply security",
        "player.supply_security",
        "late_mean",
        "absolute",
        0.5,
        1.0,
        "share",
        "the share of {player}'s demand (at normal prices, before the thrift high prices "
        "force) met from outside {adversary}, home output included",
    ),
    Implication(
        "prices",
        "Consumer and industry costs",
        "player.price_index",
        "mean",
        "absolute",
        2.0,
        1.0,
        "index",
        "what {player}'s buyers pay against normal prices (1.00x is normal)",
    ),
    Implication(
        "jobs",
        "Jobs",
        "player.jobs",
        "late_mean",
        "first_year",
        -1.0,
        1.5,
        "jobs",
        "direct jobs at {player}'s mines and plants",
    ),
    Implication(
        "trade_balance",
        "Trade balance",
        "player.trade_balance_musd_per_year",
        "late_mean",
        "first_year",
        -1.0,
        2.0,
        "musd",
        "{player}'s exports minus imports of these goods, USD M a year",
    ),
    Implication(
        "taxpayers",
        "Taxpayers' cost",
        "game.spending_musd",
        "last",
        "budget",
        3.0,
        0.0,
        "musd",
        "public money spent on your programmes in all",
    ),
    Implication(
        "alliances",
        "Alliance strength",
        "game.alliance_strength",
        "late_mean",
        "absolute",
        0.4,
        1.0,
        "share",
        "allies' trust in {player} on average (100 % is full trust)",
    ),
    Implication(
        "conflict",
        "Tension and risk of conflict",
        "player.tension_with_adversary",
        "worst",
        "absolute",
        1.0,
        0.0,
        "number",
        "tension with {adversary} (0 friendly, 1 open hostility)",
    ),
    Implication(
        "defence",
        "Defence needs",
        "player.defence_readiness",
        "late_worst",
        "absolute",
        0.8,
        1.0,
        "share",
        "the share of {player}'s defence demand supplied, plus 1 % for each month of "
        "national stockpile cover (up to 5)",
    ),
    Implication(
        "environment",
        "Environment",
        "player.environmental_impact",
        "late_mean",
        "first_year",
        2.5,
        -1.0,
        "number",
        "local harm from {player}'s mining and processing (an index of tonnes times harm)",
    ),
)
IMPLICATION_BY_ID = {i.id: i for i in IMPLICATIONS}
RELATED: tuple[tuple[str, str], ...] = (
    ("game.trust.", "alliances"),
    ("player.stockpile", "defence"),
    ("player.defence", "defence"),
    ("player.clean", "supply_security"),
    ("player.nonadversary_share.", "supply_security"),
    ("player.self_sufficiency.", "supply_security"),
    ("player.demand_met.", "supply_security"),
    ("player.production.", "supply_security"),
    ("player.recycled", "supply_security"),
    ("player.tension", "conflict"),
)
"""Figures that serve an implication without being its own figure, by their prefix."""


def implication_of(metric: str, player: str) -> str | None:
    """The sub-score a figure serves (a card's metric), if any: its own figure, a related
    one, the player's own output at some stage (`....production.USA`), or a good's price."""
    for rule in IMPLICATIONS:
        if rule.figure == metric:
            return rule.id
    for prefix, implication in RELATED:
        if metric.startswith(prefix):
            return implication
    if metric.endswith(f".production.{player}"):
        return "supply_security"
    if is_price(metric):
        return "prices"
    return None


def is_price(metric: str) -> bool:
    """Whether a figure is a good's price somewhere (`GOOD.price.NATION`,
    `GOOD.price_outside.NATION`, `GOOD.price_world`): what buyers pay, so better lower."""
    parts = metric.split(".")
    return len(parts) >= 2 and parts[1].startswith("price")


@dataclass(frozen=True)
class SubScore:
    """One part of the scorecard as it stands."""

    id: str
    title: str
    value: float  # the figure as read (NaN if the game has no such figure)
    score: float  # 0..100 (NaN if it cannot be measured: it then weighs nothing)
    weight: float
    formula: str  # how it is worked out, in words, with this game's numbers


@dataclass(frozen=True)
class Setting:
    """What a game's sub-scores need to know besides the history: names, labels, anchors."""

    player: str  # names, as the player reads them
    adversary: str
    labels: list[str]  # every game turn's label
    budget: float  # the game's whole budget at normal difficulty, USD M
    anchors: dict[str, tuple[float, float]]  # the scenario's, by sub-score


def window(reading: Reading, turn: int) -> range:
    """The game turns (0-based) a reading looks at when `turn` is the latest played:
    the second half of the game so far for `late_mean` and `late_worst`, the last turn for
    `last`."""
    if reading in ("late_mean", "late_worst"):
        return range((turn + 1) // 2, turn + 1)
    if reading == "last":
        return range(turn, turn + 1)
    return range(turn + 1)


def read(values: list[float], reading: Reading, higher_is_better: bool) -> float:
    """The statistic of a window's values (NaN ones left out)."""
    numbers = [v for v in values if not math.isnan(v)]
    if not numbers:
        return math.nan
    if reading in ("late_mean", "mean"):
        return sum(numbers) / len(numbers)
    if reading in ("worst", "late_worst"):
        return min(numbers) if higher_is_better else max(numbers)
    return numbers[-1]


def column(table: pd.DataFrame, name: str) -> list[float]:
    """A history column as floats (NaN where missing)."""
    if name not in table:
        return [math.nan] * len(table)
    return [float(v) if pd.notna(v) else math.nan for v in table[name]]


def sub_score(
    rule: Implication, history: pd.DataFrame, turn: int, weight: float, setting: Setting
) -> SubScore:
    """A sub-score at game turn `turn` (0-based) of a history with one row per game turn."""
    values = column(history, rule.figure)[: turn + 1]
    zero, full = _anchors(rule, values, setting)
    turns = window(rule.reading, turn)
    value = read([values[t] for t in turns if t < len(values)], rule.reading, full > zero)
    if math.isnan(value) or math.isnan(zero) or zero == full:
        score = math.nan
    else:
        score = max(0.0, min(100.0, 100 * (value - zero) / (full - zero)))
    return SubScore(
        rule.id, rule.title, value, score, weight, _formula(rule, value, zero, full, turns, setting)
    )


def _anchors(rule: Implication, values: list[float], setting: Setting) -> tuple[float, float]:
    """The figures scored 0 and 100 in this game."""
    zero, full = setting.anchors.get(rule.id, (rule.zero, rule.full))
    if rule.basis == "first_year":
        first = values[0] if values else math.nan
        if math.isnan(first) or abs(first) < 1e-9:
            return math.nan, math.nan
        return first + zero * abs(first), first + full * abs(first)
    if rule.basis == "budget":
        return zero * setting.budget, full * setting.budget
    return zero, full


READING_WORDS = {
    "late_mean": "the average of {span}",
    "mean": "the average of {span}",
    "worst": "the worst year of {span}",
    "late_worst": "the worst year of {span}",
    "last": "the total by {end}",
}


def _formula(
    rule: Implication, value: float, zero: float, full: float, turns: range, setting: Setting
) -> str:
    """The rule in words with this game's numbers, e.g. "Supply security: the share of
    ... ; the average of 2029-2032. 0 at 0 %, 100 at 100 %. Now 52 %."."""
    labels = setting.labels
    first, last = labels[turns.start], labels[turns.stop - 1]
    span = first if first == last else f"{first}-{last}"
    what = rule.what.format(player=setting.player, adversary=setting.adversary)
    reading = READING_WORDS[rule.reading].format(span=span, end=last)
    if math.isnan(zero):
        return f"{rule.title}: {what}. Not measured in this game."
    text = f"{rule.title}: {what}; {reading}. 0 at {_shown(zero, rule.unit)}, "
    text += f"100 at {_shown(full, rule.unit)}"
    if rule.basis == "first_year":
        text += f" (set from {labels[0]}'s figure)"
    elif rule.basis == "budget":
        text += f" (the game's budget is {_shown(setting.budget, 'musd')})"
    text += ", in a straight line between."
    if not math.isnan(value):
        text += f" Now {_shown(value, rule.unit)}."
    return text


def _shown(value: float, unit: Unit) -> str:
    if unit == "share":
        return f"{value:.0%}"
    if unit == "index":
        return f"{value:.2f}x"
    if unit == "jobs":
        return f"{value:,.0f} jobs"
    if unit == "musd":
        return f"USD {value:,.0f}M"
    return f"{value:,.2f}"
