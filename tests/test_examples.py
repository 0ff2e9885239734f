"""The scripts in examples/ run, on small settings: a random agent, a learning agent and a
Morris screening of baseline_2025, each as a researcher would start from them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_random_agent_plays_and_times_its_turns() -> None:
    result = example("random_agent").play(seed=0, turns=2)
    assert result["turns"] == 2
    assert result["steps_per_second"] > 0


def test_the_tabular_agent_keeps_a_plan_no_worse_than_doing_nothing() -> None:
    result = example("learn_to_beat_do_nothing").train(episodes=3, seconds=60, turns=2)
    assert result["episodes"] == 3
    assert result["learned"] >= result["do_nothing"]


def test_the_morris_screening_ranks_the_parameters_of_supply_security(tmp_path: Path) -> None:
    morris = example("morris_baseline_2025")
    ranking, report, _ = morris.screen(
        tmp_path / "morris", trajectories=2, turns=1, parameters=2, workers=1
    )
    parameters = morris.experiment(None, None, 2)["parameters"]
    assert set(ranking["parameter"]) == {p["path"] for p in parameters}
    assert (report / "sensitivity.csv").is_file()
