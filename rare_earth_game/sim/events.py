"""Scripted events at their dates, and random events drawn from the model's seeded generator.

A random event is drawn as an ordinary effect (an outage is a temporary capacity change, a
boom a temporary demand change) and applied through the same handlers as everything else.

Construction delays are a risk each project runs, not a number of mishaps the world shares
out: every project being built draws its own, from a generator of its own (seeded from the
run's seed and the project's id). So a lone project is no unluckier than one of many, and
building a project changes neither another project's luck nor the draws of the rest of the
world, which the no-new-policy game it is compared with shares.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.events import Event, RandomEvent
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.effects import apply_effect
from rare_earth_game.sim.origin import Origin, Source

if TYPE_CHECKING:
    from rare_earth_game.sim.agents.facility import Facility
    from rare_earth_game.sim.model import RareEarthModel


class EventSchedule:
    """Fires each turn's scripted events, then draws its random ones."""

    def __init__(self, scenario: Scenario, calendar: Calendar, seed: int | None) -> None:
        self.by_turn: dict[int, list[Event]] = defaultdict(list)
        for event in scenario.events:
            self.by_turn[calendar.turn_of(event.date)].append(event)
        self.random = [e for e in scenario.random_events if e.kind != "plant_delay"]
        self.delays = [e for e in scenario.random_events if e.kind == "plant_delay"]
        self.root = np.random.SeedSequence(seed)
        self.luck: dict[tuple[str, str], np.random.Generator] = {}

    def fire(self, model: RareEarthModel) -> None:
        for event in self.by_turn.get(model.turn, ()):
            model.note("event", event.id, event.title)
            source = Source(Origin.SCENARIO, event.id)
            for effect in event.effects:
                apply_effect(model, effect, source)
        for spec in self.random:
            occurrences = int(model.rng.poisson(spec.rate_per_year / model.turns_per_year))
            for _ in range(occurrences):
                drawn = _draw(model, spec)
                if drawn is None:
                    continue
                effect, name = drawn
                apply_effect(model, effect, Source(Origin.RANDOM, spec.id))
                model.note("random_event", spec.id, spec.title.replace("{target}", name))
        for spec in self.delays:
            self._delay_projects(model, spec)

    def _delay_projects(self, model: RareEarthModel, spec: RandomEvent) -> None:
        """Each project being built (in the nations the event covers) may be delayed: on
        average `rate_per_year` times a year of building, by `duration_turns` each time."""
        building = [
            f
            for f in model.facilities.values()
            if f.status == "building" and (spec.nations is None or f.nation in spec.nations)
        ]
        for facility in building:
            luck = self._luck(spec.id, facility.key)
            for _ in range(int(luck.poisson(spec.rate_per_year / model.turns_per_year))):
                delay = fx.DelayConstruction(
                    type="delay_construction", facility=facility.key, turns=spec.duration_turns
                )
                apply_effect(model, delay, Source(Origin.RANDOM, spec.id))
                title = spec.title.replace("{target}", _site_name(facility))
                model.note("random_event", spec.id, title)

    def _luck(self, event: str, project: str) -> np.random.Generator:
        """The project's own generator for this kind of mishap, made on first use."""
        key = (event, project)
        if key not in self.luck:
            words = (zlib.crc32(event.encode()), zlib.crc32(project.encode()))
            self.luck[key] = np.random.default_rng(
                np.random.SeedSequence(self.root.entropy, spawn_key=words)
            )
        return self.luck[key]


def _draw(model: RareEarthModel, spec: RandomEvent) -> tuple[fx.Effect, str] | None:
    """Pick a target with the model's generator; the mishap as an effect, and who it hit."""
    allowed = set(spec.nations) if spec.nations is not None else None

    def inside(nation: str) -> bool:
        return allowed is None or nation in allowed

    if spec.kind in ("mine_accident", "plant_accident"):
        want_mine = spec.kind == "mine_accident"
        candidates = [
            f
            for f in model.facilities.values()
            if f.operating and inside(f.nation) and (f.kind == "mine") == want_mine
        ]
        if not candidates:
            return None
        target = candidates[int(model.rng.integers(len(candidates)))]
        name = _site_name(target)
        outage = fx.ChangeCapacity(  # one of the sites the entry stands for is hit
            type="change_capacity",
            facility=target.key,
            factor=1.0 - spec.magnitude / target.units,
            turns=spec.duration_turns,
        )
        return outage, name
    if spec.kind in ("demand_boom", "demand_slump"):
        buyers = [b for b in model.buyers if inside(b.nation)]
        if not buyers:
            return None
        buyer = buyers[int(model.rng.integers(len(buyers)))]
        factor = 1 + spec.magnitude if spec.kind == "demand_boom" else 1 - spec.magnitude
        shock = fx.ChangeDemand(
            type="change_demand",
            factor=factor,
            nation=buyer.nation,
            sector=buyer.sector,
            commodity=buyer.commodity,
            turns=spec.duration_turns,
        )
        return shock, f"{buyer.sector} demand in {model.nations[buyer.nation].name}"
    # political_change: relations between the home nation and another shift either way
    home = next((n.key for n in model.nations.values() if n.role == "home"), None)
    nations = sorted(n for n in model.nations if n != home and inside(n))
    if not nations or home is None:
        return None
    other = nations[int(model.rng.integers(len(nations)))]
    sign = 1.0 if model.rng.random() < 0.5 else -1.0
    shift = fx.ChangeTension(
        type="change_tension", nation=home, other=other, delta=sign * spec.magnitude / 2
    )
    return shift, model.nations[other].name


def _site_name(facility: Facility) -> str:
    """What a mishap hits: the facility, or one of the sites an aggregate entry stands for."""
    return facility.name if facility.units == 1 else f"one site of {facility.name}"
