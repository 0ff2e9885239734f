"""What a batch found: a summary table and PNG plots, made from the results folder alone.

- `outcomes_by_strategy.png`: the spread of each headline outcome across runs, by strategy;
- `outcomes_by_<parameter>.png`: each outcome against a varied parameter (median and the
  10-90 % band across replications, by strategy);
- `price_fan_<commodity>.png`: the price outside the game's adversary turn by turn, its median
  and the 25-75 % and 5-95 % bands across runs, one panel per strategy;
- of a morris or sobol design, `sensitivity.csv` and `sensitivity_<outcome>.png`: which
  parameters drive each outcome (`sensitivity_analysis.py`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rare_earth_game.batch.sensitivity import SENSITIVITY_KINDS
from rare_earth_game.batch.sensitivity_analysis import write_sensitivity
from rare_earth_game.report.charts import OKABE_ITO

HEADLINES: dict[str, str] = {
    "score": "Score (0-100)",
    "player.supply_security": "Supply security",
    "player.demand_met": "Demand met",
    "player.price_index": "Consumer price index",
    "game.spending_musd": "Public spending (USD M)",
    "player.tension_with_adversary": "Tension with adversary",
}
"""Outcomes shown in the summary and plots, when the runs have them."""

_BINS = 10
_FEW_VALUES = 12


def headline_columns(runs: pd.DataFrame) -> list[str]:
    return [c for c in HEADLINES if c in runs and runs[c].notna().any()]


def summary(runs: pd.DataFrame) -> pd.DataFrame:
    """By strategy: runs, failures, and the median and 10-90 % range of each headline."""
    rows = []
    for strategy, group in runs.groupby("strategy", sort=False):
        ok = group[group["status"] == "ok"]
        row: dict[str, Any] = {
            "strategy": strategy,
            "runs": len(group),
            "failed": int((group["status"] != "ok").sum()),
        }
        for column in headline_columns(runs):
            values = ok[column].dropna()
            row[f"{column} p10"] = values.quantile(0.1) if len(values) else np.nan
            row[f"{column} median"] = values.median() if len(values) else np.nan
            row[f"{column} p90"] = values.quantile(0.9) if len(values) else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def write_report(
    runs: pd.DataFrame,
    turns: pd.DataFrame,
    manifest: dict[str, Any],
    folder: Path,
) -> list[Path]:
    """Write the plots into `folder`; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")
    folder.mkdir(parents=True, exist_ok=True)
    ok = runs[runs["status"] == "ok"]
    strategies = list(dict.fromkeys(runs["strategy"]))
    written = []
    columns = headline_columns(runs)
    if columns and len(ok):
        written.append(_by_strategy(ok, strategies, columns, folder / "outcomes_by_strategy.png"))
        for parameter in manifest.get("parameters", []):
            name = f"outcomes_by_{_file_name(parameter)}.png"
            written.append(_by_parameter(ok, strategies, columns, parameter, folder / name))
    if manifest["spec"]["design"]["kind"] in SENSITIVITY_KINDS and len(ok):
        written += write_sensitivity(runs, manifest, folder)
    adversary = manifest["scenario"].get("adversary")  # absent in folders of older versions
    if len(turns) and adversary:
        for commodity, title in manifest.get("key_commodities", {}).items():
            column = f"{commodity}.price_outside.{adversary}"
            if column in turns and turns[column].notna().any():
                path = folder / f"price_fan_{_file_name(commodity)}.png"
                written.append(_fan(turns, runs, strategies, column, title, adversary, path))
    return written


