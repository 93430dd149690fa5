"""How long a first load will take, said before the work, and how far it has come, said while it runs.

The estimate costs two credits: the newest ticket (`order_by=created_at`, one row) carries the
highest ticket id, which on Freshdesk is the account's sequential ticket number and so approximates
the number of tickets; its answer's `X-RateLimit-Total` is the plan. A contact search for every live
contact (`active:true OR active:false`) answers their `total` (lists have no count), since each
contact's view costs a credit. The credits follow from what the loader requests per ticket
(`credits_per_ticket`) and per contact (`credits_per_contact`).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

from load.pacing import RateBudget
from load.settings import Settings
from load.source import CONTACT_VIEWS_PENDING, TICKET_INCLUDES, make_session

log = logging.getLogger("freshdesk")

# A ticket list page costs 1 credit plus 2 per `include` item (freshdesk-api.md, "Include credits").
INCLUDE_CREDITS = 2
# Every live contact (a search needs a condition: this one holds for all).
CONTACTS_QUERY = '"active:true OR active:false"'
# The resources that load contact views (what the progress counts as contacts done).
CONTACT_RESOURCES = ("contacts", CONTACT_VIEWS_PENDING)


def credits_per_ticket(settings: Settings) -> float:
    """Credits a first load spends per ticket: its conversations (one request: 100 a page covers
    nearly every ticket), its share of a ticket list page with the includes, and of an id-listing
    page (the reconciliation that follows). Companies and the other small lists are left out: a
    few hundred per page, they add about 1%."""
    list_page = 1 + INCLUDE_CREDITS * len(TICKET_INCLUDES.split(","))
    return 1 + list_page / settings.per_page + 1 / settings.per_page


def credits_per_contact(settings: Settings) -> float:
    """Credits a first load spends per contact: its view, its share of a list page and of an
    id-listing page."""
    return 1 + 2 / settings.per_page


def _duration(minutes: float) -> str:
    if minutes >= 600:
        return f"{minutes / 60:,.0f} h"
    if minutes >= 60:
        return f"{minutes / 60:.1f} h"
    return f"{max(minutes, 1):.0f} min"


@dataclass
class Estimate:
    """What is left of a first load, from the highest ticket id, the number of contacts (None: the
    search did not tell) and the plan's budget."""

    tickets: int
    loaded: int
    per_ticket: float
    plan_per_minute: int | None
    share: float
    contacts: int | None = None
    contacts_loaded: int = 0
    per_contact: float = 0.0

    def credits_left(self, tickets_done: int, contacts_done: int) -> float:
        """Credits still to spend once `tickets_done` tickets and `contacts_done` contacts are loaded."""
        return max(self.tickets - tickets_done, 0) * self.per_ticket + \
            max((self.contacts or 0) - contacts_done, 0) * self.per_contact

    @property
    def credits(self) -> int:
        """Credits still to spend."""
        return round(self.credits_left(self.loaded, self.contacts_loaded))

    @property
    def allowed_per_minute(self) -> float | None:
        """The loader's share of the plan."""
        return self.plan_per_minute * self.share if self.plan_per_minute else None

    def line(self) -> str:
        """`about 500,000 tickets, ~520,000 credits, ~54 h at 160 credits/min (80% of 200)`."""
        tickets = f"about {self.tickets:,} tickets"
        if self.loaded:
            tickets += f" ({self.loaded:,} loaded)"
        if self.contacts is not None:
            tickets += f" and {self.contacts:,} contacts"
            if self.contacts_loaded:
                tickets += f" ({self.contacts_loaded:,} loaded)"
        credits = f"~{self.credits:,} credits" + (" to go" if self.loaded else "")
        if not self.allowed_per_minute:
            return f"{tickets}, {credits} (the answer named no rate limit)"
        return (f"{tickets}, {credits}, ~{_duration(self.credits / self.allowed_per_minute)} at "
                f"{self.allowed_per_minute:,.0f} credits/min ({self.share:.0%} of {self.plan_per_minute:,})")


