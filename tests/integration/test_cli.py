"""`python -m load` as a user runs it: good and bad settings, exit codes, one-line errors, refusals."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys

import duckdb
import pytest

from load.sandbox import SCALES, Account, SandboxServer
from load.sandbox.__main__ import plan_notice
from load.sandbox.process import SandboxProcess
from load.settings import SETTINGS
from tests.conftest import ROOT, loader_env

# every ticket id of the tiny account lands once, whatever its state (live, archived, trash, spam)
TINY_TICKETS = SCALES["tiny"]["tickets"]


def test_sandbox_start_and_stop_lines_are_short():
    """`python -m load.sandbox serve`: every line it logs, from start to stop, at most 100 characters."""
    proc = subprocess.Popen([sys.executable, "-m", "load.sandbox", "serve", "--scale", "tiny", "--plan", "enterprise"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("FRESHDESK_BASE_URL=")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    lines = err.splitlines()
    assert any("account ready" in line and "plan enterprise" in line for line in lines), err
    assert lines[-1].endswith("stopping: 0 requests, 0 credits, 0 x 429"), err
    assert all(len(line) <= 100 for line in lines), err


def run_cli(env: dict[str, str], work_db, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "load", *args], cwd=ROOT,
                          env=loader_env(work_db, FRESHDESK_RECONCILE_HOURS="0", **env),
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def sandbox_load(work_db, *args: str, seed: int = 1, **env: str) -> subprocess.CompletedProcess:
    """`python -m load.sandbox load --scale tiny` (no rate limit, to be quick)."""
    return subprocess.run([sys.executable, "-m", "load.sandbox", "load", "--scale", "tiny", "--seed", str(seed), *args],
                          cwd=ROOT, env=loader_env(work_db, FRESHDESK_SANDBOX_PLAN="unlimited", **env),
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def raw_count(work_db, table: str) -> int:
    with duckdb.connect(str(work_db), read_only=True) as con:
        return con.execute(f"select count(*) from freshdesk_raw.{table}").fetchone()[0]


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
    assert con.execute("select count(*) from freshdesk_raw.tickets").fetchone()[0] == TINY_TICKETS


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
    assert con.execute("select count(*) from freshdesk_raw.tickets").fetchone()[0] == TINY_TICKETS
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


def test_help_lists_every_setting_with_its_default_and_meaning():
    result = subprocess.run([sys.executable, "-m", "load", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    flat = " ".join(result.stdout.split())
    for s in SETTINGS:
        assert s.env in flat
        assert " ".join(s.meaning.replace("`", "").split()) in flat, s.env
        if s.default:
            assert f"{s.env} ({s.dlt_key}) [default: {s.default}]" in flat
    for option in ("--log-level", "--quiet", "--full-refresh", "--yes"):
        assert option in flat
    assert "exit status:" in flat


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, sandbox):
    """A work database holding one load of the module's sandbox, from a start date of 2020-01-01."""
    work_db = tmp_path_factory.mktemp("loaded") / "w.duckdb"
    result = run_cli({"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": sandbox.api_key,
                      "FRESHDESK_START_DATE": "2020-01-01"}, work_db)
    assert result.returncode == 0, result.stderr[-3000:]
    return work_db


@pytest.fixture
def copy_of_loaded(loaded, tmp_path):
    """A copy of `loaded` (its DuckDB file and dlt state) the test may change."""
    work_db = tmp_path / "w.duckdb"
    shutil.copy(loaded, work_db)
    shutil.copytree(loaded.with_suffix(".dlt"), work_db.with_suffix(".dlt"))
    return work_db


@pytest.mark.parametrize("fresh", [True, False], ids=["fresh-database", "data-exists"])
def test_bad_start_date_is_one_line_and_exit_2_before_any_request(sandbox, copy_of_loaded, tmp_path, fresh):
    work_db = tmp_path / "fresh.duckdb" if fresh else copy_of_loaded
    before = sandbox.stats.requests
    result = run_cli({"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": sandbox.api_key,
                      "FRESHDESK_START_DATE": "garbage"}, work_db)
    assert result.returncode == 2
    assert error_line(result) == ("error: FRESHDESK_START_DATE must be a date like 2024-01-01 or "
                                  "2024-01-01T00:00:00Z, got 'garbage'")
    assert sandbox.stats.requests == before
    assert work_db.exists() != fresh


