"""What a save file may contain, checked strictly before a single turn is replayed.

A save can come from anywhere (a student's USB stick, an e-mail), so it is read as
untrusted data: decompressed in pieces up to `MAX_SAVE_BYTES`, parsed without recursion
limits being reachable, and every key and value checked against this schema (unknown keys
refused, no type coerced). Each problem becomes one plain sentence naming the key.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rare_earth_game.game.presets import DIFFICULTIES, PRESETS

MAX_SAVE_BYTES = 16 << 20
"""The most a save may hold, decompressed: a campaign's is a few hundred kilobytes."""
MAX_TEAM_LENGTH = 200
MAX_SEED = 2**63 - 1


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class ScenarioRef(_Strict):
    ref: str | None = Field(default=None, max_length=4096)
    name: str = Field(max_length=1000)
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


class FundCardEntry(_Strict):
    kind: Literal["fund"]
    card: str = Field(max_length=200)


class SetTariffEntry(_Strict):
    kind: Literal["tariff"]
    partner: str = Field(max_length=200)
    rate: float
    commodity: str | None = Field(default=None, max_length=200)

    _rate = field_validator("rate")(_finite)


class StockpileEntry(_Strict):
    kind: Literal["stockpile"]
    commodity: str = Field(max_length=200)
    tonnes: float

    _tonnes = field_validator("tonnes")(_finite)


ActionEntry = Annotated[
    FundCardEntry | SetTariffEntry | StockpileEntry, Field(discriminator="kind")
]


class SaveEnvelope(_Strict):
    """Format 1: the scenario, the game's settings, every turn's actions and checksums."""

    format: Literal["rare-earth-game-save"]
    format_version: Literal[1]
    game_version: str = Field(max_length=100)
    scenario: ScenarioRef
    seed: int = Field(ge=0, le=MAX_SEED)
    player: str = Field(max_length=200)
    preset: str
    difficulty: str
    lens: str | None = Field(default=None, max_length=200)
    team: str = Field(default="", max_length=MAX_TEAM_LENGTH)
    turns_played: int = Field(ge=0)
    actions: list[list[ActionEntry]]
    checksums: list[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]]
    announced: list[list[Annotated[str, Field(max_length=200)]]] | None = None
    """Scripted events a teacher brought forward, per turn; only in games that had any."""

    @field_validator("preset")
    @classmethod
    def _preset(cls, value: str) -> str:
        if value not in PRESETS:
            raise ValueError(f"must be one of {', '.join(PRESETS)}")
        return value

    @field_validator("difficulty")
    @classmethod
    def _difficulty(cls, value: str) -> str:
        if value not in DIFFICULTIES:
            raise ValueError(f"must be one of {', '.join(DIFFICULTIES)}")
        return value

    @model_validator(mode="after")
    def _one_record_per_turn(self) -> SaveEnvelope:
        turns = len(self.actions)
        if len(self.checksums) != turns:
            raise ValueError(
                f"checksums: has {len(self.checksums)} entries for {turns} turns of actions; "
                "every turn has one"
            )
        if self.announced is not None and len(self.announced) != turns:
            raise ValueError(
                f"announced: has {len(self.announced)} entries for {turns} turns of actions; "
                "every turn has one"
            )
        if self.turns_played != turns:
            raise ValueError(
                f"turns_played: says {self.turns_played}, but the save holds {turns} turns "
                "of actions"
            )
        return self


_WORDS = {
    "int_type": "a whole number",
    "string_type": "text",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a table",
    "dict_type": "a table",
}


def check_envelope(data: dict[str, Any]) -> tuple[SaveEnvelope | None, list[str]]:
    """The checked envelope, or None and one sentence per problem."""
    try:
        return SaveEnvelope.model_validate(data), []
    except ValidationError as error:
        return None, [_sentence(detail) for detail in error.errors(include_url=False)[:5]]


def _sentence(detail: Any) -> str:
    kind = detail["type"]
    loc = [part for part in detail["loc"] if not (isinstance(part, str) and part in _TAGS)]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    if kind == "missing":
        return f"{where} is missing"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'" + (
            f" in {where.rsplit('.', 1)[0]}" if "." in where else ""
        )
    if kind in _WORDS:
        return f"{where} must be {_WORDS[kind]}"
    context = detail.get("ctx", {})
    if kind == "greater_than_equal":
        return f"{where} must be {context.get('ge')} or more"
    if kind == "less_than_equal":
        return f"{where} must be at most {context.get('le')}"
    if kind == "string_too_long":
        return f"{where} is longer than {context.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"{where} is not a SHA-256 checksum (64 hexadecimal digits)"
    if kind == "literal_error":
        return f"{where} must be {context.get('expected')}"
    if kind == "union_tag_invalid":
        return f"{where} is an action of an unknown kind (known: fund, tariff, stockpile)"
    if kind == "union_tag_not_found":
        return f"{where} is an action without a kind"
    message = str(detail["msg"]).removeprefix("Value error, ")
    return message if kind == "value_error" and not where else f"{where}: {message}"


_TAGS = {"fund", "tariff", "stockpile"}
