"""The `rare-earth-game` command's entry point: the top-level help without loading the CLI.

`rare-earth-game --help` (and the bare command) is the first thing a newcomer types, and
Typer with Rich takes about 0.4 s to import and lay it out. The laid-out help is kept in
`cli_help.txt` (and `cli_help.ansi`, with colour, for a terminal), stamped with a hash of
`cli.py`: while the stamp matches, the help is printed from there; if `cli.py` has
changed since, the CLI lays it out as usual. `python tools/render_help.py` renders it
again, and a test fails when it is stale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI_SOURCE = HERE / "cli.py"
STAMP = "# cli.py sha256 "
"""First line of a help file: the hash of the `cli.py` it was laid out from."""
NO_ARGUMENTS = 2
"""Exit code of the bare command, as Click gives it: help shown, but nothing was asked."""


def cli_hash() -> str | None:
    """The hash the help files are stamped with; None if `cli.py` cannot be read."""
    import hashlib

    try:
        return hashlib.sha256(CLI_SOURCE.read_bytes()).hexdigest()
    except OSError:
        return None


def help_path(colour: bool) -> Path:
    return HERE / ("cli_help.ansi" if colour else "cli_help.txt")


def kept_help(colour: bool) -> str | None:
    """The laid-out top-level help, or None when it is missing or older than `cli.py`."""
    try:
        stamp, _, text = help_path(colour).read_text(encoding="utf-8").partition("\n")
    except OSError:
        return None
    expected = cli_hash()
    return text if expected is not None and stamp == STAMP + expected else None


def _wants_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def main() -> None:
    arguments = sys.argv[1:]
    if arguments in ([], ["--help"]):
        text = kept_help(_wants_colour())
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(0 if arguments else NO_ARGUMENTS)
    from rare_earth_game.cli import main as run_cli

    run_cli()
