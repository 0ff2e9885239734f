"""Shared field types and the strict, frozen base model of every scenario section.

Units used everywhere in a scenario file:
prices and unit costs in US dollars per kilogram (USD/kg), quantities in tonnes,
rates (capacity, demand, quotas) in tonnes per year, money (cash, budgets, capex) in
millions of US dollars (USD M). The engine converts annual rates to per-turn amounts.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Section(BaseModel):
    """Base of all scenario models: strict types, unknown keys rejected, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=64),
    Field(description="Identifier: a letter, then letters, digits, '_' or '-'."),
]

DateText = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$"),
    Field(description='A quarter such as "2025-Q2" or a month such as "2025-04".'),
]

NonNegative = Annotated[float, Field(ge=0.0)]
Positive = Annotated[float, Field(gt=0.0)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
