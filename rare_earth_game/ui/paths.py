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


def platform_user_dir() -> Path:
    """The platform's usual per-user folder, ignoring `RARE_EARTH_GAME_HOME` and creating
    nothing (tests use it to prove they never write there)."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_NAME


def user_dir() -> Path:
    """The per-user data folder (or `RARE_EARTH_GAME_HOME`), created on first use."""
    override = os.environ.get(HOME_VARIABLE)
    folder = Path(override) if override else platform_user_dir()
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
