"""A teacher brings one of the scenario's scripted events forward: it happens now.

A class discussing export controls may want the licence regime *now*, not in three turns.
The event is moved on the engine's schedule to the step about to be played, so it fires in
the events stage exactly as it would have at its date (the same effects, noted as an event
under its own id, so the turn report explains its consequences by name), and never twice.
The session logs each turn's announcements beside its actions, and the save carries them,
so a replay fires the same events at the same turns and its checksums still verify. The
no-new-policy game hears the same announcements: the teacher changed the world, not the
player's policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.errors import UserError

if TYPE_CHECKING:
    from rare_earth_game.scenario.events import Event
    from rare_earth_game.sim.model import RareEarthModel


class AnnounceError(UserError, ValueError):
    """An event that cannot be announced now (unknown, or already happened)."""


def upcoming(model: RareEarthModel) -> list[tuple[int, Event]]:
    """The scripted events still to happen, with the engine step each is due at, soonest
    first."""
    due = [
        (step, event)
        for step, events in model.events.by_turn.items()
        if step >= model.turn
        for event in events
    ]
    return sorted(due, key=lambda item: item[0])


def check_announcements(model: RareEarthModel, event_ids: tuple[str, ...]) -> None:
    """Refuse the lot before any fires: each must be still to come, and named once."""
    still = {event.id for _, event in upcoming(model)}
    for event_id in event_ids:
        if event_id not in still or event_ids.count(event_id) > 1:
            raise AnnounceError(
                f"the event '{event_id}' cannot be announced: it is not one of the "
                "scenario's events still to come, or it is named twice"
            )


def announce(model: RareEarthModel, event_id: str) -> Event:
    """Move a scripted event to the engine step about to be played, where the schedule fires
    it in its usual stage, headlined as announced now; returns it."""
    for step, event in upcoming(model):
        if event.id == event_id:
            model.events.by_turn[step].remove(event)
            now = event.model_copy(update={"title": f"Announced now: {event.title}"})
            model.events.by_turn[model.turn].append(now)
            return event
    raise AnnounceError(
        f"the event '{event_id}' cannot be announced: it is not one of the scenario's events "
        "still to come"
    )
