"""`credit_efficiency`: the credits a perfect client must spend for an account's content, over what
a load spent (issue 21, part 2).

The perfect client knows the API, not the answers: it asks each question whose answer it needs
once, in the fewest pages (`per_page` 100), with the includes the warehouse needs, and never a
question whose answer it could know already. Against the sandbox's credit model
(`load/sandbox/ratelimit.py`, `ticket_list_cost` / `ticket_view_cost` in `load/sandbox/handlers.py`:
a request is 1 credit, a ticket list page 2 more per include, a ticket or archived view 1 more per
include), computed from the sandbox's ground truth (the `Account` knows its content):

- ticket lists, one pass each over the default, `deleted` and `spam` views: one page per 100
  tickets (at least one: an empty list must be asked once), each `1 + 2 x` the list includes
  (`description,requester,stats`: 7 credits);
- conversations of live tickets: one page per 100 conversations of each listed ticket that has
  any; none for a ticket with none (the floor: no list field proves a ticket has none, so a real
  client pays one credit to learn it, which this model counts as waste);
- archived tickets (the gaps below the highest listed id that the archive serves): one archived
  view with its includes (`stats,requester`: 3 credits), plus one conversations page per 100
  conversations if it has any (`include=conversations` on the archived view costs the same
  credit as that page: DECISIONLOG, 2026-12-05, issue 21); a hard-deleted gap: one archived probe
  (3 credits; the sandbox, like a view, charges the includes up front);
- contacts: one page per 100 of each of the default, `deleted` and `blocked` lists; and one view
  per listed contact whose list row lacks what its view has (`list_row_is_view` in
  `load/source.py`: every contact where the list is slim, as on real accounts; on a full list
  only those with other companies, which the list names by bare id);
- companies, time entries, agents, roles, products, SLA policies, business hours and mailboxes:
  one page per 100 records (at least one; a feature the plan lacks answers 403 to that one
  request); groups: one page of `/admin/groups`, or on accounts without the revamped groups UI
  one page of `/groups` plus one view per group (the legacy list lacks its agents).

Not counted (overhead a loader pays and this model does not): the account identity request, the
estimate's contact search, reconciliation id listings, re-reads of what changed during the load.
The account's content is taken when this is computed (after the load: what churn changed during
it is in its final state).

    python -m load.bench.efficiency [--scale demo | --tickets 5000] [--realism kind]
"""

from __future__ import annotations

import argparse
import logging
import math
import pathlib
import sys
import tempfile
from collections import Counter

from load.sandbox.paging import MAX_PER_PAGE as PER_PAGE  # the most Freshdesk serves a page

log = logging.getLogger("load.bench.efficiency")


def _pages(n: int, at_least: int = 1) -> int:
    return max(at_least, math.ceil(n / PER_PAGE))


def perfect_credits(account) -> Counter:
    """What a perfect client spends on `account`'s content, by item (see the module docstring)."""
    from load.archive import ARCHIVED_INCLUDES
    from load.sandbox.account import GONE
    from load.source import TICKET_INCLUDES, list_row_is_view

    list_page = 1 + 2 * len(TICKET_INCLUDES.split(","))
    archived_view = 1 + len(ARCHIVED_INCLUDES.split(","))
    out: Counter = Counter()
    with account.lock:
        views = {v: account.ticket_ids(v, updated_since=0, order_by="updated_at", order_type="asc")
                 for v in ("default", "deleted", "spam")}
        for view, ids in views.items():
            out[f"ticket list pages ({view})"] += _pages(len(ids)) * list_page
        for t in views["default"]:
            n = account.conversation_count(t)
            if n:
                out["conversations pages (live)"] += _pages(n)
        listed = {t for ids in views.values() for t in ids}
        archived = [t for t in account.archived_ids() if not listed or t <= max(listed)]
        for t in archived:
            out["archived views"] += archived_view
            n = account.conversation_count(t)
            if n:
                out["conversations pages (archived)"] += _pages(n)
        if listed:
            gone = [t for t in range(1, max(listed) + 1) if account.ticket_flags(t) & GONE]
            out["hard-deleted gap probes"] += archived_view * len(gone)
        contacts = {state: account.contact_ids(state) for state in (None, "deleted", "blocked")}
        for state, ids in contacts.items():
            out[f"contact list pages ({state or 'default'})"] += _pages(len(ids))
        out["contact views"] += sum(not list_row_is_view(account.contact_record(i), state == "deleted")
                                    for state, ids in contacts.items() for i in ids)
        out["companies pages"] += _pages(len(account.company_ids()))
        time_entries = 0 if account.realism.no_time_tracking else len(account.time_entry_ids())
        out["time entries pages"] += _pages(time_entries)
        for records in (account.live_agents(), account.roles, account.products, account.sla_policies,
                        account.business_hours, account.mailboxes):
            out["admin list pages"] += _pages(len(records))
        if account.realism.legacy_groups:
            out["groups (legacy list + views)"] += _pages(len(account.groups)) + len(account.groups)
        else:
            out["admin list pages"] += _pages(len(account.groups))
    return out


def credit_efficiency(account, spent: int) -> float:
    """Perfect credits over `spent` (what a load spent, by the sandbox's count)."""
    return sum(perfect_credits(account).values()) / spent if spent else 0.0


def main(argv: list[str] | None = None) -> int:
    """Load one sandbox account in process (no rate limit: credits are counted, never waited for)
    and print what it spent by route against the perfect client's credits."""
    from load.pipeline import run_load
    from load.sandbox import Account, SandboxServer
    from load.sandbox.realism import Realism
    from load.settings import Settings

    p = argparse.ArgumentParser(prog="python -m load.bench.efficiency", description=__doc__.splitlines()[0])
    p.add_argument("--scale", default="demo", choices=("tiny", "demo", "bench"))
    p.add_argument("--tickets", type=int, help="explicit ticket count (overrides --scale)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--realism", action="append", metavar="SPEC",
                   help="as for the sandbox (default: every behaviour on)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    realism = Realism.parse(args.realism, Realism())
    account = Account(seed=args.seed, scale=None if args.tickets else args.scale, tickets=args.tickets,
                      realism=realism)
    with tempfile.TemporaryDirectory(prefix="efficiency-") as tmp, SandboxServer(account=account) as sandbox:
        settings = Settings(base_url=sandbox.base_url, api_key=sandbox.api_key, domain="sandbox",
                            work_db=pathlib.Path(tmp) / "work.duckdb", is_sandbox=True)
        run_load(settings, progress_every=3600)
        stats = sandbox.stats
        perfect = perfect_credits(account)
    spent = stats.credits_used
    print(f"{account.config.tickets:,} tickets, realism {'kind' if realism == Realism.kind() else 'as given'}")
    print(f"{'perfect client':40s} {'credits':>8s}")
    for item, credits in sorted(perfect.items()):
        print(f"{item:40s} {credits:8,d}")
    print(f"{'total':40s} {sum(perfect.values()):8,d}")
    print(f"{'the load, by sandbox route':40s} {'credits':>8s} {'requests':>9s}")
    for route, credits in sorted(stats.credits_by_route.items(), key=lambda kv: -kv[1]):
        print(f"{route:40s} {credits:8,d} {stats.by_route[route]:9,d}")
    print(f"{'total':40s} {spent:8,d} {stats.requests:9,d}")
    print(f"credit_efficiency {sum(perfect.values()) / spent:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
