"""The recorder's quick table builder gives the very table pandas builds from the same rows,
whatever the rows hold: floats, NaN, ints, strings, booleans, numpy numbers, keys that only
some rows have. The model and game tables (and the pinned hashes) rest on it."""

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from rare_earth_game.sim.recorder import GrowingTable, wide_table

KEYS = st.sampled_from(["turn", "date", "a.price", "b.price", "c.share", "d", "e"])
VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=False),
    st.just(math.nan),
    st.integers(-5, 5),
    st.booleans(),
    st.sampled_from(["", "x", "2025-Q1"]),
    st.floats(-10, 10).map(np.float64),
)
ROWS = st.lists(st.dictionaries(KEYS, VALUES, max_size=7), max_size=6)


@given(ROWS)
def test_wide_table_is_the_table_pandas_builds(rows: list[dict[str, object]]) -> None:
    expected, built = pd.DataFrame(rows), wide_table(rows)
    pd.testing.assert_frame_equal(built, expected, check_exact=True)
    assert list(built.dtypes) == list(expected.dtypes)
    assert built.to_csv() == expected.to_csv()


@given(ROWS, st.lists(st.tuples(KEYS, VALUES), max_size=6))
def test_a_growing_table_is_the_table_pandas_builds_at_every_size(
    rows: list[dict[str, object]], changes: list[tuple[str, object]]
) -> None:
    """Asked after every row added, and again after the newest row changes a value (as a
    game marks its last turn lost), it gives what pandas builds from the rows then."""
    growing: list[dict[str, object]] = []
    table = GrowingTable(growing)
    for row, change in zip(rows, [*changes, *([None] * len(rows))], strict=False):
        growing.append(dict(row))
        _same(table.table(), pd.DataFrame(growing))
        if change is not None and change[0] in growing[-1]:
            growing[-1][change[0]] = change[1]
            _same(table.table(), pd.DataFrame(growing))


def _same(built: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(built, expected, check_exact=True)
    assert list(built.dtypes) == list(expected.dtypes)
    assert built.to_csv() == expected.to_csv()


def test_a_column_of_floats_with_gaps_is_float_with_nan() -> None:
    table = wide_table([{"turn": 1, "x": 1.5}, {"turn": 2}])
    assert table["x"].dtype == float
    assert math.isnan(table["x"].iloc[1])
    assert table["turn"].tolist() == [1, 2]
