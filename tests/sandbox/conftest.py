"""Fixtures: a tiny account served on an ephemeral loopback port, and a small HTTP client.

`tiny_server` and `fresh` serve the kind world (`Realism.kind()`): the tests using them pin the
shapes and rules every account has; test_realism.py covers the unkind behaviours, on by default.
"""

from __future__ import annotations

import base64
import http.client
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from load.sandbox import Account, Realism, SandboxServer


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def next_url(self) -> str | None:
        link = self.headers.get("Link")
        return link[link.index("<") + 1: link.index(">")] if link else None


class Api:
    """A minimal blocking client: one keep-alive connection, Basic auth with `key`."""

    def __init__(self, base_url: str, key: str) -> None:
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.host, self.port, self.prefix = parts.hostname, parts.port, parts.path
        self.key = key
        self._conn = http.client.HTTPConnection(self.host, self.port, timeout=10)

    def get(self, path: str, key: str | None = None, auth: bool = True) -> Reply:
        """GET `path` (relative to /api/v2, or an absolute URL from a Link header)."""
        if path.startswith("http"):
            parts = urlsplit(path)
            target = parts.path + ("?" + parts.query if parts.query else "")
        else:
            target = self.prefix + path
        headers = {}
        if auth:
            token = base64.b64encode(f"{key or self.key}:X".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        try:
            self._conn.request("GET", target, headers=headers)
            resp = self._conn.getresponse()
        except (ConnectionError, http.client.HTTPException):
            self._conn.close()
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
            raise
        return Reply(resp.status, dict(resp.getheaders()), resp.read())

    def all_pages(self, path: str) -> list[dict]:
        """Follow `Link: rel="next"` to the end and return every item."""
        items: list[dict] = []
        reply = self.get(path)
        while True:
            assert reply.status == 200, (path, reply.status, reply.body)
            items.extend(reply.json())
            if not reply.next_url:
                return items
            reply = self.get(reply.next_url)

    def close(self) -> None:
        self._conn.close()


@pytest.fixture(scope="module")
def tiny_server():
    """A read-only tiny account served for a whole test module (do not mutate it)."""
    with SandboxServer(account=Account(seed=1, scale="tiny", realism=Realism.kind()), per_page_default=30) as sb:
        yield sb


@pytest.fixture
def api(tiny_server):
    client = Api(tiny_server.base_url, tiny_server.api_key)
    yield client
    client.close()


@pytest.fixture
def fresh():
    """A mutable tiny account and its server, new for each test."""
    acct = Account(seed=7, scale="tiny", realism=Realism.kind())
    with SandboxServer(account=acct) as sb:
        client = Api(sb.base_url, sb.api_key)
        yield acct, sb, client
        client.close()
