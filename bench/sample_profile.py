"""Where a turn's time goes, sampled from outside the interpreter (py-spy), per function.

cProfile times every call, and its timing costs more than a small function does: it put
the demand curve's ladder at 67 µs a call when it takes 6, and the game's own work at a
quarter of a year's time when it is a fifth. py-spy samples the running program instead,
so the shares below are what a turn really spends. Only samples inside the part measured
count: the engine's turns (`RareEarthModel.step`), or with `--game` a balanced class-period
game's turns (`GameSession.submit`), not imports or set-up.

Run: `python bench/sample_profile.py [--game] [--rate 250] [--top 30]`. Needs py-spy (in
the dev extra) and leave to read the child's memory (root, or ptrace_scope 0). Not part of
`make bench`: it times nothing against a target.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ENGINE = """
from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel
scenario = load_scenario("baseline_2025")
for seed in range(4):
    RareEarthModel(scenario, seed=seed).run().release()
"""
GAME = """
from rare_earth_game.game import GameSession
from rare_earth_game.game.strategies import get_strategy, play
for seed in range(2):
    play(GameSession("baseline_2025", seed=seed), get_strategy("balanced")).model.release()
"""
Stacks = list[tuple[list[str], int]]
"""Each sampled stack (its frames, outermost first) and how many samples it had."""
Tally = collections.Counter[str]
FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>.*?)(?::\d+)?\)$")


def record(workload: str, rate: int) -> Stacks:
    """(stack of 'function (file)' frames, samples) from py-spy's raw output."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "samples.txt"
        command = [spy, "record", "-r", str(rate), "-f", "raw", "-o", str(out), "--"]
        subprocess.run([*command, sys.executable, "-c", workload], check=True)
        lines = out.read_text(encoding="utf-8").splitlines()
    stacks = []
    for line in lines:
        stack, _, count = line.rpartition(" ")
        stacks.append(([_frame(f) for f in stack.split(";")], int(count)))
    return stacks


def _frame(raw: str) -> str:
    """'name (path/to/module.py:LINE)' -> 'name (module.py)': one row per function."""
    match = FRAME.match(raw)
    if match is None:
        return raw
    return f"{match['function']} ({Path(match['file']).name})"


def tables(stacks: Stacks, inside: str) -> tuple[int, Tally, Tally]:
    """(samples inside `inside`, own samples per function, samples with callees)."""
    own: Tally = collections.Counter()
    total: Tally = collections.Counter()
    counted = 0
    for frames, count in stacks:
        if not any(f.startswith(inside) for f in frames):
            continue
        counted += count
        own[frames[-1]] += count
        for function in set(frames):
            total[function] += count
    return counted, own, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--game", action="store_true", help="a balanced class-period game")
    parser.add_argument("--rate", type=int, default=250, help="samples a second")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    inside = "GameSession.submit" if args.game else "RareEarthModel.step"
    counted, own, total = tables(record(GAME if args.game else ENGINE, args.rate), inside)
    if not counted:
        sys.exit(f"no samples inside {inside}: did py-spy have leave to read the process?")
    print(f"{counted} samples inside {inside}")
    for title, table in (("own time", own), ("with what it calls", total)):
        print(f"\n--- {title}")
        for function, samples in table.most_common(args.top):
            print(f"{samples / counted * 100:5.1f} %  {function}")


if __name__ == "__main__":
    main()
