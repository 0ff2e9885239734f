"""A turn's summary told as a lesson: your moves and what they did, the few changes that
mattered most with their causes, and what to watch next turn.

The turn report (`game/report.py`) holds every line the game can explain; a student
reading twenty of them learns nothing. This module picks and orders: the player's own
doing first (a student learns from consequences of their own choices), then at most
`MOST_CHANGES` changes ranked by how far each moved in multiples of what is worth telling
(`Explanation.size`), each with its biggest measured cause, then a few things the coming
turn will bring. It only reads the report and the session; the full list stays in the
report for whoever asks for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rare_earth_game.game.support import CUT_BELOW
from rare_earth_game.ui.numbers import fmt

if TYPE_CHECKING:
    from rare_earth_game.game.ai import Decision
    from rare_earth_game.game.attribution import Explanation
    from rare_earth_game.game.report import ProjectStatus, TurnReport
    from rare_earth_game.game.session import GameSession

MOST_CHANGES = 5
"""The ranked changes a summary shows; the rest are one click away."""
MOST_WATCH = 3
HOSTILE_SIZE = 4.0
"""Where another nation's hostile move ranks among measured changes (their sizes are
multiples of a change worth telling, mostly 1 to 5): high, because it sets what comes."""
FRIENDLY_SIZE = 1.5
NEAR_CRISIS = 0.1
"""Tension this close below the crisis threshold is worth a warning."""
NEAR_CUT = 0.05
"""Public support this close above the budget cut (or below it) is worth a warning."""

Tone = Literal["good", "bad", "neutral"]


@dataclass(frozen=True)
class Line:
    """One thing the summary says, with the words for its tooltip (the measured detail)."""

    text: str
    tone: Tone = "neutral"
    detail: str = ""
    kind: str = "market"
    """The sentence kind its icon shows (`draw.sentence_icon`)."""


@dataclass(frozen=True)
class Story:
    moves: list[Line]
    changes: list[Line]
    watch: list[Line]
    hidden: int
    """How many more explained changes the full list holds."""


def agree(count: int, singular: str, plural: str) -> str:
    """The verb or noun that agrees with a count: agree(1, "was", "were") -> "was"."""
    return singular if count == 1 else plural


def tell(session: GameSession, report: TurnReport) -> Story:
    """The story of the turn `report` tells, as the summary shows it."""
    ranked = _ranked(session, report)
    return Story(
        moves=_moves(report),
        changes=[line for _, line in ranked[:MOST_CHANGES]],
        watch=_watch(session, report)[:MOST_WATCH],
        hidden=max(0, len(ranked) - MOST_CHANGES),
    )


# --- your moves ------------------------------------------------------------------------------


def _moves(report: TurnReport) -> list[Line]:
    """What the player did this turn, what became of it, and what their earlier moves did."""
    lines = [
        Line(r.message, "good" if r.accepted else "bad", kind="action")
        if r.accepted
        else Line(f"Not done: {r.message}", "bad", kind="action")
        for r in report.actions
    ]
    for sentence in [*report.headlines, *report.alerts]:
        if sentence.actor == "you" and sentence.kind == "project":
            lines.append(Line(sentence.text, sentence.tone, kind="project"))
    for explanation in report.explanations:
        if explanation.yours:
            lines.append(_change(explanation, _period(report), yours=True))
    tally = _tally(report.projects)
    if tally:
        lines.append(Line(tally, kind="project"))
    if not report.actions:
        lines.insert(0, Line("You made no new moves this turn.", kind="action"))
    return lines


def _tally(projects: list[ProjectStatus]) -> str:
    """How the player's projects stand: "1 of your 3 projects is operating; 2 are under
    construction." Empty with no projects."""
    if not projects:
        return ""
    states = {"operating": "operating", "building": "under construction", "funded": "funded"}
    parts = []
    for state, words in states.items():
        count = sum(1 for p in projects if p.state == state)
        if count:
            parts.append((count, words))
    if not parts:
        return ""
    total = len(projects)
    first_count, first_words = parts[0]
    noun = agree(total, "project", "projects")
    head = (
        f"Your {noun} {agree(total, 'is', 'are')} {first_words}"
        if first_count == total
        else f"{first_count} of your {total} {noun} {agree(first_count, 'is', 'are')} {first_words}"
    )
    rest = [f"{count} {agree(count, 'is', 'are')} {words}" for count, words in parts[1:]]
    return "; ".join([head, *rest]) + "."


# --- the changes that mattered -------------------------------------------------------------


