"""What drives US supply security in 2030? A Morris screening of baseline_2025.

The experiment is experiments/what_drives_supply_security_2030.toml: six assumptions of
the 2025 baseline vary over plausible ranges (how much China approves under its heavy
rare earth licences, how fast US demand for EV magnets grows, how long the MP 10X magnet
plant takes to build, how often unrest cuts Myanmar's mines, how hard China's AI pushes
back, and the tension at which a trade war breaks out). Each Morris trajectory moves them
one at a time from a random start; every point plays the sprint from 2025 to 2030 with no
new US policy. The report ranks the
parameters by their mean absolute effect (mu*) on every outcome, with 95 % intervals;
this script prints the ranking for supply security and copies its plot.

    python examples/morris_baseline_2025.py                      # 8 trajectories, 56 games
    python examples/morris_baseline_2025.py --trajectories 1 --turns 1 --parameters 2
"""

from __future__ import annotations

import argparse
import shutil
import time
import tomllib
from pathlib import Path

import pandas as pd

from rare_earth_game.batch import merge_results, run_sweep
from rare_earth_game.batch.analysis import write_report

EXPERIMENT = (
    Path(__file__).resolve().parents[1] / "experiments" / "what_drives_supply_security_2030.toml"
)
OUTCOME = "player.supply_security"


def experiment(trajectories: int | None, turns: int | None, parameters: int | None) -> dict:
    """The experiment file's spec, made smaller where asked (for a quick try)."""
    spec = tomllib.loads(EXPERIMENT.read_text(encoding="utf-8"))
    if trajectories is not None:
        spec["design"]["samples"] = trajectories
    if turns is not None:
        spec["experiment"]["turns"] = turns
    if parameters is not None:
        spec["parameters"] = spec["parameters"][:parameters]
    return spec


def screen(
    out: Path,
    trajectories: int | None = None,
    turns: int | None = None,
    parameters: int | None = None,
    workers: int = 2,
) -> tuple[pd.DataFrame, Path, float]:
    """Run (or resume) the batch and its report; returns the supply-security ranking, the
    report folder and the seconds it took."""
    started = time.perf_counter()
    run_sweep(experiment(trajectories, turns, parameters), out=out, workers=workers, resume=True)
    result = merge_results(out)
    write_report(result.runs, result.turns, result.manifest, out / "report")
    table = pd.read_csv(out / "report" / "sensitivity.csv")
    ranking = (
        table[(table["outcome"] == OUTCOME) & (table["index"] == "mu_star")]
        .sort_values("value", ascending=False)[["parameter", "value", "conf"]]
        .reset_index(drop=True)
    )
    return ranking, out / "report", time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trajectories", type=int, default=None, help="default: the file's 8")
    parser.add_argument("--turns", type=int, default=None, help="years from 2025 (default 6)")
    parser.add_argument("--parameters", type=int, default=None, help="vary only the first N")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("out/morris_baseline_2025"))
    parser.add_argument("--figure", type=Path, default=None, help="copy the plot here")
    args = parser.parse_args()
    ranking, report, seconds = screen(
        args.out, args.trajectories, args.turns, args.parameters, args.workers
    )
    print(f"What drives {OUTCOME} at the end (mu*: mean absolute effect, 95 % interval):")
    for row in ranking.itertuples():
        print(f"  {row.value:.4f} ± {row.conf:.4f}  {row.parameter}")
    plot = report / f"sensitivity_{OUTCOME.replace('.', '_')}.png"
    if args.figure is not None and plot.exists():
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(plot, args.figure)
    print(f"report in {report}; {seconds:.0f} s")


if __name__ == "__main__":
    main()
