"""Every investment card in every built-in scenario does to the world what it says."""

from __future__ import annotations

import pytest
from helpers.effects import Before, problem

from rare_earth_game.game import FundCard, GameSession
from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.catalog import builtin_scenarios

MAX_WAIT = 4
CARDS = [
    (entry.name, card.id)
    for entry in builtin_scenarios()
    for card in load_scenario(entry.name).investments
]


def _fund_and_finish(session: GameSession, card_id: str) -> None:
    """Fund a card (its prerequisites first) and play until its effects are in force."""
    card = session.cards[card_id]
    for needed in card.prerequisites:
        if needed not in session.projects:
            _fund_and_finish(session, needed)
    for _ in range(MAX_WAIT):  # a short turn's budget may need a turn of savings first
        if session.catalogue.why_not(card) is None:
            break
        session.submit([])
    report = session.submit([FundCard(card_id)])
    assert report.actions[0].accepted, report.actions[0].message
    while not session.projects[card_id].paid:
        session.submit([])
    if card.effects_at == "completion":
        session.submit([])  # completion effects take hold at the start of the next turn


@pytest.mark.parametrize(("scenario", "card_id"), CARDS, ids=[f"{s}:{c}" for s, c in CARDS])
def test_a_funded_card_changes_the_world_as_it_says(scenario: str, card_id: str) -> None:
    session = GameSession(scenario, seed=0, preset="campaign", difficulty="easy", scoring=False)
    before = Before.of(session.model)
    spent_before = session.treasury.spent_total
    _fund_and_finish(session, card_id)
    card = session.cards[card_id]
    missing = [p for e in card.effects if (p := problem(session.model, e, before)) is not None]
    assert not missing, f"{card.title}: {missing}"
    if card.cost > 0:
        assert session.treasury.spent_total >= spent_before + card.cost - 1e-6


def test_built_in_scenarios_offer_every_pillar_of_a_us_strategy() -> None:
    pillars = {"domestic", "allies", "batteries", "trade", "stockpile_recycling"}
    for entry in builtin_scenarios():
        offered = {card.pillar for card in load_scenario(entry.name).investments}
        assert offered == pillars, f"{entry.name} lacks {pillars - offered}"


def test_a_card_cannot_be_funded_before_its_prerequisites_and_says_why() -> None:
    session = GameSession("baseline_2025", seed=0, scoring=False)
    gated = next(c for c in session.scenario.investments if c.prerequisites)
    option = next(o for o in session.available_actions() if o.key == f"card:{gated.id}")
    assert not option.available
    assert session.cards[gated.prerequisites[0]].title in (option.reason or "")
    result = session.submit([FundCard(gated.id)]).actions[0]
    assert not result.accepted
    assert gated.id not in session.projects


def test_a_mine_can_be_funded_the_turn_after_the_plant_it_needs_not_years_later() -> None:
    """Round Top needs the US heavy circuit to buy its concentrate; the circuit is built from
    its funding, so the mine need not wait for the circuit's three years of payments (on
    easy, whose budget pays the installments of both at once)."""
    session = GameSession(
        "baseline_2025", seed=0, preset="class_period", difficulty="easy", scoring=False
    )
    options = {o.key: o for o in session.available_actions()}
    assert not options["card:round_top"].available
    session.submit([FundCard("us_heavy_separation")])
    assert not session.projects["us_heavy_separation"].paid
    options = {o.key: o for o in session.available_actions()}
    assert options["card:round_top"].available, options["card:round_top"].reason
    assert session.submit([FundCard("round_top")]).actions[0].accepted
