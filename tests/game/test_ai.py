"""AI nations: the same seed gives the same answers; China answers provocation and talks."""

from __future__ import annotations

from rare_earth_game.game import FundCard, GameSession, SetTariff


def _decisions(seed: int, difficulty: str = "normal") -> list[list[tuple[str, str, str]]]:
    session = GameSession("baseline_2025", seed=seed, difficulty=difficulty, scoring=False)
    hostile = [SetTariff("CHN", 1.0), FundCard("tariff_magnets"), FundCard("allied_tariffs")]
    session.submit(hostile)
    for _ in range(3):
        session.submit([])
    return [[(d.nation, d.action, d.reason) for d in turn] for turn in session.decisions]


def test_ai_answers_are_identical_for_a_seed() -> None:
    assert _decisions(5) == _decisions(5)


def test_china_answers_heavy_provocation_with_export_controls_on_the_player() -> None:
    answered = []
    for seed in range(4):
        moves = [d for turn in _decisions(seed, "hard") for d in turn if d[0] == "CHN"]
        answered.append(any("licence" in action or "ban" in action for _, action, _ in moves))
    assert all(answered)


def test_every_ai_decision_gives_its_reason() -> None:
    for turn in _decisions(1, "hard"):
        for _, action, reason in turn:
            assert action
            assert reason


def test_talks_lower_tension_and_can_win_a_suspension() -> None:
    session = GameSession("baseline_2025", seed=2, difficulty="hard", scoring=False)
    session.submit([SetTariff("CHN", 1.0)])
    session.submit([])
    tension = session.model.tension("USA", "CHN")
    session.submit([FundCard("trade_talks")])
    assert session.model.tension("USA", "CHN") < tension
    controls = [c for c in session.model.policies.controls if c.startswith("ai-CHN")]
    for _ in range(4):
        session.submit([FundCard("trade_talks")])
    after = [c for c in session.model.policies.controls if c.startswith("ai-CHN")]
    assert len(after) <= len(controls)
