"""What can go wrong with an environment, in the package's error family.

A scenario with no playable nation, or a reward that names no sub-score, is the user's
mistake (`UserError`: the CLI prints it and exits 2). An action outside the mask is the
calling program's (`ApiMisuseError`): a learning agent that picks a card it was told it
cannot fund has a bug worth a traceback.
"""

from __future__ import annotations

from rare_earth_game.errors import ApiMisuseError, UserError


class EnvSetupError(UserError, ValueError):
    """An environment cannot be built with these settings (unknown reward, no playable
    nation, ...); the message names the key to fix."""


class InvalidActionError(ApiMisuseError, ValueError):
    """An action asks for something the mask says cannot be chosen now; the message
    gives every refused part and why."""