def estimate(settings: Settings, budget: RateBudget, loaded: int, contacts_loaded: int = 0) -> Estimate | None:
    """One request for the newest ticket and one for the number of contacts (paced and counted like
    the load's own); None when the first answer does not allow an estimate (no tickets, an error):
    the load goes on without one. `loaded` tickets and `contacts_loaded` contacts are already in;
    contacts left out (FRESHDESK_SKIP) are not asked for."""
    with make_session(settings, budget) as session:
        session.auth = (settings.api_key, "X")
        params = {"order_by": "created_at", "order_type": "desc", "per_page": 1, "updated_since": settings.start_date}
        try:
            response = session.get(f"{settings.base_url}/tickets", params=params, timeout=60)
            rows = response.json() if response.status_code == 200 else None
        except Exception as exc:  # an estimate is a courtesy: never fail the load for it
            log.warning("no estimate: %s", type(exc).__name__)
            return None
        if not rows or not isinstance(rows, list) or "id" not in rows[0]:
            log.warning("no estimate: the newest-ticket request answered HTTP %s", response.status_code)
            return None
        total = response.headers.get("X-RateLimit-Total")
        return Estimate(tickets=int(rows[0]["id"]), loaded=loaded, per_ticket=credits_per_ticket(settings),
                        plan_per_minute=int(total) if total and total.isdigit() else None, share=settings.budget_share,
                        contacts=None if "contacts" in settings.skipped_resources else _contacts(session, settings),
                        contacts_loaded=contacts_loaded,
                        per_contact=credits_per_contact(settings))


def _contacts(session, settings: Settings) -> int | None:
    """Every live contact, by a search's `total` (None, with a warning, when the answer has none)."""
    try:
        response = session.get(f"{settings.base_url}/search/contacts", params={"query": CONTACTS_QUERY}, timeout=60)
        total = response.json().get("total") if response.status_code == 200 else None
    except Exception as exc:  # a courtesy, like the rest of the estimate
        log.warning("estimate without contacts: %s", type(exc).__name__)
        return None
    if not isinstance(total, int):
        log.warning("estimate without contacts: their search answered HTTP %s", response.status_code)
        return None
    return total


class Progress(threading.Thread):
    """Logs one short line every `every` seconds: tickets done of the estimated total, credits, ETA."""

    def __init__(self, budget: RateBudget, records: Counter, every: float, est: Estimate | None) -> None:
        super().__init__(daemon=True, name="progress")
        self.budget, self.records, self.every, self.est = budget, records, every, est
        self.checkpoints = 0
        self.started = time.monotonic()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            log.info("progress: %s", self.line())

    def line(self) -> str:
        """`12,345 / ~50,000 tickets (25%), 13,020 credits, 3 checkpoints, ETA ~1.1 h`."""
        credits = int(self.budget.stats.total("credits"))
        ckpt = f"{self.checkpoints} checkpoint{'s' if self.checkpoints != 1 else ''}"
        if self.est is None:
            records, requests = sum(self.records.values()), int(self.budget.stats.total("requests"))
            return f"{records:,} records, {requests:,} requests ({credits:,} credits), {ckpt}"
        done = self.est.loaded + self.records.get("tickets", 0)
        contacts = self.est.contacts_loaded + sum(self.records.get(r, 0) for r in CONTACT_RESOURCES)
        share = done / self.est.tickets if self.est.tickets else 1.0
        minutes = (time.monotonic() - self.started) / 60
        rate = credits / minutes if minutes >= 0.5 and credits else self.est.allowed_per_minute
        left = self.est.credits_left(done, contacts)
        eta = f"ETA ~{_duration(left / rate)}" if rate and left else "finishing"
        percent = math.floor(100 * min(share, 1))
        return f"{done:,} / ~{self.est.tickets:,} tickets ({percent}%), {credits:,} credits, {ckpt}, {eta}"
