"""A game turn's row is the mean of its engine steps' figures: per column, the mean of the
numbers that are not NaN, NaN where a float column has none, and no column for one that
never held a number. Checked against that rule written plainly, on rows of any mix."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from rare_earth_game.game.records import _mean_of_numbers

KEYS = st.sampled_from(["turn", "date", "a.price", "b.share", "c"])
VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=False),
    st.just(math.nan),
    st.just(-0.0),
    st.integers(-5, 5),
    st.booleans(),
    st.sampled_from(["", "2025-Q1"]),
    st.floats(-10, 10).map(np.float64),
)
ROWS = st.lists(st.dictionaries(KEYS, VALUES, max_size=5), max_size=5)


def plain_means(rows: list[dict[str, object]]) -> dict[str, float]:
    means: dict[str, float] = {}
    for key in dict.fromkeys(k for row in rows for k in row):
        values = [row[key] for row in rows if key in row]
        numbers = [
            float(v)  # type: ignore[arg-type]
            for v in values
            if isinstance(v, int | float) and not isinstance(v, bool) and not math.isnan(v)
        ]
        if numbers:
            means[key] = sum(numbers) / len(numbers)
        elif any(isinstance(v, float) for v in values):
            means[key] = math.nan
    return means


@given(ROWS)
def test_a_turns_means_follow_the_rule(rows: list[dict[str, object]]) -> None:
    got, expected = _mean_of_numbers(rows), plain_means(rows)
    assert list(got) == list(expected)
    for key, value in expected.items():
        assert repr(got[key]) == repr(value), key  # to the bit, NaN and -0.0 included
