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
import sys
from urllib.parse import parse_qs, unquote, urlparse

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


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse dbt build ...`: run a command against the configured warehouse."""
    command = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not command:
        print("usage: python -m load.warehouse <command> [args...]", file=sys.stderr)
        return 2
    try:
        env = dbt_env(destination_url())
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if env:
        log.info("warehouse: PostgreSQL at %s:%s, database %s", env["FRESHDESK_PG_HOST"], env["FRESHDESK_PG_PORT"],
                 env["FRESHDESK_PG_DBNAME"])
    os.execvpe(command[0], command, {**os.environ, **env})


if __name__ == "__main__":
    sys.exit(main())
