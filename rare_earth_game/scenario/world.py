"""The physical and economic world of a scenario: nations, goods, recipes, facilities, buyers."""

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from rare_earth_game.scenario.types import (
    DateText,
    Fraction,
    Id,
    NonNegative,
    Positive,
    Section,
)

Stage = Literal["scrap", "mining", "processing", "metal", "manufacturing"]
STAGE_LEVEL: dict[str, int] = {
    "scrap": 0,
    "mining": 0,
    "processing": 1,
    "metal": 2,
    "manufacturing": 3,
}
"""Markets clear in this order each turn; a recipe must turn lower levels into higher ones."""

Role = Literal["home", "ally", "neutral", "adversary"]
FacilityStatus = Literal["operating", "building", "mothballed", "closed", "prospect"]
Process = Literal[
    "separation", "metal_making", "magnet_making", "anode_making", "refining", "recycling"
]


class Meta(Section):
    """What the scenario is and where its numbers come from."""

    name: str = Field(min_length=1, description="Title shown to players and in reports.")
    description: str = Field(min_length=1, description="One or two sentences on what it shows.")
    sources: tuple[str, ...] = Field(
        default=(), description="Publications the numbers come from (cite them in comments too)."
    )
    author: str = Field(default="", description="Who wrote the scenario.")
    key_commodities: tuple[Id, ...] = Field(
        default=(), description="Goods to headline in summaries and charts (default: chosen)."
    )


class Time(Section):
    """The calendar: when the game starts, how many turns, how long a turn is."""

    start: DateText = Field(description='First turn, e.g. "2025-Q1" (or a month "2025-01").')
    turns: int = Field(ge=1, le=600, description="Number of turns in the full horizon.")
    months_per_turn: Literal[1, 2, 3, 4, 6, 12] = Field(
        default=3, description="Length of a turn; 3 makes quarterly turns."
    )


