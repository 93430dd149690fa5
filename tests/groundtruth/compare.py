"""Compare a built warehouse with the oracle's rows, table by table, column by column.

The expected rows go into DuckDB as Arrow tables typed by the contract (ids as BIGINT, never
through a float; timestamps as UTC instants); the warehouse (schema `freshdesk` of the dbt work
file or of the published file) is attached read-only. Per table: missing and extra `RemoteID`s,
duplicated `RemoteID`s, columns missing or out of order, columns of the wrong type, and per
column the rows whose value differs (`IS DISTINCT FROM`, after casting the warehouse's value to
the contract type), with a few examples.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from .contract import DUCKDB_TYPES, LOAD_TIME_COLUMN, compared_columns, contract, tables

_ARROW_TYPES = {
    "string": pa.string(),
    "long": pa.int64(),
    "int": pa.int32(),
    "boolean": pa.bool_(),
    "datetime": pa.timestamp("us", tz="UTC"),
}


@dataclass
class ColumnDiff:
    """Rows (matched on `RemoteID`) whose value of one column differs."""

    rows: int
    examples: list[tuple[str, Any, Any]]  # (RemoteID, expected, actual)


@dataclass
class TableDiff:
    """Everything that differs in one table; empty when the table is as expected."""

    missing_table: bool = False
    expected_rows: int = 0
    actual_rows: int = 0
    missing: list[str] = field(default_factory=list)  # RemoteIDs expected but absent (first few)
    missing_count: int = 0
    extra: list[str] = field(default_factory=list)  # RemoteIDs present but not expected (first few)
    extra_count: int = 0
    duplicated: int = 0  # RemoteIDs present more than once
    layout: list[str] = field(default_factory=list)  # columns missing, unexpected, out of order
    types: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (contract, actual)
    columns: dict[str, ColumnDiff] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.missing_table or self.missing_count or self.extra_count or self.duplicated
                    or self.layout or self.types or self.columns)

    def describe(self, table: str) -> str:
        """A few readable lines about what differs."""
        if self.missing_table:
            return f"{table}: table missing"
        lines = [f"{table}: {self.actual_rows} rows, {self.expected_rows} expected"]
        if self.missing_count:
            lines.append(f"  {self.missing_count} missing, e.g. {self.missing}")
        if self.extra_count:
            lines.append(f"  {self.extra_count} unexpected, e.g. {self.extra}")
        if self.duplicated:
            lines.append(f"  {self.duplicated} RemoteIDs duplicated")
        lines.extend(f"  {item}" for item in self.layout)
        lines.extend(f"  {c}: type {actual}, contract {want}" for c, (want, actual) in self.types.items())
        for column, diff in self.columns.items():
            shown = "; ".join(f"{rid}: expected {_show(exp)}, got {_show(act)}" for rid, exp, act in diff.examples)
            lines.append(f"  {column}: {diff.rows} rows differ, e.g. {shown}")
        return "\n".join(lines)


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else repr(value)


def describe(diffs: dict[str, TableDiff]) -> str:
    """Every table's differences, for an assertion message."""
    return "\n".join(d.describe(t) for t, d in sorted(diffs.items())) or "no differences"


def arrow_tables(expected: dict[str, list[tuple]]) -> dict[str, pa.Table]:
    """The expected rows as Arrow tables with the contract's types."""
    out = {}
    for table in tables():
        columns = compared_columns(table)
        rows = expected.get(table, [])
        arrays = [pa.array([r[k] for r in rows], type=_ARROW_TYPES[kind]) for k, (_, kind) in enumerate(columns)]
        out[table] = pa.Table.from_arrays(arrays, names=[c for c, _ in columns])
    return out


def compare(warehouse: str | pathlib.Path, expected: dict[str, list[tuple]], schema: str = "freshdesk",
            examples: int = 3, only: tuple[str, ...] | None = None) -> dict[str, TableDiff]:
    """`{table: TableDiff}` for every table of `warehouse` (a DuckDB file) that differs from
    `expected` (`ExpectedWarehouse.tables()`); `{}` when all 29 match. `only` limits the tables."""
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"ATTACH '{pathlib.Path(warehouse)}' AS wh (READ_ONLY)")
        layout: dict[str, dict[str, str]] = {}
        for table, column, data_type in con.execute(
                "select table_name, column_name, data_type from duckdb_columns() where database_name = 'wh' "
                "and schema_name = ? order by table_name, column_index", [schema]).fetchall():
            layout.setdefault(table, {})[column] = data_type
        out = {}
        for table, arrow in arrow_tables(expected).items():
            if only is not None and table not in only:
                continue
            con.register("expected_rows", arrow)
            diff = _compare_table(con, table, schema, layout.get(table, {}), examples)
            con.unregister("expected_rows")
            if diff:
                out[table] = diff
        return out
    finally:
        con.close()


