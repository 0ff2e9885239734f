"""Things that happen: scripted events at dates and random events at yearly rates."""

from typing import Literal

from pydantic import Field

from rare_earth_game.scenario.effects import Effect
from rare_earth_game.scenario.types import DateText, Fraction, Id, Section

RandomKind = Literal[
    "mine_accident",
    "plant_accident",
    "demand_boom",
    "demand_slump",
    "political_change",
    "plant_delay",
]


class Event(Section):
    """A scripted event: at its date its effects apply and its headline is reported."""

    id: Id
    date: DateText
    title: str = Field(min_length=1, description="Headline for the news ticker.")
    text: str = Field(default="", description="One or two sentences of context.")
    effects: tuple[Effect, ...] = ()


class RandomEvent(Section):
    """A kind of mishap or surprise drawn from the model's seeded generator."""

    id: Id
    kind: RandomKind
    title: str = Field(min_length=1, description="Headline; {target} is replaced by the name hit.")
    rate_per_year: float = Field(
        ge=0.0,
        le=12.0,
        description="Expected occurrences per year; for plant_delay, per project being built.",
    )
    magnitude: Fraction = Field(
        default=0.5, description="Capacity lost, demand change or tension change, as a share."
    )
    duration_turns: int = Field(default=2, ge=1, le=40)
    nations: tuple[Id, ...] | None = Field(
        default=None, description="Only facilities or buyers in these nations (default: any)."
    )
