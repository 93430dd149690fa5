"""What each behaviour of real accounts costs the loader in API credits (issue 12).

Loads one sandbox account (in process, `unlimited` plan: credits are counted, never waited
for) once with every realism switch off, then once per behaviour with only that switch on,
then with all of them on, each into a fresh work database; then, on the all-on account, an
incremental load after 1% of the contacts changed. Prints the sandbox's credit count of each
load and the extra credits per 1,000 tickets or contacts against the kind baseline.

    python -m load.bench.credits [--scale demo] [--per-page 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import pathlib
import sys
import tempfile

log = logging.getLogger("load.bench.credits")

# behaviour -> (realism switches turned on over the kind baseline, the count it is priced per)
BEHAVIOURS: dict[str, tuple[dict, str]] = {
    "contact list slim (views)": ({"contact_list_slim": True, "contact_list_others": False}, "contacts"),
    "blocked contacts": ({"blocked_contacts": True}, "contacts"),
    "archived tickets": ({"archive_after_days": 120}, "tickets"),
    "churn (1 ticket per page)": ({"churn": 1}, "tickets"),
    "agent requesters": ({"agent_requesters": True}, "tickets"),
    "missing features + legacy groups": ({"no_sla": True, "no_time_tracking": True, "no_products": True,
                                          "legacy_groups": True}, "tickets"),
    "trashed conversations 403": ({"trashed_conversations": "403"}, "tickets"),
}


def _load(account, work_db: pathlib.Path, per_page: int, reconcile_hours: float = 0) -> tuple[int, int, dict]:
    """One load of `account`; (credits, requests, requests by sandbox route)."""
    from load.pipeline import run_load
    from load.sandbox import SandboxServer
    from load.settings import Settings

    with SandboxServer(account=account, plan="unlimited") as sandbox:
        settings = Settings(base_url=sandbox.base_url, api_key=sandbox.api_key, domain="sandbox", work_db=work_db,
                            reconcile_hours=reconcile_hours, is_sandbox=True, per_page=per_page)
        run_load(settings)
        return sandbox.stats.credits_used, sandbox.stats.requests, dict(sandbox.stats.by_route)


def main(argv: list[str] | None = None) -> int:
    """Print the credits of each load and the extra credits per 1,000 tickets/contacts."""
    from load.sandbox import Account
    from load.sandbox.realism import Realism

    p = argparse.ArgumentParser(prog="python -m load.bench.credits", description=__doc__.splitlines()[0])
    p.add_argument("--scale", default="demo", choices=("tiny", "demo", "bench"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--per-page", type=int, default=100)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="credits-") as tmp:
        root = pathlib.Path(tmp)

        def run(name: str, realism) -> tuple[int, int, dict, object]:
            account = Account(seed=args.seed, scale=args.scale, realism=realism)
            credits, requests, routes = _load(account, root / name.replace(" ", "_") / "work.duckdb", args.per_page)
            return credits, requests, routes, account

        base, base_requests, _, account = run("kind", Realism.kind())
        n = {"tickets": account.config.tickets, "contacts": account.config.contacts}
        print(f"{args.scale} account: {n['tickets']} tickets, {n['contacts']} contacts, per_page {args.per_page}")
        print(f"{'first load':40s} {'credits':>8s} {'extra':>7s} {'extra per 1,000':>16s}")
        print(f"{'kind (every switch off)':40s} {base:8d} {0:7d} {'':>16s}")
        for name, (switches, per) in BEHAVIOURS.items():
            credits, _, _, _ = run(name, dataclasses.replace(Realism.kind(), **switches))
            extra = credits - base
            print(f"{name:40s} {credits:8d} {extra:7d} {1000 * extra / n[per]:9.0f} {per}")
        credits, _, routes, account = run("all on", Realism())
        extra = credits - base
        print(f"{'all on (the default)':40s} {credits:8d} {extra:7d} {1000 * extra / n['tickets']:9.0f} tickets")
        print("all on, requests by route:", ", ".join(f"{k} {v}" for k, v in sorted(routes.items())))
        # incremental: 1% of the contacts change; only their views are read
        changed = [account.contact_record(i)["id"] for i in account.contact_ids()[: max(1, n["contacts"] // 100)]]
        account.clock.advance(seconds=3600)
        for cid in changed:
            account.block_contact(cid)
        credits2, _, routes2 = _load(account, root / "all_on" / "work.duckdb", args.per_page, reconcile_hours=24)
        print(f"incremental after {len(changed)} contacts changed (no reconciliation): {credits2} credits, "
              f"{routes2.get('contact', 0)} contact views")
    return 0


if __name__ == "__main__":
    sys.exit(main())
