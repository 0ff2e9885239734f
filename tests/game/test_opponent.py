"""China's AI as an opponent with goals: it aims at what the player depends on, escalates to a
ban when provoked without pause, eases after talks, plays harder on hard, and says what of
the player's it answers; allies join only when their interest and trust say so."""

from __future__ import annotations

import re

import pytest

from rare_earth_game.game import FundCard, GameSession, SetTariff
from rare_earth_game.game.actions import Action
from rare_earth_game.game.ai import Decision
from rare_earth_game.game.ai.exposure import exposures
from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.model import Scenario

HOSTILE = ("control", "tighten", "ban", "punish")
GOODS_TO_TAX = (
    "la_ce_oxide",
    "mixed_carbonate",
    "light_concentrate",
    "ionic_clay_concentrate",
    "magnet_scrap",
    "natural_graphite",
    "ndpr_oxide",
    "anode_material",
)
"""Goods taxed one after another: hostile, but leaving the US's main imports as they were,
so what China can hold over the US is the world's, not the test's doing."""


def _play(
    turns: list[list[Action]],
    difficulty: str = "normal",
    seed: int = 1,
    scenario: Scenario | str = "baseline_2025",
    can_lose: bool = True,
) -> GameSession:
    session = GameSession(
        scenario, seed=seed, difficulty=difficulty, scoring=False, can_lose=can_lose
    )
    for actions in turns:
        session.submit(actions)
    return session


def _moves(session: GameSession, kinds: tuple[str, ...] = HOSTILE) -> list[tuple[int, Decision]]:
    return [
        (turn, d)
        for turn, decisions in enumerate(session.decisions)
        for d in decisions
        if d.kind in kinds
    ]


def _sustained(turns: int) -> list[list[Action]]:
    """A new 100 % tariff on another Chinese good every turn: provocation without pause."""
    return [[SetTariff("CHN", 1.0, GOODS_TO_TAX[t % len(GOODS_TO_TAX)])] for t in range(turns)]


def _without_heavy_rare_earths() -> Scenario:
    """The 2025 world, but magnets can be made without Dy or Tb: a player whose supply no
    longer hangs on heavy rare earths.

    It leaves out the scenario's trade war (the scorecard's crisis). The first tariff lifts
    tension to the war's threshold, so the war starts in the first turn, right after China
    answers, and ends in the third, right after it answers again: through every answer but
    the first, its ban on NdPr oxide and magnets to the US already holds back the goods
    China would aim at in this world, and a control of China's own on them would change
    nothing. Where China aims a control of its own is seen only without that war; the 2025
    world, where it aims at Dy and Tb first all the same, keeps it."""
    scenario = load_scenario("baseline_2025")
    recipes = tuple(
        r.model_copy(update={"thrift": {**r.thrift, "dy_oxide": 1.0, "tb_oxide": 1.0}})
        if r.id == "make_magnets"
        else r
        for r in scenario.recipes
    )
    game = scenario.game.model_copy(update={"crisis": None})
    return scenario.model_copy(update={"recipes": recipes, "game": game})


def _first_target(scenario: Scenario | str) -> tuple[str, GameSession]:
    session = _play(_sustained(3), scenario=scenario)
    hostile = _moves(session)
    assert hostile, "sustained provocation draws an answer"
    return hostile[0][1].goods[0], session


def test_china_aims_its_first_control_at_what_the_player_depends_on_most() -> None:
    heavy, _ = _first_target("baseline_2025")
    assert heavy in ("dy_oxide", "tb_oxide"), "US magnets hang on Chinese Dy and Tb"
    other, session = _first_target(_without_heavy_rare_earths())
    assert other not in ("dy_oxide", "tb_oxide"), "magnets need no Dy or Tb in this world"
    profile = session.ai.suppliers["CHN"].profile
    seen = exposures(
        session.model,
        session.observations[0],
        "USA",
        "CHN",
        list(profile.controllable),
    )
    assert seen[other].share_all > max(seen["dy_oxide"].share_all, seen["tb_oxide"].share_all)


@pytest.mark.parametrize("seed", [1, 2])
def test_sustained_provocation_reaches_a_ban(seed: int) -> None:
    """China's own escalation, played out in a game that cannot be lost: eight turns of new
    tariffs keep tension at the brink through two trade wars, which the scorecard's ways to
    lose end as open conflict after the fifth turn."""
    session = _play(_sustained(8), seed=seed, can_lose=False)
    bans = [turn for turn, d in _moves(session, ("ban",))]
    assert bans, [d.action for _, d in _moves(session)]
    assert bans[0] <= 6


def test_a_single_provocation_draws_no_ban() -> None:
    session = _play([[FundCard("tariff_magnets")]] + [[] for _ in range(7)])
    assert not _moves(session, ("ban",))


def test_talks_win_an_easing_that_names_them() -> None:
    session = GameSession("baseline_2025", seed=1, scoring=False)
    for actions in _sustained(3):
        session.submit(actions)
    assert _moves(session), "provoked, China controls something"
    eased: list[Decision] = []
    for _ in range(6):
        session.submit([FundCard("trade_talks")])
        eased += [d for d in session.decisions[-1] if d.kind in ("ease", "lift")]
        if eased:
            break
    assert eased, "talks turn after turn win an easing"
    assert any('"Trade talks with China"' in a.text for a in eased[0].answers)
    assert "in return for" in eased[0].reason


