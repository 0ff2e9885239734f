"""Issue 12's table: every performance figure beside its target, met or not.

Run `make bench` (every figure; about 5 minutes on two quiet cores) or `make bench-quick` (the
headline figures: engine turn, class-period year, --help; under a minute). Prints the
table and writes it to `out/bench/bench.json`. Timings are medians of several tries (the
spread is printed too); the load average at the start is recorded, since figures taken
on a busy machine are not comparable with quiet ones.

For the engine's turn, the class-period years, loading a save and the batch, it also prints
what the figure would be were HiGHS's own solves all the time taken (measured in the same
run; for the batch, from the engine row's runs). Byte-identical tables fix the LPs and the
way HiGHS solves them, so where that misses the target, no speed-up of the rest of the
engine meets it, and the row says so; `highs_floor.py` measures how much less HiGHS itself
could take.

The detailed scripts beside this one (engine.py, game.py, batch.py, ui.py; all of them
with `make bench-detail`) break each figure down further; `profile_run.py` shows where
the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
STORE = "RARE_EARTH_GAME_CACHE"
"""The disk store of no-new-policy games: off, except for the figure that measures it, so
no figure reads a game an earlier run left."""
OUT = HERE.parent / "out" / "bench" / "bench.json"


@dataclass
class Figure:
    """One row of the table: what was measured, its value, and the target it is held to."""

    name: str
    value: float
    unit: str
    target: float
    higher_is_better: bool = False
    detail: str = ""
    highs_alone: float | None = None
    """What the figure would be if HiGHS's own solves were all the time it took (measured
    in the same run; None where it is not measured)."""

    @property
    def met(self) -> bool:
        return self._meets(self.value)

    @property
    def highs_leaves_room(self) -> bool:
        """Whether HiGHS's own time, as measured, leaves the rest of the work some room."""
        return self.highs_alone is None or self._meets(self.highs_alone)

    def _meets(self, value: float) -> bool:
        return value >= self.target if self.higher_is_better else value <= self.target

    def row(self) -> str:
        sign = ">=" if self.higher_is_better else "<="
        verdict = "met" if self.met else "NOT met"
        if not self.highs_leaves_room:
            verdict += "; HiGHS alone misses it"
        shown = f"{self.value:.3g} {self.unit}"
        goal = f"{sign} {self.target:g} {self.unit}"
        return f"{self.name:<58} {shown:>14}  target {goal:<14} {verdict}"


def median_of(times: list[float]) -> tuple[float, str]:
    return statistics.median(times), f"min {min(times):.3g}, max {max(times):.3g}, n={len(times)}"


# --- engine ---------------------------------------------------------------------------------


class _TimedSolver:
    """Stands in for the thread's HiGHS instance and adds up the time spent in `run`."""

    def __init__(self, solver: Any) -> None:
        self._solver = solver
        self.seconds = 0.0

    def run(self) -> Any:
        started = time.perf_counter()
        try:
            return self._solver.run()
        finally:
            self.seconds += time.perf_counter() - started

    def __getattr__(self, name: str) -> Any:
        return getattr(self._solver, name)


@contextmanager
def highs_timed() -> Iterator[_TimedSolver]:
    """This thread's HiGHS, adding up its own time while the block runs."""
    from rare_earth_game.sim.market import lp

    lp._solver()  # the thread's solver exists before it is wrapped
    timed = _TimedSolver(lp._solvers.highs)
    lp._solvers.highs = timed
    try:
        yield timed
    finally:
        lp._solvers.highs = timed._solver


class EngineTimes(NamedTuple):
    ms_per_turn: float
    highs_ms_per_turn: float
    """Of which inside HiGHS's own `run`."""
    turns: int


def engine_turns(seeds: int, turns: int | None = None, data: Any = None) -> EngineTimes:
    """Medians over `seeds` runs of `turns` turns (the whole horizon by default)."""
    from rare_earth_game.scenario import load_scenario, scenario_from_data
    from rare_earth_game.sim.model import RareEarthModel

    scenario = load_scenario("baseline_2025") if data is None else scenario_from_data(data)
    per_turn, in_highs = [], []
    with highs_timed() as timed:
        for seed in range(seeds):
            model = RareEarthModel(scenario, seed=seed)
            count = turns or model.calendar.turns
            timed.seconds = 0.0
            started = time.perf_counter()
            model.run(count)
            per_turn.append((time.perf_counter() - started) / count * 1000)
            in_highs.append(timed.seconds / count * 1000)
            model.release()
    return EngineTimes(statistics.median(per_turn), statistics.median(in_highs), count)


@cache
def baseline_turns(seeds: int) -> EngineTimes:
    """baseline_2025's whole horizon, measured once for the engine's and the batch's rows."""
    return engine_turns(seeds)


