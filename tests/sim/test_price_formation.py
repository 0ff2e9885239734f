"""Price formation from scarcity: the 2010-11 peak comes from supply and demand, not from a
setting. Varying any behavioural setting by +-50 % moves the history peak smoothly and by
less than in proportion (no setting alone decides it).

The settings are varied on the scenario's deterministic core: its scripted history with
no demand noise and no random events. With chance left in, a changed setting changes which
plant an outage strikes and when, so one seed's peak would measure that draw (the spread
between seeds is itself about 15 %), not the setting.
"""

import pytest
from helpers.episodes import export_price_index, scenario_with

from rare_earth_game.scenario import load_scenario
from rare_earth_game.scenario.world import Settings
from rare_earth_game.sim.model import RareEarthModel

NOT_BEHAVIOUR = {
    "default_tension",  # relations, not how agents behave
    "demand_noise",  # chance, held at none here (see above)
    "demand_noise_persistence",
}


def _behavioural_settings() -> list[str]:
    settings = load_scenario("history_2010").settings
    return [
        name
        for name in Settings.model_fields
        if name not in NOT_BEHAVIOUR
        and isinstance(getattr(settings, name), int | float)
        and not isinstance(getattr(settings, name), bool)
    ]


def _peak(**changes: float) -> float:
    scenario = scenario_with("history_2010", demand_noise=0.0, **changes)
    model = RareEarthModel(scenario.model_copy(update={"random_events": []}), seed=0).run()
    return float(export_price_index(model).max())


def _scaled(name: str, factor: float) -> float | None:
    """The setting times `factor` (rounded for whole numbers), or None if out of bounds."""
    value = getattr(load_scenario("history_2010").settings, name)
    scaled: float = max(1, round(value * factor)) if isinstance(value, int) else value * factor
    data = {**load_scenario("history_2010").settings.model_dump(), name: scaled}
    try:
        Settings.model_validate(data)
    except ValueError:
        return None
    return scaled


@pytest.fixture(scope="module")
def base_peak() -> float:
    return _peak()


@pytest.mark.parametrize("name", _behavioural_settings())
def test_half_again_or_half_a_setting_moves_the_peak_less_than_in_proportion(
    name: str, base_peak: float
) -> None:
    for factor in (0.5, 0.75, 1.25, 1.5):
        value = _scaled(name, factor)
        if value is None:  # e.g. a share cannot exceed 1
            continue
        change = _peak(**{name: value}) / base_peak - 1
        assert abs(change) < abs(factor - 1), f"{name} x{factor}: peak moves {change:+.0%}"
