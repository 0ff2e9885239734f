"""`rare-earth-game --help` is printed from the kept, laid-out help (issue 12: 0.04 s
instead of 0.45 s), and that help is exactly what the CLI itself would print."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from rare_earth_game import entry

ROOT = Path(__file__).resolve().parents[1]
RENDER = runpy.run_path(str(ROOT / "tools" / "render_help.py"))["render"]
STALE = "the kept help is stale: run `python tools/render_help.py` after changing cli.py"


@pytest.mark.parametrize("colour", [False, True])
def test_the_kept_help_is_what_the_cli_lays_out_now(colour: bool) -> None:
    assert entry.kept_help(colour) == RENDER(colour), STALE


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rare_earth_game", *arguments], capture_output=True, text=True
    )


def test_help_prints_the_kept_help_and_exits_0() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout == entry.kept_help(colour=False)
    assert "Usage: rare-earth-game" in result.stdout


def test_the_bare_command_shows_the_help_and_exits_2_as_click_does() -> None:
    result = run()
    assert result.returncode == 2
    assert "Commands" in result.stdout


def test_help_from_a_changed_cli_is_never_printed_from_the_kept_copy(monkeypatch) -> None:
    monkeypatch.setattr(entry, "cli_hash", lambda: "0" * 64)
    assert entry.kept_help(colour=False) is None
