"""`python -m load` as a user runs it: good and bad settings, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from load.sandbox import Account, SandboxServer
from load.sandbox.process import SandboxProcess
from tests.conftest import ROOT, loader_env


def run_cli(env: dict[str, str], work_db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "load"], cwd=ROOT,
                          env=loader_env(work_db, FRESHDESK_RECONCILE_HOURS="0", **env),
                          capture_output=True, text=True, timeout=300)


def error_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr[-3000:]
    return lines[0]


@pytest.fixture(scope="module")
def sandbox():
    with SandboxServer(account=Account(seed=5, scale="tiny"), plan="unlimited") as sb:
        yield sb


def test_loads_from_a_sandbox_started_by_hand(tmp_path):
    with SandboxProcess(scale="tiny", seed=2) as sb:
        result = run_cli({"FRESHDESK_BASE_URL": sb.base_url, "FRESHDESK_API_KEY": sb.api_key}, tmp_path / "w.duckdb")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "load finished" in result.stderr and "SANDBOX" not in result.stderr
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("select count(*) from freshdesk_raw.tickets").fetchone()[0] == 40


def test_wrong_api_key_is_exit_2_and_writes_nothing(sandbox, tmp_path):
    work_db = tmp_path / "w.duckdb"
    result = run_cli({"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": "not-the-key"}, work_db)
    assert result.returncode == 2
    line = error_line(result)
    assert "401" in line and "127.0.0.1" in line
    assert not work_db.exists()


def test_non_admin_key_skips_admin_resources_and_loads_the_rest(sandbox, tmp_path):
    work_db = tmp_path / "w.duckdb"
    result = run_cli({"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": sandbox.agent_api_key}, work_db)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("agents", "groups", "products", "roles", "sla_policies", "email_mailboxes"):
        assert f"skipping {name}" in result.stderr
    con = duckdb.connect(str(work_db), read_only=True)
    assert con.execute("select count(*) from freshdesk_raw.tickets").fetchone()[0] == 40
    assert con.execute("select count(*) from freshdesk_raw.agents").fetchone()[0] == 0


def test_unreachable_host_is_one_line_and_exit_3(tmp_path):
    result = run_cli({"FRESHDESK_BASE_URL": "http://127.0.0.1:9/api/v2", "FRESHDESK_API_KEY": "k" * 20},
                     tmp_path / "w.duckdb")
    assert result.returncode == 3
    assert "cannot reach 127.0.0.1" in error_line(result)


def test_tls_failure_is_one_line_and_exit_3(sandbox, tmp_path):
    https_to_plain_port = sandbox.base_url.replace("http://", "https://")
    result = run_cli({"FRESHDESK_BASE_URL": https_to_plain_port, "FRESHDESK_API_KEY": sandbox.api_key},
                     tmp_path / "w.duckdb")
    assert result.returncode == 3
    assert "TLS failure talking to 127.0.0.1" in error_line(result)


def test_plain_http_off_loopback_is_refused_before_any_request(tmp_path):
    result = run_cli({"FRESHDESK_BASE_URL": "http://freshdesk.example.com/api/v2", "FRESHDESK_API_KEY": "k" * 20},
                     tmp_path / "w.duckdb")
    assert result.returncode == 2
    assert "clear text" in error_line(result)


@pytest.mark.parametrize("env", [{}, {"FRESHDESK_DOMAIN": "acme"}], ids=["nothing", "domain-without-key"])
def test_missing_credentials_refuse_and_never_load_the_sandbox(env, tmp_path):
    work_db = tmp_path / "w.duckdb"
    result = run_cli(env, work_db)
    assert result.returncode == 2
    line = error_line(result)
    assert "FRESHDESK_API_KEY" in line and "make demo" in line
    if env:
        assert "FRESHDESK_API_KEY is not set" in line
    assert not work_db.exists() and "SANDBOX" not in result.stderr
