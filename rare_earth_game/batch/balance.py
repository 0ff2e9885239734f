"""The balance tool: what each card does alone, and how each built-in strategy scores.

For N seeds it plays, as one batch (common random numbers: seed r is the same world for
every run), the no-new-policy game, every card alone (`fund:CARD`: funded at turn 1,
its prerequisites first) and every built-in strategy. Then:

- cards: each card's named metric at the game's last turn, minus the game it is measured
  against (mean and range over seeds), the first turn the difference shows, in how many
  seeds it moves the metric the better way from when it can act (on average, or in the
  worst year for a metric the scenario's objectives read by its worst year; its
  prerequisites paid for first; for a card that builds or restarts a plant, only where
  that plant ran), its cost, when it acts, and its score against the
  no-new-policy game. A card is measured against the no-new-policy game, or, if it needs
  another card first, against that card played alone: what it adds, not what the card it
  waits for does (a mine that waits for a separator is not credited with the separator's
  pull on the mines already open). A card that pays off only through another
  (`pays_off_with`: a permit reform, through the project it speeds) is played with that
  one funded the turn after it is in force, against that one alone funded then;
- strategies: score and each sub-score (0-100, mean and range over seeds) under a lens,
  and how many of its games were lost before their last turn;
- lenses: every strategy's mean score under every lens of the scenario.

Deterministic: the seeds come from a fixed entropy, so the same scenario, preset,
difficulty and seed count give the same tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from rare_earth_game.batch.progress import Reporter
from rare_earth_game.batch.runner import run_sweep
from rare_earth_game.errors import RareEarthGameError
from rare_earth_game.game import GameSession
from rare_earth_game.game.budget_rule import budget_problems
from rare_earth_game.game.cards import built_facilities, funding_turns
from rare_earth_game.game.lenses import lenses
from rare_earth_game.game.scoring import CONSEQUENCES, Judge
from rare_earth_game.game.strategies import FUND_PREFIX, built_in_strategies, fund_name
from rare_earth_game.game.subscores import is_price
from rare_earth_game.scenario import Scenario, load_scenario, resolve_scenario
from rare_earth_game.scenario.game import SUB_SCORES, Investment

NO_NEW_POLICY = "do_nothing"
ENTROPY = 20_260_101
"""The root of the balance tool's seeds: fixed, so its tables are reproducible."""
EFFECT_TOLERANCE = 1e-3
"""A card has an effect on a turn when its metric differs from the no-new-policy game's by
more than this share of the latter (or of 0.001, whichever is larger)."""


MOVE_SHARE = 0.01
"""A card moves its metric when, from the turn it can act to the end, the metric is better
on average than in the no-new-policy game by this share of the latter (or by
`MOVE_FLOOR`, if that is more): a change a player could see in the tables."""
MOVE_FLOOR = 0.005


class BalanceError(RareEarthGameError, RuntimeError):
    """A run of the balance batch failed: a fault in the game, not the user's input."""


@dataclass(frozen=True)
class Balance:
    """The tables, the scenario's budget-rule problems, and the runs behind them."""

    cards: pd.DataFrame
    strategies: pd.DataFrame
    budget_problems: list[str]
    runs: pd.DataFrame
    turns: pd.DataFrame
    lenses: pd.DataFrame
    lens: str


def run_balance(
    scenario: str,
    *,
    preset: str = "sprint",
    seeds: int = 3,
    difficulty: str = "normal",
    workers: int | None = None,
    out: Path | None = None,
    progress: Reporter | None = None,
    lens: str | None = None,
    cards: bool = True,
    strategies: bool = True,
) -> Balance:
    """Play the balance batch and measure it under `lens` (the scenario's by default);
    `out` keeps the batch's own results there. Without `cards` (or `strategies`) those
    runs are left out and their table is empty."""
    loaded = load_scenario(scenario)
    lens = lens or loaded.game.lens
    session = GameSession(loaded, preset=preset, difficulty=difficulty, scoring=False)
    references = [
        reference_strategy(loaded, card.id, session)
        for card in loaded.investments
        if cards and card.pays_off_with is not None
    ]
    names = [
        NO_NEW_POLICY,
        *(fund_name(card.id) for card in loaded.investments if cards),
        *references,
        *(name for name in built_in_strategies() if name != NO_NEW_POLICY and strategies),
    ]
    spec = {
        "experiment": {
            "name": f"Balance of {loaded.meta.name}",
            "scenario": str(resolve_scenario(scenario).resolve()),
            "strategies": names,
            "replications": seeds,
            "preset": preset,
            "difficulty": difficulty,
            "entropy": ENTROPY,
        }
    }
    result = run_sweep(spec, out=out, workers=workers, progress=progress)
    failed = result.runs[result.runs["status"] != "ok"]
    if len(failed):
        first = failed.iloc[0]
        raise BalanceError(
            f"{len(failed)} balance run(s) failed, e.g. {first['strategy']}: {first['error']}"
        )
    games = _Games(loaded, preset, result.runs, result.turns, lens, difficulty)
    played = [s for s in names if not s.startswith(FUND_PREFIX)]
    return Balance(
        card_table(games, session) if cards else pd.DataFrame(),
        strategy_table(games, played),
        budget_problems(loaded),
        result.runs,
        result.turns,
        lens_table(games, played),
        lens,
    )


