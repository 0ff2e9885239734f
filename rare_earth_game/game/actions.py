"""What the player can do in a turn: fund an investment card, set a tariff, order stock.

Actions are small frozen records that serialise to plain dicts, so a save file is a log of
them and a headless strategy submits exactly what a student clicks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from rare_earth_game.scenario.game import Pillar


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


@dataclass(frozen=True)
class ActionOption:
    """One choice on offer this turn, with everything a card or a tooltip shows."""

    key: str
    action: Action
    pillar: Pillar
    title: str
    summary: str
    cost: float  # USD M in total
    per_turn: float  # USD M each turn while funded
    turns: int  # game turns of funding (0: at once)
    effects: tuple[str, ...]  # what it will do, in plain words
    trade_offs: tuple[str, ...]
    partner: str | None
    provocation: float
    available: bool
    reason: str | None  # why not, when unavailable
    status: Literal["new", "in_progress", "complete"] = "new"


@dataclass(frozen=True)
class ActionResult:
    """What became of a submitted action."""

    action: Action
    accepted: bool
    message: str