def _by_strategy(ok: pd.DataFrame, strategies: list[str], columns: list[str], path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig, axes = _panels(len(columns))
    for axis, column in zip(axes, columns, strict=False):
        data = [ok.loc[ok["strategy"] == s, column].dropna().to_numpy() for s in strategies]
        shown = [(s, d) for s, d in zip(strategies, data, strict=True) if len(d)]
        if shown:
            parts = axis.boxplot([d for _, d in shown], patch_artist=True, widths=0.6)
            for i, box in enumerate(parts["boxes"]):
                box.set_facecolor(OKABE_ITO[i % len(OKABE_ITO)])
                box.set_alpha(0.6)
            axis.set_xticks(range(1, len(shown) + 1), [s for s, _ in shown], rotation=30)
        axis.set_title(HEADLINES[column])
        axis.grid(axis="y", alpha=0.3)
    fig.suptitle(f"Outcomes at the end of the game, by strategy ({len(ok)} runs)")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _by_parameter(
    ok: pd.DataFrame, strategies: list[str], columns: list[str], parameter: str, path: Path
) -> Path:
    import matplotlib.pyplot as plt

    fig, axes = _panels(len(columns))
    numeric = pd.api.types.is_numeric_dtype(ok[parameter])
    for axis, column in zip(axes, columns, strict=False):
        for i, strategy in enumerate(strategies):
            group = ok[ok["strategy"] == strategy][[parameter, column]].dropna()
            if group.empty:
                continue
            x, low, mid, high = _bands(group, parameter, column, numeric)
            colour = OKABE_ITO[i % len(OKABE_ITO)]
            axis.plot(x, mid, marker="o", color=colour, label=strategy)
            axis.fill_between(x, low, high, color=colour, alpha=0.15)
        axis.set_title(HEADLINES[column])
        axis.set_xlabel(parameter)
        axis.grid(alpha=0.3)
    axes[0].legend(fontsize="small")
    fig.suptitle(f"Outcomes against {parameter}: median and 10-90 % of runs")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _bands(
    group: pd.DataFrame, parameter: str, column: str, numeric: bool
) -> tuple[list[Any], list[float], list[float], list[float]]:
    """Per parameter value (or per bin of a continuous one): 10th, 50th, 90th percentile."""
    key = group[parameter]
    if numeric and key.nunique() > _FEW_VALUES:
        bins = pd.qcut(key, _BINS, duplicates="drop")
        grouped = group.groupby(bins, observed=True)
        x = list(grouped[parameter].median())
    else:
        grouped = group.groupby(parameter, sort=True)
        x = [str(v) if not numeric else v for v in grouped.groups]
    stats = grouped[column]
    return x, list(stats.quantile(0.1)), list(stats.median()), list(stats.quantile(0.9))


def _fan(
    turns: pd.DataFrame,
    runs: pd.DataFrame,
    strategies: list[str],
    column: str,
    title: str,
    adversary: str,
    path: Path,
) -> Path:
    import matplotlib.pyplot as plt

    by_run = runs.set_index("run_id")["strategy"]
    table = turns[["run_id", "turn", "date", column]].copy()
    table["strategy"] = table["run_id"].map(by_run)
    shown = [s for s in strategies if (table["strategy"] == s).any()]
    fig, axes = _panels(len(shown), sharey=True)
    for i, (axis, strategy) in enumerate(zip(axes, shown, strict=False)):
        group = table[table["strategy"] == strategy]
        grouped = group.groupby("turn")[column]
        q = grouped.quantile([0.05, 0.25, 0.5, 0.75, 0.95]).unstack()
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        axis.fill_between(q.index, q[0.05], q[0.95], color=colour, alpha=0.15, label="5-95 %")
        axis.fill_between(q.index, q[0.25], q[0.75], color=colour, alpha=0.35, label="25-75 %")
        axis.plot(q.index, q[0.5], color=colour, linewidth=2, label="median")
        dates = group.drop_duplicates("turn").set_index("turn")["date"]
        ticks = list(dates.index[:: max(1, len(dates) // 6)])
        axis.set_xticks(ticks, [str(dates[t]) for t in ticks], rotation=30)
        runs_shown = group["run_id"].nunique()
        axis.set_title(f"{strategy} ({runs_shown} runs)")
        axis.set_ylabel("USD/kg")
        axis.grid(alpha=0.3)
    axes[0].legend(fontsize="small")
    fig.suptitle(f"{title}: price outside {adversary}, percentiles across runs")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _panels(count: int, sharey: bool = False) -> tuple[Any, list[Any]]:
    import matplotlib.pyplot as plt

    columns = min(3, max(1, count))
    rows = -(-max(1, count) // columns)
    fig, grid = plt.subplots(
        rows,
        columns,
        figsize=(4.6 * columns, 3.8 * rows),
        constrained_layout=True,
        squeeze=False,
        sharey=sharey,
    )
    axes = list(grid.flat)
    for extra in axes[count:]:
        extra.set_visible(False)
    return fig, axes[: max(1, count)]


def _file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")
