"""The HTTP side: aiohttp routes, auth, rate limits, faults, headers, and a threaded runner."""

from __future__ import annotations

import asyncio
import base64
import logging
import ssl
import threading
from collections import Counter
from dataclasses import dataclass, field

from aiohttp import web

from . import handlers as h
from .account import Account
from .errors import ACCESS_DENIED, GATEWAY_ERROR, RATE_LIMITED, SERVER_ERROR, UNAUTHORIZED, ApiError
from .faults import DROP, ERROR, STORM, TRUNCATE, FaultConfig, FaultInjector
from .ratelimit import CONTACTS_LIST, PLANS, TICKETS_LIST, RateLimiter
from .rng import mix

log = logging.getLogger(__name__)

_COMMON_HEADERS = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate",
    "Pragma": "no-cache",
    "Expires": "Wed, 13 Oct 2010 00:00:00 UTC",
    "X-Freshdesk-API-Version": "latest=v2; requested=v2",
}

# (path, handler, route name, admin only, rate-limit bucket, cost function)
_ROUTES = (
    ("/tickets", h.tickets_list, "tickets", False, TICKETS_LIST, h.ticket_list_cost),
    ("/tickets/{id}", h.ticket_view, "ticket", False, None, h.ticket_view_cost),
    ("/tickets/{id}/conversations", h.conversations, "conversations", False, None, None),
    ("/tickets/archived/{id}", h.archived_ticket_view, "archived_ticket", False, None, h.ticket_view_cost),
    ("/tickets/archived/{id}/conversations", h.archived_conversations, "archived_conversations", False, None,
     None),
    ("/tickets/{id}/time_entries", h.ticket_time_entries, "ticket_time_entries", False, None, None),
    ("/tickets/{id}/satisfaction_ratings", h.ticket_satisfaction_ratings, "satisfaction_ratings", False, None,
     None),
    ("/time_entries", h.time_entries, "time_entries", False, None, None),
    ("/contacts", h.contacts_list, "contacts", False, CONTACTS_LIST, None),
    ("/contacts/{id}", h.contact_view, "contact", False, None, None),
    ("/search/contacts", h.contacts_search, "search_contacts", False, None, None),
    ("/search/tickets", h.tickets_search, "search_tickets", False, None, None),
    ("/companies", h.companies_list, "companies", False, None, None),
    ("/companies/{id}", h.company_view, "company", False, None, None),
    ("/agents", h.agents_list, "agents", True, None, None),
    ("/agents/{id}", h.agent_view, "agent", True, None, None),
    ("/groups", h.groups_list, "groups", True, None, None),
    ("/groups/{id}", h.group_view, "group", True, None, None),
    ("/admin/groups", h.admin_groups_list, "admin_groups", True, None, None),
    ("/admin/groups/{id}", h.admin_group_view, "admin_group", True, None, None),
    ("/products", h.products_list, "products", True, None, None),
    ("/products/{id}", h.product_view, "product", True, None, None),
    ("/roles", h.roles_list, "roles", True, None, None),
    ("/roles/{id}", h.role_view, "role", True, None, None),
    ("/sla_policies", h.sla_list, "sla_policies", True, None, None),
    ("/business_hours", h.business_hours_list, "business_hours", True, None, None),
    ("/email/mailboxes", h.mailboxes_list, "mailboxes", True, None, None),
    ("/email/mailboxes/{id}", h.mailbox_view, "mailbox", True, None, None),
    ("/email_configs", h.email_configs_list, "email_configs", True, None, None),
    ("/account", h.account_view, "account", True, None, None),
)
API_PREFIX = "/api/v2"


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop's event loop where it is installed (it roughly doubles throughput), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


@dataclass
class SandboxStats:
    """Counters since the server started (read them any time; they only grow)."""

    requests: int = 0
    by_route: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    http_429: int = 0
    credits_used: int = 0
    credits_by_route: Counter = field(default_factory=Counter)
    faults: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {"requests": self.requests, "by_route": dict(self.by_route), "by_status": dict(self.by_status),
                "http_429": self.http_429, "credits_used": self.credits_used,
                "credits_by_route": dict(self.credits_by_route), "faults": dict(self.faults)}


