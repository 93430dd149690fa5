"""A full refresh (`--full-refresh`) and leaving resources out (`FRESHDESK_SKIP`), against the sandbox."""

from __future__ import annotations

import duckdb

from load.sandbox import Account, SandboxServer
from load.settings import SKIPPABLE
from tests.conftest import dbt_build, published_counts
from tests.faults.conftest import raw_checksums
from tests.integration.test_cli import error_line, raw_count, run_cli, sandbox_load

# the plan with time tracking: the first account's time entries must be there to be dropped
TIMESHEETS = {"FRESHDESK_SANDBOX_REALISM": "no_time_tracking=false"}


def newest_load(work_db) -> str:
    with duckdb.connect(str(work_db), read_only=True) as con:
        return con.execute("select max(load_id) from freshdesk_raw._dlt_loads").fetchone()[0]


def test_full_refresh_asks_first_then_replaces_everything_with_a_clean_load(tmp_path):
    work_db = tmp_path / "w.duckdb"
    first = sandbox_load(work_db, seed=1, **TIMESHEETS)
    assert first.returncode == 0, first.stderr[-3000:]
    assert raw_count(work_db, "time_entries") > 0
    loaded = newest_load(work_db)

    unconfirmed = sandbox_load(work_db, "--full-refresh", seed=2)  # no terminal to ask on, no --yes
    assert unconfirmed.returncode == 2
    assert error_line(unconfirmed).endswith("nothing done: confirm with --yes (no terminal to ask on)")
    assert newest_load(work_db) == loaded

    refreshed = sandbox_load(work_db, "--full-refresh", "--yes", seed=2, FRESHDESK_SKIP="time_entries", **TIMESHEETS)
    assert refreshed.returncode == 0, refreshed.stderr[-3000:]
    assert "full refresh: drops the loader's raw tables and state" in refreshed.stderr
    clean = sandbox_load(tmp_path / "clean.duckdb", seed=2, FRESHDESK_SKIP="time_entries", **TIMESHEETS)
    assert clean.returncode == 0, clean.stderr[-3000:]
    # nothing of seed 1 is left (its time entries neither), and the cursors start again
    assert raw_checksums(work_db) == raw_checksums(tmp_path / "clean.duckdb")
    assert raw_count(work_db, "time_entries") == 0
    again = sandbox_load(work_db, seed=2, FRESHDESK_SKIP="time_entries", **TIMESHEETS)
    assert again.returncode == 0, again.stderr[-3000:]


def test_left_out_resources_are_never_requested_and_the_warehouse_is_still_whole(tmp_path):
    work_db = tmp_path / "w.duckdb"
    everything_but_tickets = ",".join(name for name in SKIPPABLE if name != "tickets")
    with SandboxServer(account=Account(seed=3, scale="tiny"), plan="unlimited") as server:
        result = run_cli({"FRESHDESK_BASE_URL": server.base_url, "FRESHDESK_API_KEY": server.api_key,
                          "FRESHDESK_SKIP": everything_but_tickets}, work_db)
        routes = set(server.stats.by_route)
    assert result.returncode == 0, result.stderr[-3000:]
    # account: the one request that checks the key and names the account first; the archived tickets
    # found as gaps in the ticket listing are tickets too, and their conversations are left out with the
    # others; the estimate counts the tickets with a search
    assert routes == {"tickets", "search_tickets", "account", "archived_ticket"}
    assert raw_count(work_db, "tickets") > 0
    for table in ("ticket_conversations", "time_entries", "contacts", "agents", "companies"):
        assert raw_count(work_db, table) == 0, table
    dbt_build(work_db, tmp_path / "dbt")  # every relationship test passes
    published = published_counts(work_db)
    assert len(published) == 29
    assert published["Ticket"]["rows"] == raw_count(work_db, "tickets") > 0
    for table in ("TicketConversation", "TimeEntry", "ContactTag", "SLAPolicyTarget", "GroupAgent"):
        assert published[table]["rows"] == 0, table


def run_on_terminal(args: list[str], env: dict[str, str], answer: str) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as stdin (so it may ask), type `answer`; (exit code, stderr)."""
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import ROOT

    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdin=terminal, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        os.write(controller, f"{answer}\n".encode())
        _, err = proc.communicate(timeout=300)
    finally:
        os.close(controller)
        os.close(terminal)
    return proc.returncode, err


def test_full_refresh_on_a_terminal_asks_and_does_nothing_unless_told_yes(tmp_path):
    from tests.conftest import loader_env

    with SandboxServer(account=Account(seed=4, scale="tiny"), plan="unlimited") as server:
        env = loader_env(tmp_path / "w.duckdb", FRESHDESK_BASE_URL=server.base_url, FRESHDESK_API_KEY=server.api_key)
        code, err = run_on_terminal(["-m", "load", "--full-refresh"], env, "no")
        requests = server.stats.requests
    assert code == 2, err[-3000:]
    assert "full refresh: drops the loader's raw tables and state in the work database" in err
    # the terminal, not stderr, echoes the answer and its newline
    assert err.endswith("Type yes to go on: error: full refresh not confirmed: nothing done\n")
    assert requests == 0 and not (tmp_path / "w.duckdb").exists()
