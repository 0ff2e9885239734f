"""The README's examples work as written, followed in order in a fresh folder.

Every `rare-earth-game` command in a `sh` block runs, in order, in one temporary folder,
and every Python block runs after them. Runs are shortened so the test takes seconds, not
hours: one turn (`--turns 1`), one replication (`--runs 1`); the Python examples play the
tiny test world instead of a whole baseline game. Commands that need what a test machine
has not got (a window, a cluster, SLURM) or that only full-length runs exercise are listed
in SKIPPED with the test that covers them; anything else that does not run is a failure.
Examples that start new results must each name their own folder, so that followed in
order none is refused for a folder already in use.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rare_earth_game.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TINY = ROOT / "tests" / "data" / "tiny.toml"
BLOCK = re.compile(r"```(sh|python)\n(.*?)```", re.DOTALL)
SKIPPED = {
    "play": "opens the window (tests/ui)",
    "--scheduler": "needs a running Dask cluster (tests/batch/test_batch_hardening.py)",
    "--backend dask": "a local Dask cluster (tests/batch/test_batch_runs.py)",
    "--shard": "a SLURM array task (tests/batch/test_batch_runs.py shards)",
    "out/licences_array": "merges the SLURM array's shards, which need SLURM",
    "balance": "plays every card for three seeds (tests/batch/test_balance.py)",
    "calibrate": "full-horizon runs (tests/test_cli_calibrate.py)",
    "experiments/strategies_under_export_licences.toml": "180 games; `make batch` runs it",
    "class report": "a class's folder of saves (tests/report/test_class_report.py)",
    "what_drives_supply_security_2030": "56 games (tests/test_examples.py runs it small)",
    "out/supply_security_2030": "the report of those 56 games",
}
SHORTER = {"--runs": "1", "--seeds": "1", "--turns": "1"}
"""Options whose value the test lowers."""
PYTHON_SHORTER = [
    (".run()", ".run(2)"),
    ('"baseline_2025", seed=1, preset="class_period"', f'r"{TINY}", seed=1, preset="sprint"'),
    (
        '"experiments/strategies_under_export_licences.toml"',
        f'{{"experiment": {{"scenario": r"{TINY}", "turns": 1}}}}',
    ),
    ('"replications": 20, "turns": 8', '"replications": 1, "turns": 1'),
    ('preset="sprint", difficulty="normal"', 'preset="sprint", turns=1, difficulty="normal"'),
]
"""Python examples: two turns of the engine, the tiny world for a game and a sweep."""


def _commands() -> list[list[str]]:
    """Every rare-earth-game command in the README's sh blocks, continuation lines joined."""
    commands = []
    for kind, body in BLOCK.findall(README):
        if kind != "sh":
            continue
        for line in body.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0].endswith("rare-earth-game"):
                commands.append(words[1:])
            elif words[:2] == ["make", "run"]:
                commands.append(["run", "--out", "out/baseline_2025"])  # what `make run` does
    return commands


def _skip_reason(command: list[str]) -> str | None:
    text = " ".join(command)
    return next((why for key, why in SKIPPED.items() if key in text), None)


def _shortened(command: list[str]) -> list[str]:
    words = list(command)
    for option, value in SHORTER.items():
        if option in words:
            words[words.index(option) + 1] = value
    if words[0] in ("run", "batch") and "--turns" not in words and "--resume" not in words[:2]:
        words += ["--turns", "1"]
    if words[0] == "batch":
        words += ["--workers", "2", "-q"]
    return [str(ROOT / w) if (ROOT / w).is_file() and "/" in w else w for w in words]


def test_examples_that_start_results_each_have_their_own_folder() -> None:
    folders = []
    for command in _commands():
        if "--out" in command and "--resume" not in command and command[0] in ("run", "batch"):
            folders.append(command[command.index("--out") + 1])
    assert len(folders) >= 5
    assert len(folders) == len(set(folders)), sorted(folders)


def test_the_readme_examples_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RARE_EARTH_GAME_HOME", str(tmp_path / "home"))
    ran = 0
    for command in _commands():
        if _skip_reason(command):
            continue
        shortened = _shortened(command)
        result = CliRunner().invoke(app, shortened, terminal_width=100)
        assert result.exit_code == 0, f"{shlex.join(command)}\n{result.output}"
        ran += 1
    assert ran >= 10
    for kind, body in BLOCK.findall(README):
        if kind != "python" or "SLURMCluster" in body:
            continue
        for old, new in PYTHON_SHORTER:
            body = body.replace(old, new)
        exec(compile(body, "README.md", "exec"), {"__name__": "readme_example"})
    assert Path("magnets_first.reg.json.gz").is_file()
    assert any((tmp_path / "out" / "notebook").iterdir())
