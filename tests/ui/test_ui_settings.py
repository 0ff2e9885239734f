"""Settings survive a restart, and a damaged settings file never stops the game."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
from ui_driver import click, press

from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes.settings import SettingsScene
from rare_earth_game.ui.scenes.title import TitleScene
from rare_earth_game.ui.settings import Settings, load_settings


def test_choices_made_in_the_settings_screen_persist(
    make_app: Callable[..., App], user_home: Path
) -> None:
    app = make_app(size=(1920, 1080))
    app.push(TitleScene(app))
    press(app, pygame.K_s)
    assert isinstance(app.scene, SettingsScene)
    click(app, app.scene.buttons["ui_scale:1.5x"])
    click(app, app.scene.buttons["theme:High"])
    assert app.theme.palette.name == "high_contrast"
    assert app.effective_scale == 1.5
    saved = load_settings(user_home / "settings.json")
    assert (saved.ui_scale, saved.theme) == (1.5, "high_contrast")
    again = App(size=(1920, 1080))
    assert again.settings.ui_scale == 1.5
    assert again.theme.palette.name == "high_contrast"


def test_a_damaged_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text('{"ui_scale": 9, "theme": "neon", "unknown": 1}', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.ui_scale == 2.0
    assert loaded.theme == "standard"


def test_ui_scale_is_capped_to_what_the_window_can_hold(make_app: Callable[..., App]) -> None:
    small = make_app(size=(1024, 600), scale=2.0)
    assert small.effective_scale == 1.6  # 1024 / 640: the smallest layout's width
    assert make_app(size=(1280, 720), scale=2.0).effective_scale == 2.0
