"""Tickets, conversations and time entries, generated on demand from (seed, ticket id).

Only a few integers per ticket (times and flags) are kept by the account; every body is
rebuilt from the seed when asked for, which is what lets an account hold a million tickets
and their conversations without materialising them.

Forced cases (every scale): ticket 1 has one conversation of each kind plus attachments and
time entries (one with a running timer); 2 and N are in the trash; 3 and N-1 are spam; 8 is
both; 4+10g has deleted agent g as responder; 5+10g has deleted contact g as requester;
6+10g points at deleted company g; 7 has null recipient arrays; 9's responder is the
deactivated agent; 10/11 are a parent/child pair; 14..20 as `_FORCED` says (outbound e-mails,
statuses that do and do not pause the SLA, a first response by public note) when their switch is
on. With the realism switches on: 12's
requester is the forced blocked contact, 13's requester is agent 0 (about 2% of other tickets
have an agent requester too); without products no ticket names one; without time tracking no
ticket has time entries.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from . import config as C
from .clock import iso, iso_date
from .config import AccountConfig
from .gen_admin import group_id, mailbox_id, product_id
from .gen_people import (
    agent_email,
    agent_id,
    agent_index,
    company_id,
    contact_company_index,
    contact_email,
    forced_blocked_contact,
    ghost_agent_id,
    ghost_contact_email,
    ghost_contact_id,
)
from .rng import S_CONV, S_CUSTOM, S_TICKET, S_TIME, mix, rng_for, unit
from .text import SUBJECT_TOPICS, TAGS, TICKET_TYPES, html_body, sentence

# Conversation kinds: (source, category, incoming, private)
AGENT_REPLY, INCOMING, NOTE, FORWARD, SURVEY, PUBLIC_NOTE = range(6)
_KIND_FIELDS = {
    AGENT_REPLY: (0, 3, False, False),
    INCOMING: (0, 1, True, False),
    NOTE: (2, 2, False, True),
    FORWARD: (8, 6, False, False),
    SURVEY: (6, 7, True, False),
    PUBLIC_NOTE: (2, 3, False, False),
}
# What Freshdesk counts as a response (`stats.first_responded_at`, `agent_responded_at`): an agent's
# reply or public note; never a private note or a forward (freshdesk-api.md section 14).
RESPONSES = (AGENT_REPLY, PUBLIC_NOTE)
OUTBOUND_EMAIL = 10
# Statuses that stop the SLA timer: Pending, and custom status 6 ("Waiting on Customer"); custom
# status 7 ("Waiting on Third Party") does not (with realism.sla_timers).
PAUSING_STATUSES = (3, 6)
# Forced cases of the realism switches (tickets 14..20, never trash, spam or archived): (switch,
# status or None, conversation kinds or None).
_FORCED = {
    14: ("outbound_tickets", None, (1, 0, 1)),  # outbound: the customer replied, then an agent, then the customer
    15: ("outbound_tickets", None, ()),  # outbound, the customer has not replied yet
    16: ("sla_timers", 6, ()),  # unanswered, waiting in custom status 6, which pauses the SLA
    17: ("sla_timers", 3, ()),  # unanswered and pending
    18: ("sla_timers", 7, ()),  # unanswered in custom status 7, which does not pause it
    19: ("sla_timers", 2, ()),  # unanswered, open, and assigned to no agent or group
    20: ("public_notes", None, (5, 1)),  # first responded by a public note, then the customer wrote
}
_SOURCES = ((1, 0.55), (2, 0.2), (3, 0.1), (7, 0.08), (9, 0.02), (10, 0.05))
_EMAIL_SOURCES = (1, 10)
_PRIORITIES = ((1, 0.4), (2, 0.35), (3, 0.18), (4, 0.07))
_RESPOND = {1: 28800, 2: 14400, 3: 3600, 4: 900}
_RESOLVE = {1: 86400 * 3, 2: 86400, 3: 14400, 4: 3600}

DEFAULT_CUSTOM_FIELDS = (
    ("cf_order_number", "string"),
    ("cf_refund_amount", "number"),
    ("cf_seats", "integer"),
    ("cf_vip", "boolean"),
    ("cf_purchase_date", "date"),
    ("cf_region", "string"),
    ("cf_legacy_code", "string"),
)
# With realism.multi_select_fields: a multi-select field (a list of choices) and a dependent field of
# three levels (each level its own key; a level is null when the one above it is).
CHOICE_CUSTOM_FIELDS = (
    ("cf_affected_areas", "multi_select"),
    ("cf_category", "dependent"),
    ("cf_subcategory", "dependent"),
    ("cf_item", "dependent"),
)
CUSTOM_KINDS = ("string", "number", "integer", "boolean", "date", "multi_select", "dependent")
_NULL_RATE = {"cf_region": 0.5, "cf_legacy_code": 1.0}
_AREAS = ("Billing", "Login", "Mobile app", "Reports", "API")
_DEPENDENT = {"Hardware": {"Laptop": ("Battery", "Screen"), "Printer": ("Toner", "Paper jam")},
              "Software": {"Mail": ("Outlook", "Webmail"), "VPN": ("Client", "Token")}}
_LEVELS = ("cf_category", "cf_subcategory", "cf_item")


def _dependent_value(seed: int, t: int, name: str):
    """Level `name` of ticket t's dependent field: a path down `_DEPENDENT`, cut at a random depth."""
    depth = int(unit(seed, S_CUSTOM, t, 7) * 4)  # 0: unset, else how many levels are chosen
    level = _LEVELS.index(name)
    if level >= depth:
        return None
    node, choice = _DEPENDENT, None
    for k in range(level + 1):
        keys = sorted(node)
        choice = keys[int(unit(seed, S_CUSTOM, t, 8, k) * len(keys))]
        node = node[choice] if isinstance(node, dict) else ()
    return choice


