"""Key paths: how an experiment names one value inside a scenario.

A path is the scenario's own key names joined by dots, with entries of a list picked by
their id rather than their position, so a path survives edits that reorder a file:

    settings.inventory_adjust_turns                      a table key
    settings.build_years.mine                    a key of a free-form table
    buyers.usa_magnet_use.growth                 the entry of [[buyers]] with id "usa_magnet_use"
    policies.tariffs.us_ieepa_china.rate         a policy in force at the start ...
    tariffs.us_ieepa_china.rate                  ... or the same without "policies."
    ai.CHN.aggressiveness                        AI profiles are picked by their nation
    relations.USA:CHN.tension                    entries without an id by their key fields,
    transport.routes.MMR:CHN.cost                joined by ':'
    events.china_quota.effects[0].tonnes_per_year    [N] picks by position (0-based)

A path must end at a single value (a number, text or true/false), not at a table or list.
Mistakes raise `KeyPathError` with what was expected there and a "did you mean" hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from rare_earth_game.errors import UserError
from rare_earth_game.scenario.errors import Loc, closest, key_path

POLICY_LISTS = (
    "tariffs",
    "export_duties",
    "export_controls",
    "production_quotas",
    "subsidies",
    "price_floors",
    "stockpiles",
)
"""Lists under [policies] that a path may name without the `policies.` prefix."""

ENTRY_KEYS: dict[str, tuple[str, ...]] = {
    "relations": ("a", "b"),
    "routes": ("origin", "destination"),
    "ai": ("nation",),
}
"""For lists whose entries have no `id`: the fields that name an entry, joined by ':'."""

_SEGMENT = re.compile(r"([^.\[\]]+)?((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
_LISTED = 12


class KeyPathError(UserError, ValueError):
    """A key path that does not lead to a single value in the scenario."""


def resolve(data: dict[str, Any], path: str) -> Loc:
    """The location in `data` (a scenario as plain data) that `path` names.

    The result indexes lists by position, ready for `get` and `set_value`.
    """
    parts = list(_parts(path))
    node: Any = data
    loc: list[str | int] = []
    if parts and parts[0] in POLICY_LISTS and parts[0] not in data:
        node, loc = data.get("policies", {}), ["policies"]
    written: list[str | int] = []
    for part in parts:
        where = key_path(tuple(written)) if written else "the scenario"
        written.append(part)
        if isinstance(node, dict):
            if not isinstance(part, str) or part not in node:
                raise KeyPathError(_unknown_key(path, where, part, node, at_start=not written[1:]))
            loc.append(part)
            node = node[part]
        elif isinstance(node, list):
            index = _entry_index(path, where, part, node, loc)
            loc.append(index)
            node = node[index]
        else:
            raise KeyPathError(f"'{path}': {where} is a single value; the path must end there")
    if isinstance(node, dict):
        keys = ", ".join(sorted(node)[:_LISTED])
        raise KeyPathError(f"'{path}' is a table; name one of its keys: {keys}")
    if isinstance(node, list):
        raise KeyPathError(f"'{path}' is a list; pick an entry, e.g. '{path}[0]'")
    return tuple(loc)


def get(data: Any, loc: Loc) -> Any:
    """The value at a resolved location."""
    for part in loc:
        data = data[part]
    return data


def set_value(data: Any, loc: Loc, value: Any) -> None:
    """Replace the value at a resolved location, in place."""
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _parts(path: str) -> Iterator[str | int]:
    """'a.b[0].c' → 'a', 'b', 0, 'c'."""
    if not path or path.strip() != path:
        raise KeyPathError(
            f"'{path}' is not a key path; write it like 'settings.inventory_adjust_turns'"
        )
    for segment in path.split("."):
        match = _SEGMENT.fullmatch(segment)
        if not segment or match is None:
            raise KeyPathError(
                f"'{path}' is not a key path: '{segment}' should be a key, an id or [N]"
            )
        if match.group(1):
            yield match.group(1)
        for index in _INDEX.findall(match.group(2)):
            yield int(index)


def _entry_index(
    path: str, where: str, part: str | int, entries: list[Any], loc: Sequence[str | int]
) -> int:
    if isinstance(part, int):
        if part >= len(entries):
            raise KeyPathError(
                f"'{path}': {where} has {len(entries)} entries, so [{part}] is past its end"
            )
        return part
    if not entries:
        raise KeyPathError(f"'{path}': {where} has no entries in this scenario")
    names = [_entry_name(entry, str(loc[-1]) if loc else "") for entry in entries]
    matches = [i for i, name in enumerate(names) if part in name]
    if matches:
        return matches[0]
    known = sorted({name[0] for name in names if name})
    if not known:
        raise KeyPathError(f"'{path}': the entries of {where} have no ids; pick one with [N]")
    hint = closest(part, known)
    more = f"; did you mean '{hint}'?" if hint else f" (there are: {_listing(known)})"
    raise KeyPathError(f"'{path}': no entry '{part}' in {where}{more}")


def _entry_name(entry: Any, list_key: str) -> tuple[str, ...]:
    """The names an entry answers to: its id, or its key fields joined by ':' (both ways
    for symmetric relations)."""
    if not isinstance(entry, dict):
        return ()
    if isinstance(entry.get("id"), str):
        return (entry["id"],)
    fields = ENTRY_KEYS.get(list_key)
    if fields is None or not all(isinstance(entry.get(f), str) for f in fields):
        return ()
    values = [entry[f] for f in fields]
    if list_key == "relations":
        return (":".join(values), ":".join(reversed(values)))
    return (":".join(values),)


def _unknown_key(
    path: str, where: str, part: str | int, table: dict[str, Any], *, at_start: bool
) -> str:
    if isinstance(part, int):
        return f"'{path}': {where} is a table, not a list; name a key instead of [{part}]"
    candidates = list(table)
    if at_start:
        candidates += [p for p in POLICY_LISTS if p not in table]
    hint = closest(part, candidates)
    place = "at the start of" if at_start else f"in {where} of"
    text = f"unknown key '{part}' {place} '{path}'"
    if hint is not None:
        return f"{text}; did you mean '{hint}'?"
    return f"{text} (keys there: {_listing(sorted(candidates))})"


def _listing(names: Sequence[str]) -> str:
    return ", ".join(names[:_LISTED]) + (", ..." if len(names) > _LISTED else "")
