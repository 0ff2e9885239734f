"""`run_sweep`: run an experiment's runs in parallel, writing results as they finish.

    from rare_earth_game.batch import run_sweep

    result = run_sweep("experiments/strategies_under_export_licences.toml", out="out/sweep")
    result.runs.groupby("strategy")["player.supply_security"].describe()

The same spec and entropy give byte-identical tables whatever the number of workers, the
backend, or how often the batch was interrupted and resumed (see seeds.py and store.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import platform
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from rare_earth_game.batch.dispatch import dispatch
from rare_earth_game.batch.executors import (
    DEFAULT_RECYCLE,
    Backend,
    DaskCluster,
    LocalPool,
)
from rare_earth_game.batch.experiment import prepare
from rare_earth_game.batch.leftovers import clean_leftovers, remove_own_temporaries
from rare_earth_game.batch.manifest import (
    BASE_KEYS,
    FORMAT,
    MANIFEST,
    SESSIONS,
    differences,
    manifest_base,
    now,
    read_manifest,
    session_id,
    write_json,
    write_manifest,
)
from rare_earth_game.batch.manifest import (
    sessions as manifest_sessions,
)
from rare_earth_game.batch.plan import RunTask, plan_runs
from rare_earth_game.batch.progress import Reporter, Silent
from rare_earth_game.batch.seeds import as_entropy, fresh_entropy
from rare_earth_game.batch.spec import (
    ExperimentSpec,
    SpecSource,
    read_spec,
    spec_from_data,
)
from rare_earth_game.batch.store import ResultStore, default_format
from rare_earth_game.batch.worker import RunOutput
from rare_earth_game.errors import FileAccessError, UserError, sigterm_as_interrupt
from rare_earth_game.forking import usable_cores
from rare_earth_game.report.folders import check_writable

SpecLike = ExperimentSpec | dict[str, Any] | str | Path


class BatchError(UserError, ValueError):
    """A batch that cannot start as asked: the user's to fix (exit code 2 in the CLI)."""


@dataclass
class SweepResult:
    """A batch's tables as DataFrames, and its manifest."""

    runs: pd.DataFrame
    turns: pd.DataFrame
    flows: pd.DataFrame | None
    manifest: dict[str, Any]
    folder: Path | None = None

    @property
    def failures(self) -> pd.DataFrame:
        return self.runs[self.runs["status"] != "ok"]


@dataclass(frozen=True)
class Shard:
    """Part `index` of `count` (0-based): the runs whose id leaves that remainder."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise BatchError(f"--shard takes I/N, e.g. 0/10 (got '{text}')") from None
        if not 0 <= index < count:
            raise BatchError(f"--shard I/N needs 0 <= I < N, e.g. 0/10 (got '{text}')")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class _Session:
    """This process's record in DIR/sessions/."""

    folder: Path
    data: dict[str, Any]
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    simulation: float = 0.0
    finished: int = 0

    def write(self) -> None:
        self.data.update(
            runs_finished=self.finished,
            runs_failed=len(self.failures),
            worker_seconds=round(self.seconds, 3),
            simulation_seconds=round(self.simulation, 3),
            failures=self.failures,
        )
        write_json(self.folder / SESSIONS / f"{self.data['id']}.json", self.data)


def load_spec(spec: SpecLike, *, allow_code: bool = False) -> tuple[ExperimentSpec, SpecSource]:
    """A spec object, a dict as a TOML spec would parse to, or the path of a spec file."""
    if isinstance(spec, ExperimentSpec | dict):
        # Written in Python by the user: their paths and modules are theirs to choose.
        source = SpecSource("<spec>", folder=Path.cwd(), confined=False, allow_code=allow_code)
        if isinstance(spec, ExperimentSpec):
            return spec, source
        return spec_from_data(spec, source), source
    return read_spec(Path(spec), allow_code=allow_code)


