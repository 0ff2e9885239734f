"""Two versions of the code, timed in turn: the way to see a change on a shared machine.

Figures on a busy two-core machine move by a quarter from one run to the next, so a figure
of the old code taken an hour before the new one's says little. This runs a command once
for each of two source trees, alternately, for some rounds, after one untimed round that
compiles each tree's bytecode (kept apart, under a temporary folder), and prints each
tree's times, their medians and the difference. The no-new-policy game's disk store is off,
as in `make bench`.

Make the old tree with `git worktree add /tmp/old <commit> --detach`. The command is either
the CLI's (`--cli "run --strategy balanced --preset sprint"`, timed as a whole process) or
a Python file whose last printed line is the figure, in seconds (`--script FILE`, for what
is timed from inside, such as the window's first frame).

Run: `python bench/in_turn.py --old /tmp/old [--new .] [--rounds 6] (--cli ARGS | --script
FILE)`. Not part of `make bench`: it has no target, only a before and after.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(tree: Path, command: list[str], cache: Path, *, printed: bool) -> float:
    """Seconds the command takes with `tree` first on the import path (run in a folder of
    its own, beside the bytecode, so that files it writes land there); with `printed`, the
    seconds the command printed last instead."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "PYTHONPYCACHEPREFIX": str(cache),
        "RARE_EARTH_GAME_CACHE": "off",
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode
    started = time.perf_counter()
    done = subprocess.run(
        command, env=environment, cwd=cache.parent, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {tree}:\n{done.stderr[-2000:]}")
    if not printed:
        return elapsed
    return float(done.stdout.strip().splitlines()[-1].split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the tree to compare against")
    parser.add_argument("--new", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--rounds", type=int, default=6)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--cli", help="rare-earth-game's arguments, quoted as one")
    what.add_argument("--script", type=Path, help="a Python file printing seconds last")
    args = parser.parse_args()
    if args.cli is not None:
        command = [sys.executable, "-m", "rare_earth_game", *shlex.split(args.cli)]
    else:
        command = [sys.executable, str(args.script.resolve())]
    printed = args.script is not None
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    times: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="in-turn-") as scratch:
        caches = {name: Path(scratch) / name for name in trees}
        for name, tree in trees.items():
            timed(
                tree, command, caches[name], printed=printed
            )  # untimed: compiles the tree's bytecode
        for _ in range(args.rounds):
            for name, tree in trees.items():
                times[name].append(timed(tree, command, caches[name], printed=printed))
    print(f"{' '.join(command[1:])}, {args.rounds} rounds in turn, load {os.getloadavg()[0]:.2f}")
    for name, tree in trees.items():
        shown = " ".join(f"{t:.3f}" for t in times[name])
        print(f"{name} ({tree}): median {statistics.median(times[name]):.3f} s  [{shown}]")
    change = statistics.median(times["new"]) - statistics.median(times["old"])
    print(f"new - old: {change:+.3f} s ({change / statistics.median(times['old']):+.1%})")


if __name__ == "__main__":
    main()
