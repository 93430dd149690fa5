"""`python -m load`: load the configured Freshdesk account into the work database (or PostgreSQL).

With no credentials it refuses: the synthetic sandbox loads only when asked for
(`make demo`, `make load SANDBOX=demo`, or `python -m load.sandbox load`).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable

from load import stopping
from load.pipeline import EXIT_MORE_TO_DO, LoadError, LoadStopped, run_load
from load.settings import Settings, SettingsError, load_settings

log = logging.getLogger("freshdesk")


def configure_logging(quiet: bool = False) -> None:
    """The loader's log format, on stderr."""
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def run(make_settings: Callable[[], Settings], max_minutes: float | None = None) -> int:
    """Run one load with the settings `make_settings` returns; the exit code, errors as one line:
    0 all read, 75 a time-boxed run with more to read, 130/143 stopped by SIGINT/SIGTERM."""
    try:
        summary = run_load(make_settings(), max_minutes=max_minutes)
    except LoadStopped as exc:
        print(exc, file=sys.stderr)
        stopping.exit_soon(exc.exit_code)  # even if a worker thread still sleeps in a retry
        return exc.exit_code
    except (SettingsError, LoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:  # before the load began (no checkpoint handling yet)
        print("stopped by SIGINT before the load began: nothing written", file=sys.stderr)
        return stopping.exit_code(signal.SIGINT)
    return 0 if summary.done else EXIT_MORE_TO_DO


def minutes(text: str) -> float:
    """`--max-minutes`: a positive number."""
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of minutes, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run one load, return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m load", description=__doc__)
    parser.add_argument("--quiet", action="store_true", help="warnings and errors only")
    parser.add_argument("--max-minutes", type=minutes, metavar="N",
                        help=f"stop at the first checkpoint after N minutes; exit {EXIT_MORE_TO_DO} if there is more "
                             "to read (0 when all is read): run it again to go on")
    args = parser.parse_args(argv)
    configure_logging(args.quiet)
    return run(load_settings, args.max_minutes)


if __name__ == "__main__":
    sys.exit(main())
