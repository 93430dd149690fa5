"""A loader killed right after PostgreSQL committed a job's rows, before dlt recorded the job: the
rerun must not write those rows twice (the same window `tests/faults/test_kill.py` covers on DuckDB)."""

from __future__ import annotations

import signal

from load.pipeline import RAW_DATASET
from tests.faults.conftest import cli_killed_after_commit, cli_load, sandbox
from tests.postgres.conftest import query, throwaway_database


def test_rerun_after_a_kill_between_commit_and_bookkeeping(postgres_url, tmp_path):
    work_db = tmp_path / "work.duckdb"
    with throwaway_database(postgres_url) as url, sandbox() as server:
        killed = cli_killed_after_commit(server, work_db, "companies.*", FRESHDESK_DESTINATION_URL=url)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
        result = cli_load(server, work_db, FRESHDESK_DESTINATION_URL=url)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "discarding that load" in result.stderr
        tables = [r[0] for r in query(url, "select table_name from information_schema.columns "
                                           "where table_schema = %s and column_name = 'id'", RAW_DATASET)]
        duplicated = {t: n for t in tables
                      if (n := query(url, f'select count(*) - count(distinct id) from {RAW_DATASET}."{t}"')[0][0])}
        companies, accounts = query(url, f"select (select count(*) from {RAW_DATASET}.companies), "
                                         f"(select count(*) from {RAW_DATASET}.account)")[0]
    assert "companies" in tables and companies > 0
    assert duplicated == {}  # without the abort: 6 companies became 12
    assert accounts == 1
