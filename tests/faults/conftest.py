"""The fault suite's shared pieces: loads through the real CLI (`python -m load`) in a child
process against an in-process sandbox, checksums of the raw tables, and one clean reference
warehouse every faulty, killed or drifting run is compared with."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import duckdb
import pytest

from load.sandbox import Account, FaultConfig, Realism, SandboxServer
from tests.conftest import ROOT, built_once, dbt_build, loader_env, table_checksums

SEED = 21
# Distinctive, so that finding it anywhere is never a coincidence.
CANARY_KEY = "FDWHcanary7Q2x9Lk4Zp"
PER_PAGE = "10"  # more pages, so faults and kills land in more places


# Every unkind behaviour of the real API on, but no churn: each run is compared with one clean
# reference load, so the account must not change under the loads (churn has its own tests).
STILL = Realism(churn=0)


def sandbox(faults: FaultConfig | None = None, **kwargs) -> SandboxServer:
    """The tiny account every test of the suite loads (same seed, same data, no churn)."""
    return SandboxServer(account=Account(seed=SEED, scale="tiny", realism=STILL), faults=faults, api_key=CANARY_KEY,
                         **kwargs)


def cli_env(server: SandboxServer, work_db, **extra: str) -> dict[str, str]:
    settings = {"FRESHDESK_BASE_URL": server.base_url, "FRESHDESK_API_KEY": server.api_key,
                "FRESHDESK_PER_PAGE": PER_PAGE, **extra}
    return loader_env(work_db, **settings)


def cli_load(server: SandboxServer, work_db, **extra: str) -> subprocess.CompletedProcess:
    """`python -m load` to completion, logs captured."""
    return subprocess.run([sys.executable, "-m", "load"], cwd=ROOT, env=cli_env(server, work_db, **extra),
                          capture_output=True, text=True, timeout=600)


def cli_killed_after_commit(server: SandboxServer, work_db, job: str, **extra: str) -> subprocess.CompletedProcess:
    """`python -m load` SIGKILLed right after the destination committed a job whose file matches
    the glob `job` (comma-separated globs: once each has matched), before dlt recorded it
    (`tests/faults/killed_after_commit.py`)."""
    return subprocess.run([sys.executable, "-m", "tests.faults.killed_after_commit", "--quiet"], cwd=ROOT,
                          env=cli_env(server, work_db, KILL_AFTER_JOB=job, **extra), capture_output=True,
                          text=True, timeout=600)


def cli_start(server: SandboxServer, work_db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "load", "--quiet"], cwd=ROOT, env=cli_env(server, work_db),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class LiveLoad:
    """`python -m load ARGS` running in a child process, its stderr (the log) collected line by line."""

    def __init__(self, server: SandboxServer, work_db, *args: str, **extra: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "load", *args], cwd=ROOT,
                                     env=cli_env(server, work_db, **extra), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, pattern: str, timeout: float = 120) -> re.Match:
        """The first log line matching `pattern`; fails the test if none comes within `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if match := re.search(pattern, line):
                    return match
            if self.proc.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no log line matched {pattern!r}:\n{self.log[-3000:]}")

    def wait(self, timeout: float = 600) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(10)
        return code

    @property
    def log(self) -> str:
        return "".join(self.lines)


def raw_checksums(work_db) -> dict[str, tuple]:
    """Rows and an order-independent hash of every raw table, without dlt's bookkeeping columns
    (load ids, row ids: different in every run) and the account row's load time and URL (the port)."""
    with duckdb.connect(str(work_db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'freshdesk_raw' "
            "and table_name not like '\\_dlt%' escape '\\' order by 1").fetchall()]
        out = {}
        for t in tables:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'freshdesk_raw' "
                "and table_name = ? order by column_name", [t]).fetchall()
                if not r[0].startswith("_dlt_") and r[0] not in ("loaded_at", "base_url")]
            row = ", ".join(f'"{c}"' for c in cols)
            out[t] = con.execute(f'select count(*), sum(hash({row})) from freshdesk_raw."{t}"').fetchone()
        return out


@dataclass
class Reference:
    """A clean load of the suite's account and what it produced."""

    work_db: object
    dbt_dir: object
    log: str
    seconds: float
    raw: dict
    published: dict
    requests: dict  # the sandbox's count of each route
    credits: int  # what the sandbox counted


@pytest.fixture(scope="package")
def reference(tmp_path_factory) -> Reference:
    """Fault-free CLI load (INFO logs captured), then `dbt build`: the tables every other run must end
    with. Built once for the whole run (`built_once`): the suite's modules run on several workers."""

    def build(tmp) -> dict:
        work_db = tmp / "work.duckdb"
        with sandbox() as server:
            began = time.monotonic()
            result = cli_load(server, work_db)
            seconds = time.monotonic() - began
            requests = dict(server.stats.by_route)
            credits = server.stats.credits_used
        assert result.returncode == 0, result.stderr[-3000:]
        dbt_build(work_db, tmp / "dbt")
        return {"folder": str(tmp), "log": result.stdout + result.stderr, "seconds": seconds,
                "raw": raw_checksums(work_db), "published": table_checksums(work_db),
                "requests": requests, "credits": credits}

    built = built_once(tmp_path_factory, "reference", build)
    tmp = pathlib.Path(built["folder"])
    as_tuples = lambda checksums: {t: tuple(v) for t, v in checksums.items()}  # noqa: E731 (JSON made them lists)
    return Reference(tmp / "work.duckdb", tmp / "dbt", built["log"], built["seconds"], as_tuples(built["raw"]),
                     as_tuples(built["published"]), built["requests"], built["credits"])