def _weighted(u: float, table: tuple[tuple[int, float], ...]) -> int:
    acc = 0.0
    for value, w in table:
        acc += w
        if u < acc:
            return value
    return table[-1][0]


def custom_value(seed: int, t: int, name: str, kind: str):
    """The value of custom field `name` on ticket `t` for the field's current kind."""
    if kind == "dependent" and name in _LEVELS:
        return _dependent_value(seed, t, name)
    key = zlib.crc32(name.encode())
    u = unit(seed, S_CUSTOM, t, key)
    if u < _NULL_RATE.get(name, 0.1) or (t == 1 and name == "cf_region"):
        return None
    v = unit(seed, S_CUSTOM, t, key, 1)
    if kind == "string":
        return f"FD{int(v * 1e8):08d}" if name == "cf_order_number" else ("EMEA", "APAC", "AMER", "Zürich")[int(v * 4)]
    if kind == "number":
        return round(5 + v * 995, 2)
    if kind == "integer":
        return int(v * 500)
    if kind == "boolean":
        return v < 0.5
    if kind == "date":
        return iso_date(1_700_000_000 + int(v * 80_000_000))
    if kind == "multi_select":  # choices in the field's order; [] when none is ticked
        return [a for k, a in enumerate(_AREAS) if unit(seed, S_CUSTOM, t, key, 2 + k) < 0.3]
    if kind == "dependent":  # a dependent field the generator does not know: its top level
        return sorted(_DEPENDENT)[int(v * len(_DEPENDENT))]
    raise ValueError(f"unknown custom field kind {kind!r}")


@dataclass(frozen=True, slots=True)
class Core:
    """The few numbers a ticket's whole body is derived from."""

    created: int
    life: int
    n_conv: int
    updated: int
    trash: bool
    spam: bool


