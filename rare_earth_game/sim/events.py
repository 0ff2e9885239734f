"""Scripted events at their dates, and random events drawn from the model's seeded generator."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.events import Event, RandomEvent
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.effects import apply_effect

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


class EventSchedule:
    """Fires each turn's scripted events, then draws its random ones."""

    def __init__(self, scenario: Scenario, calendar: Calendar) -> None:
        self.by_turn: dict[int, list[Event]] = defaultdict(list)
        for event in scenario.events:
            self.by_turn[calendar.turn_of(event.date)].append(event)
        self.random = list(scenario.random_events)

    def fire(self, model: RareEarthModel) -> None:
        for event in self.by_turn.get(model.turn, ()):
            model.note("event", event.id, event.title)
            for effect in event.effects:
                apply_effect(model, effect, event.id)
        for spec in self.random:
            occurrences = int(model.rng.poisson(spec.rate_per_year / model.turns_per_year))
            for _ in range(occurrences):
                _draw(model, spec)


def _draw(model: RareEarthModel, spec: RandomEvent) -> None:
    """Pick a target with the model's generator and apply the mishap to it."""
    allowed = set(spec.nations) if spec.nations is not None else None

    def inside(nation: str) -> bool:
        return allowed is None or nation in allowed

    if spec.kind in ("mine_accident", "plant_accident", "plant_delay"):
        if spec.kind == "plant_delay":
            candidates = [
                f for f in model.facilities.values() if f.status == "building" and inside(f.nation)
            ]
        else:
            want_mine = spec.kind == "mine_accident"
            candidates = [
                f
                for f in model.facilities.values()
                if f.operating and inside(f.nation) and (f.kind == "mine") == want_mine
            ]
        if not candidates:
            return
        target = candidates[int(model.rng.integers(len(candidates)))]
        if spec.kind == "plant_delay":
            target.turns_left += spec.duration_turns
        else:  # one of the sites the entry stands for is hit
            target.outages.append([1.0 - spec.magnitude / target.units, spec.duration_turns])
        name = target.name if target.units == 1 else f"one site of {target.name}"
    elif spec.kind in ("demand_boom", "demand_slump"):
        buyers = [b for b in model.buyers if inside(b.nation)]
        if not buyers:
            return
        target_buyer = buyers[int(model.rng.integers(len(buyers)))]
        factor = 1 + spec.magnitude if spec.kind == "demand_boom" else 1 - spec.magnitude
        target_buyer.shocks.append([factor, spec.duration_turns])
        name = f"{target_buyer.sector} demand in {model.nations[target_buyer.nation].name}"
    else:  # political_change
        home = model.scenario.game.player
        nations = sorted(n for n in model.nations if n != home and inside(n))
        if not nations or home not in model.nations:
            return
        other = nations[int(model.rng.integers(len(nations)))]
        sign = 1.0 if model.rng.random() < 0.5 else -1.0
        model.set_tension(home, other, model.tension(home, other) + sign * spec.magnitude / 2)
        name = model.nations[other].name
    model.note("random_event", spec.id, spec.title.replace("{target}", name))
