"""Errors in the window: shown in the scene's error box in the CLI's words, and logged.

A user's mistake (a broken scenario file, a damaged save) reads as the command line would
print it, `error: …` with the problems found; anything else is a fault in the game, shown
as such and written with its traceback to `window.log` in the per-user folder, so it can
be reported. Nothing is swallowed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rare_earth_game.errors import UserError

log = logging.getLogger("rare_earth_game.ui")
LOG_NAME = "window.log"
_SHOWN_DETAILS = 3


def start_log(folder: Path) -> Path:
    """Append the window's log to `folder`/window.log."""
    path = folder / LOG_NAME
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def shown(error: BaseException) -> str:
    """The words for the error box (and the log)."""
    if isinstance(error, UserError):
        log.warning("%s", error)
        details = list(error.details)[:_SHOWN_DETAILS]
        return "\n".join([f"error: {error.summary}", *details])
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return (
        f"an unexpected error in the game ({type(error).__name__}: {error}); it is written "
        f"to {LOG_NAME} in the game's folder, please report it"
    )
