"""Designs and seeds: which points and seeds an experiment's runs get."""

import numpy as np
import pytest
from conftest import small_spec

from rare_earth_game.batch.design import Axis, latin_hypercube, points
from rare_earth_game.batch.experiment import prepare
from rare_earth_game.batch.plan import plan_runs
from rare_earth_game.batch.seeds import run_seeds
from rare_earth_game.batch.spec import SpecSource, spec_from_data


def planned(spec: dict) -> list:
    source = SpecSource("<test>")
    return plan_runs(prepare(spec_from_data(spec, source), source), 11)


def test_a_grid_is_every_combination_in_the_order_listed() -> None:
    axes = (Axis("a", values=(1, 2)), Axis("b", low=0.0, high=1.0, num=3))
    grid = points("grid", axes, None, np.random.default_rng(0))
    assert grid == [(1, 0.0), (1, 0.5), (1, 1.0), (2, 0.0), (2, 0.5), (2, 1.0)]


def test_zip_pairs_values_by_position() -> None:
    axes = (Axis("a", values=(1, 2, 3)), Axis("b", values=("x", "y", "z")))
    assert points("zip", axes, None, np.random.default_rng(0)) == [(1, "x"), (2, "y"), (3, "z")]


def test_a_range_of_a_whole_number_setting_gives_whole_numbers() -> None:
    axis = Axis("turns", low=1.0, high=8.0, num=4, integer=True)
    assert axis.listed() == (1, 3, 6, 8)
    assert all(isinstance(v, int) for v in axis.listed())


def test_a_latin_hypercube_uses_every_stratum_of_every_range_once() -> None:
    samples = 20
    axes = (Axis("a", low=0.0, high=1.0), Axis("b", low=-5.0, high=5.0))
    design = latin_hypercube(axes, samples, np.random.default_rng(3))
    assert len(design) == samples
    for i, axis in enumerate(axes):
        assert axis.low is not None
        assert axis.high is not None
        share = [(p[i] - axis.low) / (axis.high - axis.low) for p in design]
        assert sorted(int(s * samples) for s in share) == list(range(samples))


def test_a_latin_hypercube_is_the_same_for_the_same_entropy_only() -> None:
    spec = small_spec()
    spec["design"] = {"kind": "lhs", "samples": 5}
    spec["parameters"] = [{"path": "buyers.usa_magnet_use.growth", "low": 0.0, "high": 0.2}]
    source = SpecSource("<test>")
    prepared = prepare(spec_from_data(spec, source), source)
    first = [t.values for t in plan_runs(prepared, 1)]
    assert first == [t.values for t in plan_runs(prepared, 1)]
    assert first != [t.values for t in plan_runs(prepared, 2)]


def test_runs_are_numbered_replication_by_replication() -> None:
    tasks = planned(small_spec())
    assert [t.run_id for t in tasks] == list(range(12))
    assert [t.replication for t in tasks] == [0] * 6 + [1] * 6
    assert [t.strategy for t in tasks[:3]] == ["do_nothing", "none", "balanced"]
    assert {t.values for t in tasks[:6]} == {
        (("buyers.usa_magnet_use.growth", 0.0),),
        (("buyers.usa_magnet_use.growth", 0.2),),
    }


def test_replications_differ_and_strategies_share_their_seed() -> None:
    tasks = planned(small_spec())
    by_replication = {t.replication: set() for t in tasks}
    for task in tasks:
        by_replication[task.replication].add(task.seed)
    assert all(len(seeds) == 1 for seeds in by_replication.values())
    assert by_replication[0] != by_replication[1]


def test_without_common_random_numbers_every_run_has_its_own_seed() -> None:
    tasks = planned(small_spec(common_random_numbers=False))
    assert len({t.seed for t in tasks}) == len(tasks)


def test_seeds_are_children_of_the_entropys_seed_sequence() -> None:
    stream = np.random.SeedSequence(11).spawn(2)[1]
    expected = [int(c.generate_state(1, np.uint64)[0] >> np.uint64(1)) for c in stream.spawn(2)]
    assert run_seeds(11, 2) == expected
    assert [t.seed for t in planned(small_spec())[::6]] == expected


def test_more_replications_keep_every_earlier_run_id_and_seed() -> None:
    fewer = planned(small_spec())
    more = planned(small_spec(replications=3))
    assert [(t.run_id, t.seed, t.strategy, t.values) for t in more[: len(fewer)]] == [
        (t.run_id, t.seed, t.strategy, t.values) for t in fewer
    ]


@pytest.mark.parametrize("common", [True, False])
def test_seeds_fit_a_signed_64_bit_column(common: bool) -> None:
    assert all(0 <= t.seed < 2**63 for t in planned(small_spec(common_random_numbers=common)))
