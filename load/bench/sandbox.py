"""Throughput of the Freshdesk sandbox: requests/s on small list pages, 32 connections.

Starts `python -m load.sandbox serve` in a child process (so server and client do not share
a GIL), then drives it from this process with aiohttp. Requests go to 127.0.0.1 only and are
bounded both in count and in time. Prints the figures; exits non-zero only on errors.

    python -m load.bench.sandbox [--requests 20000] [--seconds 20] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import statistics
import sys
import time

import aiohttp

from load.sandbox.process import SandboxProcess

log = logging.getLogger("load.bench.sandbox")

PATHS = (
    "/tickets?per_page=5&updated_since=2026-01-01T00:00:00Z&order_by=updated_at&order_type=asc",
    "/contacts?per_page=5",
    "/tickets?per_page=5&include=requester,stats&updated_since=2026-06-01",
    "/agents?per_page=5",
    "/tickets/1/conversations?per_page=5",
    "/companies?per_page=5",
)


async def drive(base: str, key: str, requests: int, seconds: float, concurrency: int) -> dict:
    """Issue up to `requests` GETs within `seconds` from `concurrency` workers."""
    auth = "Basic " + base64.b64encode(f"{key}:X".encode()).decode()
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.monotonic() + seconds
    conn = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=conn, headers={"Authorization": auth}) as session:
        async def worker(w: int) -> None:
            nonlocal issued, errors
            while issued < requests and time.monotonic() < deadline:
                path = PATHS[issued % len(PATHS)]
                issued += 1
                t0 = time.perf_counter()
                async with session.get(base + path) as resp:
                    await resp.read()
                    if resp.status != 200:
                        errors += 1
                latencies.append(time.perf_counter() - t0)

        began = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "seconds": elapsed,
            "rps": len(latencies) / elapsed, "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))]}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=20_000)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--scale", default="demo")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    with SandboxProcess(scale=args.scale, plan="unlimited", extra=["--log-level", "WARNING"]) as sandbox:
        base, key = sandbox.base_url, sandbox.api_key
        if not base.startswith("http://127.0.0.1:"):
            raise SystemExit(f"refusing to benchmark a non-loopback URL: {base}")
        asyncio.run(drive(base, key, 500, 10, args.concurrency))  # warm caches and connections
        r = asyncio.run(drive(base, key, args.requests, args.seconds, args.concurrency))
    print(f"sandbox benchmark: scale={args.scale} concurrency={args.concurrency}")
    print(f"  requests: {r['requests']} in {r['seconds']:.2f}s, errors: {r['errors']}")
    print(f"  throughput: {r['rps']:.0f} requests/s")
    print(f"  latency: p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms")
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
