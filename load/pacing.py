"""Stay inside a share of the account's per-minute API budget, across all worker threads.

Freshdesk counts credits per minute for the whole account (other apps share the pool), with
separate call limits for the ticket and contact lists. Every response carries
`X-RateLimit-Total/Remaining/Used-CurrentRequest`; a 429 carries `Retry-After`. The pacer is a
token bucket refilled at `share * Total / 60` credits a second, charged with what each request
really cost, plus one bucket per list sub-limit; a 429 pauses every thread until `Retry-After`
has passed (dlt's retrying session then repeats the request).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

from requests.adapters import HTTPAdapter

from load import dlt_internals, stopping

log = logging.getLogger("freshdesk.pacing")

# Per-minute call limits of the ticket and contact lists, by the plan's total (Freshdesk KB 225439).
LIST_SUBLIMITS = {200: 20, 400: 100, 700: 200, 1000: 300, 2000: 400}


class _Bucket:
    """A token bucket whose refill rate can change as the server tells us its budget."""

    def __init__(self, per_minute: float, burst_seconds: float = 1.0) -> None:
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate * burst_seconds)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    def set_rate(self, per_minute: float, burst_seconds: float = 1.0) -> None:
        self._refill()
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate * burst_seconds)
        self.tokens = min(self.tokens, self.capacity)

    def _refill(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self, cost: float) -> float:
        self._refill()
        return 0.0 if self.tokens >= cost else (cost - self.tokens) / self.rate

    def take(self, cost: float) -> None:
        self._refill()
        self.tokens -= cost


@dataclass
class RequestStats:
    """What the loader spent, per resource: requests, rate-limit waits, 429s, retries."""

    requests: Counter = field(default_factory=Counter)
    credits: Counter = field(default_factory=Counter)
    waits: Counter = field(default_factory=Counter)
    wait_seconds: defaultdict = field(default_factory=lambda: defaultdict(float))
    http_429: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    # Wall time during which at least one request waited for the budget (`wait_seconds` sums every
    # worker's waits: eight workers waiting together for one second count eight there, one here).
    wait_wall_s: float = 0.0

    def total(self, counter: str) -> float:
        return sum(getattr(self, counter).values())


def classify(url: str) -> str:
    """Name the resource a request belongs to, for progress figures and sub-limits."""
    parsed = urlparse(url)
    parts = [p for p in parsed.path.split("/") if p]
    if "v2" in parts:
        parts = parts[parts.index("v2") + 1 :]
    query = parse_qs(parsed.query)
    if not parts:
        return "other"
    if parts[0] == "tickets":
        if parts[1:2] == ["archived"]:  # one archived ticket (a view) or its conversations
            return "ticket_archived_conversations" if len(parts) >= 4 else "ticket_archived"
        if len(parts) >= 3:
            return f"ticket_{parts[2]}"
        if len(parts) == 2:
            return "ticket_view"
        flt = query.get("filter", [""])[0]
        return f"tickets_{flt}" if flt else "tickets"
    if parts[0] == "contacts":
        if len(parts) >= 2:
            return "contact_view"
        state = query.get("state", [""])[0]
        return f"contacts_{state}" if state in ("deleted", "blocked") else "contacts"
    if parts[0] == "admin":
        return "_".join(parts[1:2]) or "admin"
    return "_".join(parts[:2]) if parts[0] == "email" else parts[0]


def _sublimit_key(resource: str) -> str | None:
    if resource.startswith("tickets"):
        return "tickets_list"
    if resource.startswith("contacts"):
        return "contacts_list"
    return None


class RateBudget:
    """Shared pacing state for every request of one load."""

    def __init__(self, share: float = 0.8, assumed_total: int = 50) -> None:
        self.share = share
        self.total: int | None = None
        self.remaining: int | None = None
        self._lock = threading.Lock()
        self._bucket = _Bucket(share * assumed_total)
        self._sub: dict[str, _Bucket] = {}
        self._paused_until = 0.0
        self._waiting = 0  # requests waiting for the budget now
        self._waiting_since = 0.0  # when the first of them began
        self.stats = RequestStats()

    @property
    def allowed_per_minute(self) -> float | None:
        """Credits a minute this load allows itself (share of the account's total)."""
        return None if self.total is None else self.share * self.total

    def acquire(self, resource: str) -> None:
        """Block until a request for `resource` fits in the budget, then charge one credit.

        After a SIGINT/SIGTERM (dlt's signal flag, `load/stopping.py`) no request starts: this raises."""
        waited, counted = 0.0, False
        try:
            while True:
                dlt_internals.raise_if_signalled()
                with self._lock:
                    now = time.monotonic()
                    delay = max(self._paused_until - now, self._bucket.wait_time(1))
                    sub = self._sub.get(_sublimit_key(resource) or "")
                    if sub is not None:
                        delay = max(delay, sub.wait_time(1))
                    if delay <= 0:
                        self._bucket.take(1)
                        if sub is not None:
                            sub.take(1)
                        break
                    if not counted:
                        self._start_waiting(now)
                        counted = True
                stopping.sleep(min(delay, 5.0))  # a signal wakes it
                waited += min(delay, 5.0)
        finally:
            if counted:
                self._stop_waiting()
        self.stats.requests[resource] += 1
        if waited:
            self.stats.waits[resource] += 1
            self.stats.wait_seconds[resource] += waited

    def _start_waiting(self, now: float) -> None:  # under self._lock
        if not self._waiting:
            self._waiting_since = now
        self._waiting += 1

    def _stop_waiting(self) -> None:
        with self._lock:
            self._waiting -= 1
            if not self._waiting:
                self.stats.wait_wall_s += time.monotonic() - self._waiting_since

    def credits_by_resource(self) -> Counter:
        """A copy of the credits spent so far, by resource (safe while other threads request)."""
        with self._lock:
            return Counter(self.stats.credits)

    def waited_s(self) -> float:
        """Wall time spent so far with at least one request waiting for the budget."""
        with self._lock:
            ongoing = time.monotonic() - self._waiting_since if self._waiting else 0.0
            return self.stats.wait_wall_s + ongoing

    def observe(self, resource: str, status: int, headers) -> None:
        """Learn the budget from a response and charge what the request really cost."""
        with self._lock:
            if status == 429:
                self.stats.http_429[resource] += 1
                retry_after = _seconds(headers.get("Retry-After"), default=60.0)
                self._paused_until = max(self._paused_until, time.monotonic() + retry_after)
                log.info("rate limited on %s: pausing all requests for %.0f s", resource, retry_after)
                return
            if status >= 500:
                self.stats.errors[resource] += 1
            total = _int(headers.get("X-RateLimit-Total"))
            used = _int(headers.get("X-RateLimit-Used-CurrentRequest")) or 1
            self.remaining = _int(headers.get("X-RateLimit-Remaining"))
            self.stats.credits[resource] += used
            if total and total != self.total:
                self.total = total
                self._bucket.set_rate(self.share * total)
                self._sub = {
                    name: _Bucket(self.share * LIST_SUBLIMITS[total]) for name in ("tickets_list", "contacts_list")
                } if total in LIST_SUBLIMITS else {}
                log.info("API budget: %d credits/min; this load uses up to %.0f", total, self.share * total)
            if used > 1:
                self._bucket.take(used - 1)
            if self.total and self.remaining is not None and self.remaining < (1 - self.share) * self.total / 2:
                # Others are eating the shared pool: leave them room until the window turns.
                self._paused_until = max(self._paused_until, time.monotonic() + 60.0 / max(self.total, 1) * used)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _seconds(value, default: float) -> float:
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return default


class PacedAdapter(HTTPAdapter):
    """An HTTPAdapter that asks the RateBudget before each attempt and reports each answer."""

    def __init__(self, budget: RateBudget, **kwargs) -> None:
        super().__init__(**kwargs)
        self.budget = budget

    def send(self, request, *args, **kwargs):  # noqa: D102 - see class docstring
        resource = classify(request.url)
        self.budget.acquire(resource)
        try:
            response = super().send(request, *args, **kwargs)
        except Exception:
            self.budget.stats.errors[resource] += 1
            raise
        self.budget.observe(resource, response.status_code, response.headers)
        return response
