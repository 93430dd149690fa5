"""Every file and folder the project reads or writes, resolved in this one place for the loader,
dbt (through `load.warehouse`), the publish step, the docs site and the shell.

Each is a setting of `load.settings.SETTINGS` (an environment variable or its key in `.dlt/config.toml`),
relative to the working directory (the repository root under `make`).
`python -m load.paths NAME` prints one (the Makefile uses it).
"""

from __future__ import annotations

import pathlib
import sys

from load.config import lookup
from load.settings import setting


def work_db() -> pathlib.Path:
    """The DuckDB file the loader writes its raw tables to and dbt builds in."""
    return setting("work_db")


def published_db() -> pathlib.Path:
    """The published warehouse file analysts open (replaced whole by each publish)."""
    return setting("duckdb_path")


def docs_dir() -> pathlib.Path:
    """The static docs site."""
    return setting("docs_dir")


def report_html() -> pathlib.Path:
    """The support-metrics report (`make report`), in the docs site so that the site links to it and
    `make serve-docs` serves it; a docs build keeps it."""
    return docs_dir() / "report.html"


def dbt_log_dir() -> pathlib.Path:
    """Where `make transform` keeps dbt's full log (`dbt.log`; dbt's own `DBT_LOG_PATH` wins)."""
    return pathlib.Path(lookup("DBT_LOG_PATH", "dbt_log_path", "data/logs"))


def dbt_target_dir() -> pathlib.Path:
    """dbt's target folder (manifest, `run_results.json`, compiled SQL; dbt's own `DBT_TARGET_PATH` wins)."""
    return pathlib.Path(lookup("DBT_TARGET_PATH", "dbt_target_path", "dbt_project/target"))


def state_dir(work: pathlib.Path, postgres: bool) -> pathlib.Path:
    """dlt's pipeline state for a destination, beside the work database: deleting `data/` starts
    from scratch, and a DuckDB cursor never makes a PostgreSQL load skip history."""
    return work.with_name("postgres.dlt") if postgres else work.with_suffix(".dlt")


PATHS = {"work_db": work_db, "published_db": published_db, "docs_dir": docs_dir, "report_html": report_html,
         "dbt_log_dir": dbt_log_dir, "dbt_target_dir": dbt_target_dir}


def main(argv: list[str] | None = None) -> int:
    """Print the path named by the only argument."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in PATHS:
        print(f"usage: python -m load.paths {{{','.join(PATHS)}}}", file=sys.stderr)
        return 2
    print(PATHS[args[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main())
