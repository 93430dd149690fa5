"""PostgreSQL fixtures: the test server (`FRESHDESK_TEST_POSTGRES_URL`, set by `.ci/postgres.sh`),
a throwaway database per module on it, `dbt build` against one, and reading its published tables.

Without a reachable server the PostgreSQL tests are skipped, saying why; under CI (`CI=true`) a
missing server is a failure, never a skip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pathlib
import secrets
import subprocess
import sys
import time
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT, in_ci

URL_VAR = "FRESHDESK_TEST_POSTGRES_URL"
SCHEMA = "freshdesk"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test server's URL; the tests skip (fail under CI) when there is none or it cannot be reached."""
    url = os.environ.get(URL_VAR)
    problem = None
    if not url:
        problem = f"{URL_VAR} is not set (`.ci/postgres.sh make test` starts a throwaway server)"
    else:
        try:
            import psycopg2

            psycopg2.connect(url, connect_timeout=5).close()
        except ImportError:
            problem = "psycopg2 is not installed (pip install -e '.[postgres]')"
        except Exception as exc:  # the message names host and port, never the password
            problem = f"cannot connect to {urlparse(url).hostname}:{urlparse(url).port}: {str(exc).strip()}"
    if problem:
        if in_ci():
            pytest.fail(f"CI needs a PostgreSQL server: {problem}")
        pytest.skip(f"no PostgreSQL server: {problem}")
    return url


@contextlib.contextmanager
def throwaway_database(server_url: str):
    """A new, empty database on the server for the duration of the block; yields its URL."""
    import psycopg2

    name = f"freshdesk_test_{secrets.token_hex(4)}"
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    try:
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        yield urlparse(server_url)._replace(path=f"/{name}").geturl()
    finally:
        try:
            _drop_database(admin, name)
        finally:
            admin.close()


def _drop_database(admin, name: str, attempts: int = 10) -> None:
    """Drop the database once nobody uses it: end this role's own sessions on it (a killed load can
    leave one), then a plain DROP DATABASE, which itself stops autovacuum's workers there.

    Not `WITH (FORCE)`: that must also terminate autovacuum's sessions, which a role that is neither
    superuser nor in pg_signal_backend may not do, so it failed whenever autovacuum was at work."""
    import psycopg2.errors

    cur = admin.cursor()
    for attempt in range(attempts):
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()", (name,))
        try:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg2.errors.ObjectInUse:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


def dbt_build_postgres(url: str, target_dir: pathlib.Path) -> subprocess.CompletedProcess:
    """`make transform`'s `dbt build`, through `load.warehouse`, against the database at `url`."""
    env = {**os.environ, "FRESHDESK_DESTINATION_URL": url}
    cmd = [sys.executable, "-m", "load.warehouse", str(pathlib.Path(sys.executable).parent / "dbt"), "build",
           "--project-dir", "dbt_project", "--profiles-dir", ".",
           "--target-path", str(target_dir / "target"), "--log-path", str(target_dir / "logs")]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    return result


def query(url: str, sql: str, *args) -> list[tuple]:
    """Rows of one query on the database at `url`."""
    import psycopg2

    con = psycopg2.connect(url)
    try:
        with con.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()
    finally:
        con.close()


def normalise(value):
    """Timestamps as UTC, so that values read from DuckDB and PostgreSQL compare equal."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value
