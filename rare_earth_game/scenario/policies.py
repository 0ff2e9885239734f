"""Trade and industrial policies: those in force at the start, and those events and cards set."""

from typing import Literal

from pydantic import Field, model_validator

from rare_earth_game.scenario.types import DateText, Fraction, Id, NonNegative, Section


class Tariff(Section):
    """An ad valorem import tariff, applied on each route as a per-tonne wedge."""

    id: Id
    importer: Id
    exporters: tuple[Id, ...] | None = Field(
        default=None, description="Nations it applies to (default: every other nation)."
    )
    commodities: tuple[Id, ...] | None = Field(
        default=None, description="Goods it applies to (default: all)."
    )
    rate: float = Field(ge=0.0, le=10.0, description="Ad valorem rate, 0.25 for 25 %.")


class ExportDuty(Section):
    """A tax an exporter levies on its own exports."""

    id: Id
    exporter: Id
    commodities: tuple[Id, ...] | None = None
    destinations: tuple[Id, ...] | None = None
    rate: float = Field(ge=0.0, le=10.0, description="Ad valorem rate, 0.25 for 25 %.")


class ExportControl(Section):
    """A ban, a quota or a licensing regime on exports of some goods from one nation.

    As the 2025 rules are written, a control may also reach goods that contain a listed good
    (`content_threshold`: "magnets containing Dy or Tb", the 0.1 % rule) and goods of the
    exporter's origin shipped on by other nations (`re_exports`).
    """

    id: Id
    exporter: Id
    commodities: tuple[Id, ...] = Field(min_length=1)
    kind: Literal["ban", "quota", "licence"]
    destinations: tuple[Id, ...] | None = Field(
        default=None, description="Nations it targets (default: all)."
    )
    tonnes_per_year: NonNegative | None = Field(
        default=None, description="quota only: yearly cap on exports of each good it covers."
    )
    approval_share: Fraction = Field(
        default=0.5, description="licence only: share of requested exports approved."
    )
    delay_turns: int = Field(
        default=1,
        ge=0,
        le=8,
        description="licence only: average turns before a request's approvals arrive; they "
        "arrive in equal parts over this turn and the next 2 x delay_turns turns.",
    )
    general_licences: tuple[Id, ...] = Field(
        default=(),
        description="licence only: destinations whose buyers hold general licences, so their "
        "requests are approved in full at once.",
    )
    content_threshold: Fraction | None = Field(
        default=None,
        description="Also covers every good whose value share of the listed goods, embodied "
        "through the recipes at reference prices, is at least this (0 for any, 0.001 for "
        "0.1 %); "
        "default: only the listed goods.",
    )
    re_exports: bool = Field(
        default=False,
        description="Also covers exports by other nations of covered goods whose value share "
        "of this exporter's origin (mined or processed there at any stage) is at least "
        "re_export_threshold.",
    )
    re_export_threshold: Fraction = Field(
        default=0.0,
        description="re_exports only: least share of a good's value of the exporter's origin "
        "for its re-export to be covered (default 0: any).",
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> "ExportControl":
        if self.kind == "quota" and self.tonnes_per_year is None:
            raise ValueError('kind = "quota" needs tonnes_per_year')
        if self.kind != "quota" and self.tonnes_per_year is not None:
            raise ValueError(f'tonnes_per_year only applies to kind = "quota", not "{self.kind}"')
        if self.kind != "licence" and self.general_licences:
            raise ValueError(f'general_licences only apply to kind = "licence", not "{self.kind}"')
        if not self.re_exports and self.re_export_threshold > 0:
            raise ValueError("re_export_threshold only applies with re_exports = true")
        return self


class ProductionQuota(Section):
    """A cap on the output of some goods by a nation's state-directed producers."""

    id: Id
    nation: Id
    commodities: tuple[Id, ...] = Field(
        min_length=1, description="Goods whose combined yearly output the quota caps."
    )
    tonnes_per_year: NonNegative = Field(description="Combined output allowed per year.")


class Subsidy(Section):
    """A production credit paid from the nation's budget."""

    id: Id
    nation: Id
    facilities: tuple[Id, ...] | None = Field(
        default=None, description="Covered facilities (default: all in the nation)."
    )
    usd_per_kg: NonNegative = Field(default=0.0, description="Credit per kg produced.")
    cost_share: Fraction = Field(default=0.0, description="Share of unit cost paid, e.g. 0.10.")


class PriceFloor(Section):
    """A guaranteed price: the nation pays covered producers any shortfall of the market price."""

    id: Id
    nation: Id
    commodity: Id
    price: NonNegative = Field(description="USD/kg guaranteed.")
    facilities: tuple[Id, ...] = Field(min_length=1, description="Covered producers.")
    until: DateText | None = Field(default=None, description="Last date in force.")


ReleaseTo = Literal["market", "defence"]
RELEASE_TO = (
    'Who gets a release: "market" sells it to any buyer at the trigger price or more; '
    '"defence" gives the nation\'s own defence users what they wanted and could not buy, at '
    "the home price, while that price (or, if none was sold, the price their shortage "
    "implies) is above the trigger: a defence stockpile is drawn on, not sold into a market "
    "where others may hoard it."
)


class Stockpile(Section):
    """A government stockpile with rules to buy below and release above given prices."""

    id: Id
    nation: Id
    commodity: Id
    tonnes: NonNegative = Field(default=0.0, description="Held at the start.")
    target_tonnes: NonNegative = Field(default=0.0, description="Buys towards this holding.")
    buy_tonnes_per_year: NonNegative = Field(default=0.0, description="Largest yearly purchase.")
    buy_below_multiple: float = Field(
        default=1.2, gt=0.0, description="Buys only below this multiple of the reference price."
    )
    release_above_multiple: float = Field(
        default=3.0, gt=0.0, description="Releases when the home price exceeds this multiple."
    )
    release_tonnes_per_year: NonNegative = Field(default=0.0, description="Largest yearly release.")
    release_to: ReleaseTo = Field(default="market", description=RELEASE_TO)


class Policies(Section):
    """Policies in force when the scenario starts."""

    tariffs: tuple[Tariff, ...] = ()
    export_duties: tuple[ExportDuty, ...] = ()
    export_controls: tuple[ExportControl, ...] = ()
    production_quotas: tuple[ProductionQuota, ...] = ()
    subsidies: tuple[Subsidy, ...] = ()
    price_floors: tuple[PriceFloor, ...] = ()
    stockpiles: tuple[Stockpile, ...] = ()
