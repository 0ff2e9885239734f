"""Scenario files at the edges: nesting past the limit, a byte-order mark, and the
warnings `validate` gives for figures that are valid but look wrong."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from rare_earth_game.cli import app
from rare_earth_game.scenario import ScenarioError, load_scenario
from rare_earth_game.scenario.catalog import lint_scenario, scenarios_dir
from rare_earth_game.scenario.toml_input import parse_toml

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"


def _validate(*arguments: str) -> Result:
    return CliRunner().invoke(app, ["validate", *arguments])


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_values_nested_past_the_limit_are_an_error_at_their_line(
    tmp_path: Path, opening: str
) -> None:
    closing = "]" if opening == "[" else "}"
    deep = opening * 5000 + "1" + closing * 5000
    path = _variant(tmp_path, 'name = "Tiny world"', f'name = "Tiny world"\nx = {deep}')
    result = _validate(str(path))
    assert result.exit_code == 2
    assert "variant.toml:7:" in result.output, "at the line of the deep value"
    assert "nested more than" in result.output
    assert "Traceback" not in result.output


def test_dotted_keys_past_the_limit_are_an_error(tmp_path: Path) -> None:
    path = _variant(tmp_path, "[meta]", "a" + ".a" * 3000 + " = 1\n[meta]")
    with pytest.raises(ScenarioError, match="nested more than"):
        load_scenario(path)


def test_a_byte_order_mark_is_read_alike_everywhere_and_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.read_bytes())
    assert parse_toml(path.read_text(encoding="utf-8")) == tomllib.loads(TINY.read_text("utf-8"))
    assert load_scenario(path).content_hash() == load_scenario(TINY).content_hash()
    result = _validate(str(path))
    assert result.exit_code == 0
    assert "byte-order mark" in result.output


def test_demand_far_beyond_the_world_s_is_a_warning_at_its_line(tmp_path: Path) -> None:
    path = _variant(tmp_path, "base_demand = 15000", "base_demand = 1e12")
    result = _validate(str(path))
    assert result.exit_code == 0, "a warning does not fail validate"
    assert "variant.toml:125:1: buyers[1].base_demand: warning:" in result.output
    assert "times the rest of the world's demand for magnet" in result.output
    strict = _validate("--strict", str(path))
    assert strict.exit_code == 2
    assert "error:" in strict.output


def test_a_plant_that_cannot_finance_its_construction_is_warned_about(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "capacity = 25000\nunit_cost = 3.0\n",
        'capacity = 25000\nunit_cost = 3.0\nstatus = "building"\nturns_to_complete = 4\n'
        "capex = 900\ncash = 50\ncredit_line = 100\n",
    )
    issues = [str(i) for i in lint_scenario(path)]
    assert any("refiners[1].capex: warning:" in i and "goes bankrupt" in i for i in issues)


def test_a_plant_that_opens_after_the_horizon_is_warned_about(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "capacity = 25000\nunit_cost = 3.0\n",
        'capacity = 25000\nunit_cost = 3.0\nstatus = "building"\nturns_to_complete = 40\n',
    )
    issues = [str(i) for i in lint_scenario(path)]
    assert any("turns_to_complete: warning:" in i and "never produces" in i for i in issues)


def test_a_fifth_key_commodity_is_warned_about(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        'description = "Three nations',
        'key_commodities = ["magnet", "oxide", "ore", "magnet", "oxide"]\n'
        'description = "Three nations',
    )
    issues = [str(i) for i in lint_scenario(path)]
    assert any("key_commodities[4]: warning:" in i and "left out" in i for i in issues)


def test_the_shipped_scenarios_have_no_warnings() -> None:
    for name in ("baseline_2025", "history_2010"):
        assert lint_scenario(name) == []


def test_a_generic_validator_points_at_a_misspelt_effect_key() -> None:
    schema = json.loads((scenarios_dir() / "scenario.schema.json").read_text(encoding="utf-8"))
    data = tomllib.loads((scenarios_dir() / "baseline_2025.toml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(data))
    card = next(c for c in data["investments"] if any("capacity" in e for e in c["effects"]))
    effect = next(e for e in card["effects"] if "capacity" in e)
    effect["capcity"] = effect.pop("capacity")
    messages = [error.message for error in validator.iter_errors(data)]
    assert any("'capcity' was unexpected" in m for m in messages), messages
    assert not any("is not valid under any of the given schemas" in m for m in messages)


def test_new_scenario_points_its_schema_line_at_the_installed_schema(tmp_path: Path) -> None:
    target = tmp_path / "worlds" / "mine"
    result = CliRunner().invoke(app, ["new-scenario", str(target), "--from", "history_2010"])
    assert result.exit_code == 0, result.output
    written = target.with_suffix(".toml")
    first = written.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#:schema ")
    schema = (written.parent / first.removeprefix("#:schema ")).resolve()
    assert schema == (scenarios_dir() / "scenario.schema.json").resolve()
    assert _validate(str(written)).exit_code == 0
    again = CliRunner().invoke(app, ["new-scenario", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.output


def test_the_schema_and_the_format_reference_are_up_to_date() -> None:
    result = CliRunner().invoke(app, ["schema", "--check"])
    assert result.exit_code == 0, result.output


def _baseline_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (scenarios_dir() / "baseline_2025.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new).replace("#:schema ./", "#:schema ../"), encoding="utf-8")
    return path


def test_a_card_whose_effects_come_after_the_horizon_is_warned_about(tmp_path: Path) -> None:
    path = _baseline_variant(
        tmp_path,
        'cost = 600.0\nyears = 2\ntrade_offs = ["Needs buyers',
        'cost = 600.0\nyears = 20\ntrade_offs = ["Needs buyers',
    )  # expanding Mountain Pass
    (issue,) = [str(i) for i in lint_scenario(path)]
    assert "investments[1].years: warning:" in issue
    assert "80 turns in" in issue
    assert "never acts" in issue


def test_a_card_held_back_by_its_prerequisites_past_the_horizon_is_warned_about(
    tmp_path: Path,
) -> None:
    path = _baseline_variant(
        tmp_path, 'years = 1\npartner = "AFR"', 'years = 12\npartner = "AFR"'
    )  # the graphite deal's funding, which the allied anode plant waits for
    issues = [str(i) for i in lint_scenario(path)]
    held = [i for i in issues if ".prerequisites: warning:" in i]
    assert len(held) == 1, issues  # the anode plant; the deal itself now ends too late
    assert "from turn 48" in held[0]
    assert "never acts" in held[0]


def test_a_card_waits_for_a_prerequisite_that_builds_only_until_it_is_funded(
    tmp_path: Path,
) -> None:
    """A plant's card acts from its funding, so a card needing it is held back by neither
    the plant's years of funding nor its construction."""
    path = _baseline_variant(
        tmp_path, "years = 2.5\neffects_at", "years = 12\neffects_at"
    )  # the US separation plant's funding, which the price floor needs
    assert not [i for i in lint_scenario(path) if ".prerequisites: warning:" in str(i)]
