"""Per-minute API budgets as Freshdesk enforces them, per plan.

The total budget counts credits (a ticket list costs 1 + 2 per `include` item, a ticket
view 1 + 1 per include); the ticket-list and contact-list sub-limits count calls. The
window is fixed and anchored at the first call, like Freshdesk's Redis key with a TTL.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

UNLIMITED_TOTAL = 1_000_000_000


@dataclass(frozen=True)
class Plan:
    """A plan's budget per window; None means no limit."""

    total: int | None
    tickets_list: int | None = None
    contacts_list: int | None = None


PLANS: dict[str, Plan] = {
    "trial": Plan(50),
    "growth": Plan(200, 20, 20),
    "pro": Plan(400, 100, 100),
    "enterprise": Plan(700, 200, 200),
    "addon1000": Plan(1000, 300, 300),
    "addon2000": Plan(2000, 400, 400),
    "unlimited": Plan(None),
}

TICKETS_LIST = "tickets_list"
CONTACTS_LIST = "contacts_list"


@dataclass(frozen=True)
class Verdict:
    """Outcome of charging a request: headers to send, or the seconds to wait."""

    allowed: bool
    headers: dict[str, str]
    retry_after: int = 0


class RateLimiter:
    """Fixed-window credit accounting for one account."""

    def __init__(self, plan: Plan | str, window_seconds: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.plan = PLANS[plan] if isinstance(plan, str) else plan
        self.window = float(window_seconds)
        self._clock = clock
        self._lock = threading.Lock()
        self._start: float | None = None
        self._used = 0
        self._calls = {TICKETS_LIST: 0, CONTACTS_LIST: 0}

    def charge(self, cost: int, bucket: str | None = None) -> Verdict:
        """Charge `cost` credits (and one call to `bucket`) or refuse with Retry-After."""
        plan = self.plan
        with self._lock:
            now = self._clock()
            if self._start is None or now >= self._start + self.window:
                self._start, self._used = now, 0
                self._calls = {TICKETS_LIST: 0, CONTACTS_LIST: 0}
            sub = getattr(plan, bucket) if bucket else None
            over_total = plan.total is not None and self._used + cost > plan.total
            over_sub = sub is not None and self._calls[bucket] >= sub
            if over_total or over_sub:
                wait = max(1, math.ceil(self._start + self.window - now))
                return Verdict(False, {}, wait)
            self._used += cost
            if bucket:
                self._calls[bucket] += 1
            total = plan.total if plan.total is not None else UNLIMITED_TOTAL
            return Verdict(True, {
                "X-RateLimit-Total": str(total),
                "X-RateLimit-Remaining": str(max(total - self._used, 0)),
                "X-RateLimit-Used-CurrentRequest": str(cost),
            })
