"""The budget: nothing overspends, projects can always be paid, rejections say why."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rare_earth_game.game import FundCard, GameSession, SetTariff, StockpileOrder
from rare_earth_game.game.actions import Action
from rare_earth_game.scenario import load_scenario

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
def test_no_sequence_of_actions_overspends_the_budget(turns: list[list[Action]], seed: int) -> None:
    session = GameSession(SCENARIO, seed=seed, preset="sprint", scoring=False)
    for chosen in turns:
        treasury = session.treasury
        money_before = treasury.allowance + treasury.savings
        report = session.submit(chosen)
        assert treasury.savings >= -1e-6, "spent more than the allowance and savings"
        assert treasury.locked <= treasury.allowance + 1e-6, "installments exceed a turn's budget"
        assert treasury.spent_total >= 0
        spent = money_before - treasury.savings
        assert spent <= money_before + 1e-6
        for result in report.actions:
            assert result.message, "every action result says what happened"


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


def test_installments_are_paid_every_turn_until_the_project_is_done() -> None:
    session = GameSession("baseline_2025", seed=0, preset="class_period", scoring=False)
    card = next(c for c in session.scenario.investments if c.years >= 2 and not c.prerequisites)
    session.submit([FundCard(card.id)])
    assert session.projects[card.id].status == "in_progress"
    paid = session.treasury.spent_total
    while session.projects[card.id].completed is None:
        session.submit([])
    assert session.treasury.spent_total >= card.cost - 1e-6
    assert paid < card.cost  # paid in installments, not at once
