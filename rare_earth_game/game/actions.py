"""What the player can do in a turn: fund an investment card, set a tariff, order stock.

Actions are small frozen records that serialise to plain dicts, so a save file is a log of
them and a headless strategy submits exactly what a student clicks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from rare_earth_game.game.treasury import Terms
from rare_earth_game.scenario.game import Pillar

if TYPE_CHECKING:
    from rare_earth_game.scenario.model import Scenario


@dataclass(frozen=True)
class FundCard:
    """Start funding an investment card."""

    card: str
    kind: Literal["fund"] = "fund"


@dataclass(frozen=True)
class SetTariff:
    """Set (or with rate 0, lift) a tariff on imports from a partner, on one good or all."""

    partner: str
    rate: float
    commodity: str | None = None
    kind: Literal["tariff"] = "tariff"


@dataclass(frozen=True)
class StockpileOrder:
    """Buy (tonnes > 0) for, or release (tonnes < 0) from, the national stockpile."""

    commodity: str
    tonnes: float
    kind: Literal["stockpile"] = "stockpile"


Action = FundCard | SetTariff | StockpileOrder

_KINDS: dict[str, type[Any]] = {"fund": FundCard, "tariff": SetTariff, "stockpile": StockpileOrder}


def action_to_dict(action: Action) -> dict[str, Any]:
    return asdict(action)


def action_from_dict(data: dict[str, Any]) -> Action:
    """Rebuild an action from a save file; raises ValueError for anything malformed."""
    kind = data.get("kind")
    if kind not in _KINDS:
        raise ValueError(f"unknown action kind {kind!r}")
    fields = {k: v for k, v in data.items() if k != "kind"}
    try:
        return _KINDS[kind](**fields)  # type: ignore[no-any-return]
    except TypeError as error:
        raise ValueError(f"malformed {kind} action: {error}") from None


OptionStatus = Literal["new", "funded", "building", "operating", "mothballed", "closed"]


@dataclass(frozen=True)
class ActionOption:
    """One choice on offer this turn, with everything a card or a tooltip shows."""

    key: str
    action: Action
    pillar: Pillar
    title: str
    summary: str
    metric: str | None  # the figure it is meant to move (a model-table column)
    cost: float  # USD M in total (for a purchase, the most it can cost)
    terms: Terms  # how the treasury is asked to pay
    lead_turns: int  # game turns from choosing it until it acts (0: this turn)
    warning: str | None  # something to know before choosing it, e.g. it opens too late
    effects: tuple[str, ...]  # what it will do, in plain words
    trade_offs: tuple[str, ...]
    partner: str | None
    provocation: float
    available: bool
    reason: str | None  # why not, when unavailable
    status: OptionStatus = "new"

    @property
    def per_turn(self) -> float:
        """USD M each turn while being paid for (the whole cost for a one-off)."""
        return self.terms.per_turn if self.terms.turns else self.terms.now

    @property
    def turns(self) -> int:
        """Game turns of installments (0: paid at once)."""
        return self.terms.turns


@dataclass(frozen=True)
class ActionResult:
    """What became of a submitted action."""

    action: Action
    accepted: bool
    message: str


def action_title(action: Action, scenario: Scenario) -> tuple[str, str]:
    """What an action is called in records and the debrief, and its pillar."""
    if isinstance(action, FundCard):
        card = next((c for c in scenario.investments if c.id == action.card), None)
        return (card.title, card.pillar) if card else (action.card, "")
    goods = {c.id: c.name for c in scenario.commodities}
    if isinstance(action, SetTariff):
        nations = {n.id: n.name for n in scenario.nations}
        partner = nations.get(action.partner, action.partner)
        what = f"{goods.get(action.commodity, action.commodity)} from " if action.commodity else ""
        return f"Tariff {action.rate:.0%} on {what}{partner}", "trade"
    verb = "Stockpile" if action.tonnes > 0 else "Release"
    return f"{verb} {goods.get(action.commodity, action.commodity)}", "stockpile_recycling"
