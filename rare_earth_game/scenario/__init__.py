"""Scenario files: the TOML format, its validation and the built-in scenarios."""

from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.catalog import (
    DEFAULT_SCENARIO,
    ScenarioNotFoundError,
    builtin_scenarios,
    load_scenario,
    resolve_scenario,
)
from rare_earth_game.scenario.errors import ScenarioError, ScenarioIssue
from rare_earth_game.scenario.loading import load_scenario_file, parse_scenario, scenario_from_data
from rare_earth_game.scenario.model import Scenario

__all__ = [
    "DEFAULT_SCENARIO",
    "Calendar",
    "Scenario",
    "ScenarioError",
    "ScenarioIssue",
    "ScenarioNotFoundError",
    "builtin_scenarios",
    "load_scenario",
    "load_scenario_file",
    "parse_scenario",
    "resolve_scenario",
    "scenario_from_data",
]
