"""The player's side of a scenario: budget, objectives, investment cards and AI profiles."""

from typing import Literal

from pydantic import Field

from rare_earth_game.scenario.effects import Effect
from rare_earth_game.scenario.types import DateText, Fraction, Id, NonNegative, Section

Pillar = Literal["domestic", "allies", "batteries", "trade", "stockpile_recycling"]
PILLAR_TITLES: dict[str, str] = {
    "domestic": "Domestic",
    "allies": "Allies",
    "batteries": "Batteries & alternatives",
    "trade": "Trade & diplomacy",
    "stockpile_recycling": "Stockpile & recycling",
}


class GameSettings(Section):
    """Who the player is and what public money they have."""

    player: Id = Field(default="USA", description="Nation the player runs.")
    adversary: Id = Field(default="CHN", description="Nation whose dominance the player counters.")
    budget_per_year: NonNegative = Field(
        default=500.0,
        description="Public money (USD M) available each year, before difficulty. Set it so a "
        "sprint's whole budget buys well under half of the cards (see the README's budget rule).",
    )
    carry_over: Fraction = Field(
        default=0.5,
        description="Share of unspent money kept into the next year; the rest lapses, so "
        "savings cannot pile up (0: use it or lose it, 1: keep everything).",
    )


class Investment(Section):
    """An investment card the player can fund from the budget."""

    id: Id
    pillar: Pillar
    title: str = Field(min_length=1, max_length=48, description="Short title on the card.")
    summary: str = Field(min_length=1, max_length=160, description="One-line explanation.")
    metric: str = Field(
        min_length=1,
        description="The figure the card is meant to move: a model-table column such as "
        '"player.supply_security" or "player.self_sufficiency.ndfeb_magnet" (as objectives name).',
    )
    cost: NonNegative = Field(description="Total USD M, paid in equal installments over `years`.")
    running_cost: NonNegative = Field(
        default=0.0,
        description="USD M a year while the project operates (a price floor's top-ups, a "
        "plant's operating subsidy, holding a stockpile), paid from the budget.",
    )
    years: float = Field(
        default=1.0, ge=0.0, le=20.0, description="Years of funding; 0 pays and acts at once."
    )
    effects_at: Literal["start", "completion"] = Field(
        default="completion",
        description='"start" for projects that build over time (their facilities carry their '
        'own lead time), "completion" for results that arrive when funding ends.',
    )
    prerequisites: tuple[Id, ...] = Field(
        default=(), description="Cards that must be complete first."
    )
    partner: Id | None = Field(
        default=None, description="Nation that must agree (ventures with allies)."
    )
    repeatable: bool = Field(default=False, description="Can be funded again once complete.")
    provocation: float = Field(
        default=0.0,
        ge=-1.0,
        le=1.0,
        description="How hostile the adversary reads this move (negative: conciliatory).",
    )
    trade_offs: tuple[str, ...] = Field(
        default=(), description="Downsides to show before the player commits."
    )
    effects: tuple[Effect, ...] = ()


class Objective(Section):
    """A goal scored every turn and graded at the end of the game."""

    id: Id
    title: str = Field(min_length=1, max_length=90)
    metric: str = Field(
        min_length=1,
        description='A model-table column, e.g. "player.clean_share.rare_earth.manufacturing", '
        'or a game figure: "game.spending_musd", "game.alliance_strength".',
    )
    target: float
    direction: Literal["at_least", "at_most"] = "at_least"
    weight: float = Field(default=1.0, gt=0.0)
    by: DateText | None = Field(
        default=None, description="Deadline; games that end sooner are graded at their end."
    )


AIKind = Literal["dominant_supplier", "ally", "market"]


class AIProfile(Section):
    """How a computer-run nation decides its policy each turn."""

    nation: Id
    kind: AIKind = Field(
        description="dominant_supplier weighs leverage over the player against its own lost "
        "sales and customers, and controls, eases, punishes, courts and presses entrants "
        "accordingly; ally joins or declines ventures by its own interest; market leaves it "
        "to its firms."
    )
    aggressiveness: Fraction = Field(
        default=0.5,
        description="How much leverage over the player is worth to it per unit of anger at "
        "the player's hostile moves: 0 never retaliates.",
    )
    retaliation_tension: Fraction = Field(
        default=0.55,
        description="Tension with the player above which tension alone adds to its resolve.",
    )
    relax_tension: Fraction = Field(
        default=0.35, description="Tension below which it is glad to ease its controls."
    )
    controllable: tuple[Id, ...] = Field(
        default=(),
        description="Goods it may put under export controls; it chooses among them by how "
        "much the player depends on each.",
    )
    entrant_share: Fraction = Field(
        default=0.2,
        description="Share of refining outside its borders that makes it press new entrants.",
    )
    venture_tension_limit: Fraction = Field(
        default=0.45,
        description="ally: declines ventures when its tension with the player is above.",
    )
