"""The warehouse contract as the oracle reads it: `dbt_project/contract/entities.csv`, the project's
own copy (29 tables, their columns in documented order, their documented types, their foreign keys)."""

from __future__ import annotations

import csv
import functools
import pathlib

SPEC_CSV = pathlib.Path(__file__).resolve().parents[2] / "dbt_project" / "contract" / "entities.csv"

# Load time: the one contract column no account state can predict.
LOAD_TIME_COLUMN = "WhenUpsertedIntoDataStore"

# SPEC.md "Type mapping (DuckDB)".
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "long": "BIGINT",
    "int": "INTEGER",
    "boolean": "BOOLEAN",
    "datetime": "TIMESTAMP WITH TIME ZONE",
}


@functools.cache
def contract() -> dict[str, tuple[tuple[str, str], ...]]:
    """`{table: ((column, documented type), ...)}` in documented column order."""
    tables: dict[str, list[tuple[int, str, str]]] = {}
    with SPEC_CSV.open(newline="") as fh:
        for row in csv.DictReader(fh):
            tables.setdefault(row["table"], []).append((int(row["position"]), row["column"], row["type"]))
    return {t: tuple((c, kind) for _, c, kind in sorted(cols)) for t, cols in tables.items()}


@functools.cache
def compared_columns(table: str) -> tuple[tuple[str, str], ...]:
    """The columns of `table` the oracle predicts: every contract column but the load time."""
    return tuple((c, kind) for c, kind in contract()[table] if c != LOAD_TIME_COLUMN)


def tables() -> tuple[str, ...]:
    """The 29 published tables, sorted."""
    return tuple(sorted(contract()))
