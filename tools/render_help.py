"""Lay out `rare-earth-game --help` again into rare_earth_game/cli_help.txt and .ansi.

Run it after changing a command or its help in `cli.py` (a test says so when the kept
help is stale). The help is laid out by the real CLI, 80 columns wide, once without and
once with colour, and stamped with the hash of `cli.py` it came from.
"""

from __future__ import annotations

import os
import subprocess
import sys

from rare_earth_game.entry import STAMP, cli_hash, help_path

WIDTH = "80"
LAY_OUT = (
    "import sys; sys.argv = ['rare-earth-game', '--help']\n"
    "from rare_earth_game.cli import main\n"
    "main()\n"
)


def render(colour: bool) -> str:
    """The help as the CLI itself lays it out, in a fresh interpreter (Rich reads the
    terminal settings when it is imported)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERMINAL_WIDTH=WIDTH, COLUMNS=WIDTH)
    if colour:
        env["FORCE_COLOR"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", LAY_OUT], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def main() -> None:
    stamp = cli_hash()
    if stamp is None:
        sys.exit("cannot read rare_earth_game/cli.py")
    for colour in (False, True):
        help_path(colour).write_text(f"{STAMP}{stamp}\n{render(colour)}", encoding="utf-8")
        print(f"wrote {help_path(colour)}")


if __name__ == "__main__":
    main()
