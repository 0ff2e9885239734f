"""What the teacher has set for the room: pause, a locked End turn, the turn timer, hidden
scores, and the projector view.

One `Classroom` lives on the app for the lesson, whichever game is on screen, so a hot-seat
class of teams shares one pause and one timer. The timer counts the window's own frame
times (`dt`), never the wall clock, so a test drives it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

TIMERS = (0, 180, 300, 600)
"""The per-turn timers offered, in seconds (0: none)."""
PIN_DIGITS = 8


@dataclass
class Classroom:
    paused: bool = False
    locked: bool = False
    """End turn cannot be pressed: the class discusses before anyone moves on."""
    timer: int = 0
    """Seconds each turn is given (0: no timer)."""
    left: float = 0.0
    scores_hidden: bool = False
    projector: bool = False

    def set_timer(self, seconds: int) -> None:
        """A new timer starts counting at once, for the turn being decided."""
        self.timer = seconds
        self.left = float(seconds)

    def new_turn(self) -> None:
        self.left = float(self.timer)

    def tick(self, dt: float) -> None:
        if self.timer and not self.paused:
            self.left = max(0.0, self.left - dt)

    def clock(self) -> str:
        """The timer as the class reads it: "4:05", or "Time's up"."""
        if self.left <= 0:
            return "Time's up"
        whole = int(self.left + 0.999)
        return f"{whole // 60}:{whole % 60:02d}"


def pin_ok(pin: str, typed: str) -> bool:
    """Whether the typed PIN opens the panel (no PIN set: always)."""
    return not pin or typed.strip() == pin


def clean_pin(pin: str) -> str:
    """A PIN as Settings keeps it: digits only, at most `PIN_DIGITS`."""
    return "".join(c for c in str(pin) if c.isdigit())[:PIN_DIGITS]
