"""Hot-seat teams: names typed with commas start one game per team on the same scenario and
seed; teams take turns in order, each with its own plan, budget and save, and the
leaderboard shows after every round."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest
from ui_driver import press, settle

from rare_earth_game.game.saves import load_save
from rare_earth_game.ui.app import App
from rare_earth_game.ui.hotseat import TeamsError, team_names
from rare_earth_game.ui.scenes.facilitator import FacilitatorScene
from rare_earth_game.ui.scenes.setup import SetupScene
from rare_earth_game.ui.scenes.summary import SummaryScene
from rare_earth_game.ui.scenes.teams import TeamsScene
from rare_earth_game.ui.scenes.turn import TurnScene


def test_team_names_are_split_on_commas_and_checked() -> None:
    assert team_names("Red, Blue ,Green,") == ["Red", "Blue", "Green"]
    assert team_names("Table 3") == ["Table 3"]
    assert team_names("") == []
    with pytest.raises(TeamsError, match="at most 6 teams"):
        team_names("a,b,c,d,e,f,g")
    with pytest.raises(TeamsError, match="Red is named twice"):
        team_names("Red, Blue, red")


def _turn(app: App, team: str) -> TurnScene:
    if not isinstance(app.scene, TurnScene):
        press(app, pygame.K_ESCAPE)  # past the briefing
    scene = app.scene
    assert isinstance(scene, TurnScene)
    assert scene.match.session.team == team
    return scene


def _end(app: App, scene: TurnScene) -> None:
    scene.end_turn()
    if scene.job is None:
        scene.end_turn()  # an empty plan asks once
    settle(app)
    assert isinstance(app.scene, SummaryScene)
    assert app.scene.buttons["continue"].text == "Next team (Enter)"
    press(app, pygame.K_RETURN)


def test_two_teams_take_turns_with_their_own_games_and_a_leaderboard_after_the_round(
    make_app: Callable[..., App],
) -> None:
    app = make_app()
    setup = app.router.new_game("baseline_2025")
    assert isinstance(setup, SetupScene)
    setup.entry.set_text("Red, Red")
    setup.start()
    assert "named twice" in setup.error
    assert setup.job is None
    setup.entry.set_text("Red, Blue")
    setup.start()
    settle(app)

    red = _turn(app, "Red")
    rotation = red.match.rotation
    assert rotation is not None
    panel = app.router.teacher()
    assert isinstance(panel, FacilitatorScene)
    event = panel.events()[0][1].id
    panel.announce(event)  # the teacher announces for the whole class
    assert [g.announce for g in rotation.games] == [[event], [event]]
    app.router.back()
    blue_game = rotation.games[1].session
    assert blue_game is not red.match.session
    assert (blue_game.seed, blue_game.scenario_ref) == (red.match.session.seed, "baseline_2025")
    card = next(o for o in red.match.session.available_actions() if o.key.startswith("card:"))
    red.plan.toggle(card)
    _end(app, red)
    assert isinstance(app.scene, TeamsScene)
    assert app.scene.moment == "handover"
    press(app, pygame.K_RETURN)

    blue = _turn(app, "Blue")
    assert blue.match.session.turn == 0
    assert blue.match.session.projects == {}
    _end(app, blue)
    board = app.scene
    assert isinstance(board, TeamsScene)
    assert board.moment == "round"
    words = [label.words for label in board.column.labels]
    assert {"Red", "Blue"} <= set(words)
    assert len(rotation.games[0].session.projects) == 1
    assert rotation.games[0].session.treasury.available != blue_game.treasury.available

    app.classroom.scores_hidden = True
    board.build()
    assert "hidden" in [label.words for label in board.column.labels]
    press(app, pygame.K_RETURN)
    _turn(app, "Red")

    saves = {g.saved.path for g in rotation.games if g.saved is not None}
    assert len(saves) == 2
    for game in rotation.games:
        assert game.saved is not None
        replayed = load_save(game.saved.path)
        assert replayed.team == game.session.team
        assert replayed.announced == [[event]]
        assert replayed.checksums == game.session.checksums
