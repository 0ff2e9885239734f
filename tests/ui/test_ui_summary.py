"""The turn summary teaches: your moves first, at most five ranked changes with their causes,
what to watch next turn, and every line one key away."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from ui_driver import frames, press

from rare_earth_game.game.report import ProjectStatus
from rare_earth_game.ui import match, story
from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes.summary import SummaryScene


def _status(state: str) -> ProjectStatus:
    return ProjectStatus("c", "Card", state, "", 0)  # type: ignore[arg-type]


def test_the_tally_of_projects_agrees_in_number() -> None:
    assert story._tally([_status("funded")]) == "Your project is funded."
    assert story._tally([_status("building"), _status("building")]) == (
        "Your projects are under construction."
    )
    assert story._tally([_status("operating"), _status("building")]) == (
        "1 of your 2 projects is operating; 1 is under construction."
    )
    three = [_status("operating"), _status("operating"), _status("funded")]
    assert story._tally(three) == "2 of your 3 projects are operating; 1 is funded."
    assert story._tally([]) == ""
    assert story.agree(1, "was", "were") == "was"
    assert story.agree(0, "was", "were") == "were"


def test_the_story_leads_with_your_moves_then_ranks_at_most_five_changes(
    played: match.Match,
) -> None:
    first = story.tell(played.session, played.reports[0])  # the turn something was funded
    assert first.moves[0].kind == "action"
    assert any("funded" in line.text for line in first.moves)
    report = played.reports[-1]  # the first turn with a turn before it to explain against
    told = story.tell(played.session, report)
    assert told.moves[0].text == "You made no new moves this turn."
    assert 1 <= len(told.changes) <= story.MOST_CHANGES
    for line in told.changes:
        assert "Why:" in line.text or "No single cause" in line.text, line.text
        assert " t a year" not in line.text, "tonnes belong in the tooltip, not the sentence"
    sizes = [e.size for e in report.explanations if not e.yours]
    ranked = sorted(sizes, reverse=True)[: story.MOST_CHANGES]
    told_sizes = [
        e.size
        for line in told.changes
        for e in report.explanations
        if line.text.startswith(e.label)
    ]
    assert told_sizes == ranked[: len(told_sizes)]
    assert told.hidden == max(0, len(sizes) + len(report.ai) - story.MOST_CHANGES)
    assert len(told.watch) <= story.MOST_WATCH


def test_the_summary_shows_the_story_and_every_line_one_key_away(
    make_app: Callable[..., App], played: match.Match
) -> None:
    app = make_app()
    app.router.play(played)
    scene = app.router.summary(played)
    assert isinstance(scene, SummaryScene)
    frames(app)
    words = [label.words for column in scene.columns for label in column.labels]
    assert words[0].startswith("Your moves")
    headings = [w for w in words if w.startswith(("Your moves", "What changed most", "What to"))]
    assert [h.split(" ")[0:2] for h in headings] == [
        ["Your", "moves"],
        ["What", "changed"],
        ["What", "to"],
    ]
    short = len(words)
    press(app, pygame.K_a)
    assert scene.full
    every = [label.words for column in scene.columns for label in column.labels]
    assert "Why things changed" in every
    assert len(every) > short
    assert app.scene.focus.current is not None
    assert app.scene.focus.current.label == "every line"
    press(app, pygame.K_a)
    assert not scene.full
