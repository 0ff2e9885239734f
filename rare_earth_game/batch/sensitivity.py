"""Sensitivity designs: Morris screening and Sobol indices, sampled with SALib.

Both sample the unit hypercube, one column per parameter, and each parameter reads its
value at that quantile of its range or list (`Axis.at`), as the Latin hypercube does.
The samples are drawn with a seed taken from the experiment's design stream, so the
recorded entropy gives the same points; `report` draws the same matrix again to compute
the indices, so the runs table needs to record nothing more.

- morris: `samples` trajectories of (parameters + 1) points on a 4-level grid, each step
  moving one parameter: elementary effects rank parameters cheaply (a screening);
- sobol: Saltelli's scheme with `samples` base points, a power of 2 (the scrambled Sobol
  sequence's balance needs one), giving first-order and total indices from
  samples x (parameters + 2) points.

SALib is the optional extra `sensitivity`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rare_earth_game.errors import UserError

SENSITIVITY_KINDS = ("morris", "sobol")
MORRIS_LEVELS = 4
"""Grid levels of a Morris design: SALib's default, and enough for a screening."""
SEED_BOUND = 2**32


class MissingExtraError(UserError, ImportError):
    """A sensitivity design asked for without SALib installed."""


def salib() -> Any:
    """The SALib package, or a clear error saying how to install it."""
    try:
        import SALib
        import SALib.analyze.morris
        import SALib.analyze.sobol
        import SALib.sample.morris
        import SALib.sample.sobol
    except ImportError:
        raise MissingExtraError(
            "the morris and sobol designs need SALib: pip install 'rare-earth-game[sensitivity]'"
        ) from None
    return SALib


def problem(names: list[str]) -> dict[str, Any]:
    """SALib's problem over the unit hypercube, one variable per parameter path."""
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def points_per_sample(kind: str, parameters: int) -> int:
    """Design points each sample (a trajectory, a Sobol base point) adds."""
    return parameters + (1 if kind == "morris" else 2)


def unit_sample(kind: str, names: list[str], samples: int, rng: np.random.Generator) -> np.ndarray:
    """The design's quantiles, one row per point (the first draw from `rng`)."""
    lib = salib()
    seed = int(rng.integers(SEED_BOUND))
    space = problem(names)
    if kind == "morris":
        matrix = lib.sample.morris.sample(space, samples, num_levels=MORRIS_LEVELS, seed=seed)
    elif kind == "sobol":
        matrix = lib.sample.sobol.sample(space, samples, calc_second_order=False, seed=seed)
    else:
        raise ValueError(f"unknown sensitivity design '{kind}'")
    return np.asarray(matrix, dtype=float)


def analysis_seed(entropy: int) -> int:
    """The seed of the indices' bootstrap confidence intervals: a third stream of the
    entropy, apart from the design's and the runs' (see `seeds.py`)."""
    stream = np.random.SeedSequence(entropy).spawn(3)[2]
    return int(stream.generate_state(1)[0])
