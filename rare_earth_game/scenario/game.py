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


SUB_SCORES = (
    "supply_security",
    "prices",
    "jobs",
    "trade_balance",
    "taxpayers",
    "alliances",
    "conflict",
    "defence",
    "environment",
    "goals",
)
"""The scorecard's parts, each 0-100: the article's implications of a policy, and the
scenario's own goals (its objectives). Their formulas are the game's (`game/subscores.py`)."""
ANCHORED = SUB_SCORES[:-1]
"""Sub-scores with two anchors a scenario may move: the figures scored 0 and 100."""
STANDARD_LENS = "standard"
"""The lens whose weights are `[game.weights]`."""
DEFAULT_WEIGHTS: dict[str, float] = {
    "supply_security": 2.0,
    "prices": 1.0,
    "jobs": 1.0,
    "trade_balance": 0.5,
    "taxpayers": 1.0,
    "alliances": 1.0,
    "conflict": 1.0,
    "defence": 1.5,
    "environment": 1.0,
    "goals": 2.0,
}


class Lens(Section):
    """A named way to weigh the scorecard, as someone judging the player would: a lens's
    weights replace the standard weights it names and keep the others."""

    id: Id
    title: str = Field(min_length=1, max_length=32)
    description: str = Field(min_length=1, max_length=160)
    weights: dict[str, NonNegative] = Field(
        default_factory=dict, description="Sub-score id -> weight (see SUB_SCORES)."
    )


DEFAULT_LENSES: tuple[Lens, ...] = (
    Lens(
        id="security_first",
        title="Security",
        description="A defence planner's view: supply from friends, defence needs, the "
        "goals and allies matter most; the money is not counted.",
        weights={
            "supply_security": 4.0,
            "defence": 2.0,
            "goals": 4.0,
            "alliances": 2.5,
            "conflict": 0.5,
            "prices": 0.5,
            "jobs": 0.5,
            "trade_balance": 0.25,
            "taxpayers": 0.0,
            "environment": 0.0,
        },
    ),
    Lens(
        id="allies_first",
        title="Allies",
        description="A diplomat's view: allies' trust matters most, then supply from friends "
        "and defence; jobs and trade at home do not count.",
        weights={
            "alliances": 6.0,
            "supply_security": 1.5,
            "conflict": 0.25,
            "goals": 0.5,
            "defence": 1.0,
            "prices": 0.5,
            "jobs": 0.0,
            "trade_balance": 0.0,
            "taxpayers": 0.5,
            "environment": 0.5,
        },
    ),
    Lens(
        id="economy_first",
        title="Economy",
        description="A treasury's and an industry lobby's view: prices, jobs, the trade "
        "balance and the public purse matter most.",
        weights={
            "prices": 3.0,
            "jobs": 3.0,
            "trade_balance": 2.0,
            "taxpayers": 2.5,
            "supply_security": 1.0,
            "defence": 0.5,
            "alliances": 0.5,
            "environment": 0.5,
            "goals": 1.0,
        },
    ),
    Lens(
        id="green",
        title="Green",
        description="An environmental agency's view: harm at home weighs most, then "
        "working with allies and keeping the peace.",
        weights={
            "environment": 4.0,
            "alliances": 2.0,
            "conflict": 1.5,
            "supply_security": 1.0,
            "jobs": 0.5,
            "trade_balance": 0.25,
            "goals": 1.0,
        },
    ),
)


class Crisis(Section):
    """What happens when tension with the adversary crosses a threshold: a trade war."""

    tension: Fraction = Field(
        default=0.85, description="Tension with the adversary at which the crisis starts."
    )
    years: float = Field(default=2.0, gt=0.0, le=10.0, description="How long it lasts.")
    title: str = Field(default="Trade war", min_length=1, max_length=48)
    text: str = Field(
        default="The adversary answers with a ban on its key goods and tariffs on yours.",
        min_length=1,
        max_length=200,
    )
    truce_tension: Fraction = Field(
        default=0.7, description="Tension the truce that ends the crisis leaves behind."
    )
    effects: tuple[Effect, ...] = Field(
        default=(),
        description="Applied when it starts; the policies they set are lifted when it ends.",
    )


class GameSettings(Section):
    """Who the player is, what public money they have, and how the game is scored."""

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
    weights: dict[str, NonNegative] = Field(
        default_factory=dict,
        description="The standard lens: sub-score id -> weight, replacing the defaults "
        "it names (see SUB_SCORES).",
    )
    lenses: tuple[Lens, ...] = Field(
        default=(),
        description="Named lenses, pickable at setup; one with a default lens's id "
        "(security_first, economy_first, green) replaces it.",
    )
    lens: Id = Field(default=STANDARD_LENS, description="The lens a game starts with.")
    anchors: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Sub-score id -> [figure scored 0, figure scored 100], replacing the "
        "defaults the scorecard explains.",
    )
    crisis: Crisis | None = Field(
        default=None, description="The trade war that high tension sets off (none if left out)."
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
        default=(),
        description="Cards whose effects must be in force first: funded, for a card whose "
        "effects act from the start, else paid in full. The card is offered the turn after.",
    )
    pays_off_with: Id | None = Field(
        default=None,
        description="A card this one acts only through, such as the project a permitting "
        "reform speeds: the balance tool measures this card with that one funded the turn "
        "after this one is in force, against that one alone funded then.",
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
        default=None,
        description='Deadline; games that end sooner are graded at their end, and a "by '
        'YEAR" in the title says that year instead.',
    )
    since: DateText | None = Field(
        default=None,
        description='For "worst_year" and "late_average": the first date that counts (a goal '
        "the world already misses when the game starts can ask for a recovery by then).",
    )
    judged: Literal["deadline", "worst_year", "late_average"] | None = Field(
        default=None,
        description='How the turns are read: "deadline" (the figure at `by`, or at the '
        'end), "worst_year" (keep it every year: the worst one counts) or "late_average" '
        "(the average of the game's second half). Default: deadline with `by`, else "
        "worst_year.",
    )

    @property
    def reading(self) -> str:
        """How this objective is judged (its `judged`, or the default)."""
        if self.judged is not None:
            return self.judged
        return "deadline" if self.by is not None else "worst_year"


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
        description="Share of a chain's refining outside its borders that makes it press that "
        "chain's new entrants.",
    )
    venture_tension_limit: Fraction = Field(
        default=0.45,
        description="ally: declines ventures when its tension with the player is above.",
    )
