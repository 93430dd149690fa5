"""Injected latency, 5xx, 429 storms, dropped connections and truncated bodies."""

from __future__ import annotations

import http.client
import time

import pytest

from load.sandbox import Account, FaultConfig, SandboxServer
from load.sandbox.faults import FaultInjector

from .conftest import Api


def test_decisions_are_deterministic_by_seed():
    cfg = FaultConfig(error_rate=0.1, storm_rate=0.02, drop_rate=0.05, truncate_rate=0.05, spike_rate=0.1, seed=3)
    a = [FaultInjector(cfg).decide(n) for n in range(500)]
    b = [FaultInjector(cfg).decide(n) for n in range(500)]
    assert a == b
    kinds = {f.kind for f in a}
    assert {"error", "storm", "drop", "truncate", "none"} <= kinds
    other = [FaultInjector(FaultConfig(error_rate=0.1, seed=4)).decide(n) for n in range(500)]
    assert [f.kind for f in other] != [f.kind for f in a]


def _serve(**faults):
    return SandboxServer(account=Account(seed=1, scale="tiny"), faults=FaultConfig(**faults))


def test_error_rate_gives_5xx():
    with _serve(error_rate=1.0) as sb:
        api = Api(sb.base_url, sb.api_key)
        statuses = {api.get("/roles").status for _ in range(20)}
        assert statuses <= {500, 502, 503} and len(statuses) > 1
        assert sb.stats.faults["error"] == 20
        api.close()


def test_storm_gives_429_runs_with_retry_after():
    with _serve(storm_rate=1.0, storm_length=3) as sb:
        api = Api(sb.base_url, sb.api_key)
        r = api.get("/roles")
        assert r.status == 429 and r.headers["Retry-After"] == "1"
        api.close()


def test_drop_closes_the_connection():
    with _serve(drop_rate=1.0) as sb:
        api = Api(sb.base_url, sb.api_key)
        with pytest.raises((ConnectionError, http.client.HTTPException)):
            api.get("/roles")
        api.close()


def test_truncate_cuts_the_body():
    with _serve(truncate_rate=1.0) as sb:
        api = Api(sb.base_url, sb.api_key)
        with pytest.raises(http.client.IncompleteRead):
            api.get("/roles")
        api.close()


def test_latency_is_added():
    with SandboxServer(account=Account(seed=1, scale="tiny"), latency_ms=120) as sb:
        api = Api(sb.base_url, sb.api_key)
        began = time.monotonic()
        assert api.get("/roles").status == 200
        assert time.monotonic() - began >= 0.12
        api.close()
    with _serve(spike_rate=1.0, spike_ms=150) as sb:
        api = Api(sb.base_url, sb.api_key)
        began = time.monotonic()
        assert api.get("/roles").status == 200
        assert time.monotonic() - began >= 0.15
        api.close()
