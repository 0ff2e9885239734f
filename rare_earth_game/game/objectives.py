"""A scenario's objectives judged as worded, with credit that grows smoothly.

"Keep ... " is judged on the worst year played, "... by 2035" at its deadline (or at the
game's end, when that comes first, and the title then says that year), and credit runs in
a straight line from none, at a shortfall as large as the way from where the game started
to the target, to full credit at the target: no step anywhere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from rare_earth_game.game.subscores import column, read, window
from rare_earth_game.scenario.game import Objective

SPAN_FLOOR = 0.1
"""A shortfall this share of the target, at least, takes all the credit away: an
objective met when the game starts still loses its credit gradually, not at once."""
BY_YEAR = re.compile(r"\bby (\d{4})\b")


@dataclass(frozen=True)
class ObjectiveScore:
    objective: Objective
    value: float
    baseline: float
    score: float  # 0..1
    met: bool
    deadline: str  # the label of the turn it is judged at, or of the game's last turn
    title: str = ""  # as worded for this game ("by 2032" in a game that ends in 2032)
    how: str = ""  # how it was judged, in words


def worded(objective: Objective, year: str) -> str:
    """The title, its "by YEAR" made the year the game judges it at."""
    if objective.reading != "deadline":
        return objective.title
    return BY_YEAR.sub(f"by {year[:4]}", objective.title, count=1)


def judged_value(
    objective: Objective, history: pd.DataFrame, turn: int, deadline: int | None, since: int = 0
) -> tuple[float, range]:
    """The figure the objective is judged on at game turn `turn`, and the turns read (from
    game turn `since` on, for readings over several turns, while any are played)."""
    values = column(history, objective.metric)[: turn + 1]
    if objective.reading == "deadline":
        at = min(turn, deadline if deadline is not None else turn)
        turns = range(at, at + 1)
        reading = "last"
    else:
        reading = "late_mean" if objective.reading == "late_average" else "worst"
        turns = window(reading, turn)  # type: ignore[arg-type]
        turns = range(min(max(turns.start, since), turn), turn + 1)
    chosen = [values[t] for t in turns if t < len(values)]
    return read(chosen, reading, objective.direction == "at_least"), turns  # type: ignore[arg-type]


def credit(objective: Objective, value: float, start: float) -> float:
    """0..1: full at the target; none at a shortfall as large as the way from the game's
    start to the target (at least `SPAN_FLOOR` of the target); a straight line between."""
    if math.isnan(value):
        return 0.0
    target = objective.target
    if objective.direction == "at_least":
        shortfall = max(0.0, target - value)
    else:
        shortfall = max(0.0, value - target)
    way = abs(target - start) if not math.isnan(start) else 0.0
    span = max(way, SPAN_FLOOR * abs(target), 1e-9)
    return max(0.0, min(1.0, 1.0 - shortfall / span))


def judge(
    objective: Objective,
    played: pd.DataFrame,
    baseline: pd.DataFrame,
    turn: int,
    deadline: int | None,
    labels: list[str],
    since: int = 0,
) -> ObjectiveScore:
    """One objective at game turn `turn`, beside the no-new-policy game's figure."""
    value, turns = judged_value(objective, played, turn, deadline, since)
    base, _ = judged_value(objective, baseline, turn, deadline, since)
    start = column(played, objective.metric)[0] if len(played) else math.nan
    score = credit(objective, value, start)
    first, last = labels[turns.start], labels[turns.stop - 1]
    if objective.reading == "deadline":
        how = f"in {last}"
    elif objective.reading == "late_average":
        how = f"on average over {first}-{last}" if first != last else f"in {last}"
    else:
        how = f"in the worst year of {first}-{last}" if first != last else f"in {last}"
    judged_at = labels[deadline] if deadline is not None else labels[-1]
    met = not math.isnan(value) and score >= 1.0 - 1e-9
    return ObjectiveScore(
        objective, value, base, score, met, judged_at, worded(objective, judged_at), how
    )
