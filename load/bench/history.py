"""The long-history bench (issue 21, part 6): an account whose history is about half archived,
loaded clean, as a series of time-boxed runs, and killed at random moments (one of them while
archived tickets are probed), each compared with the clean load.

    python -m load.bench.history [--tickets 50000] [--plan-total 12000] [--checkpoint-minutes 0.1]
                                 [--max-minutes 0.5] [--kills 4]

The account is the sandbox's with every unkind behaviour on but churn (every run must read the same
account): closed tickets untouched for 120 days are archived, about half of a long history. It is
served in this process on a simulated plan of `--plan-total` credits a minute (Freshdesk's largest
plan would stretch 50,000 tickets to many hours; the pacing is the same), each load a child process
(`python -m load.bench load`). Figures, each against its goal:

- `estimate_error`: the clean load's estimate before it started, over the credits it spent, minus 1.
- `credit_efficiency`: what a perfect client spends on the account (`load/bench/efficiency.py`)
  over what the clean load spent.
- `worst_over_box_s`: the time-boxed series' worst run past its `--max-minutes` box (goal: one
  checkpoint plus 30 s); `time_to_first_publish_s`: its first run plus `make transform`.
- `redo_fraction_after_kill`: the killed series' requests (every run's, the killed ones' included)
  over the clean load's, minus 1.
- the published tables of the series and of the killed loads equal the clean load's.

Requests and credits are the sandbox's own count. Writes `--out` (JSON) and prints one line a figure;
exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import json
import logging
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import time

from load.bench import series
from load.bench.efficiency import perfect_credits
from load.bench.run import ROOT, child_env, make_transform, published_checksums, simulated_plan
from load.pipeline import EXIT_MORE_TO_DO

log = logging.getLogger("freshdesk.bench")

GOALS = {"redo_fraction_after_kill": 0.05, "estimate_error": 0.10, "credit_efficiency": 0.95, "over_box_slack_s": 30}


def serve(tickets: int, seed: int, plan_total: int):
    """The account on a simulated plan of `plan_total` credits a minute, served in this process."""
    return series.serve(None, seed, simulated_plan(plan_total), tickets=tickets)


def start(server, work_db: pathlib.Path, checkpoint_minutes: float, *args: str) -> subprocess.Popen:
    """`python -m load.bench load ARGS` against `server`, checkpoints every `checkpoint_minutes`."""
    env = child_env(FRESHDESK_BASE_URL=server.base_url, FRESHDESK_API_KEY=server.api_key,
                    FRESHDESK_WORK_DB=str(work_db), FRESHDESK_CHECKPOINT_MINUTES=str(checkpoint_minutes))
    return subprocess.Popen([sys.executable, "-m", "load.bench", "load", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, dict]:
    """Wait for a load child: its exit code (the CLI's: 75 while a time-boxed run left more to read)
    and its JSON summary (empty when it was killed)."""
    out, _ = proc.communicate()
    if proc.returncode not in (0, EXIT_MORE_TO_DO, -signal.SIGKILL):
        raise RuntimeError(f"a load failed with exit {proc.returncode}")
    lines = out.strip().splitlines()
    return proc.returncode, (json.loads(lines[-1]) if lines and proc.returncode >= 0 else {})


def clean_load(args, work: pathlib.Path) -> dict:
    with serve(args.tickets, args.seed, args.plan_total) as server:
        archived = len(server.account.archived_ids())
        began = time.monotonic()
        code, summary = finish(start(server, work / "work.duckdb", args.checkpoint_minutes))
        seconds = time.monotonic() - began
        perfect = sum(perfect_credits(server.account).values())
        spent, requests = server.stats.credits_used, server.stats.requests
    assert code == 0
    make_transform(work / "work.duckdb", work)
    estimate = summary.get("estimate") or {}
    return {"seconds": round(seconds, 1), "requests": requests, "credits": spent, "archived": archived,
            "perfect_credits": perfect, "credit_efficiency": round(perfect / spent, 3),
            "estimate_credits": estimate.get("credits"), "estimate_line": estimate.get("line"),
            "estimate_error": round(estimate["credits"] / spent - 1, 4) if estimate else None}


def boxed_series(args, work: pathlib.Path) -> dict:
    runs, first_publish_s = [], None
    box_s = args.max_minutes * 60
    with serve(args.tickets, args.seed, args.plan_total) as server:
        began = time.monotonic()
        while not runs or runs[-1]["exit"] == EXIT_MORE_TO_DO:
            if len(runs) == args.max_runs:
                break
            before, run_began = server.stats.requests, time.monotonic()
            code, _ = finish(start(server, work / "work.duckdb", args.checkpoint_minutes,
                                   "--max-minutes", str(args.max_minutes)))
            seconds = time.monotonic() - run_began
            runs.append({"exit": code, "seconds": round(seconds, 1), "over_box_s": round(seconds - box_s, 1),
                         "requests": server.stats.requests - before})
            log.info("series run %d: exit %d, %.1f s (%+.1f s past its box)", len(runs), code, seconds, seconds - box_s)
            if len(runs) == 1:
                make_transform(work / "work.duckdb", work)
                first_publish_s = time.monotonic() - began
        requests = server.stats.requests
    make_transform(work / "work.duckdb", work)
    return {"runs": runs, "finished": runs[-1]["exit"] == 0, "requests": requests,
            "worst_over_box_s": max(r["over_box_s"] for r in runs),
            "time_to_first_publish_s": round(first_publish_s, 1)}


def killed_series(args, work: pathlib.Path, clean_s: float) -> dict:
    """`--kills` SIGKILLs at random moments of a first load, the first of them while archived
    tickets are probed (a moment after the first probe), then a rerun to the end."""
    rng = random.Random(args.kill_seed)
    kills = []
    with serve(args.tickets, args.seed, args.plan_total) as server:
        probes = lambda: server.stats.by_route.get("archived_ticket", 0)  # noqa: E731
        for n in range(args.kills):
            proc = start(server, work / "work.duckdb", args.checkpoint_minutes)
            began, during_probing = time.monotonic(), n == 0
            if during_probing:
                while probes() == 0 and proc.poll() is None:
                    time.sleep(0.05)
                time.sleep(rng.uniform(0.2, 1.0) * args.checkpoint_minutes * 60)
            else:
                time.sleep(rng.uniform(0.2, 1.0) * clean_s / (args.kills + 1))
            alive = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            finish(proc)
            kills.append({"after_s": round(time.monotonic() - began, 1), "killed": alive,
                          "while_probing": during_probing, "probes_so_far": probes()})
            log.info("kill %d after %.1f s%s", n + 1, kills[-1]["after_s"], " (probing)" if during_probing else "")
        code, _ = finish(start(server, work / "work.duckdb", args.checkpoint_minutes))
        assert code == 0
        requests = server.stats.requests
    make_transform(work / "work.duckdb", work)
    return {"kills": kills, "requests": requests}


def bench(args) -> dict:
    work = pathlib.Path(args.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    for part in ("clean", "series", "killed"):
        (work / part).mkdir(parents=True)
    log.info("clean load: %d tickets, plan %d credits/min, checkpoints every %s min", args.tickets, args.plan_total,
             args.checkpoint_minutes)
    clean = clean_load(args, work / "clean")
    log.info("time-boxed series: --max-minutes %s", args.max_minutes)
    series = boxed_series(args, work / "series")
    log.info("killed series: %d kills", args.kills)
    killed = killed_series(args, work / "killed", clean["seconds"])
    tables = {part: published_checksums(work / part / "freshdesk.duckdb") for part in ("clean", "series", "killed")}
    return {
        "account": {"tickets": args.tickets, "archived": clean["archived"], "seed": args.seed,
                    "plan_total_per_minute": args.plan_total, "realism": "every unkind behaviour, churn off"},
        "checkpoint_s": args.checkpoint_minutes * 60, "box_s": args.max_minutes * 60,
        "clean": clean, "series": series, "killed": killed,
        "estimate_error": clean["estimate_error"], "credit_efficiency": clean["credit_efficiency"],
        "worst_over_box_s": series["worst_over_box_s"], "time_to_first_publish_s": series["time_to_first_publish_s"],
        "redo_fraction_after_kill": round(killed["requests"] / clean["requests"] - 1, 4),
        "series_tables_equal": tables["series"] == tables["clean"],
        "killed_tables_equal": tables["killed"] == tables["clean"],
    }


def report(r: dict) -> tuple[str, bool]:
    """One line a figure, against its goal; and whether every goal is met."""
    over_goal = r["checkpoint_s"] + GOALS["over_box_slack_s"]
    est = r["estimate_error"]
    checks = [
        ("estimate_error", est, est is not None and abs(est) <= GOALS["estimate_error"],
         f"within {GOALS['estimate_error']:.0%}"),
        ("credit_efficiency", r["credit_efficiency"], r["credit_efficiency"] >= GOALS["credit_efficiency"],
         f">= {GOALS['credit_efficiency']}"),
        ("worst_over_box_s", r["worst_over_box_s"], r["worst_over_box_s"] <= over_goal, f"<= {over_goal:.0f}"),
        ("redo_fraction_after_kill", r["redo_fraction_after_kill"],
         r["redo_fraction_after_kill"] <= GOALS["redo_fraction_after_kill"], f"<= {GOALS['redo_fraction_after_kill']}"),
        ("series_tables_equal", r["series_tables_equal"], r["series_tables_equal"], "True"),
        ("killed_tables_equal", r["killed_tables_equal"], r["killed_tables_equal"], "True"),
        ("series finished", r["series"]["finished"], r["series"]["finished"], "True"),
    ]
    a, c = r["account"], r["clean"]
    lines = [f"account: {a['tickets']:,} tickets ({a['archived']:,} archived), "
             f"plan {a['plan_total_per_minute']:,}/min, checkpoints every {r['checkpoint_s']:.0f} s",
             f"clean load: {c['seconds']} s, {c['requests']:,} requests, {c['credits']:,} credits "
             f"(perfect client {c['perfect_credits']:,}); estimate {c['estimate_credits']}",
             f"series: {len(r['series']['runs'])} runs of a {r['box_s']:.0f}-s box, "
             f"{r['series']['requests']:,} requests; time_to_first_publish_s {r['time_to_first_publish_s']}",
             f"killed: {len(r['killed']['kills'])} kills, {r['killed']['requests']:,} requests"]
    lines += [f"{name}: {value} (goal {goal}: {'ok' if ok else 'MISSED'})" for name, value, ok, goal in checks]
    return "\n".join(lines), all(ok for _, _, ok, _ in checks)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m load.bench.history", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tickets", type=int, default=50_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--plan-total", type=int, default=12_000, help="simulated plan, credits a minute")
    p.add_argument("--checkpoint-minutes", type=float, default=0.1)
    p.add_argument("--max-minutes", type=float, default=0.5, help="the time-boxed series' box")
    p.add_argument("--max-runs", type=int, default=500)
    p.add_argument("--kills", type=int, default=4)
    p.add_argument("--kill-seed", type=int, default=20261205)
    p.add_argument("--work-dir", default="data/bench-history")
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("bench-history.json"))
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    result = bench(args)
    args.out.write_text(json.dumps(result, indent=2))
    text, ok = report(result)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
