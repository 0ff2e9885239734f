"""A batch at its edges: code only when allowed, paths inside the spec's folder, a hung
run, a backend that never starts, a full disk, leftovers of killed writers, SIGTERM."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import PLUGINS, ROOT, TINY, small_spec
from strategies_for_tests import GATE_VARIABLE
from typer.testing import CliRunner

from rare_earth_game.batch import BackendError, BatchError, SpecError, run_sweep
from rare_earth_game.batch.executors import DaskCluster
from rare_earth_game.batch.leftovers import host, temporary_path
from rare_earth_game.batch.progress import Silent
from rare_earth_game.batch.runner import load_spec
from rare_earth_game.batch.store import ResultStore
from rare_earth_game.cli import app
from rare_earth_game.errors import FileAccessError

runner = CliRunner()


def _spec_file(folder: Path, extra: str = "", scenario: str | None = None) -> Path:
    path = folder / "spec.toml"
    path.write_text(
        f'[experiment]\nscenario = "{scenario or TINY}"\nstrategies = ["do_nothing"]\n'
        f"turns = 2\nentropy = 3\n{extra}",
        encoding="utf-8",
    )
    return path


def test_strategy_modules_are_imported_only_when_allowed(tmp_path: Path) -> None:
    spec = _spec_file(tmp_path, f'strategy_modules = ["{PLUGINS}"]\n')
    with pytest.raises(SpecError) as refused:
        run_sweep(spec, out=tmp_path / "out", workers=1)
    (problem,) = refused.value.problems
    assert "spec.toml:6:1: experiment.strategy_modules:" in problem
    assert "--allow-code" in problem
    assert not (tmp_path / "out").exists(), "nothing ran, nothing was written"
    result = runner.invoke(app, ["batch", str(spec), "--out", str(tmp_path / "cli"), "-q"])
    assert result.exit_code == 2
    assert "--allow-code" in result.output


def test_resume_refuses_an_edited_strategy_file(tmp_path: Path) -> None:
    plugin = tmp_path / "mine.py"
    shutil.copy(PLUGINS, plugin)
    spec = _spec_file(tmp_path, 'strategy_modules = ["mine.py"]\n')
    out = tmp_path / "out"
    first = run_sweep(spec, out=out, workers=1, allow_code=True)
    assert list(first.manifest["strategy_files"]) == [str(plugin.resolve())]
    plugin.write_text(plugin.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(BatchError, match=r"strategy file .*mine\.py has changed since"):
        run_sweep(spec, out=out, workers=1, allow_code=True, resume=True)


@pytest.mark.parametrize("reference", ["../../../../etc/passwd.toml", "../tiny.toml"])
def test_a_spec_s_relative_paths_stay_in_its_folder(tmp_path: Path, reference: str) -> None:
    folder = tmp_path / "experiments"
    folder.mkdir()
    shutil.copy(TINY, tmp_path / "tiny.toml")
    with pytest.raises(SpecError, match="leads outside the experiment's folder"):
        run_sweep(_spec_file(folder, scenario=reference), out=tmp_path / "out", workers=1)
    absolute = _spec_file(folder, scenario=str(tmp_path / "tiny.toml"))
    assert len(run_sweep(absolute, out=tmp_path / "out", workers=1).runs) == 1


def test_a_hung_run_fails_at_its_timeout_and_the_batch_goes_on(tmp_path: Path) -> None:
    spec = small_spec(strategies=["hangs", "do_nothing"], replications=1, turns=2)
    spec["experiment"]["strategy_modules"] = [str(PLUGINS)]
    spec["parameters"] = []
    result = run_sweep(spec, out=tmp_path, workers=1, allow_code=True, run_timeout=8)
    runs = result.runs.set_index("strategy")
    assert runs.loc["do_nothing", "status"] == "ok"
    assert runs.loc["hangs", "status"] == "failed"
    assert "run timeout of 8 s" in runs.loc["hangs", "error"]


def test_a_folder_whose_backend_never_started_runs_again_without_resume(tmp_path: Path) -> None:
    with pytest.raises(BackendError):
        run_sweep(
            small_spec(), out=tmp_path, backend="dask", scheduler="tcp://127.0.0.1:9", workers=1
        )
    assert not list(tmp_path.glob("sessions/*.json"))
    assert len(run_sweep(small_spec(replications=1), out=tmp_path, workers=1).runs) == 6


@contextmanager
def _server(reply: bytes) -> Iterator[str]:
    """A TCP server that is not a Dask scheduler: it sends `reply` to each client and keeps
    the connection open, as a web server waiting for a request does."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                continue
            with client:
                if reply:
                    client.sendall(reply)
                stop.wait()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        server.close()