def engine_figures(quick: bool) -> list[Figure]:
    ms, highs, _ = baseline_turns(1 if quick else 5)
    figures = [
        Figure(
            "engine: quarterly turn of baseline_2025, median",
            ms,
            "ms",
            5.0,
            highs_alone=highs,
        ),
        Figure(
            "engine: turn time / HiGHS's own time in that turn",
            ms / highs,
            "x",
            1.5,
        ),
    ]
    if not quick:
        sys.path.insert(0, str(HERE))
        from engine import baseline_data, scaled  # bench/engine.py's copies of the world

        data = baseline_data()
        one = engine_turns(1, turns=8, data=scaled(data, 1)).ms_per_turn
        hundred = engine_turns(1, turns=8, data=scaled(data, 100)).ms_per_turn
        figures.append(
            Figure(
                "engine: scaling, 100x the agents (8 turns)",
                hundred / one,
                "x",
                25.0,
                detail=f"{one:.1f} -> {hundred:.0f} ms a turn",
            )
        )
    return figures


# --- game -----------------------------------------------------------------------------------


class Tries(NamedTuple):
    """Each try's time, and the part of it HiGHS's own solves took."""

    times: list[float]
    in_highs: list[float]

    def figure(self, name: str, unit: str, target: float) -> Figure:
        value, spread = median_of(self.times)
        return Figure(
            name,
            value,
            unit,
            target,
            detail=spread,
            highs_alone=statistics.median(self.in_highs),
        )


def class_period_years(shared: bool, on_disk: bool = False) -> Tries:
    """ms per class-period year (available_actions + submit) of a balanced game, scored,
    with the no-new-policy game played inside submit (`shared` False: none kept yet),
    already played by an earlier session of the same settings, or (`on_disk`) read from
    the disk store another process filled."""
    from rare_earth_game.game import GameSession
    from rare_earth_game.game.strategies import get_strategy

    try:
        from rare_earth_game.game.baseline import forget_baselines
    except ImportError:  # a version before issue 12, measured for comparison: none kept
        pass
    else:
        forget_baselines()
    if shared or on_disk:
        GameSession("baseline_2025", seed=0, preset="class_period").baseline()
    if on_disk:
        forget_baselines()  # what this process played is gone: only the store has it
    session = GameSession("baseline_2025", seed=0, preset="class_period")
    strategy = get_strategy("balanced")
    years = Tries([], [])
    with highs_timed() as highs:
        for _ in range(session.turns):
            highs.seconds = 0.0
            started = time.perf_counter()
            session.available_actions()
            session.submit(strategy.decide(session))
            years.times.append((time.perf_counter() - started) * 1000)
            years.in_highs.append(highs.seconds * 1000)
    return years


def save_load_seconds(repeats: int) -> Tries:
    from rare_earth_game.game import GameSession
    from rare_earth_game.game.strategies import get_strategy

    session = GameSession("baseline_2025", seed=0, preset="class_period", scoring=False)
    strategy = get_strategy("balanced")
    for _ in range(12):
        session.submit(strategy.decide(session))
    loads = Tries([], [])
    with tempfile.TemporaryDirectory() as folder, highs_timed() as highs:
        path = session.save(Path(folder) / "game.reg.json.gz")
        for _ in range(repeats):
            highs.seconds = 0.0
            started = time.perf_counter()
            GameSession.load(path)
            loads.times.append(time.perf_counter() - started)
            loads.in_highs.append(highs.seconds)
    return loads


def game_figures(quick: bool) -> list[Figure]:
    year = "game: class-period year, no-new-policy game"
    figures = [class_period_years(shared=False).figure(f"{year} played alongside", "ms", 50.0)]
    if not quick:
        shared = class_period_years(shared=True)
        figures.append(shared.figure(f"{year} shared", "ms", 50.0))
        with tempfile.TemporaryDirectory() as store:
            os.environ[STORE] = store
            on_disk = class_period_years(shared=False, on_disk=True)
            os.environ[STORE] = "off"
        figures.append(on_disk.figure(f"{year} on disk", "ms", 50.0))
        loads = save_load_seconds(3)
        figures.append(loads.figure("game: load a 12-turn save (replay and verify)", "s", 0.3))
    return figures


# --- command line ---------------------------------------------------------------------------


