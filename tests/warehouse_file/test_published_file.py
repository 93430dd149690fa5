"""The published file as analysts get it: the 29 tables, the metrics layer and nothing else,
documented in comments, and every example query of the README answers on it (`make shell`:
test_shell.py)."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import readme_queries, run_readme_query

QUERIES = readme_queries("## Querying the warehouse")


def test_the_readme_answers_the_documented_questions():
    titles = " ".join(q.splitlines()[0].lower() for q in QUERIES)
    for question in ("status and priority", "first response time per agent", "conversations per ticket",
                     "sla targets per policy", "tickets per company"):
        assert question in titles


@pytest.mark.parametrize("sql", QUERIES, ids=[q.splitlines()[0].removeprefix("-- ")[:40] for q in QUERIES])
def test_readme_query_answers(warehouse, sql):
    run_readme_query(warehouse.published, sql)


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
