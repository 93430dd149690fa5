"""The warehouse dbt builds in: the DuckDB work database by default, or the PostgreSQL server named
by `FRESHDESK_DESTINATION_URL` (or `[destination] url` in `.dlt/secrets.toml`).

dbt profiles cannot parse a URL, so the `postgres` target of `profiles.yml` reads discrete
`FRESHDESK_PG_*` variables. `python -m load.warehouse` sets them from the URL in dbt's environment
only: the password is never printed nor written to a file.

`python -m load.warehouse transform` is `make transform`: it checks that there is loaded data to
build from and a writable place to build in (one line says what is wrong otherwise), runs
`dbt build`, prints a short summary read from dbt's `run_results.json` (dbt's full log goes to its
log file, its warnings and errors are read as JSON events) and publishes the DuckDB warehouse.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from urllib.parse import parse_qs, unquote, urlparse

from load import paths
from load.settings import SettingsError, destination_url

log = logging.getLogger("freshdesk.warehouse")

ROOT = pathlib.Path(__file__).resolve().parents[2]
# `make transform`: the unit tests check the models' SQL on fixed inputs and run in `make test`
BUILD_ARGS = ["build", "--exclude-resource-type", "unit_test"]
USAGE = """usage: python -m load.warehouse transform [dbt build options...]
       python -m load.warehouse [--publish] <command> [args...]

transform   build and test the warehouse with dbt, print a summary (dbt's full log is in
            {log}), then publish {published} (`make transform`).
            Exit 2: nothing to build (no load yet, read-only folder, bad setting);
            1: dbt or the publish failed; 0: done.
<command>   run a command (e.g. .venv/bin/dbt build --project-dir dbt_project --profiles-dir .) with
            the environment of the configured warehouse (PostgreSQL when FRESHDESK_DESTINATION_URL
            is set); --publish publishes the DuckDB warehouse when it succeeds."""


class NotReady(Exception):
    """The warehouse cannot be built now; the message says why and what to run."""


def dbt_env(url: str | None) -> dict[str, str]:
    """The variables `profiles.yml` reads to reach `url`; none (target duckdb) without a URL."""
    if not url:
        return {}
    parsed = urlparse(url)
    env = {
        "FRESHDESK_DBT_TARGET": "postgres",
        "FRESHDESK_PG_HOST": parsed.hostname or "127.0.0.1",
        "FRESHDESK_PG_PORT": str(parsed.port or 5432),
        "FRESHDESK_PG_USER": unquote(parsed.username or ""),
        "FRESHDESK_PG_PASSWORD": unquote(parsed.password or ""),
        "FRESHDESK_PG_DBNAME": unquote(parsed.path.lstrip("/")),
    }
    sslmode = parse_qs(parsed.query).get("sslmode")
    if sslmode:
        env["FRESHDESK_PG_SSLMODE"] = sslmode[-1]
    return env


def warehouse_env() -> dict[str, str]:
    """What dbt's environment needs to build the configured warehouse: the work database's path
    (`load.paths`, so dbt, the loader and the publish step agree), the published file's (for the
    docs site) and, on PostgreSQL, `dbt_env`."""
    return {"FRESHDESK_WORK_DB": str(paths.work_db()), "FRESHDESK_DUCKDB_PATH": str(paths.published_db()),
            **dbt_env(destination_url())}


def _unwritable(folder: pathlib.Path) -> OSError | None:
    """Why nothing can be written in `folder` (or in its nearest existing parent), if so.

    Tried, not asked: `os.access` says yes to root on a read-only mount."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as exc:
        return exc


def require_writable(folders: list[pathlib.Path], files: list[pathlib.Path], doing: str, again: str) -> None:
    """Raise `NotReady` unless every folder of `folders` and file of `files` can be written."""
    for folder in dict.fromkeys(folders):
        problem = _unwritable(folder)
        if problem is not None:
            raise NotReady(f"cannot write to {folder}/ ({problem.strerror}): {doing}; make {folder}/ writable "
                           f"(or set FRESHDESK_WORK_DB and FRESHDESK_DUCKDB_PATH elsewhere) and run `{again}` again")
    for file in files:
        try:
            open(file, "r+b").close()  # DuckDB opens it for writing; this writes nothing
        except OSError as exc:
            raise NotReady(f"cannot write to {file} ({exc.strerror}): {doing}; make it writable and run "
                           f"`{again}` again") from None


