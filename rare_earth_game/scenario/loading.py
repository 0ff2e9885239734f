"""TOML text → checked `Scenario`, or a `ScenarioError` that lists every problem at once.

The steps: `tomllib` for syntax; pydantic (strict, unknown keys forbidden) for shape and
types; `crossref` for ids, recipe order and dates. Every problem is mapped back to a line
and column with `TomlLocator`, and misspelt keys and ids get a "did you mean" hint.

When the schema check fails, the cross-reference checks still run on what is left once the
faulty keys and entries are set aside, so an author sees a wrong type and a dangling id in
one go instead of fixing one layer of mistakes per run.
"""

import codecs
import copy
import datetime as dt
import math
import re
import tomllib
import types
import typing
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from rare_earth_game.scenario.crossref import check_scenario
from rare_earth_game.scenario.errors import (
    Loc,
    ScenarioError,
    ScenarioIssue,
    closest,
    key_path,
    suggestion,
)
from rare_earth_game.scenario.locator import TomlLocator
from rare_earth_game.scenario.model import SCHEMA_VERSION, Scenario
from rare_earth_game.scenario.periods import PERIOD_HELP
from rare_earth_game.scenario.toml_input import BOM, NestingError, parse_toml
from rare_earth_game.scenario.types import Id

Finding = tuple[Loc, str]

_SYNTAX_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def load_scenario_file(path: Path, shown_as: str | None = None) -> Scenario:
    """Read and check one scenario file; `shown_as` is the path printed in messages."""
    shown = shown_as or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        issue = ScenarioIssue(shown, 1, 1, "(file)", f"cannot read file: {error.strerror}")
        raise ScenarioError([issue]) from None
    # Some Windows editors start UTF-8 files with a byte-order mark; it carries no content.
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError([_encoding_issue(raw, error.start, shown)]) from None
    return parse_scenario(text, shown)


def _encoding_issue(raw: bytes, start: int, shown_as: str) -> ScenarioIssue:
    """Point at the first byte that is not UTF-8, counting columns in characters."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8")) + 1
    message = (
        f"the file is not UTF-8 text (byte 0x{raw[start]:02X} here); save it with UTF-8 encoding"
    )
    return ScenarioIssue(shown_as, line, column, "(file)", message)


def parse_scenario(text: str, shown_as: str = "<scenario>") -> Scenario:
    """Check TOML text as a scenario.

    The last few scenarios checked are kept (a scenario is immutable): a teacher's
    replays, a class's sessions and a batch's runs load the same file again and again,
    and checking it costs a third of a second."""
    return _parse_scenario(text, shown_as)


@lru_cache(maxsize=8)
def _parse_scenario(text: str, shown_as: str) -> Scenario:
    text = text.removeprefix(BOM)
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError([syntax_issue(str(error), text, shown_as)]) from None
    except NestingError as error:
        issue = ScenarioIssue(shown_as, error.line, error.column, "(file)", str(error))
        raise ScenarioError([issue]) from None
    return scenario_from_data(data, text=text, shown_as=shown_as)


def scenario_from_data(
    data: dict[str, Any], *, text: str = "", shown_as: str = "<scenario>"
) -> Scenario:
    """Check already-parsed data (e.g. a TOML dict with sweep overrides applied)."""
    if not data:
        issue = ScenarioIssue(
            shown_as,
            1,
            1,
            "(file)",
            "the file is empty; a scenario needs at least the tables meta and time and "
            "entries for nations and commodities (see scenarios/baseline_2025.toml)",
        )
        raise ScenarioError([issue])
    findings = list(_booleans_for_numbers(data, Scenario, ()))
    try:
        scenario = Scenario.model_validate(_freeze(data))
    except ValidationError as error:
        details = error.errors(include_url=False)
        faults = [_describe(detail)[0] for detail in details] + [loc for loc, _ in findings]
        findings += [_describe(detail) for detail in _without_implied(details)]
        findings += _cross_check_the_rest(data, faults)
    else:
        if findings:
            findings += _cross_check_the_rest(data, [loc for loc, _ in findings])
        else:
            findings = check_scenario(scenario)
            if not findings:
                return scenario
    locator = TomlLocator(text)
    issues = []
    for loc, message in findings:
        position = locator.find(loc)
        issues.append(
            ScenarioIssue(shown_as, position.line, position.column, key_path(loc), message)
        )
    raise ScenarioError(_unique(issues))


class _Dropped:
    """Marks an array element set aside because it failed the schema."""


_DROPPED = _Dropped()


def _freeze(value: Any) -> Any:
    """TOML arrays become tuples so the validated scenario is immutable all the way down."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value if v is not _DROPPED)
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    return value


