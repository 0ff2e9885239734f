"""The class report: every team's save in a folder, replayed and verified, compared side by side.

A class plays on many laptops and exports to a shared folder; the teacher wants one
leaderboard, one picture of how the teams' worlds differ and what each decided, and a
printable file for the discussion. Each save is replayed turn by turn (`load_save`), so a
score on the board is the game the team really played; a save that cannot be replayed or
does not verify is listed with the reason, never left out. Nothing already written is
replaced unless asked (`force`).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rare_earth_game.errors import UserError, describe_os_error
from rare_earth_game.forking import InChild, usable_cores
from rare_earth_game.game.actions import action_from_dict, action_title
from rare_earth_game.game.saves import SUFFIX, SaveError, load_save
from rare_earth_game.report.charts import MARKERS, OKABE_ITO

if TYPE_CHECKING:
    import pandas as pd

    from rare_earth_game.game.session import GameSession

OUTCOMES = (
    ("player.supply_security", "Supply security", "share"),
    ("player.demand_met", "Demand met", "share"),
    ("player.tension_with_adversary", "Tension with adversary", "share"),
    ("game.public_support", "Public support", "share"),
)
"""The outcomes the teams are compared on, at the last turn each played."""
FILES = ("class_leaderboard.csv", "class_outcomes.png", "class_decisions.png", "class_report.pdf")
AT_ONCE = 4
"""Most saves replayed at once: a replay needs a core and a few hundred MB, and a class's
laptops and the teacher's have two to eight cores."""
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "--", "oo")
"""A team's bars carry a pattern as well as a colour, so print and colour-blind eyes tell
them apart."""


class ClassReportError(UserError):
    """The class folder cannot be read, holds no saves, or the report would overwrite one."""


@dataclass(frozen=True)
class TeamGame:
    """One save in the folder: the team's game, or why it could not be verified."""

    file: Path
    team: str
    problem: str = ""
    score: float = math.nan
    grade: str = ""
    baseline: float = math.nan
    turns: int = 0
    scenario: str = ""
    outcomes: dict[str, float] = field(default_factory=dict)
    decisions: tuple[tuple[int, str], ...] = ()
    """(turn from 1, what was decided), in order."""

    @property
    def verified(self) -> bool:
        return not self.problem


def saves_in(folder: Path) -> list[Path]:
    """The save files in a class folder, by name; raises `ClassReportError` when there are
    none or the folder cannot be read."""
    if not folder.exists():
        raise ClassReportError(f"no folder at {folder}")
    if not folder.is_dir():
        raise ClassReportError(f"{folder} is a file; give the folder the teams' saves are in")
    try:
        found = sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX))
    except OSError as error:
        raise describe_os_error(error, folder, "read") from None
    if not found:
        raise ClassReportError(
            f"{folder} holds no saves (files ending {SUFFIX}); each team exports its game "
            "there from the window's debrief, or copies its autosave"
        )
    return found


def read_teams(paths: list[Path], on_reading: Callable[[Path], object]) -> list[TeamGame]:
    """Replay the saves (see `read_team`), in order, `AT_ONCE` at a time: all but one of
    each group in forked children (`forking.InChild`) while this process replays the last,
    so a class's saves take a fraction of the time on a machine with cores to spare. Where
    forking is not safe they are replayed here one after another. `on_reading` is told of
    each save as its replay starts."""
    at_once = min(AT_ONCE, usable_cores())
    teams: list[TeamGame] = []
    for start in range(0, len(paths), at_once):
        group = paths[start : start + at_once]
        with contextlib.ExitStack() as children:
            handed = []
            for path in group[:-1]:
                on_reading(path)
                handed.append(children.enter_context(InChild(read_team, path)))
            on_reading(group[-1])
            last = read_team(group[-1])
            teams += [child.result() for child in handed] + [last]
    return teams


def read_team(path: Path) -> TeamGame:
    """Replay one save and measure it; a save that fails says why instead."""
    try:
        session = load_save(path)
    except SaveError as error:
        return TeamGame(path, path.name.removesuffix(SUFFIX), problem=str(error))
    return _measured(path, session)


def _measured(path: Path, session: GameSession) -> TeamGame:
    history = session.history()
    last = history.iloc[-1] if len(history) else None
    outcomes = {
        key: float(last[key]) if last is not None and key in last else math.nan
        for key, _, _ in OUTCOMES
    }
    decisions = tuple(
        (turn + 1, action_title(action_from_dict(entry), session.scenario)[0])
        for turn, entries in enumerate(session.log)
        for entry in entries
    )
    card = session.scorecard() if session.turn and session.scenario.objectives else None
    return TeamGame(
        path,
        session.team or path.name.removesuffix(SUFFIX),
        score=card.score if card else math.nan,
        grade=card.grade if card else "",
        baseline=card.baseline_score if card else math.nan,
        turns=session.turn,
        scenario=session.scenario.meta.name,
        outcomes=outcomes,
        decisions=decisions,
    )


