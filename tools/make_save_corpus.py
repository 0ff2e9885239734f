"""Write the malformed-save corpus in tests/data/saves/ from one good save of the tiny world.

Each kind of damage a save can suffer on its way from a student's laptop to a teacher's
(truncated, re-encoded, hand-edited, tampered with, made hostile) is one file in
`bad/`, listed in `bad/corpus.json` with what it is and a few words its `SaveError`
message must contain. `tests/game/test_save_corpus.py` opens every one. Run from the
repository root after a change to the save format:

    .venv/bin/python tools/make_save_corpus.py
"""

from __future__ import annotations

import copy
import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "data" / "saves"
TINY_REF = "../tiny.toml"
"""The tiny world, relative to the save's folder (a save finds its scenario from there)."""

Data = dict[str, Any]
Change = Callable[[Data], Any]


def _good_save(target: Path) -> Data:
    """Two sprint turns of the tiny world under a lens other than the default: a stockpile
    order, then a tariff."""
    from rare_earth_game.game import GameSession, SetTariff, StockpileOrder

    session = GameSession(
        str(ROOT / "tests" / "data" / "tiny.toml"),
        seed=5,
        preset="sprint",
        lens="security_first",
        scoring=False,
    )
    session.submit([StockpileOrder("magnet", 10.0)])
    session.submit([SetTariff("CHN", 0.1)])
    session.scenario_ref = TINY_REF
    session.save(target)
    data: Data = json.loads(gzip.decompress(target.read_bytes()))
    return data


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _edit(change: Callable[[Data], None]) -> Change:
    def edited(data: Data) -> Data:
        copied = copy.deepcopy(data)
        change(copied)
        return copied

    return edited


def _set(path: str, value: Any) -> Change:
    """Set a dotted key (`scenario.ref`, `actions.0`) to `value`."""

    def change(data: Data) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return _edit(change)


def _drop(key: str) -> Change:
    return _edit(lambda data: data.pop(key))


def _drop_in(table: str, key: str) -> Change:
    return _edit(lambda data: data[table].pop(key))


