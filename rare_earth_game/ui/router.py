"""Every way one screen leads to another, in one place.

Scenes ask the router to go somewhere (`app.router.summary(match)`); they never import one
another. Each method knows what the stack of screens should look like afterwards: Escape
from the turn screen opens the menu over it, a finished game's summary gives way to the
debrief, a loaded game starts over a fresh title screen. A new screen (a facilitator's
panel, a team's hand-over) is one more method here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.ui.scenes.briefing import BriefingScene
from rare_earth_game.ui.scenes.debrief import DebriefScene
from rare_earth_game.ui.scenes.facilitator import FacilitatorScene
from rare_earth_game.ui.scenes.help import HelpScene
from rare_earth_game.ui.scenes.load import LoadScene
from rare_earth_game.ui.scenes.menu import MenuScene
from rare_earth_game.ui.scenes.projector import ProjectorScene
from rare_earth_game.ui.scenes.settings import SettingsScene
from rare_earth_game.ui.scenes.setup import SetupScene
from rare_earth_game.ui.scenes.summary import SummaryScene
from rare_earth_game.ui.scenes.teams import TeamsScene
from rare_earth_game.ui.scenes.title import TitleScene
from rare_earth_game.ui.scenes.turn import TurnScene

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.hotseat import Rotation
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.scene import Scene


class Router:
    def __init__(self, app: App) -> None:
        self.app = app

    # --- outside a game -----------------------------------------------------------------------

    def title(self) -> Scene:
        """Back to the title screen, leaving every other screen."""
        return self.app.reset(TitleScene(self.app))

    def new_game(self, scenario: str | None = None) -> Scene:
        return self.app.push(SetupScene(self.app, scenario=scenario))

    def load(self) -> Scene:
        return self.app.push(LoadScene(self.app))

    def settings(self) -> Scene:
        return self.app.push(SettingsScene(self.app))

    def help(self, page: str = "play") -> Scene:
        """Help over whatever is on screen (only once: F1 on the help page stays there)."""
        if isinstance(self.app.scene, HelpScene):
            return self.app.scene
        return self.app.push(HelpScene(self.app, page))

    def back(self) -> None:
        """Close the top screen (never the last one)."""
        self.app.pop()

    # --- the teacher ----------------------------------------------------------------------------

    def teacher(self) -> Scene:
        """The teacher's controls over whatever is on screen (once: the key on the panel
        stays there), for the game being played if there is one."""
        if isinstance(self.app.scene, FacilitatorScene):
            return self.app.scene
        game = next((s.match for s in reversed(self.app.scenes) if hasattr(s, "match")), None)
        return self.app.push(FacilitatorScene(self.app, game))

    def projector(self, game: Match) -> Scene:
        """The projector view of a game: the map, one chart and the news in large type
        (the one already open, when the teacher's panel was opened over it)."""
        if isinstance(self.app.scene, ProjectorScene):
            return self.app.scene
        self.app.projector(True)
        return self.app.push(ProjectorScene(self.app, game))

    def leave_projector(self) -> None:
        self.app.projector(False)
        self.app.pop()

    def quit(self) -> None:
        self.app.running = False

    # --- a game -------------------------------------------------------------------------------

    def play(self, game: Match) -> Scene:
        """Open a started or loaded game over the title screen; a game that has not played
        its first turn opens with the briefing."""
        self.app.reset(TitleScene(self.app))
        turn = self.app.push(TurnScene(self.app, game))
        if not game.reports and not game.session.finished:
            return self.app.push(BriefingScene(self.app, game))
        return turn

    def briefing(self, game: Match) -> Scene:
        return self.app.push(BriefingScene(self.app, game))

    def menu(self) -> Scene:
        return self.app.push(MenuScene(self.app))

    def summary(self, game: Match) -> Scene:
        return self.app.push(SummaryScene(self.app, game))

    def after_summary(self, game: Match) -> Scene:
        """From a turn's summary: back to the turn, or on to the debrief once it was the last;
        in a hot-seat class, on to the next team (with the leaderboard after a round)."""
        if game.rotation is not None:
            return self.next_team(game.rotation)
        if game.session.finished:
            return self.debrief(game)
        self.app.pop()
        return self.app.scene

    def next_team(self, rotation: Rotation) -> Scene:
        """The hand-over to the next team, the leaderboard after a round, or the final one;
        over a fresh title screen, as a game opens."""
        moment = "final" if rotation.finished else "round" if rotation.advance() else "handover"
        self.app.reset(TitleScene(self.app))
        return self.app.push(TeamsScene(self.app, rotation, moment))

    def debrief(self, game: Match) -> Scene:
        """The debrief, over the title screen: the game's screens are done with."""
        self.app.reset(TitleScene(self.app))
        return self.app.push(DebriefScene(self.app, game))