class Settings(Section):
    """Behavioural parameters of the engine, so research sweeps can vary them.

    Each is one assumption, stated with its source in `docs/model.md`.
    """

    price_persistence: Fraction = Field(
        default=0.6,
        description="Share of today's gap between price and normal price that agents expect "
        "to last into each following turn (0: prices snap back; 1: today's price lasts).",
    )
    price_momentum: Fraction = Field(
        default=0.0,
        description="Share of the last price change agents extrapolate into next turn "
        "(speculation). 0: none.",
    )
    normal_price_weight: Fraction = Field(
        default=0.08,
        description="Weight of the latest traded price in the slow 'normal price' (per turn).",
    )
    seller_reserve: Fraction = Field(
        default=0.85,
        description="Plants hold stock rather than sell below this share of expected price.",
    )
    target_stock_turns: float = Field(
        default=0.5,
        ge=0.0,
        description="Output stock plants aim to hold, in turns of recent sales.",
    )
    distress_reserve: Fraction = Field(
        default=0.4,
        description="Share of expected price a joint-product plant reckons on for an output "
        "made beyond what it sells (deciding how much to make).",
    )
    markdown_per_turn: Fraction = Field(
        default=0.2,
        description="How much a seller lowers its ask each turn unsold stock piles up.",
    )
    write_off_turns: int = Field(
        default=3,
        ge=1,
        description="Turns unsold stock is carried at the lowest ask, or without any buyer, "
        "before it is written off.",
    )
    risk_memory: Fraction = Field(
        default=0.6,
        description="How slowly perceived supply risk fades once the threat eases (0 forgets "
        "at once); a rising threat is felt at once.",
    )
    momentum_risk: NonNegative = Field(
        default=1.0, description="Perceived risk added per 100 % price rise in one turn."
    )
    carrying_cost_per_year: NonNegative = Field(
        default=0.15,
        description="Cost of holding stock for a year, as a share of its value: interest, "
        "storage and obsolescence. Safety stock is bought only where it pays for this.",
    )
    inventory_adjust_turns: float = Field(
        default=2.0,
        ge=1.0,
        description="Turns over which buyers close the gap to their stock target.",
    )
    switching_cost: NonNegative = Field(
        default=0.05,
        description="Cost per tonne, as a share of the reference price, of buying beyond a "
        "route's established trade: requalifying a supplier. 0 lets buyers switch freely.",
    )
    tie_half_life_years: NonNegative = Field(
        default=1.0, description="How long a route stays established after trade on it stops."
    )
    tie_flex: NonNegative = Field(
        default=0.25, description="Growth an established route absorbs without switching cost."
    )
    substitution_elasticity: NonNegative = Field(
        default=0.5,
        description="Long-run demand elasticity from substitution and thrift, on top of the "
        "short run: the demand intensity buyers move towards at a lasting price.",
    )
    thrift_max_per_year: Fraction = Field(
        default=0.10, description="Largest yearly fall in demand intensity from substitution."
    )
    thrift_recovery_per_year: Fraction = Field(
        default=0.02, description="Largest yearly rise of demand intensity once prices fall."
    )
    hurdle_rate: NonNegative = Field(
        default=0.12,
        description="Yearly return private firms require of a new project (real, after risk).",
    )
    state_hurdle_rate: NonNegative = Field(
        default=0.06, description="Yearly return state-directed producers require."
    )
    project_life_years: float = Field(
        default=20.0, gt=0.0, description="Years over which a project must pay back."
    )
    planned_utilisation: float = Field(
        default=0.85,
        gt=0.0,
        le=1.0,
        description="Utilisation firms plan capacity for: spare capacity is insurance.",
    )
    gap_closed_per_year: Fraction = Field(
        default=0.5,
        description="Share of the expected capacity shortfall (after capacity already being "
        "built or announced) that firms commit to closing each year.",
    )
    default_capex_share: Fraction = Field(
        default=0.75,
        description="Where a facility gives no capital cost: its expansions cost this share "
        "of what they would earn, in present value, at reference prices (the scenario's "
        "prices are taken to be long-run prices at which adding capacity pays).",
    )
    expansion_step: Fraction = Field(
        default=0.25, description="Largest expansion at one site, as a share of its capacity."
    )
    mothball_after_turns: int = Field(
        default=4,
        ge=1,
        description="Turns of expected cash losses before a private facility mothballs.",
    )
    restart_cost_years: NonNegative = Field(
        default=0.5,
        description="Cost of restarting a mothballed facility, in years of its fixed cost.",
    )
    retire_after_years: float = Field(
        default=3.0,
        gt=0.0,
        description="Years a facility stays mothballed, not worth restarting, before it closes.",
    )
    bankrupt_after_turns: int = Field(
        default=4, ge=1, description="Turns with cash below the credit line before bankruptcy."
    )
    court_protection_turns: int = Field(
        default=0,
        ge=0,
        description="Turns a bankrupt owner keeps running its facilities under court "
        "protection (as in a US Chapter 11 case) before they close: no interest accrues on "
        "its debt meanwhile, and a facility that stops covering its cash costs still "
        "mothballs. 0 closes them at once.",
    )
    build_years: dict[str, NonNegative] = Field(
        default_factory=lambda: {
            "mine": 2.5,
            "separation": 2.5,
            "refining": 2.0,
            "metal_making": 2.5,
            "magnet_making": 2.75,
            "anode_making": 2.0,
            "recycling": 1.5,
            "recovery": 1.5,
        },
        description="Construction years by facility kind, after any permitting.",
    )
    ramp_up_turns: int = Field(
        default=4, ge=0, description="Turns a new facility takes to reach full capacity."
    )
    capex_per_kt: dict[str, NonNegative] = Field(
        default_factory=lambda: {
            "mine": 25.0,
            "separation": 25.0,
            "refining": 10.0,
            "metal_making": 100.0,
            "magnet_making": 300.0,
            "anode_making": 5.0,
            "recycling": 150.0,
            "recovery": 1500.0,
        },
        description="USD M per 1,000 units of yearly capacity, when a facility gives no capex.",
    )
    interest_rate: NonNegative = Field(
        default=0.08, description="Yearly interest firms pay on debt (negative cash)."
    )
    demand_noise: NonNegative = Field(
        default=0.0,
        description="Standard deviation of random shocks to each buyer's demand (log, per "
        "turn): the unexplained ups and downs of orders. 0 makes demand deterministic.",
    )
    demand_noise_persistence: float = Field(
        default=0.7,
        ge=0.0,
        lt=1.0,
        description="Share of a demand shock still felt next turn.",
    )
    default_tension: Fraction = Field(
        default=0.1, description="Tension between nations with no [[relations]] entry."
    )


