"""The API key appears nowhere: the logs of a load, the exception of a failed one, the DuckDB
file, dlt's pipeline state and load packages, dbt's target and logs. (The docs site built from a
loaded warehouse: `tests/docs/test_site.py`.)"""

from __future__ import annotations

import pathlib
import traceback

import pytest

from load.pipeline import LoadError, run_load
from tests.conftest import loader_settings
from tests.faults.conftest import CANARY_KEY, cli_load, sandbox

KEY = CANARY_KEY.encode()


def _files_holding_key(root: pathlib.Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and KEY in p.read_bytes()]


def _stuck_settings(server, work_db):
    # One page per window and two tickets a page: the tiny account's six tickets sharing one
    # updated_at second stop the ticket list midway (a load failing inside dlt's extract).
    return loader_settings(server, work_db, per_page=2, ticket_page_cap=1)


def test_key_is_not_in_the_logs(reference):
    assert "API budget" in reference.log  # the INFO log was captured
    assert CANARY_KEY not in reference.log


def test_key_is_not_in_the_work_files(reference):
    assert _files_holding_key(reference.work_db.parent) == []  # DuckDB file, work.dlt/ state and packages


def test_key_is_not_in_a_failed_load(tmp_path):
    with sandbox() as server:
        result = cli_load(server, tmp_path / "cli.duckdb", FRESHDESK_PER_PAGE="2", FRESHDESK_TICKET_PAGE_CAP="1")
        with pytest.raises(LoadError) as failure:
            run_load(_stuck_settings(server, tmp_path / "lib.duckdb"))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "load failed" in result.stderr
    text = "".join(traceback.format_exception(failure.value)) + repr(_stuck_settings(server, tmp_path / "x"))
    assert CANARY_KEY not in result.stdout + result.stderr + text
    assert _files_holding_key(tmp_path) == []