def leaderboard(teams: list[TeamGame]) -> pd.DataFrame:
    """One row per save: verified games ranked by score, then those that failed, with why."""
    import pandas as pd

    ranked = sorted(
        teams,
        key=lambda t: (not t.verified, -t.score if not math.isnan(t.score) else math.inf),
    )
    rows = []
    place = 0
    for team in ranked:
        place += team.verified
        rows.append(
            {
                "rank": place if team.verified else None,
                "team": team.team,
                "file": team.file.name,
                "status": "verified" if team.verified else f"failed: {team.problem}",
                "score": round(team.score, 1),
                "grade": team.grade,
                "no_new_policy_score": round(team.baseline, 1),
                "turns_played": team.turns,
                "scenario": team.scenario,
                **{key: round(team.outcomes.get(key, math.nan), 4) for key, _, _ in OUTCOMES},
                "decisions": len(team.decisions),
            }
        )
    return pd.DataFrame(rows).astype({"rank": "Int64"})


def targets(out: Path, force: bool) -> list[Path]:
    """The files the report will write; refuses to replace any without `force`."""
    paths = [out / name for name in FILES]
    existing = [p.name for p in paths if p.exists()]
    if existing and not force:
        raise ClassReportError(
            f"{out} already holds {', '.join(existing)}; choose another --out, or add "
            "--force to replace them"
        )
    return paths


def write_class_report(teams: list[TeamGame], out: Path, force: bool = False) -> list[Path]:
    """The leaderboard CSV, the outcome and decision charts (PNG), and a PDF of all three."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages

    csv, outcomes_png, decisions_png, pdf_path = targets(out, force)
    board = leaderboard(teams)
    try:
        out.mkdir(parents=True, exist_ok=True)
        board.to_csv(csv, index=False)
        played = [t for t in teams if t.verified]
        figures = [_table_figure(board), _outcomes_figure(played), _decisions_figure(played)]
        figures[1].savefig(outcomes_png, dpi=150)
        figures[2].savefig(decisions_png, dpi=150)
        with PdfPages(pdf_path, metadata={"CreationDate": None}) as pdf:  # same saves, same bytes
            for figure in figures:
                pdf.savefig(figure)
    except OSError as error:
        raise describe_os_error(error, out, "write the class report to") from None
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")
    return [csv, outcomes_png, decisions_png, pdf_path]


def _title(teams: list[TeamGame]) -> str:
    scenarios = sorted({t.scenario for t in teams if t.scenario})
    return f"Class report: {', '.join(scenarios) or 'no verified games'}"


def _table_figure(board: pd.DataFrame):  # type: ignore[no-untyped-def]
    """Page one: the leaderboard as a printed table."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(11.7, 8.3))
    axes.axis("off")
    shown = board[["rank", "team", "score", "grade", "no_new_policy_score", "status"]].copy()
    shown["rank"] = shown["rank"].astype(object).where(shown["rank"].notna(), "-")
    shown["status"] = shown["status"].str.slice(0, 70)
    table = axes.table(
        cellText=shown.astype(str).values,
        colLabels=["Rank", "Team", "Score", "Grade", "No new policy", "Status"],
        loc="upper center",
        cellLoc="left",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(11)
    table.scale(1, 1.8)
    axes.set_title("Leaderboard (scores 0-100; every save replayed and verified)", fontsize=16)
    return figure


def _outcomes_figure(teams: list[TeamGame]):  # type: ignore[no-untyped-def]
    """Side by side: each team's key outcomes at its last turn, one panel per outcome."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, len(OUTCOMES), figsize=(11.7, 5.5), sharey=True)
    for ax, (key, label, _) in zip(axes, OUTCOMES, strict=True):
        for i, team in enumerate(teams):
            value = 100 * team.outcomes.get(key, math.nan)
            ax.bar(
                i,
                value,
                color=OKABE_ITO[i % len(OKABE_ITO)],
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="black",
            )
            if not math.isnan(value):
                ax.text(i, value + 1, f"{value:.0f}%", ha="center", fontsize=10)
        ax.set_xticks(range(len(teams)), [t.team for t in teams], rotation=30, ha="right")
        ax.set_title(label, fontsize=12)
        ax.set_ylim(0, 110)
    axes[0].set_ylabel("per cent, at the last turn played")
    figure.suptitle(_title(teams), fontsize=15)
    figure.tight_layout()
    return figure


def _decisions_figure(teams: list[TeamGame]):  # type: ignore[no-untyped-def]
    """Each team's decisions on a row, at the turn they were made, with their names."""
    import matplotlib.pyplot as plt

    rows = max(1, len(teams))
    figure, ax = plt.subplots(figsize=(11.7, 1.4 + 1.3 * rows))
    last = max((t.turns for t in teams), default=1)
    for row, team in enumerate(teams):
        colour, marker = OKABE_ITO[row % len(OKABE_ITO)], MARKERS[row % len(MARKERS)]
        ax.axhline(row, color="#cccccc", linewidth=1, zorder=0)
        by_turn: dict[int, int] = {}
        for turn, title in team.decisions:
            stacked = by_turn.get(turn, 0)
            by_turn[turn] = stacked + 1
            ax.scatter(turn, row, color=colour, marker=marker, s=70, edgecolor="black")
            ax.annotate(
                title if len(title) <= 32 else title[:31] + "…",
                (turn, row),
                xytext=(6, 8 + 11 * stacked),
                textcoords="offset points",
                fontsize=8,
            )
    ax.set_yticks(range(len(teams)), [t.team for t in teams])
    ax.set_xticks(range(1, last + 1))
    ax.set_xlim(0.5, last + 1.5)
    ax.set_ylim(-0.6, rows - 0.1)
    ax.set_xlabel("Turn")
    ax.set_title("What each team decided, and when", fontsize=14)
    figure.tight_layout()
    return figure
