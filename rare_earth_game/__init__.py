"""Rare Earth Game: an agent-based simulator and classroom game of rare-earth supply chains.

`__version__` is looked up when first asked for (PEP 562): reading the installed
package's metadata imports `importlib.metadata` and `email`, a fifth of what `--help`
used to cost, and most commands never need it.
"""

from functools import cache


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rare-earth-game")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
