"""The turn report: what happened this turn and why, in plain words, your doing first.

Headlines run: what your moves and projects did; what other nations did in answer (and to
which of your moves); the biggest changes in the headline numbers, each with the causes
measured to have pushed it that way (`attribution.py`); then the year's events. Alerts
tell of plants opening and shutting, licences holding exports back, and projects paid for.
Every key number carries its change since last turn, why, and its value in the same turn
of the no-new-policy game. Figures that are flows (the trade balance) are yearly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rare_earth_game.game.actions import ActionResult
from rare_earth_game.game.ai import Decision
from rare_earth_game.game.ai.supplier import the
from rare_earth_game.game.ai.tension import TENSION_PER_PROVOCATION
from rare_earth_game.game.attribution import Attribution, Because, Explanation
from rare_earth_game.game.causes import FACILITY_NEWS, Cause, CauseFinder, Handle
from rare_earth_game.game.projects import ProjectState
from rare_earth_game.game.scoring import CONSEQUENCES, Consequence, Scorecard
from rare_earth_game.game.treasury import TurnAccount
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.headline import key_commodities

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.sim.model import RareEarthModel

Kind = Literal["control", "price", "event", "facility", "project", "ai", "action", "market"]
Actor = Literal["you", "rival", "world", "market"]
PER_STEP = {"player.trade_balance_musd": "Trade balance (a year)"}
"""Figures the engine records per step (a quarter), shown as yearly rates, and their labels."""
PLAIN_STATES = {
    "funded": "funded",
    "building": "under construction",
    "operating": "operating",
    "mothballed": "shut down for now, losing money",
    "closed": "closed",
}
"""How a project's state reads in a report sentence."""
DEARER = 0.25
"""A plant that made less while one of its inputs rose this much is said to be short of it."""
PRICE_GAP = 0.1
"""A control earns an alert when it keeps prices abroad this much above home prices."""
SUPPLY_FIGURES = ("player.supply_security", "player.demand_met", "player.nonadversary_share.")


Tone = Literal["good", "bad", "neutral"]


@dataclass(frozen=True)
class Sentence:
    kind: Kind
    text: str
    tone: Tone = "neutral"
    actor: Actor = "world"
    """Whose doing it tells of: yours comes first in a report."""


@dataclass(frozen=True)
class KeyNumber:
    key: str
    label: str
    value: float
    change: float  # since the previous turn (NaN on the first)
    unit: str
    better: Literal["higher", "lower"]
    explanation: str
    why: str = ""
    """Why it changed since last turn, and its value with no new policy."""
    baseline: float = math.nan
    """Its value in the same turn of the no-new-policy game (NaN when not played)."""

    @property
    def improved(self) -> bool | None:
        if math.isnan(self.change) or abs(self.change) < 1e-9:
            return None
        return (self.change > 0) == (self.better == "higher")


@dataclass(frozen=True)
class ProjectStatus:
    card: str
    title: str
    state: ProjectState
    text: str  # how it stands, e.g. "Under construction: opens about 2031"
    payments_left: int


@dataclass(frozen=True)
class Budget:
    """The purse after the turn: what it paid, what was kept and what lapsed."""

    allowance: float
    savings: float
    committed: float
    spent_total: float
    paid: float
    lapsed: float


