"""`python -m load`: load the configured Freshdesk account into the work database (or PostgreSQL).

With no credentials it refuses: the synthetic sandbox loads only when asked for
(`make demo`, `make load SANDBOX=demo`, or `python -m load.sandbox load`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from load.pipeline import LoadError, run_load
from load.settings import Settings, SettingsError, load_settings

log = logging.getLogger("freshdesk")


def configure_logging(quiet: bool = False) -> None:
    """The loader's log format, on stderr."""
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def run(make_settings: Callable[[], Settings]) -> int:
    """Run one load with the settings `make_settings` returns; the exit code, errors as one line."""
    try:
        run_load(make_settings())
    except (SettingsError, LoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run one load, return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m load", description=__doc__)
    parser.add_argument("--quiet", action="store_true", help="warnings and errors only")
    args = parser.parse_args(argv)
    configure_logging(args.quiet)
    return run(load_settings)


if __name__ == "__main__":
    sys.exit(main())
