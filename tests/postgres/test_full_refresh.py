"""On PostgreSQL: another account's load is refused, and a full refresh replaces the raw schema's data."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

from load.pipeline import RAW_DATASET
from tests.integration.test_cli import TINY_TICKETS, error_line, sandbox_load
from tests.integration.test_refresh_and_skip import TIMESHEETS
from tests.postgres.conftest import query, throwaway_database


def test_another_account_is_refused_and_a_full_refresh_replaces_it(postgres_url, tmp_path):
    work_db = tmp_path / "work.duckdb"
    with throwaway_database(postgres_url) as url:
        first = sandbox_load(work_db, seed=1, FRESHDESK_DESTINATION_URL=url, **TIMESHEETS)
        assert first.returncode == 0, first.stderr[-3000:]
        assert query(url, f"select count(*) from {RAW_DATASET}.time_entries")[0][0] > 0
        # the local copy of dlt's state is gone (another machine): the account row in the server still says
        shutil.rmtree(tmp_path / "postgres.dlt")
        other = sandbox_load(work_db, seed=2, FRESHDESK_DESTINATION_URL=url, **TIMESHEETS)
        assert other.returncode == 2
        line = error_line(other)
        database = urlparse(url).path.lstrip("/")
        assert f"PostgreSQL database {database} on 127.0.0.1 holds the sandbox account tiny-seed1.sandbox" in line
        assert urlparse(url).password not in other.stderr

        refreshed = sandbox_load(work_db, "--full-refresh", "--yes", seed=2, FRESHDESK_DESTINATION_URL=url,
                                 FRESHDESK_SKIP="time_entries", **TIMESHEETS)
        assert refreshed.returncode == 0, refreshed.stderr[-3000:]
        account = query(url, f"select domain, is_sandbox from {RAW_DATASET}.account")
        tickets, time_entries = query(url, f"select (select count(*) from {RAW_DATASET}.tickets), "
                                           f"(select count(*) from {RAW_DATASET}.time_entries)")[0]
        again = sandbox_load(work_db, seed=2, FRESHDESK_DESTINATION_URL=url, FRESHDESK_SKIP="time_entries",
                             **TIMESHEETS)
    assert account == [("tiny-seed2.sandbox", True)]
    assert tickets == TINY_TICKETS and time_entries == 0
    assert again.returncode == 0, again.stderr[-3000:]
