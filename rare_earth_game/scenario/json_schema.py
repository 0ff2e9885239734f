"""Export the scenario format as JSON Schema, so TOML editors can complete and check keys."""

import json
from pathlib import Path

from rare_earth_game.scenario.model import Scenario

SCHEMA_FILE_NAME = "scenario.schema.json"


def scenario_json_schema() -> str:
    """The schema text, stable byte for byte so a test can compare it with the committed copy."""
    schema = Scenario.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rare-earth-game.invalid/scenario.schema.json",
        "title": "Rare Earth Game scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_scenario_json_schema(folder: Path) -> Path:
    path = folder / SCHEMA_FILE_NAME
    path.write_text(scenario_json_schema(), encoding="utf-8")
    return path
