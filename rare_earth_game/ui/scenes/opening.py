"""A screen that starts or loads a game in the background, then opens the turn screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.ui import match
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.scene import Scene
from rare_earth_game.ui.worker import Job

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App


class OpeningScene(Scene):
    """Holds the background job; `failure` words what went wrong for the player."""

    failure = "This game cannot be opened"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.job: Job[match.Match] | None = None
        self.error = ""

    def open(self, job: Job[match.Match]) -> None:
        self.error = ""
        self.job = job

    def back(self) -> None:
        if self.job is None:
            self.app.router.back()

    def failed(self) -> None:
        """Show `self.error` (the subclass lays it out)."""

    def update(self, dt: float) -> None:
        if self.job is None or not self.job.done:
            return
        job, self.job = self.job, None
        try:
            opened = job.result()
        except Exception as error:  # shown on screen and logged, never lost
            self.error = f"{self.failure}: {shown(error)}"
            self.failed()
            return
        self.app.router.play(opened)
