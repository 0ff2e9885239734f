"""What a computer-run nation remembers of the player's moves: grudges that fade over years
and goodwill from talks that fades faster, so provocation builds up when it is sustained
and talks buy time rather than forgiveness."""

from __future__ import annotations

from dataclasses import dataclass, field

GRUDGE_HALF_LIFE_YEARS = 3.0
"""A hostile move weighs half as much after this many years."""
GOODWILL_HALF_LIFE_YEARS = 1.0
"""A conciliatory move weighs half as much after this many years."""


@dataclass(frozen=True)
class PlayerMove:
    """A move of the player's as other nations read it."""

    turn: int
    date: str
    title: str
    """How reasons name it, e.g. "your 50 % tariff on Chinese magnets"."""
    hostility: float
    """How hostile the adversary reads it (negative: conciliatory)."""
    partner: str | None = None
    """A third nation that joined it (a venture, a common tariff)."""

    def named(self) -> str:
        return f"{self.title} ({self.date})"


@dataclass
class Memory:
    """The player's moves, weighed by how long ago they were made."""

    moves: list[PlayerMove] = field(default_factory=list)

    def record(self, moves: list[PlayerMove]) -> None:
        self.moves.extend(moves)

    @staticmethod
    def _fade(move: PlayerMove, turn: int, years_per_turn: float) -> float:
        half_life = GRUDGE_HALF_LIFE_YEARS if move.hostility > 0 else GOODWILL_HALF_LIFE_YEARS
        return float(0.5 ** ((turn - move.turn) * years_per_turn / half_life))

    def grudge(self, turn: int, years_per_turn: float, partner: str | None = None) -> float:
        """Hostility remembered (against the player, or against a partner that joined it)."""
        return sum(
            m.hostility * self._fade(m, turn, years_per_turn)
            for m in self.moves
            if m.hostility > 0 and (partner is None or m.partner == partner)
        )

    def goodwill(self, turn: int, years_per_turn: float) -> float:
        """Conciliation remembered."""
        return sum(
            -m.hostility * self._fade(m, turn, years_per_turn)
            for m in self.moves
            if m.hostility < 0
        )

    def anger(self, turn: int, years_per_turn: float) -> float:
        """Grudges less goodwill, never below nothing."""
        return max(0.0, self.grudge(turn, years_per_turn) - self.goodwill(turn, years_per_turn))

    def grievances(self, turn: int, years_per_turn: float, limit: int = 2) -> list[PlayerMove]:
        """The hostile moves that weigh most now, heaviest first."""
        hostile = [m for m in self.moves if m.hostility > 0]
        hostile.sort(key=lambda m: (-m.hostility * self._fade(m, turn, years_per_turn), m.turn))
        return hostile[:limit]

    def gestures(self, turn: int, years_per_turn: float, limit: int = 1) -> list[PlayerMove]:
        """The conciliatory moves that weigh most now."""
        kind = [m for m in self.moves if m.hostility < 0]
        kind.sort(key=lambda m: (m.hostility * self._fade(m, turn, years_per_turn), -m.turn))
        return kind[:limit]

    def joined(self, turn: int, years_per_turn: float, within_years: float) -> list[PlayerMove]:
        """Moves a third nation joined in the last `within_years` years."""
        return [
            m
            for m in self.moves
            if m.partner is not None and (turn - m.turn) * years_per_turn < within_years
        ]