def run_sweep(
    spec: SpecLike,
    *,
    out: str | Path | None = None,
    workers: int | None = None,
    backend: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    shard: Shard | None = None,
    entropy: int | None = None,
    recycle: int | None = DEFAULT_RECYCLE,
    progress: Reporter | None = None,
    source: SpecSource | None = None,
    allow_code: bool = False,
    run_timeout: float | None = None,
) -> SweepResult:
    """Run an experiment and return its tables; see the module docstring.

    `out` is the results folder (a temporary one, removed afterwards, if None). `workers`
    defaults to every core. `backend` is "local" (a process pool) or "dask" (`scheduler`
    an address like tcp://host:8786, or None for a local Dask cluster). `resume` continues
    a batch in `out`, skipping finished runs. `shard` runs only part of the batch (for
    SLURM job arrays). `recycle` is how many runs a local worker process plays before it
    is replaced (None: never). `progress` is told how the batch advances (see progress.py).
    `source` says where `spec` came from, so problems are shown there (the CLI passes it).
    `allow_code` lets the strategy modules the spec names be imported (they run with your
    rights). `run_timeout` fails a run that takes longer, in seconds, and goes on.
    Raises `SpecError` or `BatchError` for mistakes, before any run.
    """
    if out is None:
        with tempfile.TemporaryDirectory(prefix="rare-earth-sweep-") as temporary:
            result = run_sweep(
                spec,
                out=temporary,
                workers=workers,
                backend=backend,
                scheduler=scheduler,
                shard=shard,
                entropy=entropy,
                recycle=recycle,
                progress=progress,
                source=source,
                allow_code=allow_code,
                run_timeout=run_timeout,
            )
            result.folder = None
            return result
    folder = Path(out)
    if source is None:
        loaded, loaded_source = load_spec(spec, allow_code=allow_code)
    else:
        assert isinstance(spec, ExperimentSpec)
        loaded, loaded_source = spec, source
    if run_timeout is not None and not run_timeout > 0:
        raise BatchError(f"the run timeout must be more than 0 seconds (got {run_timeout})")
    prepared = prepare(loaded, loaded_source)
    check_writable(folder, "the results folder")
    clean_leftovers(folder)
    manifest = read_manifest(folder)
    fmt = manifest["tables"]["format"] if manifest else default_format()
    store = ResultStore(folder, fmt)
    if not resume and manifest is not None:
        if store.has_results():
            raise BatchError(
                f"{folder} already holds results; continue that batch with --resume "
                "(resume=True in Python), or choose another folder"
            )
        _forget_unstarted(folder)
        manifest = None
    chosen = _entropy(entropy, loaded, manifest)
    if shard is not None and entropy is None and loaded.experiment.entropy is None:
        raise BatchError(
            "every shard must use the same seeds: give the entropy (--entropy N, or "
            "entropy = N in the experiment file)"
        )
    base = manifest_base(prepared, loaded_source, chosen, fmt)
    if manifest is not None:
        problems = differences(manifest, base)
        if problems:
            raise BatchError(
                f"{folder} holds another experiment, so it cannot be resumed with this "
                "one:\n  " + "\n  ".join(problems)
            )
    tasks = plan_runs(prepared, chosen)
    planned = len(tasks)
    if shard is not None:
        tasks = [t for t in tasks if t.run_id % shard.count == shard.index]
    done = store.finished()
    todo = [t for t in tasks if t.run_id not in done]
    executor = _backend(backend, scheduler, workers, recycle)
    with _on_disk_errors(folder):
        return _run(
            folder, store, executor, tasks, todo, base, planned, shard, progress, run_timeout
        )


def _run(
    folder: Path,
    store: ResultStore,
    executor: Backend,
    tasks: list[RunTask],
    todo: list[RunTask],
    base: dict[str, Any],
    planned: int,
    shard: Shard | None,
    progress: Reporter | None,
    run_timeout: float | None,
) -> SweepResult:
    """Play the runs to do, recording each group as it finishes; then merge and record."""
    started = dt.datetime.now(dt.UTC)
    session = _Session(
        folder,
        {
            "id": session_id(started),
            "started": started.isoformat(timespec="milliseconds"),
            "ended": None,
            "host": platform.node(),
            **executor.describe(),
            "shard": str(shard) if shard else None,
            "runs_assigned": len(tasks),
            "runs_to_do": len(todo),
            "interrupted": False,
            "argv": list(sys.argv),
        },
    )
    session.write()
    write_manifest(folder, base, store.runs(), planned)
    reporter = progress or Silent()
    reporter.start(len(tasks), len(tasks) - len(todo))
    chunks = itertools.count()

    def finished(outputs: list[RunOutput]) -> None:
        store.write_chunk(f"{session.data['id']}-{next(chunks):06d}", outputs)
        for output in outputs:
            session.seconds += output.seconds
            session.simulation += output.simulation
            if not output.ok:
                session.failures.append(
                    {
                        "run_id": output.run_id,
                        "error": output.row["error"],
                        "traceback": output.trace,
                    }
                )
        session.finished += len(outputs)
        session.write()  # so `load_results` and other shards see progress as it happens
        reporter.advance(len(outputs), sum(not o.ok for o in outputs))

    stopped: BaseException | None = None
    with sigterm_as_interrupt():
        try:
            if todo:
                dispatch(todo, executor, finished, run_timeout)
        except BaseException as error:  # recorded below, then raised again
            session.data["interrupted"] = isinstance(error, KeyboardInterrupt)
            stopped = error
        finally:
            reporter.stop()
        session.data.update(executor.describe(), ended=now())
        if stopped is not None and session.finished == 0 and not store.has_results():
            _forget_session(folder, session.data["id"])  # nothing ran: leave no trace
            raise stopped
        session.write()
        try:
            tables = store.tables() if shard is not None else store.merge()
            final = write_manifest(folder, base, tables.get("runs"), planned)
        except KeyboardInterrupt:  # a merge stopped half-way loses nothing; resume redoes it
            session.data["interrupted"] = True
            session.write()
            raise
        finally:
            remove_own_temporaries(folder)  # a write cut short by the stop leaves its own
    if stopped is not None:
        raise stopped
    return SweepResult(
        tables.get("runs", pd.DataFrame()),
        tables.get("turns", pd.DataFrame()),
        tables.get("flows"),
        final,
        folder,
    )


