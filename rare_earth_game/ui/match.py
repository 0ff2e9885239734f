"""One game in the window: the session, what to draw, and the work done off the loop.

The turn scene, the summary and the debrief share a `Match`. Starting, loading and ending
a turn each run as a `Job` on a worker thread, which owns the session until it finishes.
Each game keeps its scenario's opening quarter, so the window shows the world before the
first decision and every chart starts from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rare_earth_game.ui import saves
from rare_earth_game.ui.worker import Job
from rare_earth_game.ui.world import WorldView, capture

if TYPE_CHECKING:
    from rare_earth_game.game.actions import Action
    from rare_earth_game.game.opening import OpeningQuarter
    from rare_earth_game.game.report import TurnReport
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.ui.hotseat import Rotation


@dataclass
class Match:
    session: GameSession
    game: str  # save-file name
    world: WorldView
    opening: OpeningQuarter | None = None
    reports: list[TurnReport] = field(default_factory=list)
    saved: saves.SaveInfo | None = None
    save_error: str = ""
    ahead: Job[None] | None = None
    """The look-ahead job; kept so an error in it is raised at the next End turn."""
    announce: list[str] = field(default_factory=list)
    """Scripted events the teacher announced, to happen as the next turn is played."""
    rotation: Rotation | None = None
    """The hot-seat class this game is one team's of, if any."""

    @property
    def report(self) -> TurnReport | None:
        return self.reports[-1] if self.reports else None

    def progress(self, first_step: int) -> float:
        """Share of the turn's engine steps done; read from the drawing loop, only a number."""
        done = self.session.model.turn - first_step
        return max(0.0, min(1.0, done / max(1, self.session.steps)))


def _save(match: Match) -> None:
    try:
        match.saved = saves.autosave(match.session, match.game)
        match.save_error = ""
    except OSError as error:  # a full disk must not end the lesson
        match.save_error = f"Autosave failed: {error}"


def start(
    scenario: str, seed: int, preset: str, difficulty: str, team: str, lens: str | None = None
) -> Job[Match]:
    """A new game, with its opening picture and baseline, built on a worker; `lens` weighs
    its scorecard (the scenario's own by default)."""

    return Job(
        lambda: new_match(scenario, seed, preset, difficulty, team, lens), "Preparing the world"
    )


def new_match(
    scenario: str, seed: int, preset: str, difficulty: str, team: str, lens: str | None = None
) -> Match:
    """A new game with its opening picture and baseline, autosaved; slow, so run it on a
    worker (`start`, or a hot-seat class's start)."""
    from rare_earth_game.game.opening import opening_quarter
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.scenario import load_scenario

    session = GameSession(
        load_scenario(scenario),
        seed=seed,
        preset=preset,
        difficulty=difficulty,
        team=team,
        scenario_ref=scenario,
        lens=lens,
    )
    session.prepare_next_turn()
    opening = opening_quarter(session)
    match = Match(session, saves.game_id(team), capture(session, opening=opening), opening)
    _save(match)
    return match


def resume(path: str) -> Job[Match]:
    """A saved game, replayed turn by turn and checked."""

    def work() -> Match:
        from rare_earth_game.game.opening import opening_quarter

        session = saves.load(path)
        session.prepare_next_turn()
        session.fill_scorecards()  # the score chart shows every turn played
        opening = opening_quarter(session)
        game = Path(path).name.removesuffix(saves.SAVE_SUFFIX)
        world = capture(session, opening=opening)
        return Match(session, game, world, opening, list(session.reports))

    return Job(work, "Replaying the saved game")


def end_turn(match: Match, actions: list[Action]) -> Job[TurnReport]:
    """Play the turn, capture the new picture and autosave, all on a worker."""

    def work() -> TurnReport:
        if match.ahead is not None:
            match.ahead.wait()
            match.ahead.result()  # its error, if any, is this turn's
        first = match.session.model.turn
        from rare_earth_game.game.announce import upcoming

        still = {event.id for _, event in upcoming(match.session.model)}
        report = match.session.submit(actions, tuple(e for e in match.announce if e in still))
        match.announce.clear()
        match.world = capture(match.session, first, match.opening)
        match.reports.append(report)
        _save(match)
        match.ahead = look_ahead(match)
        return report

    return Job(work, "Resolving the turn")


def look_ahead(match: Match) -> Job[None]:
    """While the player reads and thinks, play the baseline game's next turn, so that End
    turn only has the player's own turn to play."""
    return Job(match.session.prepare_next_turn, "Looking ahead")