def count_tables(work_db: pathlib.Path, schema: str) -> int:
    """How many tables `schema` of `work_db` holds (`NotReady` if the file cannot be opened)."""
    import duckdb

    try:
        with duckdb.connect(str(work_db), read_only=True) as con:
            return con.execute("select count(*) from duckdb_tables() where schema_name = ?", [schema]).fetchone()[0]
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        hint = " (is a load running? wait for it)" if "lock" in first.lower() else ""
        raise NotReady(f"cannot open {work_db}{hint}: {first}") from None


def check_ready(work_db: pathlib.Path, published: pathlib.Path, log_dir: pathlib.Path) -> None:
    """Raise `NotReady` unless a DuckDB transform can run: loaded data in `work_db`, and the folders
    of the work database, the published file and dbt's log writable (and the work database too)."""
    from load.pipeline import RAW_DATASET

    nothing_loaded = ("run `make load` (your account) or `make load SANDBOX=demo` (the sandbox) first")
    if not work_db.exists():
        raise NotReady(f"nothing loaded yet: {work_db} does not exist; {nothing_loaded}")
    require_writable([work_db.parent, published.parent, log_dir], [work_db],
                     f"transform builds in {work_db} and publishes {published}", "make transform")
    if not count_tables(work_db, RAW_DATASET):
        raise NotReady(f"nothing loaded yet: {work_db} has no {RAW_DATASET} tables; {nothing_loaded}")


@dataclasses.dataclass
class BuildSummary:
    """What `dbt build` did, from dbt's own results (not its printed text)."""

    models: dict[str, int] = dataclasses.field(default_factory=dict)  # by materialization: table, view
    tests: int = 0
    warnings: list[str] = dataclasses.field(default_factory=list)
    failures: list[str] = dataclasses.field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0
    error: str | None = None  # dbt could not run at all (project, profile, connection)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failures


def _first_lines(text: str | None, count: int = 4) -> str:
    lines = [line.rstrip() for line in (text or "").strip().splitlines() if line.strip()]
    more = " ..." if len(lines) > count else ""
    return "\n      ".join(lines[:count]) + more


def summarize(run_results: dict | None, events: list[dict], seconds: float,
              materialized: dict[str, str] | None = None) -> BuildSummary:
    """The summary of a `dbt build` from its `run_results.json` and the warning and error events
    dbt logged (JSON lines); with no run results, dbt could not run and its errors say why."""
    summary = BuildSummary(seconds=seconds)
    for event in events:
        if event["level"] == "warn":
            summary.warnings.append(_first_lines(event["msg"], 2))
    if run_results is None:
        errors = [_first_lines(e["msg"], 6) for e in events if e["level"] == "error" and e["msg"].strip()]
        summary.error = errors[0] if errors else "dbt wrote no run results"
        return summary
    for res in run_results["results"]:
        kind, _, name = res["unique_id"].partition(".")
        name = name.split(".")[1] if "." in name else name
        label = f"{kind} {name}"
        status = res["status"]
        if status in ("error", "fail", "runtime error"):
            summary.failures.append(f"{label}: {_first_lines(res.get('message'))}")
        elif status == "warn":
            summary.warnings.append(f"{label}: {_first_lines(res.get('message'), 2)}")
        elif status == "skipped":
            summary.skipped += 1
        elif kind == "test":
            summary.tests += 1
        elif kind in ("model", "seed", "snapshot"):
            how = (materialized or {}).get(res["unique_id"], kind)
            summary.models[how] = summary.models.get(how, 0) + 1
    return summary


def run_dbt_build(extra_args: list[str], env: dict[str, str], log_dir: pathlib.Path,
                  target_dir: pathlib.Path) -> BuildSummary:
    """`dbt build` as a child process with `env`: its full log to `log_dir`/dbt.log, only its warnings and
    errors on standard output (as JSON lines, read here), the summary from its `run_results.json`.

    A child process rather than `dbtRunner`: dbt-duckdb keeps the work database open in the process
    that ran it, and the publish must attach it next."""
    dbt = pathlib.Path(sys.executable).parent / "dbt"
    results_file = target_dir / "run_results.json"
    results_file.unlink(missing_ok=True)
    cmd = [str(dbt if dbt.exists() else "dbt"), *BUILD_ARGS, "--project-dir", str(ROOT / "dbt_project"),
           "--profiles-dir", str(ROOT), "--target-path", str(target_dir.resolve()),
           "--log-path", str(log_dir.resolve()),
           "--log-format", "json", "--log-level", "warn", "--log-format-file", "text", "--log-level-file", "debug",
           *extra_args]
    started = time.monotonic()
    proc = subprocess.run(cmd, env={**os.environ, **env}, stdout=subprocess.PIPE, text=True)
    events = []
    for line in proc.stdout.splitlines():
        try:
            info = json.loads(line)["info"]
            events.append({"level": info["level"], "msg": info["msg"]})
        except (ValueError, KeyError, TypeError):
            if line.strip():
                events.append({"level": "error" if proc.returncode else "warn", "msg": line})
    run_results = json.loads(results_file.read_text()) if results_file.exists() else None
    materialized = {}
    if (target_dir / "manifest.json").exists():
        nodes = json.loads((target_dir / "manifest.json").read_text())["nodes"]
        materialized = {uid: node["config"].get("materialized", "") for uid, node in nodes.items()}
    summary = summarize(run_results, events, time.monotonic() - started, materialized)
    if proc.returncode != 0 and summary.ok:
        summary.error = f"dbt exited with status {proc.returncode}"
    return summary


