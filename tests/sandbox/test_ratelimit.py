"""Per-plan budgets, credits, sub-limits and 429 answers."""

from __future__ import annotations

import time

from load.sandbox import PLANS, Account, SandboxServer
from load.sandbox.ratelimit import TICKETS_LIST, RateLimiter

from .conftest import Api


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_plans_table():
    assert PLANS["trial"].total == 50
    assert (PLANS["growth"].total, PLANS["growth"].tickets_list, PLANS["growth"].contacts_list) == (200, 20, 20)
    assert (PLANS["enterprise"].total, PLANS["enterprise"].tickets_list) == (700, 200)
    assert (PLANS["addon2000"].total, PLANS["addon2000"].contacts_list) == (2000, 400)
    assert PLANS["unlimited"].total is None


def test_fixed_window_anchored_at_first_call():
    clock = FakeClock()
    rl = RateLimiter("trial", 60, clock)
    for _ in range(50):
        assert rl.charge(1).allowed
    clock.t += 45
    refused = rl.charge(1)
    assert not refused.allowed and refused.retry_after == 15 and refused.headers == {}
    clock.t += 15
    ok = rl.charge(3)
    assert ok.allowed and ok.headers["X-RateLimit-Remaining"] == "47"
    assert ok.headers["X-RateLimit-Used-CurrentRequest"] == "3"


def test_sub_limit_counts_calls_not_credits():
    rl = RateLimiter("growth", 60, FakeClock())
    for _ in range(20):
        assert rl.charge(3, TICKETS_LIST).allowed
    assert not rl.charge(1, TICKETS_LIST).allowed
    assert rl.charge(1).allowed  # other endpoints still have budget


def test_server_headers_credits_and_429():
    with SandboxServer(account=Account(seed=1, scale="tiny"), plan="trial", window_seconds=2) as sb:
        api = Api(sb.base_url, sb.api_key)
        r = api.get("/tickets?include=stats,requester")
        assert r.headers["X-RateLimit-Total"] == "50"
        assert r.headers["X-RateLimit-Used-CurrentRequest"] == "5"
        assert r.headers["X-RateLimit-Remaining"] == "45"
        assert api.get("/tickets/1?include=stats").headers["X-RateLimit-Used-CurrentRequest"] == "2"
        assert api.get("/tickets?foo=1").headers["X-RateLimit-Remaining"] == "42"  # invalid requests cost
        for _ in range(42):
            assert api.get("/companies").status == 200
        refused = api.get("/companies")
        assert refused.status == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 2
        assert not any(h.startswith("X-RateLimit") for h in refused.headers)
        assert sb.stats.http_429 == 1
        time.sleep(int(refused.headers["Retry-After"]))
        assert api.get("/companies").status == 200
        api.close()


def test_unlimited_still_sends_headers(api):
    r = api.get("/roles")
    assert int(r.headers["X-RateLimit-Total"]) >= 10**9 and "X-RateLimit-Remaining" in r.headers
