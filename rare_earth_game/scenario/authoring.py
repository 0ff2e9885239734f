"""`rare-earth-game new-scenario`: a scenario to edit, starting from a built-in one.

A copied built-in file keeps its `#:schema ./scenario.schema.json` line, which then points
nowhere; the copy's line points at the schema where it is installed (relative to the new
file when both sit on one drive), so editors keep completing and checking keys.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from rare_earth_game.errors import UserError, describe_os_error
from rare_earth_game.scenario.catalog import resolve_scenario, scenarios_dir
from rare_earth_game.scenario.json_schema import SCHEMA_FILE_NAME
from rare_earth_game.scenario.toml_input import BOM

_SCHEMA_LINE = re.compile(r"^#:schema .*$", re.MULTILINE)


def new_scenario_file(target: Path, source: str = "baseline_2025") -> Path:
    """Write a copy of `source` at `target` (`.toml` added); never overwrites a file."""
    if target.suffix != ".toml":
        target = target.with_name(target.name + ".toml")
    if target.exists():
        raise UserError(f"{target} already exists; choose another name or remove it first")
    text = resolve_scenario(source).read_text(encoding="utf-8").removeprefix(BOM)
    line = f"#:schema {schema_reference(target)}"
    text = _SCHEMA_LINE.sub(line, text, count=1) if _SCHEMA_LINE.search(text) else f"{line}\n{text}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise describe_os_error(error, target, "write") from None
    return target


def schema_reference(scenario_file: Path) -> str:
    """The installed schema as the new file should name it: relative if possible."""
    schema = (scenarios_dir() / SCHEMA_FILE_NAME).resolve()
    try:
        relative = os.path.relpath(schema, scenario_file.resolve().parent)
    except ValueError:  # another drive on Windows
        return schema.as_uri()
    return Path(relative).as_posix()
