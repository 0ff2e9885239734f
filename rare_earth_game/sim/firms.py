"""Firms: the owners of facilities, each with one cash account and one credit line.

A company's mine, separation plant and magnet plant (MP Materials; Lynas's Mt Weld,
Kalgoorlie and Malaysian plants; Molycorp) share their cash: what one earns, the others can
spend, the price one charges another moves money inside the firm, and the firm fails as a
whole when its debt stays beyond its credit line. Facilities without an owner, and
state-directed ones (the state stands behind them), are each their own firm.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Firm:
    """One owner's purse, in USD M."""

    name: str
    cash: float = 0.0
    credit_line: float = 0.0
    debt_streak: int = 0
    members: list[str] = field(default_factory=list)
    """Keys of the facilities it owns, in the order they joined."""
    failed: bool = False
    protection_left: int = 0
    """Turns its facilities still run under court protection after it failed."""

    def join(self, facility_key: str, cash: float, credit_line: float) -> None:
        self.members.append(facility_key)
        self.cash += cash
        self.credit_line += credit_line

    @property
    def in_distress(self) -> bool:
        return self.cash < -self.credit_line


class Firms:
    """Every firm of a model, found by owner name."""

    def __init__(self) -> None:
        self._by_name: dict[str, Firm] = {}

    def for_facility(self, key: str, owner: str, state_directed: bool) -> Firm:
        """The firm a new facility belongs to (a firm of its own if it has no private owner)."""
        name = owner if owner and not state_directed else f"{key} (own account)"
        return self._by_name.setdefault(name, Firm(name))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_name.values())
