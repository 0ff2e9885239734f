"""Slow game work (a turn, a replayed save, the baseline) off the drawing loop.

The loop polls `Job.done` each frame and keeps drawing, so the window never freezes. While
a job runs the scene shows progress and does not read the session: the job owns it until
it finishes, and hands back everything the scene will draw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class Job(Generic[T]):
    def __init__(self, work: Callable[[], T], label: str) -> None:
        self.label = label
        self._result: T | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name=label)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._result = work()
        except Exception as error:  # shown to the player, never lost
            self.error = error

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def result(self) -> T:
        """The work's return value once done (None is a value); re-raises its error."""
        assert self.done, "read a job's result once it is done"
        if self.error is not None:
            raise self.error
        return cast(T, self._result)