class _Games:
    """Each run's history by (strategy, replication), and scores against no new policy."""

    def __init__(
        self,
        scenario: Scenario,
        preset: str,
        runs: pd.DataFrame,
        turns: pd.DataFrame,
        lens: str,
        difficulty: str = "normal",
    ) -> None:
        self.scenario = scenario
        self.preset = preset
        self.lens = lens
        by_run = dict(list(turns.groupby("run_id")))
        self.histories: dict[tuple[str, int], pd.DataFrame] = {
            (row.strategy, row.replication): by_run[row.run_id].reset_index(drop=True)
            for row in runs.itertuples()
        }
        self.replications = sorted(runs["replication"].unique())
        self.judges = {
            name: Judge(scenario, preset, name, difficulty=difficulty) for name in lenses(scenario)
        }

    def history(self, strategy: str, replication: int) -> pd.DataFrame:
        return self.histories[(strategy, replication)]

    def baseline(self, replication: int) -> pd.DataFrame:
        return self.history(NO_NEW_POLICY, replication)

    def scores(self, strategy: str, replication: int, lens: str | None = None) -> dict[str, float]:
        """The score, each sub-score and each objective's credit (0-100) at the last turn
        played, under `lens` (the balance's by default), and whether the game was lost."""
        played = self.history(strategy, replication)
        card = self.judges[lens or self.lens].scorecard(played, self.baseline(replication))
        return {
            "score": card.score,
            "lost": float(card.ending is not None),
            **{part.id: part.score for part in card.subscores},
            **{f"goal.{o.objective.id}": 100 * o.score for o in card.objectives},
        }


def card_table(games: _Games, session: GameSession) -> pd.DataFrame:
    """One row per card: its metric, its effect alone, when it shows, cost, score change."""
    options = {o.key.removeprefix("card:"): o for o in session.available_actions()}
    rows = []
    for card in games.scenario.investments:
        strategy = fund_name(card.id)
        effects, firsts, score_changes = [], [], []
        moved = 0
        better = metric_direction(games.scenario, card.metric)
        reading = metric_reading(games.scenario, card.metric)
        option = options[card.id]
        acts_after = prerequisite_wait(games.scenario, card.id, session) + option.lead_turns
        if card.pays_off_with is not None:  # it acts once the card it speeds does
            partner = options[card.pays_off_with]
            acts_after = _partner_turn(games.scenario, card, session) + partner.lead_turns
        against = reference_strategy(games.scenario, card.id, session)
        builds = bool(built_facilities(card))
        ran = 0
        for replication in games.replications:
            played = games.history(strategy, replication)
            baseline = games.history(against, replication)
            effects.append(_last_difference(played, baseline, card.metric))
            firsts.append(_first_effect(played, baseline, card.metric))
            its_plant_ran = _plant_ran(played, baseline)
            ran += its_plant_ran
            moved += _moved(played, baseline, card.metric, better, acts_after, reading) and (
                its_plant_ran or not builds
            )
            score_changes.append(
                games.scores(strategy, replication)["score"]
                - games.scores(NO_NEW_POLICY, replication)["score"]
            )
        seen = [t for t in firsts if t is not None]
        first = min(seen) if seen else None
        rows.append(
            {
                "card": card.id,
                "pillar": card.pillar,
                "metric": card.metric,
                "against": against,
                "effect_mean": _mean(effects),
                "effect_min": _low(effects),
                "effect_max": _high(effects),
                "first_turn": first,
                "first_date": session.clock.label(first - 1) if first else "",
                "better": better,
                "seeds_moved": moved,
                "seeds_plant_ran": ran if builds else math.nan,
                "seeds": len(games.replications),
                "cost_musd": card.cost,
                "running_musd_per_year": card.running_cost,
                "acts_after_turns": acts_after,
                "acts_in_game": acts_after <= session.clock.last,
                "score_change_mean": _mean(score_changes),
            }
        )
    return pd.DataFrame(rows).astype({"first_turn": "Int64"})


