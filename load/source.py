"""The Freshdesk source: a declarative dlt `rest_api` config plus the few resources it cannot express.

Beside the `RESTAPIConfig` (client, auth, paginators, incremental cursors, response actions):
- `ticket_conversations`: a transformer over the tickets pass that fetches each changed ticket's
  conversations with a pool of workers (rest_api fetches a page's children one after another);
- `reconcile_tickets` / `reconcile_contacts`: id-only listings that reveal hard deletes;
- `account`: one row naming the account the load came from.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import dlt
import orjson
import requests
from dlt.common.jsonpath import compile_path
from dlt.sources.helpers.requests import Client
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth
from dlt.sources.helpers.rest_client.exceptions import IgnoreResponseException
from dlt.sources.helpers.rest_client.paginators import HeaderLinkPaginator
from dlt.sources.rest_api import rest_api_resources
from dlt.sources.rest_api.config_setup import create_response_hooks

from load import records, stopping
from load.pacing import PacedAdapter, RateBudget
from load.paging import TicketWindowPaginator
from load.schema import table_hints
from load.settings import Settings

log = logging.getLogger("freshdesk.source")

TICKET_INCLUDES = "description,requester,stats"
ADMIN_ONLY = ("agents", "groups", "products", "roles", "sla_policies", "email_mailboxes")
# Every Freshdesk list answers a bare array. A compiled selector: given "$" (or nothing), dlt's
# rest client builds a new JSONPath parser for every page, which cost a fifth of the loader's CPU.
WHOLE_BODY = compile_path("$")


def _truncated(response: requests.Response | None, exception: BaseException | None) -> bool:
    """Retry a 200 whose JSON body was cut short (a dropped connection that looked complete)."""
    if response is None or response.status_code != 200 or not response.content:
        return False
    try:
        orjson.loads(response.content)
    except orjson.JSONDecodeError:
        log.info("truncated body from %s: retrying", response.url.split("?")[0])
        return True
    return False


def make_session(settings: Settings, budget: RateBudget) -> requests.Session:
    """dlt's retrying session (429/5xx/connection errors, `Retry-After`), paced by `budget`."""
    session = Client(
        raise_for_status=False,
        request_timeout=60,
        request_max_attempts=8,
        request_backoff_factor=1,
        request_max_retry_delay=120,
        retry_condition=_truncated,
    ).session
    # A retry's backoff (up to two minutes) ends when SIGINT/SIGTERM comes (load/stopping.py); the
    # next attempt then meets the rate budget's refusal (load/pacing.py), which is not retried.
    session.send.retry.sleep = stopping.sleep
    adapter = PacedAdapter(budget, pool_maxsize=settings.workers + 4)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = "freshdesk-warehouse"
    return session


def _skip_forbidden(resource: str):
    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if response.status_code == 403:
            code = ""
            try:
                code = response.json().get("code", "")
            except ValueError:
                pass
            log.warning("skipping %s: HTTP 403 %s (this API key lacks the rights or the plan the feature)",
                        resource, code)
            raise IgnoreResponseException
        return response

    return hook


def _resource(name: str, path: str, table: str, *, per_page: int, params: dict | None = None, mapper=None,
              admin: bool = False, paginator=None, incremental: dict | None = None) -> dict[str, Any]:
    endpoint: dict[str, Any] = {"path": path, "params": {"per_page": per_page, **(params or {})},
                                "data_selector": WHOLE_BODY}
    if paginator is not None:
        endpoint["paginator"] = paginator
    if incremental:
        endpoint["params"][incremental["param"]] = {
            "type": "incremental",
            "cursor_path": "updated_at",
            "initial_value": incremental["initial_value"],
        }
    actions = [_skip_forbidden(name)] if admin or name == "time_entries" else []
    if actions:
        endpoint["response_actions"] = actions
    hints = table_hints(table)
    resource: dict[str, Any] = {
        "name": name,
        "table_name": table,
        "endpoint": endpoint,
        "primary_key": "id",
        "write_disposition": "merge",
        "columns": hints["columns"],
    }
    if table in ("tickets", "contacts"):
        # Keep the newest copy when one load sees a record twice (e.g. updated mid-run).
        resource["columns"]["updated_at"] = {**resource["columns"]["updated_at"], "dedup_sort": "desc"}
    resource["processing_steps"] = [{"map": records.drop_nulls}] + ([{"map": mapper}] if mapper else [])
    return resource


def _legacy_groups(client: RESTClient) -> dict[int, Any]:
    """`auto_ticket_assign` by group id, from the legacy groups API (the newer one lacks it)."""
    hooks = create_response_hooks([_skip_forbidden("groups (legacy)"), {"status_code": 404, "action": "ignore"}])
    out: dict[int, Any] = {}
    for page in client.paginate("groups", params={"per_page": 100}, hooks=hooks,
                                data_selector=WHOLE_BODY):
        for group in page:
            out[group["id"]] = group.get("auto_ticket_assign")
    return out


def _group_mapper(client: RESTClient):
    cache: dict[int, Any] | None = None

    def add_auto_ticket_assign(group: dict[str, Any]) -> dict[str, Any]:
        nonlocal cache
        if cache is None:
            cache = _legacy_groups(client)
        group.setdefault("auto_ticket_assign", cache.get(group["id"]))
        return group

    return add_auto_ticket_assign


