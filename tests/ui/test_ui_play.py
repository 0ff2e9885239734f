"""Whole games through the window, as a student plays them: by mouse and keyboard, by
keyboard alone, and after the window was closed mid-game."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pygame
from ui_driver import click, frames, press, settle, tab_to, type_text

from rare_earth_game.game.session import GameSession
from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes.briefing import BriefingScene
from rare_earth_game.ui.scenes.debrief import DebriefScene
from rare_earth_game.ui.scenes.setup import SetupScene
from rare_earth_game.ui.scenes.summary import SummaryScene
from rare_earth_game.ui.scenes.title import TitleScene
from rare_earth_game.ui.scenes.turn import TurnScene


def card_button(scene: TurnScene) -> pygame.Rect | None:
    """Screen rectangle of the first card that can be added to the plan, scrolled to."""
    plan = scene.plan
    for row in plan.rows:
        if plan.blocked(row.option) is None and not plan.queued(row.option):
            plan.list.reveal(row.rect.y, row.rect.bottom)
            rect = plan.on_screen(row.button)
            if plan.list.rect.contains(rect):
                return rect
    return None


def end_turn(app: App) -> None:
    """E, and E again if the plan was empty (the turn screen asks once)."""
    press(app, pygame.K_e)
    if isinstance(app.scene, TurnScene) and app.scene.job is None:
        assert app.scene.plan.confirming
        press(app, pygame.K_e)


def past_the_briefing(app: App) -> TurnScene:
    """A new game opens with the briefing; Enter goes on to the world."""
    assert isinstance(app.scene, BriefingScene)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, TurnScene)
    return app.scene


def test_a_sprint_game_from_title_to_exported_debrief_by_mouse_and_keys(
    make_app: Callable[..., App], user_home: Path, shots: Callable[[App, str], Path]
) -> None:
    app = make_app()
    app.push(TitleScene(app))
    frames(app)
    click(app, app.scene.buttons["New game"])
    assert isinstance(app.scene, SetupScene)
    click(app, app.scene.entry.rect)
    type_text(app, "Falcons")
    click(app, app.scene.buttons["preset:sprint"])
    click(app, app.scene.buttons["Start"])
    settle(app)
    scene = past_the_briefing(app)
    assert scene.match.session.team == "Falcons"
    funded: list[str] = []
    turns = scene.match.session.turns
    for turn in range(turns):
        scene = app.scene
        assert isinstance(scene, TurnScene)
        click(
            app, scene.buttons[f"pillar:{('domestic', 'allies', 'stockpile_recycling')[turn % 3]}"]
        )
        target = card_button(app.scene)  # type: ignore[arg-type]
        if target is not None:
            plan = app.scene.plan.plan  # type: ignore[attr-defined]
            before = len(plan.chosen)
            click(app, target)
            assert len(plan.chosen) == before + 1
            funded.append(plan.chosen[-1].key)
        if turn == 0:
            shots(app, "turn_with_plan")
            click(app, app.scene.buttons["end"])
            if app.scene.job is None:  # type: ignore[attr-defined]
                click(app, app.scene.buttons["end"])
        else:
            end_turn(app)
        settle(app)
        assert isinstance(app.scene, SummaryScene)
        if turn == 0:
            shots(app, "summary")
        press(app, pygame.K_RETURN)
    assert isinstance(app.scene, DebriefScene)
    shots(app, "debrief")
    click(app, app.scene.buttons["export"])
    folder = app.scene.folder  # type: ignore[attr-defined]
    names = {p.name for p in folder.iterdir()}
    assert {"game.csv", "actions.csv", "scorecard.csv", "turns.csv", "discussion.txt"} <= names
    assert "debrief.pdf" in names
    assert any(n.startswith("chart_prices") and n.endswith(".png") for n in names)
    assert "debrief_screen.png" in names
    saves = [folder / n for n in names if n.endswith(".reg.json.gz")]
    loaded = GameSession.load(saves[0])
    assert loaded.finished
    assert loaded.team == "Falcons"
    logged = [a["card"] for turn in loaded.log for a in turn if a.get("kind") == "fund"]
    assert logged == [k.removeprefix("card:") for k in funded if k.startswith("card:")]
    assert len(pd.read_csv(folder / "actions.csv")) == len(funded)


def test_a_game_by_keyboard_alone(
    make_app: Callable[..., App], shots: Callable[[App, str], Path]
) -> None:
    app = make_app()
    app.push(TitleScene(app))
    frames(app)
    press(app, pygame.K_RETURN)  # focus starts on New game
    assert isinstance(app.scene, SetupScene)
    tab_to(app, "team")
    type_text(app, "Keys")
    tab_to(app, "Start")
    press(app, pygame.K_RETURN)
    settle(app)
    session = past_the_briefing(app).match.session
    added = 0
    while not session.finished:
        scene = app.scene
        assert isinstance(scene, TurnScene)
        press(app, pygame.K_1 + session.turn % 5)
        for row in scene.plan.rows:
            if scene.plan.blocked(row.option) is None:
                tab_to(app, f"card:{row.option.key}")
                press(app, pygame.K_RETURN)
                added += 1
                break
        end_turn(app)
        settle(app)
        assert isinstance(app.scene, SummaryScene)
        press(app, pygame.K_RETURN)
    assert added > 0
    assert sum(len(turn) for turn in session.log) == added
    assert isinstance(app.scene, DebriefScene)
    press(app, pygame.K_x)
    assert app.scene.status.startswith("Exported"), app.scene.status  # type: ignore[attr-defined]
    shots(app, "debrief_after_keyboard_game")


def test_continue_after_the_window_closed_mid_game(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.push(SetupScene(app))
    app.scene.entry.set_text("Owls")  # type: ignore[attr-defined]
    click(app, app.scene.buttons["Start"])
    settle(app)
    past_the_briefing(app)
    for _ in range(2):
        end_turn(app)
        settle(app)
        press(app, pygame.K_RETURN)
    played = app.scene.match.session.log  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.tick()
    assert not app.running
    reopened = make_app()
    reopened.push(TitleScene(reopened))
    frames(reopened)
    assert reopened.scene.buttons["Continue"].is_enabled
    press(reopened, pygame.K_RETURN)  # focus starts on Continue when a game is waiting
    settle(reopened)
    scene = reopened.scene
    assert isinstance(scene, TurnScene)
    assert scene.match.session.team == "Owls"
    assert scene.match.session.turn == 2
    assert scene.match.session.log == played


def test_a_turn_resolves_off_the_drawing_thread(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.push(SetupScene(app))
    click(app, app.scene.buttons["Start"])
    settle(app)
    past_the_briefing(app)
    end_turn(app)
    job = app.scene.job  # type: ignore[attr-defined]
    assert job is not None
    assert job._thread is not threading.current_thread()
    app.tick()  # the loop keeps drawing whether or not the turn is done
    settle(app)
    assert isinstance(app.scene, SummaryScene)
