"""Where runs execute: a local process pool, or a Dask cluster, behind one interface.

Both give a `concurrent.futures.Executor`, so the runner has one code path.

- `LocalPool`: `ProcessPoolExecutor` with the spawn start method (the same on every OS,
  and what Mesa sets anyway) and worker processes replaced every `recycle` runs, so the
  per-model memory Mesa 3.3 keeps (every model that had agents stays alive; see
  docs/design.md, "Known traps") cannot grow. Workers start without pyarrow
  (`worker_process.py`): a quarter of a worker's memory, for Parquet only the parent writes.
- `DaskCluster`: a running scheduler (`tcp://host:8786`, e.g. one started by
  dask-jobqueue on SLURM) or, without one, a local cluster of worker processes on free
  ports (a Jupyter or Dask dashboard on 8787 is no obstacle). Needs the `cluster` extra.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import logging
import multiprocessing
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from rare_earth_game.errors import UserError
from rare_earth_game.forking import usable_cores
from rare_earth_game.worker_process import start_worker

DEFAULT_RECYCLE = 100
"""Runs per worker process before it is replaced. A restart costs a second or two (imports);
every 100 runs that is about 1 % of a batch of full-length runs (bench/batch.py)."""


class BackendError(UserError, RuntimeError):
    """The backend cannot start (a missing extra, an unreachable scheduler)."""


class Backend(Protocol):
    name: str

    def executor(self) -> AbstractContextManager[cf.Executor]:
        """Context manager: an executor, shut down on exit."""
        ...

    def slots(self) -> int:
        """How many runs can execute at once, so the runner keeps that many in flight."""
        ...

    def describe(self) -> dict[str, object]:
        """For the session record."""
        ...


@dataclass
class LocalPool:
    workers: int
    recycle: int | None = DEFAULT_RECYCLE
    name: str = "local"

    @contextmanager
    def executor(self) -> Iterator[cf.Executor]:
        pool = cf.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            max_tasks_per_child=self.recycle,
            initializer=start_worker,
        )
        try:
            yield pool
        except BaseException:
            # Interrupted or timed out: do not wait for runs in progress; end their workers.
            # Python 3.11 has no public way to stop busy workers (3.14 adds one), and
            # `shutdown` forgets them, so take them first: a hung worker left alive would
            # keep the interpreter from exiting.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            raise
        pool.shutdown(wait=True)

    def slots(self) -> int:
        return self.workers

    def describe(self) -> dict[str, object]:
        return {"backend": self.name, "workers": self.workers, "recycle": self.recycle}


CONNECT_SECONDS = 10.0
"""How long a scheduler has to answer before the batch says it is not one."""


@dataclass
class DaskCluster:
    scheduler: str | None = None
    workers: int | None = None
    name: str = "dask"
    connect_seconds: float = CONNECT_SECONDS

    def __post_init__(self) -> None:
        self._client: object | None = None
        self._most = 0

    @contextmanager
    def executor(self) -> Iterator[cf.Executor]:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BackendError(
                "the dask backend needs the cluster extra: pip install 'rare-earth-game[cluster]'"
            ) from None
        with ExitStack() as stack:
            if self.scheduler:
                client = self._connect(Client)
            else:
                stack.enter_context(_own_scratch_space())
                # Port 0 everywhere: `dashboard_address=None` still serves HTTP on 8787.
                cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.workers or usable_cores(),
                    threads_per_worker=1,
                    processes=True,
                    scheduler_port=0,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
                stack.callback(cluster.close)
                client = Client(cluster)  # type: ignore[no-untyped-call]
            stack.callback(client.close)
            self._client = client
            try:
                # pure=False: two runs with equal arguments are still two runs.
                executor = client.get_executor(pure=False)
                yield executor
                executor.shutdown(wait=False)
            finally:
                self._client = None

    def _connect(self, client_class: type[Any]) -> Any:
        """A client of the scheduler, or a `BackendError` within `connect_seconds`: a
        server that is not a Dask scheduler may send anything (an HTTP page read as a
        frame length asks for exabytes) or nothing at all. Dask's own timeout covers the
        TCP connection but not the handshake after it, so a web server that waits for a
        request would hold the client forever; the handshake is tried first, timed."""
        try:
            asyncio.run(self._handshake())
            return client_class(self.scheduler, timeout=f"{self.connect_seconds:g}s")
        except Exception as error:  # MemoryError and the handshake's TimeoutError included
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise BackendError(
                f"{self.scheduler} did not answer as a Dask scheduler within "
                f"{self.connect_seconds:g} s ({reason}); check the address and that "
                "`dask scheduler` runs there"
            ) from None

    async def _handshake(self) -> None:
        """Connect and exchange Dask's handshake, all within `connect_seconds`."""
        from distributed.comm.core import connect

        assert self.scheduler is not None
        comm = await asyncio.wait_for(
            connect(self.scheduler, timeout=self.connect_seconds),  # type: ignore[no-untyped-call]
            self.connect_seconds,
        )
        await comm.close()

    def slots(self) -> int:
        """Threads on the cluster now: a SLURM cluster grows as its jobs start."""
        nthreads = getattr(self._client, "nthreads", None)
        threads = sum(nthreads().values()) if nthreads else 0
        self._most = max(self._most, threads)
        return max(1, threads)

    def describe(self) -> dict[str, object]:
        """`workers`: the most worker threads seen on the cluster (None before it starts)."""
        return {"backend": self.name, "scheduler": self.scheduler, "workers": self._most or None}


@contextmanager
def _own_scratch_space() -> Iterator[None]:
    """A local cluster's scheduler and workers keep their scratch files (locks, spilled
    data) in a folder of the batch's own, removed on the way out; left to themselves they
    leave dask-scratch-space/ in the system's temporary folder."""
    import dask

    parent = dask.config.get("temporary-directory", None)
    with (
        tempfile.TemporaryDirectory(prefix="rare-earth-dask-", dir=parent) as scratch,
        dask.config.set({"temporary-directory": scratch}),
    ):
        yield
