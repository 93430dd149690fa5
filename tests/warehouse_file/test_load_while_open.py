"""A person with the published file open never makes `make load transform` fail, and never sees a
half-built warehouse: one process holds a read-only connection for the whole run, another
reconnects in a loop, while `make load transform` loads the sandbox again, rebuilds and publishes."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

import duckdb

from tests.conftest import ROOT
from tests.warehouse_file.reader import snapshot

READER = pathlib.Path(__file__).with_name("reader.py")
VENV = pathlib.Path(sys.prefix)


def _start_reader(mode: str, db: pathlib.Path, stop: pathlib.Path) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen([sys.executable, str(READER), mode, str(db), str(stop)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    ready = json.loads(proc.stdout.readline() or '{"kind": "no output"}')
    assert ready["kind"] == "ready", (ready, proc.stderr.read() if proc.poll() is not None else "")
    return proc, ready


def _observations(proc: subprocess.Popen) -> tuple[list[dict], str]:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return [json.loads(line) for line in out.splitlines()], err


def _make_env(tmp: pathlib.Path, work_db: pathlib.Path, published: pathlib.Path) -> dict[str, str]:
    # no credentials, no destination, no .dlt/secrets.toml of the developer: the sandbox, into tmp
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRESHDESK_", "DLT_"))}
    env.update(FRESHDESK_WORK_DB=str(work_db), FRESHDESK_DUCKDB_PATH=str(published), DLT_PROJECT_DIR=str(tmp))
    return env


def test_open_readers_never_block_a_load_nor_see_it_half_done(warehouse, tmp_path):
    work_db, published = tmp_path / "work.duckdb", tmp_path / "freshdesk.duckdb"
    shutil.copyfile(warehouse.work_db, work_db)
    shutil.copytree(warehouse.work_db.with_suffix(".dlt"), work_db.with_suffix(".dlt"))
    shutil.copyfile(warehouse.published, published)
    stop = tmp_path / "stop"

    holder, before = _start_reader("hold", published, stop)
    poller, _ = _start_reader("poll", published, stop)
    try:
        dbt_flags = (f"--project-dir dbt_project --profiles-dir . --target-path {tmp_path / 'target'} "
                     f"--log-path {tmp_path / 'logs'}")
        # the project's Makefile in this test's virtualenv, without reinstalling it
        stamps = [f"--old-file={VENV}/.extra-{extra}" for extra in ("postgres", "sandbox")]
        cmd = ["make", "--no-print-directory", f"VENV={VENV}", *stamps,
               "SANDBOX=tiny", f"DBT_FLAGS={dbt_flags}", "load", "transform"]
        started = time.monotonic()
        result = subprocess.run(cmd, cwd=ROOT, env=_make_env(tmp_path, work_db, published), capture_output=True,
                                text=True, timeout=900)
        took = time.monotonic() - started
    finally:
        stop.touch()
    held, _ = _observations(holder)
    polled, _ = _observations(poller)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]

    con = duckdb.connect(str(published), read_only=True)
    try:
        after = snapshot(con)  # the reader's look, at the newly published file
    finally:
        con.close()
    old = {k: before[k] for k in after}
    assert old["tables"] == after["tables"] == 29
    assert old["tag"] != after["tag"], "the load should have published a new warehouse"

    errors = [o for o in held + polled if o["kind"] == "error"]
    assert errors == []
    # the open connection kept the warehouse it opened, whole, through the load and the publish
    assert len(held) > 3, f"the holder looked only {len(held)} times in {took:.0f} s"
    assert all({k: o[k] for k in old} == old for o in held)
    # reconnecting saw the old warehouse or the new one, complete, never anything in between
    seen = [{k: o[k] for k in old} for o in polled]
    assert all(s in (old, after) for s in seen), [s for s in seen if s not in (old, after)][:3]
    assert seen[-1] == after and polled[-1]["kind"] == "final"
