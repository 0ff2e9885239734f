"""Designs: how the values of several parameters combine into the points of an experiment.

- grid: every combination (a full factorial), in the order the parameters are listed;
- zip: the i-th value of every parameter together (lists of equal length);
- lhs: a Latin hypercube of n points: each parameter's range is cut into n equal strata
  and every stratum is used exactly once, so a few points still cover each range evenly.
  Its draws come from the experiment's seeded design stream;
- morris, sobol: the points of a Morris screening or of Sobol indices, sampled by SALib
  (see `sensitivity.py`), from the same stream.

A parameter is either a list of values or a range (low, high; with num evenly spaced values
for grid and zip). A range of a whole-number setting gives whole numbers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from rare_earth_game.batch.sensitivity import SENSITIVITY_KINDS, unit_sample

Point = tuple[Any, ...]


@dataclass(frozen=True)
class Axis:
    """One parameter's possible values."""

    path: str
    values: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    num: int | None = None
    integer: bool = False

    def listed(self) -> tuple[Any, ...]:
        """The values a grid or zip design uses."""
        if self.values is not None:
            return self.values
        low, high = self._range()
        assert self.num is not None, "a range in a grid or zip has num"
        return tuple(self._typed(v) for v in np.linspace(low, high, self.num))

    def at(self, quantile: float) -> Any:
        """The value at a quantile in [0, 1]: a share of the range, or one of the values."""
        if self.values is not None:
            return self.values[min(int(quantile * len(self.values)), len(self.values) - 1)]
        low, high = self._range()
        return self._typed(low + quantile * (high - low))

    def _range(self) -> tuple[float, float]:
        if self.low is None or self.high is None:
            raise ValueError(f"{self.path} has neither values nor low and high")
        return self.low, self.high

    def _typed(self, value: float) -> Any:
        return round(float(value)) if self.integer else float(value)


def points(
    kind: str, axes: tuple[Axis, ...], samples: int | None, rng: np.random.Generator
) -> list[Point]:
    """The design's points, in a fixed order; one empty point when nothing varies."""
    if not axes:
        return [()]
    if kind == "grid":
        return list(itertools.product(*(axis.listed() for axis in axes)))
    if kind == "zip":
        return list(zip(*(axis.listed() for axis in axes), strict=True))
    if kind == "lhs":
        if samples is None:
            raise ValueError("a Latin hypercube needs a number of samples")
        return latin_hypercube(axes, samples, rng)
    if kind in SENSITIVITY_KINDS:
        if samples is None:
            raise ValueError(f"a {kind} design needs a number of samples")
        quantiles = unit_sample(kind, [axis.path for axis in axes], samples, rng)
        return [
            tuple(axis.at(float(q)) for axis, q in zip(axes, row, strict=True)) for row in quantiles
        ]
    raise ValueError(f"unknown design kind '{kind}'")


def latin_hypercube(axes: tuple[Axis, ...], samples: int, rng: np.random.Generator) -> list[Point]:
    """`samples` points with one point in each of `samples` strata of every axis."""
    columns = []
    for axis in axes:
        strata = rng.permutation(samples)
        quantiles = (strata + rng.random(samples)) / samples
        columns.append([axis.at(float(q)) for q in quantiles])
    return [tuple(column[i] for column in columns) for i in range(samples)]
