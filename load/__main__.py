"""`python -m load`: load a Freshdesk account (or, with no credentials, the sandbox) into DuckDB."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from load.pipeline import LoadError, run_load
from load.sandbox_process import SandboxProcess
from load.settings import SettingsError, has_api_key, load_settings

log = logging.getLogger("freshdesk")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run one load, return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m load", description=__doc__)
    parser.add_argument("--sandbox", action="store_true",
                        help="load from a local sandbox account even if credentials are configured")
    parser.add_argument("--sandbox-scale", default=os.environ.get("FRESHDESK_SANDBOX_SCALE", "demo"),
                        help="size of the sandbox account (tiny, demo, bench); default demo")
    parser.add_argument("--quiet", action="store_true", help="warnings and errors only")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("freshdesk.sandbox").setLevel(logging.WARNING)
    try:
        if args.sandbox or not has_api_key():
            with SandboxProcess(scale=args.sandbox_scale) as sandbox:
                log.warning("no Freshdesk credentials configured: loading SANDBOX data (synthetic %s account at %s)",
                            args.sandbox_scale, sandbox.base_url)
                settings = load_settings(base_url=sandbox.base_url, api_key=sandbox.api_key, is_sandbox=True)
                run_load(settings)
        else:
            run_load(load_settings())
    except (SettingsError, LoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
