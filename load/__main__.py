"""`python -m load`: load the configured Freshdesk account into the work database (or PostgreSQL).

With no credentials it refuses: the synthetic sandbox loads only when asked for
(`make demo`, `make load SANDBOX=demo`, or `python -m load.sandbox load`).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import signal
import sys
from collections.abc import Callable

from load import stopping
from load.guards import full_refresh_notice
from load.pipeline import EXIT_MORE_TO_DO, LoadError, LoadStopped, run_load
from load.progress import PROGRESS_DATEFMT, PROGRESS_FORMAT, progress_log
from load.settings import BY_NAME, Settings, SettingsError, add_run_arguments, help_text, load_settings

log = logging.getLogger("freshdesk")

def configure_logging(level: str) -> None:
    """The loader's log format, on stderr, at `level`."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # Progress lines (off a terminal) with a short prefix, so that a whole line fits progress.LINE_MAX.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(PROGRESS_FORMAT, PROGRESS_DATEFMT))
    progress_log.handlers, progress_log.propagate = [handler], False


def start_logging(args: argparse.Namespace) -> int | None:
    """Configure logging from `--log-level` or FRESHDESK_LOG_LEVEL; an exit code when that is invalid."""
    try:
        configure_logging(args.log_level or BY_NAME["log_level"].value())
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return None


def confirm_full_refresh(settings: Settings, yes: bool) -> None:
    """Ask before a full refresh (SettingsError when declined, or when there is no terminal to ask on)."""
    notice = full_refresh_notice(settings)
    if yes:
        return
    if not sys.stdin.isatty():
        raise SettingsError(f"{notice}; nothing done: confirm with --yes (no terminal to ask on)")
    print(f"{notice}.\nType yes to go on: ", end="", file=sys.stderr, flush=True)  # stdout may be a log
    answer = sys.stdin.readline()
    if answer.strip().lower() not in ("y", "yes"):
        raise SettingsError("full refresh not confirmed: nothing done")


def run(make_settings: Callable[[], Settings], args: argparse.Namespace | None = None) -> int:
    """Run one load with the settings `make_settings` returns; the exit code, errors as one line:
    0 all read, 75 a time-boxed run with more to read, 130/143 stopped by SIGINT/SIGTERM."""
    try:
        settings = make_settings()
        if args is not None and args.full_refresh:
            confirm_full_refresh(settings, args.yes)
            settings = dataclasses.replace(settings, full_refresh=True)
        summary = run_load(settings, max_minutes=getattr(args, "max_minutes", None))
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


def build_parser() -> argparse.ArgumentParser:
    """`python -m load`'s options; --help lists every setting with its default and meaning."""
    parser = argparse.ArgumentParser(prog="python -m load", description=__doc__,
                                     epilog=help_text(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run one load, return the exit code."""
    args = build_parser().parse_args(argv)
    if (code := start_logging(args)) is not None:
        return code
    return run(load_settings, args)


if __name__ == "__main__":
    sys.exit(main())
