"""The teacher's controls, driven as a teacher would: Ctrl+Shift+T, the PIN, then pause,
lock, timer, hidden scores, an announced event that reaches the save, and the projector."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from ui_driver import finish, frames, press, settle, tab_to, type_text

from rare_earth_game.game.saves import load_save
from rare_earth_game.ui import match
from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes.facilitator import FacilitatorScene
from rare_earth_game.ui.scenes.projector import ProjectorScene
from rare_earth_game.ui.scenes.summary import SummaryScene
from rare_earth_game.ui.scenes.turn import TurnScene
from rare_earth_game.ui.settings import load_settings

TEACHER = pygame.KMOD_CTRL | pygame.KMOD_SHIFT


def _turn(app: App, game: match.Match) -> TurnScene:
    app.router.play(game)
    if not isinstance(app.scene, TurnScene):
        press(app, pygame.K_ESCAPE)  # past the briefing
    assert isinstance(app.scene, TurnScene)
    return app.scene


def _top_words(scene: TurnScene) -> list[str]:
    return [label.words for label in scene.top.labels]


def test_a_wrong_pin_is_said_and_the_right_one_opens_the_panel(
    make_app: Callable[..., App], fresh: match.Match
) -> None:
    app = make_app(teacher_pin="2468")
    _turn(app, fresh)
    press(app, pygame.K_t, TEACHER)
    panel = app.scene
    assert isinstance(panel, FacilitatorScene)
    assert not panel.unlocked
    type_text(app, "2469")
    press(app, pygame.K_RETURN)
    assert not panel.unlocked
    assert [label.words for label in panel.labels] == [
        "That PIN is not right. Try again (or Close)."
    ]
    assert "pause" not in panel.buttons
    assert app.scene.focus.current is not None
    assert app.scene.focus.current.label == "pin"
    type_text(app, "2468")
    press(app, pygame.K_RETURN)
    assert panel.unlocked
    assert "pause" in panel.buttons
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TurnScene)


def test_pause_lock_timer_and_hidden_scores_reach_the_class(
    make_app: Callable[..., App], fresh: match.Match
) -> None:
    app = make_app()
    turn = _turn(app, fresh)
    press(app, pygame.K_t, TEACHER)
    for key in (pygame.K_p, pygame.K_l, pygame.K_h):
        press(app, key)
    app.scene.timer(180)  # type: ignore[attr-defined]
    room = app.classroom
    assert room.paused
    assert room.locked
    assert room.scores_hidden
    assert room.timer == 180
    press(app, pygame.K_ESCAPE)
    assert app.scene is turn
    assert "hidden by teacher" in _top_words(turn) or "hidden" in _top_words(turn)
    assert "3:00" in _top_words(turn)
    for _ in range(10):
        app.tick(1.0)  # paused: the timer waits, and keys do nothing
    assert "3:00" in _top_words(turn)
    press(app, pygame.K_c)
    assert turn.view == "map"
    press(app, pygame.K_t, TEACHER)  # the teacher's key still works
    press(app, pygame.K_p)
    press(app, pygame.K_ESCAPE)
    assert not room.paused
    for _ in range(5):
        app.tick(1.0)
    assert "2:55" in _top_words(turn)
    assert not turn.plan.end.is_enabled
    press(app, pygame.K_e)
    assert turn.job is None
    room.set_timer(1)
    app.tick(2.0)
    assert "Time's up" in _top_words(turn)


def test_an_announced_event_happens_this_turn_and_is_in_the_save(
    make_app: Callable[..., App],
) -> None:
    game = finish(match.start("baseline_2025", 2, "sprint", "normal", "Table 5"))
    app = make_app()
    turn = _turn(app, game)
    press(app, pygame.K_t, TEACHER)
    panel = app.scene
    assert isinstance(panel, FacilitatorScene)
    first = panel.events()[0][1]
    panel.announce(first.id)
    assert game.announce == [first.id]
    press(app, pygame.K_ESCAPE)
    assert turn.ticker.items[0].text.startswith(f"Announced: {first.title}.")
    turn.end_turn()
    turn.end_turn()  # an empty plan asks once
    settle(app)
    assert isinstance(app.scene, SummaryScene)
    report = game.reports[-1]
    assert any(h.text == f"Announced now: {first.title}" for h in report.headlines)
    assert game.announce == []
    assert game.saved is not None
    assert load_save(game.saved.path).announced == [[first.id]]


def test_the_projector_view_uses_the_largest_type_and_returns(
    make_app: Callable[..., App], played: match.Match
) -> None:
    app = make_app(size=(1920, 1080), scale=1.0)
    turn = _turn(app, played)
    press(app, pygame.K_t, TEACHER)
    press(app, pygame.K_v)
    assert isinstance(app.scene, ProjectorScene)
    assert app.effective_scale == 2.0
    frames(app)
    press(app, pygame.K_ESCAPE)
    assert app.scene is turn
    assert app.effective_scale == 1.0


def test_the_pin_is_set_in_settings_as_digits_and_kept(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.router.title()
    app.router.settings()
    tab_to(app, "teacher_pin")
    type_text(app, "12ab34")
    press(app, pygame.K_ESCAPE)
    assert app.settings.teacher_pin == "1234"
    assert load_settings().teacher_pin == "1234"
