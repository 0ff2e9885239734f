"""The balance tool: what each card does alone, and how each built-in strategy scores.

For N seeds it plays, as one batch (common random numbers: seed r is the same world for
every run), the no-new-policy game, every card alone (`fund:CARD`: funded at turn 1,
its prerequisites first) and every built-in strategy. Then:

- cards: each card's named metric at the game's last turn, minus the no-new-policy game's
  (mean and range over seeds), the first turn the difference shows, its cost, when it
  acts, and its score against the no-new-policy game;
- strategies: score and each objective's sub-score (0-100, mean and range over seeds).

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
from rare_earth_game.game.scoring import objective_deadlines, scorecard
from rare_earth_game.game.strategies import FUND_PREFIX, built_in_strategies
from rare_earth_game.scenario import Scenario, load_scenario, resolve_scenario

NO_NEW_POLICY = "do_nothing"
ENTROPY = 20_260_101
"""The root of the balance tool's seeds: fixed, so its tables are reproducible."""
EFFECT_TOLERANCE = 1e-3
"""A card has an effect on a turn when its metric differs from the no-new-policy game's by
more than this share of the latter (or of 0.001, whichever is larger)."""


class BalanceError(RareEarthGameError, RuntimeError):
    """A run of the balance batch failed: a fault in the game, not the user's input."""


@dataclass(frozen=True)
class Balance:
    """The two tables, the scenario's budget-rule problems, and the runs behind them."""

    cards: pd.DataFrame
    strategies: pd.DataFrame
    budget_problems: list[str]
    runs: pd.DataFrame
    turns: pd.DataFrame


def run_balance(
    scenario: str,
    *,
    preset: str = "sprint",
    seeds: int = 3,
    difficulty: str = "normal",
    workers: int | None = None,
    out: Path | None = None,
    progress: Reporter | None = None,
) -> Balance:
    """Play the balance batch and measure it; `out` keeps the batch's own results there."""
    loaded = load_scenario(scenario)
    strategies = [
        NO_NEW_POLICY,
        *(f"{FUND_PREFIX}{card.id}" for card in loaded.investments),
        *(name for name in built_in_strategies() if name != NO_NEW_POLICY),
    ]
    spec = {
        "experiment": {
            "name": f"Balance of {loaded.meta.name}",
            "scenario": str(resolve_scenario(scenario).resolve()),
            "strategies": strategies,
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
    games = _Games(loaded, preset, result.runs, result.turns)
    session = GameSession(loaded, preset=preset, difficulty=difficulty, scoring=False)
    return Balance(
        card_table(games, session),
        strategy_table(games, [s for s in strategies if not s.startswith(FUND_PREFIX)]),
        budget_problems(loaded),
        result.runs,
        result.turns,
    )


class _Games:
    """Each run's history by (strategy, replication), and scores against no new policy."""

    def __init__(
        self, scenario: Scenario, preset: str, runs: pd.DataFrame, turns: pd.DataFrame
    ) -> None:
        self.scenario = scenario
        self.preset = preset
        by_run = dict(list(turns.groupby("run_id")))
        self.histories: dict[tuple[str, int], pd.DataFrame] = {
            (row.strategy, row.replication): by_run[row.run_id].reset_index(drop=True)
            for row in runs.itertuples()
        }
        self.replications = sorted(runs["replication"].unique())
        self.deadlines = objective_deadlines(scenario, preset)

    def history(self, strategy: str, replication: int) -> pd.DataFrame:
        return self.histories[(strategy, replication)]

    def baseline(self, replication: int) -> pd.DataFrame:
        return self.history(NO_NEW_POLICY, replication)

    def scores(self, strategy: str, replication: int) -> dict[str, float]:
        """The score and each objective's sub-score (0-100) at the last turn played."""
        played = self.history(strategy, replication)
        labels = [str(d) for d in played["date"]]
        card = scorecard(
            self.scenario.objectives,
            played,
            self.baseline(replication),
            len(played) - 1,
            self.deadlines,
            labels,
        )
        return {
            "score": card.score,
            **{o.objective.id: 100 * o.score for o in card.objectives},
        }


def card_table(games: _Games, session: GameSession) -> pd.DataFrame:
    """One row per card: its metric, its effect alone, when it shows, cost, score change."""
    options = {o.key.removeprefix("card:"): o for o in session.available_actions()}
    rows = []
    for card in games.scenario.investments:
        strategy = f"{FUND_PREFIX}{card.id}"
        effects, firsts, score_changes = [], [], []
        for replication in games.replications:
            played = games.history(strategy, replication)
            baseline = games.baseline(replication)
            effects.append(_last_difference(played, baseline, card.metric))
            firsts.append(_first_effect(played, baseline, card.metric))
            score_changes.append(
                games.scores(strategy, replication)["score"]
                - games.scores(NO_NEW_POLICY, replication)["score"]
            )
        seen = [t for t in firsts if t is not None]
        first = min(seen) if seen else None
        option = options[card.id]
        rows.append(
            {
                "card": card.id,
                "pillar": card.pillar,
                "metric": card.metric,
                "effect_mean": _mean(effects),
                "effect_min": _low(effects),
                "effect_max": _high(effects),
                "first_turn": first,
                "first_date": session.clock.label(first - 1) if first else "",
                "cost_musd": card.cost,
                "running_musd_per_year": card.running_cost,
                "acts_after_turns": option.lead_turns,
                "acts_in_game": option.warning is None,
                "score_change_mean": _mean(score_changes),
            }
        )
    return pd.DataFrame(rows).astype({"first_turn": "Int64"})


def strategy_table(games: _Games, strategies: list[str]) -> pd.DataFrame:
    """One row per strategy: score and sub-scores (mean, min, max over seeds), spending."""
    rows: list[dict[str, Any]] = []
    objectives = ["score", *(o.id for o in games.scenario.objectives)]
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
        rows.append(row)
    return pd.DataFrame(rows)


def _column(table: pd.DataFrame, metric: str) -> pd.Series | None:
    return table[metric].astype(float) if metric in table else None


def _last_difference(played: pd.DataFrame, baseline: pd.DataFrame, metric: str) -> float:
    mine, base = _column(played, metric), _column(baseline, metric)
    if mine is None or base is None:
        return math.nan
    return float(mine.iloc[-1] - base.iloc[-1])


def _first_effect(played: pd.DataFrame, baseline: pd.DataFrame, metric: str) -> int | None:
    """The first game turn (from 1) on which the metric differs from no new policy."""
    mine, base = _column(played, metric), _column(baseline, metric)
    if mine is None or base is None:
        return None
    for turn, (value, reference) in enumerate(zip(mine, base, strict=True), start=1):
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
