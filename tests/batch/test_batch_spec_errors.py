"""Mistakes in an experiment are all reported before anything runs, where they were made."""

from pathlib import Path

import pytest
from conftest import TINY

from rare_earth_game.batch import SpecError
from rare_earth_game.batch.experiment import prepare
from rare_earth_game.batch.options import Shortcuts, experiment_from_options
from rare_earth_game.batch.spec import read_spec


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "spec.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        check(path)
    return caught.value.problems


def check(path: Path) -> None:
    spec, source = read_spec(path, shown_as="spec.toml")
    prepare(spec, source)


HEAD = f'[experiment]\nscenario = "{TINY}"\n'


def test_an_unknown_key_is_shown_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + "replicatons = 3\n")
    assert found == [
        "spec.toml:3:1: experiment.replicatons: unknown key 'replicatons'; "
        "did you mean 'replications'?"
    ]


def test_wrong_types_and_bounds_are_shown_at_their_values(tmp_path: Path) -> None:
    text = HEAD + 'replications = "ten"\nturns = 0\n\n[design]\nkind = "grid"\nsamples = 0\n'
    found = problems(tmp_path, text)
    assert 'spec.toml:3:1: experiment.replications: expected a whole number, got "ten"' in found
    assert "spec.toml:4:1: experiment.turns: must be 1 or more, got 0" in found
    assert "spec.toml:8:1: design.samples: must be 1 or more, got 0" in found


def test_a_bad_key_path_points_at_its_line_and_suggests(tmp_path: Path) -> None:
    text = HEAD + '\n[[parameters]]\npath = "buyers.usa_magnet_uses.growth"\nvalues = [1]\n'
    assert problems(tmp_path, text) == [
        "spec.toml:5:1: parameters[0].path: 'buyers.usa_magnet_uses.growth': no entry "
        "'usa_magnet_uses' in buyers; did you mean 'usa_magnet_use'?"
    ]


def test_an_unknown_strategy_suggests_a_known_one(tmp_path: Path) -> None:
    text = HEAD + 'strategies = ["do_nothing", "onshor"]\n'
    (problem,) = problems(tmp_path, text)
    assert problem.startswith("spec.toml:3:")
    assert "unknown strategy 'onshor'; did you mean 'onshore'?" in problem


def test_a_value_the_scenario_refuses_gets_the_scenarios_own_message(tmp_path: Path) -> None:
    text = (
        HEAD
        + '\n[[parameters]]\npath = "buyers.usa_magnet_use.growth"\n'
        + "values = [0.1,\n          2.0]\n"
    )
    assert problems(tmp_path, text) == [
        "spec.toml:7:11: parameters[0].values[1]: buyers.usa_magnet_use.growth = 2.0: "
        "must be 1 or less, got 2.0"
    ]


def test_a_range_is_checked_at_both_ends(tmp_path: Path) -> None:
    text = (
        HEAD + '\n[[parameters]]\npath = "settings.inventory_adjust_turns"\nlow = 0.5\nhigh = 30\n'
    )
    text += "num = 3\n"
    (problem,) = problems(tmp_path, text)
    assert problem.startswith(
        "spec.toml:6:1: parameters[0].low: settings.inventory_adjust_turns = 0.5:"
    )


def test_design_rules_are_explained(tmp_path: Path) -> None:
    text = HEAD + (
        '\n[design]\nkind = "zip"\n\n[[parameters]]\npath = "settings.inventory_adjust_turns"\n'
        'values = [10, 20]\n\n[[parameters]]\npath = "settings.target_stock_turns"\nvalues = [1]\n'
    )
    found = problems(tmp_path, text)
    assert len(found) == 2
    assert all('kind = "zip" pairs values by position' in p for p in found)
    assert found[0].startswith("spec.toml:7:1:")
    assert found[1].startswith("spec.toml:11:1:")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = HEAD + 'strategies = ["nope"]\nturns = 99\nreplicatons = 2\n\n[[parameters]]\n'
    text += 'path = "x.y"\nvalues = [1]\n'
    found = problems(tmp_path, text)
    assert [p.split(":")[1] for p in found] == ["3", "4", "5", "8"], found
    assert "unknown strategy 'nope'" in found[0]
    assert "tiny" not in found[1]
    assert "turns must be 12 or less" in found[1]
    assert "did you mean 'replications'?" in found[2]
    assert "unknown key 'x'" in found[3]


def test_a_syntax_error_is_located_like_a_scenarios(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, HEAD + "replications = [1, 2\n")
    assert problem.startswith("spec.toml:3:")
    assert "TOML syntax error" in problem


def test_command_line_mistakes_name_the_option() -> None:
    options = Shortcuts(strategies="do_nothing,alies", sweeps=["settings.chok=1,2"])
    with pytest.raises(SpecError) as caught:
        prepare(*experiment_from_options(str(TINY), options, None))
    found = caught.value.problems
    assert "--strategy do_nothing,alies: unknown strategy 'alies'; did you mean 'allies'?" in found
    assert any(p.startswith("--sweep settings.chok=1,2: unknown key 'chok'") for p in found)


def test_a_malformed_sweep_option_is_explained() -> None:
    with pytest.raises(SpecError, match="expected PATH=V1,V2"):
        experiment_from_options(
            str(TINY), Shortcuts(sweeps=["settings.inventory_adjust_turns"]), None
        )
