"""The folders runs write to: checked before any work, each kind of run in its own, and
holding only what the last run wrote.

A game takes minutes to play, so a folder that cannot be written must be found out before
the first turn, not after the last. `rare-earth-game run` writes a headless run, a
strategy's game and a shortened run to different default folders; given one folder for
all, each run removes the files another kind of run left there, so a folder never mixes
two runs' tables.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rare_earth_game.errors import describe_os_error

OUTPUT_STEMS = (
    "model",
    "flows",
    "markets",
    "facilities",
    "notes",
    "game",
    "baseline",
    "actions",
    "ai_moves",
    "scorecard",
)
"""Every table a run of either kind writes, as `<stem>.csv` and `<stem>.parquet`."""
OUTPUT_FILES = ("chart.png", "reports.txt", "game.reg.json.gz")


def default_run_folder(scenario: str, strategy: str | None, turns: int | None) -> Path:
    """out/SCENARIO, out/SCENARIO-STRATEGY, with -turnsN when the run is shortened."""
    name = Path(scenario).stem
    if strategy is not None:
        name += "-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", strategy)
    if turns is not None:
        name += f"-turns{turns}"
    return Path("out") / name


def check_writable(folder: Path, option: str = "--out") -> None:
    """Create `folder` if needed and prove a file can be written there; raises
    `FileAccessError` naming the option otherwise."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".write-check-", dir=folder)
        os.close(handle)
        Path(probe).unlink()
    except OSError as error:
        raise describe_os_error(error, f"{option} {folder}", "write to") from None


@contextmanager
def written(path: Path) -> Iterator[None]:
    """Turn an `OSError` while writing `path` (a full disk, a lost mount) into the user's
    `FileAccessError`."""
    try:
        yield
    except OSError as error:
        raise describe_os_error(error, path, "write") from None


@contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary name beside `path` to write to, renamed to `path` when the block ends
    well and removed when it does not (Ctrl-C, SIGTERM, a full disk), so an interrupted
    run never leaves a table or chart cut short. The suffix is kept: writers choose the
    format from it."""
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        yield temporary
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def clear_stale(folder: Path, kept: list[Path]) -> None:
    """Remove the run files in `folder` that the last run did not write, and what writes
    cut short by a killed process (SIGKILL) left there."""
    for leftover in folder.glob(".*.partial.*"):
        leftover.unlink(missing_ok=True)
    keep = {path.name for path in kept}
    names = [f"{stem}.{ext}" for stem in OUTPUT_STEMS for ext in ("csv", "parquet")]
    for name in [*names, *OUTPUT_FILES]:
        if name not in keep:
            (folder / name).unlink(missing_ok=True)
