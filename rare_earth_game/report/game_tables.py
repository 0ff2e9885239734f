"""A game's tables, one schema for every way out: `run --strategy` and the window's
"Export for the teacher" both write these, so a teacher's folder and a researcher's read
the same way.

In every table `turn` is the game turn, counted from 1 as players count it; the engine's
tables also carry `step`, the engine step (a quarter in the built-in scenarios), from 1.

| table | one row per |
|---|---|
| game | game turn: the engine's figures averaged over the turn, and the game's accounts |
| baseline | game turn of the same seed's "no new policy" game |
| actions | action the player submitted, accepted or not, with the game's message |
| ai_moves | move an AI nation made, with its reason |
| scorecard | sub-score and objective at the end (or its deadline), and a last row with the total |
| model, flows, markets, facilities, notes | the engine's tables (see the README) |
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from rare_earth_game.game.actions import action_title, action_to_dict
from rare_earth_game.report.headless import model_tables
from rare_earth_game.report.tables import write_tables

if TYPE_CHECKING:
    from rare_earth_game.game.scoring import Scorecard
    from rare_earth_game.game.session import GameSession

ACTION_COLUMNS = ["turn", "date", "kind", "title", "pillar", "accepted", "message"]
AI_COLUMNS = ["turn", "date", "nation", "kind", "target", "goods", "action", "reason", "answers"]


def game_tables(session: GameSession) -> dict[str, pd.DataFrame]:
    """Every table of a game played so far, by name."""
    return {
        "game": session.history(),
        "baseline": session.baseline(),
        "actions": actions_table(session),
        "ai_moves": ai_moves_table(session),
        "scorecard": scorecard_table(session.scorecard()),
        **{name: by_game_turn(t, session.steps) for name, t in model_tables(session.model).items()},
    }


def write_game(session: GameSession, folder: Path, *, parquet: bool | None = None) -> list[Path]:
    """Write the game's tables (CSV; Parquet too unless `parquet` is False) and its save."""
    files = write_tables(game_tables(session), folder, parquet=parquet)
    files.append(session.save(folder / "game.reg.json.gz"))
    return files


def actions_table(session: GameSession) -> pd.DataFrame:
    """Every action submitted, turn by turn, with whether it was accepted and why."""
    rows: list[dict[str, Any]] = []
    for report in session.reports:
        for result in report.actions:
            fields = action_to_dict(result.action)
            title, pillar = action_title(result.action, session.scenario)
            rows.append(
                {
                    "turn": report.turn + 1,
                    "date": report.date,
                    "kind": fields.pop("kind"),
                    "title": title,
                    "pillar": pillar,
                    "accepted": result.accepted,
                    "message": result.message,
                    **{f"action.{k}": v for k, v in fields.items()},
                }
            )
    return pd.DataFrame(rows, columns=None if rows else ACTION_COLUMNS)


def ai_moves_table(session: GameSession) -> pd.DataFrame:
    """Every move of the AI nations, turn by turn, with the reason a student reads."""
    rows = [
        {
            "turn": turn + 1,
            "date": session.label(turn),
            "nation": move.nation,
            "kind": move.kind,
            "target": move.target or "",
            "goods": " ".join(move.goods),
            "action": move.action,
            "reason": move.reason,
            "answers": " | ".join(answer.text for answer in move.answers),
        }
        for turn, moves in enumerate(session.decisions)
        for move in moves
    ]
    return pd.DataFrame(rows, columns=AI_COLUMNS)


def scorecard_table(card: Scorecard) -> pd.DataFrame:
    """One row per sub-score (0-100, with its formula in words), one per objective (its
    credit 0-100, judged as worded), then a `total` row with the score under the lens.
    Scores are rounded to one decimal and values to four, as a teacher reads them."""
    rows: list[dict[str, Any]] = [
        {
            "part": "sub_score",
            "objective": part.id,
            "title": part.title,
            "metric": "",
            "direction": "",
            "target": math.nan,
            "by": "",
            "value": round(part.value, 4),
            "baseline": math.nan,
            "score": round(part.score, 1),
            "met": False,
            "weight": part.weight,
            "grade": "",
            "how": part.formula,
        }
        for part in card.subscores
    ]
    rows += [
        {
            "part": "goal",
            "objective": o.objective.id,
            "title": o.title or o.objective.title,
            "metric": o.objective.metric,
            "direction": o.objective.direction,
            "target": o.objective.target,
            "by": o.deadline,
            "value": round(o.value, 4),
            "baseline": round(o.baseline, 4),
            "score": round(100 * o.score, 1),
            "met": o.met,
            "weight": o.objective.weight,
            "grade": "",
            "how": o.how,
        }
        for o in card.objectives
    ]
    rows.append(
        {
            "part": "total",
            "objective": "total",
            "title": f"Weighted score (0-100), {card.lens} lens",
            "metric": "",
            "direction": "",
            "target": math.nan,
            "by": "",
            "value": round(card.score, 1),
            "baseline": round(card.baseline_score, 1),
            "score": round(card.score, 1),
            "met": sum(o.met for o in card.objectives) == len(card.objectives),
            "weight": sum(p.weight for p in card.subscores),
            "grade": card.grade,
            "how": card.ending or "",
        }
    )
    return pd.DataFrame(rows)


def by_game_turn(table: pd.DataFrame, steps: int) -> pd.DataFrame:
    """An engine table with its step counted from 1 and the game turn it belongs to."""
    if "turn" not in table:
        return table
    step = table["turn"]
    out = table.drop(columns="turn")
    out.insert(0, "step", step + 1)
    out.insert(0, "turn", step // steps + 1)
    return out
