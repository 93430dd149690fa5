"""Measure the oracle, and compare a built warehouse with it by hand.

    python -m tests.groundtruth --scale demo --seed 11 [--mirror-remote-id 7] [WAREHOUSE.duckdb]

Builds the expected rows of a freshly generated sandbox account (one load, no mutations), prints
how long that took and, given a DuckDB file (the dbt work file or the published file) loaded
from the same account, how long the comparison took and what differs. Exits 1 on differences.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

from load.sandbox import SCALES, Account

from .compare import compare, describe
from .expected import ExpectedWarehouse


class _Stopwatch:
    """Wall-clock and CPU time since the last lap (the CPU time says more on a busy machine)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> str:
        wall, cpu = time.perf_counter(), time.process_time()
        text = f"{wall - self.wall:.2f} s (CPU {cpu - self.cpu:.2f} s)"
        self.wall, self.cpu = wall, cpu
        return text


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; the exit status says whether the warehouse matched."""
    parser = argparse.ArgumentParser(prog="python -m tests.groundtruth", description=__doc__.split("\n\n")[0])
    parser.add_argument("warehouse", nargs="?", type=pathlib.Path, help="a DuckDB file with schema freshdesk")
    parser.add_argument("--scale", choices=sorted(SCALES), default="tiny")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mirror-remote-id", type=int, default=1)
    parser.add_argument("--schema", default="freshdesk")
    args = parser.parse_args(argv)
    if args.warehouse is not None and not args.warehouse.is_file():
        parser.error(f"no such DuckDB file: {args.warehouse}")

    clock = _Stopwatch()
    account = Account(seed=args.seed, scale=args.scale)
    print(f"account {args.scale} seed {args.seed}: generated in {clock.lap()}")
    expected = ExpectedWarehouse(args.mirror_remote_id).observe(account).tables()
    print(f"{sum(map(len, expected.values()))} expected rows in 29 tables in {clock.lap()}")
    if args.warehouse is None:
        return 0
    diffs = compare(args.warehouse, expected, schema=args.schema)
    print(f"compared with {args.warehouse} in {clock.lap()}")
    print(describe(diffs))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
