"""Rows collected every turn, turned into pandas DataFrames on request.

We keep plain lists of dicts rather than Mesa's DataCollector: its model reporters are
deep-copied on every collect, its agent reporters keep references to mutable values, and a
misspelt reporter records None silently (docs/design.md, "Known traps").
"""

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


@dataclass
class Recorder:
    model_rows: list[dict[str, Any]] = field(default_factory=list)
    market_rows: list[dict[str, object]] = field(default_factory=list)
    flow_rows: list[dict[str, object]] = field(default_factory=list)
    facility_rows: list[dict[str, object]] = field(default_factory=list)
    note_rows: list[dict[str, Any]] = field(default_factory=list)

    def model_table(self) -> pd.DataFrame:
        """One row per turn: prices by commodity and nation, volumes, shares, HHI, scores."""
        return wide_table(self.model_rows)

    def markets_table(self) -> pd.DataFrame:
        """One row per turn, commodity and nation: price, material balance, demand."""
        return pd.DataFrame(self.market_rows, columns=_MARKET_COLUMNS)

    def flows_table(self) -> pd.DataFrame:
        """One row per turn and trade route used: exporter, importer, tonnes, money."""
        return pd.DataFrame(self.flow_rows, columns=_FLOW_COLUMNS)

    def facilities_table(self) -> pd.DataFrame:
        return pd.DataFrame(self.facility_rows, columns=_FACILITY_COLUMNS)

    def notes_table(self) -> pd.DataFrame:
        return pd.DataFrame(self.note_rows, columns=["turn", "date", "kind", "subject", "text"])


def wide_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """`pd.DataFrame(rows)` for rows of hundreds of columns, nearly all floats, in half
    its time or less: pandas infers each column's type from objects, which for a wide
    table costs more than the figures. Columns come in order of first
    appearance, a missing value is NaN, and a column holding anything but floats is left
    to pandas, so the table is the one pandas would build, value for value and type
    for type."""
    if not rows:
        return pd.DataFrame(rows)
    names = list(dict.fromkeys(key for row in rows for key in row))
    not_floats = {key for row in rows for key, value in row.items() if type(value) is not float}
    floats = [n for n in names if n not in not_floats]
    table = pd.DataFrame(
        np.array([[row.get(n, math.nan) for n in floats] for row in rows], dtype=float).reshape(
            len(rows), len(floats)
        ),
        columns=floats,
    )
    others = [n for n in names if n in not_floats]
    if others:
        rest = pd.DataFrame([{n: row[n] for n in others if n in row} for row in rows])
        table = pd.concat([table, rest.reindex(columns=others)], axis=1)
    return table[names] if others else table


_MARKET_COLUMNS = [
    "turn",
    "date",
    "commodity",
    "nation",
    "price",
    "last_traded_price",
    "expected_price",
    "opening_stock",
    "production",
    "imports",
    "exports",
    "use",
    "written_off",
    "closing_stock",
    "residual",
    "consumption",
    "demand",
    "unmet",
    "adversary_content",
]
_FLOW_COLUMNS = [
    "turn",
    "date",
    "commodity",
    "exporter",
    "importer",
    "tonnes",
    "fob_price",
    "value_musd",
    "tariff_musd",
    "duty_musd",
    "transport_musd",
    "export_rent_musd",
    "smuggled",
]
_FACILITY_COLUMNS = [
    "turn",
    "date",
    "facility",
    "name",
    "nation",
    "kind",
    "status",
    "capacity",
    "output",
    "utilisation",
    "unit_cost",
    "cash_musd",
    "profit_musd",
    "bankrupt",
]
