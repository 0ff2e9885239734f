"""Rows collected every turn, turned into pandas DataFrames on request.

We keep plain lists of dicts rather than Mesa's DataCollector: its model reporters are
deep-copied on every collect, its agent reporters keep references to mutable values, and a
misspelt reporter records None silently (docs/design.md, "Known traps").
"""

from dataclasses import dataclass, field
from typing import Any

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
        return pd.DataFrame(self.model_rows)

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
