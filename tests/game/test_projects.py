"""Projects are told as they stand: funded, under construction, operating, mothballed; and a
card that cannot act before the game ends says so, and may still be chosen."""

from __future__ import annotations

from rare_earth_game.game import ActionOption, FundCard, GameSession


def _option(session: GameSession, card_id: str) -> ActionOption:
    return next(o for o in session.available_actions() if o.key == f"card:{card_id}")


def test_a_card_that_opens_after_the_game_says_so_and_is_still_allowed() -> None:
    session = GameSession(  # easy: its budget pays both cards' installments at once
        "baseline_2025", seed=0, preset="sprint", difficulty="easy", scoring=False
    )
    session.submit([FundCard("us_heavy_separation")])  # the circuit its concentrate needs
    session.submit([])  # seven years of permits and building, from 2027
    option = _option(session, "round_top")
    assert option.available
    assert session.turn + option.lead_turns > session.turns - 1
    assert "after this game ends" in (option.warning or "")
    report = session.submit([FundCard("round_top")])
    result = report.actions[0]
    assert result.accepted
    assert "after this game ends" in result.message
    project = next(p for p in report.projects if p.card == "round_top")
    assert project.state == "building"
    assert project.text.startswith("Under construction: opens about 2035")
    assert "after this game ends" in project.text


def test_a_card_that_opens_in_time_gives_no_warning() -> None:
    session = GameSession("baseline_2025", seed=0, preset="sprint", scoring=False)
    option = _option(session, "magnet_recycling")
    assert option.warning is None
    assert 0 < option.lead_turns < session.turns


def test_a_plant_is_funded_then_built_then_operating_never_just_complete() -> None:
    session = GameSession("baseline_2025", seed=0, preset="class_period", scoring=False)
    states, texts = [], []
    report = session.submit([FundCard("magnet_recycling")])
    for _ in range(3):
        (project,) = report.projects
        states.append(project.state)
        texts.append(project.text)
        report = session.submit([])
    assert states[0] == "building"
    assert "operating" in states
    assert _option(session, "magnet_recycling").status in ("operating", "mothballed")
    assert not any("complete" in text.lower() for text in texts)


def test_a_card_due_at_completion_is_funded_until_paid_for() -> None:
    session = GameSession("baseline_2025", seed=0, preset="class_period", scoring=False)
    session.submit([FundCard("mountain_pass_expansion")])  # two yearly installments
    assert _option(session, "mountain_pass_expansion").status == "funded"
    report = session.submit([])
    assert any("Paid for in full: Expand Mountain Pass" in s.text for s in report.alerts)
    # its effects are queued for the next engine step: not yet operating, and it says so
    assert _option(session, "mountain_pass_expansion").status == "funded"
    session.submit([])
    assert _option(session, "mountain_pass_expansion").status == "operating"


def test_a_reform_paid_off_last_turn_holds_for_a_project_funded_this_turn() -> None:
    """history_2010: permitting reform paid for in 2009 halves lead times "for projects
    started from now on"; the Phoenix loan funded in 2010 restarts Mountain Pass in half its
    nine quarters, where without the reform it opens no sooner than history's restart."""
    openings = {}
    for plan in ([[], ["phoenix_loan"]], [["permitting_2010"], ["phoenix_loan"]]):
        session = GameSession("history_2010", seed=0, preset="class_period", scoring=False)
        for cards in plan:
            results = session.submit([FundCard(card) for card in cards]).actions
            assert all(result.accepted for result in results)
        for _ in range(2):  # to the end of 2012
            session.submit([])
        rows = session.model.recorder.facility_rows
        openings[len(plan[0])] = min(
            row["turn"]
            for row in rows
            if row["facility"] == "mountain_pass_mine" and row["status"] == "operating"
        )
    assert openings[1] <= openings[0] - 4, openings
