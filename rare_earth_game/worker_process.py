"""How a local batch worker process starts, before it imports the game.

A worker runs games and sends back their tables; it writes no Parquet (the parent does).
pandas imports pyarrow whenever it is installed, only to learn its version and back
string columns with it: about 35 MB per worker, a quarter of its memory. Started here,
a worker keeps pyarrow out, so its string columns are plain Python ones, which pickle to
the parent as well. This module imports nothing of the game, so it runs before pandas
does; but a script that imports pandas itself before `run_sweep` is imported again by each
worker first (the spawn start method), and its workers keep pyarrow.
"""

import sys


def start_worker() -> None:
    """Run first in each worker process (the pool's initializer)."""
    if "pandas" not in sys.modules:  # too late once pandas is in: it holds pyarrow already
        sys.modules.setdefault("pyarrow", None)  # type: ignore[arg-type]
