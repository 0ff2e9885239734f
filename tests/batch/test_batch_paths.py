"""Key paths name one value in a scenario by ids, and a wrong one says what was meant."""

import pytest

from rare_earth_game.batch.paths import KeyPathError, get, resolve
from rare_earth_game.batch.variants import scenario_data
from rare_earth_game.scenario import load_scenario


@pytest.fixture(scope="module")
def baseline() -> dict:
    return scenario_data(load_scenario("baseline_2025"))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("settings.inventory_adjust_turns", ("settings", "inventory_adjust_turns")),
        ("settings.build_years.mine", ("settings", "build_years", "mine")),
        ("game.budget_per_year", ("game", "budget_per_year")),
    ],
)
def test_table_keys_resolve_to_themselves(baseline: dict, path: str, expected: tuple) -> None:
    assert resolve(baseline, path) == expected


def test_entries_are_picked_by_id_not_position(baseline: dict) -> None:
    loc = resolve(baseline, "buyers.usa_ev_magnets.growth")
    index = loc[1]
    assert baseline["buyers"][index]["id"] == "usa_ev_magnets"
    assert get(baseline, loc) == baseline["buyers"][index]["growth"]


def test_policies_can_be_named_with_or_without_their_prefix(baseline: dict) -> None:
    short = resolve(baseline, "tariffs.us_ieepa_china.rate")
    long = resolve(baseline, "policies.tariffs.us_ieepa_china.rate")
    assert short == long
    assert short[:2] == ("policies", "tariffs")
    assert resolve(baseline, "export_controls.china_graphite_us_review.approval_share")


def test_entries_without_ids_are_picked_by_their_key_fields(baseline: dict) -> None:
    ai = resolve(baseline, "ai.CHN.aggressiveness")
    assert baseline["ai"][ai[1]]["nation"] == "CHN"
    forward = resolve(baseline, "relations.USA:CHN.tension")
    assert forward == resolve(baseline, "relations.CHN:USA.tension")
    relation = baseline["relations"][forward[1]]
    assert {relation["a"], relation["b"]} == {"USA", "CHN"}


def test_positions_in_brackets_reach_inside_events(baseline: dict) -> None:
    loc = resolve(baseline, "events.general_licences.effects[0].approval_share")
    assert get(baseline, loc) == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("tarifs.us_ieepa_china.rate", "did you mean 'tariffs'?"),
        ("tariffs.us_iepa_china.rate", "did you mean 'us_ieepa_china'?"),
        ("tariffs.us_ieepa_china.rte", "did you mean 'rate'?"),
        ("setings.inventory_adjust_turns", "did you mean 'settings'?"),
        ("buyers.usa_ev_magnet.growth", "did you mean 'usa_ev_magnets'?"),
    ],
)
def test_a_misspelt_path_suggests_the_right_name(baseline: dict, path: str, hint: str) -> None:
    with pytest.raises(KeyPathError, match=hint.replace("?", r"\?")):
        resolve(baseline, path)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("settings", "is a table; name one of its keys"),
        ("transport.routes", "is a list; pick an entry"),
        ("settings.inventory_adjust_turns.x", "is a single value"),
        ("buyers[999].growth", "past its end"),
        ("a..b", "is not a key path"),
    ],
)
def test_a_path_that_does_not_end_at_a_value_says_why(
    baseline: dict, path: str, message: str
) -> None:
    with pytest.raises(KeyPathError, match=message):
        resolve(baseline, path)
