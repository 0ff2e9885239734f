"""Game benchmarks: a whole `balanced` game, the cost of one turn as the window sees it,
and save and load times.

Prints figures; it asserts nothing. Run `make bench-detail` or `python bench/game.py`.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from rare_earth_game.game import GameSession
from rare_earth_game.game.baseline import forget_baselines
from rare_earth_game.game.strategies import get_strategy, play
from rare_earth_game.scenario import load_scenario

os.environ["RARE_EARTH_GAME_CACHE"] = "off"  # each figure plays its own no-new-policy game
REPEATS = 3


def whole_game(preset: str, scoring: bool) -> float:
    """Seconds for a whole balanced game (scoring plays the baseline game too)."""
    forget_baselines()
    scenario = load_scenario("baseline_2025")
    start = time.perf_counter()
    session = play(
        GameSession(scenario, seed=0, preset=preset, scoring=scoring), get_strategy("balanced")
    )
    elapsed = time.perf_counter() - start
    session.model.release()
    return elapsed


def turn_times(preset: str, ahead: bool) -> list[float]:
    """Per game turn, ms for available_actions() + submit(). With `ahead`, the baseline
    game's turn is played beforehand, as the window does while the player thinks."""
    forget_baselines()  # each figure plays its own no-new-policy game, not an earlier one's
    scenario = load_scenario("baseline_2025")
    session = GameSession(scenario, seed=0, preset=preset)
    strategy = get_strategy("balanced")
    times = []
    for _ in range(session.turns):
        if ahead:
            session.prepare_next_turn()
        start = time.perf_counter()
        session.available_actions()
        session.submit(strategy.decide(session))
        times.append(1000 * (time.perf_counter() - start))
    return times


def save_and_load(turns: int) -> tuple[float, float, int]:
    """ms to save and to load (replay and verify) a class-period game after `turns` turns."""
    session = GameSession("baseline_2025", seed=0, preset="class_period", scoring=False)
    strategy = get_strategy("balanced")
    for _ in range(turns):
        session.submit(strategy.decide(session))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.reg.json.gz"
        start = time.perf_counter()
        session.save(path)
        saved = 1000 * (time.perf_counter() - start)
        start = time.perf_counter()
        GameSession.load(path)
        loaded = 1000 * (time.perf_counter() - start)
        size = path.stat().st_size
    return saved, loaded, size


def main() -> None:
    for preset in ("class_period", "campaign"):
        for scoring in (True, False):
            runs = [whole_game(preset, scoring) for _ in range(REPEATS)]
            label = "with scorecards" if scoring else "no scorecards"
            print(f"whole balanced game, {preset:12} {label:16}: {statistics.median(runs):6.2f} s")
    for preset in ("class_period", "campaign"):
        for ahead in (True, False):
            times = sorted(turn_times(preset, ahead))
            p95 = times[max(0, round(0.95 * len(times)) - 1)]
            how = "baseline played ahead" if ahead else "baseline played in submit"
            print(
                f"actions + submit per turn, {preset:12} {how:26}: "
                f"median {statistics.median(times):6.1f} ms, p95 {p95:6.1f} ms"
            )
    for turns in (6, 12):
        saved, loaded, size = save_and_load(turns)
        print(
            f"save after {turns:2} turns: {saved:5.1f} ms ({size / 1024:.1f} KiB); "
            f"load (replay and verify): {loaded:6.0f} ms"
        )


if __name__ == "__main__":
    main()