def api_keys(seed: int) -> tuple[str, str]:
    """Deterministic (admin, agent) API keys for a seed: 20 characters like real keys."""
    def key(salt: int) -> str:
        n = mix(seed, salt) << 64 | mix(seed, salt, 1)
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(alphabet[(n >> (6 * k)) % 62] for k in range(20))
    return key(0xAD), key(0xA6)


@dataclass
class ServerSettings:
    plan: str = "unlimited"
    page_cap: int = 300
    per_page_default: int = 30
    latency_ms: int = 0
    faults: FaultConfig | None = None
    window_seconds: float = 60.0
    admin_key: str = ""
    agent_key: str = ""


class SandboxApp:
    """Wires the account into an aiohttp application."""

    def __init__(self, account: Account, settings: ServerSettings) -> None:
        if settings.plan not in PLANS:
            raise ValueError(f"unknown plan {settings.plan!r}; expected one of {sorted(PLANS)}")
        self.account = account
        self.settings = settings
        self.stats = SandboxStats()
        self.limiter = RateLimiter(settings.plan, settings.window_seconds)
        self.faults = FaultInjector(settings.faults)
        self._seq = 0
        self._auth_cache: dict[str, str | None] = {}

    def build(self) -> web.Application:
        """The aiohttp application serving every route under /api/v2."""
        app = web.Application()
        for path, handler, name, admin, bucket, cost in _ROUTES:
            app.router.add_get(API_PREFIX + path, self._endpoint(handler, name, admin, bucket, cost))
        app.router.add_route("*", "/{tail:.*}", self._endpoint(h.unknown_route, "unknown", False, None, None))
        return app

    def _role(self, header: str | None) -> str | None:
        if header is None:
            return None
        role = self._auth_cache.get(header, "?")
        if role == "?":
            role = None
            if header.startswith("Basic "):
                try:
                    user = base64.b64decode(header[6:], validate=True).decode().split(":", 1)[0]
                except (ValueError, UnicodeDecodeError):
                    user = ""
                role = "admin" if user == self.settings.admin_key else "agent" if user == self.settings.agent_key \
                    else None
            if len(self._auth_cache) < 1000:
                self._auth_cache[header] = role
        return role

    def _endpoint(self, handler, name: str, admin_only: bool, bucket: str | None, cost_fn):
        settings, stats = self.settings, self.stats

        async def endpoint(request: web.Request) -> web.StreamResponse:
            seq = self._seq
            self._seq += 1
            stats.requests += 1
            stats.by_route[name] += 1
            fault = self.faults.decide(seq)
            delay = settings.latency_ms + fault.delay_ms
            if delay:
                await asyncio.sleep(delay / 1000)
            if fault.kind != "none":
                stats.faults[fault.kind] += 1
                early = await self._fault_answer(request, fault)
                if early is not None:
                    stats.by_status[early.status] += 1
                    return early
            answer = self._answer(request, handler, name, admin_only, bucket, cost_fn)
            stats.by_status[answer.status] += 1
            if fault.kind == TRUNCATE:
                return await self._truncated(request, answer)
            return web.Response(status=answer.status, body=answer.body or None, headers=answer.headers)

        return endpoint

    def _answer(self, request: web.Request, handler, name: str, admin_only: bool, bucket: str | None,
                cost_fn) -> h.Answer:
        role = self._role(request.headers.get("Authorization"))
        if role is None:
            return h.Answer(401, UNAUTHORIZED, dict(_COMMON_HEADERS))
        query = request.query
        cost = cost_fn(query) if cost_fn else 1
        verdict = self.limiter.charge(cost, bucket)
        if not verdict.allowed:
            self.stats.http_429 += 1
            return h.Answer(429, RATE_LIMITED, {**_COMMON_HEADERS, "Retry-After": str(verdict.retry_after)})
        self.stats.credits_used += cost
        self.stats.credits_by_route[name] += cost
        headers = {**_COMMON_HEADERS, **verdict.headers}
        if admin_only and role != "admin":
            return h.Answer(403, ACCESS_DENIED, headers)
        ctx = h.Ctx(self.account, query, request.scheme, request.host, request.path, request.query_string,
                    settings_per_page(self.settings), self.settings.page_cap)
        try:
            # One lock around the whole answer: mutations come from other threads (tests, users).
            with self.account.lock:
                self.account.sync_clock()  # archive what the clock has aged since the last request
                answer = handler(ctx, request.match_info)
        except ApiError as err:
            if not err.body:
                headers.pop("Content-Type")
            return h.Answer(err.status, err.body, {**headers, **err.headers})
        answer.headers = {**headers, **answer.headers}
        return answer

    async def _fault_answer(self, request: web.Request, fault) -> web.StreamResponse | None:
        if fault.kind == STORM:
            self.stats.http_429 += 1
            retry = self.settings.faults.storm_retry_after if self.settings.faults else 1
            return web.Response(status=429, body=RATE_LIMITED, headers={**_COMMON_HEADERS, "Retry-After": str(retry)})
        if fault.kind == ERROR:
            body = SERVER_ERROR if fault.status == 500 else GATEWAY_ERROR[fault.status]
            ctype = "application/json; charset=utf-8" if fault.status == 500 else "text/html"
            return web.Response(status=fault.status, body=body, headers={"Content-Type": ctype})
        if fault.kind == DROP:
            # Close the socket without an answer: the client sees a disconnect.
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=499)
        return None

    async def _truncated(self, request: web.Request, answer: h.Answer) -> web.StreamResponse:
        """Announce the full length, send half the body, then cut the connection."""
        body = answer.body or b"[]"
        resp = web.StreamResponse(status=answer.status, headers=answer.headers)
        resp.content_length = len(body)
        await resp.prepare(request)
        await resp.write(body[: len(body) // 2])
        if request.transport is not None:
            request.transport.abort()
        return resp


def settings_per_page(settings: ServerSettings) -> int:
    return settings.per_page_default


class SandboxServer:
    """Serves an account on loopback from a background thread (use as a context manager).

    `admin=False` makes `api_key` a non-admin key (403 on admin-only endpoints);
    `agent_api_key` is always the non-admin key.
    """

    def __init__(self, account: Account, plan: str = "unlimited", page_cap: int = 300, per_page_default: int = 30,
                 latency_ms: int = 0, faults: FaultConfig | None = None, admin: bool = True, port: int = 0,
                 host: str = "127.0.0.1", window_seconds: float = 60.0, ssl_context: ssl.SSLContext | None = None,
                 api_key: str | None = None) -> None:
        admin_key, agent_key = api_keys(account.config.seed)
        admin_key = api_key or admin_key
        self.account = account
        self.settings = ServerSettings(plan, page_cap, per_page_default, latency_ms, faults, window_seconds,
                                       admin_key, agent_key)
        self.app = SandboxApp(account, self.settings)
        self.api_key = admin_key if admin else agent_key
        self.admin_api_key = admin_key
        self.agent_api_key = agent_key
        self.host, self.port = host, port
        self._ssl = ssl_context
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def stats(self) -> SandboxStats:
        return self.app.stats

    @property
    def base_url(self) -> str:
        scheme = "https" if self._ssl else "http"
        return f"{scheme}://{self.host}:{self.port}/api/v2"

    async def start_async(self) -> None:
        """Bind and start serving on the running event loop."""
        self._runner = web.AppRunner(self.app.build(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, ssl_context=self._ssl, backlog=1024,
                           reuse_address=True)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        log.info("serving %s", self.base_url)

    async def stop_async(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def start(self) -> SandboxServer:
        """Start serving from a daemon thread; returns once the port is bound."""
        self._thread = threading.Thread(target=self._run, name="freshdesk-sandbox", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise RuntimeError("sandbox failed to start") from self._error
        return self

    def _run(self) -> None:
        loop = self._loop = new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self.start_async())
        except BaseException as err:  # surfaced to start()
            self._error = err
            self._ready.set()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self.stop_async())
            loop.close()

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(30)
            self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
