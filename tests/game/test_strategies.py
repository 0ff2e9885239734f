"""Named strategies play whole games deterministically through GameSession.submit."""

from __future__ import annotations

from typing import ClassVar

import pytest

from rare_earth_game.game import FundCard, GameSession
from rare_earth_game.game.actions import Action
from rare_earth_game.game.strategies import Strategy, get_strategy, play, register, strategy_names
from rare_earth_game.scenario.catalog import builtin_scenarios

REQUIRED = {"do_nothing", "stockpile", "onshore", "allies", "tariffs", "balanced", "random"}
SCENARIOS = [entry.name for entry in builtin_scenarios()]


def test_the_issue_s_strategies_are_all_registered() -> None:
    assert set(strategy_names()) >= REQUIRED


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_strategy_completes_every_built_in_scenario(scenario: str, name: str) -> None:
    session = play(
        GameSession(scenario, seed=1, preset="class_period", scoring=False),
        get_strategy(name, 1),
    )
    assert session.finished
    assert len(session.history()) == session.turns
    assert session.treasury.savings >= -1e-6
    card = session.scorecard()
    assert 0 <= card.score <= 100


def test_a_strategy_plays_the_same_game_twice() -> None:
    def checksums() -> list[str]:
        session = GameSession("baseline_2025", seed=4, preset="sprint", scoring=False)
        return play(session, get_strategy("random", 4)).checksums

    assert checksums() == checksums()


def test_researchers_can_register_their_own_strategy() -> None:
    @register
    class MagnetsFirst(Strategy):
        name: ClassVar[str] = "test_magnets_first"
        description: ClassVar[str] = "Builds the US magnet plant, then waits."

        def decide(self, session: GameSession) -> list[Action]:
            return [FundCard("us_magnet_plant")] if session.turn == 0 else []

    session = play(
        GameSession("baseline_2025", seed=0, preset="sprint", scoring=False),
        get_strategy("test_magnets_first"),
    )
    assert "us_magnet_plant" in session.projects
    with pytest.raises(KeyError, match="unknown strategy"):
        get_strategy("no_such_strategy")
