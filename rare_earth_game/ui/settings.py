"""The player's display preferences, kept between games in a small JSON file.

A damaged or old settings file never stops the game: unknown keys are ignored and bad
values fall back to their defaults.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from rare_earth_game.ui.classroom import clean_pin
from rare_earth_game.ui.paths import settings_file

UI_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
THEMES = ("standard", "high_contrast")


@dataclass
class Settings:
    ui_scale: float = 1.0
    theme: str = "standard"
    fullscreen: bool = False
    window_size: tuple[int, int] = (1280, 720)
    moving_ticker: bool = True
    export_dir: str = ""  # empty: the per-user exports folder
    teacher_pin: str = ""  # empty: the teacher's controls open without a PIN

    def normalised(self) -> Settings:
        """Clamp every field into its allowed range."""
        scale = min(UI_SCALES, key=lambda s: abs(s - float(self.ui_scale)))
        width, height = (int(v) for v in self.window_size)
        return Settings(
            ui_scale=scale,
            theme=self.theme if self.theme in THEMES else "standard",
            fullscreen=bool(self.fullscreen),
            window_size=(max(800, min(7680, width)), max(500, min(4320, height))),
            moving_ticker=bool(self.moving_ticker),
            export_dir=str(self.export_dir),
            teacher_pin=clean_pin(self.teacher_pin),
        )


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_file()
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    try:
        if "window_size" in values:
            values["window_size"] = tuple(values["window_size"])[:2]
        return Settings(**values).normalised()
    except (TypeError, ValueError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically, so a crash never leaves half a file."""
    path = path or settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings.normalised())
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(data, stream, indent=2)
    Path(temporary).replace(path)
    return path
