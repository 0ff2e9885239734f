"""Every screen opens and draws, and no text overflows its box at 1x, 1.5x and 2x."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pygame_gui
import pytest
from ui_driver import frames

from rare_earth_game.ui import match, text
from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes import turn_views
from rare_earth_game.ui.scenes.debrief import DebriefScene
from rare_earth_game.ui.scenes.help import HelpScene
from rare_earth_game.ui.scenes.load import LoadScene
from rare_earth_game.ui.scenes.menu import MenuScene
from rare_earth_game.ui.scenes.settings import SettingsScene
from rare_earth_game.ui.scenes.setup import SetupScene
from rare_earth_game.ui.scenes.summary import SummaryScene
from rare_earth_game.ui.scenes.title import TitleScene
from rare_earth_game.ui.scenes.turn import TurnScene


def every_view(app: App, game: match.Match) -> Iterator[str]:
    """Open each screen and sub-page in turn, yielding a name once it is drawn."""
    app.reset(TitleScene(app))
    yield "title"
    app.push(SetupScene(app))
    yield "setup"
    app.push(SettingsScene(app))
    yield "settings"
    app.pop()
    app.push(LoadScene(app))
    yield "load"
    app.pop()
    for page in ("play", "glossary", "keys"):
        app.push(HelpScene(app, page))
        yield f"help_{page}"
        app.pop()
    turn = app.push(TurnScene(app, game))
    assert isinstance(turn, TurnScene)
    yield "turn_map"
    for pillar in ("allies", "trade", "stockpile_recycling"):
        turn.pick_pillar(pillar)
        yield f"turn_cards_{pillar}"
    turn.map.selected = ("nation", "CHN")
    yield "turn_map_selected"
    turn.show("charts")
    for key, _ in turn_views.CHARTS:
        turn_views._pick_chart(turn, key)
        yield f"chart_{key}"
    turn.show("projects")
    yield "projects"
    app.push(MenuScene(app))
    yield "menu"
    app.pop()
    app.push(SummaryScene(app, game))
    yield "summary"
    debrief = app.replace(DebriefScene(app, game))
    assert isinstance(debrief, DebriefScene)
    for page in ("timeline", "scorecard", "discuss"):
        debrief.show(page)
        yield f"debrief_{page}"


def widget_overflows(app: App) -> list[str]:
    """Buttons and labels whose text is wider than the widget can show."""
    problems = []
    for element in app.ui.get_sprite_group().sprites():
        if isinstance(element, pygame_gui.elements.UIButton | pygame_gui.elements.UILabel):
            font = element.font if hasattr(element, "font") else None
            words = element.text
            if font is None or not words:
                continue
            needed = font.size(words)[0]
            if needed > element.rect.width - 8:
                problems.append(f"{words!r}: {needed}px in {element.rect.width}px")
    return problems


def test_every_scene_opens_and_draws(
    make_app: Callable[..., App], played: match.Match, shots: Callable[[App, str], Path]
) -> None:
    app = make_app()
    for name in every_view(app, played):
        frames(app, 2)
        shots(app, name)
        screen = pygame.surfarray.pixels3d(app.window)
        colours = len({tuple(c) for c in screen[::17, ::13].reshape(-1, 3)})
        del screen
        assert colours > 8, f"{name} looks blank"
        assert text.OVERFLOWS == [], f"{name}: {text.OVERFLOWS[:3]}"


@pytest.mark.parametrize(
    ("size", "scale"),
    [
        ((1280, 720), 1.0),
        ((1920, 1080), 1.0),
        ((1920, 1080), 1.5),
        ((1920, 1080), 2.0),
        ((1280, 720), 1.5),
    ],
)
def test_no_text_overflows_at_any_ui_scale(
    make_app: Callable[..., App],
    played: match.Match,
    size: tuple[int, int],
    scale: float,
    shots: Callable[[App, str], Path],
) -> None:
    app = make_app(size=size, scale=scale)
    for name in every_view(app, played):
        frames(app, 1)
        assert text.OVERFLOWS == [], f"{name} at {scale}x: {text.OVERFLOWS[:3]}"
        assert widget_overflows(app) == [], f"{name} at {scale}x"
        if name in ("turn_map", "summary", "debrief_timeline"):
            shots(app, f"{name}_{size[0]}x{size[1]}_{scale}x")


def test_high_contrast_theme_draws_every_scene(
    make_app: Callable[..., App], played: match.Match, shots: Callable[[App, str], Path]
) -> None:
    app = make_app(theme="high_contrast")
    for name in every_view(app, played):
        frames(app, 1)
        if name in ("turn_map", "chart_prices", "summary"):
            shots(app, name)
    assert app.window.get_at((2, 2))[:3] == (0, 0, 0)


def test_the_debrief_asks_three_to_five_questions_about_this_game(played: match.Match) -> None:
    from rare_earth_game.ui import debrief

    questions = debrief.prompts(played)
    assert 3 <= len(questions) <= 5
    security = played.world.history["player.supply_security"].iloc[-1]
    assert any(f"{security:.0%}" in q for q in questions)
    assert all(q.endswith("?") for q in questions)
