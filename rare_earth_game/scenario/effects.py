"""The fixed vocabulary of effects that scripted events, random events and investment cards use.

An author combines these in TOML (`type = "set_tariff"` and the fields below); the engine
implements each one in `rare_earth_game.sim.effects`. Adding an effect means adding a model
here and its handler there.
"""

from typing import Annotated, Literal

from pydantic import Field

from rare_earth_game.scenario.policies import (
    RELEASE_TO,
    ExportControl,
    ExportDuty,
    PriceFloor,
    ProductionQuota,
    ReleaseTo,
    Subsidy,
    Tariff,
)
from rare_earth_game.scenario.types import Fraction, Id, NonNegative, Section
from rare_earth_game.scenario.world import FacilityStatus, Miner, Recovery, Refiner


class SetExportControl(ExportControl):
    """Impose or replace (same id) an export control."""

    type: Literal["set_export_control"]


class SetTariff(Tariff):
    """Impose or replace (same id) an import tariff."""

    type: Literal["set_tariff"]


class SetExportDuty(ExportDuty):
    """Impose or replace (same id) an export duty."""

    type: Literal["set_export_duty"]


class SetProductionQuota(ProductionQuota):
    """Impose or replace (same id) a production quota."""

    type: Literal["set_production_quota"]


class SetSubsidy(Subsidy):
    """Start or replace (same id) a production subsidy."""

    type: Literal["set_subsidy"]


class SetPriceFloor(PriceFloor):
    """Start or replace (same id) a price floor."""

    type: Literal["set_price_floor"]


class RemovePolicy(Section):
    """Lift any policy (tariff, duty, control, quota, subsidy or floor) by its id."""

    type: Literal["remove_policy"]
    id: Id


class AddMiner(Miner):
    """Put a new mine or project into the world (usually with status = "building")."""

    type: Literal["add_miner"]


class AddRefiner(Refiner):
    """Put a new plant into the world (usually with status = "building")."""

    type: Literal["add_refiner"]


class AddRecovery(Recovery):
    """Start recovering a by-product at a mine or plant (usually with status = "building")."""

    type: Literal["add_recovery"]


class ChangeCapacity(Section):
    """Scale a facility's capacity, for good or for a number of turns (an outage)."""

    type: Literal["change_capacity"]
    facility: Id
    factor: NonNegative = Field(description="1.5 adds half; 0.4 cuts 60 %.")
    turns: int | None = Field(default=None, ge=1, description="Reverts after this many turns.")


class ChangeCost(Section):
    """Scale unit costs of matching facilities (technology, incentives, shocks)."""

    type: Literal["change_cost"]
    factor: NonNegative
    facilities: tuple[Id, ...] | None = None
    nation: Id | None = None
    processes: tuple[str, ...] | None = Field(
        default=None, description='Facility kinds: "mine" or a recipe process such as "separation".'
    )


class ChangeLeadTime(Section):
    """Scale permitting and construction times of projects a nation starts from now on."""

    type: Literal["change_lead_time"]
    nation: Id
    factor: NonNegative
    environmental_factor: NonNegative = Field(
        default=1.0, description="Scales environmental impact of facilities built from now on."
    )


class ChangeDemand(Section):
    """Scale demand of matching buyers at once (a boom or a slump), optionally for some turns."""

    type: Literal["change_demand"]
    factor: NonNegative
    nation: Id | None = None
    sector: Id | None = None
    commodity: Id | None = None
    turns: int | None = Field(default=None, ge=1)


class ChangeDemandIntensity(Section):
    """Lower (or raise) demand intensity of matching buyers gradually, e.g. alternatives R&D."""

    type: Literal["change_demand_intensity"]
    annual_rate: float = Field(ge=-0.5, le=0.5, description="-0.05 lowers demand 5 % a year.")
    years: float = Field(gt=0.0, le=50.0)
    nation: Id | None = None
    sector: Id | None = None
    commodity: Id | None = None


class ChangeTension(Section):
    """Move tension between two nations."""

    type: Literal["change_tension"]
    nation: Id
    other: Id
    delta: float = Field(ge=-1.0, le=1.0)


class StockpileBuy(Section):
    """Order a government purchase of tonnes for the nation's stockpile."""

    type: Literal["stockpile_buy"]
    nation: Id
    commodity: Id
    tonnes: NonNegative
    max_price_multiple: float = Field(default=2.0, gt=0.0)


class StockpileRelease(Section):
    """Release tonnes from the nation's stockpile onto its home market."""

    type: Literal["stockpile_release"]
    nation: Id
    commodity: Id
    tonnes: NonNegative


class SetStockpileRule(Section):
    """Set a nation's standing rule for a stockpile: what to hold, when to buy and release."""

    type: Literal["set_stockpile_rule"]
    nation: Id
    commodity: Id
    target_tonnes: NonNegative
    buy_tonnes_per_year: NonNegative = 0.0
    buy_below_multiple: float = Field(default=1.2, gt=0.0)
    release_above_multiple: float = Field(default=2.0, gt=0.0)
    release_tonnes_per_year: NonNegative = 0.0
    release_to: ReleaseTo = Field(default="market", description=RELEASE_TO)


class SetOfftake(Section):
    """Contract a facility's output to buyers in some nations (an offtake agreement)."""

    type: Literal["set_offtake"]
    facility: Id
    nations: tuple[Id, ...] | None = Field(
        default=None,
        description="Nations it may sell to (its own only if listed); leave out to end it.",
    )


class SetFacilityStatus(Section):
    """Open, mothball or close a facility by decree or accident."""

    type: Literal["set_facility_status"]
    facility: Id
    status: FacilityStatus
    turns_to_complete: int = Field(default=0, ge=0)
    construction_paid: bool = Field(
        default=False,
        description="Building is paid for by this effect's source (e.g. the card's cost), "
        "not from the facility's own cash.",
    )


class DelayConstruction(Section):
    """Hold up a facility under construction (a permit challenge, a contractor's failure)."""

    type: Literal["delay_construction"]
    facility: Id
    turns: int = Field(ge=1, le=40, description="Turns added to its construction.")


class ChangeEfficiency(Section):
    """Raise (or lower) a plant's recovery, e.g. a recycling process maturing."""

    type: Literal["change_efficiency"]
    facility: Id
    delta: float = Field(ge=-1.0, le=1.0)


class ChangeBudget(Section):
    """Change a nation's public budget (USD M a year), e.g. a new appropriation."""

    type: Literal["change_budget"]
    nation: Id
    delta_per_year: float


class News(Section):
    """A headline with no other effect."""

    type: Literal["news"]
    text: str = Field(min_length=1)
    importance: Fraction = 0.5


Effect = Annotated[
    SetExportControl
    | SetTariff
    | SetExportDuty
    | SetProductionQuota
    | SetSubsidy
    | SetPriceFloor
    | RemovePolicy
    | AddMiner
    | AddRefiner
    | AddRecovery
    | ChangeCapacity
    | ChangeCost
    | ChangeLeadTime
    | ChangeDemand
    | ChangeDemandIntensity
    | ChangeTension
    | StockpileBuy
    | StockpileRelease
    | SetStockpileRule
    | SetOfftake
    | SetFacilityStatus
    | DelayConstruction
    | ChangeEfficiency
    | ChangeBudget
    | News,
    Field(discriminator="type"),
]
