"""Hot-seat play: 2 to 6 teams share one window, taking turns in order.

Every team plays its own `GameSession` of the same scenario and seed, so the world each
team faces differs only by what the teams decide; each has its own plan, budget and
autosave (so `rare-earth-game class report` can compare the saves afterwards). A round is
every team playing the same turn; the leaderboard shows between rounds. A team whose game
is lost early sits out the rounds that remain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rare_earth_game.errors import UserError
from rare_earth_game.ui.match import new_match
from rare_earth_game.ui.worker import Job

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match

MOST_TEAMS = 6
"""More teams than this wait too long for their turn at one keyboard."""


class TeamsError(UserError, ValueError):
    """Team names a hot-seat class cannot start with."""


def team_names(typed: str) -> list[str]:
    """The teams named in the setup's team box, separated by commas ("Red, Blue, Green");
    one name (or none) is a game of one team."""
    names = [name.strip() for name in typed.split(",") if name.strip()]
    if len(names) > MOST_TEAMS:
        raise TeamsError(f"at most {MOST_TEAMS} teams can share a window; {len(names)} were named")
    first: dict[str, str] = {}
    twice: list[str] = []
    for name in names:
        seen = first.setdefault(name.casefold(), name)
        if seen is not name and seen not in twice:
            twice.append(seen)
    if twice:
        verb = "is named" if len(twice) == 1 else "are each named"
        raise TeamsError(f"each team needs its own name; {', '.join(twice)} {verb} twice")
    return names


@dataclass(frozen=True)
class Standing:
    """A team's line on the leaderboard."""

    team: str
    score: float  # NaN before the first turn
    grade: str
    budget: float
    projects: int
    lost: bool


@dataclass
class Rotation:
    games: list[Match]
    current: int = 0

    @property
    def game(self) -> Match:
        return self.games[self.current]

    @property
    def finished(self) -> bool:
        return all(g.session.finished for g in self.games)

    def advance(self) -> bool:
        """On to the next team still playing; True when that starts a new round."""
        wrapped = False
        for _ in self.games:
            self.current += 1
            if self.current == len(self.games):
                self.current, wrapped = 0, True
            if not self.game.session.finished:
                break
        return wrapped

    def standings(self) -> list[Standing]:
        """The teams, best score first (a team without a score yet last, in play order)."""
        rows = []
        for game in self.games:
            report = game.report
            card = report.scorecard if report is not None else None
            session = game.session
            rows.append(
                Standing(
                    session.team,
                    card.score if card is not None else math.nan,
                    card.grade if card is not None else "",
                    session.treasury.available,
                    len(session.projects),
                    session.ending is not None,
                )
            )
        return sorted(rows, key=lambda r: -r.score if not math.isnan(r.score) else math.inf)


def start_teams(
    names: list[str], scenario: str, seed: int, preset: str, difficulty: str, lens: str | None
) -> Job[Match]:
    """Every team's game, built on a worker; returns the first team's, which knows the rest."""

    def work() -> Match:
        games = [new_match(scenario, seed, preset, difficulty, name, lens) for name in names]
        rotation = Rotation(games)
        for game in games:
            game.rotation = rotation
        return games[0]

    return Job(work, "Preparing every team's world")