class TicketGenerator:
    """Builds ticket-side records for one account config."""

    def __init__(self, cfg: AccountConfig, now: int, agent_count: int, mailbox_emails: dict[int, str]) -> None:
        self.cfg = cfg
        self.mailbox_emails = mailbox_emails
        self.seed = cfg.seed
        self.now = now
        self.n = cfg.tickets
        self.agent_count = agent_count
        self.forced_limit = 10 * max(cfg.ghost_agents, cfg.ghost_contacts, cfg.ghost_companies) + 12
        self.recent = max(4, self.n // 20)
        self.mailboxes_by_product = {p: mailbox_id(1 + p) for p in range(cfg.products)}
        self.realism = cfg.realism
        self.blocked_requester = forced_blocked_contact(cfg)

    # ---------------------------------------------------------- core numbers

    def created(self, t: int) -> int:
        """Creation time, non-decreasing in t: the last 5% fall in the 30-day window."""
        n, recent, now = self.n, self.recent, self.now
        if t > n - recent:
            span = (C.RECENT_DAYS - 1) * 86400 - 7200
            return now - (C.RECENT_DAYS - 1) * 86400 + int((t - (n - recent) - 1) / recent * span)
        span = (C.HISTORY_DAYS - C.RECENT_DAYS) * 86400
        return now - C.HISTORY_DAYS * 86400 + int((t - 1) / max(1, n - recent) * span)

    def forced(self, t: int) -> tuple[int | None, tuple[int, ...] | None]:
        """(status, conversation kinds) forced on ticket t by a realism switch that is on, else (None, None)."""
        case = _FORCED.get(t)
        if case is None or not getattr(self.realism, case[0]) or t >= self.n - 1:
            return None, None
        return case[1], case[2]

    def n_conv(self, t: int) -> int:
        """Conversations at generation: mostly 1-3, a long Pareto tail, some none."""
        if t == 1:
            return 6
        kinds = self.forced(t)[1]
        if kinds is not None:
            return len(kinds)
        u = unit(self.seed, S_TICKET, t, 1)
        if u < 0.07:
            return 0
        return min(C.MAX_GENERATED_CONVS, int((1.0 - u) ** -0.65))

    def core(self, t: int) -> Core:
        """Creation time, activity span, conversation count and generation-time flags."""
        created = self.created(t)
        life = int(600 * math.exp(unit(self.seed, S_TICKET, t, 2) * 7.6))  # 10 min .. ~14 days
        life = max(0, min(life, self.now - 300 - created))
        extra = int(unit(self.seed, S_TICKET, t, 3) * 3600)
        updated = min(self.now - 60, created + life + extra)
        u = unit(self.seed, S_TICKET, t, 4)
        free = self.forced_limit < t < self.n - 1
        trash = t in (2, 8, self.n) or (free and u < 0.015)
        spam = t in (3, 8, self.n - 1) or (free and 0.015 <= u < 0.025)
        return Core(created, life, self.n_conv(t), updated, trash, spam)

    def conv_time(self, t: int, core: Core, k: int) -> int:
        """Creation time of generated conversation k (ascending in k, within the life span)."""
        n = core.n_conv
        lo = core.life * k // n
        hi = core.life * (k + 1) // n
        return core.created + lo + int(unit(self.seed, S_CONV, t, k) * max(0, hi - lo))

    def outbound(self, t: int) -> bool:
        """An outbound e-mail (source 10): an agent wrote first, so the first conversation is the
        customer's reply and the first response is the first one after it (realism.outbound_tickets)."""
        return self.realism.outbound_tickets and self.source(t) == OUTBOUND_EMAIL

    def conv_kind(self, t: int, k: int) -> int:
        if t == 1:
            return (INCOMING, AGENT_REPLY, NOTE, FORWARD, SURVEY, AGENT_REPLY)[k]
        kinds = self.forced(t)[1]
        if kinds:
            return kinds[k]
        public_notes = self.realism.public_notes
        if k == 0:
            if self.outbound(t):
                return INCOMING
            return PUBLIC_NOTE if public_notes and unit(self.seed, S_CONV, t, k, 4) < 0.12 else AGENT_REPLY
        u = unit(self.seed, S_CONV, t, k, 1)
        if u < 0.45:
            return PUBLIC_NOTE if public_notes and u < 0.05 else AGENT_REPLY
        return INCOMING if u < 0.82 else NOTE if u < 0.96 else FORWARD if u < 0.99 else SURVEY

    # ---------------------------------------------------------- references

    def source(self, t: int) -> int:
        if t in (14, 15) and self.forced(t)[1] is not None:
            return OUTBOUND_EMAIL
        return 1 if t in (1, 7) else _weighted(unit(self.seed, S_TICKET, t, 5), _SOURCES)

    def priority(self, t: int) -> int:
        return _weighted(unit(self.seed, S_TICKET, t, 6), _PRIORITIES)

    def requester(self, t: int) -> tuple[int, int | None]:
        """(user id, contact index or None when the requester is an agent or was hard-deleted)."""
        if (t - 5) % 10 == 0 and (t - 5) // 10 < self.cfg.ghost_contacts:
            return ghost_contact_id((t - 5) // 10), None
        if self.realism.agent_requesters and (
                t == 13 or self.forced_limit < t < self.n - 1 and unit(self.seed, S_TICKET, t, 18) < 0.02):
            return agent_id(0 if t == 13 else int(unit(self.seed, S_TICKET, t, 19) * self.agent_count)), None
        if t == 12 and self.blocked_requester is not None:
            return C.CONTACT_BASE + 100 * self.blocked_requester, self.blocked_requester
        u = unit(self.seed, S_TICKET, t, 7)
        i = int(u * u * self.cfg.contacts)  # a few contacts raise many tickets
        if i == 1 and t % 2 == 0:
            i = 0
        return C.CONTACT_BASE + 100 * i, i

    def responder(self, t: int, status: int) -> int | None:
        if t == 19 and self.forced(t)[0] is not None:
            return None
        if (t - 4) % 10 == 0 and (t - 4) // 10 < self.cfg.ghost_agents:
            return ghost_agent_id((t - 4) // 10)
        if t == 9:
            return agent_id(self.agent_count - 2)
        u = unit(self.seed, S_TICKET, t, 8)
        if u < 0.12 and status in (2, 6):
            return None
        return agent_id(int(unit(self.seed, S_TICKET, t, 9) * self.agent_count))

    def company(self, t: int, contact_index: int | None) -> int | None:
        if (t - 6) % 10 == 0 and (t - 6) // 10 < self.cfg.ghost_companies:
            return C.GHOST_COMPANY_BASE + 13 * ((t - 6) // 10)
        if contact_index is None:
            return None
        j = contact_company_index(self.cfg, contact_index)
        return company_id(j) if j is not None else None

    def status(self, t: int, core: Core) -> int:
        forced = self.forced(t)[0]
        if forced is not None:
            return forced
        age = self.now - core.updated
        u = unit(self.seed, S_TICKET, t, 10)
        if age > 7 * 86400:
            return 5 if u < 0.6 else 4 if u < 0.95 else 2
        return 2 if u < 0.4 else 3 if u < 0.6 else 6 if u < 0.7 else 7 if u < 0.75 else 4

    def requester_email(self, t: int) -> str:
        cid, idx = self.requester(t)
        if idx is None:
            a = agent_index(self.cfg, cid)
            return agent_email(self.cfg, a) if a is not None else ghost_contact_email((cid - C.GHOST_CONTACT_BASE) // 7)
        return contact_email(self.cfg, idx)

    def recipients(self, t: int) -> dict[str, list[str] | None]:
        """to/cc/reply_cc/fwd/ticket_cc lists; null (not []) where the hash was never set."""
        source = self.source(t)
        u = unit(self.seed, S_TICKET, t, 11)
        null_hash = t == 7 or u < 0.08
        email = source in _EMAIL_SOURCES
        support = self.support_email(t)
        to = [support] if email and support and t != 7 else None
        if null_hash:
            return {"cc_emails": None, "fwd_emails": None, "reply_cc_emails": None, "ticket_cc_emails": None,
                    "to_emails": to}
        r = rng_for(self.seed, S_TICKET, t, 12)
        cc: list[str] = []
        if email and (t == 1 or r.random() < 0.3):
            cc = [f"ops{r.randint(1, 30)}@customer{r.randint(1, 9)}.example"]
            if r.random() < 0.3:
                cc.append(f"finance{r.randint(1, 9)}@customer{r.randint(1, 9)}.example")
            cc = sorted(set(cc))
        reply_cc = list(cc) if r.random() < 0.7 else cc[:1]
        fwd = [f"partner{r.randint(1, 5)}@vendor.example"] if (t == 1 or r.random() < 0.05) and email else []
        if t == 1 and to:
            cc.append(to[0])  # the same address in two roles: one recipient row with two flags
        return {"cc_emails": cc, "fwd_emails": fwd, "reply_cc_emails": reply_cc, "ticket_cc_emails": cc,
                "to_emails": to}

    def product(self, t: int) -> int | None:
        if self.realism.no_products:
            return None
        u = unit(self.seed, S_TICKET, t, 13)
        return None if u < 0.5 else int(unit(self.seed, S_TICKET, t, 14) * self.cfg.products)

    def mailbox(self, t: int) -> int | None:
        """The mailbox (email config) an e-mail ticket came in through; None for other sources."""
        if self.source(t) not in _EMAIL_SOURCES:
            return None
        p = self.product(t)
        return mailbox_id(0) if p is None else self.mailboxes_by_product[p]

    def support_email(self, t: int) -> str | None:
        mailbox = self.mailbox(t)
        return self.mailbox_emails.get(mailbox) if mailbox else None

    def tags(self, t: int) -> list[str]:
        if t == 1:
            return ["refund", "damaged", "größe"]
        u = unit(self.seed, S_TICKET, t, 15)
        if u < 0.45:
            return []
        r = rng_for(self.seed, S_TICKET, t, 16)
        out: list[str] = []
        for _ in range(r.randint(1, 4)):
            tag = r.choice(TAGS)
            if tag not in out:
                out.append(tag)
        return out

    # ---------------------------------------------------------- records

    def record(self, t: int, core: Core, updated: int, fields: tuple[tuple[str, str], ...]) -> dict:
        """The list-shape ticket (no description, no includes, no `deleted` key)."""
        r = rng_for(self.seed, S_TICKET, t)
        status = self.status(t, core)
        priority = self.priority(t)
        source = self.source(t)
        requester_id, contact_index = self.requester(t)
        product = self.product(t)
        group = None if r.random() < 0.1 else group_id(r.randrange(self.cfg.groups))
        if t == 19 and self.forced(t)[0] is not None:
            group = None
        mailbox = self.mailbox(t)
        recips = self.recipients(t)
        due = core.created + _RESOLVE[priority]
        fr_due = core.created + _RESPOND[priority]
        open_ = status in (2, 3, 6, 7)
        topic = SUBJECT_TOPICS[r.randrange(len(SUBJECT_TOPICS))]
        rec = {
            "cc_emails": recips["cc_emails"],
            "fwd_emails": recips["fwd_emails"],
            "reply_cc_emails": recips["reply_cc_emails"],
            "ticket_cc_emails": recips["ticket_cc_emails"],
            "ticket_bcc_emails": None if recips["cc_emails"] is None else [],
            "fr_escalated": open_ and fr_due < self.now and core.n_conv == 0,
            "spam": core.spam,
            "email_config_id": mailbox,
            "group_id": group,
            "priority": priority,
            "requester_id": requester_id,
            "responder_id": self.responder(t, status),
            "source": source,
            "company_id": self.company(t, contact_index),
            "status": status,
            "subject": f"{topic} #{1000 + t}",
            "association_type": 1 if t == 10 else 2 if t == 11 else None,
            "support_email": self.mailbox_emails.get(mailbox) if mailbox else None,
            "to_emails": recips["to_emails"],
            "product_id": product_id(product) if product is not None else None,
            "id": t,
            "type": None if r.random() < 0.2 else TICKET_TYPES[r.randrange(len(TICKET_TYPES))],
            "due_by": iso(due),
            "fr_due_by": iso(fr_due),
            "is_escalated": open_ and due < self.now,
            "custom_fields": {name: custom_value(self.seed, t, name, kind) for name, kind in fields},
            "created_at": iso(core.created),
            "updated_at": iso(updated),
            "associated_tickets_count": 1 if t == 10 else None,
            "tags": self.tags(t),
            "form_id": C.FORM_ID,
            "structured_description": None,
            "nr_due_by": None,
            "nr_escalated": False,
        }
        return rec

    def description(self, t: int) -> tuple[str, str]:
        r = rng_for(self.seed, S_TICKET, t, 17)
        paras = [sentence(r) for _ in range(r.randint(1, 3))]
        if t == 1:
            paras.append("The TV arrived cracked — order FD07062010 <b>not</b> bold & ünïcödé ✓")
        return html_body(paras)

    def stats(self, t: int, core: Core, status: int, updated: int, extra: list[tuple]) -> dict:
        """`include=stats`, consistent with the conversation timeline: responses are replies and
        public notes; on an outbound e-mail the first response is the first after the customer's
        first reply."""
        agent_times, requester_times = [], []
        for k in range(core.n_conv):
            kind = self.conv_kind(t, k)
            if kind in RESPONSES:
                agent_times.append(self.conv_time(t, core, k))
            elif kind == INCOMING:
                requester_times.append(self.conv_time(t, core, k))
        for _k, created, incoming, private in extra:
            if incoming:
                requester_times.append(created)
            elif not private:
                agent_times.append(created)
        first = agent_times
        if self.outbound(t):
            first = [a for a in agent_times if requester_times and a >= min(requester_times)]
        closed = iso(updated) if status == 5 else None
        return {
            "agent_responded_at": iso(max(agent_times)) if agent_times else None,
            "requester_responded_at": iso(max(requester_times)) if requester_times else None,
            "first_responded_at": iso(min(first)) if first else None,
            "status_updated_at": iso(updated),
            "reopened_at": iso(updated - 3600) if t % 23 == 0 else None,
            "resolved_at": iso(updated) if status in (4, 5) else None,
            "closed_at": closed,
            "pending_since": iso(updated) if status == 3 else None,
        }

    def escalated(self, t: int, rec: dict, stats: dict, as_of: int) -> tuple[bool, bool]:
        """(fr_escalated, is_escalated) as Freshdesk's SLA job sets them, judged at `as_of`: a
        deadline passed while the SLA timer ran, i.e. before the response (resolution) and not while
        the ticket waits in a pausing status; an outbound e-mail's first-response timer starts
        with the customer's reply."""
        def at(name: str) -> int | None:
            value = stats[name]
            return None if value is None else _epoch(value)

        fr_due, due = _epoch(rec["fr_due_by"]), _epoch(rec["due_by"])
        first, resolved = at("first_responded_at"), at("resolved_at") or at("closed_at")
        paused = rec["status"] in PAUSING_STATUSES
        waiting = self.outbound(t) and stats["requester_responded_at"] is None
        fr = (fr_due < as_of and (first is None or first > fr_due) and (resolved is None or resolved > fr_due)
              and not (first is None and resolved is None and paused) and not waiting)
        res = due < as_of and (resolved is None or resolved > due) and not (resolved is None and paused)
        return fr, res

    def conversation_id(self, t: int, k: int) -> int:
        return C.CONVERSATION_BASE + t * C.CONV_SLOTS + k

    def conv_recipients(self, t: int, k: int, kind: int, support: str | None) -> tuple:
        """(to, cc, bcc) for a conversation; private notes have a null bcc list."""
        u = unit(self.seed, S_CONV, t, k, 2)
        requester = self.requester_email(t)
        if kind in (NOTE, PUBLIC_NOTE):
            to = [f"agent{int(u * 9)}@{self.cfg.domain}-support.example"] if u < 0.4 else []
            return to, [], None
        cc = [f"ops{int(u * 30)}@customer.example"] if u < 0.2 or (t == 1 and k == 1) else []
        bcc = [f"audit@{self.cfg.domain}-support.example"] if u > 0.95 or (t == 1 and k == 1) else []
        if kind in (INCOMING, SURVEY):
            to = [support or f"support@{self.cfg.domain}.freshdesk.com"]
        elif kind == FORWARD:
            to = [f"partner{int(u * 5)}@vendor.example"]
        else:
            to = [requester]
        if t == 1 and k == 1:
            cc.append(to[0])  # repeated address: one recipient row
        return to, cc, bcc

    def conversation(self, t: int, core: Core, k: int, support: str | None, responder: int | None,
                     extra: tuple | None = None) -> dict:
        """One conversation; `extra` = (k, created, incoming, private) for ones added later."""
        if extra is None:
            kind = self.conv_kind(t, k)
            created = self.conv_time(t, core, k)
        else:
            _, created, incoming, private = extra
            kind = NOTE if private else INCOMING if incoming else AGENT_REPLY
        source, category, incoming, private = _KIND_FIELDS[kind]
        r = rng_for(self.seed, S_CONV, t, k)
        requester_id, _ = self.requester(t)
        if incoming:
            user = requester_id  # customer messages are authored by the requester contact
        else:
            user = responder if responder and responder < C.GHOST_AGENT_BASE else agent_id(
                r.randrange(self.agent_count))
        body, text = html_body([sentence(r) for _ in range(r.randint(1, 4))])
        to, cc, bcc = self.conv_recipients(t, k, kind, support)
        edited = r.random() < 0.05 and not incoming
        cid = self.conversation_id(t, k)
        return {
            "body": body,
            "body_text": text,
            "structured_body": None,
            "id": cid,
            "incoming": incoming,
            "private": private,
            "user_id": user,
            "support_email": None if private else support,
            "source": source,
            "category": category,
            "to_emails": to,
            "from_email": None if private else (self.requester_email(t) if incoming
                                                else f"Support <{support}>" if support else None),
            "cc_emails": cc,
            "bcc_emails": bcc,
            "email_failure_count": 1 if t % 97 == 0 and k == 0 else None,
            "outgoing_failures": None,
            "thread_id": None,
            "thread_message_id": None,
            "created_at": iso(created),
            "updated_at": iso(created + (600 if edited else 0)),
            "last_edited_at": iso(created + 600) if edited else None,
            "last_edited_user_id": user if edited else None,
            "attachments": self.attachments(t, k, created),
            "automation_id": None,
            "automation_type_id": None,
            "auto_response": False,
            "ticket_id": t,
            "threading_type": None,
            "delivery_details": {"failed_emails": [], "pending_emails": []},
            "source_additional_info": None,
        }

    def n_attachments(self, t: int, k: int) -> int:
        if t == 1 and k in (0, 1):
            return 2
        if k >= C.ADDED_CONV_START:
            return 0
        u = unit(self.seed, S_CONV, t, k, 3)
        return 0 if u < 0.88 else 1 if u < 0.97 else 3

    def attachments(self, t: int, k: int, created: int) -> list[dict]:
        out = []
        for j in range(self.n_attachments(t, k)):
            aid = C.ATTACHMENT_BASE + (t * C.CONV_SLOTS + k) * 4 + j
            image = (mix(self.seed, aid) & 1) == 0
            name = f"screenshot_{j}.png" if image else f"receipt_{j}.pdf"
            url = f"https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/{aid}"
            sig = f"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date={iso(self.now).replace('-', '').replace(':', '')}" \
                  f"&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature={mix(aid):016x}"
            item = {"id": aid, "name": name, "content_type": "image/png" if image else "application/pdf",
                    "size": 1000 + mix(aid, 1) % 500_000, "created_at": iso(created - 1), "updated_at": iso(created),
                    "attachment_url": f"{url}/original/{name}{sig}"}
            if image:
                item["thumb_url"] = f"{url}/thumb/{name}{sig}"
            out.append(item)
        return out

    # ---------------------------------------------------------- time entries

    def n_time_entries(self, t: int, core: Core) -> int:
        """Time entries exist only on tickets that were live (not trash/spam) at generation."""
        if core.trash or core.spam or self.realism.no_time_tracking:
            return 0
        if t in (1, 4):
            return 2
        u = unit(self.seed, S_TIME, t)
        return 0 if u < 0.8 else 1 if u < 0.95 else 3

    def time_entry(self, t: int, core: Core, j: int, responder: int | None, company: int | None) -> dict:
        r = rng_for(self.seed, S_TIME, t, j)
        if t == 4 and j == 1:
            agent = ghost_agent_id(0)
        else:
            agent = responder if responder is not None else agent_id(r.randrange(self.agent_count))
        spent = 0 if r.random() < 0.05 else r.randint(1, 60) * 5 * 60
        if t == 1 and j == 0:
            spent = 10 * 3600 + 40 * 60  # hours beyond 24h-clock style values are legal: "10:40"
        start = core.created + int(r.random() * max(1, core.life))
        created = start
        running = t == 1 and j == 1
        return {
            "billable": r.random() < 0.6,
            "note": r.choice(("", None, "Invoice preparation", "Call with customer — résumé")),
            "id": C.TIME_ENTRY_BASE + 4 * t + j,
            "timer_running": running,
            "agent_id": agent,
            "ticket_id": t,
            "company_id": company,
            "time_spent": f"{spent // 3600:02d}:{spent % 3600 // 60:02d}",
            "time_spent_in_seconds": spent,
            "executed_at": iso(start - start % 86400),
            "start_time": iso(start),
            "created_at": iso(created),
            "updated_at": iso(created + (r.randint(0, 3600) if not running else 0)),
        }


def _epoch(stamp: str) -> int:
    return int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())