# (file stem, what is wrong, words its message must contain, how to make it). A change
# returns the new envelope (dict or list, written as gzip JSON), or the file's bytes.
KINDS: list[tuple[str, str, str, Change]] = [
    ("empty", "an empty file", "not a Rare Earth Game save", lambda d: b""),
    ("plain_text", "a text file", "not a Rare Earth Game save", lambda d: b"my homework\n"),
    (
        "truncated_gzip",
        "a save cut off half-way (a copy interrupted)",
        "damaged",
        lambda d: gzip.compress(json.dumps(d).encode(), mtime=0)[:-40],
    ),
    (
        "bad_gzip_checksum",
        "a gzip file whose CRC does not match (a flipped bit)",
        "damaged",
        lambda d: _flip_crc(gzip.compress(json.dumps(d).encode(), mtime=0)),
    ),
    (
        "gzip_of_broken_json",
        "gzip of text that is not JSON",
        "not a Rare Earth Game save",
        lambda d: gzip.compress(b'{"format": "rare-earth-game-save", ', mtime=0),
    ),
    (
        "gzip_of_latin1",
        "gzip of bytes that are not UTF-8",
        "not a Rare Earth Game save",
        lambda d: gzip.compress(b'{"team": "\xe9quipe"}', mtime=0),
    ),
    ("json_list", "JSON whose top level is a list", "not a Rare Earth Game save", lambda d: [d]),
    ("json_number", "JSON whose top level is a number", "not a Rare Earth Game save", lambda d: 7),
    (
        "deeply_nested_json",
        "100,000 nested arrays (a recursion bomb)",
        "nested too deeply",
        lambda d: gzip.compress(_nested(100_000).encode(), mtime=0),
    ),
    (
        "deeply_nested_team",
        "a valid envelope whose team is 5,000 nested arrays",
        "nested too deeply",
        lambda d: gzip.compress(
            json.dumps(d).replace('"team": ""', f'"team": {_nested(5_000)}').encode(), mtime=0
        ),
    ),
    (
        "gzip_bomb",
        "40 MB of zeros in a small gzip file (a decompression bomb)",
        "larger than",
        lambda d: gzip.compress(b"0" * (40 << 20), compresslevel=9, mtime=0),
    ),
    (
        "whitespace_bomb",
        "a valid save behind 40 MB of spaces",
        "larger than",
        lambda d: gzip.compress(b" " * (40 << 20) + json.dumps(d).encode(), 9, mtime=0),
    ),
    ("no_format", "the format key missing", "not a Rare Earth Game save", _drop("format")),
    (
        "other_format",
        "another program's JSON",
        "not a Rare Earth Game save",
        _set("format", "minecraft-world"),
    ),
    ("no_format_version", "format_version missing", "format_version", _drop("format_version")),
    (
        "format_version_text",
        'format_version = "1" (text, from a hand edit)',
        "format_version must be a whole number",
        _set("format_version", "1"),
    ),
    (
        "format_version_float",
        "format_version = 1.5",
        "format_version must be a whole number",
        _set("format_version", 1.5),
    ),
    (
        "format_version_bool",
        "format_version = true",
        "format_version must be a whole number",
        _set("format_version", True),
    ),
    (
        "format_version_zero",
        "format_version = 0 (older than any release)",
        "format_version 0",
        _set("format_version", 0),
    ),
    (
        "format_version_newer",
        "a save from a newer release",
        "newer Rare Earth Game",
        _set("format_version", 99),
    ),
    ("no_scenario", "the scenario table missing", "scenario", _drop("scenario")),
    (
        "scenario_is_text",
        "scenario is text, not a table",
        "scenario",
        _set("scenario", "tiny"),
    ),
    (
        "scenario_ref_number",
        "scenario.ref is a number",
        "scenario.ref",
        _set("scenario.ref", 12),
    ),
    (
        "scenario_ref_unknown",
        "scenario.ref names no scenario",
        "cannot find the scenario",
        _set("scenario.ref", "atlantis_2099"),
    ),
    (
        "scenario_ref_not_toml",
        "scenario.ref points at a file that is not a scenario",
        "which is not a .toml file",
        _set("scenario.ref", "../../../../../../etc/passwd"),
    ),
    (
        "scenario_ref_empty",
        "scenario.ref empty, and no scenario given",
        "does not say which scenario",
        _set("scenario.ref", ""),
    ),
    (
        "no_content_hash",
        "scenario.content_hash missing",
        "scenario.content_hash",
        _drop_in("scenario", "content_hash"),
    ),
    (
        "changed_scenario",
        "the scenario changed since the game was saved",
        "has changed since this game was saved",
        _set("scenario.content_hash", "0" * 64),
    ),
    ("no_seed", "seed missing", "seed", _drop("seed")),
    ("seed_text", "seed = 'abc'", "seed must be a whole number", _set("seed", "abc")),
    ("seed_negative", "seed = -1", "seed", _set("seed", -1)),
    ("seed_float", "seed = 5.5", "seed must be a whole number", _set("seed", 5.5)),
    ("seed_huge", "seed = 2**200", "seed", _set("seed", 2**200)),
    ("player_unknown", "a player nation the scenario lacks", "player", _set("player", "ATL")),
    ("player_number", "player = 3", "player must be text", _set("player", 3)),
    ("preset_unknown", "an unknown length preset", "preset", _set("preset", "marathon")),
    (
        "difficulty_unknown",
        "an unknown difficulty",
        "difficulty",
        _set("difficulty", "nightmare"),
    ),
    (
        "lens_unknown",
        "a scorecard lens the scenario lacks (a hand edit, or a newer release's)",
        "unknown lens 'speed_first'",
        _set("lens", "speed_first"),
    ),
    ("lens_number", "lens = 2", "lens must be text", _set("lens", 2)),
    ("lens_table", "lens is a table", "lens must be text", _set("lens", {"id": "green"})),
    ("team_dict", "team is a table", "team must be text", _set("team", {"name": "A"})),
    ("team_huge", "a team name of 100,000 letters", "team", _set("team", "A" * 100_000)),
    ("actions_not_list", "actions is a table", "actions", _set("actions", {"0": []})),
    ("turn_not_list", "a turn's actions are a table", "actions[0]", _set("actions.0", {})),
    (
        "action_not_table",
        "an action that is text",
        "actions[0][0]",
        _set("actions.0", ["fund everything"]),
    ),
    (
        "action_kind_unknown",
        "an action of an unknown kind",
        "actions[0][0]",
        _set("actions.0", [{"kind": "nuke", "target": "CHN"}]),
    ),
    (
        "action_missing_field",
        "a tariff without its rate",
        "actions[1][0]",
        _set("actions.1", [{"kind": "tariff", "partner": "CHN"}]),
    ),
    (
        "action_extra_field",
        "an action with a key it does not have",
        "actions[0][0]",
        _edit(lambda d: d["actions"][0][0].update(cheat=True)),
    ),
    (
        "action_rate_text",
        "a tariff rate in text",
        "actions[1][0].rate",
        _set("actions.1", [{"kind": "tariff", "partner": "CHN", "rate": "ten", "commodity": None}]),
    ),
    (
        "action_rate_nan",
        "a tariff rate of NaN",
        "NaN, which is not a number",
        lambda d: gzip.compress(
            json.dumps(d).replace('"rate": 0.1', '"rate": NaN').encode(), mtime=0
        ),
    ),
    (
        "checksums_short",
        "fewer checksums than turns of actions",
        "checksums",
        _edit(lambda d: d["checksums"].pop()),
    ),
    (
        "checksums_long",
        "more checksums than turns of actions",
        "checksums",
        _edit(lambda d: d["checksums"].append("0" * 64)),
    ),
    ("checksums_not_list", "checksums is text", "checksums", _set("checksums", "abc")),
    ("checksum_number", "a checksum that is a number", "checksums[0]", _set("checksums.0", 7)),
    (
        "turns_played_disagrees",
        "turns_played says 5 for two turns of actions",
        "turns_played",
        _set("turns_played", 5),
    ),
    (
        "too_many_turns",
        "more turns of actions than the game has",
        "more turns than",
        _edit(lambda d: _more_turns(d, 6)),
    ),
    (
        "tampered_actions",
        "an action removed after saving",
        "different result",
        _set("actions.0", []),
    ),
    ("unknown_key", "a key no save has", "unknown key 'cheats'", _set("cheats", True)),
    ("game_version_number", "game_version is a number", "game_version", _set("game_version", 1)),
]


