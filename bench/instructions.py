"""Instructions per engine turn, counted by valgrind: a figure that does not move with the
machine's load, for comparing two versions of the engine.

Timings on a shared two-core machine move by a quarter from run to run, so a change worth
a few per cent cannot be seen in them. valgrind counts the instructions the program runs
instead; the count of a 12-turn run minus that of a 4-turn run, over 8, is what one turn of
baseline_2025 (seed 7) costs, start-up and imports cancelled out. String hashing is fixed
(PYTHONHASHSEED=0) so that dict and set layouts, and with them the count, repeat; what is
left moves by 1-2 %. Instructions are not time (numpy's vector code does much per
instruction, cache misses cost many cycles), but the engine's turn is mostly the
interpreter's, where they track it.

Run: `python bench/instructions.py [--tree PATH]` (about 3 minutes; needs valgrind). Not
part of `make bench`: it has no target, only a before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

TURNS = """
import sys
from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel
RareEarthModel(load_scenario("baseline_2025"), seed=7).run(int(sys.argv[1]))
"""
FEW, MANY = 4, 12


def instructions(tree: Path, turns: int) -> int:
    """Instructions valgrind counts for a whole process that runs `turns` engine turns."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("valgrind is not installed (apt install valgrind)")
    environment = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    counting = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    result = subprocess.run(
        [*counting, sys.executable, "-c", TURNS, str(turns)],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        sys.exit(f"valgrind printed no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parents[1]
    parser.add_argument("--tree", type=Path, default=here, help="the checkout to measure")
    args = parser.parse_args()
    few, many = instructions(args.tree, FEW), instructions(args.tree, MANY)
    per_turn = (many - few) / (MANY - FEW)
    print(f"engine: {per_turn / 1e6:.1f} M instructions a turn of baseline_2025 ({args.tree})")


if __name__ == "__main__":
    main()
