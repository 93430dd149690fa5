"""The warehouse dbt builds in: the DuckDB work database by default, or the PostgreSQL server named
by `FRESHDESK_DESTINATION_URL` (or `[destination] url` in `.dlt/secrets.toml`).

dbt profiles cannot parse a URL, so the `postgres` target of `profiles.yml` reads discrete
`FRESHDESK_PG_*` variables. `python -m load.warehouse <command...>` (what `make transform` runs
dbt through) sets them from the URL in the command's environment only: the password is never
printed nor written to a file.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlparse

from load import paths
from load.settings import SettingsError, destination_url

log = logging.getLogger("freshdesk.warehouse")


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
    (`load.paths`, so dbt, the loader and the publish step agree) and, on PostgreSQL, `dbt_env`."""
    return {"FRESHDESK_WORK_DB": str(paths.work_db()), **dbt_env(destination_url())}


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse [--publish] dbt build ...`: run a command against the configured
    warehouse; with `--publish`, publish the DuckDB warehouse when it succeeds (`make transform`)."""
    command = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    then_publish = bool(command) and command[0] == "--publish"
    command = command[1:] if then_publish else command
    if not command:
        print("usage: python -m load.warehouse [--publish] <command> [args...]", file=sys.stderr)
        return 2
    try:
        env = warehouse_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if "FRESHDESK_PG_HOST" in env:
        log.info("warehouse: PostgreSQL at %s:%s, database %s", env["FRESHDESK_PG_HOST"], env["FRESHDESK_PG_PORT"],
                 env["FRESHDESK_PG_DBNAME"])
    if not then_publish:
        os.execvpe(command[0], command, {**os.environ, **env})
    # One process for both steps: a second interpreter would import dlt and DuckDB again (~1 s).
    code = subprocess.run(command, env={**os.environ, **env}).returncode
    if code != 0:
        return code
    from load.warehouse import publish

    return publish.main([])


if __name__ == "__main__":
    sys.exit(main())
