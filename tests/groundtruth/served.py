"""What a full read of the sandbox account's API returns right now, taken from the account itself.

One function per endpoint family, each giving the records the real endpoints would serve (the
same dicts the sandbox encodes), keyed by id. `tests/sandbox/test_truth.py` checks that these
equal an HTTP crawl of the sandbox. A new sandbox behaviour changes what is served: teach it here,
and `expected.py` follows. The realism behaviours (load/sandbox/README.md) as a correct load reads
them: archived tickets from `/tickets/archived/{id}?include=stats,requester` (and their
conversations), live, keeping the fields the archive lacks from a live read before; contacts
from their view when the list is slim (`GET /contacts/{id}`), blocked ones included, live (those
the spam watcher took out of every list only if a load had them before: `Served.unlisted`); an
agent named as a ticket's requester as the contact `GET /contacts/{id}` gives for it with
`agent_contact_view="contact"` (the documented row a loader builds from `/agents` otherwise);
groups from `/groups` + `/groups/{id}` on a legacy-groups account; nothing from an endpoint the
plan lacks (403 require_feature); churn: observe after the load, which sees every change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from load.sandbox import Account
from load.sandbox.account import GONE, HARD_DELETED, SPAM, TRASH
from load.sandbox.handlers import _old_group

# What the loader asks the ticket lists to include (`load/source.py`, SPEC.md "Ticket"), and the
# archived view (`load/archive.py`: it has the description anyway).
TICKET_INCLUDES = frozenset({"description", "requester", "stats"})
ARCHIVED_INCLUDES = frozenset({"requester", "stats"})
# Fields the agents list leaves out (only the single-agent view has them).
AGENT_VIEW_ONLY = ("group_ids", "role_ids", "skill_ids")


@dataclass
class Served:
    """Records by entity and id; conversations by ticket id, only for tickets whose conversations
    could be read (live tickets: trash, spam and purged ones answer 404)."""

    records: dict[str, dict[int, dict]] = field(default_factory=dict)
    conversations: dict[int, dict[int, dict]] = field(default_factory=dict)
    # Records no list returns but whose view answers (contacts the spam watcher blocked): a load
    # that had one before finds it by its view; a load that never had it cannot know it.
    unlisted: dict[str, dict[int, dict]] = field(default_factory=dict)


def served(acct: Account) -> Served:
    """Everything a full read of every endpoint returns now."""
    with acct.lock:
        acct.sync_clock()
        ticket_records = tickets(acct)
        out = Served(records={
            "ticket": ticket_records,
            "contact": contacts(acct, ticket_records),
            "company": companies(acct),
            "agent": agents(acct),
            "group": groups(acct),
            "product": {} if acct.realism.no_products else {p["id"]: dict(p) for p in acct.products},
            "role": {r["id"]: dict(r) for r in acct.roles},
            "sla_policy": {p["id"]: dict(p) for p in acct.sla_policies},
            "email_mailbox": {m["id"]: dict(m) for m in acct.mailboxes},
            "time_entry": {} if acct.realism.no_time_tracking else time_entries(acct),
        })
        out.conversations = conversations(acct)
        view = acct.realism.contact_list_slim
        out.unlisted = {"contact": {rec["id"]: rec for rec in (
            acct.contact_record(i, view=view) for i in range(acct.config.contacts)
            if acct.c_state[i] != HARD_DELETED and acct.contact_unlisted(i))}}
    return out


def tickets(acct: Account) -> dict[int, dict]:
    """Every ticket the three list passes (default, `filter=spam`, `filter=deleted`) return, and
    every archived one as `/tickets/archived/{id}` serves it (the ids missing from the lists)."""
    return {t: acct.archived_ticket_record(t, ARCHIVED_INCLUDES) if acct.ticket_archived(t)
            else acct.ticket_record(t, TICKET_INCLUDES)
            for t in acct.iter_ticket_ids() if acct.ticket_exists(t) or acct.ticket_archived(t)}


def conversations(acct: Account) -> dict[int, dict[int, dict]]:
    """`/tickets/{id}/conversations` of every ticket that answers it (not trash, spam or purged), and
    `/tickets/archived/{id}/conversations` of archived ones."""
    return {t: {c["id"]: c for c in acct.conversations(t)}
            for t in acct.iter_ticket_ids() if not acct.ticket_flags(t) & (TRASH | SPAM | GONE)}


def contacts(acct: Account, ticket_records: dict[int, dict] | None = None) -> dict[int, dict]:
    """The contacts lists (default, `state=deleted`, `state=blocked`) as the list shape (other
    companies as bare ids), or as `GET /contacts/{id}` when the list is slim; plus the agents that
    tickets name as requesters, as contacts."""
    view = acct.realism.contact_list_slim
    out = {rec["id"]: rec for rec in (acct.contact_record(i, view=view) for i in range(acct.config.contacts)
                                      if acct.c_state[i] != HARD_DELETED and not acct.contact_unlisted(i))}
    for ticket in (ticket_records or {}).values():
        agent = acct.agent_by_id(ticket["requester_id"])
        if agent is not None:
            out[agent["id"]] = acct.agent_contact_record(agent)
    return out


def companies(acct: Account) -> dict[int, dict]:
    return {rec["id"]: rec for rec in (acct.company_record(j) for j in acct.company_ids())}


def agents(acct: Account) -> dict[int, dict]:
    return {a["id"]: {k: v for k, v in a.items() if k not in AGENT_VIEW_ONLY} for a in acct.live_agents()}


def groups(acct: Account) -> dict[int, dict]:
    """`/admin/groups` records plus `auto_ticket_assign`, which only the legacy `/groups` serves
    (the sandbox keeps it in the private `_auto_ticket_assign`); on a legacy-groups account (no
    `/admin/groups`) the `/groups/{id}` views."""
    if acct.realism.legacy_groups:
        return {g["id"]: _old_group(g, True) for g in acct.groups}
    out = {}
    for g in acct.groups:
        rec = {k: v for k, v in g.items() if not k.startswith("_")}
        rec["auto_ticket_assign"] = g["_auto_ticket_assign"]
        out[g["id"]] = rec
    return out


def time_entries(acct: Account) -> dict[int, dict]:
    """The account-wide `/time_entries` list: entries of tickets neither trashed nor purged.

    Not `acct.time_entry_ids()`: it shares its query-cache key with the `/time_entries`
    handler, so after the server answered that list it returns entries instead of ids."""
    return {e["id"]: e for t in acct.iter_ticket_ids() if not acct.ticket_flags(t) & (TRASH | GONE)
            for e in acct.time_entries_of(t)}
