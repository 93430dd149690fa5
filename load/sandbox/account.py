"""The synthetic Freshdesk account: compact per-record state plus on-demand bodies.

Per ticket the account keeps three numbers (created_at, updated_at, flags); per contact two
(updated_at, state). Everything else is regenerated from the seed when the server asks for
it, with a bounded cache of encoded records in front. Mutations change only this state (and
a sparse dict of field overrides), which keeps a million-ticket account in a few tens of MB.
"""

from __future__ import annotations

import bisect
import logging
import random
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterator
from datetime import datetime

from . import config as C
from . import gen_admin, gen_business_hours, gen_people
from .clock import SandboxClock, iso
from .config import AccountConfig, make_config
from .gen_tickets import CHOICE_CUSTOM_FIELDS, CUSTOM_KINDS, DEFAULT_CUSTOM_FIELDS, Core, TicketGenerator
from .jsonenc import dumps
from .realism import Realism
from .rng import S_BURST, S_CHURN, mix

log = logging.getLogger(__name__)

# Ticket flag bits.
TRASH, SPAM, GONE, EVER_LIVE, GEN_LIVE, ARCHIVED = 1, 2, 4, 8, 16, 32
HIDDEN = TRASH | SPAM | GONE | ARCHIVED  # not a live, listed ticket
# Contact states.
LIVE, SOFT_DELETED, HARD_DELETED = 0, 1, 2

_BURST_BLOCK = 48
_RECORD_CACHE_MAX = 60_000
_QUERY_CACHE_MAX = 32
_TICKET_FIELDS = ("status", "priority", "subject", "type", "tags", "responder_id", "group_id", "custom_fields")
# View-only contact keys the list leaves out; the second set too unless realism.contact_list_others.
_CONTACT_VIEW_ONLY = ("tags", "other_emails", "avatar", "view_all_tickets", "deleted")
_CONTACT_MAYBE_VIEW_ONLY = ("other_phone_numbers", "other_companies")
_CHURN_STATUSES = (2, 3, 4, 5, 6, 7)
# Ticket fields the archived view lacks (reference 14: HK's archive decorator).
ARCHIVED_DROPS = ("email_config_id", "association_type", "support_email", "form_id")
# Tickets 1..13 carry the generator's forced awkward cases: the age rule leaves them in the lists.
_FORCED_CASES = 13