def command_seconds(arguments: list[str], repeats: int) -> list[float]:
    """Wall seconds of `rare-earth-game ARGUMENTS` in a fresh process, as a user runs it."""
    script = Path(sys.executable).with_name("rare-earth-game")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rare_earth_game"]
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([*command, *arguments], cwd=folder, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
    return times


def cli_figures(quick: bool) -> list[Figure]:
    bare = statistics.median(command_seconds_of([sys.executable, "-c", "pass"], 7))
    help_, spread = median_of(command_seconds(["--help"], 7))
    figures = [
        Figure(
            "cli: rare-earth-game --help",
            help_,
            "s",
            0.12,
            detail=f"{spread}; a bare python start {bare:.3f} s",
        )
    ]
    if not quick:
        run, spread = median_of(
            command_seconds(["run", "--strategy", "balanced", "--preset", "sprint"], 3)
        )
        figures.append(
            Figure("cli: run --strategy balanced --preset sprint", run, "s", 2.0, detail=spread)
        )
    return figures


def command_seconds_of(command: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


# --- batch ----------------------------------------------------------------------------------


def sweep_seconds(runs: int, workers: int, turns: int | None = None, **options: Any) -> float:
    from rare_earth_game.batch import run_sweep

    experiment: dict[str, Any] = {
        "scenario": "baseline_2025",
        "strategies": ["do_nothing"],
        "replications": runs,
        "entropy": 1,
    }
    if turns is not None:
        experiment["turns"] = turns
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        run_sweep({"experiment": experiment}, out=folder, workers=workers, **options)
        return time.perf_counter() - started


class WorkerMemory:
    """Samples each batch worker's resident memory (MB) every 0.2 s; keeps the highest seen
    in the first and in the last tenth of the batch, so growth shows."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.done = 0
        self.total = 1
        self.early = 0.0
        self.late = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _largest_worker(self) -> float:
        largest = 0.0
        for child in self.process.children(recursive=True):
            try:
                largest = max(largest, child.memory_info().rss / 2**20)
            except Exception:  # a worker that just exited
                continue
        return largest

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            mb = self._largest_worker()
            if self.done <= self.total // 10:
                self.early = max(self.early, mb)
            if self.done >= self.total - self.total // 10:
                self.late = max(self.late, mb)

    def start(self, total: int, done: int) -> None:
        self.total = total
        self._thread.start()

    def advance(self, finished: int, failed: int) -> None:
        self.done += finished + failed

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def batch_figures(quick: bool) -> list[Figure]:
    if quick:
        return []
    runs = 24
    alone = runs // 2  # on one worker: half as many, for the same time
    one = alone / sweep_seconds(alone, 1)
    two = runs / sweep_seconds(runs, 2)
    _, highs_ms, turns = baseline_turns(5)  # the engine row's runs: the same whole horizon
    figures = [
        Figure(
            "batch: full-horizon baseline runs on 2 workers",
            two,
            "runs/s",
            8.0,
            higher_is_better=True,
            detail=f"{runs} runs; 1 worker {one:.2f} runs/s",
            highs_alone=2 * 1000 / (highs_ms * turns),
        ),
        Figure(
            "batch: parallel efficiency on 2 workers",
            two / (2 * one) * 100,
            "%",
            90.0,
            higher_is_better=True,
        ),
    ]
    if not quick:
        memory_runs = 1000
        probe = WorkerMemory()
        sweep_seconds(memory_runs, 2, turns=4, progress=probe)
        figures.append(
            Figure(
                f"batch: memory per worker over {memory_runs} runs (4 quarters each)",
                probe.late,
                "MB",
                150.0,
                detail=f"first tenth {probe.early:.0f} MB, last tenth {probe.late:.0f} MB",
            )
        )
    return figures


# --- window ---------------------------------------------------------------------------------


def window_figures(quick: bool) -> list[Figure]:
    if quick:
        return []
    try:
        result = subprocess.run(
            [sys.executable, str(HERE / "ui.py"), "--end-turn-only"],
            capture_output=True,
            text=True,
            timeout=900,
        )
    except subprocess.TimeoutExpired:
        print("  (window figure skipped: bench/ui.py took over 15 minutes)")
        return []
    if result.returncode != 0:
        print(f"  (window figure skipped: {result.stderr.strip().splitlines()[-1:]})")
        return []
    times = json.loads(result.stdout.strip().splitlines()[-1])
    value, spread = median_of(times)
    return [Figure("window: End turn to summary (sprint year)", value, "ms", 120.0, detail=spread)]


# --- the table ------------------------------------------------------------------------------

SECTIONS: list[Callable[[bool], list[Figure]]] = [
    engine_figures,
    game_figures,
    cli_figures,
    batch_figures,
    window_figures,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="headline figures, under a minute")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ[STORE] = "off"
    load = os.getloadavg()[0]
    started = time.perf_counter()
    print(
        f"Issue 12 figures ({'quick' if args.quick else 'all'}); load average {load:.1f} "
        f"on {os.cpu_count()} cores at the start",
        flush=True,
    )
    figures: list[Figure] = []
    for measure in SECTIONS:
        for figure in measure(args.quick):
            figures.append(figure)
            print(figure.row(), flush=True)
            if figure.detail:
                print(f"{'':<4}{figure.detail}", flush=True)
            if figure.highs_alone is not None:
                alone = f"{figure.highs_alone:.3g} {figure.unit}"
                print(f"{'':<4}were HiGHS's own solves all the time: {alone}", flush=True)
    met = sum(f.met for f in figures)
    seconds = time.perf_counter() - started
    print(f"{met} of {len(figures)} targets met; took {seconds:.0f} s")
    beyond = [f.name for f in figures if not f.highs_leaves_room]
    if beyond:
        print(
            f"Missed by HiGHS's own solves alone, whatever the rest took ({len(beyond)}): "
            f"{'; '.join(beyond)}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "quick": args.quick,
        "load_average_at_start": load,
        "cores": os.cpu_count(),
        "seconds": seconds,
        "figures": [
            {**asdict(f), "met": f.met, "highs_leaves_room": f.highs_leaves_room} for f in figures
        ],
    }
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":  # batch workers are spawned and import this module again
    main()
