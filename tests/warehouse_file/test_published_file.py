"""The published file as analysts get it: the 29 tables, the metrics layer and nothing else,
documented in comments (the README's queries: `tests/metrics/test_readme.py`; `make shell`:
test_shell.py)."""

from __future__ import annotations

import duckdb


def test_published_file_holds_the_29_documented_tables_only(warehouse):
    con = duckdb.connect(str(warehouse.published), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name, comment from duckdb_tables() "
                             "where database_name = current_database()").fetchall()
        views = con.execute("select count(*) from duckdb_views() where database_name = current_database() "
                            "and not internal").fetchone()[0]
        undocumented = con.execute("select table_name, column_name from duckdb_columns() "
                                   "where database_name = current_database() and coalesce(comment, '') = ''").fetchall()
    finally:
        con.close()
    assert {schema for schema, _, _ in tables} == {"freshdesk", "freshdesk_metrics"}
    assert sum(schema == "freshdesk" for schema, _, _ in tables) == 29 and views == 0
    assert all(comment for _, _, comment in tables), "persist_docs: every table keeps its description"
    assert undocumented == []