def test_an_earlier_start_date_than_the_data_was_loaded_from_is_refused(sandbox, copy_of_loaded):
    env = {"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": sandbox.api_key}
    result = run_cli(env, copy_of_loaded)  # the default start date, 2000-01-01, is earlier than 2020-01-01
    assert result.returncode == 2
    line = error_line(result)
    assert "2000-01-01T00:00:00Z is earlier than the 2020-01-01T00:00:00Z" in line and "--full-refresh" in line
    later = run_cli({**env, "FRESHDESK_START_DATE": "2021-06-01"}, copy_of_loaded)
    assert later.returncode == 0, later.stderr[-3000:]
    assert "2021-06-01T00:00:00Z is later than the 2020-01-01T00:00:00Z" in later.stderr


def test_log_level_option_and_variable(sandbox, copy_of_loaded):
    env = {"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": sandbox.api_key,
           "FRESHDESK_START_DATE": "2020-01-01"}
    quiet = run_cli({**env, "FRESHDESK_LOG_LEVEL": "warning"}, copy_of_loaded)
    assert quiet.returncode == 0 and " INFO " not in quiet.stderr, quiet.stderr[-3000:]
    loud = run_cli({**env, "FRESHDESK_LOG_LEVEL": "warning"}, copy_of_loaded, "--log-level", "info")
    assert loud.returncode == 0 and "load finished" in loud.stderr, loud.stderr[-3000:]
    assert run_cli({**env, "FRESHDESK_LOG_LEVEL": "DEBUG"}, copy_of_loaded, "--quiet").stderr.count(" INFO ") == 0
    bad = run_cli({**env, "FRESHDESK_LOG_LEVEL": "loud"}, copy_of_loaded)
    assert bad.returncode == 2 and "FRESHDESK_LOG_LEVEL must be one of DEBUG" in error_line(bad)


