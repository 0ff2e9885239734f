"""Turns and dates: "2025-Q2" and "2025-04" both name April 2025."""

from dataclasses import dataclass

from rare_earth_game.scenario.world import Time


def month_index(date: str) -> int:
    """Months since year 0 for a date text, counting a quarter as its first month."""
    year_text, part = date.split("-")
    month = (int(part[1]) - 1) * 3 + 1 if part.startswith("Q") else int(part)
    return int(year_text) * 12 + month - 1


@dataclass(frozen=True)
class Calendar:
    """Converts between turn numbers (0-based) and calendar dates for one scenario."""

    start_month: int
    months_per_turn: int
    turns: int

    @classmethod
    def of(cls, time: Time) -> "Calendar":
        return cls(month_index(time.start), time.months_per_turn, time.turns)

    @property
    def turns_per_year(self) -> float:
        return 12 / self.months_per_turn

    def turn_of(self, date: str) -> int:
        """The turn during which a date falls (may be outside the horizon)."""
        return (month_index(date) - self.start_month) // self.months_per_turn

    def in_horizon(self, date: str) -> bool:
        return 0 <= self.turn_of(date) < self.turns

    def year_of(self, turn: int) -> int:
        return (self.start_month + turn * self.months_per_turn) // 12

    def label(self, turn: int) -> str:
        """A readable date for a turn: "2025-Q1" for quarterly turns, "2025" for yearly."""
        month = self.start_month + turn * self.months_per_turn
        year, month_of_year = divmod(month, 12)
        if self.months_per_turn == 12 and month_of_year == 0:
            return str(year)
        if self.months_per_turn % 3 == 0 and month_of_year % 3 == 0:
            return f"{year}-Q{month_of_year // 3 + 1}"
        return f"{year}-{month_of_year + 1:02d}"

    def end_label(self) -> str:
        return self.label(self.turns - 1)
