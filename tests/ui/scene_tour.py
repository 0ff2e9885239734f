"""Every screen and sub-page of the window, opened one after another as a player would."""

from __future__ import annotations

from collections.abc import Iterator

from rare_earth_game.ui import match
from rare_earth_game.ui.app import App
from rare_earth_game.ui.game_charts import CHARTS
from rare_earth_game.ui.hotseat import Rotation
from rare_earth_game.ui.scenes.debrief import DebriefScene
from rare_earth_game.ui.scenes.teams import TeamsScene
from rare_earth_game.ui.scenes.turn import TurnScene

PILLARS = ("domestic", "allies", "batteries", "trade", "stockpile_recycling")


def every_view(app: App, game: match.Match, fresh: match.Match) -> Iterator[str]:
    """Open each screen in turn, yielding its name once it is laid out: `fresh` is a game
    before its first turn, `game` one with turns played."""
    router = app.router
    router.title()
    yield "title"
    router.new_game()
    yield "setup"
    router.settings()
    yield "settings"
    router.back()
    router.load()
    yield "load"
    router.back()
    for page in ("play", "glossary", "keys"):
        router.help(page)
        yield f"help_{page}"
        router.back()
    router.play(fresh)
    yield "briefing"
    router.back()
    turn = app.scene
    assert isinstance(turn, TurnScene)
    yield "first_turn_map"
    turn.show("projects")
    yield "first_turn_projects"
    turn.show("charts")
    yield "first_turn_chart_prices"
    router.play(game)
    turn = app.scene
    assert isinstance(turn, TurnScene)
    yield "turn_map"
    for pillar in PILLARS:
        turn.pick_pillar(pillar)
        yield f"turn_cards_{pillar}"
    turn.show("map")
    map_panel = turn.views["map"]
    map_panel.view.selected = ("nation", "CHN")  # type: ignore[union-attr]
    map_panel._relayout_info()  # type: ignore[attr-defined]
    yield "turn_map_selected"
    turn.show("charts")
    charts = turn.views["charts"]
    for key, _ in CHARTS:
        charts.pick(key)  # type: ignore[attr-defined]
        yield f"chart_{key}"
    turn.show("projects")
    yield "projects"
    router.menu()
    yield "menu"
    router.back()
    router.teacher()
    yield "teacher"
    router.back()
    app.settings.teacher_pin = "1234"
    router.teacher()
    yield "teacher_pin"
    router.back()
    app.settings.teacher_pin = ""
    router.projector(game)
    yield "projector"
    router.leave_projector()
    teams = Rotation([game, fresh])  # read only: neither game is told it is in a class
    for moment in ("handover", "round", "final"):
        app.push(TeamsScene(app, teams, moment))
        yield f"teams_{moment}"
        router.back()
    router.summary(game)
    yield "summary"
    debrief = router.debrief(game)
    assert isinstance(debrief, DebriefScene)
    for page in ("timeline", "scorecard", "discuss"):
        debrief.show(page)
        yield f"debrief_{page}"