def test_make_load_without_credentials_refuses_with_how_to_set_them(tmp_path):
    work_db = tmp_path / "w.duckdb"
    # -o: take the installed extras as they are (the test runs in the project's .venv)
    result = subprocess.run(["make", "-s", "-o", ".venv/.extra-postgres", "load"], cwd=ROOT, env=loader_env(work_db),
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert re.search(r"^error: no Freshdesk account configured: set FRESHDESK_DOMAIN and FRESHDESK_API_KEY .*"
                     r"`make demo` loads the synthetic sandbox account instead$", result.stderr, re.M), result.stderr
    assert not work_db.exists() and "SANDBOX" not in result.stderr


def test_another_account_in_the_same_database_is_refused_naming_both(sandbox, tmp_path):
    work_db = tmp_path / "w.duckdb"
    first = sandbox_load(work_db, seed=1)
    assert first.returncode == 0, first.stderr[-3000:]
    assert raw_count(work_db, "tickets") == TINY_TICKETS
    with duckdb.connect(str(work_db), read_only=True) as con:
        before = con.execute("select count(*), max(_dlt_load_id) from freshdesk_raw.tickets").fetchone()
    other_sandbox = sandbox_load(work_db, seed=2)
    assert other_sandbox.returncode == 2
    line = error_line(other_sandbox)
    assert "holds the sandbox account tiny-seed1.sandbox" in line
    assert "not the sandbox account tiny-seed2.sandbox" in line
    assert "FRESHDESK_WORK_DB" in line and "--full-refresh" in line
    by_hand = run_cli({"FRESHDESK_BASE_URL": sandbox.base_url, "FRESHDESK_API_KEY": sandbox.api_key}, work_db)
    assert by_hand.returncode == 2
    assert f"not 127.0.0.1 ({sandbox.base_url}; account " in error_line(by_hand)
    assert "tiny-seed5.sandbox)" in error_line(by_hand)
    with duckdb.connect(str(work_db), read_only=True) as con:
        assert con.execute("select count(*), max(_dlt_load_id) from freshdesk_raw.tickets").fetchone() == before
    elsewhere = sandbox_load(tmp_path / "other.duckdb", seed=2)
    assert elsewhere.returncode == 0, elsewhere.stderr[-3000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_two_accounts_behind_one_url_are_told_apart_by_what_the_api_says(tmp_path):
    """Sandboxes of seeds 1 and 2 served in turn at the same URL: the base URL cannot tell them
    apart, `GET /account` does; a non-admin key (which may not read it) and a FRESHDESK_DOMAIN the
    API contradicts are refused too, all before anything is written."""
    work_db, port = tmp_path / "w.duckdb", _free_port()
    with SandboxServer(account=Account(seed=1, scale="tiny"), plan="unlimited", port=port) as first:
        loaded = run_cli({"FRESHDESK_BASE_URL": first.base_url, "FRESHDESK_API_KEY": first.api_key}, work_db)
        assert loaded.returncode == 0, loaded.stderr[-3000:]
        assert first.stats.by_route["account"] == 1
        named = run_cli({"FRESHDESK_BASE_URL": first.base_url, "FRESHDESK_API_KEY": first.api_key,
                         "FRESHDESK_DOMAIN": "othername"}, work_db)
    with duckdb.connect(str(work_db), read_only=True) as con:
        before = con.execute("select count(*), max(_dlt_load_id), sum(hash(subject)) from freshdesk_raw.tickets"
                             ).fetchone()
        account_id, = con.execute("select api_account_id from freshdesk_raw.account").fetchone()
    assert named.returncode == 2
    assert re.fullmatch(r"error: FRESHDESK_DOMAIN othername is not the account http://127\.0\.0\.1:\d+/api/v2 "
                        rf"serves: it is account {account_id} tiny-seed1\.sandbox .*", error_line(named))
    with SandboxServer(account=Account(seed=2, scale="tiny"), plan="unlimited", port=port) as second:
        assert second.base_url == first.base_url
        other = run_cli({"FRESHDESK_BASE_URL": second.base_url, "FRESHDESK_API_KEY": second.api_key}, work_db)
        agent = run_cli({"FRESHDESK_BASE_URL": second.base_url, "FRESHDESK_API_KEY": second.agent_api_key}, work_db)
    assert other.returncode == 2
    line = error_line(other)
    assert f"holds 127.0.0.1 ({first.base_url}; account {account_id} tiny-seed1.sandbox)" in line
    assert re.search(rf"not 127\.0\.0\.1 \({re.escape(first.base_url)}; account (?!{account_id})\d+ "
                     r"tiny-seed2\.sandbox\)", line), line
    assert agent.returncode == 2
    assert "this load cannot ask the API which account" in error_line(agent)
    with duckdb.connect(str(work_db), read_only=True) as con:
        assert con.execute("select count(*), max(_dlt_load_id), sum(hash(subject)) from freshdesk_raw.tickets"
                           ).fetchone() == before


def test_sandbox_load_says_which_plan_it_imitates_before_it_starts(tmp_path):
    result = sandbox_load(tmp_path / "w.duckdb", "--plan", "growth", "--log-level", "warning",
                          FRESHDESK_START_DATE="garbage")
    assert result.returncode == 2
    first, second = result.stderr.splitlines()[:2]
    assert first.endswith("loading SANDBOX data: tiny, seed 1, 40 tickets")
    assert second.endswith("plan growth: 200 credits/min, 80% for this load")
    # the longest account and plan, with the log prefix: short lines
    for line in plan_notice("bench", 12, "addon2000", 0.8):
        assert len(f"2026-12-05 17:13:01,975 WARNING load.sandbox: {line}") <= 100, line
    bad = sandbox_load(tmp_path / "w.duckdb", "--plan", "platinum")
    assert bad.returncode == 2 and "unknown sandbox plan 'platinum'" in error_line(bad)
