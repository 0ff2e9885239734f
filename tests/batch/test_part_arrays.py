"""A results part kept as arrays reads back exactly what was written: values, types, order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import from_dtype

from rare_earth_game.batch.part_arrays import read_part, writable, write_part

FLOATS = from_dtype(np.dtype("float64"))  # every float: NaN, infinities, -0.0, subnormals
INTS = st.integers(-(2**63), 2**63 - 1)
TEXTS = st.text(  # results hold text, never lone surrogates (no UTF-8 for them)
    st.characters(exclude_characters="\0", exclude_categories=("Cs",)), max_size=12
)
KINDS = {"f": FLOATS, "i": INTS, "b": st.booleans(), "s": TEXTS}
DTYPES = {"f": "float64", "i": "int64", "b": "bool", "s": "str"}


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(0, 6))
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=8))
    columns = {
        f"{kind}{i}.column": pd.Series(
            draw(st.lists(KINDS[kind], min_size=rows, max_size=rows)), dtype=DTYPES[kind]
        )
        for i, kind in enumerate(kinds)
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(rows))


@settings(max_examples=60, deadline=None)
@given(frame=frames())
def test_a_part_reads_back_exactly_what_was_written(
    tmp_path_factory: pytest.TempPathFactory, frame: pd.DataFrame
) -> None:
    path: Path = tmp_path_factory.mktemp("part") / "chunk.turns.npz"
    assert writable(frame)
    write_part(frame, path)
    back = read_part(path)
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    for name in frame.columns:  # to the bit: -0.0 stays -0.0, each NaN stays NaN
        if frame[name].dtype == "float64":
            assert back[name].to_numpy().tobytes() == frame[name].to_numpy().tobytes()


def test_a_table_with_a_column_of_another_type_is_left_to_csv() -> None:
    assert not writable(pd.DataFrame({"when": pd.to_datetime(["2026-12-01"]), "x": [1.0]}))
    assert not writable(pd.DataFrame({"mixed": pd.Series([1, "a"], dtype=object)}))
    assert not writable(pd.DataFrame({"nul": pd.Series(["a\0"], dtype="str")}))
    assert not writable(pd.DataFrame({"missing": pd.Series(["a", None], dtype="str")}))
