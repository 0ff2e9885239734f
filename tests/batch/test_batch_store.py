"""The results folder: however runs are grouped into files, the merged tables are the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import digests, small_spec

from rare_earth_game.batch.dispatch import failed_output
from rare_earth_game.batch.experiment import prepare
from rare_earth_game.batch.part_arrays import read_part
from rare_earth_game.batch.plan import plan_runs
from rare_earth_game.batch.spec import SpecSource, spec_from_data
from rare_earth_game.batch.store import ResultStore
from rare_earth_game.batch.worker import RunOutput, run_task


@pytest.fixture(scope="module")
def outputs() -> list[RunOutput]:
    source = SpecSource("<test>")
    spec = spec_from_data(small_spec(flows=True, replications=1), source)
    return [run_task(task) for task in plan_runs(prepare(spec, source), 11)]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_any_grouping_and_order_of_chunks_merges_to_the_same_bytes(
    outputs: list[RunOutput], tmp_path: Path, fmt: str
) -> None:
    one, two = ResultStore(tmp_path / "one", fmt), ResultStore(tmp_path / "two", fmt)
    one.write_chunk("a", outputs)
    two.write_chunk("a", outputs[4:][::-1])
    two.write_chunk("b", outputs[1:4])
    two.merge()  # a merge half-way, then more parts
    two.write_chunk("c", outputs[:1])
    one.merge()
    tables = two.merge()
    assert digests(one.folder) == digests(two.folder)
    assert set(digests(one.folder)) == {f"{t}.{fmt}" for t in ("runs", "turns", "flows")}
    assert list(tables["runs"]["run_id"]) == list(range(len(outputs)))
    assert not (two.folder / "parts").exists()


def test_a_merge_interrupted_before_deleting_parts_duplicates_nothing(
    outputs: list[RunOutput], tmp_path: Path
) -> None:
    store = ResultStore(tmp_path, "parquet")
    store.write_chunk("a", outputs)
    parts = tmp_path / "kept"
    shutil.copytree(tmp_path / "parts", parts)
    store.merge()
    shutil.copytree(parts, tmp_path / "parts")  # as if the merge had stopped before deleting
    tables = store.merge()
    assert list(tables["runs"]["run_id"]) == list(range(len(outputs)))
    assert len(tables["turns"]) == sum(len(o.turns) for o in outputs if o.turns is not None)


def test_a_chunk_without_its_runs_part_is_ignored(outputs: list[RunOutput], tmp_path: Path) -> None:
    store = ResultStore(tmp_path, "parquet")
    store.write_chunk("a", outputs[:2])
    store.write_chunk("b", outputs[2:4])
    (tmp_path / "parts" / "b.runs.csv").unlink()  # killed between its two files
    assert store.finished() == {0, 1}
    tables = store.tables()
    assert set(tables["turns"]["run_id"]) == {0, 1}


def test_a_success_replaces_an_earlier_failure_of_the_same_run(
    outputs: list[RunOutput], tmp_path: Path
) -> None:
    store = ResultStore(tmp_path, "parquet")
    task_output = outputs[0]
    source = SpecSource("<test>")
    spec = spec_from_data(small_spec(flows=True, replications=1), source)
    task = plan_runs(prepare(spec, source), 11)[0]
    store.write_chunk("a", [failed_output(task, "RuntimeError: first try")])
    assert store.finished() == set()
    store.write_chunk("b", [task_output])
    runs = store.merge()["runs"]
    assert list(runs["status"]) == ["ok"]
    assert store.finished() == {0}


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_parts_written_as_csv_by_an_earlier_version_merge_to_the_same_bytes(
    outputs: list[RunOutput], tmp_path: Path, fmt: str
) -> None:
    """A folder resumed after an upgrade: its old CSV parts read as the new array parts."""
    new, old = ResultStore(tmp_path / "new", fmt), ResultStore(tmp_path / "old", fmt)
    new.write_chunk("a", outputs)
    old.write_chunk("a", outputs)
    arrays = sorted((old.folder / "parts").glob("*.npz"))
    assert {p.name for p in arrays} == {"a.turns.npz", "a.flows.npz"}
    for part in arrays:  # as the earlier version wrote them
        read_part(part).to_csv(part.with_suffix(".csv"), index=False)
        part.unlink()
    new.merge()
    old.merge()
    assert digests(new.folder) == digests(old.folder)
    assert not (old.folder / "parts").exists()
