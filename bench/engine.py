"""Engine benchmarks: time per turn, share in the LP solver, scaling with facilities, memory.

Prints figures; it asserts nothing. Run `make bench-detail` or `python bench/engine.py`.
"""

from __future__ import annotations

import copy
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from typing import Any

from rare_earth_game.scenario import scenario_from_data
from rare_earth_game.scenario.catalog import resolve_scenario
from rare_earth_game.sim.market import lp
from rare_earth_game.sim.model import RareEarthModel

REPEATS = 5


def baseline_data() -> dict[str, Any]:
    return tomllib.loads(resolve_scenario("baseline_2025").read_text(encoding="utf-8"))


def scaled(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """`factor` copies of every mine, plant and buyer, each a 1/factor share, costs jittered.

    The world's totals stay the same while the number of agents (and of LP columns, since
    jittered costs do not merge) grows `factor` times.
    """
    if factor == 1:
        return data
    data = copy.deepcopy(data)
    for section, size_key in (
        ("miners", "capacity"),
        ("refiners", "capacity"),
        ("recoveries", "capacity"),
        ("buyers", "base_demand"),
    ):
        copies = []
        for item in data.get(section, []):
            for k in range(factor):
                clone = dict(item, id=f"{item['id']}_{k}")
                clone[size_key] = item[size_key] / factor
                if "host" in clone:  # the k-th copy of a recovery works at the k-th of its host
                    clone["host"] = f"{item['host']}_{k}"
                if "unit_cost" in clone:
                    clone["unit_cost"] = item["unit_cost"] * (0.95 + 0.1 * k / factor)
                if "elasticity" in clone:
                    clone["elasticity"] = item.get("elasticity", 0.3) * (0.95 + 0.1 * k / factor)
                copies.append(clone)
        data[section] = copies
    for event in data.get("events", []):
        for effect in event.get("effects", []):
            if effect.get("facility"):
                effect["facility"] = f"{effect['facility']}_0"
            if effect.get("facilities"):
                effect["facilities"] = [f"{f}_0" for f in effect["facilities"]]
    for floor in data.get("policies", {}).get("price_floors", []):
        floor["facilities"] = [f"{f}_0" for f in floor["facilities"]]
    for section in ("investments", "objectives", "ai"):  # the game's part: not run here
        data.pop(section, None)
    return data


def time_run(data: dict[str, Any], seed: int) -> tuple[float, float, int]:
    """(seconds for the whole run, seconds inside HiGHS and LP building, turns)."""
    scenario = scenario_from_data(data)
    in_lp = 0.0

    def timed(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal in_lp
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                in_lp += time.perf_counter() - start

        return wrapper

    original_init, original_solve = lp.MarketLP.__init__, lp.MarketLP.solve
    lp.MarketLP.__init__, lp.MarketLP.solve = timed(original_init), timed(original_solve)
    try:
        model = RareEarthModel(scenario, seed=seed)
        start = time.perf_counter()
        model.run()
        total = time.perf_counter() - start
    finally:
        lp.MarketLP.__init__, lp.MarketLP.solve = original_init, original_solve
    model.release()
    return total, in_lp, scenario.time.turns


PEAK_MEMORY = """
from pathlib import Path
def high_water_kb():  # VmHWM starts afresh in a new program, unlike ru_maxrss
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel
before = high_water_kb()
model = RareEarthModel(load_scenario("baseline_2025"), seed=0).run()
recorder = model.recorder
tables = [recorder.model_table(), recorder.markets_table(), recorder.flows_table()]
print(before, high_water_kb())
"""


def main() -> None:
    print("Engine benchmark: baseline_2025 (44 quarterly turns)")
    data = baseline_data()
    runs = [time_run(data, seed) for seed in range(REPEATS)]
    per_turn = [total / turns * 1000 for total, _, turns in runs]
    lp_share = [in_lp / total for total, in_lp, _ in runs]
    spread = f"(min {min(per_turn):.2f}, max {max(per_turn):.2f})"
    print(f"  time per turn   median {statistics.median(per_turn):6.2f} ms  {spread}")
    print(f"  time per run    median {statistics.median(t for t, _, _ in runs) * 1000:6.0f} ms")
    print(f"  share in LP     median {statistics.median(lp_share):6.1%} (HiGHS solve + LP build)")

    print("Scaling: every mine, plant and buyer split into k copies with jittered costs")
    base = None
    for factor in (1, 10, 100):
        total, in_lp, turns = time_run(scaled(data, factor), seed=0)
        ms = total / turns * 1000
        base = base or ms
        sections = ("miners", "refiners", "recoveries", "buyers")
        agents = factor * sum(len(data.get(section, [])) for section in sections)
        growth = f"({ms / base:5.1f}x)  LP share {in_lp / total:5.1%}"
        print(f"  {factor:>3}x  {agents:6d} agents  {ms:8.2f} ms/turn  {growth}")

    result = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY], capture_output=True, text=True, check=True
    )
    before, after = (int(x) for x in result.stdout.split())
    print(
        f"Peak memory of a whole baseline run, in a fresh process: {after / 1024:.0f} MB "
        f"(interpreter and imports alone: {before / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
