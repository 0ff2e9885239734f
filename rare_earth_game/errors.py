"""One family of errors, so that callers can tell whose mistake an error is.

    RareEarthGameError
    ├── UserError         the user's input is wrong: a scenario, an experiment, a save, a
    │                     game's settings, a path they named. The CLI prints it as
    │                     `error: …` (with FILE:LINE: lines first where there are any) and
    │                     exits 2; the window shows it in a dialog. Never a traceback.
    └── ApiMisuseError    a program used the API wrongly (a turn after the game's end, a
                          step past the horizon): a bug in the calling code, so it keeps
                          its traceback.

Errors of the engine's own (a bug) are ordinary Python exceptions and stay so.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


class RareEarthGameError(Exception):
    """Any error this package raises on purpose."""


class UserError(RareEarthGameError):
    """Something the user gave us is wrong; the message says what and how to fix it.

    `details` are compiler-style lines (`file:line:col: key: message`) shown before the
    message when there are several problems; most errors have none.
    """

    @property
    def details(self) -> Sequence[str]:
        return ()

    @property
    def summary(self) -> str:
        """The one-line message after `error:`."""
        return str(self)


class ApiMisuseError(RareEarthGameError):
    """The API was called in a way it does not support; fix the calling code."""


class FileAccessError(UserError):
    """A file or folder the user named cannot be read, created or written."""


def describe_os_error(error: OSError, path: object, doing: str) -> FileAccessError:
    """A plain sentence for an `OSError` on a user's path: `cannot write out/x: …`."""
    reason = error.strerror or str(error)
    return FileAccessError(f"cannot {doing} {path}: {reason}")


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (`kill`, SLURM, a closing terminal) stops the work as Ctrl-C does, so the
    same clean-up runs; the previous handler is put back. Only the main thread can set a
    handler: elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
