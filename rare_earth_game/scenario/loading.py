"""TOML text → checked `Scenario`, or a `ScenarioError` that lists every problem at once.

The steps: `tomllib` for syntax; pydantic (strict, unknown keys forbidden) for shape and
types; `crossref` for ids, recipe order and dates. Every problem is mapped back to a line
and column with `TomlLocator`, and misspelt keys and ids get a "did you mean" hint.
"""

import re
import tomllib
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rare_earth_game.scenario.crossref import check_scenario
from rare_earth_game.scenario.errors import Loc, ScenarioError, ScenarioIssue, key_path, suggestion
from rare_earth_game.scenario.locator import TomlLocator
from rare_earth_game.scenario.model import SCHEMA_VERSION, Scenario

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def load_scenario_file(path: Path, shown_as: str | None = None) -> Scenario:
    """Read and check one scenario file; `shown_as` is the path printed in messages."""
    shown = shown_as or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        issue = ScenarioIssue(shown, 1, 1, "(file)", f"cannot read file: {error.strerror}")
        raise ScenarioError([issue]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        issue = ScenarioIssue(shown, line, 1, "(file)", "file is not valid UTF-8 text")
        raise ScenarioError([issue]) from None
    return parse_scenario(text, shown)


def parse_scenario(text: str, shown_as: str = "<scenario>") -> Scenario:
    """Check TOML text as a scenario."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError([_syntax_issue(str(error), text, shown_as)]) from None
    return scenario_from_data(data, text=text, shown_as=shown_as)


def scenario_from_data(
    data: dict[str, Any], *, text: str = "", shown_as: str = "<scenario>"
) -> Scenario:
    """Check already-parsed data (e.g. a TOML dict with sweep overrides applied)."""
    locator = TomlLocator(text)
    findings: list[tuple[Loc, str]]
    try:
        scenario = Scenario.model_validate(_freeze(data))
    except ValidationError as error:
        findings = [_describe(detail) for detail in error.errors(include_url=False)]
    else:
        findings = check_scenario(scenario)
        if not findings:
            return scenario
    issues = []
    for loc, message in findings:
        toml_loc = _toml_loc(loc)
        position = locator.find(toml_loc)
        issues.append(
            ScenarioIssue(shown_as, position.line, position.column, key_path(toml_loc), message)
        )
    raise ScenarioError(_unique(issues))


def _freeze(value: Any) -> Any:
    """TOML arrays become tuples so the validated scenario is immutable all the way down."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    return value


def _unique(issues: Iterable[ScenarioIssue]) -> list[ScenarioIssue]:
    return list(dict.fromkeys(issues))


def _syntax_issue(message: str, text: str, shown_as: str) -> ScenarioIssue:
    match = _SYNTAX_POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    else:  # "at end of document"
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        column = 1
        message = re.sub(r"\s*\(at end of document\)\s*$", " at end of file", message)
    return ScenarioIssue(shown_as, line, column, "(syntax)", f"TOML syntax error: {message}")


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


def _toml_type(value: Any) -> str:
    names = {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        dict: "table",
        tuple: "array",
        list: "array",
    }
    return names.get(type(value), type(value).__name__)


def _describe(detail: Any) -> tuple[Loc, str]:
    kind, loc, value = detail["type"], tuple(detail["loc"]), detail.get("input")
    context = detail.get("ctx", {})
    if kind == "missing":
        return loc, "required key is missing"
    if kind == "extra_forbidden":
        allowed = _fields_at(loc[:-1])
        name = str(loc[-1])
        hint = suggestion(name, allowed) or (
            f"; allowed keys: {', '.join(sorted(allowed))}" if 0 < len(allowed) <= 12 else ""
        )
        return loc, f"unknown key '{name}'{hint}"
    if kind in _TYPE_NAMES:
        return loc, f"expected {_TYPE_NAMES[kind]}, got {_show(value)} ({_toml_type(value)})"
    if kind == "literal_error":
        if loc == ("schema_version",):
            return loc, (
                f"this file is format version {value}, but this program reads version "
                f"{SCHEMA_VERSION}; update rare-earth-game"
            )
        expected = re.findall(r"'([^']*)'", context.get("expected", ""))
        return loc, (
            f"got {_show(value)}, expected one of: {', '.join(expected)}"
            + suggestion(str(value), expected)
        )
    if kind == "union_tag_invalid":
        tags = re.findall(r"'([^']*)'", context.get("expected_tags", ""))
        tag = str(context.get("tag", value))
        return (*loc, "type"), f"unknown effect type '{tag}'" + suggestion(tag, tags)
    if kind == "union_tag_not_found":
        return loc, "needs a 'type' key naming the effect, e.g. type = \"set_tariff\""
    if kind == "string_pattern_mismatch":
        return loc, _pattern_message(loc, value)
    if kind == "value_error":
        return loc, str(detail["msg"]).removeprefix("Value error, ")
    if kind in ("too_short", "too_long"):
        return loc, str(detail["msg"]).replace("Tuple", "array").replace("List", "array")
    return loc, f"{detail['msg']} (got {_show(value)})"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _pattern_message(loc: Loc, value: Any) -> str:
    if "date" in loc or "start" in loc or "until" in loc or "opened" in loc:
        return f'got {_show(value)}, expected a quarter like "2025-Q2" or a month like "2025-04"'
    return (
        f"got {_show(value)}, expected an id: a letter, then letters, digits, '_' or '-' "
        "(no spaces)"
    )


# --- walking the schema along a loc ----------------------------------------------------------


def _resolve(loc: Loc) -> tuple[Loc, Any]:
    """The loc as written in TOML (union tags dropped) and the type found at its end."""
    current: Any = Scenario
    toml_loc: list[str | int] = []
    for part in loc:
        current = _unwrap(current)
        members = _tagged_members(current)
        if members is not None and isinstance(part, str) and part in members:
            current = members[part]
            continue
        toml_loc.append(part)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        elif typing.get_origin(current) is tuple:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            current = None
    return tuple(toml_loc), _unwrap(current)


def _toml_loc(loc: Loc) -> Loc:
    return _resolve(loc)[0]


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