def _flip_crc(data: bytes) -> bytes:
    """Flip one bit of the gzip trailer's CRC-32."""
    return data[:-8] + bytes([data[-8] ^ 0x01]) + data[-7:]


def _more_turns(data: Data, turns: int) -> None:
    data["actions"] = data["actions"] + [[] for _ in range(turns - len(data["actions"]))]
    data["checksums"] = data["checksums"] + ["0" * 64] * (turns - len(data["checksums"]))
    data["turns_played"] = turns


def write_corpus(folder: Path = FOLDER) -> list[Path]:
    """Write the good save and every bad one; returns the bad ones' paths."""
    bad = folder / "bad"
    shutil.rmtree(bad, ignore_errors=True)
    bad.mkdir(parents=True)
    good = _good_save(folder / "good.reg.json.gz")
    good["scenario"]["ref"] = f"../{TINY_REF}"  # bad/ is one folder further down
    index = {}
    written = []
    for stem, what, expected, change in KINDS:
        made = change(good)
        content = (
            made
            if isinstance(made, bytes)
            else gzip.compress(json.dumps(made, indent=1, sort_keys=True).encode(), mtime=0)
        )
        path = bad / f"{stem}.reg.json.gz"
        path.write_bytes(content)
        index[path.name] = {"what": what, "message_contains": expected}
        written.append(path)
    (bad / "corpus.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":
    files = write_corpus()
    print(f"Wrote {len(files)} malformed saves and the good one to {FOLDER}")
