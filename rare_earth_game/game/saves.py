"""Saves are replays: the settings and every turn's actions, never the live objects.

A save is gzip-compressed JSON in a versioned envelope. Loading builds a fresh session from
the same scenario, seed and settings, submits the logged actions turn by turn and checks
each turn's checksum, so a loaded game is exactly the game that was saved and continues as
an unsaved one would. Nothing is pickled: a save file can be read, diffed and trusted.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rare_earth_game import __version__
from rare_earth_game.errors import UserError
from rare_earth_game.game.actions import action_from_dict

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.scenario.model import Scenario

SAVE_FORMAT = "rare-earth-game-save"
FORMAT_VERSION = 1
SUFFIX = ".reg.json.gz"


class SaveError(UserError, ValueError):
    """A save file that cannot be loaded, with the reason in plain words."""


def envelope(session: GameSession) -> dict[str, Any]:
    """Everything needed to replay the session, as plain JSON data."""
    return {
        "format": SAVE_FORMAT,
        "format_version": FORMAT_VERSION,
        "game_version": __version__,
        "scenario": {
            "ref": session.scenario_ref or _builtin_name(session.scenario),
            "name": session.scenario.meta.name,
            "content_hash": session.scenario.content_hash(),
        },
        "seed": session.seed,
        "player": session.player,
        "preset": session.preset.name,
        "difficulty": session.difficulty.name,
        "team": session.team,
        "turns_played": session.turn,
        "actions": session.log,
        "checksums": session.checksums,
    }


def write_save(session: GameSession, path: str | Path) -> Path:
    """Write atomically: a crash mid-write leaves the previous save intact."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(envelope(session), indent=1, sort_keys=True).encode("utf-8")
    handle, temporary = tempfile.mkstemp(prefix=".saving-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(data)
            gz.flush()
            raw.flush()
            os.fsync(raw.fileno())
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def read_save(path: str | Path) -> dict[str, Any]:
    """The envelope of a save file, checked for format and version."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"no save file at {source}") from None
    except OSError as error:
        raise SaveError(f"cannot read {source}: {error.strerror}") from None
    try:
        text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        data = json.loads(text)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise SaveError(
            f"{source} is not a Rare Earth Game save (damaged or another file)"
        ) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{source} is not a Rare Earth Game save")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise SaveError(
            f"{source} was saved by a newer Rare Earth Game (save format {version}, game "
            f"{data.get('game_version', '?')}); this is {__version__}, which reads format "
            f"{FORMAT_VERSION}. Update rare-earth-game to open it."
        )
    return data


def load_save(path: str | Path, scenario: Scenario | None = None) -> GameSession:
    """Replay a save into a live session; refuses a changed scenario or a diverging replay."""
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.scenario import ScenarioError, ScenarioNotFoundError, load_scenario

    data = read_save(path)
    info = data["scenario"]
    if scenario is None:
        ref = info.get("ref")
        if not ref:
            raise SaveError(
                f"{path} does not say which scenario file it used; load it with the scenario "
                f"'{info.get('name')}' given explicitly"
            )
        try:
            scenario = load_scenario(_near(ref, Path(path)))
        except ScenarioNotFoundError as error:
            raise SaveError(f"cannot find the scenario this game used: {error}") from None
        except ScenarioError as error:
            raise SaveError(f"the scenario this game used no longer loads:\n{error}") from None
    if scenario.content_hash() != info["content_hash"]:
        raise SaveError(
            f"the scenario '{info.get('name')}' has changed since this game was saved, so the "
            "game cannot be replayed faithfully; use the scenario file as it was then"
        )
    session = GameSession(
        scenario,
        seed=int(data["seed"]),
        player=data["player"],
        preset=data["preset"],
        difficulty=data["difficulty"],
        team=data.get("team", ""),
        scenario_ref=info.get("ref"),
    )
    session.scoring = False  # the replay's reports are not shown; score the latest on demand
    checksums = data["checksums"]
    for turn, logged in enumerate(data["actions"]):
        session.submit([action_from_dict(a) for a in logged])
        if session.checksums[-1] != checksums[turn]:
            raise SaveError(
                f"replaying {path} gave a different result in {session.label(turn)}; it was "
                f"saved by Rare Earth Game {data.get('game_version')} and this is "
                f"{__version__}, whose simulation differs"
            )
    session.scoring = True
    return session


def _builtin_name(scenario: Scenario) -> str | None:
    """The built-in scenario with this content, if the session was given one already loaded."""
    from rare_earth_game.scenario import ScenarioError, load_scenario
    from rare_earth_game.scenario.catalog import builtin_scenarios

    wanted = scenario.content_hash()
    for entry in builtin_scenarios():
        try:
            if load_scenario(entry.name).content_hash() == wanted:
                return entry.name
        except ScenarioError:
            continue
    return None


def _near(ref: str, save_path: Path) -> str:
    """A scenario path written relative to where the game started may sit beside the save."""
    candidate = Path(ref)
    if candidate.suffix == ".toml" and not candidate.is_file():
        beside = save_path.parent / candidate.name
        if beside.is_file():
            return str(beside)
    return ref