def _compare_table(con: duckdb.DuckDBPyConnection, table: str, schema: str, actual_types: dict[str, str],
                   examples: int) -> TableDiff:
    diff = TableDiff()
    if not actual_types:
        diff.missing_table = True
        return diff
    documented = [c for c, _ in contract()[table]]
    if list(actual_types) != documented:
        absent = [c for c in documented if c not in actual_types]
        unexpected = [c for c in actual_types if c not in documented]
        diff.layout.append(f"columns {list(actual_types)} != contract {documented}"
                           f" (missing {absent}, unexpected {unexpected})")
    src = f'wh."{schema}"."{table}"'
    diff.expected_rows, diff.actual_rows, diff.duplicated = con.execute(
        f'select (select count(*) from expected_rows), (select count(*) from {src}), '
        f'(select count(*) from (select "RemoteID" from {src} group by 1 having count(*) > 1))').fetchall()[0]
    for attr, first, second in (("missing", "expected_rows", src), ("extra", src, "expected_rows")):
        ids = [r[0] for r in con.execute(f'select "RemoteID" from {first} except select "RemoteID" from {second} '
                                         'order by 1').fetchall()]
        setattr(diff, attr, ids[:examples])
        setattr(diff, attr + "_count", len(ids))

    compared = []
    for column, kind in compared_columns(table):
        if column == "RemoteID" or column not in actual_types:
            continue
        want = DUCKDB_TYPES[kind]
        actual = f'a."{column}"'
        if actual_types[column] != want:
            diff.types[column] = (want, actual_types[column])
            actual = f"try_cast({actual} as {want})"
        compared.append((column, actual))
    if not compared:
        return diff
    join = f'from expected_rows e join {src} a on a."RemoteID" = e."RemoteID"'
    counts = con.execute("select " + ", ".join(f'count(*) filter (where e."{c}" is distinct from {a})'
                                               for c, a in compared) + " " + join).fetchall()[0]
    for (column, actual), n in zip(compared, counts, strict=True):
        if n:
            rows = con.execute(f'select e."RemoteID", e."{column}", {actual} {join} '
                               f'where e."{column}" is distinct from {actual} order by 1 limit {examples}').fetchall()
            diff.columns[column] = ColumnDiff(n, rows)
    return diff


__all__ = ["LOAD_TIME_COLUMN", "ColumnDiff", "TableDiff", "arrow_tables", "compare", "describe"]


def warehouse_of(expected: dict[str, list[tuple]], path: str | pathlib.Path,
                 metrics: dict[str, list[dict]] | None = None, like: str | pathlib.Path | None = None) -> None:
    """A DuckDB file holding exactly `expected` in schema `freshdesk`, laid out and typed as the contract
    says; with `metrics` (`{table: [row dict, ...]}`), those rows too in schema `freshdesk_metrics`,
    their columns typed as in the published file `like`. Name it `freshdesk.duckdb` and the README's
    queries run on it as on a published warehouse (its catalog is `freshdesk`)."""
    with duckdb.connect(str(path)) as con:
        db = con.execute("select current_database()").fetchone()[0]  # qualified: a file named freshdesk.duckdb
        con.execute(f'create schema "{db}".freshdesk')
        for table, arrow in arrow_tables(expected).items():
            con.register("rows", arrow)
            columns = ", ".join('now() as "WhenUpsertedIntoDataStore"' if c == LOAD_TIME_COLUMN else f'"{c}"'
                                for c, _ in contract()[table])
            con.execute(f'create table "{db}".freshdesk."{table}" as select {columns} from rows')
            con.unregister("rows")
        if not metrics:
            return
        con.execute(f'create schema "{db}".freshdesk_metrics')
        con.execute(f"attach '{pathlib.Path(like)}' as published (read_only)")
        for table, rows in metrics.items():
            names = list(rows[0])
            quoted = ", ".join(f'"{n}"' for n in names)
            con.execute(f'create table "{db}".freshdesk_metrics."{table}" as select {quoted} '
                        f'from published.freshdesk_metrics."{table}" limit 0')
            con.executemany(f'insert into "{db}".freshdesk_metrics."{table}" values ({", ".join("?" * len(names))})',
                            [[row[n] for n in names] for row in rows])
        con.execute("detach published")
