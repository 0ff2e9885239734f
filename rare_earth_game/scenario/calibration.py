"""`[[calibration]]`: the sourced figures a scenario's model runs should reproduce.

Each entry names a model-table column, a period, how to summarise the turns in it, the
figure a source gives, a tolerance and the source in words. `rare-earth-game calibrate`
checks them all; the loader checks that each can be checked.
"""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from rare_earth_game.scenario.periods import PERIOD_HELP, PERIOD_PATTERN
from rare_earth_game.scenario.types import Positive, Section

Statistic = Literal["mean", "max", "min", "last", "sum"]

PeriodText = Annotated[
    str,
    StringConstraints(pattern=PERIOD_PATTERN),
    Field(description=f"When: {PERIOD_HELP}, inside the horizon."),
]


class CalibrationEntry(Section):
    """A sourced figure the model should reproduce within a tolerance."""

    metric: str = Field(
        min_length=1,
        description='A model-table column, e.g. "rare_earth.mining.share.CHN" or '
        '"ndpr_oxide.price.CHN".',
    )
    period: PeriodText
    statistic: Statistic = Field(
        default="mean",
        description="How the period's turns are summarised: mean, max, min, last or sum "
        "(the sum of quarterly tonnes is a year's output).",
    )
    value: float = Field(
        description="The sourced figure, in the metric's units (a ratio with relative_to)."
    )
    abs_tolerance: Positive | None = Field(
        default=None, description="Passes when the model is within this many units of value."
    )
    rel_tolerance: Positive | None = Field(
        default=None,
        description="Passes when the model is within this fraction of value (0.3 is ±30 %).",
    )
    relative_to: PeriodText | None = Field(
        default=None,
        description="Divide the statistic by the metric's mean over this period, e.g. for "
        '"the 2011 price was 6.2 times its 2009 level".',
    )
    source: str = Field(
        min_length=1,
        description='The sourced figure in words, e.g. "USGS MCS 2026: China mined 270,000 '
        'of 390,000 t REO in 2025".',
    )

    @field_validator("source")
    @classmethod
    def _not_blank(cls, source: str) -> str:
        if not source.strip():
            raise ValueError("must not be empty: say who published the figure and what it is")
        return source

    @model_validator(mode="after")
    def _one_tolerance(self) -> "CalibrationEntry":
        if self.abs_tolerance is None and self.rel_tolerance is None:
            raise ValueError(
                "needs a tolerance: abs_tolerance (in the metric's units) or rel_tolerance "
                "(a fraction of value, e.g. 0.3)"
            )
        if self.abs_tolerance is not None and self.rel_tolerance is not None:
            raise ValueError("give abs_tolerance or rel_tolerance, not both")
        if self.rel_tolerance is not None and self.value == 0:
            raise ValueError("value is 0, so rel_tolerance leaves no band; use abs_tolerance")
        return self
