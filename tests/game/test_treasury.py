"""The budget: nothing overspends, projects can always be paid, savings cannot pile up,
running costs are paid while projects operate, difficulty changes the money, and every
built-in scenario keeps the budget rule."""

from __future__ import annotations

import itertools
import math

import pytest
from helpers.worlds import build, tiny_data
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rare_earth_game.game import FundCard, GameSession, SetTariff, StockpileOrder
from rare_earth_game.game.actions import Action
from rare_earth_game.game.budget_rule import SPRINT_SHARE, budget_checks, budget_problems
from rare_earth_game.game.strategies import get_strategy, play
from rare_earth_game.game.treasury import Terms, Treasury
from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.catalog import builtin_scenarios

SCENARIO = load_scenario("baseline_2025")
CARD_IDS = [card.id for card in SCENARIO.investments]
GOODS = [c.id for c in SCENARIO.commodities]

actions = st.one_of(
    st.builds(FundCard, st.sampled_from([*CARD_IDS, "no_such_card"])),
    st.builds(SetTariff, st.sampled_from(["CHN", "JPN", "USA"]), st.sampled_from([0.0, 0.25, 1.0])),
    st.builds(StockpileOrder, st.sampled_from(GOODS), st.sampled_from([500.0, 5000.0, -100.0])),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(actions, max_size=6), min_size=3, max_size=5), st.integers(0, 3))
@example(  # public support raised the budget, and the raise came only inside the next turn
    [
        [
            FundCard("allied_tariffs"),
            SetTariff("CHN", 0.0),
            SetTariff("JPN", 0.0),
            FundCard("trade_talks"),
            SetTariff("USA", 0.0),
        ],
        [
            FundCard("production_credit"),
            FundCard("allied_tariffs"),
            FundCard("permitting_reform"),
            SetTariff("CHN", 1.0),
            FundCard("rare_earth_free_motors"),
            FundCard("allied_magnet_plant"),
        ],
        [FundCard("stockpile_rule"), FundCard("us_separation_plant"), FundCard("no_such_card")],
        [StockpileOrder("ionic_clay_concentrate", 5000.0)],
        [
            FundCard("ewaste_collection"),
            StockpileOrder("ionic_clay_concentrate", 5000.0),
            StockpileOrder("y_oxide", -100.0),
            FundCard("rare_earth_free_motors"),
        ],
    ],
    3,
)
def test_no_sequence_of_actions_overspends_the_budget(turns: list[list[Action]], seed: int) -> None:
    """A turn pays no more than the money the player saw before it: the allowance shown
    between turns is the one the next turn has."""
    session = GameSession(SCENARIO, seed=seed, preset="sprint", scoring=False)
    for chosen in turns:
        if session.finished:  # a game can be lost before its last turn
            break
        treasury = session.treasury
        money_before = treasury.allowance + treasury.savings
        spent_before = treasury.spent_total
        report = session.submit(chosen)
        assert treasury.savings >= -1e-6, "spent more than the allowance and savings"
        assert treasury.committed <= treasury.allowance + 1e-6, "promises exceed a turn's budget"
        assert treasury.spent_total - spent_before <= money_before + 1e-6
        for result in report.actions:
            assert result.message, "every action result says what happened"


terms = st.builds(
    Terms,
    now=st.sampled_from([0.0, 10.0, 80.0, 400.0]),
    per_turn=st.sampled_from([0.0, 25.0, 60.0, 150.0]),
    turns=st.integers(0, 4),
    running=st.sampled_from([0.0, 5.0, 40.0]),
)


@given(
    st.floats(50, 500),
    st.floats(0, 1),
    st.lists(st.tuples(st.lists(terms, max_size=4), st.floats(0, 300), st.booleans()), max_size=8),
)
def test_the_treasury_never_pays_more_than_it_has_and_keeps_only_its_share(
    allowance: float, carry: float, turns: list[tuple[list[Terms], float, bool]]
) -> None:
    """Whatever is asked: what it takes it can pay, and savings stay under their bound."""
    treasury = Treasury(allowance, carry_over=carry)
    bound = allowance * carry / (1 - carry) if carry < 1 else math.inf
    for number, (asked, purchase_ceiling, all_operating) in enumerate(turns):
        for i, choice in enumerate(asked):
            if treasury.refusal(choice) is None:
                treasury.take(choice, f"p{number}-{i}")
        held = treasury.reserve(purchase_ceiling) is None
        purchases = purchase_ceiling * 0.7 if held else 0.0
        operating = list(treasury.commitments) if all_operating else []
        money = treasury.allowance + treasury.savings
        account = treasury.close_turn(purchases, operating)
        assert account.paid <= money + 1e-6
        assert treasury.savings >= -1e-6
        assert treasury.savings <= bound + 1e-6
        assert account.lapsed >= -1e-6
        assert treasury.committed <= allowance + 1e-6


