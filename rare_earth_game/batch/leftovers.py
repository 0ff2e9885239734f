"""Temporary files and half-written chunks that a killed batch process leaves behind.

Every file in a results folder is written under a temporary name, then renamed. A process
killed mid-write leaves the temporary file, and one killed between a chunk's turns part and
its runs part leaves an orphan part that no merge will ever take. Both carry the name of
the host and process that wrote them, so a later batch removes those whose writer is gone
(or that are a day old: a writer on another machine), and never a live process's files,
since several shards may write to one folder at once.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

STALE_SECONDS = 24 * 3600
"""A leftover from another machine is removed once it is this old."""


def host() -> str:
    return platform.node().split(".")[0] or "host"


def owner() -> str:
    """`host-pid` of this process, as written into its temporary and chunk names."""
    return f"{host()}-{os.getpid()}"


def temporary_path(path: Path) -> Path:
    """Where to write `path` before renaming it into place."""
    return path.with_name(f".{path.name}.{owner()}.tmp")


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files and orphan parts of writers that are gone; returns them."""
    removed = []
    for place in (folder, folder / "parts", folder / "sessions"):
        if not place.is_dir():
            continue
        for path in place.glob(".*.tmp"):
            if _gone(path.name.removesuffix(".tmp").rsplit(".", 1)[-1], path):
                removed.append(path)
        removed += _orphan_parts(place) if place.name == "parts" else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def remove_own_temporaries(folder: Path) -> None:
    """On the way out: this process's own temporary files (none, unless a write failed)."""
    mine = f".{owner()}.tmp"
    for place in (folder, folder / "parts", folder / "sessions"):
        if place.is_dir():
            for path in place.glob(f".*{mine}"):
                path.unlink(missing_ok=True)


def _orphan_parts(parts: Path) -> list[Path]:
    """Parts of chunks that have no runs part (the part that commits a chunk)."""
    committed = {p.name.removesuffix(".runs.csv") for p in parts.glob("*.runs.csv")}
    orphans = []
    for path in [*parts.glob("*.csv"), *parts.glob("*.npz")]:
        chunk = path.name.rsplit(".", 2)[0]  # CHUNK.TABLE.csv or CHUNK.TABLE.npz
        if chunk in committed:
            continue
        writer = chunk.rsplit("-", 1)[0]  # SESSION-NNNNNN, SESSION = TIME-HOST-PID
        _, _, host_pid = writer.partition("-")
        if _gone(host_pid, path):
            orphans.append(path)
    return orphans


def _gone(host_pid: str, path: Path) -> bool:
    """Whether the writer named `host-pid` can no longer finish `path`."""
    name, _, pid = host_pid.rpartition("-")
    try:
        old = time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False
    if name != host() or not pid.isdigit():
        return old
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return old and int(pid) != os.getpid()
