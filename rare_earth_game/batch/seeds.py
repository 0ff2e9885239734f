"""Seeds: every random draw of a batch comes from one recorded number, the entropy.

`SeedSequence(entropy).spawn(2)` gives two independent streams: one for the design (the
Latin hypercube's draws), one whose children seed the runs. A run's seed depends only on
the entropy and its replication (or, without common random numbers, its run id), never on
which worker runs it or when, so results are the same with any number of workers, on any
backend, and when a batch is resumed or split into shards.
"""

from __future__ import annotations

import secrets

import numpy as np

ENTROPY_BITS = 128


def fresh_entropy() -> int:
    """A new random entropy, as NumPy recommends: 128 bits from the OS."""
    return secrets.randbits(ENTROPY_BITS)


def as_entropy(value: int | str) -> int:
    """Entropy as written in a spec or on the command line (TOML integers stop at 2**63,
    so larger ones are written in quotes)."""
    return int(value)


def design_rng(entropy: int) -> np.random.Generator:
    """The generator the design draws from."""
    return np.random.default_rng(np.random.SeedSequence(entropy).spawn(2)[0])


def run_seeds(entropy: int, count: int) -> list[int]:
    """`count` run seeds: child i of the run stream, as a 63-bit integer.

    63 bits fit a signed 64-bit column in every table format and make collisions between
    runs of even a large batch unlikely (about 1 in 2 000 000 000 for 100 000 runs).
    """
    stream = np.random.SeedSequence(entropy).spawn(2)[1]
    return [
        int(child.generate_state(1, np.uint64)[0] >> np.uint64(1)) for child in stream.spawn(count)
    ]
