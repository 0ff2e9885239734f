"""Figures for untrusted input: the malformed-save corpus and `validate` on each scenario.

Every file in tests/data/saves/bad/ is opened as a teacher's `replay` would; each must end
in a `SaveError`, quickly and without the memory a decompression bomb asks for. Then
`rare-earth-game validate` is timed on every shipped scenario, as an author runs it: a
fresh process (imports included) and, apart, the load and checks alone.

    .venv/bin/python bench/hardening.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from rare_earth_game.game import GameSession, SaveError
from rare_earth_game.scenario.catalog import builtin_scenarios, lint_scenario

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "saves" / "bad"


def save_corpus() -> None:
    """Open every malformed save; print how each ended and the slowest."""
    kinds = json.loads((BAD / "corpus.json").read_text(encoding="utf-8"))
    outcomes: dict[str, int] = {}
    slowest = (0.0, "")
    for name in sorted(kinds):
        started = time.perf_counter()
        try:
            GameSession.load(BAD / name)
            outcome = "loaded (wrong: it is damaged)"
        except SaveError:
            outcome = "SaveError"
        except Exception as error:  # a bench reports what a test would fail on
            outcome = f"{type(error).__name__} (wrong: not a SaveError)"
        seconds = time.perf_counter() - started
        slowest = max(slowest, (seconds, name))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Malformed saves: {len(kinds)} files in {BAD.relative_to(ROOT)}")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {count:3d}  {outcome}")
    print(f"  slowest {slowest[0]:.2f} s ({slowest[1]}); peak memory of this process {peak:.0f} MB")


def validate_times() -> None:
    """`validate` on each shipped scenario: the command, then the checks alone."""
    print("validate on the shipped scenarios (best of 3):")
    for entry in builtin_scenarios():
        command = [sys.executable, "-m", "rare_earth_game", "validate", entry.name]
        whole = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            whole.append(time.perf_counter() - started)
        checks = []
        for _ in range(3):
            started = time.perf_counter()
            lint_scenario(entry.name)  # loads it with every check, then the warnings
            checks.append(time.perf_counter() - started)
        print(
            f"  {entry.name:<16} {min(whole):5.2f} s the command, "
            f"{min(checks):5.2f} s of it loading, checking and warning"
        )


if __name__ == "__main__":
    save_corpus()
    validate_times()
