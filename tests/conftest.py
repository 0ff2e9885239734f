"""Suite-wide set-up: no test may read or write the user's own folders.

`make test` must leave nothing outside the repository and out/. Before any test module is
imported, HOME and the XDG folders point at a private folder removed at the end, so
anything that finds a per-user place through them (the game's folder, matplotlib's and
Dask's configuration and caches) lands there; matplotlib's font cache is kept in
.pytest_cache/ instead, so it is not rebuilt every run. `test_home.py` proves it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from rare_earth_game.ui.paths import HOME_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
REAL_HOME_VARIABLE = "RARE_EARTH_TESTS_REAL_HOME"
"""The home folder of whoever runs the tests, which they must never touch (kept here, as
xdist's workers start with the private HOME of the process that started them)."""
os.environ.setdefault(REAL_HOME_VARIABLE, str(Path.home()))
PRIVATE_HOME = Path(tempfile.mkdtemp(prefix="rare-earth-test-home-"))
atexit.register(shutil.rmtree, PRIVATE_HOME, ignore_errors=True)  # at the session's end
os.environ["HOME"] = str(PRIVATE_HOME)
for _variable, _folder in (
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_CACHE_HOME", ".cache"),
):
    os.environ[_variable] = str(PRIVATE_HOME / _folder)
os.environ["MPLCONFIGDIR"] = str(ROOT / ".pytest_cache" / "matplotlib")


@pytest.fixture(scope="session", autouse=True)
def private_game_home() -> Iterator[Path]:
    """Point the game's per-user folder at a private one for the whole session.

    Session-scoped and autouse, so it is set before any other session fixture (such as a
    game shared by several tests) can autosave; function-scoped fixtures may narrow it
    further per test."""
    home = PRIVATE_HOME / "game-home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOME_VARIABLE, str(home))
        yield home
