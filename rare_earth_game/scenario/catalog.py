"""Built-in scenarios, addressable by name (`baseline_2025`) as well as by path."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rare_earth_game.errors import UserError
from rare_earth_game.scenario.errors import ScenarioIssue, key_path, suggestion
from rare_earth_game.scenario.lint import scenario_warnings
from rare_earth_game.scenario.loading import load_scenario_file
from rare_earth_game.scenario.locator import TomlLocator
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.toml_input import BOM, NestingError, parse_toml

DEFAULT_SCENARIO = "baseline_2025"


class ScenarioNotFoundError(UserError, LookupError):
    """Neither a built-in scenario name nor a readable file."""


def scenarios_dir() -> Path:
    """Where the built-in scenarios live: the source tree, or the copy inside a wheel."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "scenarios", package / "_scenarios"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the built-in scenarios folder is missing from this installation")


@dataclass(frozen=True)
class ScenarioEntry:
    """A built-in scenario's name, file and one-line description."""

    name: str
    path: Path
    title: str
    description: str


def builtin_scenarios() -> list[ScenarioEntry]:
    """Every built-in scenario, sorted by name, without running the full checks.

    A file that cannot be read is still listed (its problems show when it is loaded), so
    one broken scenario never stops work on another.
    """
    entries = []
    for path in sorted(scenarios_dir().glob("*.toml")):
        try:
            meta = parse_toml(path.read_text(encoding="utf-8")).get("meta", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, NestingError):
            meta = {"description": "(cannot be read; run `rare-earth-game validate` on it)"}
        if not isinstance(meta, dict):
            meta = {}
        entries.append(
            ScenarioEntry(
                path.stem,
                path,
                str(meta.get("name", path.stem)),
                str(meta.get("description", "")),
            )
        )
    return entries


def resolve_scenario(name_or_path: str) -> Path:
    """A path for a built-in name or an existing file; raises with a suggestion otherwise."""
    as_path = Path(name_or_path)
    if as_path.suffix == ".toml" or as_path.parent != Path():
        if as_path.is_file():
            return as_path
        raise ScenarioNotFoundError(f"no scenario file at {name_or_path}")
    # a name is a file's stem: no need to read every built-in file (as listing them does)
    names = {path.stem: path for path in sorted(scenarios_dir().glob("*.toml"))}
    if name_or_path in names:
        return names[name_or_path]
    if as_path.is_file():
        return as_path
    hint = suggestion(name_or_path, names)
    raise ScenarioNotFoundError(
        f"unknown scenario '{name_or_path}'{hint} (built-in: {', '.join(sorted(names))})"
    )


def load_scenario(name_or_path: str | Path = DEFAULT_SCENARIO) -> Scenario:
    """Load a built-in scenario by name, or a scenario file by path."""
    path = resolve_scenario(str(name_or_path))
    return load_scenario_file(path, shown_as=_shown(path))


def lint_scenario(name_or_path: str | Path) -> list[ScenarioIssue]:
    """Load a scenario (raising `ScenarioError` for its problems) and return its warnings,
    located like problems: FILE:LINE:COL: key: warning: message."""
    path = resolve_scenario(str(name_or_path))
    shown = _shown(path)
    scenario = load_scenario_file(path, shown_as=shown)
    text = path.read_bytes().decode("utf-8")
    issues = []
    if text.startswith(BOM):
        issues.append(
            ScenarioIssue(
                shown,
                1,
                1,
                "(file)",
                "warning: the file starts with a byte-order mark, which plain tomllib and "
                "some editors' TOML checkers refuse; save it as UTF-8 without BOM",
            )
        )
    locator = TomlLocator(text.removeprefix(BOM))
    for loc, message in scenario_warnings(scenario):
        position = locator.find(loc)
        issues.append(
            ScenarioIssue(
                shown, position.line, position.column, key_path(loc), f"warning: {message}"
            )
        )
    return issues


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
