"""Sensitivity designs: SALib's Morris and Sobol points from the spec's entropy, indices
for every outcome in the report, and clear errors for a parameter that cannot vary."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import TINY

from rare_earth_game.batch import SpecError
from rare_earth_game.batch.experiment import prepare
from rare_earth_game.batch.plan import plan_runs
from rare_earth_game.batch.sensitivity_analysis import (
    IncompleteDesignError,
    sensitivity_table,
    write_sensitivity,
)
from rare_earth_game.batch.spec import SpecSource, read_spec, spec_from_data
from rare_earth_game.batch.worker import run_task

GROWTH = "buyers.usa_magnet_use.growth"
DEMAND = "buyers.usa_defence.base_demand"


def spec(kind: str, samples: int) -> dict[str, Any]:
    return {
        "experiment": {
            "scenario": str(TINY),
            "strategies": ["do_nothing"],
            "turns": 2,
            "entropy": 7,
        },
        "design": {"kind": kind, "samples": samples},
        "parameters": [
            {"path": GROWTH, "low": 0.0, "high": 0.4},
            {"path": DEMAND, "low": 500, "high": 3000},
        ],
    }


def planned(data: dict[str, Any], entropy: int) -> list[tuple[Any, ...]]:
    source = SpecSource("<test>")
    return [t.values for t in plan_runs(prepare(spec_from_data(data, source), source), entropy)]


def test_a_morris_design_moves_one_parameter_a_step_and_follows_the_entropy() -> None:
    points = planned(spec("morris", 3), 1)
    assert len(points) == 3 * (2 + 1)
    for trajectory in range(3):
        rows = [dict(p) for p in points[3 * trajectory : 3 * trajectory + 3]]
        for before, after in itertools.pairwise(rows):
            assert sum(before[k] != after[k] for k in (GROWTH, DEMAND)) == 1
    assert points == planned(spec("morris", 3), 1)
    assert points != planned(spec("morris", 3), 2)


def test_a_sobol_design_has_saltelli_s_points() -> None:
    assert len(planned(spec("sobol", 4), 1)) == 4 * (2 + 2)


def played(data: dict[str, Any], entropy: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The design's runs played in this process, and what a manifest records of them
    (a whole batch and `report` are run by tests/test_examples.py)."""
    source = SpecSource("<test>")
    prepared = prepare(spec_from_data(data, source), source)
    runs = pd.DataFrame([run_task(task).row for task in plan_runs(prepared, entropy)])
    manifest = {
        "spec": prepared.spec.to_data(),
        "entropy": str(entropy),
        "parameters": [axis.path for axis in prepared.axes],
    }
    return runs, manifest


def test_indices_of_every_outcome_and_a_plot_of_each_that_moves(tmp_path: Path) -> None:
    runs, manifest = played(spec("morris", 2), 7)
    files = write_sensitivity(runs, manifest, tmp_path)
    table = pd.read_csv(tmp_path / "sensitivity.csv")
    outcomes = [c for c in runs.columns if c.startswith(("player.", "game."))]
    assert set(outcomes) <= set(table["outcome"])
    assert set(table["parameter"]) == {GROWTH, DEMAND}
    assert set(table["index"]) == {"mu_star", "mu", "sigma"}
    assert (table.loc[table["index"] == "mu_star", "value"] >= 0).all()
    ranked = table[table["index"] == "mu_star"].groupby("outcome")["value"].max()
    assert ranked["player.price_index"] > 0, "more demand, other prices"
    assert ranked["turns_played"] == 0, "every game is played to the end"
    plots = {p.name for p in files if p.name.startswith("sensitivity_")}
    assert plots == {f"sensitivity_{o.replace('.', '_')}.png" for o in ranked[ranked > 0].index}


def test_sobol_indices_share_out_the_variance_of_an_outcome() -> None:
    runs, manifest = played(spec("sobol", 4), 7)
    table = sensitivity_table(runs, manifest)
    price = table[table["outcome"] == "player.price_index"].pivot(
        index="parameter", columns="index", values="value"
    )
    assert list(price.columns) == ["S1", "ST"]
    assert price["ST"].max() > 0
    assert table.loc[table["index"] == "ST", "conf"].notna().all()


def test_a_batch_with_design_points_missing_is_refused_with_how_to_finish_it() -> None:
    runs, manifest = played(spec("morris", 2), 7)
    with pytest.raises(IncompleteDesignError, match="2 of the 6 design points"):
        sensitivity_table(runs[runs["point"] < 4], manifest)


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "spec.toml"
    path.write_text(f'[experiment]\nscenario = "{TINY}"\n' + text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        prepare(*read_spec(path, shown_as="spec.toml"))
    return caught.value.problems


def test_a_parameter_that_cannot_vary_is_named_where_it_is_written(tmp_path: Path) -> None:
    text = (
        '\n[design]\nkind = "morris"\nsamples = 2\n'
        f'\n[[parameters]]\npath = "{GROWTH}"\nvalues = [0.1, 0.1]\n'
        '\n[[parameters]]\npath = "settings.ramp_up_turns"\nlow = 1.2\nhigh = 1.4\n'
    )
    found = problems(tmp_path, text)
    assert (
        f"spec.toml:10:1: parameters[0].values: '{GROWTH}' cannot vary: a morris design "
        "needs two or more different values, or a range (low and high)"
    ) in found
    assert any(
        f.startswith("spec.toml:15:1: parameters[1].high: 'settings.ramp_up_turns' cannot vary")
        for f in found
    ), found


def test_sobol_asks_for_a_power_of_two_and_both_need_samples(tmp_path: Path) -> None:
    one = f'\n[[parameters]]\npath = "{GROWTH}"\nlow = 0.0\nhigh = 0.4\n'
    found = problems(tmp_path, '\n[design]\nkind = "sobol"\nsamples = 6\n' + one)
    assert any("power of 2" in f and "try 8" in f for f in found), found
    found = problems(tmp_path, '\n[design]\nkind = "morris"\n' + one)
    assert any('kind = "morris" needs samples = N' in f for f in found), found
    found = problems(tmp_path, '\n[design]\nkind = "morris"\nsamples = 1\n' + one)
    assert any("needs 2 or more trajectories" in f for f in found), found