def test_a_card_beyond_the_budget_is_refused_with_the_amounts() -> None:
    session = GameSession("baseline_2025", seed=0, preset="sprint", scoring=False)
    dearest = max(session.scenario.investments, key=lambda c: c.cost / max(c.years, 0.1))
    session.treasury.savings = -session.treasury.allowance + 1.0  # almost nothing left
    option = next(o for o in session.available_actions() if o.key == f"card:{dearest.id}")
    assert not option.available
    assert "USD" in (option.reason or "")
    result = session.submit([FundCard(dearest.id)]).actions[0]
    assert not result.accepted
    assert dearest.id not in session.projects


def test_installments_are_paid_every_turn_until_the_project_is_paid_for() -> None:
    session = GameSession("baseline_2025", seed=0, preset="class_period", scoring=False)
    card = next(c for c in session.scenario.investments if c.years >= 2 and not c.prerequisites)
    session.submit([FundCard(card.id)])
    assert not session.projects[card.id].paid
    paid = session.treasury.spent_total
    while not session.projects[card.id].paid:
        session.submit([])
    assert session.treasury.spent_total >= card.cost - 1e-6
    assert paid < card.cost  # paid in installments, not at once


def test_unspent_money_does_not_pile_up() -> None:
    """With nothing bought, savings settle at the carried-over share, not the sum."""
    session = play(
        GameSession("baseline_2025", seed=0, preset="sprint", scoring=False),
        get_strategy("do_nothing"),
    )
    treasury = session.treasury
    carry = treasury.carry_over
    assert treasury.savings <= treasury.allowance * carry / (1 - carry) + 1e-6
    assert treasury.lapsed_total > treasury.allowance * (session.turns - 2)
    assert session.history()["game.lapsed_musd"].is_monotonic_increasing


def _world_with_a_plant(running: float) -> GameSession:
    """The tiny world with a card that builds a US plant, opening in its third year."""
    data = tiny_data()
    data["time"]["turns"] = 24
    data["game"] = {"budget_per_year": 400.0, "carry_over": 1.0}
    data["investments"] = [
        {
            "id": "home_plant",
            "pillar": "domestic",
            "title": "Home separation plant",
            "summary": "A separation plant at home.",
            "metric": "player.supply_security",
            "cost": 200.0,
            "years": 1,
            "running_cost": running,
            "effects_at": "start",
            "effects": [
                {
                    "type": "add_refiner",
                    "id": "home_sep",
                    "name": "Home separation",
                    "nation": "USA",
                    "recipe": "separate",
                    "capacity": 5000,
                    "unit_cost": 3.0,
                    "status": "building",
                    "turns_to_complete": 12,
                }
            ],
        }
    ]
    return GameSession(build(data), seed=0, preset="sprint", scoring=False)


def test_running_costs_are_set_aside_at_once_and_paid_only_while_operating() -> None:
    with_running, without = _world_with_a_plant(80.0), _world_with_a_plant(0.0)
    for session in (with_running, without):
        session.submit([FundCard("home_plant")])
    assert with_running.treasury.committed == pytest.approx(80.0), "set aside from funding"
    states, extra = [], [0.0]
    for _ in range(4):
        for session in (with_running, without):
            session.submit([])
        states.append(with_running.projects["home_plant"].state(with_running.model))
        extra.append(with_running.treasury.spent_total - without.treasury.spent_total)
    assert states[0] == "building"
    assert "operating" in states
    paid = [after - before for before, after in itertools.pairwise(extra)]
    assert paid == pytest.approx([80.0 if s == "operating" else 0.0 for s in states])


def test_difficulty_changes_the_money_and_what_a_strategy_can_buy() -> None:
    allowances, funded = {}, {}
    for difficulty in ("easy", "normal", "hard"):
        session = play(
            GameSession(
                "baseline_2025", seed=1, preset="sprint", difficulty=difficulty, scoring=False
            ),
            get_strategy("onshore"),
        )
        allowances[difficulty] = session.treasury.allowance
        funded[difficulty] = sum(card.cost for card in (p.card for p in session.projects.values()))
    assert allowances["easy"] > allowances["normal"] > allowances["hard"]
    assert funded["easy"] > funded["hard"]


@pytest.mark.parametrize("name", [entry.name for entry in builtin_scenarios()])
def test_every_built_in_scenario_keeps_the_budget_rule(name: str) -> None:
    scenario = load_scenario(name)
    assert budget_problems(scenario) == []
    normal = next(c for c in budget_checks(scenario) if c.difficulty == "normal")
    assert normal.share < SPRINT_SHARE - 0.1, "well under half on normal"


def test_the_budget_rule_catches_a_budget_that_buys_the_whole_menu() -> None:
    data = tiny_data()
    data["game"] = {"budget_per_year": 10_000.0}
    data["investments"] = [
        {
            "id": "cheap",
            "pillar": "trade",
            "title": "Talks",
            "summary": "Talk.",
            "metric": "player.tension_with_adversary",
            "cost": 50.0,
            "years": 0,
        }
    ]
    problems = budget_problems(build(data))
    assert any("must be under 50%" in p for p in problems)
