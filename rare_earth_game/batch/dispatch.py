"""Handing runs to an executor and collecting them as they finish.

A bounded number of runs is kept in flight (twice the executor's slots), so a batch of
any size uses little memory and stops promptly. Whatever finished together is passed on
together, to be written at once.

A run that kills its worker process (a crash in native code, the out-of-memory killer)
breaks a whole process pool, and with it every run then in flight. Those runs are not
blamed together: the pool is restarted and each is tried again alone, so only a run that
kills a pool by itself is recorded as failed.

With a run timeout, every worker is started (and has imported the game) before the first
run is handed out, and only as many runs as there are slots are in flight, so a run's
clock starts about when it does (a worker replaced mid-batch, every `recycle` runs, starts
on the clock of its next run); a run past its time is recorded as failed, the executor (and with it
the hung worker) is shut down, and the runs that were beside it start again in a new one.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool

from rare_earth_game.batch.executors import Backend, BackendError
from rare_earth_game.batch.outcomes import empty_outcomes
from rare_earth_game.batch.plan import RunTask
from rare_earth_game.batch.worker import RunOutput, ready, run_row, run_task

WORKER_DIED = "the worker process died while running it (a crash or out of memory)"
_DEATHS_BEFORE_GIVING_UP = 2


def dispatch(
    tasks: Sequence[RunTask],
    backend: Backend,
    on_finished: Callable[[list[RunOutput]], None],
    run_timeout: float | None = None,
) -> None:
    """Run every task on `backend`, calling `on_finished` with each group that finishes;
    a run that takes longer than `run_timeout` seconds fails."""
    _Dispatch(backend, on_finished, tasks, run_timeout).run()


class _RunTimeoutError(Exception):
    """Raised inside an executor's block to shut it down, hung workers and all."""


def failed_output(task: RunTask, error: str) -> RunOutput:
    """The record of a run that never returned."""
    row = run_row(task, "failed", error.splitlines()[0], empty_outcomes(task.settings.baseline))
    return RunOutput(task.run_id, row, None, None, error, 0.0)


class _Dispatch:
    def __init__(
        self,
        backend: Backend,
        on_finished: Callable[[list[RunOutput]], None],
        tasks: Sequence[RunTask],
        run_timeout: float | None = None,
    ) -> None:
        self.backend = backend
        self.run_timeout = run_timeout
        self.on_finished = on_finished
        self.waiting = deque(tasks)
        self.suspects: deque[RunTask] = deque()
        self.returned = 0
        self.deaths = 0

    def run(self) -> None:
        while self.waiting or self.suspects:
            try:
                with self.backend.executor() as executor:
                    broke = self._until_broken(executor)
            except _RunTimeoutError:
                continue
            if not broke:
                return

    def _until_broken(self, executor: cf.Executor) -> bool:
        """Run tasks until none are left (False) or the pool breaks (True)."""
        if self.run_timeout is not None:
            cf.wait([executor.submit(ready) for _ in range(self.backend.slots())])
        in_flight: dict[cf.Future[RunOutput], RunTask] = {}
        started: dict[cf.Future[RunOutput], float] = {}
        alone: RunTask | None = None
        broken: list[RunTask] = []
        pool_broke = False
        while self.waiting or self.suspects or in_flight:
            if not pool_broke:
                if self.suspects and not in_flight:
                    alone = self.suspects.popleft()
                    in_flight[executor.submit(run_task, alone)] = alone
                elif not self.suspects:
                    most = self.backend.slots() * (1 if self.run_timeout else 2)
                    for _ in range(min(most - len(in_flight), len(self.waiting))):
                        task = self.waiting.popleft()
                        in_flight[executor.submit(run_task, task)] = task
                for future in in_flight:
                    started.setdefault(future, time.monotonic())
            if not in_flight:
                break
            done, _ = cf.wait(in_flight, self._patience(started), cf.FIRST_COMPLETED)
            if not done:
                self._give_up_on_late(in_flight, started)
            finished = []
            for future in done:
                task = in_flight.pop(future)
                try:
                    finished.append(future.result())
                    self.returned += 1
                except BrokenProcessPool:
                    pool_broke = True
                    if task is alone:
                        self._died_alone()
                        finished.append(failed_output(task, WORKER_DIED))
                    else:
                        broken.append(task)
                except Exception as error:  # e.g. Dask gave up on a run that killed workers
                    finished.append(failed_output(task, f"{type(error).__name__}: {error}"))
            if finished:
                self.on_finished(finished)
            if pool_broke and not in_flight:
                self.suspects.extend(sorted(broken, key=lambda t: t.run_id))
                return True
        return False

    def _patience(self, started: dict[cf.Future[RunOutput], float]) -> float | None:
        """Seconds until the oldest run in flight runs out of time (None: no limit)."""
        if self.run_timeout is None or not started:
            return None
        return max(0.0, min(started.values()) + self.run_timeout - time.monotonic())

    def _give_up_on_late(
        self,
        in_flight: dict[cf.Future[RunOutput], RunTask],
        started: dict[cf.Future[RunOutput], float],
    ) -> None:
        """Record the runs past their time as failed and put the others back in line;
        raising `_RunTimeoutError` shuts the executor down, hung worker included."""
        assert self.run_timeout is not None
        now = time.monotonic()
        late = [f for f in in_flight if now - started[f] >= self.run_timeout]
        if not late:
            return
        message = f"took longer than the run timeout of {self.run_timeout:g} s; stopped"
        self.on_finished([failed_output(in_flight.pop(f), message) for f in late])
        for future in in_flight:
            future.cancel()
        self.waiting.extendleft(sorted(in_flight.values(), key=lambda t: -t.run_id))
        raise _RunTimeoutError

    def _died_alone(self) -> None:
        """Give up when workers die before any run has come back: they cannot start."""
        self.deaths += 1
        if self.returned == 0 and self.deaths >= _DEATHS_BEFORE_GIVING_UP:
            raise BackendError(
                "worker processes die before finishing any run, so none can start. From a "
                'script, call run_sweep under `if __name__ == "__main__":` (worker '
                "processes import the script again)."
            )
