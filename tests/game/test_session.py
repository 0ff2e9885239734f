"""The session plays the no-new-policy game in step, and ahead of time on a worker thread."""

from __future__ import annotations

import threading

from rare_earth_game.game import GameSession
from rare_earth_game.game.strategies import get_strategy


def _scores(ahead: bool) -> list[tuple[float, float]]:
    session = GameSession("baseline_2025", seed=5, preset="sprint")
    strategy = get_strategy("balanced", 5)
    scores = []
    for _ in range(4):
        if ahead:  # as the window does while the player reads the report
            worker = threading.Thread(target=session.prepare_next_turn)
            worker.start()
            actions = strategy.decide(session)  # the main thread keeps using the session
            worker.join()
        else:
            actions = strategy.decide(session)
        card = session.submit(actions).scorecard
        assert card is not None
        scores.append((card.score, card.baseline_score))
    return scores


def test_playing_the_baseline_ahead_changes_nothing_but_when_it_is_played() -> None:
    assert _scores(ahead=True) == _scores(ahead=False)


def test_the_baseline_is_the_same_game_without_the_players_moves() -> None:
    played = GameSession("baseline_2025", seed=5, preset="sprint")
    for _ in range(played.turns):
        played.submit([])
    assert played.history().equals(played.baseline())


def test_a_game_played_without_explanations_is_the_same_game_told_more_briefly() -> None:
    """Research runs and the no-new-policy game skip the why of each report: the game,
    its scores and what the report says happened must not change."""
    games = {}
    for explain in (True, False):
        session = GameSession("baseline_2025", seed=5, preset="sprint", explain=explain)
        strategy = get_strategy("balanced", 5)
        reports = [session.submit(strategy.decide(session)) for _ in range(3)]
        games[explain] = (session, reports)
    (told, told_reports), (brief, brief_reports) = games[True], games[False]
    assert told.history().equals(brief.history())
    assert told.scorecard() == brief.scorecard()
    assert any(r.explanations for r in told_reports)
    assert not any(r.explanations for r in brief_reports)
    for long, short in zip(told_reports, brief_reports, strict=True):
        assert [a.accepted for a in long.actions] == [a.accepted for a in short.actions]
        assert long.projects == short.projects
        assert long.budget == short.budget
