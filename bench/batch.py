"""Batch benchmarks: runs per second and parallel efficiency, pool memory, overhead per run.

Prints figures; it asserts nothing. Run `python bench/batch.py` (or `make bench-detail`). Each
timing is the best of `--repeats` tries, since other work on the machine only adds time.

1. Throughput: the same runs of `baseline_2025` (do_nothing, all 48 quarters) with 1 and
   2 workers, wall time from the call to the merged tables; and without the pool's
   start-up (timed alone as a batch of one one-turn run of the tiny test world).
2. Memory: 500 short runs, the resident memory of the batch process and its workers
   sampled as it goes, with workers recycled (the default) and never recycled.
3. Overhead: per run, the batch's wall time beyond the time its workers spent playing
   (sending runs, building variants, measuring outcomes, writing tables).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from rare_earth_game.batch import SweepResult, run_sweep
from rare_earth_game.batch.executors import DEFAULT_RECYCLE

os.environ["RARE_EARTH_GAME_CACHE"] = "off"  # each figure plays its own no-new-policy game
TINY = Path(__file__).resolve().parents[1] / "tests" / "data" / "tiny.toml"


def spec(
    replications: int, turns: int | None = None, scenario: str = "baseline_2025"
) -> dict[str, Any]:
    experiment: dict[str, Any] = {
        "scenario": scenario,
        "strategies": ["do_nothing"],
        "replications": replications,
        "entropy": 1,
    }
    if turns is not None:
        experiment["turns"] = turns
    return {"experiment": experiment}


def timed_sweep(experiment: dict[str, Any], **options: Any) -> tuple[float, SweepResult]:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result = run_sweep(experiment, out=folder, **options)
        return time.perf_counter() - started, result


def best(repeats: int, experiment: dict[str, Any], **options: Any) -> tuple[float, SweepResult]:
    return min((timed_sweep(experiment, **options) for _ in range(repeats)), key=lambda t: t[0])


def throughput(runs: int, repeats: int) -> None:
    print(f"Throughput: {runs} runs of baseline_2025, do_nothing, all 48 quarters")
    rates, steady = {}, {}
    for workers in (1, 2):
        start_up, _ = best(repeats, spec(workers, turns=1, scenario=str(TINY)), workers=workers)
        seconds, _ = best(repeats, spec(runs), workers=workers)
        rates[workers] = runs / seconds
        steady[workers] = runs / (seconds - start_up)
        print(
            f"  {workers} worker(s): {seconds:6.1f} s  {rates[workers]:5.2f} runs/s; "
            f"without the pool's start-up ({start_up:.1f} s): {steady[workers]:5.2f} runs/s"
        )
    print(
        f"  parallel efficiency on 2 workers: {rates[2] / (2 * rates[1]):.0%}, "
        f"{steady[2] / (2 * steady[1]):.0%} without start-up"
    )


def _rss_mb(process: Any) -> float:
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except Exception:  # a worker that just exited
            continue
    return float(total / 2**20)


class MemoryProbe:
    """A reporter for run_sweep: samples memory every 0.2 s and at each 100 runs done."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.done = 0
        self.marks: list[tuple[int, float]] = []
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _rss_mb(self.process))

    def start(self, total: int, done: int) -> None:
        self._thread.start()

    def advance(self, finished: int, failed: int) -> None:
        before = self.done
        self.done += finished
        if self.done // 100 > before // 100:
            self.marks.append((self.done, _rss_mb(self.process)))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def memory(runs: int) -> None:
    try:
        import psutil  # noqa: F401  (comes with the cluster extra)
    except ImportError:
        print("Memory: skipped (psutil is not installed; it comes with the cluster extra)")
        return
    print(f"Memory: {runs} runs of baseline_2025 (4 quarters each), 2 workers,")
    print("  resident memory of the batch process and its workers (MB) after n runs")
    for label, recycle in ((f"recycled every {DEFAULT_RECYCLE}", DEFAULT_RECYCLE), ("never", None)):
        probe = MemoryProbe()
        seconds, _ = timed_sweep(spec(runs, turns=4), workers=2, recycle=recycle, progress=probe)
        marks = "  ".join(f"{n}:{mb:4.0f}" for n, mb in probe.marks)
        print(f"  workers {label:<18} {marks}  peak {probe.peak:4.0f}  ({seconds:.0f} s)")


def overhead(runs: int, repeats: int) -> None:
    print(f"Overhead: {runs} runs of baseline_2025 (4 quarters each) on 1 worker")
    start_up, _ = best(repeats, spec(1, turns=1, scenario=str(TINY)), workers=1)
    seconds, result = best(repeats, spec(runs, turns=4), workers=1)
    (session,) = result.manifest["sessions"]
    simulation = session["simulation_seconds"] / runs
    worker = session["worker_seconds"] / runs
    batch = (seconds - start_up) / runs
    print(
        f"  {batch * 1000:6.1f} ms a run (pool start-up of {start_up:.1f} s left out): "
        f"{simulation * 1000:.1f} ms playing the game, {(worker - simulation) * 1000:.1f} ms "
        f"more in the worker (variant, outcomes), {(batch - worker) * 1000:.1f} ms outside "
        "it (sending, collecting, writing tables)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=24, help="runs for the throughput figure")
    parser.add_argument("--memory-runs", type=int, default=500)
    parser.add_argument("--overhead-runs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2, help="tries per timing; the best")
    args = parser.parse_args()
    throughput(args.runs, args.repeats)
    memory(args.memory_runs)
    overhead(args.overhead_runs, args.repeats)


if __name__ == "__main__":
    if Path(sys.argv[0]).resolve() == Path(__file__).resolve():
        main()
    else:
        # Started by another script (bench/run_all.py): worker processes start by importing
        # the main script again, so the measurements run in a process of their own.
        subprocess.run([sys.executable, __file__], check=True)
