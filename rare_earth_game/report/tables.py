"""Write a run's tables as CSV, and as Parquet too when pyarrow is installed."""

import importlib.util
from pathlib import Path

import pandas as pd

from rare_earth_game.report.folders import replaced


def parquet_available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def write_tables(
    tables: dict[str, pd.DataFrame], folder: Path, *, parquet: bool | None = None
) -> list[Path]:
    """Write each table as `<name>.csv` (and `<name>.parquet`, unless `parquet` is False
    or pyarrow is missing); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with_parquet = parquet_available() and parquet is not False
    for name, table in tables.items():
        csv_path = folder / f"{name}.csv"
        with replaced(csv_path) as temporary:
            table.to_csv(temporary, index=False)
        written.append(csv_path)
        if with_parquet:
            parquet_path = folder / f"{name}.parquet"
            with replaced(parquet_path) as temporary:
                table.to_parquet(temporary, index=False)
            written.append(parquet_path)
    return written
