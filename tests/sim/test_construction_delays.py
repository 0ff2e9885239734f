"""Construction delays are each project's own risk: a lone project is no unluckier than one
of many, and building a project changes no one else's luck (the no-new-policy game a
player's game is compared with must see the same mishaps)."""

from __future__ import annotations

from typing import Any

from helpers.worlds import build, tiny_data

from rare_earth_game.sim.model import RareEarthModel

TURNS = 24


def _world(projects: list[str], accidents: bool = False) -> dict[str, Any]:
    data = tiny_data()
    data["time"]["turns"] = TURNS
    for key in projects:
        data["miners"].append(
            {
                "id": key,
                "name": f"Project {key}",
                "nation": "USA",
                "commodity": "ore",
                "capacity": 5000,
                "unit_cost": 3.0,
                "status": "building",
                "turns_to_complete": TURNS,
            }
        )
    data["random_events"] = [
        {
            "id": "delay",
            "kind": "plant_delay",
            "title": "Delay at {target}",
            "rate_per_year": 1.0,
            "duration_turns": 1,
        }
    ]
    if accidents:
        data["random_events"].append(
            {
                "id": "accident",
                "kind": "mine_accident",
                "title": "Accident at {target}",
                "rate_per_year": 2.0,
                "magnitude": 0.3,
            }
        )
    return data


def _notes(data: dict[str, Any], seed: int) -> list[tuple[int, str]]:
    model = RareEarthModel(build(data), seed=seed).run(TURNS)
    return [(n["turn"], n["text"]) for n in model.recorder.note_rows if n["kind"] == "random_event"]


def _delays_of(project: str, notes: list[tuple[int, str]]) -> list[int]:
    return [turn for turn, text in notes if text == f"Delay at Project {project}"]


def test_a_projects_delays_do_not_depend_on_how_many_others_are_being_built() -> None:
    for seed in range(3):
        alone = _delays_of("p1", _notes(_world(["p1"]), seed))
        among = _delays_of("p1", _notes(_world(["p1", "p2", "p3", "p4"]), seed))
        assert alone == among
        assert alone, "at one delay a year for six years, a project is delayed at least once"


def test_building_a_project_changes_no_other_random_event() -> None:
    for seed in range(3):
        without = _notes(_world([], accidents=True), seed)
        with_project = _notes(_world(["p1"], accidents=True), seed)
        assert [n for n in with_project if "Project" not in n[1]] == without
        assert any("Accident" in text for _, text in without)


def test_projects_delayed_on_average_at_the_rate_each_year_they_are_built() -> None:
    """Twenty projects over six years at one delay a year: about 120 delays."""
    projects = [f"p{i}" for i in range(20)]
    notes = _notes(_world(projects), seed=4)
    delays = sum(len(_delays_of(p, notes)) for p in projects)
    assert 120 * 0.7 < delays < 120 * 1.3
