"""The scenario format reference (docs/scenario-format.md), written from the schema.

Every key of every table, with its type, default, limits and description, in the order
the models declare them, so the reference cannot drift from what the loader accepts: a
test checks that the committed files are what `rare-earth-game schema` writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rare_earth_game.scenario.catalog import scenarios_dir
from rare_earth_game.scenario.json_schema import (
    SCHEMA_FILE_NAME,
    scenario_json_schema,
    scenario_schema,
)

REFERENCE_NAME = "scenario-format.md"

_INTRO = """\
# Scenario format reference

Written by `rare-earth-game schema` (or `make schema`) from the scenario models; do not
edit by hand. The how-tos are in `docs/authoring.md`.

Units, unless a key says otherwise: quantities in tonnes (`t`, or the commodity's `unit`),
prices and costs in USD/kg, money in USD millions (USD M), rates per year, shares as
fractions from 0 to 1, dates as `"2025-Q1"` or `"2025-01"`. Ids are short names of
letters, digits and `_` that other entries refer to. Unknown keys are errors.

A key marked **required** has no default. *Limits* are checked when the file loads; a
value outside them is reported at its line. `validate` also warns (without refusing the
file) about figures far outside the scenario's own scale, facilities that cannot finance
their construction, cards and projects that cannot open before the horizon, and a fifth
key commodity (`meta.key_commodities` shows at most four).
"""


def generated_files() -> list[tuple[Path, str]]:
    """(path, text) of every file generated from the models: the schema, and the format
    reference when the documentation folder is there (a source checkout)."""
    scenarios = scenarios_dir()
    files = [(scenarios / SCHEMA_FILE_NAME, scenario_json_schema())]
    docs = scenarios.parent / "docs"
    if docs.is_dir():
        files.append((docs / REFERENCE_NAME, format_reference()))
    return files


def format_reference() -> str:
    """The whole reference as Markdown."""
    schema = scenario_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    lines = [_INTRO]
    lines += _table("The file", "(top level)", schema, definitions)
    seen: set[str] = set()
    for name in _reachable(schema, definitions):
        if name in seen:
            continue
        seen.add(name)
        definition = definitions[name]
        if "properties" not in definition:
            continue
        lines += _table(name, _where(name, schema, definitions), definition, definitions)
    return "\n".join(lines).rstrip() + "\n"


def _reachable(schema: dict[str, Any], definitions: dict[str, Any]) -> Iterator[str]:
    """Definitions in the order they are first referred to, depth first from the top."""
    order: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str):
                name = reference.rsplit("/", 1)[-1]
                if name not in order:
                    order.append(name)
                    visit(definitions.get(name, {}))
            for key, value in node.items():
                if key != "$defs":
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    return iter(order)


def _where(name: str, schema: dict[str, Any], definitions: dict[str, Any]) -> str:
    """Where a definition is used: `[[miners]]`, `[settings]`, or an effect's type."""
    for key, spec in schema.get("properties", {}).items():
        if _refers(spec, name):
            return f"[[{key}]]" if spec.get("type") == "array" else f"[{key}]"
    if f"/{name}'" in str(_effect_branches(schema)):
        return "an effect (`type` picks it)"
    for parent, definition in definitions.items():
        for key, spec in definition.get("properties", {}).items():
            if _refers(spec, name):
                return f"`{key}` of {parent}"
    return ""


def _effect_branches(node: Any) -> list[Any]:
    """Every `then` of the effects' if/then branches."""
    if isinstance(node, dict):
        found = [node["then"]] if "then" in node else []
        return found + [b for v in node.values() for b in _effect_branches(v)]
    if isinstance(node, list):
        return [b for v in node for b in _effect_branches(v)]
    return []


def _refers(spec: Any, name: str) -> bool:
    text = str(spec)
    return f"/{name}'" in text


def _table(
    title: str, where: str, definition: dict[str, Any], definitions: dict[str, Any]
) -> list[str]:
    heading = f"## {title}" + (f" — {where}" if where and where != "(top level)" else "")
    lines = [heading, ""]
    description = definition.get("description")
    if description:
        lines += [" ".join(description.split()), ""]
    required = set(definition.get("required", []))
    lines += ["| key | type | default | limits | meaning |", "|---|---|---|---|---|"]
    for key, spec in definition.get("properties", {}).items():
        default = "**required**" if key in required else _show(spec.get("default", ""))
        lines.append(
            f"| `{key}` | {_type(spec, definitions)} | {default} | {_limits(spec)} | "
            f"{_cell(spec.get('description', ''))} |"
        )
    lines.append("")
    return lines


def _type(spec: dict[str, Any], definitions: dict[str, Any]) -> str:
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "enum" in spec:
        return " or ".join(f'`"{v}"`' for v in spec["enum"])
    if "const" in spec:
        return f"`{_show(spec['const'])}`"
    if "anyOf" in spec:
        kinds = [_type(s, definitions) for s in spec["anyOf"] if s.get("type") != "null"]
        optional = any(s.get("type") == "null" for s in spec["anyOf"])
        return " or ".join(kinds) + (" (optional)" if optional else "")
    if "allOf" in spec and any("if" in s for s in spec["allOf"]):
        return "effect (see its `type`)"
    kind = spec.get("type", "")
    if kind == "array":
        items = spec.get("items") or {}
        inner = _type(items, definitions) if items else "value"
        return f"list of {inner}"
    if kind == "object":
        values = spec.get("additionalProperties")
        return f"table of {_type(values, definitions)}" if isinstance(values, dict) else "table"
    return _KINDS.get(kind, kind or "any")


_KINDS = {"number": "number", "integer": "whole number", "string": "text", "boolean": "true/false"}


def _limits(spec: dict[str, Any]) -> str:
    words = []
    for key, text in (
        ("minimum", "≥ {}"),
        ("exclusiveMinimum", "> {}"),
        ("maximum", "≤ {}"),
        ("exclusiveMaximum", "< {}"),
        ("minLength", "at least {} characters"),
        ("maxLength", "at most {} characters"),
        ("minItems", "at least {} entries"),
        ("maxItems", "at most {} entries"),
        ("pattern", "matches `{}`"),
    ):
        if key in spec:
            words.append(text.format(spec[key]))
    for option in spec.get("anyOf", []):
        limits = _limits(option)
        if limits:
            words.append(limits)
    return "; ".join(words)


def _show(value: Any) -> str:
    if value == "" or value is None:
        return "" if value == "" else "none"
    if isinstance(value, bool):
        return f"`{'true' if value else 'false'}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, list | dict) and not value:
        return "`[]`" if isinstance(value, list) else "`{}`"
    if isinstance(value, dict):
        return "each key's own default" if len(str(value)) > 60 else f"`{value}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
