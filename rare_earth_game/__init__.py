"""Rare Earth Game: an agent-based simulator and classroom game of rare-earth supply chains."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rare-earth-game")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
