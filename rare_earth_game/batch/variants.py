"""Scenario variants: the loaded scenario with an experiment point's values put in.

A variant is rebuilt from the scenario's plain data and checked by the scenario loader
itself, so a value the scenario cannot take (a negative capacity, a rate of 20) fails
with the same message an author would see in the scenario file.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from rare_earth_game.batch.paths import set_value
from rare_earth_game.scenario import Scenario, scenario_from_data
from rare_earth_game.scenario.errors import Loc

Change = tuple[Loc, Any]


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """A scenario as the plain data a TOML file parses to."""
    return scenario.model_dump(mode="json")


def build_variant(base: dict[str, Any], changes: Iterable[Change]) -> Scenario:
    """The scenario with each change applied; raises `ScenarioError` if it is invalid."""
    data = copy.deepcopy(base)
    for loc, value in changes:
        set_value(data, loc, value)
    return scenario_from_data(data, shown_as="<variant>")