class Nation(Section):
    """A country or bloc that makes policy, hosts facilities and buys goods."""

    id: Id = Field(description='Short id, ideally the ISO 3166 alpha-3 code, e.g. "USA".')
    name: str = Field(min_length=1)
    role: Role = Field(
        default="neutral",
        description="Alignment from the player's point of view: home, ally, neutral or adversary.",
    )
    iso_a3: str = Field(
        default="", description="ISO alpha-3 code(s) on the world map, comma-separated for blocs."
    )
    permitting_years: NonNegative = Field(
        default=3.0, description="Years to permit a new mine here before construction starts."
    )


BLOC_SUFFIX = "_bloc"
"""Bloc columns end in it (`share.adversary_bloc`), so a bloc never reads as a nation."""


class Bloc(Section):
    """Nations counted together in the tables, e.g. China and Russia as one adversary bloc.

    A bloc changes nothing in the world; it adds columns such as
    `rare_earth.mining.share.adversary_bloc`, so the tables can say "China" where they mean
    China alone and name the bloc where they mean the bloc.
    """

    id: Id = Field(description='Bloc id; its columns end in "<id>_bloc". Not a nation id.')
    name: str = Field(min_length=1, description="Name shown in reports.")
    members: tuple[Id, ...] = Field(min_length=1, description="Ids of the member nations.")
    description: str = Field(default="", description="Why these nations are counted together.")

    @property
    def key(self) -> str:
        """The name its columns use, e.g. `share.adversary_bloc`."""
        return f"{self.id}{BLOC_SUFFIX}"


class Relation(Section):
    """Tension between two nations: 0 is friendly, 1 is open hostility."""

    a: Id
    b: Id
    tension: Fraction


class Commodity(Section):
    """A traded good at one stage of a chain."""

    id: Id
    name: str = Field(min_length=1)
    unit: str = Field(default="t", description='Unit of quantity, e.g. "t REO" or "t".')
    stage: Stage = Field(description="scrap, mining, processing, metal or manufacturing.")
    chain: Id = Field(description='Supply chain it belongs to, e.g. "rare_earth" or "graphite".')
    reference_price: Positive = Field(
        description="Normal price in USD/kg; demand curves pivot here."
    )
    trade_friction: Fraction = Field(
        default=0.0,
        description="Extra cost of buying abroad, as a share of the reference price: supplier "
        "qualification and contracts, which make made goods imperfect substitutes by origin.",
    )
    description: str = ""


class Recipe(Section):
    """A processing step: inputs per unit of activity become outputs."""

    id: Id
    name: str = Field(min_length=1)
    process: Process = Field(description="Kind of plant, which sets build time and map symbol.")
    inputs: dict[Id, Positive] = Field(
        min_length=1, description="Tonnes of each input commodity per unit of activity."
    )
    outputs: dict[Id, Positive] = Field(
        min_length=1, description="Tonnes of each output commodity per unit of activity."
    )
    activity_unit: str = Field(
        default="t of first input",
        description="What one unit of activity (and of a refiner's capacity) is.",
    )
    thrift: dict[Id, Fraction] = Field(
        default_factory=dict,
        description="Share of an input a plant can do without in the short run "
        "(e.g. Dy in magnets that need no heat resistance).",
    )
    thrift_cost: dict[Id, Annotated[float, Field(gt=1.0)]] = Field(
        default_factory=dict,
        description="Price, as a multiple of the input's reference price, at which doing "
        "without the last of its thriftable share pays (default 3): thrifting costs more "
        "the more of the input is saved.",
    )


