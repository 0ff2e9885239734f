"""The classroom game window (pygame-ce + pygame_gui), opened by `rare-earth-game play`.

Nothing outside this package imports it, so the engine and the CLI never load pygame.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
