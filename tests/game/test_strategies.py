"""Named strategies play whole games deterministically through GameSession.submit."""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path
from typing import Any, ClassVar

import pytest
from helpers.worlds import build

from rare_earth_game.game import FundCard, GameSession, choosing, strategies
from rare_earth_game.game.actions import Action
from rare_earth_game.game.strategies import (
    Strategy,
    get_strategy,
    play,
    register,
    strategy_names,
    strategy_problem,
)
from rare_earth_game.scenario import Scenario, load_scenario
from rare_earth_game.scenario.catalog import builtin_scenarios, scenarios_dir

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
    card = session.scorecard()
    if card.ending:  # a game can be lost (tariffs in the 2011 squeeze starve defence buyers)
        assert len(session.history()) < session.turns
    else:
        assert len(session.history()) == session.turns
    assert session.treasury.savings >= -1e-6
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


def _baseline_with(*cards: dict[str, Any]) -> Scenario:
    """The 2025 baseline as its author wrote it, with extra cards appended."""
    data = tomllib.loads((scenarios_dir() / "baseline_2025.toml").read_text(encoding="utf-8"))
    data["investments"] = [*data["investments"], *cards]
    return build(data)


AUTHORS_PLANT = {
    "id": "authors_quick_plant",
    "pillar": "domestic",
    "title": "Reopen an idle US magnet line",
    "summary": "A card no strategy has heard of: a small magnet line that opens within a year.",
    "metric": "player.self_sufficiency.ndfeb_magnet",
    "cost": 120.0,
    "years": 1,
    "effects_at": "start",
    "effects": [
        {
            "type": "add_refiner",
            "id": "authors_quick_line",
            "name": "Reopened magnet line",
            "nation": "USA",
            "recipe": "make_magnets",
            "capacity": 1000,
            "unit_cost": 24.0,
            "status": "building",
            "turns_to_complete": 2,
        }
    ],
}


@pytest.mark.parametrize("name", ["onshore", "balanced"])
def test_built_in_strategies_choose_a_card_a_scenario_author_added(name: str) -> None:
    session = GameSession(_baseline_with(AUTHORS_PLANT), seed=0, preset="sprint", scoring=False)
    chosen = get_strategy(name, 0).decide(session)
    assert FundCard("authors_quick_plant") in chosen, chosen


def test_strategies_never_name_a_card_id() -> None:
    """Cards are chosen by what options say about themselves, so any scenario's cards count."""
    source = inspect.getsource(strategies) + inspect.getsource(choosing)
    for entry in builtin_scenarios():
        for card in load_scenario(entry.name).investments:
            assert f'"{card.id}"' not in source, card.id


def test_onshore_funds_the_quickest_domestic_cards_that_act_in_time() -> None:
    session = GameSession("baseline_2025", seed=0, preset="sprint", scoring=False)
    options = {o.action: o for o in session.available_actions()}
    chosen = [options[a] for a in get_strategy("onshore").decide(session)]
    assert chosen
    assert all(o.pillar == "domestic" or "self_sufficiency" in (o.metric or "") for o in chosen)
    assert all(o.warning is None for o in chosen), "nothing that opens after the game ends"
    assert [o.lead_turns for o in chosen] == sorted(o.lead_turns for o in chosen)


def test_fund_card_plays_one_card_with_its_prerequisites_first() -> None:
    session = play(
        GameSession("baseline_2025", seed=0, preset="sprint", scoring=False),
        get_strategy("fund:recycling_yield"),
    )
    funded = [a["card"] for turn in session.log for a in turn]
    assert funded == ["magnet_recycling", "recycling_yield"]


def test_a_misspelt_fund_card_is_named_with_a_suggestion() -> None:
    scenario = load_scenario("baseline_2025")
    assert strategy_problem("fund:round_top", scenario) is None
    problem = strategy_problem("fund:round_tp", scenario) or ""
    assert "no investment card 'round_tp'" in problem
    assert "did you mean 'round_top'?" in problem
    assert "did you mean 'onshore'?" in (strategy_problem("onshor", scenario) or "")


def _news_card(card: str, pillar: str, metric: str, cost: float) -> str:
    """A card paid at once whose only effect is a line of news."""
    return f"""
[[investments]]
id = "{card}"
pillar = "{pillar}"
title = "{card}"
summary = "A card for the test."
metric = "{metric}"
cost = {cost}
years = 0

[[investments.effects]]
type = "news"
text = "{card} is funded."
"""


def _saving_world(allowance: float) -> Scenario:
    """The tiny world with two cards neither of which one turn's money pays for: a domestic
    one worth saving for (its metric is an objective's) and a weaker allied one."""
    text = (Path(__file__).resolve().parents[1] / "data" / "tiny.toml").read_text("utf-8")
    game = """
[game]
budget_per_year = 400.0
carry_over = 1.0

[[objectives]]
id = "jobs"
title = "Jobs"
metric = "player.jobs"
target = 1000.0
weight = 10.0
"""
    cards = _news_card("big_domestic", "domestic", "player.jobs", 1.9 * allowance)
    cards += _news_card(
        "allied_gesture", "allies", "player.tension_with_adversary", 1.2 * allowance
    )
    return build(tomllib.loads(text + game + cards))


def test_balanced_saves_for_the_best_card_even_when_nothing_is_affordable_now() -> None:
    """With no card affordable on the first turn, it still marks the best one of the pillar
    in turn as the one to save for, and funds it next turn before the pillar whose turn it
    then is (which would spend the savings on a weaker card)."""
    probe = GameSession(_saving_world(100.0), seed=0, scoring=False)
    session = GameSession(_saving_world(probe.treasury.allowance), seed=0, scoring=False)
    strategy = get_strategy("balanced", 0)
    assert strategy.decide(session) == []
    assert strategy.target == "card:big_domestic"  # type: ignore[attr-defined]
    session.submit([])
    assert strategy.decide(session)[0] == FundCard("big_domestic")
