"""The test suite keeps out of the user's own game folder: `make test` once left a saved
game there, and the title screen's Continue then opened the test's game."""

from __future__ import annotations

import os
from pathlib import Path

from rare_earth_game.ui import match, paths, saves


def test_the_shared_game_autosaves_into_the_suites_private_folder(
    played: match.Match, private_game_home: Path
) -> None:
    assert played.saved is not None
    saved = Path(played.saved.path).resolve()
    assert saved.is_relative_to(private_game_home.resolve())
    assert not saved.is_relative_to(paths.platform_user_dir().resolve())


def test_every_test_gets_a_folder_of_its_own(user_home: Path, private_game_home: Path) -> None:
    assert paths.user_dir() == user_home
    assert not user_home.resolve().is_relative_to(paths.platform_user_dir().resolve())
    assert os.environ[paths.HOME_VARIABLE] == str(user_home)


def test_no_saved_game_of_the_suite_is_offered_to_continue(
    played: match.Match, user_home: Path
) -> None:
    assert saves.latest() is None
    assert saves.listed() == []
