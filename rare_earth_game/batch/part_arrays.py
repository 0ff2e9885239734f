"""A results part as plain arrays: a group of runs' rows written and read back exactly, fast.

A part of the turns table holds a few runs' rows of about 900 figures. As CSV a
full-horizon run's rows took the batch process 50-70 ms to write, beside the workers, and
15-75 ms to read back when merging, after them. As arrays grouped by type, in an
uncompressed `.npz`, they take about 10 ms and 5 ms, and values and types come back
exactly. Nothing is pickled, so reading a part runs no code. A table with a column of any
other type is written as CSV.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SUFFIX = ".npz"
_FLOAT, _INT, _BOOL, _TEXT = "f", "i", "b", "s"
_DTYPES = {_FLOAT: np.float64, _INT: np.int64, _BOOL: np.bool_}


def _kinds(frame: pd.DataFrame) -> list[str | None]:
    """How each column is kept: floats, whole numbers, booleans, text; None if none fits.
    Read off the dtypes (a column looked up one by one costs more than writing it)."""
    kinds: list[str | None] = []
    for name, dtype in zip(frame.columns, frame.dtypes, strict=True):
        kind = next((k for k, numpy_type in _DTYPES.items() if dtype == numpy_type), None)
        if kind is None and pd.api.types.is_string_dtype(dtype):
            # missing text, and a trailing NUL (numpy's text arrays drop it), stay CSV's
            texts = frame[name].tolist()
            kind = _TEXT if all(isinstance(v, str) and "\0" not in v for v in texts) else None
        kinds.append(kind)
    return kinds


def writable(frame: pd.DataFrame) -> bool:
    """Whether every column is of a type a part keeps exactly (else write it as CSV)."""
    names = [str(c) for c in frame.columns]
    return len(set(names)) == len(names) and None not in _kinds(frame)


def write_part(frame: pd.DataFrame, path: Path) -> None:
    """Write a `writable` frame to `path` (no suffix is added)."""
    kinds = _kinds(frame)

    def of(kind: str) -> list[str]:
        return [c for c, k in zip(frame.columns, kinds, strict=True) if k == kind]

    text_columns = of(_TEXT)
    texts = np.array([frame[c].tolist() for c in text_columns], dtype=str)
    with path.open("wb") as file:
        np.savez(
            file,
            columns=np.array([str(c) for c in frame.columns], dtype=str),
            kinds=np.array(kinds, dtype=str),
            f=frame[of(_FLOAT)].to_numpy(dtype=np.float64),
            i=frame[of(_INT)].to_numpy(dtype=np.int64),
            b=frame[of(_BOOL)].to_numpy(dtype=np.bool_),
            s=texts.reshape(len(text_columns), len(frame)),
        )


def read_part(path: Path) -> pd.DataFrame:
    """The frame `write_part` wrote, with the same columns, order, types and values."""
    with np.load(path, allow_pickle=False) as data:
        names = data["columns"].tolist()
        kinds = data["kinds"].tolist()
        rows = data[_FLOAT].shape[0]
        pieces = []
        for kind in (_FLOAT, _INT, _BOOL):
            chosen = [n for n, k in zip(names, kinds, strict=True) if k == kind]
            pieces.append(pd.DataFrame(data[kind], columns=chosen, copy=False))
        texts = [n for n, k in zip(names, kinds, strict=True) if k == _TEXT]
        values = data[_TEXT]
        pieces.append(
            pd.DataFrame(
                {n: pd.array(values[i].tolist(), dtype="str") for i, n in enumerate(texts)},
                index=pd.RangeIndex(rows),
            )
        )
    return pd.concat(pieces, axis=1)[names]
