"""One run, in a worker process: build the variant, play it, measure it, free it.

`run_task` never raises for a problem of the run itself: a failure comes back as a result
with its error, so one bad run cannot stop a batch. Each process keeps the base scenario
and a few recent variants, since consecutive runs often share them.
"""

from __future__ import annotations

import math
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rare_earth_game.batch.outcomes import empty_outcomes, outcomes
from rare_earth_game.batch.plan import RunTask
from rare_earth_game.batch.plugins import NO_GAME, load_strategy_modules
from rare_earth_game.batch.variants import build_variant
from rare_earth_game.game import GameSession
from rare_earth_game.game.measures import PlayerMeasures
from rare_earth_game.game.strategies import get_strategy
from rare_earth_game.scenario import Calendar, Scenario, ScenarioError
from rare_earth_game.sim.model import RareEarthModel

_VARIANTS_KEPT = 8
_bases: dict[str, dict[str, Any]] = {}
_variants: OrderedDict[tuple[str, Any], Scenario] = OrderedDict()


@dataclass(frozen=True)
class RunOutput:
    """What a run sends back: its runs-table row, its tables, how long it took."""

    run_id: int
    row: dict[str, Any]
    turns: pd.DataFrame | None
    flows: pd.DataFrame | None
    trace: str
    """The traceback of a failed run, for the manifest."""
    seconds: float
    """Time in the worker, variant building and simulation included."""
    simulation: float = 0.0
    """Time playing the game (or running the engine), the rest of `seconds` excluded."""

    @property
    def ok(self) -> bool:
        return bool(self.row["status"] == "ok")


def ready() -> bool:
    """Nothing: sent to each new worker so that it has started, and imported the game,
    before the clock of a run with a timeout starts."""
    return True


def run_task(task: RunTask) -> RunOutput:
    """Play one run; a failure is returned, not raised."""
    started = time.perf_counter()
    settings = task.settings
    try:
        load_strategy_modules(settings.strategy_modules)
        scenario = _variant(task)
        playing = time.perf_counter()
        history, flows, baseline = _play(scenario, task)
        simulation = time.perf_counter() - playing
        measured = outcomes(
            scenario, settings.preset, history, baseline, difficulty=settings.difficulty
        )
        row = run_row(task, "ok", "", measured)
        history.insert(0, "run_id", task.run_id)
        if flows is not None:
            flows.insert(0, "run_id", task.run_id)
        seconds = time.perf_counter() - started
        return RunOutput(task.run_id, row, history, flows, "", seconds, simulation)
    except Exception as error:  # the batch records any failure of a run and goes on
        row = run_row(task, "failed", _one_line(error), empty_outcomes(settings.baseline))
        return RunOutput(
            task.run_id, row, None, None, traceback.format_exc(), time.perf_counter() - started
        )


def _one_line(error: Exception) -> str:
    """The error for the runs table; a scenario the run's values made invalid says why."""
    if isinstance(error, ScenarioError):
        problems = "; ".join(f"{issue.key}: {issue.message}" for issue in error.issues)
        return f"these parameter values make the scenario invalid: {problems}"
    return f"{type(error).__name__}: {error}".splitlines()[0]


def run_row(task: RunTask, status: str, error: str, measured: dict[str, Any]) -> dict[str, Any]:
    """A runs-table row: who the run is, how it ended, and its outcomes."""
    return {
        "run_id": task.run_id,
        "point": task.point,
        "replication": task.replication,
        "strategy": task.strategy,
        "seed": task.seed,
        "status": status,
        "error": error,
        **dict(task.values),
        **measured,
    }


def _variant(task: RunTask) -> Scenario:
    settings = task.settings
    key = (settings.scenario_key, task.changes)
    if key in _variants:
        _variants.move_to_end(key)
        return _variants[key]
    if settings.scenario_key not in _bases:
        _bases[settings.scenario_key] = settings.base_data()
    scenario = build_variant(_bases[settings.scenario_key], task.changes)
    _variants[key] = scenario
    if len(_variants) > _VARIANTS_KEPT:
        _variants.popitem(last=False)
    return scenario


def _play(
    scenario: Scenario, task: RunTask
) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """(history by game turn, flows or None, baseline history or None)."""
    settings = task.settings
    if task.strategy == NO_GAME:
        model = RareEarthModel(scenario, seed=task.seed)
        measures = PlayerMeasures.of(scenario)
        if measures is not None:
            measures.attach(model)
        try:
            model.run(settings.turns * settings.steps)
            history = by_game_turn(model.recorder.model_table(), settings.steps, scenario)
            flows = model.recorder.flows_table() if settings.flows else None
        finally:
            model.release()
        return history, flows, None
    # Scoring every turn would play the baseline game on the first turn: that is for
    # students. Runs score once at the end, with the baseline only when asked for.
    session = GameSession(
        scenario,
        task.seed,
        preset=settings.preset,
        difficulty=settings.difficulty,
        scoring=False,
        explain=False,
    )
    strategy = get_strategy(task.strategy, task.seed)
    try:
        for _ in range(settings.turns):
            if session.finished:  # lost before its last turn
                break
            session.submit(strategy.decide(session))
        history = session.history()
        flows = session.model.recorder.flows_table() if settings.flows else None
        baseline = session.baseline() if settings.baseline else None
    finally:
        session.model.release()
    return history, flows, baseline


def by_game_turn(engine: pd.DataFrame, steps: int, scenario: Scenario) -> pd.DataFrame:
    """Engine rows averaged over each game turn's steps, as the game's history is."""
    game_turn = engine["turn"] // steps
    numeric = engine.drop(columns=["turn", "year"], errors="ignore").select_dtypes("number")
    table = numeric.groupby(game_turn.to_numpy()).mean().reset_index(drop=True)
    calendar = Calendar.of(scenario.time)
    yearly = math.isclose(steps * scenario.time.months_per_turn, 12)
    dates = [
        calendar.label(t * steps).split("-")[0] if yearly else calendar.label(t * steps)
        for t in range(len(table))
    ]
    table.insert(0, "date", dates)
    table.insert(0, "turn", range(1, len(table) + 1))
    return table
