"""Ways to lose and to be stopped: a trade war that high tension sets off, open conflict
that ends the game early, public support that cuts the budget, allies who leave."""

from __future__ import annotations

import pytest

from rare_earth_game.game import FundCard, GameOverError, GameSession, SetTariff
from rare_earth_game.game.support import CUT_BELOW, PublicSupport


@pytest.fixture(scope="module")
def war() -> GameSession:
    """A reckless tariff war: all goods at 200 %, then more of it every year."""
    session = GameSession("baseline_2025", seed=3, preset="sprint", scoring=False)
    session.submit([SetTariff("CHN", 2.0), FundCard("tariff_magnets")])
    for good in ("ndpr_oxide", "dy_oxide", "tb_oxide"):
        if not session.finished:
            session.submit([SetTariff("CHN", 2.0, good)])
    return session


def test_high_tension_sets_off_the_scenario_trade_war(war: GameSession) -> None:
    assert war.crisis.started[0] == 0
    assert any("Trade war" in s.text for s in war.reports[0].alerts)
    assert war.history()["game.crisis"].iloc[0] == 1.0
    # the ban is real: no Chinese magnets reach the US while it lasts
    flows = war.model.recorder.flows_table()
    banned = flows[(flows.exporter == "CHN") & (flows.importer == "USA")]
    assert banned[banned.commodity == "ndfeb_magnet"].tonnes.sum() == 0


def test_a_standing_war_is_lost_before_the_last_turn_and_says_why(war: GameSession) -> None:
    assert war.finished
    assert war.turn < war.turns
    assert war.ending is not None
    assert war.ending.kind == "conflict"
    assert "open conflict" in war.ending.reason
    assert any("Game over" in s.text for s in war.reports[-1].alerts)
    assert war.scorecard().ending == war.ending.reason
    assert war.history()["game.lost"].iloc[-1] == 1.0
    with pytest.raises(GameOverError):
        war.submit([])


def test_the_stockpile_is_released_in_a_trade_war_and_prices_show_it() -> None:
    """Terbium, which the US cannot make and the ban cuts off, is cheaper at home than
    abroad while the stockpile is released, and more so than without a stockpile (NdPr,
    which Mountain Pass makes, hardly moves).

    The home price is read against the price outside China in the same game. Comparing it
    across the two games compared China's answers as much as the release: China's AI aims
    its controls at the world it measures (the stockpile's purchases change it), and a
    control on all its exports of a heavy rare earth moves terbium's price everywhere."""

    def crisis_prices(stockpile: bool) -> tuple[float, float]:
        session = GameSession("baseline_2025", seed=2, preset="sprint", scoring=False)
        session.submit([FundCard("stockpile_rule")] if stockpile else [])
        session.submit([])
        session.submit([])
        held = session.model.nations["USA"].stock_of("tb_oxide")
        session.submit([SetTariff("CHN", 1.5)])
        assert session.crisis.active
        history = session.history().iloc[-1]
        home = history["tb_oxide.price.USA"] / history["tb_oxide.price_outside.CHN"]
        return held - session.model.nations["USA"].stock_of("tb_oxide"), home

    released, with_stock = crisis_prices(True)
    nothing, without = crisis_prices(False)
    assert released > 5
    assert nothing == 0
    assert with_stock < min(1.0, without), (with_stock, without)


def test_low_support_cuts_next_years_budget() -> None:
    support = PublicSupport()
    assert support.budget_factor == 1.0
    for _ in range(4):  # dear prices, no jobs, every dollar spent, a trade war
        support.move(2.0, 1000.0, 1.0, True, 1.0)
    assert support.level < CUT_BELOW
    assert support.budget_factor < 1.0
    session = GameSession("baseline_2025", seed=1, preset="sprint", scoring=False)
    full = session.treasury.allowance
    session.support.level = 0.3
    session.submit([])
    assert session.treasury.allowance == pytest.approx(
        full * session.support.budget_factor, rel=0.5
    )
    assert session.support.budget_factor < 1.0


def test_a_partner_whose_trust_falls_leaves_its_venture() -> None:
    session = GameSession("baseline_2025", seed=1, preset="sprint", scoring=False)
    start = session.trust.trust(session.model, "MYS")
    session.submit([FundCard("lynas_offtake")])
    assert session.trust.trust(session.model, "MYS") > start, "a venture builds trust"
    assert "lynas_offtake_floor" in session.model.policies.floors
    session.model.set_tension("USA", "MYS", 0.8)  # trust 0.2, e.g. after a quarrel
    report = session.submit([])
    assert session.projects["lynas_offtake"].left
    assert any("leaves" in s.text for s in report.alerts)
    assert "lynas_offtake_floor" not in session.model.policies.floors
    assert session.model.facilities["lynas_malaysia"].offtake is None
