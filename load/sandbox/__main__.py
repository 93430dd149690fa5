"""`python -m load.sandbox serve ...`: serve a synthetic account until SIGINT/SIGTERM;
`python -m load.sandbox load ...`: serve one in a child process and run the loader against it
(what `make demo` and `make load SANDBOX=...` do: the only way sandbox data reaches a warehouse).

For `serve`, the first stdout line is `FRESHDESK_BASE_URL=... FRESHDESK_API_KEY=...` (scripts parse it);
everything else goes to stderr through logging.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import ssl
import sys
import time

from load.settings import add_run_arguments

from .account import Account
from .config import SCALES, account_domain, make_config
from .faults import FaultConfig
from .process import SandboxProcess
from .ratelimit import PLANS
from .realism import Realism
from .server import SandboxServer, new_event_loop

log = logging.getLogger("load.sandbox")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m load.sandbox", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve a synthetic Freshdesk account on loopback")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=0, help="0 picks a free port")
    s.add_argument("--scale", choices=sorted(SCALES), default="demo")
    s.add_argument("--tickets", type=int, help="explicit ticket count (overrides --scale)")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--plan", choices=sorted(PLANS), default="unlimited")
    s.add_argument("--window-seconds", type=float, default=60.0, help="length of the rate-limit window")
    s.add_argument("--page-cap", type=int, default=300, help="last ticket-list page served")
    s.add_argument("--per-page-default", type=int, default=30)
    s.add_argument("--latency-ms", type=int, default=0, help="added to every answer")
    s.add_argument("--fault-rate", type=float, default=0.0, help="rate of 5xx answers")
    s.add_argument("--storm-rate", type=float, default=0.0, help="rate at which a 429 storm starts")
    s.add_argument("--storm-length", type=int, default=5)
    s.add_argument("--drop-rate", type=float, default=0.0, help="rate of connections closed with no answer")
    s.add_argument("--truncate-rate", type=float, default=0.0, help="rate of bodies cut in half")
    s.add_argument("--spike-rate", type=float, default=0.0, help="rate of latency spikes")
    s.add_argument("--spike-ms", type=int, default=1500)
    s.add_argument("--non-admin", action="store_true", help="print the non-admin key (403 on admin endpoints)")
    s.add_argument("--api-key", help="use this admin key instead of the seed-derived one")
    s.add_argument("--tls-cert", help="serve HTTPS with this PEM certificate")
    s.add_argument("--tls-key", help="private key for --tls-cert")
    s.add_argument("--realism", action="append", metavar="SPEC",
                   help="unkind behaviours of real accounts (all on by default, or as FRESHDESK_SANDBOX_REALISM says): "
                        "'kind' turns every one off, "
                        "'unkind' back on, NAME=VALUE sets one (e.g. churn=3, agent_contact_view=contact); "
                        "repeatable, applied in order; see load/sandbox/README.md")
    s.add_argument("--log-level", default="INFO")
    d = sub.add_parser("load", help="load a synthetic account into the configured warehouse (python -m load)")
    d.add_argument("--scale", choices=sorted(SCALES), default="demo")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--plan", help="rate-limit plan the sandbox imitates: " + ", ".join(PLANS)
                   + " (default: FRESHDESK_SANDBOX_PLAN, else addon2000)")
    d.add_argument("--realism", action="append", metavar="SPEC", help="as for serve (default: every behaviour on)")
    add_run_arguments(d)
    return p


def plan_notice(scale: str, seed: int, plan: str, share: float) -> list[str]:
    """Which account a sandbox load loads and which plan's pace it keeps, in lines of at most 100
    characters with the log prefix (the loader's own estimate, before the load, says what it costs)."""
    size, limit = SCALES[scale], PLANS[plan].total
    what = f"loading SANDBOX data: {scale}, seed {seed}, {size['tickets']:,} tickets"
    if limit is None:
        return [what, f"plan {plan}: no rate limit"]
    return [what, f"plan {plan}: {limit:,} credits/min, {share:.0%} for this load"]


def load_sandbox(args: argparse.Namespace) -> int:
    """Serve a sandbox account in a child process and load it with the real loader CLI's run."""
    from load.__main__ import run, start_logging
    from load.settings import BY_NAME, SettingsError, load_settings

    if (code := start_logging(args)) is not None:
        return code
    try:
        plan = args.plan or BY_NAME["sandbox_plan"].value()
        if plan not in PLANS:
            raise SettingsError(f"unknown sandbox plan {plan!r} (FRESHDESK_SANDBOX_PLAN or --plan): "
                                f"one of {', '.join(PLANS)}")
        share = BY_NAME["budget_share"].value()
        Realism.parse(args.realism, Realism.from_env())  # refuse a bad spec here, not in the child
    except (SettingsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in plan_notice(args.scale, args.seed, plan, share):
        log.warning("%s", line)
    realism = [arg for spec in args.realism or [] for arg in ("--realism", spec)]
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
    with SandboxProcess(scale=args.scale, seed=args.seed, plan=plan, extra=["--log-level", level, *realism]) as sandbox:
        return run(lambda: load_settings(base_url=sandbox.base_url, api_key=sandbox.api_key, is_sandbox=True,
                                         domain=account_domain(make_config(args.seed, args.scale))), args)


async def _serve(server: SandboxServer, non_admin: bool) -> None:
    await server.start_async()
    key = server.agent_api_key if non_admin else server.admin_api_key
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # before the line: a stop right after it is a clean one
        loop.add_signal_handler(sig, stop.set)
    sys.stdout.write(f"FRESHDESK_BASE_URL={server.base_url} FRESHDESK_API_KEY={key}\n")
    sys.stdout.flush()
    await stop.wait()
    stats = server.stats
    log.info("stopping: %s requests, %s credits, %d x 429", f"{stats.requests:,}", f"{stats.credits_used:,}",
             stats.http_429)
    await server.stop_async()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m load.sandbox`."""
    args = build_parser().parse_args(argv)
    if args.command == "load":
        return load_sandbox(args)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        realism = Realism.parse(args.realism, Realism.from_env())
    except ValueError as err:
        log.error("%s", err)
        return 2
    began = time.monotonic()
    account = Account(seed=args.seed, scale=None if args.tickets else args.scale, tickets=args.tickets,
                      realism=realism)
    log.info("account ready in %.1f s: %s tickets, plan %s", time.monotonic() - began,
             f"{account.config.tickets:,}", args.plan)
    faults = FaultConfig(error_rate=args.fault_rate, storm_rate=args.storm_rate, storm_length=args.storm_length,
                         drop_rate=args.drop_rate, truncate_rate=args.truncate_rate, spike_rate=args.spike_rate,
                         spike_ms=args.spike_ms, seed=args.seed)
    ctx = None
    if args.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
    server = SandboxServer(account, plan=args.plan, page_cap=args.page_cap, per_page_default=args.per_page_default,
                           latency_ms=args.latency_ms, faults=faults if faults.active else None, port=args.port,
                           host=args.host, window_seconds=args.window_seconds, ssl_context=ctx, api_key=args.api_key)
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        runner.run(_serve(server, args.non_admin))
    return 0


if __name__ == "__main__":
    sys.exit(main())