def _unique(issues: Iterable[ScenarioIssue]) -> list[ScenarioIssue]:
    return list(dict.fromkeys(issues))


# --- cross-references despite schema errors ------------------------------------------------

_MAX_REPAIR_ROUNDS = 20


def _cross_check_the_rest(data: dict[str, Any], faults: list[Loc]) -> list[Finding]:
    """Cross-reference findings for the parts of the data that pass the schema.

    `faults` are where the schema problems are, as written in the file. Faulty keys that
    have a default are removed and faulty array entries are set aside, round after round,
    until the rest validates. Only then do the cross-reference checks run; ids of
    set-aside entries count as known, and nothing is reported at a removed key, so the
    author only sees problems they really wrote. When a required section is itself
    broken (e.g. `time`), nothing sensible is left to check and none are added.
    """
    work = copy.deepcopy(data)
    set_aside_ids: set[str] = set()
    removed: list[Loc] = []
    for _ in range(_MAX_REPAIR_ROUNDS):
        # Locs index the arrays as validated; translate them all before changing anything.
        locs = [_in_work(work, loc) for loc in faults]
        for loc in locs:
            taken = _set_aside(work, loc, set_aside_ids)
            if taken is None:
                return []
            removed.append(taken)
        try:
            scenario = Scenario.model_validate(_freeze(work))
        except ValidationError as again:
            faults = [_describe(detail)[0] for detail in again.errors(include_url=False)]
            continue
        findings = []
        references = _LOST_ID not in set_aside_ids
        for loc, message in check_scenario(scenario, set_aside_ids, references=references):
            original = _in_work(work, loc)
            if not any(original[: len(r)] == r for r in removed):
                findings.append((original, message))
        return findings
    return []


_LOST_ID = "\0 an id that failed the schema"
_ID = TypeAdapter(Id)


def _is_id(value: object) -> bool:
    """Whether `value` is a well-formed id, i.e. one that references can be checked against."""
    try:
        _ID.validate_python(value, strict=True)
    except ValidationError:
        return False
    return True


def _ids_within(node: Any) -> Iterator[str]:
    """Ids an entry defines, its own and those of facilities its effects add."""
    if isinstance(node, dict):
        if "id" in node:
            yield node["id"] if _is_id(node["id"]) else _LOST_ID
        for value in node.values():
            yield from _ids_within(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids_within(value)


def _has_id(annotation: Any) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and "id" in annotation.model_fields
    )


def _in_work(work: Any, loc: Loc) -> Loc:
    """Translate array indexes as validated (set-aside entries skipped) to indexes in `work`."""
    node, out = work, list[str | int]()
    for part in loc:
        if isinstance(node, list) and isinstance(part, int):
            kept = [i for i, item in enumerate(node) if item is not _DROPPED]
            index = kept[part] if part < len(kept) else part
            out.append(index)
            node = node[index] if index < len(node) else None
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return tuple(out)


