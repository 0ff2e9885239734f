"""Periods of a calibration entry: "2025", "2025-Q2", "2025-04" or "2010-Q3..2011-Q4".

Sources report years and quarters, while a scenario's turns may be months, quarters or
years; a period is a span of months, and the turns it covers are those that start in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rare_earth_game.scenario.calendar import Calendar, month_index

_DATE = r"\d{4}(?:-(?:Q[1-4]|0[1-9]|1[0-2]))?"
PERIOD_PATTERN = rf"^{_DATE}(?:\.\.{_DATE})?$"
PERIOD_HELP = 'a year "2025", a quarter "2025-Q2", a month "2025-04" or a range "2010-Q3..2011-Q4"'


@dataclass(frozen=True)
class Period:
    """Months `first` (inclusive) to `end` (exclusive), counted from year 0."""

    text: str
    first: int
    end: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """A period from text that matches PERIOD_PATTERN."""
        start, _, stop = text.partition("..")
        return cls(text, _first_month(start), _end_month(stop or start))

    def turns(self, calendar: Calendar) -> list[int]:
        """The turns of the horizon that start within the period, in order."""
        step = calendar.months_per_turn
        return [
            turn
            for turn in range(calendar.turns)
            if self.first <= calendar.start_month + turn * step < self.end
        ]

    def problem(self, calendar: Calendar) -> str | None:
        """Why this period cannot be measured in the scenario's horizon, or None."""
        if self.end <= self.first:
            return f"the range {self.text} ends before it starts"
        horizon_end = calendar.start_month + calendar.turns * calendar.months_per_turn
        if self.first < calendar.start_month or self.end > horizon_end:
            return (
                f"period {self.text} is not inside the horizon "
                f"({calendar.label(0)} to {calendar.end_label()})"
            )
        if not self.turns(calendar):
            return (
                f"no turn starts in {self.text}: turns are {calendar.months_per_turn} months "
                "long; give a longer period"
            )
        return None


def _first_month(date: str) -> int:
    return int(date) * 12 if "-" not in date else month_index(date)


def _end_month(date: str) -> int:
    if "-" not in date:
        return (int(date) + 1) * 12
    return month_index(date) + (3 if "-Q" in date else 1)
