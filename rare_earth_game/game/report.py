"""The turn report: what happened this turn and why, in sentences that name causes.

Sentences come from what the engine recorded (controls that bound, events, openings,
bankruptcies), from the AI's decisions and from price moves, each tied to the causes found
in the same turn: new or binding controls on the good or its inputs, accidents, new
capacity, demand shocks. Key numbers carry their change from the previous turn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rare_earth_game.game.actions import ActionResult
from rare_earth_game.game.ai import Decision
from rare_earth_game.game.projects import STATE_WORDS, ProjectState
from rare_earth_game.game.scoring import CONSEQUENCES, Consequence, Scorecard
from rare_earth_game.game.treasury import TurnAccount
from rare_earth_game.scenario.headline import key_commodities

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession

Kind = Literal["control", "price", "event", "facility", "project", "ai", "action", "market"]
PRICE_MOVE = 0.15
"""A price change larger than this share earns a sentence."""


Tone = Literal["good", "bad", "neutral"]


@dataclass(frozen=True)
class Sentence:
    kind: Kind
    text: str
    tone: Tone = "neutral"


@dataclass(frozen=True)
class KeyNumber:
    key: str
    label: str
    value: float
    change: float  # since the previous turn (NaN on the first)
    unit: str
    better: Literal["higher", "lower"]
    explanation: str

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
    return f"{value:,.0f}"


def _signed(change: float, unit: str) -> str:
    if unit == "share":
        return f"{100 * change:+.0f} pts"
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
) -> TurnReport:
    model = session.model
    notes = [n for n in session.model.recorder.note_rows if n["turn"] >= first_step]
    rows = session.game_rows
    this, last = rows[-1], (rows[-2] if len(rows) > 1 else None)
    adversary = session.scenario.game.adversary
    adversary_name = model.nations[adversary].name if adversary in model.nations else adversary
    headlines: list[Sentence] = []
    alerts: list[Sentence] = []

    headlines += [
        Sentence(
            "ai",
            f"{model.nations[d.nation].name} {d.action}: {d.reason}.",
            "bad"
            if "ban" in d.action or "licence" in d.action or "fewer" in d.action
            else "neutral",
        )
        for d in decisions
    ]
    earlier_start = first_step - session.steps
    earlier = [
        n for n in session.model.recorder.note_rows if earlier_start <= n["turn"] < first_step
    ]
    binding, explained = _binding_sentences(session, notes, earlier, this, last, adversary_name)
    headlines += binding
    headlines += _price_sentences(session, notes, decisions, this, last, adversary_name, explained)
    for kind in ("event", "news", "event_overridden", "random_event"):  # history, then chance
        headlines += [Sentence("event", str(n["text"])) for n in _unique(notes, (kind,))]
    for note in _unique(
        notes, ("facility_opened", "bankruptcy", "facility_mothballed", "project_committed")
    ):
        tone: Tone = "bad" if note["kind"] in ("bankruptcy", "facility_mothballed") else "neutral"
        alerts.append(Sentence("facility", str(note["text"]), tone))
    latest = {str(n["subject"]): n for n in notes if n["kind"] == "control_binds"}
    for control_id in sorted(latest):  # one alert per control: how it stood at turn's end
        alerts.append(Sentence("control", str(latest[control_id]["text"]), "bad"))
    alerts += _project_sentences(session, account, before)
    numbers = [_key_number(c, this, last) for c in CONSEQUENCES if c.key in this]
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
        prices=prices,
    )


def _project_sentences(
    session: GameSession, account: TurnAccount, before: dict[str, ProjectState]
) -> list[Sentence]:
    """Projects paid for in full this turn, and projects whose state changed."""
    sentences = []
    for card_id in account.paid_off:
        card = session.cards[card_id]
        when = "; it takes effect next turn" if card.effects_at == "completion" else ""
        sentences.append(Sentence("project", f"Paid for in full: {card.title}{when}.", "good"))
    for card_id, project in session.projects.items():
        state = project.state(session.model)
        changed = card_id in before and state != before[card_id]
        if changed and state != "funded" and card_id not in account.paid_off:
            tone: Tone = "good" if state in ("building", "operating") else "bad"
            word = STATE_WORDS[state].lower()
            sentences.append(Sentence("project", f"{project.card.title}: now {word}.", tone))
    return sentences


def _unique(notes: list[dict[str, object]], kinds: tuple[str, ...]) -> list[dict[str, object]]:
    seen: set[str] = set()
    out = []
    for note in notes:
        text = str(note["text"])
        if note["kind"] in kinds and text not in seen:
            seen.add(text)
            out.append(note)
    return out


def _change(
    this: dict[str, object], last: dict[str, object] | None, column: str, reference: float
) -> float:
    now = float(this.get(column, math.nan))  # type: ignore[arg-type]
    before = float(last.get(column, math.nan)) if last else reference  # type: ignore[arg-type]
    if math.isnan(now) or math.isnan(before) or before <= 0:
        return math.nan
    return now / before - 1


def _binding_sentences(
    session: GameSession,
    notes: list[dict[str, object]],
    earlier: list[dict[str, object]],
    this: dict[str, object],
    last: dict[str, object] | None,
    adversary_name: str,
) -> tuple[list[Sentence], set[str]]:
    """ "China's licence on Dy oxide now binds: export price +85 %, domestic +5 %".

    A control that bound last turn too gets a sentence only when the export price moved
    by more than `PRICE_MOVE`; the others are gathered into one "still binding" line.
    Returns the sentences and the goods they explain.
    """
    model = session.model
    adversary = session.scenario.game.adversary
    sentences, steady, explained, steady_goods = [], [], set(), set()
    bound_now = {str(n["subject"]) for n in notes if n["kind"] == "control_binds"}
    bound_before = {str(n["subject"]) for n in earlier if n["kind"] == "control_binds"}
    # controls that start to bind first, so a good bound by two is told as newly bound
    for control_id in sorted(bound_now, key=lambda c: (c in bound_before, c)):
        state = model.policies.controls.get(control_id)
        if state is None or state.control.exporter != adversary:
            continue
        control = state.control
        for good in state.scope:
            if good in explained or good in steady_goods:
                continue  # a second control on the same good adds nothing to say
            reference = model.reference_price(good)
            outside = _change(this, last, f"{good}.price_outside.{adversary}", reference)
            inside = _change(this, last, f"{good}.price.{adversary}", reference)
            if math.isnan(outside):
                continue
            name = model.commodities[good].name
            new = control_id not in bound_before
            if not new and abs(outside) < PRICE_MOVE:
                steady.append(name)
                steady_goods.add(good)
                continue
            moves = f"export price {outside:+.0%}"
            if not math.isnan(inside):
                moves += f", domestic {inside:+.0%}"
            verb = "now binds" if new else "binds"
            text = f"{adversary_name}'s {control.kind} on {name} {verb}: {moves}."
            sentences.append(Sentence("control", text, "bad"))
            explained.add(good)
    if steady:
        goods = ", ".join(dict.fromkeys(steady))
        sentences.append(
            Sentence("control", f"{adversary_name}'s export controls still bind on {goods}.", "bad")
        )
    return sentences, explained


def _price_sentences(
    session: GameSession,
    notes: list[dict[str, object]],
    decisions: list[Decision],
    this: dict[str, object],
    last: dict[str, object] | None,
    adversary_name: str,
    explained: set[str],
) -> list[Sentence]:
    """Big price moves of the headline goods not already explained by a binding control,
    with the causes found this turn."""
    model = session.model
    sentences = []
    for good in key_commodities(session.scenario):
        if good in explained:
            continue
        column = f"{good}.price_outside.{session.scenario.game.adversary}"
        change = _change(this, last, column, model.reference_price(good))
        if math.isnan(change) or abs(change) < PRICE_MOVE:
            continue
        name = model.commodities[good].name
        causes = _causes(session, good, change > 0, notes, decisions)
        because = (
            f": {causes[0]}"
            if causes
            else (": buyers rebuild stocks" if change > 0 else ": buyers draw on stocks")
        )
        tone: Tone = "bad" if change > 0 else "good"
        sentences.append(
            Sentence("price", f"{name} outside {adversary_name} {change:+.0%}{because}.", tone)
        )
    return sentences


def _causes(
    session: GameSession,
    good: str,
    rising: bool,
    notes: list[dict[str, object]],
    decisions: list[Decision],
) -> list[str]:
    model = session.model
    related = set(model.upstream_of(good))
    names = {c: model.commodities[c].name for c in related}
    causes = []
    for decision in decisions:
        goods = {g for e in decision.effects for g in getattr(e, "commodities", ()) or ()}
        if goods & related:
            causes.append(f"{model.nations[decision.nation].name} {decision.action}")
    for note in notes:
        kind, text = note["kind"], str(note["text"])
        if rising and kind == "control_binds" and any(n in text for n in names.values()):
            causes.append(text.split(":")[0])
        elif (
            rising
            and kind in ("event", "random_event")
            and any(
                w in text.lower()
                for w in ("licen", "ban", "quota", "halt", "accident", "outage", "unrest", "cut")
            )
        ) or (not rising and kind == "facility_opened"):
            causes.append(text)
    return list(dict.fromkeys(causes))


def _key_number(
    consequence: Consequence, this: dict[str, object], last: dict[str, object] | None
) -> KeyNumber:
    value = float(this.get(consequence.key, math.nan))  # type: ignore[arg-type]
    before = float(last.get(consequence.key, math.nan)) if last else math.nan  # type: ignore[arg-type]
    return KeyNumber(
        consequence.key,
        consequence.label,
        value,
        value - before,
        consequence.unit,
        consequence.better,
        consequence.explanation,
    )
