"""Publish the built warehouse: copy schemas `freshdesk` and `freshdesk_metrics` of the work
database into a new file, then move it over the published one in a single rename.

DuckDB lets one process write a file or many read it. Analysts keep the published file open
in their tools; loads and dbt work in another file, and the published file is only ever
replaced whole (`os.replace`), never written in place. A connection opened before a publish
keeps reading the previous warehouse, complete, until it reconnects; a connection opened after
sees the new one. Nothing ever sees a half-built warehouse, and an open reader never makes a
load fail.
"""

from __future__ import annotations

import argparse
import logging
import os
import pathlib
import sys

import duckdb

from load import paths
from load.settings import SettingsError, destination_url

log = logging.getLogger("freshdesk.publish")

SCHEMA = "freshdesk"
# the metrics layer (TicketMetrics, daily summaries) is published beside the 29 tables
METRICS_SCHEMA = "freshdesk_metrics"
SCHEMAS = (SCHEMA, METRICS_SCHEMA)
STORAGE_COMPATIBILITY = "v1.4.0"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def publish(work_db: pathlib.Path, target: pathlib.Path, schemas: tuple[str, ...] = SCHEMAS) -> int:
    """Copy every table of `schemas` from `work_db` into `target` atomically; returns the table count."""
    if not work_db.exists():
        raise FileNotFoundError(f"no work database at {work_db}: run `make load transform` first")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".publishing")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    # Written in the storage format of DuckDB 1.4, so that tools bundling an older DuckDB
    # (the duckdb CLI from PyPI, DBeaver's and BI tools' drivers) can open the file.
    con = duckdb.connect(str(tmp), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    try:
        con.execute(f"ATTACH {_sql_string(str(work_db))} AS work (READ_ONLY)")
        tables = [(schema, row[0]) for schema in schemas for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'work' AND schema_name = ? "
            "ORDER BY table_name", [schema]).fetchall()]
        missing = [schema for schema in schemas if schema not in {found for found, _ in tables}]
        if missing:
            raise RuntimeError(f"schema {missing[0]} of {work_db} has no tables: did `dbt build` run?")
        # The file's own catalog is named after it (`freshdesk`), like the schema: qualify fully.
        catalog = _quote(con.execute("SELECT current_database()").fetchone()[0])
        # One transaction: committing each of the ~450 statements (most are comments) cost seconds.
        con.execute("BEGIN")
        for schema in schemas:
            con.execute(f"CREATE SCHEMA {catalog}.{_quote(schema)}")
        for schema, table in tables:
            name = f"{_quote(schema)}.{_quote(table)}"
            qualified = f"{catalog}.{name}"
            con.execute(f"CREATE TABLE {qualified} AS SELECT * FROM work.{name}")
            comment = con.execute(
                "SELECT comment FROM duckdb_tables() WHERE database_name = 'work' AND schema_name = ? "
                "AND table_name = ?", [schema, table]).fetchall()
            if comment and comment[0][0]:
                con.execute(f"COMMENT ON TABLE {qualified} IS {_sql_string(comment[0][0])}")
            for column, text in con.execute(
                "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = 'work' "
                "AND schema_name = ? AND table_name = ? AND comment IS NOT NULL", [schema, table]).fetchall():
                con.execute(f"COMMENT ON COLUMN {qualified}.{_quote(column)} IS {_sql_string(text)}")
        con.execute("COMMIT")
        con.execute("DETACH work")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)
    return len(tables)


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse.publish`: publish data/work.duckdb's warehouse to data/freshdesk.duckdb."""
    parser = argparse.ArgumentParser(prog="python -m load.warehouse.publish", description=main.__doc__)
    parser.add_argument("--work-db", default=str(paths.work_db()))
    parser.add_argument("--target", default=str(paths.published_db()))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if destination_url():
            log.info("warehouse on PostgreSQL: schema %s is already published in the server, nothing to copy", SCHEMA)
            return 0
        count = publish(pathlib.Path(args.work_db), pathlib.Path(args.target))
    except (FileNotFoundError, RuntimeError, duckdb.Error, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    log.info("published %d tables to %s", count, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
