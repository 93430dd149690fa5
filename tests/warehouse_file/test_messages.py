"""`make transform` and `make docs` when they cannot run: one line on standard error saying what is
wrong and what to run, a non-zero exit, and no dbt output (they check before starting dbt)."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT


def run(module_args: list[str], data: pathlib.Path, read_only: bool = False) -> subprocess.CompletedProcess:
    """`python -m <module_args>` with every path of the project under `data`; with `read_only`, `data`
    is mounted read-only for the child (a private mount namespace: root ignores file modes)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRESHDESK_", "DBT_", "SOURCES__"))}
    env.update(FRESHDESK_WORK_DB=str(data / "work.duckdb"), FRESHDESK_DUCKDB_PATH=str(data / "freshdesk.duckdb"),
               FRESHDESK_DOCS_DIR=str(data / "docs"), DBT_LOG_PATH=str(data / "logs"))
    cmd = [sys.executable, "-m", *module_args]
    if read_only:
        cmd = ["unshare", "-rm", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"',
               str(data), *cmd]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def loaded(tmp_path) -> pathlib.Path:
    """A `data` folder whose work database holds a raw table (what transform checks for)."""
    data = tmp_path / "data"
    data.mkdir()
    with duckdb.connect(str(data / "work.duckdb")) as con:
        con.execute("create schema freshdesk_raw; create table freshdesk_raw.tickets (id bigint)")
    return data


@pytest.mark.parametrize("command", [["load.warehouse", "transform"], ["load.warehouse.docs"]])
def test_before_any_load_says_to_load_first(tmp_path, command):
    line = one_line_error(run(command, tmp_path / "data"))
    assert "nothing loaded yet" in line and "work.duckdb does not exist" in line and "`make load" in line


def test_transform_on_an_empty_work_database_says_to_load_first(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    duckdb.connect(str(data / "work.duckdb")).close()
    line = one_line_error(run(["load.warehouse", "transform"], data))
    assert "has no freshdesk_raw tables" in line and "`make load" in line


def test_docs_before_transform_says_to_transform_first(loaded):
    line = one_line_error(run(["load.warehouse.docs"], loaded))
    assert "no warehouse built yet" in line and "`make transform`" in line


def _can_mount_read_only() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-rm", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="no user namespaces here (unshare -rm) to mount data/ read-only")
@pytest.mark.parametrize("command,again", [(["load.warehouse", "transform"], "`make transform` again"),
                                           (["load.warehouse.docs"], "`make docs` again")])
def test_read_only_data_folder_says_so(loaded, command, again):
    line = one_line_error(run(command, loaded, read_only=True))
    assert f"cannot write to {loaded}/ (Read-only file system)" in line and again in line
    assert not (loaded / "logs").exists()


def test_help_prints_usage_and_exits_0(tmp_path):
    result = run(["load.warehouse", "--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m load.warehouse transform")
    assert "dbt.log" in result.stdout


def test_a_command_that_does_not_exist_is_one_line(tmp_path):
    result = run(["load.warehouse", "no-such-program-xyz"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["error: cannot run no-such-program-xyz: No such file or directory"]


def test_readme_shows_the_summary_make_transform_prints(warehouse):
    """The README's example of `make transform`'s summary has the counts a build prints (models and
    tests are the same on every account; only the seconds and paths differ)."""
    readme = (ROOT / "README.md").read_text()
    for line in (re.compile(r"^dbt build: (.+?) built, (\d+) tests passed, (\d+) warnings", re.M),
                 re.compile(r"freshdesk\.publish: (published \d+ tables?) to ", re.M)):
        shown, printed = line.search(readme), line.search(warehouse.transform_output)
        assert shown and printed, warehouse.transform_output
        assert shown.groups() == printed.groups()