def _set_aside(work: Any, loc: Loc, ids: set[str]) -> Loc | None:
    """Remove the smallest thing around `loc` the scenario can do without; return its loc.

    A key goes if the schema has a default for it; otherwise the array entry holding it is
    set aside (and its id remembered). None means only a required section could go, or the
    calendar: every date check depends on it, so a guessed default would mislead them all.
    """
    if loc[:1] == ("time",):
        return None
    for end in range(len(loc), 0, -1):
        parent_loc, part = loc[: end - 1], loc[end - 1]
        parent = _get(work, parent_loc)
        if isinstance(parent, list) and isinstance(part, int) and part < len(parent):
            item = parent[part]
            ids.update(_ids_within(item))
            entry_type = _type_in_data(work, loc[:end])
            if isinstance(item, dict) and "id" not in item and _has_id(entry_type):
                ids.add(_LOST_ID)
            parent[part] = _DROPPED
            return loc[:end]
        if isinstance(parent, dict) and part in parent and _optional(work, parent_loc, part):
            ids.update(_ids_within(parent.pop(part)))  # e.g. entries under a misspelt [[x]]
            return loc[:end]
    return None


def _get(work: Any, loc: Loc) -> Any:
    node = work
    for part in loc:
        in_table = isinstance(node, dict) and part in node
        in_array = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if not (in_table or in_array):
            return None
        node = node[part]
    return node


def _optional(work: Any, table_loc: Loc, key: str | int) -> bool:
    """Whether `key` may be left out of the table at `table_loc` (unknown keys may).

    Entries of free-form tables such as a recipe's `inputs` never are: a recipe missing
    one input would be checked as if the author had written it that way.
    """
    table_type = _type_in_data(work, table_loc)
    if isinstance(table_type, type) and issubclass(table_type, BaseModel):
        field = table_type.model_fields.get(str(key))
        return field is None or not field.is_required()
    return False


def _type_in_data(work: Any, loc: Loc) -> Any:
    """The schema type at `loc`, choosing effect models by the `type` written in the data."""
    current: Any = Scenario
    node = work
    for part in loc:
        current = _pick_member(_unwrap(current), node)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        elif typing.get_origin(current) is tuple:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
        node = _get(node, (part,))
    return _pick_member(_unwrap(current), node)


def _pick_member(annotation: Any, node: Any) -> Any:
    members = _tagged_members(annotation)
    if members is None:
        return annotation
    tag = node.get("type") if isinstance(node, dict) else None
    return members.get(tag) if isinstance(tag, str) else None


# --- syntax errors in the author's words ---------------------------------------------------

_SYNTAX_MESSAGES = {
    "Invalid value": 'this is not a valid value; put text in double quotes ("..."), '
    "write numbers like 1.5 and booleans as true or false",
    "Invalid statement": "expected a `key = value` line or a table header in brackets",
    "Expected '=' after a key in a key/value pair": "expected '=' after the key",
    "Expected newline or end of document after a statement": "unexpected text after the "
    "value; only a comment (# ...) may follow a value on its line",
    "Invalid initial character for a key part": "a key is written with letters, digits, "
    "'_' or '-' (or in quotes)",
    "Expected ']' at the end of a table declaration": "expected ']' to end the table header",
    "Expected ']]' at the end of an array declaration": "expected ']]' to end the header",
    "Unescaped '\\' in a string": 'a backslash inside "..." must be doubled (\\\\), '
    "or use '...' quotes",
    "Invalid date or datetime": "this is not a valid date",
}