class Facility(Section):
    """Fields shared by mines and plants."""

    id: Id
    name: str = Field(min_length=1)
    nation: Id
    owner: str = Field(default="", description="Operating company, shown on the map.")
    status: FacilityStatus = Field(default="operating")
    capacity: NonNegative = Field(description="Full capacity per year when operating.")
    unit_cost: NonNegative = Field(description="Cash cost in USD/kg of capacity unit.")
    turns_to_complete: int = Field(
        default=0, ge=0, description='For status="building": turns until it opens.'
    )
    ramp_up_turns: int | None = Field(
        default=None, ge=0, description="Turns to full output after opening (default: settings)."
    )
    start_utilisation: Fraction = Field(
        default=1.0,
        description="For an operating facility still ramping up: the share of capacity it can "
        "run at when the scenario starts (its real output ÷ capacity); it ramps from there.",
    )
    state_directed: bool = Field(
        default=False,
        description="Follows its nation's production quota; never mothballs or goes bankrupt.",
    )
    recorded: bool = Field(
        default=True,
        description="false for supply outside official statistics (illegal mining, "
        "smuggling): it trades like any other, but ignores production quotas, never "
        "expands, and its output and exports are left out of the production, share and "
        "export columns that are compared with statistics.",
    )
    cash: float = Field(default=100.0, description="Owner's cash in USD M (negative = debt).")
    credit_line: NonNegative = Field(
        default=200.0, description="Debt (USD M) lenders tolerate before bankruptcy."
    )
    fixed_cost: NonNegative = Field(default=10.0, description="USD M per year while open.")
    capex: NonNegative = Field(
        default=0.0, description="USD M to build (paid over construction) or to commit a prospect."
    )
    jobs: int = Field(default=0, ge=0, description="Direct jobs at full output.")
    units: int = Field(
        default=1,
        ge=1,
        description="Separate sites this entry stands for: an accident hits one, and losses "
        "mothball them one at a time.",
    )
    environmental_impact: NonNegative = Field(
        default=1.0, description="Impact index per 1,000 units of output (local harm, waste)."
    )
    offtake: tuple[Id, ...] | None = Field(
        default=None,
        description="Nations its output is contracted to, its own only if listed "
        "(default: it sells to anyone).",
    )
    location: tuple[float, float] | None = Field(
        default=None, description="[latitude, longitude] for the map."
    )
    opened: DateText | None = Field(default=None, description="Historical note: when it opened.")
    note: str = ""

    @model_validator(mode="after")
    def _building_needs_time(self) -> "Facility":
        if self.status == "building" and self.turns_to_complete == 0:
            raise ValueError('a facility with status "building" needs turns_to_complete >= 1')
        return self


class Miner(Facility):
    """A deposit in production or development, selling one good or several in fixed proportions.

    With `commodity`, capacity is in tonnes of that good a year and the mine produces to
    order. With `outputs` (joint products: ore that carries light and heavy rare earths
    together), capacity is in units of extraction a year, each yielding the listed tonnes
    of every output; the most valuable output's market drives extraction and the others
    come out in proportion, sold from stock.
    """

    commodity: Id | None = Field(
        default=None, description="The one good it mines (or use outputs for several)."
    )
    outputs: dict[Id, Positive] | None = Field(
        default=None,
        min_length=1,
        description="Joint products instead of commodity: tonnes of each good per unit of "
        "extraction, e.g. { light_concentrate = 0.8, heavy_concentrate = 0.2 }.",
    )

    @field_validator("outputs")
    @classmethod
    def _not_both(
        cls, outputs: dict[str, float] | None, info: ValidationInfo
    ) -> dict[str, float] | None:
        if outputs is not None and info.data.get("commodity") is not None:
            raise ValueError(
                "give either commodity or outputs, not both; for joint products list every "
                "good in outputs"
            )
        return outputs

    @model_validator(mode="after")
    def _one_kind_of_output(self) -> "Miner":
        if self.commodity is None and self.outputs is None:
            raise ValueError(
                "a miner needs commodity (the one good it mines) or outputs (goods mined "
                "together in fixed proportions)"
            )
        return self

    @property
    def yields(self) -> dict[str, float]:
        """Tonnes of each good per unit of capacity."""
        return dict(self.outputs) if self.outputs else {str(self.commodity): 1.0}