def _conversations(client: RESTClient, workers: int):
    hooks = create_response_hooks([{"status_code": 404, "action": "ignore"}])
    hints = table_hints("ticket_conversations")

    def fetch(ticket_id: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in client.paginate(f"tickets/{ticket_id}/conversations", params={"per_page": 100},
                                    paginator=HeaderLinkPaginator(), hooks=hooks, data_selector=WHOLE_BODY):
            out.extend(records.drop_nulls(c) for c in page)
        return out

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="conversations")

    # Parallelized: dlt runs this for several ticket pages at once, beside the ticket list that
    # keeps paging, and all of them share one pool of `workers` requests in flight.
    @dlt.transformer(name="ticket_conversations", primary_key="id", write_disposition="merge",
                     parallelized=True, **hints)
    def ticket_conversations(tickets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [t["id"] for t in tickets if not t.get("deleted") and not t.get("spam")]
        return [c for conversations in pool.map(fetch, ids) for c in conversations]

    return ticket_conversations


def _reconcile(client: RESTClient, name: str, listings: list[tuple[str, dict[str, Any]]], page_cap: int,
               per_page: int):
    # Merged, not replaced: a replace resumed after a kill could empty the table. Every id ever
    # listed stays, stamped with the listing that last saw it; the models read the newest one.
    @dlt.resource(name=name, write_disposition="merge", primary_key="id", columns=table_hints(name)["columns"])
    def reconcile() -> Iterator[list[dict[str, Any]]]:
        for path, params in listings:
            paginator = TicketWindowPaginator(page_cap) if path == "tickets" else HeaderLinkPaginator()
            for page in client.paginate(path, params={"per_page": per_page, **params},
                                        paginator=paginator, data_selector=WHOLE_BODY):
                yield [{"id": row["id"]} for row in page]

    return reconcile


def reconcile_due(last_reconciled_at: float, reconcile_hours: float) -> bool:
    """True when the last id listing that reached the destination is older than `reconcile_hours`."""
    return time.time() - last_reconciled_at >= reconcile_hours * 3600


@dlt.source(name="freshdesk", max_table_nesting=3)
def freshdesk_source(settings: Settings, budget: RateBudget, reconcile: bool = True) -> list:
    """Every Freshdesk API v2 endpoint the warehouse needs, as dlt resources."""
    session = make_session(settings, budget)
    auth = HttpBasicAuth(username=settings.api_key, password="X")
    client = RESTClient(base_url=settings.base_url, auth=auth, paginator=HeaderLinkPaginator(), session=session)
    pp = settings.per_page
    res = functools.partial(_resource, per_page=pp)
    ticket_params = {"order_by": "updated_at", "order_type": "asc", "include": TICKET_INCLUDES}
    since = {"param": "updated_since", "initial_value": settings.start_date}
    contact_since = {"param": "_updated_since", "initial_value": settings.start_date}

    def tickets(name: str, extra: dict[str, str]) -> dict[str, Any]:
        return res(name, "tickets", "tickets", params={**ticket_params, **extra}, mapper=records.ticket,
                   paginator=TicketWindowPaginator(settings.ticket_page_cap), incremental=since)

    config = {
        "client": {
            "base_url": settings.base_url,
            "auth": auth,
            "paginator": HeaderLinkPaginator(),
            "session": session,
        },
        "resources": [
            res("agents", "agents", "agents", admin=True),
            res("companies", "companies", "companies", mapper=records.company),
            res("contacts", "contacts", "contacts", mapper=records.contact, incremental=contact_since),
            res("contacts_deleted", "contacts", "contacts", params={"state": "deleted"},
                mapper=records.contact, incremental=contact_since),
            res("email_mailboxes", "email/mailboxes", "email_mailboxes", admin=True),
            res("groups", "admin/groups", "groups", admin=True, mapper=_group_mapper(client)),
            res("products", "products", "products", admin=True),
            res("roles", "roles", "roles", admin=True),
            res("sla_policies", "sla_policies", "sla_policies", admin=True, mapper=records.sla_policy),
            tickets("tickets", {}),
            tickets("tickets_deleted", {"filter": "deleted"}),
            tickets("tickets_spam", {"filter": "spam"}),
            res("time_entries", "time_entries", "time_entries"),
        ],
    }
    resources = {r.name: r for r in rest_api_resources(config)}
    for resource in resources.values():
        # rest_api's config validation takes only single-level nested hint paths: apply them here.
        nested = table_hints(resource.table_name).get("nested_hints")
        if nested:
            resource.apply_hints(nested_hints=nested)
    resources["ticket_conversations"] = resources["tickets"] | _conversations(client, settings.workers)

    @dlt.resource(name="account", write_disposition="replace", columns=table_hints("account")["columns"])
    def account() -> Iterator[dict[str, Any]]:
        yield {
            "mirror_remote_id": settings.mirror_remote_id,
            "domain": settings.domain,
            "base_url": settings.base_url,
            "is_sandbox": settings.is_sandbox,
            "loaded_at": datetime.now(UTC),
        }

    resources["account"] = account
    if reconcile:
        cap = settings.ticket_page_cap
        by_id = {"order_by": "updated_at", "order_type": "asc", "updated_since": "1970-01-01T00:00:00Z"}
        resources["reconcile_tickets"] = _reconcile(client, "reconcile_tickets", [
            ("tickets", by_id), ("tickets", {**by_id, "filter": "deleted"}), ("tickets", {**by_id, "filter": "spam"}),
        ], cap, pp)
        resources["reconcile_contacts"] = _reconcile(client, "reconcile_contacts", [
            ("contacts", {}), ("contacts", {"state": "deleted"}),
        ], cap, pp)
    return list(resources.values())