# One TOML token at a time, enough to know which string, array or inline table is open.
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '''(?:[^']|'(?!''))*'''
        | "(?!"")(?:[^"\\\n]|\\.)*"
        | '(?!'')[^'\n]*')
    | (?P<open_string>\"\"\"|'''|"|')
    | (?P<bracket>[\[\]{}])""",
    re.VERBOSE | re.DOTALL,
)
# A `key =` line or a [header] line (not `[1, 2],`, an item of an array of arrays).
_STATEMENT_START = re.compile(
    r"[ \t]*(?:\[\[?[ \t]*[A-Za-z_\-\"'][^\]\n]*\]\]?[ \t]*(?:#|$)|[A-Za-z0-9_\-\"'][^=\n]*=)",
    re.MULTILINE,
)
_KEY_AT = re.compile(
    r"""[ \t]*((?:[A-Za-z0-9_\-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*"""
    r"""(?:[A-Za-z0-9_\-]+|"[^"\n]*"|'[^'\n]*'))*)"""
)


def syntax_issue(message: str, text: str, shown_as: str) -> ScenarioIssue:
    match = _SYNTAX_POSITION.search(message)
    reason = message[: match.start()] if match else message
    if match and match.group(1):
        offset = _offset(text, int(match.group(1)), int(match.group(2)))
    else:  # "at end of document": point at the end of the last line
        offset = len(text.rstrip("\n"))
    offset, explanation = _explain_syntax(reason, text, offset)
    line, column = _line_column(text, offset)
    return ScenarioIssue(shown_as, line, column, "(syntax)", f"TOML syntax error: {explanation}")


def _explain_syntax(reason: str, text: str, offset: int) -> tuple[int, str]:
    """tomllib's reason → (where the author should look, what to do about it)."""
    line_start = text.rfind("\n", 0, offset) + 1
    if _ends_a_string_early(reason):
        opener = _open_at(text, offset)
        if opener is not None and opener[0] in ('"', "'", '"""', "'''"):
            quote, where = opener
            end = "before the end of the line" if len(quote) == 1 else "at its end"
            return where, f"this string is not closed; add the closing {quote} {end}"
    opener = _open_at(text, offset)
    if opener is not None and opener[0] in "[{" and _left_open(text, opener[1], offset):
        what, closer = ("array", "]") if opener[0] == "[" else ("inline table", "}")
        note = "" if closer == "]" else " (an inline table must end on the line it starts)"
        return opener[1], f"this {what} is not closed; add '{closer}'{note}"
    if reason in ("Unclosed array", "Unclosed inline table"):
        closer = "]" if reason == "Unclosed array" else "}"
        return offset, f"expected ',' between items or '{closer}' to close"
    if reason == "Cannot overwrite a value" or reason.startswith("Cannot declare"):
        statement = (
            line_start + len(text[line_start:offset]) - len(text[line_start:offset].lstrip())
        )
        if text.startswith("[", statement):
            header = text[statement : text.find("]", statement) + 1].strip("[] ")
            if text.startswith("[[", statement):
                return statement, (
                    f"the list '{header}' clashes with an earlier table or key of that name"
                )
            return statement, (
                f"table '{header}' is declared twice or clashes with a key of that name; "
                "for a list of entries, put double brackets around the name in each header"
            )
        key = _KEY_AT.match(text, statement)
        name = key.group(1) if key else "this key"
        return statement, f"'{name}' is set twice in this table; keep only one"
    if reason.startswith(("Illegal character", "Found invalid character")):
        character = reason.rsplit(" ", 1)[-1]
        return offset, f"the character {character} is not allowed inside a string"
    if reason.startswith("Duplicate inline table key"):
        return offset, reason.replace("Duplicate inline table key", "key") + " is set twice"
    return offset, _SYNTAX_MESSAGES.get(reason, reason)


def _ends_a_string_early(reason: str) -> bool:
    """tomllib's ways of saying a string met the end of its line or of the file."""
    closing_quotes = {f"Expected {quote!r}" for quote in ("'", "'''", '"""')}
    return reason in ("Unterminated string", *closing_quotes) or reason.endswith(("'\\n'", "'\\r'"))


def _left_open(text: str, opener: int, offset: int) -> bool:
    """Whether tomllib failed because a bracket was never closed, not on a bad item inside.

    Either the line ends right after the last item, or tomllib ran on into the next
    statement (a `key =` line or a [header]) as if it were still inside the brackets.
    """
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    rest = text[offset : len(text) if line_end < 0 else line_end].strip()
    if not rest or rest.startswith("#"):
        return True
    return line_start > opener and bool(_STATEMENT_START.match(text, line_start))


def _open_at(text: str, end: int) -> tuple[str, int] | None:
    """The innermost string, array or inline table still open at `end`: (opener, offset).

    tomllib accepted everything before `end`, so simple tokens are enough to follow it.
    """
    stack: list[tuple[str, int]] = []
    pos = 0
    while pos < end:
        token = _TOKEN.search(text, pos, end + 1)
        if token is None or token.start() >= end:
            break
        kind, start = token.lastgroup, token.start()
        if kind == "open_string" or (kind == "string" and token.end() > end):
            return token.group(), start
        if kind == "bracket":
            if token.group() in "[{":
                stack.append((token.group(), start))
            elif stack:
                stack.pop()
        pos = token.end()
    return stack[-1] if stack else None


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return min(start + column - 1, len(text))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# --- pydantic errors in the author's words ------------------------------------------------

_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text in quotes",
    "bool_type": "true or false",
    "dict_type": "a table",
    "tuple_type": "an array",
    "model_type": "a table",
    "model_attributes_type": "a table",
}

_BOUNDS = {
    "greater_than_equal": ("ge", "must be {} or more"),
    "greater_than": ("gt", "must be more than {}"),
    "less_than_equal": ("le", "must be {} or less"),
    "less_than": ("lt", "must be less than {}"),
}


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "date"
    names = {int: "integer", float: "number", str: "string", dict: "table", tuple: "array"}
    return names.get(type(value), "array" if isinstance(value, list) else type(value).__name__)


def _describe(detail: Any) -> Finding:
    """One pydantic error → (loc as written in TOML, message in the author's words)."""
    kind, raw_loc, value = detail["type"], tuple(detail["loc"]), detail.get("input")
    loc, found = _resolve(raw_loc)
    context = detail.get("ctx", {})
    if kind == "missing":
        return _missing(loc, value)
    if kind == "extra_forbidden":
        allowed = _fields_at(raw_loc[:-1])
        name = str(loc[-1])
        hint = suggestion(name, allowed) or (
            f"; allowed keys: {', '.join(sorted(allowed))}" if 0 < len(allowed) <= 12 else ""
        )
        return loc, f"unknown key '{name}'{hint}"
    if kind in _TYPE_NAMES:
        return loc, _wrong_type(kind, loc, found, value)
    if kind == "literal_error":
        return loc, _not_allowed(loc, value, str(context.get("expected", "")))
    if kind == "union_tag_invalid":
        tags = re.findall(r"'([^']*)'", context.get("expected_tags", ""))
        tag = value.get("type") if isinstance(value, dict) else context.get("tag")
        loc = (*loc, "type")
        if not isinstance(tag, str):
            return loc, (
                f'expected the name of an effect in quotes, e.g. "set_tariff", got {_show(tag)}'
            )
        return loc, f"unknown effect type '{tag}'" + suggestion(tag, tags)
    if kind == "union_tag_not_found":
        return loc, "needs a 'type' key naming the effect, e.g. type = \"set_tariff\""
    if kind == "string_pattern_mismatch":
        return loc, _pattern_message(loc, value)
    if kind in _BOUNDS:
        if isinstance(value, float) and math.isnan(value):
            return loc, "nan (not a number) is not allowed here; give a number"
        bound, text = _BOUNDS[kind]
        return loc, f"{text.format(_number(context.get(bound)))}, got {_show(value)}"
    if kind == "value_error":
        return loc, str(detail["msg"]).removeprefix("Value error, ")
    if kind in ("too_short", "too_long"):
        return loc, _length_message(kind, value, context)
    if kind == "string_too_short":
        return loc, "must not be empty"
    if kind == "string_too_long":
        return loc, (
            f"must be at most {context.get('max_length')} characters, got {len(str(value))}"
        )
    return loc, f"{detail['msg']} (got {_show(value)})"


def _booleans_for_numbers(node: Any, annotation: Any, loc: Loc) -> Iterator[Finding]:
    """`true` where one of a few numbers is expected, e.g. `months_per_turn = true`.

    pydantic lets it through `Literal[1, 3, ...]` even in strict mode (True == 1 in
    Python) and hands back 1, so it can only be caught in the data as written.
    """
    annotation = _pick_member(_unwrap(annotation), node)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if (
        isinstance(node, dict)
        and isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
    ):
        for key, value in node.items():
            if (field := annotation.model_fields.get(key)) is not None:
                yield from _booleans_for_numbers(value, field.annotation, (*loc, key))
    elif isinstance(node, dict) and origin is dict:
        for key, value in node.items():
            yield from _booleans_for_numbers(value, args[1], (*loc, key))
    elif isinstance(node, list) and origin is tuple:
        for i, item in enumerate(node):
            if args[-1] is Ellipsis or i < len(args):
                element = args[0] if args[-1] is Ellipsis else args[i]
                yield from _booleans_for_numbers(item, element, (*loc, i))
    elif (
        isinstance(node, bool)
        and origin is typing.Literal
        and not any(isinstance(allowed, bool) for allowed in args)
    ):
        expected = ", ".join(str(allowed) for allowed in args)
        yield loc, _not_allowed(loc, node, expected)


def _without_implied(details: list[Any]) -> list[Any]:
    """Drop "missing key" errors that a misspelt key in the same table already explains.

    `capacty = 5` gives "unknown key 'capacty'; did you mean 'capacity'?"; also saying
    that `capacity` is missing would only make the author look for a second mistake.
    """
    meant = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(detail["loc"])
            match = closest(str(loc[-1]), _fields_at(loc[:-1]))
            if match is not None:
                meant.add((*loc[:-1], match))
    return [d for d in details if not (d["type"] == "missing" and tuple(d["loc"]) in meant)]


def _missing(loc: Loc, value: Any) -> Finding:
    """A required key, table or array item that is not in the file."""
    if isinstance(loc[-1], int):  # a fixed-length array such as location = [lat, lon]
        array = loc[:-1]
        wanted = len(typing.get_args(_resolve(array)[1])) or loc[-1] + 1
        got = len(value) if isinstance(value, tuple | list) else loc[-1]
        return array, f"expected {wanted} values in this array, got {got}"
    found = _resolve(loc)[1]
    name = str(loc[-1])
    path = key_path(loc)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return loc, f"missing required table '{name}'"
    if typing.get_origin(found) is tuple:
        element = _unwrap(typing.get_args(found)[0])
        if isinstance(element, type) and issubclass(element, BaseModel) and len(loc) == 1:
            return loc, f"missing '{path}': at least one entry is needed"
    return loc, f"missing required key '{name}'"


def _wrong_type(kind: str, loc: Loc, found: Any, value: Any) -> str:
    """A value of the wrong TOML type, with the fix for the usual slips."""
    path = key_path(loc)
    table_entries = isinstance(value, tuple | list) and value and isinstance(value[0], dict)
    if kind in ("dict_type", "model_type", "model_attributes_type") and table_entries:
        return f"'{path}' is a single table: put single brackets around its name, not double"
    if kind == "tuple_type" and isinstance(value, dict):
        element = _unwrap(typing.get_args(found)[0]) if typing.get_origin(found) is tuple else None
        if isinstance(element, type) and issubclass(element, BaseModel):
            return (
                f"'{path}' is a list of entries: put double brackets around the name in the "
                "header of each entry"
            )
        return f"expected an array like [...], got {_show(value)} ({_toml_type(value)})"
    message = f"expected {_TYPE_NAMES[kind]}, got {_show(value)} ({_toml_type(value)})"
    if kind == "string_type" and isinstance(value, dt.date | dt.datetime):
        return message + '; write dates in quotes, like "2025-Q2" or "2025-04"'
    if kind == "int_type" and isinstance(value, float) and value.is_integer():
        return message + f"; write {int(value)}"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "string_type" and number and math.isfinite(value):
        return message + f'; write "{value}" if it is meant as text'
    return message


def _not_allowed(loc: Loc, value: Any, expected_text: str) -> str:
    """A value outside a fixed list (a Literal), including the file format version."""
    if loc == ("schema_version",):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return f"expected {SCHEMA_VERSION}, got {_show(value)} ({_toml_type(value)})"
        return (
            f"this file is format version {value}, but this program reads version "
            f"{SCHEMA_VERSION}; update rare-earth-game or write schema_version = {SCHEMA_VERSION}"
        )
    expected = [part.strip("'") for part in re.split(r", | or ", expected_text) if part]
    if isinstance(value, str):
        return f"got {_show(value)}, expected one of: {', '.join(expected)}" + suggestion(
            value, expected
        )
    return f"got {_show(value)} ({_toml_type(value)}), expected one of: {', '.join(expected)}"


def _length_message(kind: str, value: Any, context: dict[str, Any]) -> str:
    what = "entry" if isinstance(value, dict) else "item"
    actual = context.get("actual_length", len(value) if hasattr(value, "__len__") else "?")
    if kind == "too_short":
        wanted = context.get("min_length")
        return f"needs at least {wanted} {what}{'s' if wanted != 1 else ''}, got {actual}"
    wanted = context.get("max_length")
    return f"allows at most {wanted} {what}{'s' if wanted != 1 else ''}, got {actual}"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _show(value: Any) -> str:
    """A value as it would be written in TOML, shortened."""
    text = _as_toml(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _as_toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_as_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_as_toml(v) for v in value) + "]"
    return repr(value)


def _pattern_message(loc: Loc, value: Any) -> str:
    if loc[-1:] in (("period",), ("relative_to",)):
        return f"got {_show(value)}, expected {PERIOD_HELP}"
    if "date" in loc or "start" in loc or "until" in loc or "opened" in loc:
        return f'got {_show(value)}, expected a quarter like "2025-Q2" or a month like "2025-04"'
    return (
        f"got {_show(value)}, expected an id: a letter, then letters, digits, '_' or '-' "
        "(no spaces)"
    )


# --- walking the schema along a loc ----------------------------------------------------------


def _resolve(loc: Loc) -> tuple[Loc, Any]:
    """The loc as written in TOML (union tags and `[key]` dropped) and the type at its end."""
    current: Any = Scenario
    toml_loc: list[str | int] = []
    for part in loc:
        current = _unwrap(current)
        members = _tagged_members(current)
        if members is not None and isinstance(part, str) and part in members:
            current = members[part]
            continue
        if part == "[key]":  # pydantic's marker for an error in a key rather than a value
            continue
        toml_loc.append(part)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        elif typing.get_origin(current) is tuple:
            args = typing.get_args(current)
            variadic = args[-1] is Ellipsis
            fixed_item = not variadic and isinstance(part, int) and part < len(args)
            current = args[int(part)] if fixed_item else args[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            current = None
    return tuple(toml_loc), _unwrap(current)


def _fields_at(loc: Loc) -> list[str]:
    found = _resolve(loc)[1]
    if isinstance(found, type) and issubclass(found, BaseModel):
        return list(found.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `| None` so what remains is the meaningful type."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _tagged_members(annotation: Any) -> dict[str, type[BaseModel]] | None:
    """For a union of models told apart by a `type` literal: tag → model."""
    if not (
        isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
    ):
        return None
    members: dict[str, type[BaseModel]] = {}
    for member in typing.get_args(annotation):
        if (
            isinstance(member, type)
            and issubclass(member, BaseModel)
            and "type" in member.model_fields
        ):
            (tag,) = typing.get_args(member.model_fields["type"].annotation)
            members[tag] = member
    return members or None
