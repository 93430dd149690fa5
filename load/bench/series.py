"""A first load as a series of time-boxed runs, against one clean load of the same account.

    python -m load.bench.series [--scale demo] [--plan enterprise] [--max-minutes 0.5] [--checkpoint-minutes 0.1]

Issue 21's "done when": every run of the series (`python -m load --max-minutes M`, checkpoints every
`--checkpoint-minutes`, run again while it exits 75) ends within 45 s of its box; the series
finishes; all its runs together make at most 1.15 times the clean load's requests; and the
published tables (`make transform`) equal the clean load's. The account is the sandbox's, every
unkind behaviour on but churn (the series and the clean load must read the same account), served
in this process on the plan's rate limit; requests are the sandbox's own count. Prints one line per
run, then the figures (and writes them to `--out` as JSON).
"""

from __future__ import annotations

import argparse
import json
import logging
import pathlib
import subprocess
import sys
import tempfile
import time

from load.bench.run import ROOT, child_env, make_transform, published_checksums
from load.pipeline import EXIT_MORE_TO_DO

log = logging.getLogger("freshdesk.bench")

WITHIN_S = 45  # a run ends within this many seconds of its box
REQUESTS_RATIO = 1.15  # the series' requests over the clean load's, at most


def serve(scale: str | None, seed: int, plan: str, tickets: int | None = None):
    """A sandbox account (of `scale`, or of `tickets` tickets) served in this process, every unkind
    behaviour on but churn (a new one per load: its rate-limit window starts empty)."""
    from load.sandbox import Account, SandboxServer
    from load.sandbox.realism import Realism

    return SandboxServer(Account(seed=seed, scale=scale, tickets=tickets, realism=Realism(churn=0)), plan=plan)


def load(server, work_db: pathlib.Path, *args: str, **extra: str) -> tuple[int, float, int, str]:
    """`python -m load ARGS` against `server`: exit code, seconds, the sandbox's requests, last log line."""
    env = child_env(FRESHDESK_BASE_URL=server.base_url, FRESHDESK_API_KEY=server.api_key,
                    FRESHDESK_WORK_DB=str(work_db), **extra)
    before = server.stats.requests
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "load", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - began
    if result.returncode not in (0, EXIT_MORE_TO_DO):
        raise RuntimeError(f"the load failed ({result.returncode}): {result.stderr[-2000:]}")
    lines = [line for line in result.stderr.splitlines() if " load " in line and " in " in line]
    return result.returncode, seconds, server.stats.requests - before, lines[-1] if lines else ""


def series(args: argparse.Namespace, work: pathlib.Path) -> dict:
    """The clean load, then the series; both published with `make transform` and compared."""
    checkpoints = {"FRESHDESK_CHECKPOINT_MINUTES": str(args.checkpoint_minutes)}
    clean_dir, series_dir = work / "clean", work / "series"
    clean_dir.mkdir()
    series_dir.mkdir()
    log.info("clean load of the %s account (seed %d) on the %s plan", args.scale, args.seed, args.plan)
    with serve(args.scale, args.seed, args.plan) as server:
        code, clean_s, clean_requests, _ = load(server, clean_dir / "work.duckdb")
    assert code == 0
    box_s = args.max_minutes * 60
    runs = []
    with serve(args.scale, args.seed, args.plan) as server:
        while not runs or runs[-1]["exit"] == EXIT_MORE_TO_DO:
            if len(runs) == args.max_runs:
                break
            code, seconds, requests, last = load(
                server, series_dir / "work.duckdb", "--max-minutes", str(args.max_minutes), **checkpoints
            )
            runs.append(
                {
                    "exit": code,
                    "seconds": round(seconds, 1),
                    "over_box_s": round(seconds - box_s, 1),
                    "requests": requests,
                }
            )
            print(
                f"run {len(runs):2}: exit {code}, {seconds:6.1f} s ({seconds - box_s:+.1f} s past its box), "
                f"{requests:5} requests; {last.split(': ', 1)[-1][:140]}",
                flush=True,
            )
    make_transform(clean_dir / "work.duckdb", clean_dir)
    make_transform(series_dir / "work.duckdb", series_dir)
    equal = published_checksums(clean_dir / "freshdesk.duckdb") == published_checksums(series_dir / "freshdesk.duckdb")
    total = sum(r["requests"] for r in runs)
    return {
        "account": f"{args.scale} seed {args.seed}, plan {args.plan}, churn off",
        "box_s": box_s,
        "checkpoint_s": args.checkpoint_minutes * 60,
        "clean": {"seconds": round(clean_s, 1), "requests": clean_requests},
        "runs": runs,
        "finished": runs[-1]["exit"] == 0,
        "worst_over_box_s": max(r["over_box_s"] for r in runs),
        "requests": total,
        "requests_ratio": round(total / clean_requests, 3),
        "published_equal": equal,
    }


def report(r: dict) -> str:
    """The figures against the goals, one line each."""

    def mark(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    return "\n".join(
        [
            f"account: {r['account']}; box {r['box_s']:.0f} s, checkpoints every {r['checkpoint_s']:.0f} s",
            f"clean load: {r['clean']['seconds']} s, {r['clean']['requests']} requests",
            f"runs: {len(r['runs'])}, finished: {r['finished']} ({mark(r['finished'])})",
            f"worst run past its box: {r['worst_over_box_s']} s (goal <= {WITHIN_S}: "
            f"{mark(r['worst_over_box_s'] <= WITHIN_S)})",
            f"requests: {r['requests']} over the clean load's {r['clean']['requests']} = {r['requests_ratio']} "
            f"(goal <= {REQUESTS_RATIO}: {mark(r['requests_ratio'] <= REQUESTS_RATIO)})",
            f"published tables equal the clean load's: {r['published_equal']} ({mark(r['published_equal'])})",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the series, print the figures; exit 1 when a goal is missed."""
    parser = argparse.ArgumentParser(
        prog="python -m load.bench.series", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plan", default="enterprise")
    parser.add_argument("--max-minutes", type=float, default=0.5)
    parser.add_argument("--checkpoint-minutes", type=float, default=0.1)
    parser.add_argument("--max-runs", type=int, default=60)
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("bench-series.json"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-series-") as tmp:
        result = series(args, pathlib.Path(tmp))
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(report(result))
    met = (
        result["finished"]
        and result["worst_over_box_s"] <= WITHIN_S
        and result["requests_ratio"] <= REQUESTS_RATIO
        and result["published_equal"]
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
