"""One tiny warehouse for the session, shared by the docs and warehouse-file tests, built exactly as
`make load SANDBOX=tiny transform` builds it: the sandbox's `load` command, then `python -m
load.warehouse transform` (dbt build, then the publish), each a child process. Every Python process
of both runs under the network audit (`tests/netaudit`), so the tests can tell where they connected."""

from __future__ import annotations

import dataclasses
import os
import pathlib
import subprocess
import sys

from tests.conftest import ROOT, built_once

# `make load` without credentials serves Account(seed=1) too: a later `make load` into a copy of
# this warehouse reads the same account
SEED, SCALE = 1, "tiny"
# A plan with SLA policies, time tracking and products (every other unkind behaviour stays on), so that
# every README query has something to answer
REALISM = ("no_sla=false", "no_time_tracking=false", "no_products=false")
NETAUDIT = ROOT / "tests" / "netaudit"
# What reports usage somewhere when set: the test must see the project's own configuration at work.
USAGE_REPORTING = ("RUNTIME__DLTHUB_TELEMETRY", "DBT_SEND_ANONYMOUS_USAGE_STATS", "DO_NOT_TRACK")


@dataclasses.dataclass(frozen=True)
class Warehouse:
    root: pathlib.Path
    work_db: pathlib.Path
    published: pathlib.Path
    dbt_target: pathlib.Path
    load_log: str  # the load's log (stderr)
    transform_output: str  # what `make transform` printed
    network: list[str]  # the audit's lines: `<pid> resolve HOST` and `<pid> connect HOST PORT`


def cli_env(root: pathlib.Path, audit_log: pathlib.Path) -> dict[str, str]:
    """The environment of `make load transform` for a warehouse under `root`, audited, with no
    Freshdesk setting nor any usage-reporting switch of the caller's."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FRESHDESK_", "SOURCES__", "DBT_")) and k not in USAGE_REPORTING}
    env.update(FRESHDESK_WORK_DB=str(root / "work.duckdb"), FRESHDESK_DUCKDB_PATH=str(root / "freshdesk.duckdb"),
               DBT_TARGET_PATH=str(root / "dbt" / "target"), DBT_LOG_PATH=str(root / "dbt" / "logs"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(NETAUDIT), env.get("PYTHONPATH")])),
               NETAUDIT_LOG=str(audit_log))
    return env


def tiny_warehouse(tmp_path_factory) -> Warehouse:
    """The warehouse, built once for the whole test run (`built_once`: under pytest-xdist the
    modules reading it run on several workers; none of them writes to it)."""

    def build(root: pathlib.Path) -> dict:
        audit_log = root / "network.log"
        env = cli_env(root, audit_log)
        realism = [arg for spec in REALISM for arg in ("--realism", spec)]
        load = subprocess.run([sys.executable, "-m", "load.sandbox", "load", "--scale", SCALE, "--seed", str(SEED),
                               "--plan", "unlimited", *realism], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300, stdin=subprocess.DEVNULL)
        assert load.returncode == 0, load.stderr[-3000:]
        transform = subprocess.run([sys.executable, "-m", "load.warehouse", "transform"], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
        assert transform.returncode == 0, transform.stdout[-3000:] + transform.stderr[-3000:]
        return {"root": str(root), "load_log": load.stderr, "transform_output": transform.stdout + transform.stderr,
                "network": audit_log.read_text().splitlines() if audit_log.exists() else []}

    built = built_once(tmp_path_factory, "tiny_warehouse", build)
    root = pathlib.Path(built["root"])
    return Warehouse(root=root, work_db=root / "work.duckdb", published=root / "freshdesk.duckdb",
                     dbt_target=root / "dbt" / "target", load_log=built["load_log"],
                     transform_output=built["transform_output"], network=built["network"])
