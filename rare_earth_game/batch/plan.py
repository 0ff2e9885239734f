"""The plan: every run of an experiment, numbered, with its point, strategy and seed.

A run is one scenario variant (a design point's values put in) x one strategy x one
replication. Runs are numbered replication by replication, so that a batch stopped
half-way holds whole replications of every strategy and point, and so that adding
replications later keeps every run id and seed already used.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from rare_earth_game.batch.design import points
from rare_earth_game.batch.experiment import Prepared
from rare_earth_game.batch.seeds import design_rng, run_seeds
from rare_earth_game.batch.variants import Change


@dataclass(frozen=True)
class RunSettings:
    """What every run of a batch shares; sent to workers with each run."""

    scenario_key: str
    """Content hash of the base scenario, under which workers cache it."""
    scenario_blob: bytes
    """The base scenario as compressed JSON: cheap to send, rebuilt once per worker."""
    preset: str
    difficulty: str
    turns: int
    steps: int
    baseline: bool
    flows: bool
    strategy_modules: tuple[str, ...]

    def base_data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(zlib.decompress(self.scenario_blob))
        return data


@dataclass(frozen=True)
class RunTask:
    """One run: enough to reproduce it alone, anywhere."""

    run_id: int
    point: int
    replication: int
    strategy: str
    seed: int
    values: tuple[tuple[str, Any], ...]
    """(key path, value) of each parameter, as recorded in the runs table."""
    changes: tuple[Change, ...]
    settings: RunSettings


def run_settings(prepared: Prepared) -> RunSettings:
    experiment = prepared.spec.experiment
    blob = zlib.compress(json.dumps(prepared.base, separators=(",", ":")).encode(), 6)
    return RunSettings(
        scenario_key=prepared.scenario.content_hash(),
        scenario_blob=blob,
        preset=experiment.preset,
        difficulty=experiment.difficulty,
        turns=prepared.turns,
        steps=prepared.steps,
        baseline=experiment.baseline,
        flows=experiment.flows,
        strategy_modules=prepared.strategy_modules,
    )


def plan_runs(prepared: Prepared, entropy: int) -> list[RunTask]:
    """Every run of the experiment, in run-id order."""
    spec = prepared.spec
    experiment = spec.experiment
    design = points(spec.design.kind, prepared.axes, spec.design.samples, design_rng(entropy))
    strategies = experiment.strategies
    per_replication = len(design) * len(strategies)
    total = per_replication * experiment.replications
    common = experiment.common_random_numbers
    seeds = run_seeds(entropy, experiment.replications if common else total)
    settings = run_settings(prepared)
    paths = [axis.path for axis in prepared.axes]
    tasks = []
    run_id = 0
    for replication in range(experiment.replications):
        for point, values in enumerate(design):
            changes = tuple(zip(prepared.locs, values, strict=True))
            named = tuple(zip(paths, values, strict=True))
            for strategy in strategies:
                seed = seeds[replication] if common else seeds[run_id]
                tasks.append(
                    RunTask(run_id, point, replication, strategy, seed, named, changes, settings)
                )
                run_id += 1
    return tasks