def strategy_table(games: _Games, strategies: list[str]) -> pd.DataFrame:
    """One row per strategy: score, sub-scores and objectives' credit (mean, min, max over
    seeds), spending and games lost."""
    rows: list[dict[str, Any]] = []
    objectives = [
        "score",
        *SUB_SCORES,
        *(f"goal.{o.id}" for o in games.scenario.objectives),
    ]
    for strategy in strategies:
        per_seed = [games.scores(strategy, r) for r in games.replications]
        spent = [
            float(games.history(strategy, r)["game.spending_musd"].iloc[-1])
            for r in games.replications
        ]
        row: dict[str, Any] = {"strategy": strategy}
        for name in objectives:
            values = [scores[name] for scores in per_seed]
            row |= {f"{name}_mean": _mean(values), f"{name}_min": _low(values)}
            row[f"{name}_max"] = _high(values)
        row["spent_musd_mean"] = _mean(spent)
        row["lost_games"] = int(sum(scores["lost"] for scores in per_seed))
        rows.append(row)
    return pd.DataFrame(rows)


def lens_table(games: _Games, strategies: list[str]) -> pd.DataFrame:
    """One row per lens and strategy: its score's mean, min and max over seeds, and its
    rank under that lens (1: first)."""
    rows: list[dict[str, Any]] = []
    for lens in games.judges:
        scores = {
            s: [games.scores(s, r, lens)["score"] for r in games.replications] for s in strategies
        }
        means = {s: _mean(v) for s, v in scores.items()}
        ranked = sorted(strategies, key=lambda s: -means[s])
        for strategy in strategies:
            rows.append(
                {
                    "lens": lens,
                    "strategy": strategy,
                    "score_mean": means[strategy],
                    "score_min": _low(scores[strategy]),
                    "score_max": _high(scores[strategy]),
                    "rank": ranked.index(strategy) + 1,
                }
            )
    return pd.DataFrame(rows)


def reference_strategy(scenario: Scenario, card_id: str, session: GameSession) -> str:
    """The game a card alone is measured against: the no-new-policy game, or, for a card
    that needs one other card first, that card alone (`fund:` funds the prerequisite the
    same way and at the same turn, so the two games differ only by this card). A card
    needing several is measured against no new policy: no game funds just those. A card
    that pays off with another is measured against that other alone, funded at the turn
    `fund:` funds it after this card (the turn after this one is in force)."""
    cards = {card.id: card for card in scenario.investments}
    card = cards[card_id]
    if card.pays_off_with is not None:
        return fund_name(card.pays_off_with, _partner_turn(scenario, card, session))
    needed = [p for p in card.prerequisites if p in cards]
    return fund_name(needed[0]) if len(needed) == 1 else NO_NEW_POLICY


def prerequisite_wait(scenario: Scenario, card_id: str, session: GameSession) -> int:
    """Game turns before a card alone can be funded: each prerequisite (funded at its first
    chance) must be in force, at once for one whose effects act from the start, else once
    paid in full, and a card is offered only on the turn after that; so a card that waits
    for a one-year deal acts that much later than its own lead time says, and its effect is
    measured from then."""
    cards = {card.id: card for card in scenario.investments}
    return max(
        (
            prerequisite_wait(scenario, needed, session) + _in_force_after(cards[needed], session)
            for needed in cards[card_id].prerequisites
            if needed in cards
        ),
        default=0,
    )


def _partner_turn(scenario: Scenario, card: Investment, session: GameSession) -> int:
    """The game turn `fund:` funds the card this one pays off with: the turn after this
    one (funded at its first chance) is in force."""
    return prerequisite_wait(scenario, card.id, session) + _in_force_after(card, session)


def _in_force_after(card: Investment, session: GameSession) -> int:
    """Turns from a card's funding to the turn a card waiting for it can be funded: the
    next turn for one whose effects act from the start, else once paid in full."""
    if card.effects_at == "start":
        return 1
    return max(1, funding_turns(card, session.clock))