@contextmanager
def _on_disk_errors(folder: Path) -> Iterator[None]:
    """A full or read-only disk mid-batch: one plain sentence (the finished runs are safe)."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise FileAccessError(
            f"cannot write to the results folder {folder}: {reason}. Every run that "
            "finished before is saved there; make room (or fix the folder) and continue "
            "with --resume"
        ) from None


def _forget_unstarted(folder: Path) -> None:
    """A folder with a manifest but no results (its backend never started, or it was
    stopped before any run finished) starts afresh, unless a batch is still running."""
    running = [s["id"] for s in manifest_sessions(folder) if s.get("ended") is None]
    if running:
        raise BatchError(
            f"{folder} has a batch starting in it ({', '.join(running)}); wait for it, or "
            "continue it with --resume"
        )
    for record in (folder / SESSIONS).glob("*.json"):
        record.unlink()
    (folder / MANIFEST).unlink(missing_ok=True)


def _forget_session(folder: Path, session: str) -> None:
    (folder / SESSIONS / f"{session}.json").unlink(missing_ok=True)
    if not any((folder / SESSIONS).glob("*.json")):
        (folder / MANIFEST).unlink(missing_ok=True)


def resume_spec(
    folder: str | Path, *, allow_code: bool = False
) -> tuple[ExperimentSpec, SpecSource]:
    """The experiment recorded in a results folder, to resume it without its spec file."""
    path = Path(folder)
    manifest = read_manifest(path)
    if manifest is None or manifest.get("format") != FORMAT:
        raise BatchError(f"{path} holds no batch to resume (no {path / 'manifest.json'})")
    source = SpecSource(
        str(path / "manifest.json"), folder=Path(manifest["spec_folder"]), allow_code=allow_code
    )
    return spec_from_data(manifest["spec"], source), source


def load_results(folder: str | Path) -> SweepResult:
    """The tables of a results folder, parts not yet merged included (nothing is written)."""
    path = Path(folder)
    manifest = read_manifest(path)
    if manifest is None or manifest.get("format") != FORMAT:
        raise BatchError(f"{path} holds no batch results (no {path / 'manifest.json'})")
    tables = ResultStore(path, manifest["tables"]["format"]).tables()
    return SweepResult(
        tables.get("runs", pd.DataFrame()),
        tables.get("turns", pd.DataFrame()),
        tables.get("flows"),
        manifest,
        path,
    )


def merge_results(folder: str | Path) -> SweepResult:
    """Merge the parts of a results folder (e.g. after the shards of a job array)."""
    result = load_results(folder)
    path = Path(folder)
    store = ResultStore(path, result.manifest["tables"]["format"])
    tables = store.merge()
    base = {k: result.manifest[k] for k in BASE_KEYS}
    manifest = write_manifest(path, base, tables.get("runs"), result.manifest["runs_planned"])
    return SweepResult(
        tables.get("runs", pd.DataFrame()),
        tables.get("turns", pd.DataFrame()),
        tables.get("flows"),
        manifest,
        path,
    )


def _backend(name: str, scheduler: str | None, workers: int | None, recycle: int | None) -> Backend:
    if workers is not None and workers < 1:
        raise BatchError(f"workers must be 1 or more (got {workers})")
    if name == "local":
        if scheduler:
            raise BatchError("--scheduler is for --backend dask")
        return LocalPool(workers or usable_cores(), recycle)
    if name == "dask":
        return DaskCluster(scheduler, workers)
    raise BatchError(f"unknown backend '{name}' (choose local or dask)")


def _entropy(given: int | None, spec: ExperimentSpec, manifest: dict[str, Any] | None) -> int:
    """The command line's, else the spec's, else the resumed batch's, else a fresh one."""
    written = spec.experiment.entropy
    chosen = given if given is not None else (as_entropy(written) if written is not None else None)
    if manifest is not None:
        recorded = int(manifest["entropy"])
        if chosen is not None and chosen != recorded:
            raise BatchError(
                f"the batch being resumed used entropy {recorded}, not {chosen}; "
                "drop --entropy or give the recorded one"
            )
        return recorded
    return chosen if chosen is not None else fresh_entropy()
