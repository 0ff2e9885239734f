"""Sensitivity indices of a morris or sobol batch: `sensitivity.csv` and a plot per outcome.

The design's matrix is drawn again from the recorded entropy (`sensitivity.py`); each
point's outcome is the mean over its replications (common random numbers make them the
same seeds at every point, so the indices measure the parameters, not the luck of the
draw). Indices are computed per strategy, for every outcome of the runs table:

- morris: `mu_star` (mean absolute elementary effect: how much the parameter moves the
  outcome, the ranking), `mu` (its signed mean: which way) and `sigma` (their spread:
  interactions or nonlinearity), in the outcome's units per whole range of the parameter;
- sobol: `S1` (the share of the outcome's variance the parameter explains alone) and `ST`
  (with its interactions, the ranking).

`conf` is the half-width of the 95 % bootstrap interval SALib gives (`mu_star`, `S1`, `ST`;
empty for the others), drawn from the entropy's own stream, so a report is reproducible.
An outcome that does not move at all has every index 0; one without a figure at some
point (a game that failed, a figure the scenario lacks) is left out. Each outcome that
some parameter moves gets a plot ranking the parameters.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rare_earth_game.batch.outcomes import outcome_columns
from rare_earth_game.batch.seeds import design_rng
from rare_earth_game.batch.sensitivity import analysis_seed, problem, salib, unit_sample
from rare_earth_game.errors import UserError
from rare_earth_game.report.charts import OKABE_ITO

CSV = "sensitivity.csv"
RANKED_BY = {"morris": "mu_star", "sobol": "ST"}
"""The index each design ranks parameters by."""
INDICES = {"morris": ("mu_star", "mu", "sigma"), "sobol": ("S1", "ST")}
COLUMNS = ["outcome", "strategy", "design", "parameter", "index", "value", "conf"]


class IncompleteDesignError(UserError):
    """A sensitivity batch whose design points have not all been run."""


def sensitivity_table(runs: pd.DataFrame, manifest: dict[str, Any]) -> pd.DataFrame:
    """Every index of every outcome, by strategy, in long form (`COLUMNS`)."""
    spec = manifest["spec"]
    kind = spec["design"]["kind"]
    names = list(manifest["parameters"])
    entropy = int(manifest["entropy"])
    matrix = unit_sample(kind, names, int(spec["design"]["samples"]), design_rng(entropy))
    baseline = bool(spec["experiment"].get("baseline", False))
    outcomes = [c for c in outcome_columns(baseline) if c != "grade" and c in runs]
    ok = runs[runs["status"] == "ok"]
    rows: list[dict[str, Any]] = []
    for strategy in dict.fromkeys(runs["strategy"]):
        means = ok[ok["strategy"] == strategy].groupby("point")[outcomes].mean()
        missing = len(matrix) - len(means)
        if missing:
            raise IncompleteDesignError(
                f"{missing} of the {len(matrix)} design points of strategy '{strategy}' "
                "have no finished run, and the indices need every point; resume the batch "
                "(batch ... --resume)"
            )
        means = means.reindex(range(len(matrix)))
        for outcome in outcomes:
            values = means[outcome].to_numpy(dtype=float)
            if np.isnan(values).any():
                continue
            for found in _indices(kind, names, matrix, values, analysis_seed(entropy)):
                rows.append({"outcome": outcome, "strategy": strategy, "design": kind, **found})
    return pd.DataFrame(rows, columns=COLUMNS)


def _indices(
    kind: str, names: list[str], matrix: np.ndarray, values: np.ndarray, seed: int
) -> list[dict[str, Any]]:
    """One row per (parameter, index): SALib's estimate and its interval's half-width."""
    if np.ptp(values) == 0:
        return [
            {"parameter": name, "index": index, "value": 0.0, "conf": 0.0}
            for name in names
            for index in INDICES[kind]
        ]
    lib = salib()
    space = problem(names)
    if kind == "morris":
        found = lib.analyze.morris.analyze(space, matrix, values, seed=seed)
    else:
        found = lib.analyze.sobol.analyze(space, values, calc_second_order=False, seed=seed)
    rows = []
    for i, name in enumerate(names):
        for index in INDICES[kind]:
            conf = found.get(f"{index}_conf")
            rows.append(
                {
                    "parameter": name,
                    "index": index,
                    "value": float(found[index][i]),
                    "conf": float(conf[i]) if conf is not None else np.nan,
                }
            )
    return rows


def write_sensitivity(runs: pd.DataFrame, manifest: dict[str, Any], folder: Path) -> list[Path]:
    """Write `sensitivity.csv`, and `sensitivity_<outcome>.png` for every outcome some
    parameter moves (one that none moves has nothing to rank), into `folder`."""
    import matplotlib

    matplotlib.use("Agg")
    table = sensitivity_table(runs, manifest)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CSV
    table.to_csv(path, index=False)
    written = [path]
    for outcome, group in table.groupby("outcome", sort=False):
        if not group["value"].abs().gt(0).any():
            continue
        name = re.sub(r"[^A-Za-z0-9_-]+", "_", str(outcome)).strip("_")
        written.append(ranking_plot(group, str(outcome), folder / f"sensitivity_{name}.png"))
    return written


def ranking_plot(table: pd.DataFrame, outcome: str, path: Path) -> Path:
    """Parameters ranked by the design's ranking index, with 95 % intervals, one panel per
    strategy (Sobol's first-order index shown beside the total)."""
    import matplotlib.pyplot as plt

    kind = str(table["design"].iloc[0])
    ranked = RANKED_BY[kind]
    strategies = list(dict.fromkeys(table["strategy"]))
    parameters = table["parameter"].nunique()
    fig, axes = plt.subplots(
        1,
        len(strategies),
        figsize=(5.2 * len(strategies), 1.2 + 0.45 * parameters),
        constrained_layout=True,
        squeeze=False,
    )
    for i, (axis, strategy) in enumerate(zip(axes[0], strategies, strict=True)):
        rows = table[table["strategy"] == strategy]
        main = rows[rows["index"] == ranked].sort_values("value")
        y = np.arange(len(main))
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        axis.barh(
            y,
            main["value"],
            xerr=main["conf"].fillna(0),
            color=colour,
            alpha=0.75,
            capsize=3,
            label=ranked,
        )
        if kind == "sobol":
            first = rows[rows["index"] == "S1"].set_index("parameter").loc[main["parameter"]]
            axis.errorbar(
                first["value"],
                y,
                xerr=first["conf"].fillna(0),
                fmt="o",
                color="black",
                markersize=4,
                capsize=2,
                label="S1",
            )
        axis.set_yticks(y, list(main["parameter"]), fontsize="small")
        axis.set_title(strategy)
        axis.set_xlabel(f"{ranked} (95 % interval)")
        axis.grid(axis="x", alpha=0.3)
        axis.legend(fontsize="small", loc="lower right")
    fig.suptitle(f"What drives {outcome}: {kind} indices")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