def metric_direction(scenario: Scenario, metric: str) -> str:
    """ "higher" or "lower": which way is better for a metric, as the objectives that name it
    say, else as the game's consequences say, else lower for a price (what buyers pay) and
    for an adversary's share or exports of a stage, else higher."""
    for objective in scenario.objectives:
        if objective.metric == metric:
            return "higher" if objective.direction == "at_least" else "lower"
    for consequence in CONSEQUENCES:
        if consequence.key == metric:
            return consequence.better
    if is_price(metric):
        return "lower"
    rivals = [n.id for n in scenario.nations if n.role == "adversary"]
    if metric.endswith(tuple(f".{figure}.{n}" for figure in ("share", "exports") for n in rivals)):
        return "lower"
    return "higher"


def metric_reading(scenario: Scenario, metric: str) -> str:
    """How the game reads a metric, as the first objective naming it is judged:
    "worst_year" (kept every year: the worst one counts), else on average. A card is
    measured the same way: a stockpile for the crisis pays off in the crisis year."""
    for objective in scenario.objectives:
        if objective.metric == metric:
            return objective.reading
    return "average"


def _column(table: pd.DataFrame, metric: str) -> pd.Series | None:
    return table[metric].astype(float) if metric in table else None


def _last_difference(played: pd.DataFrame, baseline: pd.DataFrame, metric: str) -> float:
    mine, base = _column(played, metric), _column(baseline, metric)
    if mine is None or base is None:
        return math.nan
    last = min(len(mine), len(base)) - 1  # a game lost early ends sooner
    return float(mine.iloc[last] - base.iloc[last])


def _moved(
    played: pd.DataFrame,
    baseline: pd.DataFrame,
    metric: str,
    better: str,
    start: int,
    reading: str = "average",
) -> bool:
    """Whether the metric from game turn `start` (0-based: when the card can first act) to
    the end is better than in the no-new-policy game by more than `MOVE_SHARE` of it (or
    `MOVE_FLOOR`): on average (a lasting change, not a passing wobble of a different
    path), or, for a metric the game reads by its worst year, in the worst year."""
    mine, base = _column(played, metric), _column(baseline, metric)
    if mine is None or base is None:
        return False
    turns = min(len(mine), len(base))
    pairs = [
        (mine.iloc[t], base.iloc[t])
        for t in range(min(start, turns - 1), turns)
        if not (math.isnan(mine.iloc[t]) or math.isnan(base.iloc[t]))
    ]
    if not pairs:
        return False
    sign = 1.0 if better == "higher" else -1.0
    if reading == "worst_year":
        worst = min if better == "higher" else max
        value, reference = worst(v for v, _ in pairs), worst(r for _, r in pairs)
    else:
        value = sum(v for v, _ in pairs) / len(pairs)
        reference = sum(r for _, r in pairs) / len(pairs)
    return bool(sign * (value - reference) > max(MOVE_SHARE * abs(reference), MOVE_FLOOR))


def _plant_ran(played: pd.DataFrame, reference: pd.DataFrame) -> bool:
    """Whether the plant a card builds or restarts ran in its game: more of the player's
    project plants ran at some turn than ever did in the game it is measured against. A
    card that builds a plant pays off through that plant, not through the plans others
    change while it is being built."""
    running = _column(played, "game.plants_running")
    before = _column(reference, "game.plants_running")
    if running is None or before is None:
        return False
    return bool(running.max() > before.max())


def _first_effect(played: pd.DataFrame, baseline: pd.DataFrame, metric: str) -> int | None:
    """The first game turn (from 1) on which the metric differs from no new policy."""
    mine, base = _column(played, metric), _column(baseline, metric)
    if mine is None or base is None:
        return None
    for turn, (value, reference) in enumerate(zip(mine, base, strict=False), start=1):
        if math.isnan(value) or math.isnan(reference):
            continue
        if abs(value - reference) > EFFECT_TOLERANCE * max(abs(reference), 1e-3):
            return turn
    return None


def _numbers(values: list[float]) -> list[float]:
    return [v for v in values if not math.isnan(v)]


def _mean(values: list[float]) -> float:
    numbers = _numbers(values)
    return sum(numbers) / len(numbers) if numbers else math.nan


def _low(values: list[float]) -> float:
    return min(_numbers(values), default=math.nan)


def _high(values: list[float]) -> float:
    return max(_numbers(values), default=math.nan)
