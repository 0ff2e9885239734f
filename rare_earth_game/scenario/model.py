"""The validated, immutable scenario: every section of a scenario file in one object."""

import hashlib
import json
from typing import Literal

from pydantic import Field

from rare_earth_game.scenario.calibration import CalibrationEntry
from rare_earth_game.scenario.events import Event, RandomEvent
from rare_earth_game.scenario.game import AIProfile, GameSettings, Investment, Objective
from rare_earth_game.scenario.playable import PlayableNation
from rare_earth_game.scenario.policies import Policies
from rare_earth_game.scenario.types import Section
from rare_earth_game.scenario.world import (
    Bloc,
    Buyer,
    Commodity,
    Meta,
    Miner,
    Nation,
    Recipe,
    Recovery,
    Refiner,
    Relation,
    Settings,
    Time,
    Transport,
)

SCHEMA_VERSION: Literal[1] = 1


class Scenario(Section):
    """A whole world: read it with `rare_earth_game.scenario.load_scenario`."""

    schema_version: Literal[1] = Field(
        default=SCHEMA_VERSION, description="Version of this file format."
    )
    meta: Meta
    time: Time
    settings: Settings = Settings()
    nations: tuple[Nation, ...] = Field(min_length=1)
    blocs: tuple[Bloc, ...] = ()
    relations: tuple[Relation, ...] = ()
    commodities: tuple[Commodity, ...] = Field(min_length=1)
    recipes: tuple[Recipe, ...] = ()
    miners: tuple[Miner, ...] = ()
    refiners: tuple[Refiner, ...] = ()
    recoveries: tuple[Recovery, ...] = ()
    buyers: tuple[Buyer, ...] = ()
    transport: Transport = Transport()
    policies: Policies = Policies()
    events: tuple[Event, ...] = ()
    random_events: tuple[RandomEvent, ...] = ()
    game: GameSettings = GameSettings()
    investments: tuple[Investment, ...] = ()
    objectives: tuple[Objective, ...] = ()
    ai: tuple[AIProfile, ...] = ()
    playable: tuple[PlayableNation, ...] = Field(
        default=(),
        description="Nations besides the player that agents may play in the research world "
        "game (rare_earth_game.env.WorldEnv), each with its cards.",
    )
    calibration: tuple[CalibrationEntry, ...] = ()

    def content_hash(self) -> str:
        """SHA-256 of the canonical content, so comments and layout do not change it.

        The playable nations are left out: only the research world game plays them, so a
        game's save names the same world whether or not a scenario lists them. Values left
        at their defaults are left out too, so a setting added to the format later (at a
        default that changes nothing) does not turn every earlier save away."""
        content = self.model_dump(mode="json", exclude={"playable"}, exclude_defaults=True)
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def nation(self, nation_id: str) -> Nation:
        return next(n for n in self.nations if n.id == nation_id)

    def commodity(self, commodity_id: str) -> Commodity:
        return next(c for c in self.commodities if c.id == commodity_id)
