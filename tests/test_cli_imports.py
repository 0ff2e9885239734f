"""`--help` and `validate` import nothing heavy (issue 12): a classroom machine or a CI job
pays for pandas, numpy, the LP solver, Mesa or the window only in commands that use them."""

import json
import subprocess
import sys

import pytest

HEAVY = {
    "pandas",
    "numpy",
    "scipy",
    "highspy",
    "mesa",
    "matplotlib",
    "pygame",
    "pyarrow",
    "dask",
    "psutil",
}
"""Packages that cost tens to hundreds of ms to import."""

MODULES_AFTER = """
import json, runpy, sys
sys.argv = ["rare-earth-game", *sys.argv[1:]]
try:
    runpy.run_module("rare_earth_game", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*arguments: str) -> set[str]:
    """Every module imported by the time the command has finished, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    last_line = result.stdout.strip().splitlines()[-1]
    return set(json.loads(last_line))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("arguments", [("--help",), ("validate", "baseline_2025")])
def test_help_and_validate_import_nothing_heavy(arguments: tuple[str, ...]) -> None:
    assert top_level(modules_after(*arguments)) & HEAVY == set()


def test_help_does_not_read_the_package_metadata_or_scenarios() -> None:
    modules = modules_after("--help")
    assert "importlib.metadata" not in modules  # the version is read only when asked for
    assert not any(name.startswith("rare_earth_game.scenario") for name in modules)
    assert "pydantic" not in top_level(modules)
