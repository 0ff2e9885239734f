"""Suite-wide fixtures: no test may read or write the user's own game folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rare_earth_game.ui.paths import HOME_VARIABLE


@pytest.fixture(scope="session", autouse=True)
def private_game_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the game's per-user folder at a temporary one for the whole session.

    Session-scoped and autouse, so it is set before any other session fixture (such as a
    game shared by several tests) can autosave; function-scoped fixtures may narrow it
    further per test."""
    home = tmp_path_factory.mktemp("game-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOME_VARIABLE, str(home))
        yield home
