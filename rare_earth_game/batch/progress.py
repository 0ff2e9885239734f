"""Progress of a batch: a rich bar with counts, failures and the time left, or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import TaskID


class Reporter(Protocol):
    """Told how a batch advances; `run_sweep` accepts any object with these methods."""

    def start(self, total: int, done: int) -> None: ...

    def advance(self, finished: int, failed: int) -> None: ...

    def stop(self) -> None: ...


class Silent:
    """No progress shown (scripts, notebooks, tests)."""

    def start(self, total: int, done: int) -> None:
        pass

    def advance(self, finished: int, failed: int) -> None:
        pass

    def stop(self) -> None:
        pass


class Bar:
    """A bar on stderr: runs done of total, failures, elapsed time and ETA."""

    def __init__(self, title: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("runs"),
            TextColumn("{task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._title = title
        self._task: TaskID | None = None
        self._failed = 0

    def start(self, total: int, done: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task(self._title, total=total, completed=done, failed="")

    def advance(self, finished: int, failed: int) -> None:
        if self._task is None:
            return
        self._failed += failed
        note = f"[red]{self._failed} failed[/]" if self._failed else ""
        self._progress.update(self._task, advance=finished, failed=note)

    def stop(self) -> None:
        self._progress.stop()
