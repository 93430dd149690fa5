"""The published file as analysts get it: the 29 tables, the metrics layer and nothing else,
documented in comments, queryable read-only by `make shell`, and every example query of the README
answers on it."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT, readme_queries, run_readme_query

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


def _shell(warehouse, stdin: str = "", *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "load.warehouse.shell", "--db", str(warehouse.published), *args],
                          input=stdin, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_shell_answers_sql_from_stdin_and_lists_tables(warehouse):
    result = _shell(warehouse, '.tables\nselect count(*) as tickets\nfrom "Ticket";\n')
    assert result.returncode == 0, result.stderr
    assert "TicketConversation" in result.stdout and "tickets" in result.stdout


def test_shell_is_read_only(warehouse):
    result = _shell(warehouse, "", "-c", 'delete from "Ticket";')
    assert result.returncode == 1
    assert "read-only" in result.stderr


def test_shell_schema_matches_any_case_and_keeps_line_breaks(warehouse):
    result = _shell(warehouse, ".schema ticket\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith('"Ticket"\n') and "  Subject " in out
    assert "\\n" not in out, "descriptions show their line breaks, not escapes"
    assert "\n      - tickets: in Freshdesk's trash" in out, "IsDeleted's list keeps one line per item"


def test_shell_schema_of_an_unknown_table_is_an_error(warehouse):
    result = _shell(warehouse, ".schema Nope\n")
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no table Nope in schema freshdesk (.tables lists them)"
