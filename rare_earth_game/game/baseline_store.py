"""Finished no-new-policy games kept on disk, so a save replayed in a new process, a class's
teams on different machines' sessions, or a batch's workers never play the same comparison
game twice.

The comparison game is a pure function of the scenario's content, the seed, the player, the
preset, the difficulty and the lens, and of the program that plays it: each entry's name
is a hash of those and of the engine's code and numerical libraries, so a changed rule or a
new solver version misses the store instead of reading a stale game. Only whole games are
kept (one file each: its history and its per-turn observations).

`RARE_EARTH_GAME_CACHE` sets the folder (default: `$XDG_CACHE_HOME/rare-earth-game`, or
`~/.cache/rare-earth-game`); `off` turns the store off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable

    import pandas as pd

    from rare_earth_game.game.observe import TurnObservation

ENV = "RARE_EARTH_GAME_CACHE"
LIBRARIES = ("mesa", "numpy", "scipy", "highspy", "pandas")
"""Packages whose version can change a game's numbers."""
FORMAT = 1
"""Bump when what an entry holds changes shape."""


@dataclass(frozen=True)
class FinishedGame:
    """A whole comparison game: its history table and each turn's observations."""

    history: pd.DataFrame
    observations: list[TurnObservation]


def folder() -> Path | None:
    """Where entries live, or None when the store is off."""
    setting = os.environ.get(ENV, "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rare-earth-game"


def load(key: Hashable) -> FinishedGame | None:
    """The finished game stored under `key`, or None (store off, not there, unreadable)."""
    path = _path(key)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as stored:
            game = pickle.load(stored)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a damaged or foreign entry is played again and overwritten
    return game if isinstance(game, FinishedGame) else None


def save(key: Hashable, game: FinishedGame) -> None:
    """Keep `game` under `key`; written whole or not at all, so readers in other processes
    never see half a file. A store that cannot be written is skipped silently: it only
    saves time."""
    path = _path(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(game, out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(partial).replace(path)
    except OSError:
        return


def _path(key: Hashable) -> Path | None:
    where = folder()
    if where is None:
        return None
    name = hashlib.sha256(repr((FORMAT, program_fingerprint(), key)).encode()).hexdigest()
    return where / "baselines" / f"{name}.pickle"


@cache
def program_fingerprint() -> str:
    """A hash of this package's Python source and the versions of the libraries that do
    its numbers: what, besides the inputs, decides a game's results."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} missing".encode())
    return digest.hexdigest()