class Refiner(Facility):
    """A plant running one recipe; capacity in units of activity per year."""

    recipe: Id
    efficiency: Fraction = Field(default=1.0, description="Share of recipe outputs recovered.")


class Recovery(Facility):
    """By-product recovery at a host mine or plant (gallium from the Bayer liquor of an
    alumina refinery): capacity in tonnes of the by-product a year, unit_cost in USD/kg of it.

    Each turn it can recover at most its capacity and `yield_per_unit` times the host's
    activity, so its supply follows the host's market [S: Nassar, Graedel and Harper
    2015, by-product supply]; it recovers while the by-product's price covers its cost, as
    much as it expects to sell, and sells from stock.
    """

    host: Id = Field(description="The mine or plant (miners or refiners id) it recovers at.")
    commodity: Id = Field(description="The by-product it recovers.")
    yield_per_unit: Positive = Field(
        description="Tonnes recoverable per unit of the host's activity (per tonne a mine "
        "sells, per unit a plant processes)."
    )


class Buyer(Section):
    """A sector's demand for one commodity in one nation."""

    id: Id
    nation: Id
    sector: Id = Field(description='e.g. "ev", "wind", "defence", "electronics", "catalysts".')
    commodity: Id
    base_demand: NonNegative = Field(
        description="Tonnes per year at the reference price, at start."
    )
    growth: float = Field(default=0.0, ge=-0.5, le=1.0, description="Yearly growth of demand.")
    elasticity: float = Field(
        default=0.3,
        ge=0.0,
        le=3.0,
        description="Short-run price elasticity at the reference price (positive number).",
    )
    cost_share: float = Field(
        default=0.2,
        gt=0.0,
        le=1.0,
        description="Share of the good in the cost of what it goes into, at the reference "
        "price. Demand bends as the good's cost grows (derived demand): a small share keeps "
        "demand inelastic near normal prices and lets it collapse at many times them.",
    )
    inventory_months: NonNegative = Field(
        default=2.0, description="Normal stock held, in months of consumption."
    )
    hoarding: NonNegative = Field(
        default=1.5,
        description="At full perceived risk the stock target grows by this multiple of itself.",
    )
    thrift_max_per_year: Fraction | None = Field(
        default=None, description="Override of settings.thrift_max_per_year for this buyer."
    )


class Route(Section):
    """A transport cost between two nations, overriding the default."""

    origin: Id
    destination: Id
    cost: NonNegative = Field(description="USD/kg, including freight and insurance.")


class SmugglingRoute(Section):
    """Goods that leave a nation without passing its customs [A: smuggling, as in China's
    rare-earth trade of 2008-2014]: no export duty, quota, licence or ban of the exporter
    applies to them, and official statistics do not count them as exports. Together the
    routes carry at most `tonnes_per_year`, at a cost (bribes, risk, false papers) of
    `cost_share` of the good's price in the exporter on top of transport; the importer's
    tariff is paid as on any import."""

    id: Id
    exporter: Id
    commodity: Id
    tonnes_per_year: NonNegative = Field(description="Most the routes carry together a year.")
    cost_share: float = Field(
        ge=0.0,
        le=10.0,
        description="Cost of smuggling a tonne, as a share of the good's price in the exporter.",
    )
    destinations: tuple[Id, ...] | None = Field(
        default=None, description="Where the goods may go (every other nation if omitted)."
    )


class Transport(Section):
    """Cost of moving goods between nations."""

    default_cost: NonNegative = Field(default=0.15, description="USD/kg between any two nations.")
    routes: tuple[Route, ...] = ()
    smuggling: tuple[SmugglingRoute, ...] = ()
