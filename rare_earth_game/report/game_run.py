"""A whole game played by a named strategy, written out: `rare-earth-game run --strategy`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rare_earth_game.forking import InChild, Standby
from rare_earth_game.game.strategies import get_strategy
from rare_earth_game.report.charts import get_ready_to_draw, write_run_chart
from rare_earth_game.report.folders import clear_stale, written
from rare_earth_game.report.game_tables import write_game

if TYPE_CHECKING:
    from rare_earth_game.game.report import TurnReport
    from rare_earth_game.game.scoring import Scorecard
    from rare_earth_game.game.session import GameSession


@dataclass(frozen=True)
class GameRun:
    session: GameSession
    scorecard: Scorecard
    files: list[Path]


def play_headless(
    session: GameSession,
    strategy_name: str,
    *,
    turns: int | None,
    folder: Path,
    on_turn: Callable[[TurnReport], None] | None = None,
) -> GameRun:
    """Play `turns` game turns (default: to the end) and write tables, chart, reports, save.

    `on_turn`, if given, is called with each `TurnReport` (the CLI shows progress with it).
    """
    strategy = get_strategy(strategy_name, session.seed)
    with Standby(get_ready_to_draw) as chart_drawer:  # matplotlib loads while the game plays
        session.play_comparison_in_child()
        for _ in range(session.turns if turns is None else turns):
            report = session.submit(strategy.decide(session))
            if on_turn is not None:
                on_turn(report)
        chart_path = folder / "chart.png"
        history = session.engine_history()
        with (
            written(folder),
            InChild(
                write_run_chart, session.scenario, history, chart_path, standby=chart_drawer
            ) as chart,
        ):
            files = write_game(session, folder)
            reports = folder / "reports.txt"
            reports.write_text("\n\n".join(r.text() for r in session.reports) + "\n", "utf-8")
            files += [chart.result(), reports]
            clear_stale(folder, files)
    return GameRun(session, session.scorecard(), files)
