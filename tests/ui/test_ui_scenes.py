"""Every screen fits every classroom window: 1024×600 to 1920×1080, UI scale 1× to 2×.

At each size and scale every scene and sub-page is opened and drawn, and what a student
would see as broken is looked for: widgets or lines of text that run into each other, text
wider than its box or cut short, buttons off the window. Screenshots of every scene at
1024×600 and at 1920×1080 at 2× go to out/screenshots/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
from layout_checks import problems
from scene_tour import PILLARS, every_view
from ui_driver import click, frames

from rare_earth_game.ui import match, text
from rare_earth_game.ui.app import App
from rare_earth_game.ui.layout import MIN_LOGICAL
from rare_earth_game.ui.scenes.turn import TurnScene

SIZES = [(1024, 600), (1280, 720), (1366, 768), (1920, 1080)]
WINDOWS = [
    ((1024, 600), 1.0),
    ((1024, 600), 1.5),
    ((1280, 720), 1.0),
    ((1280, 720), 1.5),
    ((1280, 720), 2.0),
    ((1366, 768), 1.0),
    ((1366, 768), 2.0),
    ((1920, 1080), 1.0),
    ((1920, 1080), 1.5),
    ((1920, 1080), 2.0),
]
SCREENSHOTS = {((1024, 600), 1.0), ((1920, 1080), 2.0)}


@pytest.fixture
def recording() -> Callable[[App], list[str]]:
    """Draw a frame noting every line of text, and say what is wrong with it."""
    text.RECORD = True

    def check(app: App) -> list[str]:
        text.OVERFLOWS.clear()
        text.SHORTENED.clear()
        frames(app, 1)
        return problems(app)

    yield check
    text.RECORD = False


@pytest.mark.parametrize(("size", "scale"), WINDOWS, ids=[f"{w}x{h}@{s}" for (w, h), s in WINDOWS])
def test_every_scene_fits_the_window(
    make_app: Callable[..., App],
    played: match.Match,
    fresh: match.Match,
    recording: Callable[[App], list[str]],
    shots: Callable[[App, str], Path],
    size: tuple[int, int],
    scale: float,
) -> None:
    app = make_app(size=size, scale=scale)
    assert app.effective_scale == scale
    seen = []
    for name in every_view(app, played, fresh):
        found = recording(app)
        assert found == [], f"{name} at {size} {scale}x: {found[:4]}"
        if (size, scale) in SCREENSHOTS:
            shots(app, f"{name}_{size[0]}x{size[1]}_{scale:g}x")
        seen.append(name)
    assert len(seen) >= 30


@pytest.mark.parametrize("size", SIZES)
def test_the_whole_ui_scale_range_is_offered_from_1280x720(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = make_app(size=size, scale=2.0)
    expected = 2.0 if size[0] >= 1280 else min(size[0] / MIN_LOGICAL[0], size[1] / MIN_LOGICAL[1])
    assert app.effective_scale == pytest.approx(expected)


@pytest.mark.parametrize(("size", "scale"), WINDOWS, ids=[f"{w}x{h}@{s}" for (w, h), s in WINDOWS])
def test_the_card_list_shows_a_whole_card_and_its_button(
    make_app: Callable[..., App], played: match.Match, size: tuple[int, int], scale: float
) -> None:
    app = make_app(size=size, scale=scale)
    turn = app.router.play(played)
    assert isinstance(turn, TurnScene)
    for pillar in PILLARS:
        turn.pick_pillar(pillar)
        plan = turn.plan
        assert plan.rows, pillar
        first = plan.on_screen(plan.rows[0].rect)
        assert plan.list.rect.contains(first), f"{pillar}: {first} not in {plan.list.rect}"
        assert plan.list.rect.contains(plan.on_screen(plan.rows[0].button))
        assert plan.detail.rect.height >= turn.theme.font("body").get_linesize() * 2, pillar


def test_adding_a_card_keeps_the_list_where_it_was_and_the_focus_on_the_card(
    make_app: Callable[..., App], played: match.Match
) -> None:
    app = make_app(size=(1280, 720))
    turn = app.router.play(played)
    assert isinstance(turn, TurnScene)
    turn.pick_pillar("stockpile_recycling")
    plan = turn.plan
    area = plan.list
    addable = [r for r in plan.rows if plan.blocked(r.option) is None and not plan.queued(r.option)]
    target = addable[-1]  # the lowest: the list has to be scrolled to reach it
    area.reveal(target.rect.y, target.rect.bottom)
    assert area.offset > 0
    offset = area.offset
    rows = [r.rect for r in plan.rows]
    click(app, plan.on_screen(target.button))
    assert plan.queued(target.option)
    assert area.offset == offset
    assert [r.rect for r in plan.rows] == rows
    assert turn.focus.current is not None
    assert turn.focus.current.label == f"card:{target.option.key}"


def test_drawing_changes_nothing_on_screen_next(
    make_app: Callable[..., App], played: match.Match, fresh: match.Match
) -> None:
    """Everything a frame shows is laid out beforehand: drawing twice leaves the same
    hover spots, focus and layout behind."""
    app = make_app(size=(1366, 768))
    for name in every_view(app, played, fresh):
        scene = app.scene
        before = ([(tuple(s.rect), s.tooltip) for s in scene.hotspots()], scene.focus.index)
        frames(app, 2)
        after = ([(tuple(s.rect), s.tooltip) for s in scene.hotspots()], scene.focus.index)
        assert before == after, name


def test_scenes_open_each_other_through_the_router() -> None:
    """No scene imports another scene: every change of screen goes through `Router`."""
    import ast

    folder = Path(__file__).resolve().parents[2] / "rare_earth_game" / "ui" / "scenes"
    shared = {"common", "opening"}
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "rare_earth_game.ui.scenes."
            ):
                assert node.module.rsplit(".", 1)[-1] in shared, f"{path.name}: {node.module}"
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            inner = [n for n in ast.walk(function) if isinstance(n, ast.Import | ast.ImportFrom)]
            assert inner == [], f"{path.name}: {function.name} imports inside a function"


def test_high_contrast_theme_draws_every_scene(
    make_app: Callable[..., App], played: match.Match, fresh: match.Match
) -> None:
    app = make_app(theme="high_contrast")
    for _ in every_view(app, played, fresh):
        frames(app, 1)
    assert app.window.get_at((2, 2))[:3] == (0, 0, 0)


def test_every_scene_draws_something(
    make_app: Callable[..., App], played: match.Match, fresh: match.Match
) -> None:
    app = make_app()
    for name in every_view(app, played, fresh):
        frames(app, 1)
        screen = pygame.surfarray.pixels3d(app.window)
        colours = len({tuple(c) for c in screen[::17, ::13].reshape(-1, 3)})
        del screen
        assert colours > 8, f"{name} looks blank"
