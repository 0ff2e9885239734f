"""The results folder: tables written as runs finish, merged into one file per table.

    DIR/manifest.json             what ran (see manifest.py)
    DIR/runs.parquet              one row per run: parameters, strategy, seed, outcomes
    DIR/turns.parquet             one row per run and game turn
    DIR/flows.parquet             one row per run, engine turn and trade route (optional)
    DIR/parts/CHUNK.runs.csv      runs finished since the last merge, CHUNK.turns.npz beside
    DIR/sessions/SESSION.json     one record per batch process (start, end, backend, ...)

The merged tables are Parquet when pyarrow is installed, CSV otherwise. The runs part is
CSV; the turns and flows parts are arrays (`part_arrays.py`; CSV for a column of another
type): a full-horizon run's 48 rows of 900 figures write in about 10 ms and read back
exactly in 5, where CSV took 50-70 and 15-75, so the batch process leaves the CPU to its
workers and the merge at the end is quick. Parts written as CSV by an earlier version are
still read. Each group of finished runs is written at once as a chunk of part files, its
runs part last and each file atomically (a temporary name, then a rename), so a killed batch
leaves only whole chunks: a chunk whose runs part is missing is ignored. Merging reads the
merged tables and the parts, keeps one record per run (a success over a failure, then the
newest), sorts by run id, and writes each table atomically before deleting the parts it
merged, so a merge interrupted at any point loses and duplicates nothing. Rows are sorted,
so the files are byte-identical however the runs were split between workers, sessions or
shards.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rare_earth_game.batch import part_arrays
from rare_earth_game.batch.leftovers import temporary_path
from rare_earth_game.batch.worker import RunOutput

TABLES = ("runs", "turns", "flows")
TEXT_COLUMNS = ("strategy", "status", "error", "grade", "date")
_ORDER = "_order"
# Floats must read back exactly as written; pandas 3 does so by default and deprecates
# the option that pandas 2 needs for it.
_EXACT_FLOATS = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}


def default_format() -> str:
    return "parquet" if importlib.util.find_spec("pyarrow") is not None else "csv"


@dataclass
class _Piece:
    order: int
    """-1 for the merged tables, then chunks in name order."""
    chunk: str
    runs: pd.DataFrame


class ResultStore:
    """Reads and writes one results folder in one format."""

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder = folder
        self.fmt = fmt
        self.parts = folder / "parts"

    # --- writing -----------------------------------------------------------------------------

    def write_chunk(self, chunk: str, outputs: Sequence[RunOutput]) -> None:
        """Write finished runs as one chunk; the runs part goes last and commits it."""
        self.parts.mkdir(parents=True, exist_ok=True)
        for name, frames in (
            ("turns", [o.turns for o in outputs if o.turns is not None]),
            ("flows", [o.flows for o in outputs if o.flows is not None]),
        ):
            if frames:
                table = pd.concat(frames, ignore_index=True)
                arrays = part_arrays.writable(table)
                suffix = part_arrays.SUFFIX if arrays else ".csv"
                self._write(table, self._part(chunk, name, suffix))
        runs = pd.DataFrame([o.row for o in outputs])
        self._write(runs, self._part(chunk, "runs"))

    def merge(self) -> dict[str, pd.DataFrame]:
        """Merge the parts into the tables on disk; returns the merged tables."""
        tables, chunks = self._merged()
        if not chunks:
            return tables
        for name in ("flows", "turns", "runs"):  # runs last, as when writing a chunk
            if name in tables:
                self._write(tables[name], self.folder / f"{name}.{self.fmt}")
        for chunk in chunks:
            for name in TABLES:
                self._part(chunk, name, part_arrays.SUFFIX).unlink(missing_ok=True)
                self._part(chunk, name).unlink(missing_ok=True)
        if self.parts.is_dir() and not any(self.parts.iterdir()):
            self.parts.rmdir()
        return tables

    # --- reading -----------------------------------------------------------------------------

    def has_results(self) -> bool:
        return (self.folder / f"runs.{self.fmt}").is_file() or any(self._chunks())

    def finished(self) -> set[int]:
        """Ids of the runs that finished well; failed runs are tried again on resume."""
        ids: set[int] = set()
        for piece in self._pieces():
            runs = piece.runs
            ids.update(int(i) for i in runs.loc[runs["status"] == "ok", "run_id"])
        return ids

    def tables(self) -> dict[str, pd.DataFrame]:
        """The merged view of everything written so far, without changing any file."""
        return self._merged()[0]

    def runs(self) -> pd.DataFrame | None:
        """The merged runs table alone (cheap: the turns are not read)."""
        return self._merged(("runs",))[0].get("runs")

    def _merged(self, names: Sequence[str] = TABLES) -> tuple[dict[str, pd.DataFrame], list[str]]:
        pieces = self._pieces()
        if not pieces:
            return {}, []
        runs = pd.concat([p.runs.assign(**{_ORDER: p.order}) for p in pieces], ignore_index=True)
        runs["_ok"] = runs["status"] == "ok"
        runs = runs.sort_values(["run_id", "_ok", _ORDER], kind="stable")
        runs = runs.drop_duplicates("run_id", keep="last")
        source = dict(zip(runs["run_id"], runs[_ORDER], strict=True))
        tables = {"runs": runs.drop(columns=["_ok", _ORDER]).reset_index(drop=True)}
        for name in (n for n in ("turns", "flows") if n in names):
            frames = []
            for piece in pieces:
                path = self._table_path(piece, name)
                if not path.is_file():
                    continue
                frame = self._read(path)
                keep = frame["run_id"].map(source) == piece.order
                frames.append(frame[keep.to_numpy()])
            if frames:
                tables[name] = _tidy(name, pd.concat(frames, ignore_index=True))
        return tables, [p.chunk for p in pieces if p.order >= 0]

    def _pieces(self) -> list[_Piece]:
        pieces = []
        merged = self.folder / f"runs.{self.fmt}"
        if merged.is_file():
            pieces.append(_Piece(-1, "", self._read(merged)))
        for order, chunk in enumerate(self._chunks()):
            pieces.append(_Piece(order, chunk, self._read(self._part(chunk, "runs"))))
        return pieces

    def _chunks(self) -> list[str]:
        suffix = ".runs.csv"
        if not self.parts.is_dir():
            return []
        return sorted(p.name[: -len(suffix)] for p in self.parts.glob(f"*{suffix}"))

    def _table_path(self, piece: _Piece, name: str) -> Path:
        if piece.order < 0:
            return self.folder / f"{name}.{self.fmt}"
        arrays = self._part(piece.chunk, name, part_arrays.SUFFIX)
        return arrays if arrays.is_file() else self._part(piece.chunk, name)

    def _part(self, chunk: str, name: str, suffix: str = ".csv") -> Path:
        return self.parts / f"{chunk}.{name}{suffix}"

    # --- files -------------------------------------------------------------------------------

    def _write(self, frame: pd.DataFrame, path: Path) -> None:
        temporary = temporary_path(path)
        if path.suffix == ".parquet":
            frame.to_parquet(temporary, index=False, engine="pyarrow")
        elif path.suffix == part_arrays.SUFFIX:
            part_arrays.write_part(frame, temporary)
        else:
            frame.to_csv(temporary, index=False)
        temporary.replace(path)

    def _read(self, path: Path) -> pd.DataFrame:
        if path.suffix == ".parquet":
            return pd.read_parquet(path, engine="pyarrow")
        if path.suffix == part_arrays.SUFFIX:
            return part_arrays.read_part(path)
        frame = pd.read_csv(path, dtype=dict.fromkeys(TEXT_COLUMNS, str), **_EXACT_FLOATS)
        for column in TEXT_COLUMNS:
            if column in frame:
                frame[column] = frame[column].fillna("")
        return frame


def _tidy(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by run (and turn); turns columns in a fixed order, whichever run came first."""
    if name == "turns":
        keys = [c for c in ("run_id", "turn", "date") if c in frame]
        frame = frame[keys + sorted(c for c in frame.columns if c not in keys)]
        return frame.sort_values(["run_id", "turn"], kind="stable").reset_index(drop=True)
    return frame.sort_values("run_id", kind="stable").reset_index(drop=True)
