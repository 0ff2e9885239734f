"""Headless window fixtures: SDL's dummy drivers, a private data folder, input helpers.

Screenshots go to out/screenshots/ (or $UI_SCREENSHOTS) as test artefacts.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest
from ui_driver import finish

import rare_earth_game.ui.app as app_module
from rare_earth_game.ui import match, text
from rare_earth_game.ui.app import App
from rare_earth_game.ui.settings import Settings


@pytest.fixture(autouse=True)
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own saves, settings and exports."""
    home = tmp_path / "home"
    monkeypatch.setenv("RARE_EARTH_GAME_HOME", str(home))
    return home


@pytest.fixture
def make_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., App]]:
    apps: list[App] = []

    def make(size: tuple[int, int] = (1280, 720), scale: float = 1.0, **settings: object) -> App:
        app = App(Settings(ui_scale=scale, **settings), size=size, persist=True)  # type: ignore[arg-type]
        apps.append(app)
        text.OVERFLOWS.clear()
        return app

    monkeypatch.setattr(app_module, "TOOLTIP_DELAY", 1e9)  # tests ask for tooltips themselves

    yield make
    pygame.display.quit()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Callable[[App, str], Path]:
    folder = Path(os.environ.get("UI_SCREENSHOTS", "out/screenshots")) / request.node.name

    def shot(app: App, name: str) -> Path:
        return app.screenshot(folder / f"{name}.png")

    return shot


@pytest.fixture(scope="session")
def played(private_game_home: Path) -> match.Match:
    """A Sprint game two turns in, with something funded: shared by read-only tests.

    It autosaves as it plays, into the session's private folder (never the user's)."""
    game = finish(match.start("baseline_2025", 1, "sprint", "normal", "Table 3"))
    options = [o for o in game.session.available_actions() if o.key.startswith("card:")]
    finish(match.end_turn(game, [options[0].action]))
    finish(match.end_turn(game, []))
    return game


@pytest.fixture(scope="session")
def fresh(private_game_home: Path) -> match.Match:
    """A Sprint game before its first turn: the world as the first decision sees it."""
    return finish(match.start("baseline_2025", 1, "sprint", "normal", "Table 3"))
