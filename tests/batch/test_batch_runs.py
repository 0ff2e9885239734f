"""Running batches: the same tables however they run, failures isolated, nothing lost."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from conftest import PLUGINS, ROOT, TINY, digests, small_spec
from strategies_for_tests import GATE_VARIABLE

from rare_earth_game.batch import BatchError, Shard, SweepResult, merge_results, run_sweep
from rare_earth_game.batch.dispatch import WORKER_DIED
from rare_earth_game.batch.experiment import prepare
from rare_earth_game.batch.plan import plan_runs
from rare_earth_game.batch.spec import SpecSource, spec_from_data
from rare_earth_game.batch.store import ResultStore
from rare_earth_game.batch.worker import run_task
from rare_earth_game.scenario import load_scenario


def test_the_reference_batch_has_every_run_and_turn(reference: SweepResult) -> None:
    runs, turns = reference.runs, reference.turns
    assert list(runs["run_id"]) == list(range(12))
    assert (runs["status"] == "ok").all()
    assert set(runs["strategy"]) == {"do_nothing", "none", "balanced"}
    assert sorted(set(runs["buyers.usa_magnet_use.growth"])) == [0.0, 0.2]
    assert len(turns) == 12 * 4
    assert all(list(group) == [1, 2, 3, 4] for _, group in turns.groupby("run_id")["turn"])
    assert runs["player.supply_security"].between(0, 1).all()
    assert (runs["turns_played"] == 4).all()


def test_replications_differ_and_parameters_change_outcomes(tmp_path: Path) -> None:
    """Played in this process (no pool), on the tiny world with frequent mine accidents."""
    scenario = tmp_path / "random_tiny.toml"
    scenario.write_text(
        TINY.read_text(encoding="utf-8")
        + '\n[[random_events]]\nid = "accidents"\nkind = "mine_accident"\n'
        + 'title = "Accident at {target}"\nrate_per_year = 8\n',
        encoding="utf-8",
    )
    spec = small_spec(scenario=str(scenario), strategies=["none"])
    source = SpecSource("<test>")
    tasks = plan_runs(prepare(spec_from_data(spec, source), source), 11)
    price = {(t.replication, t.point): run_task(t).row["player.price_index"] for t in tasks}
    assert price[(0, 0)] != price[(1, 0)]  # another seed, another future
    assert price[(0, 0)] != price[(0, 1)]  # faster demand growth, other prices
    assert run_task(tasks[0]).row == run_task(tasks[0]).row  # and the same seed, the same


def test_values_the_scenario_refuses_together_fail_that_run_with_the_reason() -> None:
    source = SpecSource("<test>")
    (task, *_) = plan_runs(prepare(spec_from_data(small_spec(), source), source), 11)
    loc = task.changes[0][0]
    output = run_task(dataclasses.replace(task, changes=((loc, 5.0),)))
    assert not output.ok
    assert output.row["error"] == (
        "these parameter values make the scenario invalid: "
        "buyers[1].growth: must be 1 or less, got 5.0"
    )


def test_one_and_two_workers_write_byte_identical_tables(
    reference: SweepResult, tmp_path: Path
) -> None:
    assert reference.folder is not None
    run_sweep(small_spec(), out=tmp_path, workers=2)
    assert digests(tmp_path) == digests(reference.folder)
    assert set(digests(tmp_path)) == {"runs.parquet", "turns.parquet"}


@contextmanager
def _port_taken(port: int) -> Iterator[None]:
    """Hold `port`, as a running Jupyter or Dask dashboard would (if it is free)."""
    with socket.socket() as held:
        try:
            held.bind(("", port))
            held.listen()
        except OSError:  # taken already: just as good
            pass
        yield


def test_a_local_dask_cluster_gives_the_same_tables(reference: SweepResult, tmp_path: Path) -> None:
    """With port 8787 (Dask's dashboard default) taken, and no warning about it."""
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed")
    assert reference.folder is not None
    scratch = tmp_path / "temporary"
    scratch.mkdir()
    with _port_taken(8787), dask.config.set({"temporary-directory": str(scratch)}):
        run_sweep(small_spec(), out=tmp_path / "out", backend="dask", workers=2)
    assert digests(tmp_path / "out") == digests(reference.folder)
    assert not list(scratch.rglob("*")), "the workers' scratch space is removed"
    (session,) = json.loads(Path(tmp_path / "out" / "manifest.json").read_text())["sessions"]
    assert session["backend"] == "dask"
    assert session["workers"] == 2


def test_shards_together_make_the_whole_batch(reference: SweepResult, tmp_path: Path) -> None:
    assert reference.folder is not None
    for index in range(3):
        part = run_sweep(small_spec(), out=tmp_path, workers=1, shard=Shard(index, 3), resume=True)
        assert set(part.runs["run_id"] % 3) <= set(range(index + 1))
    merged = merge_results(tmp_path)
    assert merged.manifest["complete"]
    assert digests(tmp_path) == digests(reference.folder)


def test_the_manifest_records_what_ran(reference: SweepResult) -> None:
    assert reference.folder is not None
    manifest = json.loads((reference.folder / "manifest.json").read_text())
    assert manifest == reference.manifest
    assert manifest["entropy"] == "11"
    assert manifest["spec"]["experiment"]["strategies"] == ["do_nothing", "none", "balanced"]
    assert manifest["parameters"] == ["buyers.usa_magnet_use.growth"]
    assert manifest["scenario"]["content_hash"] == load_scenario(TINY).content_hash()
    assert manifest["runs_planned"] == manifest["runs_ok"] == len(reference.runs) == 12
    assert manifest["complete"]
    assert manifest["runs_failed"] == 0
    assert manifest["failures"] == []
    assert manifest["software"]["package_version"]
    assert (
        manifest["software"]["git_commit"] is None or len(manifest["software"]["git_commit"]) == 40
    )
    (session,) = manifest["sessions"]
    assert session["backend"] == "local"
    assert session["workers"] == 1
    assert session["runs_finished"] == 12
    assert 0 < session["simulation_seconds"] <= session["worker_seconds"]
    assert manifest["started"] <= manifest["ended"]
    assert manifest["tables"] == {
        "format": "parquet",
        "runs": "runs.parquet",
        "turns": "turns.parquet",
        "flows": None,
    }


def test_failing_runs_are_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    spec = small_spec(
        strategies=["do_nothing", "explodes", "crashes"],
        replications=1,
        strategy_modules=[str(PLUGINS)],
    )
    spec["parameters"] = []
    result = run_sweep(spec, out=tmp_path, workers=2, allow_code=True)
    runs = result.runs.set_index("strategy")
    assert runs.loc["do_nothing", "status"] == "ok"
    assert runs.loc["explodes", "error"] == "RuntimeError: this strategy fails on purpose"
    assert runs.loc["crashes", "error"] == WORKER_DIED
    assert list(result.turns["run_id"].unique()) == [runs.loc["do_nothing", "run_id"]]
    failures = {f["run_id"]: f for f in result.manifest["failures"]}
    assert set(failures) == {1, 2}
    assert "fails on purpose" in failures[1]["traceback"]
    assert result.manifest["runs_ok"] == 1
    assert result.manifest["runs_failed"] == 2


def test_failed_runs_are_tried_again_on_resume(tmp_path: Path) -> None:
    spec = small_spec(strategies=["explodes"], replications=1, strategy_modules=[str(PLUGINS)])
    spec["parameters"] = []
    run_sweep(spec, out=tmp_path, workers=1, allow_code=True)
    again = run_sweep(spec, out=tmp_path, workers=1, resume=True, allow_code=True)
    assert len(again.runs) == 1
    sessions = again.manifest["sessions"]
    assert [s["runs_to_do"] for s in sessions] == [1, 1]


def test_a_folder_with_results_is_not_overwritten(reference: SweepResult) -> None:
    with pytest.raises(BatchError, match="already holds results"):
        run_sweep(small_spec(), out=reference.folder, workers=1)


def test_resuming_with_another_experiment_is_refused(reference: SweepResult) -> None:
    with pytest.raises(BatchError, match=r"experiment.turns was 4, now 3"):
        run_sweep(small_spec(turns=3), out=reference.folder, workers=1, resume=True)
    with pytest.raises(BatchError, match="used entropy 11, not 12"):
        run_sweep(small_spec(), out=reference.folder, workers=1, resume=True, entropy=12)


def test_a_batch_killed_mid_run_resumes_without_losing_or_repeating_runs(
    tmp_path: Path,
) -> None:
    """Kill the batch process and its workers (SIGKILL) while two runs are in progress."""
    spec = tmp_path / "spec.toml"
    spec.write_text(
        f'[experiment]\nscenario = "{TINY}"\nstrategies = ["do_nothing", "waits_for_gate"]\n'
        f'replications = 3\nturns = 3\nentropy = 5\nstrategy_modules = ["{PLUGINS}"]\n',
        encoding="utf-8",
    )
    gate = tmp_path / "gate"
    env = {**os.environ, GATE_VARIABLE: str(gate)}
    command = [
        *(sys.executable, "-m", "rare_earth_game", "batch", str(spec)),
        *("--workers", "2", "--allow-code"),
    ]
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    log = tmp_path / "killed.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "--out", str(killed), "-q"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    store = ResultStore(killed, "parquet")
    deadline = time.monotonic() + 120
    # Both workers end up waiting at the gate, after at least one run has been written.
    while not (len(list(tmp_path.glob("gate.waiting.*"))) == 2 and store.finished()):
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the batch never reached the gate"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    before = store.finished()  # what was on disk when the batch died
    assert not (killed / "runs.parquet").exists()  # killed before any merge
    assert before  # at least one run finished before the kill ...
    assert before <= {0, 2, 4}  # ... and only runs that never wait at the gate

    gate.touch()
    for arguments in (["--out", str(killed), "--resume"], ["--out", str(whole)]):
        finished = subprocess.run(
            [*command, *arguments, "-q"], env=env, cwd=ROOT, capture_output=True, check=False
        )
        assert finished.returncode == 0, finished.stderr

    runs = pd.read_parquet(killed / "runs.parquet")
    assert list(runs["run_id"]) == list(range(6))
    assert digests(killed) == digests(whole)
    manifest = json.loads((killed / "manifest.json").read_text())
    assert manifest["complete"]
    assert manifest["runs_ok"] == 6
    first, second = manifest["sessions"]
    assert second["runs_to_do"] == 6 - len(before)
    assert first["ended"] is None  # the killed session never finished


def test_do_nothing_with_the_same_seed_is_the_baseline_game() -> None:
    """So a do_nothing strategy in a batch gives the comparison `baseline = true` buys."""
    spec = {
        "experiment": {
            "scenario": "baseline_2025",
            "strategies": ["do_nothing", "onshore"],
            "turns": 2,
            "baseline": True,
        }
    }
    source = SpecSource("<test>")
    nothing, onshore = (
        run_task(t).row for t in plan_runs(prepare(spec_from_data(spec, source), source), 3)
    )
    assert nothing["score"] == nothing["baseline_score"]
    assert onshore["baseline_score"] == nothing["score"]
    for key in ("player.supply_security", "player.price_index", "game.spending_musd"):
        assert onshore[f"baseline.{key}"] == nothing[key]


def test_resuming_with_more_replications_adds_runs_and_keeps_the_others(
    reference: SweepResult, tmp_path: Path
) -> None:
    assert reference.folder is not None
    folder = tmp_path / "more"
    shutil.copytree(reference.folder, folder)
    more = run_sweep(small_spec(replications=3), out=folder, workers=2, resume=True)
    assert list(more.runs["run_id"]) == list(range(18))
    pd.testing.assert_frame_equal(more.runs.iloc[:12], reference.runs)
    assert more.manifest["runs_planned"] == 18
    assert [s["runs_to_do"] for s in more.manifest["sessions"]] == [12, 6]
