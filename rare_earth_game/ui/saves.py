"""Autosave, continue and load, on top of `GameSession.save` and `GameSession.load`.

Each game gets its own save file in the per-user saves folder, rewritten at every end of
turn, with a small JSON note beside it (team, scenario, turn, time) so the title screen can
offer "Continue" and the load screen can list games without replaying them.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rare_earth_game.ui.paths import saves_dir

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession

SAVE_SUFFIX = ".reg.json.gz"
LATEST = "latest.json"


@dataclass(frozen=True)
class SaveInfo:
    path: str
    team: str
    scenario: str
    date: str
    turn: int
    turns: int
    finished: bool
    saved_at: float

    @property
    def title(self) -> str:
        team = self.team or "Unnamed team"
        when = time.strftime("%d %b %H:%M", time.localtime(self.saved_at))
        state = "finished" if self.finished else f"turn {self.turn + 1} of {self.turns}"
        return f"{team} · {self.scenario} · {state} · saved {when}"


def game_id(team: str) -> str:
    """A file name for a new game: time first so saves sort by age."""
    safe = "".join(c if c.isalnum() else "-" for c in team.strip())[:24].strip("-") or "game"
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{safe}"


def autosave(session: GameSession, game: str, folder: Path | None = None) -> SaveInfo:
    """Write the game's save and its note; mark it as the game to continue."""
    folder = folder or saves_dir()
    path = session.save(folder / f"{game}{SAVE_SUFFIX}")
    info = SaveInfo(
        str(path),
        session.team,
        session.scenario.meta.name,
        session.date,
        session.turn,
        session.turns,
        session.finished,
        time.time(),
    )
    note = json.dumps(asdict(info), indent=2)
    (folder / f"{game}.json").write_text(note, encoding="utf-8")
    (folder / LATEST).write_text(note, encoding="utf-8")
    return info


def _read(note: Path) -> SaveInfo | None:
    try:
        info = SaveInfo(**json.loads(note.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return info if Path(info.path).is_file() else None


def latest(folder: Path | None = None) -> SaveInfo | None:
    """The game to continue: the last one saved that is not finished."""
    info = _read((folder or saves_dir()) / LATEST)
    return info if info is not None and not info.finished else None


def listed(folder: Path | None = None) -> list[SaveInfo]:
    """Every game with a note, newest first."""
    folder = folder or saves_dir()
    notes = [n for n in folder.glob("*.json") if n.name != LATEST]
    infos = [i for n in notes if (i := _read(n)) is not None]
    return sorted(infos, key=lambda i: -i.saved_at)


def load(path: str | Path) -> GameSession:
    """Replay a save file (slow for long games: call from a worker)."""
    from rare_earth_game.game.session import GameSession

    return GameSession.load(path)