def transform(extra_args: list[str]) -> int:
    """`make transform`: check, `dbt build`, summary, publish. Returns the exit status."""
    log_dir = paths.dbt_log_dir()
    log_file = log_dir / "dbt.log"
    try:
        env = warehouse_env()
        on_postgres = "FRESHDESK_PG_HOST" in env
        if not on_postgres:
            check_ready(pathlib.Path(env["FRESHDESK_WORK_DB"]), paths.published_db(), log_dir)
        else:
            problem = _unwritable(log_dir)
            if problem is not None:
                raise NotReady(f"cannot write dbt's log to {log_dir}/ ({problem.strerror}): set DBT_LOG_PATH "
                               "to a writable folder")
    except (NotReady, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = (f"PostgreSQL at {env['FRESHDESK_PG_HOST']}:{env['FRESHDESK_PG_PORT']}, database "
             f"{env['FRESHDESK_PG_DBNAME']}" if on_postgres else env["FRESHDESK_WORK_DB"])
    print(f"dbt build in {where} (dbt's full log: {log_file}) ...", flush=True)
    summary = run_dbt_build(extra_args, env, log_dir, paths.dbt_target_dir())
    if summary.error:
        print(f"error: dbt build could not run: {summary.error}\n  full log: {log_file}", file=sys.stderr)
        return 1
    order = ["table", "incremental", "view"]
    built = " and ".join(f"{n} {how}{'s' if n != 1 else ''}" for how, n in sorted(
        summary.models.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    counts = f"{built or 'nothing'} built, {summary.tests} tests passed, {len(summary.warnings)} warnings"
    if summary.skipped:
        counts += f", {summary.skipped} skipped"
    for line in summary.warnings:
        print(f"  warning: {line}")
    if not summary.ok:
        print(f"error: dbt build failed after {summary.seconds:.1f} s ({counts}, {len(summary.failures)} failed); "
              "nothing was published:", file=sys.stderr)
        for line in summary.failures:
            print(f"  {line}", file=sys.stderr)
        print(f"  full log: {log_file}", file=sys.stderr)
        return 1
    print(f"dbt build: {counts} in {summary.seconds:.1f} s")
    if on_postgres:
        print(f"warehouse built in schema freshdesk of {where}")
        return 0
    from load.warehouse import publish

    return publish.main([])


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse transform` (`make transform`), or `python -m load.warehouse
    [--publish] <command...>`: run a command against the configured warehouse; with `--publish`,
    publish the DuckDB warehouse when it succeeds."""
    command = sys.argv[1:] if argv is None else argv
    if not command or command[0] in ("-h", "--help"):
        print(USAGE.format(log=paths.dbt_log_dir() / "dbt.log", published=paths.published_db()),
              file=sys.stdout if command else sys.stderr)
        return 0 if command else 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if command[0] == "transform":
        return transform(command[1:])
    then_publish = command[0] == "--publish"
    command = command[1:] if then_publish else command
    if not command:
        print(USAGE.splitlines()[1].replace("      ", "usage:", 1), file=sys.stderr)
        return 2
    try:
        env = warehouse_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if "FRESHDESK_PG_HOST" in env:
        log.info("warehouse: PostgreSQL at %s:%s, database %s", env["FRESHDESK_PG_HOST"], env["FRESHDESK_PG_PORT"],
                 env["FRESHDESK_PG_DBNAME"])
    try:
        if not then_publish:
            os.execvpe(command[0], command, {**os.environ, **env})
        code = subprocess.run(command, env={**os.environ, **env}).returncode
    except OSError as exc:
        print(f"error: cannot run {command[0]}: {exc.strerror}", file=sys.stderr)
        return 2
    if code != 0:
        return code
    from load.warehouse import publish

    return publish.main([])


if __name__ == "__main__":
    sys.exit(main())