class Account:
    """A deterministic synthetic helpdesk account and the mutation API tests drive it with.

    `Account(seed=1, scale="tiny")` or `Account(seed=1, tickets=1_000_000)`; other counts
    (contacts, companies, agents) may be given explicitly or are derived. `realism` switches
    the unkind behaviours of real accounts (all on by default; `Realism.kind()` for none).
    """

    def __init__(self, seed: int = 1, scale: str | None = None, tickets: int | None = None,
                 contacts: int | None = None, companies: int | None = None, agents: int | None = None,
                 now: datetime | None = None, realism: Realism | None = None) -> None:
        realism = realism or Realism.from_env()
        self.config: AccountConfig = make_config(seed, scale, tickets, contacts, companies, agents, now, realism)
        self.realism: Realism = self.config.realism
        self.clock = SandboxClock(self.config.now)
        self._churn_rng = random.Random(mix(seed, S_CHURN))
        self.churned: list[int] = []
        self.lock = threading.RLock()
        self.version = 0
        self._records: dict[tuple, bytes] = {}
        self._queries: OrderedDict[tuple, list[int]] = OrderedDict()
        cfg, start = self.config, self.clock.start
        self._build_admin(cfg, start)
        self.gen = TicketGenerator(cfg, start, cfg.agents, self.mailbox_emails)
        self.custom_fields: list[tuple[str, str]] = list(DEFAULT_CUSTOM_FIELDS)
        if realism.multi_select_fields:
            self.custom_fields += CHOICE_CUSTOM_FIELDS
        self._build_tickets(cfg)
        self._build_people(cfg, start)
        log.debug("generated account seed=%s tickets=%s contacts=%s companies=%s agents=%s",
                 cfg.seed, cfg.tickets, cfg.contacts, cfg.companies, cfg.agents)

    # ------------------------------------------------------------------ build

    def _build_admin(self, cfg: AccountConfig, start: int) -> None:
        self.groups = gen_admin.groups(cfg, start)
        self.products = gen_admin.products(cfg, start)
        self.roles = gen_admin.roles(cfg, start)
        # Every plan serves GET /sla_policies; without SLA management there is only the default policy.
        self.sla_policies = gen_admin.sla_policies(cfg, start)[:1 if cfg.realism.no_sla else None]
        self.business_hours = gen_business_hours.business_hours(cfg, start)
        self.mailboxes = gen_admin.mailboxes(cfg, start)
        if cfg.realism.no_products:  # nothing names a product on a plan without them
            self.products = []
            for box in self.mailboxes:
                box["product_id"] = None
            for policy in self.sla_policies:
                policy["applicable_to"].pop("product_ids", None)
        self.mailbox_emails = {m["id"]: m["support_email"] for m in self.mailboxes}
        member_of: dict[int, list[int]] = {}
        for g in self.groups:
            for aid in g["agent_ids"]:
                member_of.setdefault(aid, []).append(g["id"])
        self.agents = []
        for a in range(cfg.agents):
            aid = gen_people.agent_id(a)
            roles = [gen_admin.role_id(0 if a == 0 else 4 if a == 2 else 3)]
            self.agents.append(gen_people.agent_record(cfg, a, start, member_of.get(aid, []), roles))
        self.agents_gone: set[int] = set()

    def _build_tickets(self, cfg: AccountConfig) -> None:
        n = cfg.tickets
        self.t_created = array("q", bytes(8 * (n + 1)))
        self.t_updated = array("q", bytes(8 * (n + 1)))
        self.t_flags = bytearray(n + 1)
        gen = self.gen
        closed = []
        archiving = self.realism.archive_after_days > 0
        for t in range(1, n + 1):
            core = gen.core(t)
            self.t_created[t] = core.created
            self.t_updated[t] = core.updated
            flags = (TRASH if core.trash else 0) | (SPAM if core.spam else 0)
            if not flags:
                flags = EVER_LIVE | GEN_LIVE
                if archiving and t > _FORCED_CASES and gen.status(t, core) == 5:
                    closed.append(t)
            self.t_flags[t] = flags
        self._apply_bursts(n)
        self.t_overrides: dict[int, dict] = {}
        self.t_extra_convs: dict[int, list[tuple]] = {}
        self.t_gone_fields: dict[int, int] = {}
        # Closed live tickets by updated_at: archived once the clock passes updated_at + the age.
        self._archive_queue: list[tuple[int, int]] = sorted((self.t_updated[t], t) for t in closed)
        self._archive_pos = 0
        self._archived_until = None
        self.sync_clock()

    def _apply_bursts(self, n: int) -> None:
        """Give runs of tickets one shared updated_at second, as bulk actions do.

        The first tickets of some 48-ticket blocks (always block 0) share a second, and on
        accounts of 1,000+ tickets one run of 150 does, more than a page of 100.
        """
        runs = []
        for b in range(0, (n + _BURST_BLOCK - 1) // _BURST_BLOCK):
            h = mix(self.config.seed, S_BURST, b)
            if b == 0 or h % 5 == 0:
                first = b * _BURST_BLOCK + 1
                size = 6 if b == 0 else 5 + (h >> 8) % 40
                runs.append((first, min(n + 1, first + size)))
        if n >= 1000:
            runs.append((n // 2, n // 2 + 150))  # one run longer than a full page of 100
        for first, last in runs:
            top = max(self.t_updated[t] for t in range(first, last))
            when = min(self.clock.start - 30, top + mix(first) % 600)
            for t in range(first, last):
                self.t_updated[t] = when

    def _build_people(self, cfg: AccountConfig, start: int) -> None:
        self.c_updated = array("q", (gen_people.contact_updated(cfg, i, start) for i in range(cfg.contacts)))
        self.c_state = bytearray(
            SOFT_DELETED if gen_people.contact_soft_deleted(cfg, i) else LIVE for i in range(cfg.contacts))
        forced = gen_people.forced_blocked_contact(cfg)
        self.c_blocked = bytearray(gen_people.contact_blocked(cfg, i, forced) for i in range(cfg.contacts))
        self.c_order = sorted(range(cfg.contacts), key=lambda i: (gen_people.contact_name(cfg, i), i))
        self.c_ever_soft: set[int] = {i for i in range(cfg.contacts) if self.c_state[i] == SOFT_DELETED}
        self.co_order = sorted(range(cfg.companies), key=lambda j: (gen_people.company_name(cfg, j), j))
        self.companies_gone: set[int] = set()

    # ------------------------------------------------------------------ helpers

    def _touch(self) -> None:
        self.version += 1
        self._queries.clear()

    def _forget_ticket(self, t: int) -> None:
        for key in [k for k in self._records if k[0] == "t" and k[1] == t]:
            del self._records[key]

    def _cache(self, key: tuple, build) -> bytes:
        data = self._records.get(key)
        if data is None:
            if len(self._records) >= _RECORD_CACHE_MAX:
                self._records.clear()
            data = self._records[key] = dumps(build())
        return data

    def _cached_query(self, key: tuple, build) -> list[int]:
        key = (self.version, *key)
        hit = self._queries.get(key)
        if hit is None:
            hit = self._queries[key] = build()
            if len(self._queries) > _QUERY_CACHE_MAX:
                self._queries.popitem(last=False)
        return hit

    def ticket_exists(self, t: int) -> bool:
        """True if ticket `t` was generated, is not hard-deleted and not archived (`/tickets/{id}` serves it)."""
        self.sync_clock()
        return 1 <= t <= self.config.tickets and not self.t_flags[t] & (GONE | ARCHIVED)

    def ticket_archived(self, t: int) -> bool:
        """True if ticket `t` is archived (and not purged): only `/tickets/archived/{id}` serves it."""
        self.sync_clock()
        return 1 <= t <= self.config.tickets and self.t_flags[t] & (GONE | ARCHIVED) == ARCHIVED

    def archived_ids(self) -> list[int]:
        """Archived, not purged ticket ids, ascending."""
        with self.lock:
            self.sync_clock()
            return [t for t in range(1, len(self.t_flags)) if self.t_flags[t] & (GONE | ARCHIVED) == ARCHIVED]

    def sync_clock(self) -> None:
        """Archive every closed ticket the clock has carried past the archive age (cheap when nothing is due)."""
        now = self.clock.now()
        if now == self._archived_until or not self._archive_queue:
            return
        self._archived_until = now
        limit = now - 86400 * self.realism.archive_after_days
        queue, pos, flags, upd = self._archive_queue, self._archive_pos, self.t_flags, self.t_updated
        archived = []
        while pos < len(queue) and queue[pos][0] < limit:
            stamp, t = queue[pos]
            pos += 1
            # A ticket changed since it was queued (new updated_at) is stale here: the change re-queued it
            # if it is still closed. An unchanged one is still closed (only a change sets the status).
            if upd[t] == stamp and not flags[t] & HIDDEN and self.t_overrides.get(t, {}).get("status", 5) == 5:
                flags[t] |= ARCHIVED
                archived.append(t)
        self._archive_pos = pos
        if archived:
            if len(archived) > 50:
                self._records.clear()
            else:
                for t in archived:
                    self._forget_ticket(t)
            self._touch()

    def _queue_archive(self, t: int) -> None:
        if self.realism.archive_after_days and not self.t_flags[t] & HIDDEN and self._ticket_field(t, "status") == 5:
            bisect.insort(self._archive_queue, (self.t_updated[t], t), lo=self._archive_pos)

    def ticket_flags(self, t: int) -> int:
        return self.t_flags[t]

    def contact_index(self, contact_id: int) -> int | None:
        """Index of a generated contact id (None for unknown ids)."""
        i, rem = divmod(contact_id - C.CONTACT_BASE, 100)
        return i if rem == 0 and 0 <= i < self.config.contacts else None

    def company_index(self, company_id: int) -> int | None:
        j, rem = divmod(company_id - C.COMPANY_BASE, 100)
        return j if rem == 0 and 0 <= j < self.config.companies else None

    def _ticket_index(self, ticket_id: int) -> int:
        if self.ticket_archived(ticket_id):
            raise ValueError(f"ticket {ticket_id} is archived: Freshdesk does not change archived tickets")
        if not self.ticket_exists(ticket_id):
            raise KeyError(f"no ticket {ticket_id}")
        return ticket_id

    # ------------------------------------------------------------------ tickets: reads

    def ticket_core(self, t: int) -> Core:
        return self.gen.core(t)

    def ticket_record(self, t: int, include: frozenset[str] = frozenset(), view: bool = False) -> dict:
        """Ticket `t` as the list (or, with view=True, the view) endpoint shows it."""
        gen = self.gen
        core = gen.core(t)
        updated = self.t_updated[t]
        rec = gen.record(t, core, updated, tuple(self.custom_fields))
        over = self.t_overrides.get(t)
        if over:
            for key, value in over.items():
                if key == "custom_fields":
                    rec["custom_fields"].update(value)
                else:
                    rec[key] = value
        flags = self.t_flags[t]
        rec["spam"] = bool(flags & SPAM)
        stats = gen.stats(t, core, rec["status"], updated, self.t_extra_convs.get(t, []))
        if self.realism.sla_timers:
            # as Freshdesk's SLA job left them at the ticket's last change (or the account's start)
            rec["fr_escalated"], rec["is_escalated"] = gen.escalated(t, rec, stats, max(gen.now, updated))
        if "description" in include or view:
            rec["description"], rec["description_text"] = gen.description(t)
        if "requester" in include:
            rec["requester"] = self._requester(rec["requester_id"])
        if "company" in include:
            rec["company"] = self._company_ref(rec["company_id"])
        if "stats" in include:
            rec["stats"] = stats
        if view:
            rec["deleted"] = bool(flags & TRASH)
            rec["attachments"] = []
            rec["source_additional_info"] = None
        elif flags & TRASH:
            rec["deleted"] = True
        return rec

    def ticket_json(self, t: int, include: frozenset[str], view: bool = False) -> bytes:
        """Encoded ticket record, cached until the ticket or the account changes."""
        return self._cache(("t", t, include, view), lambda: self.ticket_record(t, include, view))

    def archived_ticket_record(self, t: int, include: frozenset[str] = frozenset()) -> dict:
        """`/tickets/archived/{id}`: the view shape with `archived: true`, without `deleted` and the
        fields the archive does not keep (`ARCHIVED_DROPS`); `include` as the view's (stats,
        requester, company)."""
        rec = self.ticket_record(t, include, view=True)
        for key in ("deleted", *ARCHIVED_DROPS):
            del rec[key]
        rec["archived"] = True
        return rec

    def archived_ticket_json(self, t: int, include: frozenset[str] = frozenset()) -> bytes:
        return self._cache(("t", t, "archived", include), lambda: self.archived_ticket_record(t, include))

    def _requester(self, contact_id: int) -> dict:
        i = self.contact_index(contact_id)
        agent = self.agent_by_id(contact_id) if i is None else None
        if agent is not None:
            c = agent["contact"]
            return {"id": contact_id, "name": c["name"], "email": c["email"], "mobile": c["mobile"],
                    "phone": c["phone"]}
        if i is None:
            g = (contact_id - C.GHOST_CONTACT_BASE) // 7
            return {"id": contact_id, "name": f"Former customer {g}", "email": gen_people.ghost_contact_email(g),
                    "mobile": None, "phone": None}
        c = gen_people.contact_record(self.config, i, self.clock.start)
        return {"id": contact_id, "name": c["name"], "email": c["email"], "mobile": c["mobile"], "phone": c["phone"]}

    def _company_ref(self, company_id: int | None) -> dict | None:
        j = None if company_id is None else self.company_index(company_id)
        if j is None:
            return None
        return {"id": company_id, "name": gen_people.company_name(self.config, j)}

    def ticket_ids(self, view: str = "default", updated_since: int | None = None, created_after: int | None = None,
                   order_by: str = "created_at", order_type: str = "desc", requester_id: int | None = None,
                   company_id: int | None = None, email: str | None = None) -> list[int]:
        """Ids matching a ticket-list query, in answer order (cached per account version)."""
        key = ("tickets", view, updated_since, created_after, order_by, order_type, requester_id, company_id, email)

        def build() -> list[int]:
            flags, upd, crt = self.t_flags, self.t_updated, self.t_created
            # Archived tickets leave every list, filters included.
            if view == "deleted":
                ids = [t for t in range(1, len(flags)) if flags[t] & (TRASH | GONE | ARCHIVED) == TRASH]
            elif view == "spam":
                ids = [t for t in range(1, len(flags)) if flags[t] & (TRASH | SPAM | GONE | ARCHIVED) == SPAM]
            else:
                ids = [t for t in range(1, len(flags)) if not flags[t] & HIDDEN]
            if updated_since is not None:
                ids = [t for t in ids if upd[t] >= updated_since]
            if created_after is not None:
                ids = [t for t in ids if crt[t] > created_after]
            if requester_id is not None:
                ids = [t for t in ids if self.gen.requester(t)[0] == requester_id]
            if company_id is not None:
                ids = [t for t in ids if self._ticket_field(t, "company_id") == company_id]
            if email is not None:
                ids = [t for t in ids if self.gen.requester_email(t) == email]
            if order_by == "updated_at":
                ids.sort(key=lambda t: (upd[t], t))
            elif order_by in ("due_by", "status"):
                ids.sort(key=lambda t: (self._ticket_field(t, order_by), t))
            # created_at order is id order: creation time never decreases with the id.
            if order_type == "desc":
                ids.reverse()
            return ids

        with self.lock:
            self.sync_clock()
            return self._cached_query(key, build)

    def _ticket_field(self, t: int, name: str):
        over = self.t_overrides.get(t, {})
        if name in over:
            return over[name]
        return self.ticket_record(t)[name]

    def conversations(self, t: int) -> list[dict]:
        """All visible conversations of ticket `t`, oldest first (generated, then added)."""
        gen = self.gen
        core = gen.core(t)
        support = gen.support_email(t)
        responder = self._ticket_field(t, "responder_id")
        out = [gen.conversation(t, core, k, support, responder) for k in range(core.n_conv)]
        out.extend(gen.conversation(t, core, extra[0], support, responder, extra)
                   for extra in self.t_extra_convs.get(t, []))
        return out

    def conversation_count(self, t: int) -> int:
        return self.gen.n_conv(t) + len(self.t_extra_convs.get(t, []))

    def conversations_json(self, t: int, start: int, stop: int) -> list[bytes]:
        """Encoded conversations [start:stop] of ticket `t`."""
        out = []
        convs: list[dict] = []
        for pos in range(start, min(stop, self.conversation_count(t))):
            key = ("t", t, "conv", pos)
            data = self._records.get(key)
            if data is None:
                convs = convs or self.conversations(t)
                data = self._cache(key, lambda rec=convs[pos]: rec)
            out.append(data)
        return out

    def satisfaction_ratings(self, t: int) -> list[dict]:
        """One CSAT rating per survey-feedback conversation of ticket `t`."""
        out = []
        for conv in self.conversations(t):
            if conv["source"] == 6:
                rating = 103 if conv["id"] % 3 else -103
                out.append({"id": conv["id"] + C.SURVEY_ID_OFFSET, "survey_id": C.SURVEY_ID, "user_id": conv["user_id"],
                            "agent_id": self._ticket_field(t, "responder_id"), "feedback": conv["body_text"],
                            "group_id": self._ticket_field(t, "group_id"), "ticket_id": t,
                            "created_at": conv["created_at"], "updated_at": conv["updated_at"],
                            "ratings": {"default_question": rating}})
        return out

    def time_entries_of(self, t: int) -> list[dict]:
        """Time entries logged on ticket `t`."""
        core = self.gen.core(t)
        if not self.t_flags[t] & GEN_LIVE:
            return []
        n = self.gen.n_time_entries(t, core)
        if not n:
            return []
        responder = self._ticket_field(t, "responder_id")
        company = self._ticket_field(t, "company_id")
        return [self.gen.time_entry(t, core, j, responder, company) for j in range(n)]

    def time_entry_ids(self) -> list[int]:
        """Tickets whose time entries the account-wide list shows (not trashed, not purged)."""
        def build() -> list[int]:
            flags, gen = self.t_flags, self.gen
            return [t for t in range(1, len(flags))
                    if flags[t] & GEN_LIVE and not flags[t] & (TRASH | GONE) and gen.n_time_entries(t, _LIVE_CORE)]
        with self.lock:
            return self._cached_query(("time_entries",), build)

    # ------------------------------------------------------------------ people and admin: reads

    def contact_record(self, i: int, view: bool = False, full: bool = False) -> dict:
        """Contact i; the view shape has `other_companies` objects and an explicit `deleted`; the list
        shape leaves out the view-only keys (realism), unless `full` (for a ground-truth oracle)."""
        rec = gen_people.contact_record(self.config, i, self.clock.start)
        rec["updated_at"] = iso(self.c_updated[i])
        soft = self.c_state[i] == SOFT_DELETED
        if view:
            vat = bool(rec["view_all_tickets"])
            rec["other_companies"] = [{"company_id": c, "view_all_tickets": vat} for c in rec["other_companies"]]
            rec["deleted"] = soft
        elif soft:
            rec["deleted"] = True
        if not view and not full and self.realism.contact_list_slim:
            drop = _CONTACT_VIEW_ONLY if self.realism.contact_list_others else \
                _CONTACT_VIEW_ONLY + _CONTACT_MAYBE_VIEW_ONLY
            for key in drop:
                rec.pop(key, None)
        return rec

    def contact_blocked(self, i: int) -> bool:
        """Blocked by an agent (listed with `state=blocked`); the spam watcher's are `contact_unlisted`."""
        return self.c_blocked[i] == gen_people.BLOCKED

    def contact_unlisted(self, i: int) -> bool:
        """Blocked by the spam watcher: a live contact no list returns (its view answers 200)."""
        return self.c_blocked[i] == gen_people.SPAM_BLOCKED

    def agent_by_id(self, user_id: int) -> dict | None:
        """The live agent with this id (agents' ids share the contacts' id space), or None."""
        a = gen_people.agent_index(self.config, user_id)
        if a is None or user_id in self.agents_gone:
            return None
        return self.agents[a]

    def agent_contact_record(self, agent: dict) -> dict:
        """An agent seen through `GET /contacts/{id}` (realism.agent_contact_view == "contact")."""
        c = agent["contact"]
        first, _, last = c["name"].partition(" ")
        return {"active": c["active"], "address": None, "description": None, "email": c["email"], "id": agent["id"],
                "job_title": c["job_title"], "language": c["language"], "mobile": c["mobile"], "name": c["name"],
                "phone": c["phone"], "time_zone": c["time_zone"], "twitter_id": None, "custom_fields": {},
                "facebook_id": None, "created_at": c["created_at"], "updated_at": c["updated_at"],
                "csat_rating": None, "preferred_source": None, "company_id": None, "view_all_tickets": None,
                "other_companies": [], "other_emails": [], "tags": [], "unique_external_id": None,
                "twitter_profile_status": False, "twitter_followers_count": None, "avatar": None,
                "first_name": first, "last_name": last, "visitor_id": None, "org_contact_id": None,
                "other_phone_numbers": [], "contact_type": "contact", "social_handler": [], "deleted": False}

    def contact_json(self, i: int, view: bool = False) -> bytes:
        return self._cache(("c", i, view), lambda: self.contact_record(i, view))

    def contact_ids(self, state: str | None = None, updated_since: int | None = None,
                    filters: tuple[tuple[str, str], ...] = ()) -> list[int]:
        """Contact indices in alphabetical order for a contact-list query."""
        def build() -> list[int]:
            st, upd, blocked = self.c_state, self.c_updated, self.c_blocked
            want = SOFT_DELETED if state == "deleted" else LIVE
            # Blocked contacts are live but listed only with state=blocked (combinable with _updated_since).
            listed = gen_people.BLOCKED if state == "blocked" else 0  # the spam watcher's: in no list
            ids = [i for i in self.c_order if st[i] == want and (state == "deleted" or blocked[i] == listed)]
            if updated_since is not None:
                ids = [i for i in ids if upd[i] >= updated_since]
            if state in ("verified", "unverified") or filters:
                ids = [i for i in ids if self._contact_matches(i, state, filters)]
            return ids
        with self.lock:
            return self._cached_query(("contacts", state, updated_since, filters), build)

    def _contact_matches(self, i: int, state: str | None, filters: tuple[tuple[str, str], ...]) -> bool:
        rec = gen_people.contact_record(self.config, i, self.clock.start)
        if state == "verified" and not rec["active"] or state == "unverified" and rec["active"]:
            return False
        for name, value in filters:
            if name == "tag":
                if value not in rec["tags"]:
                    return False
            elif str(rec.get(name)) != value:
                return False
        return True

    def company_record(self, j: int) -> dict:
        return gen_people.company_record(self.config, j, self.clock.start)

    def company_json(self, j: int) -> bytes:
        return self._cache(("co", j), lambda: self.company_record(j))

    def company_ids(self, updated_since: int | None = None) -> list[int]:
        """Company indices in name order."""
        def build() -> list[int]:
            cfg, start = self.config, self.clock.start
            ids = [j for j in self.co_order if j not in self.companies_gone]
            if updated_since is not None:
                ids = [j for j in ids if gen_people.company_times(cfg, j, start)[1] >= updated_since]
            return ids
        with self.lock:
            return self._cached_query(("companies", updated_since), build)

    def live_agents(self) -> list[dict]:
        """Agents not hard-deleted, alphabetical by name."""
        return sorted((a for a in self.agents if a["id"] not in self.agents_gone),
                      key=lambda a: (a["contact"]["name"], a["id"]))

    # ------------------------------------------------------------------ mutations

    def update_ticket(self, ticket_id: int, **fields) -> None:
        """Change ticket fields (status, priority, subject, type, tags, responder_id, group_id,
        custom_fields as a partial dict); stamps updated_at with the sandbox clock."""
        unknown = set(fields) - set(_TICKET_FIELDS)
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}; allowed: {_TICKET_FIELDS}")
        with self.lock:
            t = self._ticket_index(ticket_id)
            over = self.t_overrides.setdefault(t, {})
            for key, value in fields.items():
                if key == "custom_fields":
                    over.setdefault("custom_fields", {}).update(value)
                else:
                    over[key] = value
            self._bump_ticket(t)

    def _bump_ticket(self, t: int, touch: bool = True) -> None:
        self.t_updated[t] = max(self.clock.now(), self.t_updated[t])
        self._forget_ticket(t)
        self._queue_archive(t)
        if touch:
            self._touch()

    def add_conversation(self, ticket_id: int, incoming: bool = True, private: bool = False) -> int:
        """Append a conversation (customer reply, agent reply or private note) now; returns its id."""
        with self.lock:
            t = self._ticket_index(ticket_id)
            if self.t_flags[t] & (TRASH | SPAM):
                raise ValueError(f"ticket {t} is in the trash or spam: Freshdesk refuses replies (405)")
            extra = self.t_extra_convs.setdefault(t, [])
            k = C.ADDED_CONV_START + len(extra)
            if k >= C.CONV_SLOTS:
                raise ValueError(f"ticket {t} cannot take more added conversations")
            extra.append((k, self.clock.now(), bool(incoming) and not private, bool(private)))
            self._bump_ticket(t)
            return self.gen.conversation_id(t, k)

    def soft_delete_ticket(self, ticket_id: int) -> None:
        """Move a ticket to the trash (then visible only with `filter=deleted`)."""
        with self.lock:
            t = self._ticket_index(ticket_id)
            self.t_flags[t] |= TRASH
            self._bump_ticket(t)

    def mark_spam(self, ticket_id: int) -> None:
        """Mark a ticket as spam (then visible only with `filter=spam`)."""
        with self.lock:
            t = self._ticket_index(ticket_id)
            self.t_flags[t] |= SPAM
            self._bump_ticket(t)

    def restore_ticket(self, ticket_id: int) -> None:
        """Take a ticket out of trash and spam."""
        with self.lock:
            t = self._ticket_index(ticket_id)
            self.t_flags[t] = (self.t_flags[t] & ~(TRASH | SPAM)) | EVER_LIVE
            self._bump_ticket(t)

    def hard_delete_ticket(self, ticket_id: int) -> None:
        """Purge a ticket (archived ones too): it disappears from every endpoint."""
        with self.lock:
            t = ticket_id if self.ticket_archived(ticket_id) else self._ticket_index(ticket_id)
            self.t_flags[t] |= GONE
            self.t_gone_fields[t] = len(self.custom_fields)
            self._forget_ticket(t)
            self._touch()

    def archive_ticket(self, ticket_id: int) -> None:
        """Archive a closed live ticket now (as the age rule does later): it leaves every list and
        `/tickets/{id}`, and `/tickets/archived/{id}` serves it. updated_at does not change."""
        with self.lock:
            t = self._ticket_index(ticket_id)
            if self.t_flags[t] & (TRASH | SPAM):
                raise ValueError(f"ticket {t} is in the trash or spam; only closed live tickets are archived")
            if self._ticket_field(t, "status") != 5:
                raise ValueError(f"ticket {t} is not closed (status 5); only closed tickets are archived")
            self.t_flags[t] |= ARCHIVED
            self._forget_ticket(t)
            self._touch()

    def block_contact(self, contact_id: int) -> None:
        """Block a live contact: it leaves the default list, `state=blocked` lists it; updated_at moves."""
        with self.lock:
            i = self._contact(contact_id)
            if self.c_state[i] != LIVE:
                raise ValueError(f"contact {contact_id} is deleted; only live contacts are blocked")
            self.c_blocked[i] = gen_people.BLOCKED
            self.c_updated[i] = max(self.clock.now(), self.c_updated[i])
            self._records.pop(("c", i, False), None)
            self._records.pop(("c", i, True), None)
            self._touch()

    def spam_block_contact(self, contact_id: int) -> None:
        """The spam watcher blocks a live contact: it leaves every list (`blocked_at` ten years ahead),
        its view still answers; updated_at does not move."""
        with self.lock:
            i = self._contact(contact_id)
            if self.c_state[i] != LIVE:
                raise ValueError(f"contact {contact_id} is deleted; only live contacts are blocked")
            self.c_blocked[i] = gen_people.SPAM_BLOCKED
            self._touch()

    def contacts_page(self, ids: list[int], start: int, stop: int, page: int) -> list[int]:
        """`ids[start:stop]` of a name-ordered contact list as Freshdesk pages it: ordered by name
        alone, so namesakes come back in another order on every page (realism.contact_name_ties)."""
        if not self.realism.contact_name_ties or not ids:
            return ids[start:stop]
        name = lambda i: gen_people.contact_name(self.config, i)  # noqa: E731
        lo, hi = max(0, min(start, len(ids) - 1)), min(stop, len(ids))
        while lo > 0 and name(ids[lo - 1]) == name(ids[lo]):  # widen to whole runs of namesakes
            lo -= 1
        while hi < len(ids) and name(ids[hi - 1]) == name(ids[hi]):
            hi += 1
        window = sorted(ids[lo:hi], key=lambda i: (name(i), mix(self.config.seed, S_CHURN, page, i)))
        return window[start - lo:stop - lo]

    def churn(self, steps: int) -> list[int]:
        """Change `steps` random live tickets, each one sandbox second after the last (status and
        priority, a third of them a new conversation too); returns their ids.

        Query results are patched rather than rebuilt, so a bench-sized account churns cheaply.
        """
        changed = []
        with self.lock:
            rng, n, flags = self._churn_rng, self.config.tickets, self.t_flags
            for _ in range(steps):
                t = 0
                for _try in range(64):
                    pick = rng.randint(1, n)
                    if not flags[pick] & HIDDEN:
                        t = pick
                        break
                if not t:
                    break
                self.clock.advance(seconds=1)
                over = self.t_overrides.setdefault(t, {})
                over["status"] = rng.choice(_CHURN_STATUSES)
                over["priority"] = rng.randint(1, 4)
                if rng.random() < 1 / 3:
                    extra = self.t_extra_convs.setdefault(t, [])
                    k = C.ADDED_CONV_START + len(extra)
                    if k < C.CONV_SLOTS:
                        extra.append((k, self.clock.now(), rng.random() < 0.5, False))
                self._bump_ticket(t, touch=False)
                self._patch_queries(t)
                changed.append(t)
            self.churned.extend(changed)
        return changed

    def _patch_queries(self, t: int) -> None:
        """Move live ticket `t` (just updated, status/priority only) within every cached default-view query."""
        upd, crt = self.t_updated, self.t_created
        for key in list(self._queries):
            _version, kind, *rest = key
            if kind != "tickets":
                continue  # contacts, companies and time entries do not move with a status change
            view, since, created_after, order_by, order_type, requester, company, email = rest
            if view != "default":
                continue  # t is live and stays live: the spam and trash lists do not change
            if order_by not in ("updated_at", "created_at"):
                del self._queries[key]
                continue
            ids = self._queries[key]
            if t in ids:
                ids.remove(t)
            if (since is not None and upd[t] < since or created_after is not None and crt[t] <= created_after
                    or requester is not None and self.gen.requester(t)[0] != requester
                    or company is not None and self._ticket_field(t, "company_id") != company
                    or email is not None and self.gen.requester_email(t) != email):
                continue
            if order_by == "updated_at":
                sort_key = (lambda x: (upd[x], x)) if order_type == "asc" else (lambda x: (-upd[x], -x))
            else:
                sort_key = (lambda x: x) if order_type == "asc" else (lambda x: -x)
            bisect.insort(ids, t, key=sort_key)

    def _contact(self, contact_id: int) -> int:
        i = self.contact_index(contact_id)
        if i is None or self.c_state[i] == HARD_DELETED:
            raise KeyError(f"no contact {contact_id}")
        return i

    def soft_delete_contact(self, contact_id: int) -> None:
        """Soft-delete a contact (then listed only with `state=deleted`, carrying deleted: true)."""
        with self.lock:
            i = self._contact(contact_id)
            self.c_state[i] = SOFT_DELETED
            self.c_ever_soft.add(i)
            self.c_updated[i] = max(self.clock.now(), self.c_updated[i])
            self._records.pop(("c", i, False), None)
            self._records.pop(("c", i, True), None)
            self._touch()

    def hard_delete_contact(self, contact_id: int) -> None:
        """Purge a contact; tickets keep naming it as their requester."""
        with self.lock:
            i = self._contact(contact_id)
            self.c_state[i] = HARD_DELETED
            self._touch()

    def hard_delete_agent(self, agent_id: int) -> None:
        """Purge an agent; tickets, groups and escalations keep naming it."""
        with self.lock:
            if agent_id not in {a["id"] for a in self.agents} or agent_id in self.agents_gone:
                raise KeyError(f"no agent {agent_id}")
            self.agents_gone.add(agent_id)
            self._touch()

    def deactivate_agent(self, agent_id: int) -> None:
        """Deactivate an agent (still listed, `deactivated: true`)."""
        with self.lock:
            for a in self.agents:
                if a["id"] == agent_id and agent_id not in self.agents_gone:
                    a["deactivated"] = True
                    a["available"] = False
                    a["updated_at"] = self.clock.now_iso()
                    self._touch()
                    return
            raise KeyError(f"no agent {agent_id}")

    def hard_delete_company(self, company_id: int) -> None:
        """Purge a company; contacts and tickets keep naming it."""
        with self.lock:
            j = self.company_index(company_id)
            if j is None or j in self.companies_gone:
                raise KeyError(f"no company {company_id}")
            self.companies_gone.add(j)
            self._records.pop(("co", j), None)
            self._touch()

    def add_ticket_custom_field(self, name: str, kind: str = "string", touch: bool = False) -> None:
        """Add a ticket custom field; every ticket's `custom_fields` gains the key.

        Like Freshdesk, adding a field does not change tickets' updated_at; `touch=True`
        stamps every live ticket so that an incremental load re-reads them.
        """
        if kind not in CUSTOM_KINDS:
            raise ValueError(f"kind must be one of {CUSTOM_KINDS}")
        with self.lock:
            if any(n == name for n, _ in self.custom_fields):
                raise ValueError(f"custom field {name} exists")
            self.custom_fields.append((name, kind))
            self._fields_changed(touch)

    def change_ticket_custom_field_type(self, name: str, kind: str, touch: bool = False) -> None:
        """Serve an existing custom field's values with another JSON type from now on."""
        if kind not in CUSTOM_KINDS:
            raise ValueError(f"kind must be one of {CUSTOM_KINDS}")
        with self.lock:
            for pos, (n, _) in enumerate(self.custom_fields):
                if n == name:
                    self.custom_fields[pos] = (name, kind)
                    self._fields_changed(touch)
                    return
            raise KeyError(f"no custom field {name}")

    def _fields_changed(self, touch: bool) -> None:
        if touch:
            now = self.clock.now()
            for t in range(1, len(self.t_flags)):
                if not self.t_flags[t] & (GONE | ARCHIVED):  # an archive never changes
                    self.t_updated[t] = max(now, self.t_updated[t])
        self._records.clear()
        self._touch()

    def iter_ticket_ids(self) -> Iterator[int]:
        return iter(range(1, self.config.tickets + 1))


# time_entry_ids only needs "was live at generation", which the flags already say.
_LIVE_CORE = Core(0, 0, 0, 0, False, False)
