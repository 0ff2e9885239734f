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
