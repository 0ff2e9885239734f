"""The turn screen as a student meets it: the world in view before the first decision, a
first move explained, End turn that asks once, Escape and tooltips that behave, lists that
scroll, and presets that say what they play."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest
from scene_tour import every_view
from ui_driver import finish, frames, press, tab_to, type_text

import rare_earth_game.ui.app as app_module
from rare_earth_game.ui import match
from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes.briefing import BriefingScene, lead_time_lines
from rare_earth_game.ui.scenes.load import LoadScene
from rare_earth_game.ui.scenes.setup import SetupScene
from rare_earth_game.ui.scenes.title import TitleScene
from rare_earth_game.ui.scenes.turn import TurnScene


def test_before_the_first_decision_the_map_charts_and_projects_show_the_world(
    make_app: Callable[..., App], fresh: match.Match
) -> None:
    world = fresh.world
    assert world.before_first_turn
    assert world.flows, "the opening quarter's trade"
    assert world.stage_shares["manufacturing"], "the opening quarter's producers"
    assert world.opening is not None
    app = make_app()
    app.router.play(fresh)
    app.router.back()  # the briefing
    turn = app.scene
    assert isinstance(turn, TurnScene)
    assert turn.views["map"].view.flows()  # type: ignore[attr-defined]
    turn.show("charts")
    prices = turn.views["charts"].plan  # type: ignore[attr-defined]
    assert [len(points) for _, points in prices.lines] == [1, 1, 1, 1]
    assert "Appears after" not in " ".join(label.words for label in prices.labels)
    turn.show("projects")
    projects, figures = turn.views["projects"].columns  # type: ignore[attr-defined]
    words = " ".join(label.words for label in projects.labels)
    assert "Already being built around the world" in words
    assert "opens about" in words
    assert any("price outside China" in label.words for label in figures.labels)


def test_a_new_game_opens_with_a_briefing_on_lead_times(
    make_app: Callable[..., App], fresh: match.Match
) -> None:
    app = make_app()
    briefing = app.router.play(fresh)
    assert isinstance(briefing, BriefingScene)
    session = fresh.session
    lines = lead_time_lines(session, session.available_actions())
    slowest = max(o.lead_turns for o in session.available_actions() if o.key.startswith("card:"))
    assert f"the slowest {slowest}" in lines[0]
    assert session.label(session.turns - 1) in lines[0]
    too_late = slowest > session.turns - 1  # the merged scenario's cards may all act in time
    assert any("after the game ends" in line for line in lines) == too_late
    shown = " ".join(label.words for column in briefing.columns for label in column.labels)
    assert "Your first move: lead times" in shown
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, TurnScene)
    press(app, pygame.K_r)  # R brings the briefing back until a turn is played
    assert isinstance(app.scene, BriefingScene)


def test_end_turn_with_an_empty_plan_asks_once(make_app: Callable[..., App]) -> None:
    game = finish(match.start("history_2010", 1, "sprint", "normal", "Askers"))
    app = make_app()
    app.router.play(game)
    app.router.back()
    turn = app.scene
    assert isinstance(turn, TurnScene)
    press(app, pygame.K_e)
    assert turn.job is None
    assert turn.plan.confirming
    assert "Confirm" in turn.buttons["end"].text
    row = next(r for r in turn.plan.rows if turn.plan.blocked(r.option) is None)
    turn.plan.toggle(row.option)  # choosing something answers the question
    assert not turn.plan.confirming
    turn.plan.toggle(row.option)
    press(app, pygame.K_e)
    assert turn.plan.confirming
    turn.end_turn()
    assert turn.job is not None
    turn.job.wait()


def test_escape_does_something_on_every_screen(
    make_app: Callable[..., App], played: match.Match, fresh: match.Match
) -> None:
    app = make_app()
    for name in every_view(app, played, fresh):
        stack, scene, focus = list(app.scenes), app.scene, app.scene.focus.index
        press(app, pygame.K_ESCAPE)
        moved = app.scenes != stack
        assert moved or app.scene.focus.index != focus, name
        if isinstance(scene, TitleScene):
            assert app.scene.focus.current.label == "Quit"  # type: ignore[union-attr]
        app.scenes[:] = stack  # put the tour back where it was
        app.ui.clear_and_reset()
        scene.build()


def test_escape_leaves_an_empty_load_screen_even_from_its_text_box(
    make_app: Callable[..., App],
) -> None:
    app = make_app()
    app.router.title()
    app.router.load()
    assert isinstance(app.scene, LoadScene)
    assert app.scene.buttons.keys() == {"Back", "Open"}  # no saved games
    tab_to(app, "path")
    type_text(app, "/no/such")
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


def test_a_tooltip_closes_with_its_scene(
    make_app: Callable[..., App], played: match.Match, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "TOOLTIP_DELAY", 0.0)
    app = make_app()
    app.router.play(played)
    spot = app.scene.hotspots()[0]
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: spot.rect.center)
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: True)
    frames(app, 1)
    app._mouse_at = (-1, -1)  # the mouse arrived here
    frames(app, 2)
    assert app.tip == spot.tooltip
    app.router.menu()
    frames(app, 3)
    assert app.tip != spot.tooltip, "the turn screen's tooltip stayed over the menu"
    assert app.tip == "Back to the game (Esc)."  # the menu's own, for its focused button


def test_the_projects_view_scrolls_to_its_last_line(
    make_app: Callable[..., App], fresh: match.Match
) -> None:
    app = make_app(size=(1280, 720), scale=2.0)
    app.router.play(fresh)
    app.router.back()
    turn = app.scene
    assert isinstance(turn, TurnScene)
    turn.show("projects")
    column = turn.views["projects"].columns[0]  # type: ignore[attr-defined]
    area = column.area
    assert area.content_height > area.rect.height, "nothing to scroll: the test proves nothing"
    last = max(column.labels, key=lambda label: label.rect.bottom)
    assert not area.rect.contains(column.to_screen(last.rect))
    turn.focus_label("projects:0")
    for _ in range(100):
        press(app, pygame.K_DOWN)
    assert area.rect.contains(column.to_screen(last.rect))


def test_each_length_says_what_it_plays_on_the_chosen_scenario(
    make_app: Callable[..., App],
) -> None:
    app = make_app(size=(1366, 768))
    app.router.title()
    setup = app.router.new_game("history_2010")
    assert isinstance(setup, SetupScene)
    assert setup.buttons["preset:class_period"].text in (
        "Class period, 7 turns",
        "Class period (7)",
    )
    setup.pick("preset", "class_period")
    shown = " ".join(label.words for label in setup.description.labels)
    assert "7 turns of a year, 2009 to 2015 (the whole scenario)" in shown
    setup.pick("scenario", "baseline_2025")
    assert "12" in setup.buttons["preset:class_period"].text


def test_route_tags_never_cover_a_name_or_each_other(
    make_app: Callable[..., App], played: match.Match
) -> None:
    app = make_app(size=(1280, 720))
    turn = app.router.play(played)
    assert isinstance(turn, TurnScene)
    panel = turn.views["map"]
    tagged = 0
    for _ in panel.goods():  # type: ignore[attr-defined]
        view = panel.view  # type: ignore[attr-defined]
        boxes = [box for _, box in view.names] + [box for _, box in view.tags]
        for i, a in enumerate(boxes):
            assert not any(a.colliderect(b) for b in boxes[i + 1 :]), view.good
        tagged += len(view.tags)
        panel.step_good(1)  # type: ignore[attr-defined]
    assert tagged > 0, "no tariff or licence on any route: the test proves nothing"


def test_routes_across_the_pacific_stay_on_the_map(
    make_app: Callable[..., App], played: match.Match
) -> None:
    app = make_app(size=(1280, 720))
    turn = app.router.play(played)
    assert isinstance(turn, TurnScene)
    view = turn.views["map"].view  # type: ignore[attr-defined]
    span = view.map_rect.width
    for nation in ("CHN", "JPN", "KOR", "AUS"):
        dx = abs(view.anchors["USA"][0] - view.anchors[nation][0])
        assert dx < span / 2, f"USA-{nation} would be drawn across the map's edge"


def test_the_map_labels_smuggled_trade_apart_from_licensed_trade(
    make_app: Callable[..., App], shots: Callable[[App, str], object]
) -> None:
    """In 2011 China's quota and licences hold legal exports back and smuggled oxides go
    round them: the map shows both on the route, and says which is which in words."""
    game = match.new_match("history_2010", 0, "class_period", "normal", "Team A")
    for _ in range(2):
        finish(match.end_turn(game, []))
    smuggled = [f for f in game.world.flows if f.smuggled and f.commodity == "light_oxides"]
    assert smuggled, "smuggled light oxides in 2011"
    assert all(f.control == "" for f in smuggled), "no control applies past customs"
    app = make_app()
    app.router.play(game)
    turn = app.scene
    assert isinstance(turn, TurnScene)
    panel = turn.views["map"]
    panel.good = "light_oxides"  # type: ignore[attr-defined]
    turn.rebuild()
    frames(app)
    labels = [label for label, _ in panel.view.tags]  # type: ignore[attr-defined]
    assert "smuggled" in labels
    assert "licence" in labels
    shots(app, "smuggled_trade")