@dataclass
class TurnReport:
    """Everything a player should know about the turn just played."""

    turn: int
    date: str
    actions: list[ActionResult]
    ai: list[Decision]
    headlines: list[Sentence]
    numbers: list[KeyNumber]
    alerts: list[Sentence]
    projects: list[ProjectStatus]
    budget: Budget
    scorecard: Scorecard | None = None
    explanations: list[Explanation] = field(default_factory=list)
    """The headline numbers' changes with their measured causes, biggest first."""
    prices: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Key commodity -> (price outside the game's adversary, its price there), averaged over
    this turn."""

    def text(self) -> str:
        """The report as plain text, for the console and for logs."""
        lines = [f"== {self.date} =="]
        lines += [f"  [{'ok' if r.accepted else 'no'}] {r.message}" for r in self.actions]
        lines += [f"  - {s.text}" for s in self.headlines]
        lines += [f"  ! {s.text}" for s in self.alerts]
        budget = self.budget
        lapsed = f", USD {budget.lapsed:,.0f}M lapsed" if budget.lapsed > 0.5 else ""
        lines.append(
            f"  Budget: paid USD {budget.paid:,.0f}M; USD {budget.savings:,.0f}M kept{lapsed}; "
            f"USD {budget.committed:,.0f}M a turn committed"
        )
        for number in self.numbers:
            change = (
                "" if math.isnan(number.change) else f" ({_signed(number.change, number.unit)})"
            )
            lines.append(f"  {number.label}: {_format(number.value, number.unit)}{change}")
            if number.why:
                lines.append(f"      {number.why}")
        return "\n".join(lines)


def _format(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "musd":
        return f"USD {value:,.0f}M"
    if unit == "index":
        return f"{value:.2f}"
    if unit == "price":
        return f"{value:,.1f} USD/kg"
    return f"{value:,.0f}"


def _unchanged(change: float, unit: str) -> bool:
    """Whether a change rounds to nothing as the report prints it."""
    if unit == "share":
        return round(100 * change) == 0
    return round(change, 2 if unit == "index" else 0) == 0


def _signed(change: float, unit: str) -> str:
    """A change as the report prints it: "+1 point", "-3 points", "unchanged" when it rounds
    to nothing (never "-0 points")."""
    if _unchanged(change, unit):
        return "unchanged"
    if unit == "share":
        points = round(100 * change)
        return f"{points:+d} {'point' if abs(points) == 1 else 'points'}"
    if unit == "musd":
        return f"{change:+,.0f}M"
    if unit == "index":
        return f"{change:+.2f}"
    return f"{change:+,.0f}"


def build_report(
    session: GameSession,
    results: list[ActionResult],
    decisions: list[Decision],
    first_step: int,
    account: TurnAccount,
    before: dict[str, ProjectState],
    baseline: dict[str, object] | None = None,
) -> TurnReport:
    """The report of the turn just played (`baseline`: the no-new-policy game's row for it)."""
    model = session.model
    notes = [n for n in model.recorder.note_rows if n["turn"] >= first_step]
    rows = session.game_rows
    this, last = rows[-1], (rows[-2] if len(rows) > 1 else None)
    adversary = session.scenario.game.adversary
    rival = model.nations[adversary].name if adversary in model.nations else adversary
    period = "this year" if session.years_per_turn == 1 else "this turn"
    explanations: list[Explanation] = []
    causes: list[Cause] = []
    if session.explain and last is not None and len(session.observations) > 1:
        causes = CauseFinder(session.scenario, session.player, adversary).find(
            session.turn,
            results,
            session.projects,
            decisions,
            notes,
            session.observations[-1],
            session.observations[-2],
            _dearer(session, this, last),
        )
        attribution = Attribution(
            session.scenario,
            session.player,
            adversary,
            causes,
            session.observations[-1],
            session.observations[-2],
            this,
            last,
            baseline,
            session.compared_observations(),
        )
        explanations = _explanations(session, attribution, causes, rival, first_step)
    shown = [e for e in explanations if e.size >= 1]
    shown.sort(key=lambda e: -e.size)
    yours = [e for e in shown if e.yours]
    goods = {c: spec.name for c, spec in model.commodities.items()}
    headlines = _project_sentences(session, before)
    headlines += _stockpile_sentences(session, notes, goods)
    places = (f"outside {rival}", f"in {the(model.nations[session.player].name)}")
    headlines += [_sentence(e, period, goods, places) for e in yours]
    headlines += [_ai_sentence(session, d) for d in decisions]
    headlines += [_sentence(e, period, goods, places) for e in shown if not e.yours]
    for kind in ("event", "news", "event_overridden", "random_event"):  # history, then chance
        headlines += [Sentence("event", str(n["text"])) for n in _unique(notes, (kind,))]
    alerts = _facility_alerts(model, notes)
    alerts += _control_alerts(session, notes, this, rival)
    alerts += _paid_sentences(session, account)
    by_key = {e.key: e for e in explanations}
    numbers = [
        _key_number(session, c, this, last, by_key.get(c.key), baseline, goods, places)
        for c in (c.worded(rival) for c in CONSEQUENCES)
        if c.key in this
    ]
    upcoming = session.turn + 1
    projects = [
        ProjectStatus(
            card=p.card.id,
            title=p.card.title,
            state=p.state(model),
            text=p.describe(model, session.clock, upcoming),
            payments_left=p.payments_left(upcoming),
        )
        for p in session.projects.values()
    ]
    treasury = session.treasury
    prices = {
        c: (
            float(this.get(f"{c}.price_outside.{adversary}", math.nan)),
            float(this.get(f"{c}.price.{adversary}", math.nan)),
        )
        for c in key_commodities(session.scenario)
    }
    return TurnReport(
        turn=session.turn,
        date=session.label(session.turn),
        actions=results,
        ai=decisions,
        headlines=headlines,
        numbers=numbers,
        alerts=alerts,
        projects=projects,
        budget=Budget(
            treasury.allowance,
            treasury.savings,
            treasury.committed,
            treasury.spent_total,
            account.paid,
            account.lapsed,
        ),
        explanations=shown,
        prices=prices,
    )


# --- explanations -------------------------------------------------------------------------


def _explanations(
    session: GameSession,
    attribution: Attribution,
    causes: list[Cause],
    rival: str,
    first_step: int,
) -> list[Explanation]:
    """Every headline figure that can be explained this turn: key prices and key numbers."""
    model = session.model
    found: list[Explanation | None] = [
        attribution.price(good, f"{model.commodities[good].name} price outside {rival}")
        for good in key_commodities(session.scenario)
    ]
    moves = [m for supplier in session.ai.suppliers.values() for m in supplier.memory.moves]
    moves = [m for m in moves if m.turn == session.turn]
    drift = session.ai.tension_change - TENSION_PER_PROVOCATION * sum(m.hostility for m in moves)
    scripted = {event.id: event.effects for event in session.scenario.events}
    events = [
        (cause, effect)
        for cause in causes
        if cause.key.startswith("event:")
        for effect in scripted.get(cause.key.removeprefix("event:"), ())
        if isinstance(effect, fx.ChangeTension)
    ]
    crisis = session.crisis
    if crisis.truce_change and crisis.spec is not None:
        ended = f"the {crisis.spec.title.lower()} ended in a truce"
        truce = Cause("truce", "world", ended, Handle())
        events.append((truce, _tension_change(session, crisis.truce_change)))
    for consequence in (c.worded(rival) for c in CONSEQUENCES):
        key, label = consequence.key, consequence.label
        if key.startswith(SUPPLY_FIGURES):
            found.append(attribution.supply(key, label))
        elif key == "player.jobs":
            found.append(attribution.jobs(key, label))
        elif key == "player.tension_with_adversary":
            carried = _carried(session, key, first_step)
            last_turn = "last year" if session.years_per_turn == 1 else "last turn"
            found.append(attribution.tension(key, label, moves, events, drift, carried, last_turn))
    return [e for e in found if e is not None]


def _tension_change(session: GameSession, delta: float) -> fx.ChangeTension:
    """A change of tension between the player and the adversary, as an effect."""
    adversary = session.scenario.game.adversary
    return fx.ChangeTension(
        type="change_tension", nation=session.player, other=adversary, delta=delta
    )


def _carried(session: GameSession, key: str, first_step: int) -> float:
    """Last turn's final value of a figure less last turn's average: what its late changes
    add to this turn's average without anything happening this turn."""
    rows, games = session.model.recorder.model_rows, session.game_rows
    if first_step < 1 or len(games) < 2:
        return 0.0
    final, average = _value(rows[first_step - 1], key), _value(games[-2], key)
    return 0.0 if math.isnan(final) or math.isnan(average) else final - average


def _dearer(
    session: GameSession, this: dict[str, object], last: dict[str, object]
) -> dict[str, float]:
    """Goods whose price outside the adversary rose steeply this turn, and by how much."""
    adversary = session.scenario.game.adversary
    rises = {}
    for good in session.model.commodities:
        now = _value(this, f"{good}.price_outside.{adversary}")
        before = _value(last, f"{good}.price_outside.{adversary}")
        if before > 0 and now / before - 1 >= DEARER:
            rises[good] = now / before - 1
    return rises


def _sentence(
    explanation: Explanation, period: str, goods: dict[str, str], places: tuple[str, str]
) -> Sentence:
    """ "NdPr oxide price outside China: -21% this year. Why: ... With no new policy: ..." """
    kind = explanation.kind
    if kind == "price":
        moved = f"{explanation.change:+.0%} {period}"
    else:
        unit = "jobs" if kind == "jobs" else "share"
        moved = f"{_format(explanation.value, unit)} ({_signed(explanation.change, unit)})"
    text = f"{explanation.label}: {moved}"
    text += f". Why: {_causes(explanation, goods, places)}." if explanation.causes else "."
    if explanation.baseline is not None and not math.isnan(explanation.baseline):
        unit = "price" if kind == "price" else "jobs" if kind == "jobs" else "share"
        text += f" With no new policy: {_format(explanation.baseline, unit)}."
    up = explanation.change > 0
    better = {"price": not up, "share": up, "jobs": up, "tension": not up}[kind]
    actor: Actor = (
        "you"
        if explanation.yours
        else explanation.causes[0].cause.actor
        if explanation.causes
        else "world"
    )
    return Sentence(
        "price" if kind == "price" else "market", text, "good" if better else "bad", actor
    )


def _causes(explanation: Explanation, goods: dict[str, str], places: tuple[str, str]) -> str:
    """The named causes, each with what was measured of it."""
    return "; ".join(_because(b, explanation, goods, places) for b in explanation.causes)


def _because(
    because: Because, explanation: Explanation, goods: dict[str, str], places: tuple[str, str]
) -> str:
    """A cause in words, with what was measured of it: "Mt Weld shuts down for now: it was
    losing money (2,000 t a year less NdPr oxide supplied outside China)". `places` names
    the two markets: outside the adversary, and the player's."""
    text = _capital(because.cause.told(because.tonnes))
    if because.side == "jobs":
        return f"{text} ({because.push:+,.0f} jobs)"
    if because.side == "tension":
        if _unchanged(because.push, "share"):  # a cause is named only if it pushed at all
            return f"{text} ({'+' if because.push > 0 else '-'}under 1 point)"
        return f"{text} ({_signed(because.push, 'share')})"
    where = places[0] if explanation.kind == "price" else places[1]
    more = "more" if because.tonnes > 0 else "less"
    verb = "supplied" if because.side == "supply" else "used"
    good = goods.get(because.good, because.good)
    measured = f"{_tonnes(abs(because.tonnes))} a year {more} {good} {verb} {where}"
    if because.via is not None:
        measured += f"; it goes into {goods.get(because.via, because.via)}"
    return f"{text} ({measured})"


def _tonnes(tonnes: float) -> str:
    return f"{tonnes:,.0f} t" if tonnes >= 10 else f"{tonnes:.1f} t"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ai_sentence(session: GameSession, decision: Decision) -> Sentence:
    name = session.model.nations[decision.nation].name
    tone: Tone = "bad" if decision.hostile else "neutral"
    return Sentence("ai", f"{name} {decision.action}: {decision.reason}.", tone, "rival")


# --- projects, plants and controls ----------------------------------------------------------


def _project_sentences(session: GameSession, before: dict[str, ProjectState]) -> list[Sentence]:
    """Your projects whose state changed this turn: under construction, operating, shut."""
    sentences = []
    for card_id, project in session.projects.items():
        state = project.state(session.model)
        if card_id not in before or state == before[card_id] or state == "funded":
            continue
        tone: Tone = "good" if state in ("building", "operating") else "bad"
        word = PLAIN_STATES[state] if project.facility else "in force"
        text = f'Your "{project.card.title}": now {word}.'
        sentences.append(Sentence("project", text, tone, "you"))
    return sentences


def _stockpile_sentences(
    session: GameSession, notes: list[dict[str, object]], goods: dict[str, str]
) -> list[Sentence]:
    """Your defence stockpile drawn on by defence users who could not buy enough."""
    drawn = {
        str(n["subject"]).partition(":")[2]
        for n in notes
        if n["kind"] == "stockpile_drawn" and str(n["subject"]).startswith(f"{session.player}:")
    }
    return [
        Sentence(
            "project",
            f"Defence users drew {goods[good]} they could not buy from your stockpile.",
            "good",
            "you",
        )
        for good in sorted(drawn)
    ]


def _paid_sentences(session: GameSession, account: TurnAccount) -> list[Sentence]:
    """Projects paid for in full this turn (a project is not done when its funding is)."""
    sentences = []
    for card_id in account.paid_off:
        card = session.cards[card_id]
        when = "; it takes effect next turn" if card.effects_at == "completion" else ""
        sentences.append(
            Sentence("project", f"Paid for in full: {card.title}{when}.", "good", "you")
        )
    return sentences


def _facility_alerts(model: RareEarthModel, notes: list[dict[str, object]]) -> list[Sentence]:
    """Plants and mines that opened, shut or closed, in plain words."""
    alerts = []
    seen: set[tuple[str, str]] = set()
    for note in notes:
        kind, subject = str(note["kind"]), str(note["subject"])
        if kind not in FACILITY_NEWS or kind == "expansion_done" or (kind, subject) in seen:
            continue
        seen.add((kind, subject))
        facility = model.facilities.get(subject)
        name = facility.name if facility is not None else subject
        opening = ("facility_opened", "facility_restarting", "site_restarting")
        tone: Tone = "neutral" if kind in opening else "bad"
        alerts.append(Sentence("facility", f"{name} {FACILITY_NEWS[kind]}.", tone, "market"))
    return alerts


def _control_alerts(
    session: GameSession, notes: list[dict[str, object]], this: dict[str, object], rival: str
) -> list[Sentence]:
    """One line for the adversary's export controls that held exports back this turn: the
    price gap each opened between buyers abroad and at home."""
    model = session.model
    adversary = session.scenario.game.adversary
    gaps: dict[str, str] = {}
    actors: set[str] = set()
    for control_id in sorted({str(n["subject"]) for n in notes if n["kind"] == "control_binds"}):
        state = model.policies.controls.get(control_id)
        if state is None or state.control.exporter != adversary:
            continue
        actors.add("rival" if control_id.startswith("ai-") else "world")
        for good in state.scope:
            outside = _value(this, f"{good}.price_outside.{adversary}")
            inside = _value(this, f"{good}.price.{adversary}")
            if good in gaps or math.isnan(outside) or math.isnan(inside):
                continue
            if outside >= inside * (1 + PRICE_GAP):
                name = model.commodities[good].name
                abroad, home = _format(outside, "price"), _format(inside, "price")
                gaps[good] = f"{name} {abroad} (in {rival} {home})"
    if not gaps:
        return []
    text = (
        f"{rival}'s export controls held exports back, so buyers outside {rival} paid more: "
        + "; ".join(gaps.values())
        + "."
    )
    return [Sentence("control", text, "bad", "rival" if "rival" in actors else "world")]


def _unique(notes: list[dict[str, object]], kinds: tuple[str, ...]) -> list[dict[str, object]]:
    seen: set[str] = set()
    out = []
    for note in notes:
        text = str(note["text"])
        if note["kind"] in kinds and text not in seen:
            seen.add(text)
            out.append(note)
    return out


# --- key numbers --------------------------------------------------------------------------


def _key_number(
    session: GameSession,
    consequence: Consequence,
    this: dict[str, object],
    last: dict[str, object] | None,
    explanation: Explanation | None,
    baseline: dict[str, object] | None,
    goods: dict[str, str],
    places: tuple[str, str],
) -> KeyNumber:
    """A key number with its change, why, and its no-new-policy value; flows per engine step
    become yearly rates."""
    key = consequence.key
    scale = session.model.turns_per_year if key in PER_STEP else 1.0
    value = _value(this, key) * scale
    before = _value(last, key) * scale if last else math.nan
    base = _value(baseline, key) * scale if baseline else math.nan
    label = PER_STEP.get(key, consequence.label)
    change = value - before
    parts = []
    moved = not math.isnan(change) and not _unchanged(change, consequence.unit)
    if moved and explanation is not None and explanation.causes:  # no why for "unchanged"
        parts.append(f"Why: {_causes(explanation, goods, places)}.")
    if not math.isnan(base):
        parts.append(f"With no new policy: {_format(base, consequence.unit)}.")
    explanation_text = consequence.explanation
    if key in PER_STEP:
        explanation_text = explanation_text.replace("this turn", "a year, at this turn's pace")
    return KeyNumber(
        key,
        label,
        value,
        change,
        consequence.unit,
        consequence.better,
        explanation_text,
        " ".join(parts),
        base,
    )


def _value(row: dict[str, object] | None, key: str) -> float:
    if row is None:
        return math.nan
    value = row.get(key, math.nan)
    return float(value) if isinstance(value, int | float) else math.nan