def test_hard_china_answers_more_than_easy_china() -> None:
    provocation: list[list[Action]] = [[FundCard("tariff_magnets"), FundCard("allied_tariffs")]]
    provocation += [[] for _ in range(6)]
    easy = len(_moves(_play(provocation, "easy")))
    hard = len(_moves(_play(provocation, "hard")))
    assert hard > easy


def test_no_provocation_no_controls() -> None:
    session = _play([[] for _ in range(6)])
    assert not _moves(session)


def test_every_move_names_the_moves_or_the_measured_state_it_answers() -> None:
    session = _play(
        [
            [FundCard("tariff_magnets"), FundCard("allied_tariffs")],
            [FundCard("allied_magnet_plant")],
            [SetTariff("CHN", 1.0, "ndpr_oxide")],
            [],
            [FundCard("trade_talks")],
            [FundCard("trade_talks")],
        ],
        difficulty="hard",
    )
    named = {m.named() for supplier in session.ai.suppliers.values() for m in supplier.memory.moves}
    decisions = [d for turn in session.decisions for d in turn]
    assert decisions
    for decision in decisions:
        assert decision.answers, decision
        for answer in decision.answers:
            assert answer.text in decision.reason
            if answer.kind == "move":
                assert answer.text in named, answer
                assert answer.text.startswith("your ")
            else:
                assert re.search(r"\d+%|tension", answer.text), answer


def test_the_same_seed_gives_the_same_opponent() -> None:
    def moves() -> list[tuple[str, str]]:
        session = _play(_sustained(4), seed=3)
        return [(d.action, d.reason) for turns in session.decisions for d in turns]

    assert moves() == moves()


# --- allies ----------------------------------------------------------------------------------


def test_an_ally_that_does_not_trust_the_player_refuses_a_venture_it_would_gain_from() -> None:
    session = _play([[]])
    card = session.cards["allied_magnet_plant"]
    assert session.ai.ally_accepts(session.model, card, session.turn).accepts
    session.ai.allies.trust = lambda model, player, ally: 0.1 if ally == "KOR" else 0.9
    verdict = session.ai.ally_accepts(session.model, card, session.turn)
    assert not verdict.accepts
    assert "trust" in verdict.reason
    offered = {o.key for o in session.available_actions() if o.available}
    assert "card:allied_magnet_plant" not in offered


def test_an_ally_weighs_china_punishing_others_for_joining() -> None:
    session = _play([[]])
    card = session.cards["allied_tariffs"]
    allies, china = session.ai.allies, session.ai.suppliers["CHN"]
    before = allies.terms(session.model, session.ai.observed, card, china, 1, 1.0)[0]
    china.punished["KOR"] = 1
    after, punished, _ = allies.terms(session.model, session.ai.observed, card, china, 1, 1.0)
    assert punished == "KOR"
    assert after.fear > before.fear
    verdict = session.ai.ally_accepts(session.model, card, 1)
    if not verdict.accepts:
        assert "South Korea" in verdict.reason


def test_a_common_tariff_costs_the_partner_and_it_can_say_no() -> None:
    session = _play([[FundCard("tariff_magnets")], []], difficulty="hard")
    card = session.cards["allied_tariffs"]
    terms = session.ai.allies.terms(
        session.model, session.ai.observed, card, session.ai.suppliers["CHN"], 2, 1.0
    )[0]
    assert terms.cost > 0, "Europe's buyers would pay the tariff"
    verdict = session.ai.ally_accepts(session.model, card, 2)
    assert verdict.accepts == (terms.interest > 0)


def test_a_squeeze_cuts_prices_in_the_chain_where_producers_entered_and_names_its_plants() -> None:
    """Allied plants in rare earths and graphite draw a squeeze in each chain: each cuts the
    prices of that chain's goods only, and names only the player's plants in that chain."""
    plan = [  # plants in both chains: rare earths first, graphite a year later
        ["allied_tariffs", "us_separation_plant"],
        ["trade_talks", "allied_processing_hub"],
        [],
        [],
        ["lynas_offtake", "allied_anode_plant", "africa_graphite_deal"],
        ["allied_magnet_plant"],
        ["trade_talks"],
    ]
    turns = [[FundCard(card) for card in cards] for cards in plan]
    chains: set[str] = set()
    for seed in range(6):  # China squeezes the chain most refined abroad once past its
        # threshold: which chain comes first depends on when each plant opens, so on luck
        session = _play(turns + [[]] * (12 - len(plan)), seed=seed)
        model = session.model
        squeezes = _moves(session, ("squeeze",))
        chains |= {model.commodities[d.goods[0]].chain for _, d in squeezes}
        plants = {f.name: model.commodities[f.main_output].chain for f in model.facilities.values()}
        for _, decision in squeezes:
            chain = model.commodities[decision.goods[0]].chain
            assert {model.commodities[g].chain for g in decision.goods} == {chain}
            named = [name for name in plants if name in decision.reason]
            assert all(plants[name] == chain for name in named), (decision.reason, named)
        if {"rare_earth", "graphite"} <= chains:
            break
    assert {"rare_earth", "graphite"} <= chains, chains
