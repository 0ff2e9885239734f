"""Saves are replays: the settings and every turn's actions, never the live objects.

A save is gzip-compressed JSON in a versioned envelope. Loading builds a fresh session from
the same scenario, seed and settings, submits the logged actions turn by turn and checks
each turn's checksum, so a loaded game is exactly the game that was saved and continues as
an unsaved one would. Nothing is pickled: a save file can be read, diffed and trusted.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rare_earth_game import __version__
from rare_earth_game.errors import UserError
from rare_earth_game.game.actions import action_from_dict
from rare_earth_game.game.save_envelope import MAX_SAVE_BYTES, check_envelope

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.scenario.model import Scenario

SAVE_FORMAT = "rare-earth-game-save"
FORMAT_VERSION = 1
SUFFIX = ".reg.json.gz"
SAVE_MODE = 0o644


class SaveError(UserError, ValueError):
    """A save file that cannot be loaded, with the reason in plain words."""


def envelope(session: GameSession) -> dict[str, Any]:
    """Everything needed to replay the session, as plain JSON data."""
    data: dict[str, Any] = {
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
        "lens": session.lens,
        "team": session.team,
        "turns_played": session.turn,
        "actions": session.log,
        "checksums": session.checksums,
    }
    if any(session.announced):  # only games a teacher changed carry the key
        data["announced"] = session.announced
    return data


STALE_SECONDS = 600
"""A save is written in well under a second: a temporary file this old is a leftover."""


def write_save(session: GameSession, path: str | Path) -> Path:
    """Write atomically: a crash mid-write leaves the previous save intact. Readable by
    everyone, like every other export (0644), so a teacher can open a student's file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target.parent)
    data = json.dumps(envelope(session), indent=1, sort_keys=True).encode("utf-8")
    handle, temporary = tempfile.mkstemp(prefix=".saving-", dir=target.parent)
    try:
        os.fchmod(handle, SAVE_MODE & ~_umask())
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


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of writes that a killed process never finished (SIGKILL, a power
    cut), so they do not pile up in a saves folder; a write in progress is left alone."""
    now = time.time()
    for leftover in folder.glob(".saving-*"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:  # gone already, or not ours to remove
            continue


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def read_save(path: str | Path) -> dict[str, Any]:
    """The envelope of a save file, checked for format, version and shape.

    Every way a file can be damaged or hostile ends in a `SaveError` with a plain
    sentence: decompression stops at `MAX_SAVE_BYTES`, deep nesting and non-finite
    numbers are refused, and the envelope must match its schema exactly.
    """
    source = Path(path)
    text = _read_text(source)
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except _NotANumberError as error:
        raise SaveError(f"{source} is damaged: it holds {error}") from None
    except RecursionError:
        raise SaveError(
            f"{source} is not a Rare Earth Game save: it is nested too deeply"
        ) from None
    except ValueError:
        raise SaveError(
            f"{source} is not a Rare Earth Game save (damaged or another file)"
        ) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{source} is not a Rare Earth Game save")
    _check_version(source, data)
    checked, problems = check_envelope(data)
    if checked is None:
        raise SaveError(f"{source} is damaged: " + "; ".join(problems))
    return data


def _read_text(source: Path) -> str:
    """The file's JSON text, gunzipped in pieces so a decompression bomb stops early."""
    try:
        with source.open("rb") as raw:
            head = raw.read(2)
            raw.seek(0)
            stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
            content = stream.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"no save file at {source}") from None
    except IsADirectoryError:
        raise SaveError(f"{source} is a folder, not a save file") from None
    except (EOFError, zlib.error, gzip.BadGzipFile):
        raise SaveError(
            f"{source} is damaged (its compressed data is cut short or corrupt); use an "
            "earlier copy"
        ) from None
    except OSError as error:
        raise SaveError(f"cannot read {source}: {error.strerror or error}") from None
    if len(content) > MAX_SAVE_BYTES:
        raise SaveError(
            f"{source} is not a Rare Earth Game save: it unpacks to larger than "
            f"{MAX_SAVE_BYTES >> 20} MB, and no save is that big"
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(
            f"{source} is not a Rare Earth Game save (damaged or another file)"
        ) from None


class _NotANumberError(ValueError):
    """JSON's NaN and Infinity, which Python reads but no save ever holds."""


def _no_constants(name: str) -> float:
    raise _NotANumberError(f"{name}, which is not a number a save can hold")


def _check_version(source: Path, data: dict[str, Any]) -> None:
    version = data.get("format_version")
    if "format_version" not in data:
        raise SaveError(f"{source} is damaged: format_version is missing")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(
            f"{source} is damaged: format_version must be a whole number, got {version!r}"
        )
    if version > FORMAT_VERSION:
        raise SaveError(
            f"{source} was saved by a newer Rare Earth Game (save format {version}, game "
            f"{data.get('game_version', '?')}); this is {__version__}, which reads format "
            f"{FORMAT_VERSION}. Update rare-earth-game to open it."
        )
    if version < 1:
        raise SaveError(
            f"{source} is damaged: format_version {version} was never written by any "
            f"Rare Earth Game (formats start at 1; this one reads {FORMAT_VERSION})"
        )


def load_save(path: str | Path, scenario: Scenario | None = None) -> GameSession:
    """Replay a save into a live session; refuses a changed scenario or a diverging replay."""
    from rare_earth_game.game.announce import AnnounceError
    from rare_earth_game.game.session import GameSession, GameSetupError
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
            scenario = load_scenario(_scenario_file(ref, Path(path)))
        except ScenarioNotFoundError as error:
            raise SaveError(f"cannot find the scenario this game used: {error}") from None
        except ScenarioError as error:
            raise SaveError(f"the scenario this game used no longer loads:\n{error}") from None
    if scenario.content_hash() != info["content_hash"]:
        raise SaveError(
            f"the scenario '{info.get('name')}' has changed since this game was saved, so the "
            "game cannot be replayed faithfully; use the scenario file as it was then"
        )
    try:
        session = GameSession(
            scenario,
            seed=data["seed"],
            player=data["player"],
            preset=data["preset"],
            difficulty=data["difficulty"],
            team=data["team"],
            lens=data.get("lens"),
            scenario_ref=info.get("ref"),
        )
    except GameSetupError as error:
        raise SaveError(f"{path} cannot be replayed: {error}") from None
    actions, checksums = data["actions"], data["checksums"]
    announced = data.get("announced") or [[] for _ in actions]
    if len(actions) > session.turns:
        raise SaveError(
            f"{path} holds {len(actions)} turns, more turns than a {data['preset']} game of "
            f"this scenario has ({session.turns}); it is damaged"
        )
    session.play_comparison_in_child()  # played beside the replay, for the scores after it
    session.scoring = False  # the replay's reports are not shown; score the latest on demand
    for turn, logged in enumerate(actions):
        try:
            session.submit([action_from_dict(a) for a in logged], tuple(announced[turn]))
        except AnnounceError as error:
            raise SaveError(f"{path} cannot be replayed: {error}") from None
        if session.checksums[-1] != checksums[turn]:
            raise SaveError(
                f"replaying {path} gave a different result in {session.label(turn)}; it was "
                f"saved by Rare Earth Game {data.get('game_version')} and this is "
                f"{__version__}, whose simulation differs (or the file was edited)"
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


def _scenario_file(ref: str, save_path: Path) -> str:
    """The scenario a save names: a built-in name, or a .toml file relative to where the
    game started, to the save's folder, or beside the save. Nothing else is opened, so a
    save cannot make the game read an arbitrary file."""
    candidate = Path(ref)
    if candidate.suffix != ".toml":
        if candidate.parent != Path():
            raise SaveError(f"{save_path} names '{ref}' as its scenario, which is not a .toml file")
        return ref
    for place in (candidate, save_path.parent / candidate, save_path.parent / candidate.name):
        if place.is_file():
            return str(place)
    return ref
