"""The no-new-policy game is played once per process for sessions that agree on what it
depends on (issue 12), and never shared between sessions that do not."""

from rare_earth_game.game import GameSession
from rare_earth_game.game.baseline import forget_baselines
from rare_earth_game.scenario import load_scenario


def test_sessions_with_the_same_settings_share_one_comparison_game() -> None:
    forget_baselines()
    scenario = load_scenario("baseline_2025")
    first = GameSession(scenario, seed=3, preset="sprint")
    again = GameSession("baseline_2025", seed=3, preset="sprint", team="another team")
    assert first._baseline is again._baseline


def test_sessions_that_differ_in_seed_preset_difficulty_or_lens_do_not_share() -> None:
    forget_baselines()
    scenario = load_scenario("baseline_2025")
    base = GameSession(scenario, seed=3, preset="sprint")._baseline
    others = [
        GameSession(scenario, seed=4, preset="sprint"),
        GameSession(scenario, seed=3, preset="class_period"),
        GameSession(scenario, seed=3, preset="sprint", difficulty="hard"),
        GameSession(scenario, seed=3, preset="sprint", lens="green"),
    ]
    assert all(other._baseline is not base for other in others)


def test_a_shared_comparison_game_is_the_one_a_session_would_play_alone() -> None:
    forget_baselines()
    shared = GameSession("baseline_2025", seed=5, preset="sprint")
    shared.baseline()
    alone = GameSession("baseline_2025", seed=5, preset="sprint")
    forget_baselines()
    assert alone.baseline().equals(shared.baseline())
