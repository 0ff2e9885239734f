"""Small scenario worlds for tests, as plain dicts (the shape a TOML file parses to)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from rare_earth_game.scenario import Scenario, scenario_from_data

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"


def tiny_data() -> dict[str, Any]:
    """The tiny world as a dict, ready to modify."""
    return tomllib.loads(TINY.read_text(encoding="utf-8"))


def build(data: dict[str, Any]) -> Scenario:
    return scenario_from_data(copy.deepcopy(data))


NATIONS = ("AAA", "BBB", "CCC", "DDD")


@st.composite
def small_worlds(draw: st.DrawFn) -> dict[str, Any]:
    """A world of 2-4 nations and one chain, ore -> oxide -> magnet, with random trade policy.

    Every nation may mine, refine, make magnets and buy; tariffs, bans and quotas are drawn
    on random routes. Sizes are kept small so a run of a few turns takes milliseconds.
    """
    count = draw(st.integers(2, 4))
    nations = list(NATIONS[:count])
    data: dict[str, Any] = {
        "meta": {"name": "Generated world", "description": "Drawn by hypothesis."},
        "time": {"start": "2030-Q1", "turns": draw(st.integers(3, 6))},
        "nations": [
            {"id": n, "name": f"Nation {n}", "role": "adversary" if i == 0 else "ally"}
            for i, n in enumerate(nations)
        ],
        "commodities": [
            {
                "id": "ore",
                "name": "Ore",
                "stage": "mining",
                "chain": "rare_earth",
                "reference_price": 4.0,
            },
            {
                "id": "oxide",
                "name": "Oxide",
                "stage": "processing",
                "chain": "rare_earth",
                "reference_price": 50.0,
            },
            {
                "id": "magnet",
                "name": "Magnet",
                "stage": "manufacturing",
                "chain": "rare_earth",
                "reference_price": 60.0,
            },
        ],
        "recipes": [
            {
                "id": "sep",
                "name": "Separation",
                "process": "separation",
                "inputs": {"ore": 1.0},
                "outputs": {"oxide": 0.2},
            },
            {
                "id": "mag",
                "name": "Magnets",
                "process": "magnet_making",
                "inputs": {"oxide": 0.3},
                "outputs": {"magnet": 1.0},
            },
        ],
        "game": {"player": nations[1], "adversary": nations[0]},
        "miners": [],
        "refiners": [],
        "buyers": [],
        "policies": {"tariffs": [], "export_controls": []},
    }
    capacity = st.floats(500, 50_000, allow_nan=False)
    for n in nations:
        if draw(st.booleans()) or n == nations[0]:
            data["miners"].append(
                {
                    "id": f"mine_{n}",
                    "name": f"Mine {n}",
                    "nation": n,
                    "commodity": "ore",
                    "capacity": draw(capacity),
                    "unit_cost": draw(st.floats(1.0, 6.0)),
                    "state_directed": draw(st.booleans()),
                }
            )
        if draw(st.booleans()) or n == nations[0]:
            data["refiners"].append(
                {
                    "id": f"sep_{n}",
                    "name": f"Separation {n}",
                    "nation": n,
                    "recipe": "sep",
                    "capacity": draw(capacity),
                    "unit_cost": draw(st.floats(0.5, 4.0)),
                }
            )
        if draw(st.booleans()):
            data["refiners"].append(
                {
                    "id": f"mag_{n}",
                    "name": f"Magnets {n}",
                    "nation": n,
                    "recipe": "mag",
                    "capacity": draw(st.floats(200, 20_000)),
                    "unit_cost": draw(st.floats(5.0, 30.0)),
                }
            )
        data["buyers"].append(
            {
                "id": f"use_{n}",
                "nation": n,
                "sector": "ev",
                "commodity": draw(st.sampled_from(["oxide", "magnet"])),
                "base_demand": draw(st.floats(100, 10_000)),
                "elasticity": draw(st.floats(0.1, 1.0)),
                "growth": draw(st.floats(-0.05, 0.1)),
            }
        )
    routes = [(a, b) for a in nations for b in nations if a != b]
    for i, (a, b) in enumerate(draw(st.lists(st.sampled_from(routes), max_size=3, unique=True))):
        data["policies"]["tariffs"].append(
            {
                "id": f"tariff_{i}",
                "importer": b,
                "exporters": [a],
                "rate": draw(st.floats(0.0, 1.0)),
            }
        )
    for i, (a, b) in enumerate(draw(st.lists(st.sampled_from(routes), max_size=2, unique=True))):
        kind = draw(st.sampled_from(["ban", "quota"]))
        control = {
            "id": f"control_{i}",
            "exporter": a,
            "destinations": [b],
            "commodities": [draw(st.sampled_from(["oxide", "magnet"]))],
            "kind": kind,
            **draw(reach()),
        }
        if kind == "quota":
            control["tonnes_per_year"] = draw(st.floats(0.0, 2_000))
        data["policies"]["export_controls"].append(control)
    return data


@st.composite
def byproduct_worlds(draw: st.DrawFn) -> dict[str, Any]:
    """A small world plus a mine of joint products and a by-product recovered at a host.

    The joint mine is alone in a nation of its own ("EEE"), so that nation's production of
    ore and of the co-product is the mine's; it sells ore and a co-product in proportions
    drawn here (either may be the more valuable). The co-product may find no buyer at all,
    to exercise markdowns and write-offs. The by-product is recovered at a mine or plant
    drawn from the world, in the host's nation, with a drawn yield, capacity and cost.
    """
    data = draw(small_worlds())
    data["nations"].append({"id": "EEE", "name": "Nation EEE", "role": "neutral"})
    data["commodities"] += [
        {
            "id": "coproduct",
            "name": "Co-product",
            "stage": "mining",
            "chain": "rare_earth",
            "reference_price": draw(st.floats(0.5, 30.0)),
        },
        {
            "id": "byproduct",
            "name": "By-product",
            "stage": "processing",
            "chain": "minor",
            "reference_price": draw(st.floats(50.0, 500.0)),
        },
    ]
    shares = {"ore": draw(st.floats(0.2, 1.0)), "coproduct": draw(st.floats(0.01, 0.8))}
    data["miners"].append(
        {
            "id": "joint_EEE",
            "name": "Joint mine EEE",
            "nation": "EEE",
            "outputs": shares,
            "capacity": draw(st.floats(500, 50_000)),
            "unit_cost": draw(st.floats(1.0, 8.0)),
            "state_directed": draw(st.booleans()),
        }
    )
    nations = [n["id"] for n in data["nations"]]
    for n in draw(st.lists(st.sampled_from(nations), max_size=2, unique=True)):
        data["buyers"].append(
            {
                "id": f"coproduct_use_{n}",
                "nation": n,
                "sector": "industrial",
                "commodity": "coproduct",
                "base_demand": draw(st.floats(10, 5_000)),
            }
        )
    hosts = data["miners"] + data["refiners"]
    host = draw(st.sampled_from(hosts))
    data["recoveries"] = [
        {
            "id": "recovery",
            "name": "By-product recovery",
            "nation": host["nation"],
            "host": host["id"],
            "commodity": "byproduct",
            "yield_per_unit": draw(st.floats(1e-5, 0.05)),
            "capacity": draw(st.floats(1.0, 500.0)),
            "unit_cost": draw(st.floats(10.0, 300.0)),
            "state_directed": draw(st.booleans()),
        }
    ]
    data["buyers"].append(
        {
            "id": "byproduct_use",
            "nation": draw(st.sampled_from(nations)),
            "sector": "electronics",
            "commodity": "byproduct",
            "base_demand": draw(st.floats(1.0, 400.0)),
        }
    )
    return data


@st.composite
def reach(draw: st.DrawFn) -> dict[str, Any]:
    """How far a control reaches: by content, into re-exports, or only the listed goods."""
    terms: dict[str, Any] = {}
    if draw(st.booleans()):
        terms["content_threshold"] = draw(st.sampled_from([0.0, 0.001, 0.2, 0.6]))
    if draw(st.booleans()):
        terms["re_exports"] = True
        terms["re_export_threshold"] = draw(st.sampled_from([0.0, 0.01, 0.3, 0.9, 1.0]))
    return terms


@st.composite
def re_export_ban_worlds(draw: st.DrawFn) -> dict[str, Any]:
    """A small world in which the adversary bans a good and what contains it, re-exports
    included, to one nation: the last export control."""
    data = draw(small_worlds())
    nations = [n["id"] for n in data["nations"]]
    data["policies"]["export_controls"].append(
        {
            "id": "content_ban",
            "exporter": nations[0],
            "destinations": [draw(st.sampled_from(nations[1:]))],
            "commodities": [draw(st.sampled_from(["ore", "oxide", "magnet"]))],
            "kind": "ban",
            "content_threshold": draw(st.sampled_from([0.0, 0.001, 0.2])),
            "re_exports": True,
            "re_export_threshold": draw(st.sampled_from([0.0, 0.01, 0.3, 0.9, 1.0])),
        }
    )
    return data


@st.composite
def lagged_licence_worlds(draw: st.DrawFn) -> dict[str, Any]:
    """A small world in which the adversary licenses a good from the first turn, then bans
    the same exports, so requests stop and the last approvals arrive before the end.

    The licence is set by an event (a regime in force at the start has approvals of
    earlier requests in its pipeline)."""
    data = draw(small_worlds())
    nations = [n["id"] for n in data["nations"]]
    delay = draw(st.integers(0, 2))
    licensed_turns = draw(st.integers(1, 3))
    data["time"] = {"start": "2030-Q1", "turns": licensed_turns + 2 * delay + 1}
    licence: dict[str, Any] = {
        "id": "licence",
        "exporter": nations[0],
        "commodities": [draw(st.sampled_from(["ore", "oxide", "magnet"]))],
        "kind": "licence",
        "approval_share": draw(st.floats(0.0, 1.0)),
        "delay_turns": delay,
        **draw(reach()),
    }
    if draw(st.booleans()):
        licence["destinations"] = draw(
            st.lists(st.sampled_from(nations[1:]), min_size=1, unique=True)
        )
    ban = {**licence, "id": "embargo", "kind": "ban"}
    if draw(st.booleans()):
        licence["general_licences"] = [draw(st.sampled_from(nations[1:]))]
    data["events"] = [
        {
            "id": "licensing",
            "date": "2030-Q1",
            "title": "Licences required",
            "effects": [{"type": "set_export_control", **licence}],
        },
        {
            "id": "embargo",
            "date": f"2030-Q{licensed_turns + 1}",
            "title": "Exports banned",
            "effects": [{"type": "set_export_control", **ban}],
        },
    ]
    return data
