"""The scorecard: the article's implications as sub-scores with formulas the player can
read, objectives judged as worded with smooth credit, and lenses that weigh them."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from rare_earth_game.game import GameSession, GameSetupError
from rare_earth_game.game.lenses import lenses
from rare_earth_game.game.objectives import credit
from rare_earth_game.game.scoring import Judge
from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.game import SUB_SCORES


@pytest.fixture(scope="module")
def sprint() -> GameSession:
    session = GameSession("baseline_2025", seed=1, preset="sprint", scoring=False)
    while not session.finished:
        session.submit([])
    return session


def test_every_sub_score_is_0_to_100_with_its_formula_in_words(sprint: GameSession) -> None:
    card = sprint.scorecard()
    assert [part.id for part in card.subscores] == list(SUB_SCORES)
    for part in card.subscores:
        assert 0 <= part.score <= 100, part
        assert part.formula.startswith(part.title), part.formula
        if part.id != "goals":
            assert " 0 at " in part.formula, part.formula
            assert "100 at " in part.formula, part.formula
    weights = {p.id: p.weight for p in card.subscores}
    expected = sum(p.score * p.weight for p in card.subscores) / sum(weights.values())
    assert card.score == pytest.approx(expected)


def test_a_deadline_after_the_game_is_judged_and_worded_at_its_end(sprint: GameSession) -> None:
    scores = {o.objective.id: o for o in sprint.scorecard().objectives}
    secure = scores["secure_supply"]
    assert "by 2035" in secure.objective.title
    assert "by 2032" in secure.title
    assert secure.how == "in 2032"
    assert secure.value == pytest.approx(sprint.history()["player.supply_security"].iloc[-1])


def test_keeping_something_up_is_judged_on_the_worst_year() -> None:
    session = GameSession("history_2010", seed=0, preset="sprint", scoring=False)
    while not session.finished:
        session.submit([])
    kept = next(o for o in session.scorecard().objectives if o.objective.id == "keep_supplied")
    worst = session.history()["player.demand_met"].min()
    assert kept.value == pytest.approx(worst)
    assert "worst year" in kept.how
    assert worst < 0.9
    assert not kept.met, "the 2011 shortage is not forgiven by a good last year"


def test_credit_grows_smoothly_to_the_target() -> None:
    objective = next(
        o for o in load_scenario("baseline_2025").objectives if o.id == "secure_supply"
    )
    values = [0.5 + i * 0.001 for i in range(500)]
    credits = [credit(objective, v, start=0.6) for v in values]
    assert all(b >= a for a, b in itertools.pairwise(credits))
    assert max(b - a for a, b in itertools.pairwise(credits)) < 0.01, "no cliff"
    assert credit(objective, objective.target, 0.6) == 1.0
    assert credit(objective, 0.6, 0.6) == 0.0
    assert math.isclose(credit(objective, 0.775, 0.6), 0.5)


def test_a_lens_weighs_the_same_sub_scores_differently(sprint: GameSession) -> None:
    scenario = sprint.scenario
    history = sprint.history()
    cards = {
        name: Judge(scenario, "sprint", name).scorecard(history, pd.DataFrame())
        for name in lenses(scenario)
    }
    assert len(cards) >= 4
    parts = {name: [p.score for p in card.subscores] for name, card in cards.items()}
    assert len({tuple(v) for v in parts.values()}) == 1, "a lens changes weights only"
    assert len({round(card.score, 6) for card in cards.values()}) == len(cards)


def test_an_unknown_lens_is_refused_with_a_suggestion() -> None:
    with pytest.raises(GameSetupError, match="did you mean 'green'"):
        GameSession("baseline_2025", lens="gren", scoring=False)


def test_a_tariff_cannot_buy_supply_security() -> None:
    """Security is a share of the need at normal prices: pricing buyers out of the market
    lowers demand met and cannot raise security above it."""
    from rare_earth_game.game import SetTariff

    session = GameSession("baseline_2025", seed=1, preset="sprint", scoring=False)
    for _ in range(3):
        session.submit([SetTariff("CHN", 0.5)] if session.turn == 0 else [])
    history = session.history()
    assert (history["player.supply_security"] <= history["player.demand_met"] + 1e-9).all()
