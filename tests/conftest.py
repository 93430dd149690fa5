"""Shared fixtures: a sandbox account served in-process, a loader run into a temporary DuckDB,
and `dbt build` on the result."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import hashlib
import json
import os
import pathlib
import re

import duckdb
import pytest

from load.sandbox.config import account_domain
from load.settings import Settings

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Folders whose tests run the loader end to end, dbt, or a server: marked `slow`, so that
# `make test-fast` (pytest -m "not slow") runs the rest in seconds. `make test` runs all.
SLOW_FOLDERS = {"integration", "faults", "docs", "warehouse_file", "postgres", "metrics"}


# Under pytest-xdist (`make test` runs `-n 4 --dist loadscope`) a worker runs a whole group of tests:
# the folders whose modules read one session fixture built per worker (`site`: the docs site;
# `metrics_warehouse`) or share a server (PostgreSQL) form one group each, so each fixture is built
# once; every other module is a group of its own, so its module fixtures are built once too. What
# every worker reads but none changes (the tiny warehouse, the faults' reference load) is built
# once for the run (`built_once`).
GROUPED_FOLDERS = {"docs": "docs site", "metrics": "metrics warehouse", "postgres": "postgres"}


def group_of(nodeid: str) -> str:
    """The group of the test `nodeid` (`tests/<folder>/<module>.py::<test>`): its folder's, or its module."""
    module = nodeid.split("::", 1)[0]
    parts = module.split("/")
    return GROUPED_FOLDERS.get(parts[1], module) if len(parts) > 2 else module


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """xdist's loadscope scheduling with `group_of` as the scope (xdist's `xdist_group` marks do not
    reach its scheduler under pytest 9.2, whose node ids no longer read the suffix xdist adds), and
    the groups of slow folders handed out first, the largest first: the long ones do not start last."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    def slow_first(item) -> tuple:
        scope, nodeids = item
        return (scope.split("/")[1] not in SLOW_FOLDERS if "/" in scope else False, -len(nodeids))

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not getattr(self, "_ordered", False):
                self.workqueue = type(self.workqueue)(sorted(self.workqueue.items(), key=slow_first))
                self._ordered = True
            super()._assign_work_unit(node)

    return GroupScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """Mark every test under a SLOW_FOLDERS folder `slow`."""
    tests = ROOT / "tests"
    for item in items:
        parts = item.path.relative_to(tests).parts
        if len(parts) > 1 and parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


def run_folder(tmp_path_factory) -> pathlib.Path:
    """The folder every worker of this test run shares: pytest's base temp folder, or under
    pytest-xdist the folder beside the workers' own."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


@contextlib.contextmanager
def run_lock(root: pathlib.Path, name: str):
    """`name`'s lock in the run's shared folder `root`, held for the duration of the block: the
    first worker to take it builds what the others then read."""
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield root


# The run's shared folder (`run_folder`) for what has no fixture at hand (`_parsed_manifest`), set by
# the session fixture `_run_folder`. An environment variable, not a global: pytest imports this file
# as `conftest`, the tests import it again as `tests.conftest`.
RUN_FOLDER_VAR = "TESTS_RUN_FOLDER"


@pytest.fixture(scope="session", autouse=True)
def _run_folder(tmp_path_factory):
    os.environ[RUN_FOLDER_VAR] = str(run_folder(tmp_path_factory))


def built_once(tmp_path_factory, name: str, build):
    """`build(folder)`'s JSON-able result, built once for the whole test run: under pytest-xdist the
    first worker to ask builds it into a folder every worker shares (beside their own temp folders),
    holding a lock the others wait on, then read. For what several groups of tests compare with but
    never change (a clean reference load), so that each worker does not build it again."""
    with run_lock(run_folder(tmp_path_factory), name) as root:
        folder, done = root / name, root / f"{name}.json"
        if not done.exists():
            folder.mkdir(exist_ok=True)
            done.write_text(json.dumps(build(folder)))
        return json.loads(done.read_text())


def in_ci() -> bool:
    """Under CI (`CI=true`, as `.ci/run` sets it) a test that cannot run fails instead of skipping."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def loader_settings(sandbox, work_db: pathlib.Path, **overrides) -> Settings:
    """Settings for a load from `sandbox` into `work_db` (reconciling every run by default)."""
    base = Settings(base_url=sandbox.base_url, api_key=sandbox.api_key, work_db=work_db,
                    domain=account_domain(sandbox.account.config),
                    reconcile_hours=0, is_sandbox=True, mirror_remote_id=7)
    return dataclasses.replace(base, **overrides)


def loader_env(work_db: pathlib.Path, **settings: str) -> dict[str, str]:
    """This process's environment without any Freshdesk setting, plus `settings` and the work db:
    what a `python -m load` child process should see."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRESHDESK_", "SOURCES__"))}
    env.update({"FRESHDESK_WORK_DB": str(work_db), **settings})
    return env


def readme_queries(section: str) -> list[str]:
    """The ```sql blocks of the README section headed `section` (a `## ` line), in order."""
    text = (ROOT / "README.md").read_text()
    start = text.index(section)
    end = text.find("\n## ", start + len(section))
    return re.findall(r"```sql\n(.*?)```", text[start:end if end != -1 else None], re.S)