def _ranked(session: GameSession, report: TurnReport) -> list[tuple[float, Line]]:
    """Other nations' moves and the measured changes not of the player's doing, biggest
    first (ties keep the report's order)."""
    period = _period(report)
    items = [
        (HOSTILE_SIZE if d.hostile else FRIENDLY_SIZE, _decision(session, d)) for d in report.ai
    ]
    items += [(e.size, _change(e, period, yours=False)) for e in report.explanations if not e.yours]
    return sorted(items, key=lambda item: -item[0])


def _decision(session: GameSession, decision: Decision) -> Line:
    nation = session.model.nations.get(decision.nation)
    name = nation.name if nation is not None else decision.nation
    return Line(
        f"{name} {decision.action}. Why: {_capital(decision.reason)}.",
        "bad" if decision.hostile else "neutral",
        kind="ai",
    )


def _change(explanation: Explanation, period: str, *, yours: bool) -> Line:
    """ "Dy oxide price outside China fell 35% this year. Why: ..." with the biggest cause
    in plain words; the measured tonnes of every cause go in the tooltip."""
    up = explanation.change > 0
    kind = explanation.kind
    verb = "rose" if up else "fell"
    if kind == "price":
        moved = f"{explanation.label} {verb} {abs(explanation.change):.0%} {period}"
    elif kind == "jobs":
        value = fmt(explanation.value, "number")
        moved = f"{explanation.label} {verb} to {value} ({explanation.change:+,.0f})"
    else:
        points = 100 * explanation.change
        moved = (
            f"{explanation.label} {verb} to {fmt(explanation.value, 'share')} "
            f"({points:+.0f} {agree(round(abs(points)), 'point', 'points')})"
        )
    causes = explanation.causes
    if causes:
        first = _capital(causes[0].cause.told(causes[0].tonnes))
        more = len(causes) - 1
        also = f" (and {more} smaller {agree(more, 'cause', 'causes')})" if more else ""
        why = f"Your doing: {first}" if yours else f"Why: {first}"
        text = f"{moved}. {why}{also}."
    else:
        text = f"{moved}. No single cause stood out."
    better = {"price": not up, "share": up, "jobs": up, "tension": not up}.get(kind, up)
    detail = "; ".join(_capital(b.cause.told(b.tonnes)) for b in causes)
    if explanation.baseline is not None and not math.isnan(explanation.baseline):
        unit = "share" if kind in ("share", "tension") else "number"
        if kind != "price":
            detail += f". With no new policy: {fmt(explanation.baseline, unit)}"
    return Line(
        text,
        "good" if better else "bad",
        detail.strip(". "),
        kind="price" if kind == "price" else "market",
    )


# --- what to watch -----------------------------------------------------------------------------


def _watch(session: GameSession, report: TurnReport) -> list[Line]:
    """What the coming turn is likely to bring: projects coming into force, a trade war or a
    budget cut drawing near, money about to lapse."""
    if session.finished:
        return []
    lines: list[Line] = []
    upcoming = session.date
    for project in report.projects:
        if project.state == "funded" and project.payments_left == 0:
            lines.append(Line(f"{project.title} takes effect next turn.", "good", kind="project"))
        elif project.state == "building" and upcoming in project.text:
            lines.append(
                Line(f"{project.title} should open in {upcoming}.", "good", kind="project")
            )
    numbers = {n.key: n for n in report.numbers}
    crisis = session.scenario.game.crisis
    tension = numbers.get("player.tension_with_adversary")
    if crisis is not None and tension is not None and not session.crisis.active:
        threshold = crisis.tension + session.crisis.shift
        if threshold - NEAR_CRISIS <= tension.value < threshold:
            lines.append(
                Line(
                    f"Tension is {fmt(tension.value, 'share')}: at {fmt(threshold, 'share')} "
                    f"{crisis.title.lower()} breaks out. Hostile moves push it up.",
                    "bad",
                    kind="control",
                )
            )
    level = session.support.level
    if level < CUT_BELOW + NEAR_CUT:
        lines.append(
            Line(
                f"Public support is {fmt(level, 'share')}: below {fmt(CUT_BELOW, 'share')} "
                "Congress cuts the budget. Prices, jobs and spending move it.",
                "bad",
                kind="event",
            )
        )
    if report.budget.lapsed > 0.5:
        lines.append(
            Line(
                f"USD {report.budget.lapsed:,.0f}M lapsed this turn: money not spent or kept "
                "is lost, so plan to use next turn's budget.",
                "neutral",
                kind="action",
            )
        )
    worse = [n for n in report.numbers if n.improved is False and n.unit == "share"]
    if worse and len(lines) < MOST_WATCH:
        worst = max(worse, key=lambda n: abs(n.change))
        lines.append(
            Line(
                f"{worst.label} got worse this turn: see whether it goes on.", "bad", kind="market"
            )
        )
    return lines


def _period(report: TurnReport) -> str:
    return "this turn" if "Q" in report.date else "this year"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
