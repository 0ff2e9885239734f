"""Where the window finds its assets and keeps each user's settings, autosaves and exports.

The per-user folder is the platform's usual place (`~/.local/share/rare-earth-game` on
Linux, `%APPDATA%` on Windows, `~/Library/Application Support` on macOS). The environment
variable `RARE_EARTH_GAME_HOME` moves it, so tests and lab machines can keep it elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HOME_VARIABLE = "RARE_EARTH_GAME_HOME"
APP_NAME = "rare-earth-game"


def assets_dir() -> Path:
    """The bundled fonts and map: the source tree, or a copy inside an installed package."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "assets", package / "_assets"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("the game's assets folder (fonts, map) is missing")


def user_dir() -> Path:
    """The per-user data folder, created on first use."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        folder = Path(override)
    elif sys.platform == "win32":
        folder = Path(os.environ.get("APPDATA", Path.home())) / APP_NAME
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        folder = Path(base) / APP_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings_file() -> Path:
    return user_dir() / "settings.json"


def saves_dir() -> Path:
    folder = user_dir() / "saves"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_export_dir() -> Path:
    return user_dir() / "exports"
