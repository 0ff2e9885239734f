"""A local batch worker keeps out what it never uses, so each one costs less memory."""

from __future__ import annotations

from rare_earth_game.batch.executors import LocalPool
from rare_earth_game.batch.worker import ready

PYARROW_LOADED = "__import__('sys').modules.get('pyarrow') is not None"


def test_a_local_worker_imports_the_game_without_pyarrow() -> None:
    """pyarrow is a quarter of a worker's memory and only the parent writes Parquet."""
    with LocalPool(1).executor() as executor:
        assert executor.submit(ready).result(timeout=120)  # the game and pandas are in
        assert executor.submit(eval, PYARROW_LOADED).result(timeout=60) is False
