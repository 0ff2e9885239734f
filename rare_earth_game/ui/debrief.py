"""The debrief's content: decisions by turn and discussion prompts drawn from what happened.
(What is written for the teacher is `export`.)"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rare_earth_game.game.actions import action_title
from rare_earth_game.ui.numbers import fmt

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match

MIN_PROMPTS, MAX_PROMPTS = 3, 5
CONTROL_WORDS = re.compile(r"licen|ban|quota|control|restrict", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    turn: int
    date: str
    title: str
    pillar: str
    accepted: bool
    message: str


def decisions(game: Match) -> list[Decision]:
    """Every action the player submitted, by turn, with the game's verdict."""
    scenario = game.session.scenario
    out = []
    for report in game.reports:
        for result in report.actions:
            title, pillar = action_title(result.action, scenario)
            out.append(
                Decision(report.turn, report.date, title, pillar, result.accepted, result.message)
            )
    return out


def prompts(game: Match) -> list[str]:
    """Three to five questions for class discussion, each about something in this game."""
    session = game.session
    world = game.world
    history, baseline = world.history, world.baseline
    adversary = (
        world.nations[world.adversary].name if world.adversary in world.nations else "the adversary"
    )
    questions: list[str] = []
    if session.ending is not None:
        questions.append(
            f"Your game ended early: {session.ending.reason}. What were the warning signs, "
            "and which decision would you take back?"
        )
    spike = None
    for good in world.key_goods:
        column = f"{good}.price_outside.{world.adversary}"
        if column not in history or len(history) < 2:
            continue
        values = history[column].tolist()
        for i in range(1, len(values)):
            if values[i - 1] > 0 and not math.isnan(values[i]):
                change = values[i] / values[i - 1] - 1
                if spike is None or change > spike[0]:
                    spike = (change, good, history["date"].iloc[i])
    if spike is not None and spike[0] > 0.2:
        name = world.commodities.get(spike[1], spike[1])
        questions.append(
            f"{name} prices outside {adversary} jumped {spike[0]:.0%} in {spike[2]}. What caused "
            "it, and what could the US have done years earlier to soften it?"
        )
    for report in game.reports:
        moves = [d for d in report.ai if CONTROL_WORDS.search(d.action)]
        if moves:
            move = moves[0]
            who = world.nations[move.nation].name if move.nation in world.nations else move.nation
            questions.append(
                f"In {report.date}, {who} {move.action} ({move.reason}). Was that a reaction to "
                "US moves? Would you make those moves again, knowing the answer?"
            )
            break
    if "player.supply_security" in history and len(history):
        mine = float(history["player.supply_security"].iloc[-1])
        base = (
            float(baseline["player.supply_security"].iloc[len(history) - 1])
            if len(baseline) >= len(history)
            else math.nan
        )
        questions.append(
            f"Your supply security ended at {fmt(mine, 'share')}, against {fmt(base, 'share')} "
            "with no new policy. Which decision made the biggest difference, and how long did it "
            "take to show?"
        )
    model = session.model
    unfinished = [p for p in session.projects.values() if p.state(model) in ("funded", "building")]
    if unfinished:
        questions.append(
            f"{len(unfinished)} of your projects had not started working when the game ended "
            f"(e.g. {unfinished[0].card.title}). What do lead times mean for when a country "
            "must act?"
        )
    elif not session.projects:
        questions.append(
            "You funded no long projects. What did waiting cost, and what did it save?"
        )
    tension = (
        float(history["player.tension_with_adversary"].iloc[-1])
        if "player.tension_with_adversary" in history and len(history)
        else math.nan
    )
    if not math.isnan(tension) and tension >= 0.6:
        questions.append(
            f"Tension with {adversary} ended at {tension:.2f}. Did security come at the cost of "
            "relations? Is there a path that improves both?"
        )
    spent = session.treasury.spent_total
    questions.append(
        f"You spent {fmt(spent, 'musd')} of public money. Which spending bought the most "
        "security per dollar, and which would you cut?"
    )
    missed = [o for o in session.scorecard().objectives if not o.met]
    if missed and len(questions) < MIN_PROMPTS:
        goal = missed[0]
        questions.append(
            f'The goal "{goal.objective.title}" was not met. What would it have taken, and '
            "was it realistic in the time you had?"
        )
    return questions[:MAX_PROMPTS]


def subtitle(game: Match) -> str:
    """Scenario, length, difficulty and years: the line under every debrief title."""
    session = game.session
    span = f"{session.labels[0]}-{session.labels[-1]}" if session.labels else ""
    return (
        f"{session.scenario.meta.name} · {session.preset.title} · "
        f"{session.difficulty.title} · {span}"
    )


def unit_of(metric: str) -> str:
    """How an objective's metric is written (for the scorecard's figures)."""
    if "price_index" in metric or "tension" in metric:
        return "index"
    return "musd" if metric.endswith("musd") else "share"
