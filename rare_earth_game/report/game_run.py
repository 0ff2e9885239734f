"""A whole game played by a named strategy, written out: `rare-earth-game run --strategy`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from rare_earth_game.game.actions import action_to_dict
from rare_earth_game.game.strategies import get_strategy
from rare_earth_game.report.charts import write_run_chart
from rare_earth_game.report.headless import model_tables
from rare_earth_game.report.tables import write_tables

if TYPE_CHECKING:
    from rare_earth_game.game.scoring import Scorecard
    from rare_earth_game.game.session import GameSession


@dataclass(frozen=True)
class GameRun:
    session: GameSession
    scorecard: Scorecard
    files: list[Path]


def scorecard_table(card: Scorecard) -> pd.DataFrame:
    """One row per objective: target, the player's value, the baseline's, and the score."""
    return pd.DataFrame(
        [
            {
                "objective": o.objective.id,
                "title": o.objective.title,
                "metric": o.objective.metric,
                "direction": o.objective.direction,
                "target": o.objective.target,
                "by": o.deadline,
                "value": o.value,
                "baseline": o.baseline,
                "score": o.score,
                "met": o.met,
                "weight": o.objective.weight,
            }
            for o in card.objectives
        ]
    )


def actions_table(session: GameSession) -> pd.DataFrame:
    """Every action submitted, turn by turn, with whether it was accepted and why."""
    rows = []
    for turn, report in enumerate(session.reports):
        for result in report.actions:
            rows.append(
                {
                    "turn": turn,
                    "date": session.label(turn),
                    **{f"action.{k}": v for k, v in action_to_dict(result.action).items()},
                    "accepted": result.accepted,
                    "message": result.message,
                }
            )
    return pd.DataFrame(rows, columns=None if rows else ["turn", "date", "accepted", "message"])


def play_headless(
    session: GameSession,
    strategy_name: str,
    *,
    turns: int | None,
    folder: Path,
    on_turn: object = None,
) -> GameRun:
    """Play `turns` game turns (default: to the end) and write tables, reports and the save.

    `on_turn`, if given, is called with each `TurnReport` (the CLI shows progress with it).
    """
    strategy = get_strategy(strategy_name, session.seed)
    for _ in range(session.turns if turns is None else turns):
        report = session.submit(strategy.decide(session))
        if callable(on_turn):
            on_turn(report)
    card = session.scorecard()
    tables = {
        **model_tables(session.model),
        "game": session.history(),
        "baseline": session.baseline(),
        "actions": actions_table(session),
        "scorecard": scorecard_table(card),
    }
    files = write_tables(tables, folder)
    files.append(write_run_chart(session.scenario, tables["model"], folder / "chart.png"))
    reports = folder / "reports.txt"
    reports.write_text("\n\n".join(r.text() for r in session.reports) + "\n", encoding="utf-8")
    files.append(reports)
    files.append(session.save(folder / "game.reg.json.gz"))
    return GameRun(session, card, files)
