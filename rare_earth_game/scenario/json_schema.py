"""Export the scenario format as JSON Schema, so TOML editors can complete and check keys.

Effects are a union told apart by their `type`. Pydantic writes that as `oneOf` plus an
OpenAPI `discriminator`, which generic validators (jsonschema, taplo, Tombi) do not read:
for one misspelt key they report "not valid under any of the given schemas" on the whole
effect. Here each union becomes `if type is X then the schema of X`, so they point at the
misspelt key itself.
"""

import json
from pathlib import Path
from typing import Any

from rare_earth_game.scenario.model import Scenario

SCHEMA_FILE_NAME = "scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The schema as data."""
    schema = _tagged_unions_as_if_then(Scenario.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rare-earth-game.invalid/scenario.schema.json",
        "title": "Rare Earth Game scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def scenario_json_schema() -> str:
    """The schema text, stable byte for byte so a test can compare it with the committed copy."""
    return json.dumps(scenario_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_scenario_json_schema(folder: Path) -> Path:
    path = folder / SCHEMA_FILE_NAME
    path.write_text(scenario_json_schema(), encoding="utf-8")
    return path


def _tagged_unions_as_if_then(node: Any) -> Any:
    """Replace every `oneOf` + `discriminator` with one `if`/`then` per tag."""
    if isinstance(node, list):
        return [_tagged_unions_as_if_then(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tagged_unions_as_if_then(value) for key, value in node.items()}
    discriminator = node.get("discriminator")
    if not isinstance(discriminator, dict) or "oneOf" not in node:
        return node
    tag = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    return {
        "type": "object",
        "required": [tag],
        "properties": {tag: {"enum": sorted(mapping), "description": "Which kind of effect."}},
        "allOf": [
            {
                "if": {"properties": {tag: {"const": value}}, "required": [tag]},
                "then": {"$ref": reference},
            }
            for value, reference in sorted(mapping.items())
        ],
    }