def run_readme_query(published: pathlib.Path, sql: str) -> list[tuple]:
    """`sql`'s rows on the published file, through `make shell`'s connection (read-only,
    `USE freshdesk.freshdesk`); fails the test when the query answers nothing."""
    from load.warehouse import shell

    con = shell.connect(published)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, "the query answers nothing on the sandbox account"
    return rows


def _dbt_args(target_dir: pathlib.Path) -> list[str]:
    return ["--project-dir", str(ROOT / "dbt_project"), "--profiles-dir", str(ROOT), "--target-path",
            str(target_dir / "target"), "--log-path", str(target_dir / "logs"), "--log-level-file", "none",
            "--no-write-json", "--log-level", "none"]


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    """This process's environment with `values` set, for the duration of the block."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.update({name: value})


@functools.cache
def _parsed_manifest(environment: tuple[tuple[str, str], ...]):
    """The dbt project parsed once per worker for a warehouse: a build reuses it (a copy, by dbt's
    own `Manifest.deepcopy`: dbt compiles into the manifest it runs, and `copy.deepcopy` mixes up its
    fields) instead of parsing the project again, a third of a tiny build. Parsed once per database
    name (the DuckDB file's stem), which the manifest's relations are qualified with, into one target
    folder of the run's shared folder, under a lock: the first worker's full parse leaves dbt's
    `partial_parse.msgpack` there, and the others' parses read it (0.8 against 5.5 CPU-s)."""
    from dbt.cli.main import dbtRunner

    name = "dbt-parse-" + hashlib.sha256(repr(environment).encode()).hexdigest()[:12]
    with run_lock(pathlib.Path(os.environ[RUN_FOLDER_VAR]), name) as root, _environment(dict(environment)):
        result = dbtRunner().invoke(["parse", *_dbt_args(root / name)])
    assert result.success, f"dbt parse failed: {result.exception}"
    return result.result


def run_dbt(target_dir: pathlib.Path, work_db: pathlib.Path, *args: str) -> list:
    """dbt's command `args` against `work_db`, in this process (no parse: the session's manifest);
    fails the test if a model or a test fails, else returns dbt's result of each node it ran.
    (PostgreSQL builds run as `make transform` runs them: `tests/postgres/conftest.py`.)"""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    env = {"FRESHDESK_DBT_TARGET": "duckdb", "FRESHDESK_WORK_DB": str(work_db)}
    parse_env = {**env, "FRESHDESK_WORK_DB": f"{work_db.stem}.duckdb"}
    manifest = _parsed_manifest(tuple(sorted(parse_env.items()))).deepcopy()
    with _environment(env):
        try:
            # one thread: the suite's workers keep both cores busy, and dbt's second thread only
            # adds lock contention (about a tenth more CPU per tiny build)
            result = dbtRunner(manifest=manifest).invoke([*args, *_dbt_args(target_dir), "--threads", "1"])
        finally:
            # dbt-duckdb keeps the last database it built open in the process (a class attribute),
            # which would lock the file against the next load and clash with read-only connections.
            if DuckDBConnectionManager._ENV is not None:
                DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager.close_all_connections()
    failed = [f"{r.node.unique_id}: {r.status}: {r.message}" for r in (result.result or [])
              if str(r.status) in ("error", "fail", "runtime error")]
    assert result.success, f"dbt {args[0]} failed:\n" + "\n".join(failed or [str(result.exception)])
    return list(result.result)


def dbt_build(work_db: pathlib.Path, target_dir: pathlib.Path) -> None:
    """`dbt build` of the whole project against `work_db` as `make transform` runs it: without dbt's
    unit tests, which check the models' logic on fixed inputs, not the data (`test_dbt_unit_tests`
    runs them once)."""
    run_dbt(target_dir, work_db, "build", "--exclude-resource-type", "unit_test")


def published_counts(work_db: pathlib.Path) -> dict[str, dict[str, int]]:
    """`{table: {"rows": n, "deleted": k}}` for every table of schema `freshdesk`."""
    with duckdb.connect(str(work_db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'freshdesk'").fetchall()]
        return {t: dict(zip(("rows", "deleted"), con.execute(
            f'select count(*), count(*) filter (where "IsDeleted") from freshdesk."{t}"').fetchone(), strict=True))
            for t in tables}


def table_checksums(work_db: pathlib.Path, skip=("WhenUpsertedIntoDataStore",)) -> dict[str, tuple]:
    """An order-independent checksum of every published table, ignoring the load time column."""
    con = duckdb.connect(str(work_db), read_only=True)
    try:
        out = {}
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'freshdesk' order by 1").fetchall()]
        for t in tables:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'freshdesk' "
                "and table_name = ? order by ordinal_position", [t]).fetchall() if r[0] not in skip]
            row = ", ".join(f'"{c}"' for c in cols)
            out[t] = con.execute(f'select count(*), sum(hash({row})) from freshdesk."{t}"').fetchone()
        return out
    finally:
        con.close()


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory):
    """The tiny sandbox account loaded and built by the CLI, as a user would (`tests/warehouse_file/build.py`)."""
    from tests.warehouse_file.build import tiny_warehouse

    return tiny_warehouse(tmp_path_factory)


@pytest.fixture
def work_db(tmp_path) -> pathlib.Path:
    return tmp_path / "work.duckdb"