@pytest.mark.parametrize("reply", [b"HTTP/1.1 400 Bad Request\r\n\r\n" * 40, b""])
def test_a_scheduler_that_is_not_dask_is_a_clear_error(reply: bytes) -> None:
    pytest.importorskip("dask.distributed")
    started = time.monotonic()
    with (
        _server(reply) as address,
        pytest.raises(BackendError, match="did not answer as a Dask"),
        DaskCluster(address, connect_seconds=3).executor(),
    ):
        pass
    assert time.monotonic() - started < 8, "within seconds, though the server never hangs up"


def test_a_full_disk_mid_batch_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: ResultStore, chunk: str, outputs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ResultStore, "write_chunk", full)
    with pytest.raises(FileAccessError, match=r"No space left on device.*--resume"):
        run_sweep(small_spec(replications=1), out=tmp_path, workers=1)


def test_leftovers_of_dead_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    parts = tmp_path / "parts"
    parts.mkdir()
    gone = [
        tmp_path / f".runs.parquet.{host()}-{dead}.tmp",
        parts / f"20260101T000000.000000-{host()}-{dead}-000003.turns.csv",
        parts / f"20260101T000000.000000-{host()}-{dead}-000004.turns.npz",
    ]
    live = tmp_path / f".turns.parquet.{host()}-1.tmp"  # pid 1 is always running
    for path in [*gone, live]:
        path.write_text("half", encoding="utf-8")
    run_sweep(small_spec(replications=1), out=tmp_path, workers=1)
    assert not any(path.exists() for path in gone)
    assert live.exists()


class _Watcher(Silent):
    """Reads the session record each time runs finish."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seen: list[int] = []

    def advance(self, finished: int, failed: int) -> None:
        (record,) = (self.folder / "sessions").glob("*.json")
        self.seen.append(json.loads(record.read_text(encoding="utf-8"))["runs_finished"])


def test_the_session_record_is_updated_as_runs_finish(tmp_path: Path) -> None:
    watcher = _Watcher(tmp_path)
    run_sweep(small_spec(replications=1), out=tmp_path, workers=1, progress=watcher)
    assert watcher.seen[0] > 0
    assert watcher.seen == sorted(watcher.seen)
    assert watcher.seen[-1] == 6


def test_sigterm_stops_a_batch_with_exit_130_and_a_message(tmp_path: Path) -> None:
    spec = _spec_file(tmp_path, f'strategy_modules = ["{PLUGINS}"]\n').read_text(encoding="utf-8")
    (tmp_path / "spec.toml").write_text(
        spec.replace('["do_nothing"]', '["waits_for_gate"]'), encoding="utf-8"
    )
    gate = tmp_path / "gate"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rare_earth_game",
            "batch",
            str(tmp_path / "spec.toml"),
            "--out",
            str(tmp_path / "out"),
            "--workers",
            "1",
            "--allow-code",
            "-q",
        ],
        env={**os.environ, GATE_VARIABLE: str(gate)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob("gate.waiting.*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=120)
    finally:
        gate.touch()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, output
    assert "Interrupted" in output
    assert "--resume" in output
    assert "Traceback" not in output


def test_sigterm_during_the_final_merge_exits_130_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are installed only in the main thread")
    out = tmp_path / "out"

    def merge_cut_short(self: ResultStore) -> dict[str, object]:
        temporary_path(self.folder / "runs.csv").write_text("half a table", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)  # the handler raises KeyboardInterrupt here
        raise AssertionError("SIGTERM did not stop the merge")

    monkeypatch.setattr(ResultStore, "merge", merge_cut_short)
    spec = _spec_file(tmp_path)
    result = runner.invoke(app, ["batch", str(spec), "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 130, result.output
    assert "Interrupted" in result.output
    assert "--resume" in result.output
    assert not list(out.rglob("*.tmp")), "the cut-short write is removed on the way out"
    (record,) = (out / "sessions").glob("*.json")
    assert json.loads(record.read_text(encoding="utf-8"))["interrupted"] is True
    monkeypatch.undo()
    resumed = run_sweep(spec, out=out, workers=1, resume=True)
    assert len(resumed.runs) == 1
    assert not (out / "parts").exists(), "the resumed batch merged the parts"


def test_an_experiment_file_with_a_byte_order_mark_reads_as_without(tmp_path: Path) -> None:
    plain = _spec_file(tmp_path).read_bytes()
    marked = tmp_path / "marked.toml"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.replace(b"turns =", b"turnz ="))
    with pytest.raises(SpecError) as refused:
        load_spec(marked)
    (problem,) = refused.value.problems
    assert "marked.toml:4:" in problem, "lines counted as in the editor"
    assert "turns" in problem, "with the suggestion"
    marked.write_bytes(b"\xef\xbb\xbf" + plain)
    assert load_spec(marked)[0] == load_spec(tmp_path / "spec.toml")[0]
