"""The tests keep out of the home folder of whoever runs them (`make test` must leave no
file outside the repository and out/; it once left a game in ~/.local/share)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib

from rare_earth_game.ui import paths

ROOT = Path(__file__).resolve().parent.parent
REAL_HOME = Path(os.environ["RARE_EARTH_TESTS_REAL_HOME"])
PRIVATE_HOME = Path.home()


def _outside_home(folder: Path) -> bool:
    """Inside the repository, or anywhere but the real home folder."""
    place = folder.resolve()
    return place.is_relative_to(ROOT) or not place.is_relative_to(REAL_HOME.resolve())


def test_every_per_user_folder_is_a_private_one() -> None:
    assert PRIVATE_HOME.name.startswith("rare-earth-test-home-")
    assert PRIVATE_HOME.is_dir()
    folders = {
        "the game's folder": paths.user_dir(),
        "the game's platform folder": paths.platform_user_dir(),
        "matplotlib's configuration": Path(matplotlib.get_configdir()),
        "matplotlib's cache": Path(matplotlib.get_cachedir()),
    }
    if REAL_HOME.resolve() != Path("/"):
        for what, folder in folders.items():
            assert _outside_home(folder), f"{what} is {folder}, in {REAL_HOME}"
    assert paths.platform_user_dir().is_relative_to(PRIVATE_HOME)


def test_a_command_run_by_a_test_finds_the_private_home_too(tmp_path: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", "from pathlib import Path; print(Path.home())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(found) == PRIVATE_HOME
