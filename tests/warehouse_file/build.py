"""One tiny warehouse for the session, shared by the docs and warehouse-file tests: a sandbox
account loaded in-process, `dbt build`, then published, exactly as `make load transform` does."""

from __future__ import annotations

import dataclasses
import pathlib

from load.pipeline import run_load
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from load.warehouse.publish import publish
from tests.conftest import dbt_build, loader_settings

# `make load` without credentials serves Account(seed=1) too: a later `make load` into a copy of
# this warehouse reads the same account
SEED, SCALE = 1, "tiny"
# A plan with SLA policies, time tracking and products (every other unkind behaviour stays on), so that
# every README query has something to answer
REALISM = Realism(no_sla=False, no_time_tracking=False, no_products=False)


@dataclasses.dataclass(frozen=True)
class Warehouse:
    root: pathlib.Path
    work_db: pathlib.Path
    published: pathlib.Path
    dbt_target: pathlib.Path


_built: dict[str, Warehouse] = {}


def tiny_warehouse(tmp_path_factory) -> Warehouse:
    """Build the warehouse once per test session (each dbt build takes tens of seconds)."""
    if "tiny" not in _built:
        root = tmp_path_factory.mktemp("tiny_warehouse")
        work_db = root / "work.duckdb"
        with SandboxServer(account=Account(seed=SEED, scale=SCALE, realism=REALISM), plan="unlimited") as sandbox:
            run_load(loader_settings(sandbox, work_db, mirror_remote_id=1))
        dbt_build(work_db, root / "dbt")
        published = root / "freshdesk.duckdb"
        publish(work_db, published)
        _built["tiny"] = Warehouse(root=root, work_db=work_db, published=published, dbt_target=root / "dbt" / "target")
    return _built["tiny"]
