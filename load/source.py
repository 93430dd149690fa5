"""The Freshdesk source: a declarative dlt `rest_api` config plus the few resources it cannot express.

Beside the `RESTAPIConfig` (client, auth, paginators, incremental cursors, response actions):
- `ticket_conversations`: a transformer over the tickets pass that fetches each changed ticket's
  conversations with a pool of workers (rest_api fetches a page's children one after another);
- `contacts`, `contacts_deleted`, `contacts_blocked`: transformers over the three contact list
  passes that replace each new or changed contact by its view (the list lacks tags, other
  emails, avatar, ...), with the same pool;
- `groups`: `/admin/groups`, or the legacy `/groups` (list plus one view per group for its agents)
  on accounts without the revamped groups UI;
- `reconcile_tickets` / `reconcile_contacts`: id-only listings that reveal hard deletes; the
  ticket one writes down the ids missing from the lists, which `archived_probes` probes for
  archived tickets in the slices that follow, a chunk at a time (`load/archive.py`);
- `account`: one row naming the account the load came from.

Every slice of a load builds the source anew (from the cursors the last checkpoint committed) on
the load's one `Connection` (`connect`: session, REST client, worker pool), closed when the load ends.

A plan or a key without a feature (403 `require_feature` / `access_denied`, or 404 for an
endpoint the account does not have) skips that resource with one warning line; its tables are
created empty after the load.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import dlt
import orjson
import requests
from dlt.sources.helpers.requests import Client
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth
from dlt.sources.helpers.rest_client.exceptions import IgnoreResponseException
from dlt.sources.helpers.rest_client.paginators import HeaderLinkPaginator
from dlt.sources.rest_api import rest_api_resources

from load import archive, dlt_internals, records, stopping
from load.pacing import PacedAdapter, RateBudget
from load.paging import KeysetTicketPaginator
from load.schema import table_hints
from load.settings import Settings

log = logging.getLogger("freshdesk.source")

TICKET_INCLUDES = "description,requester,stats"

# Every Freshdesk list answers a bare array.
WHOLE_BODY = dlt_internals.compiled_selector("$")

# The dlt source's name: the key of its state (cursors, contact views left over) in a pipeline's.
SOURCE_NAME = "freshdesk"


def source_state(pipeline_state: dict) -> dict:
    """This source's part of a pipeline's state (`pipeline.state`), empty before its first load."""
    return pipeline_state.get("sources", {}).get(SOURCE_NAME, {})


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
    dlt_internals.wake_retries_with(session, stopping.sleep)
    adapter = PacedAdapter(budget, pool_maxsize=settings.workers + 4)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = "freshdesk-warehouse"
    return session


@dataclass
class Connection:
    """The HTTP session, REST client and worker pool of one load, shared by all its slices."""

    session: requests.Session
    auth: HttpBasicAuth
    client: RESTClient
    pool: ThreadPoolExecutor


@contextmanager
def connect(settings: Settings, budget: RateBudget) -> Iterator[Connection]:
    """One load's connection: a session paced by `budget` (`make_session`), a REST client on it and
    a pool of `settings.workers` for the detail requests. On the way out the pool is shut down and
    the session closed, whatever ended the load."""
    session = make_session(settings, budget)
    auth = HttpBasicAuth(username=settings.api_key, password="X")
    client = RESTClient(base_url=settings.base_url, auth=auth, paginator=HeaderLinkPaginator(), session=session)
    pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="details")
    try:
        yield Connection(session, auth, client, pool)
    except BaseException:
        # A worker still in a request (the load failed or was stopped) finishes it on its own.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        session.close()


def _error_code(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return body.get("code", "") if isinstance(body, dict) else ""


def _skip_missing_feature(resource: str):
    """A response action: 403 (no right, no feature on the plan) or 404 (no such endpoint on this
    account) on `resource` skips it, with one warning line naming it."""
    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if response.status_code in (403, 404):
            code = _error_code(response) or ("not found" if response.status_code == 404 else "")
            log.warning("skipping %s: HTTP %d %s (this account's plan or this API key lacks it); its tables "
                        "stay empty", resource, response.status_code, code)
            raise IgnoreResponseException
        return response

    return hook


def _raise_for_status(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    response.raise_for_status()


def _response_hooks(hook) -> dict[str, list]:
    """The rest client's hooks for one request: `hook`, then an error on any failure status it let
    through (the client raises on its own only when given no response hook)."""
    return {"response": [hook, _raise_for_status]}


def _quiet_gone(what: str):
    """Hooks for the children of one ticket: 403/404 (trashed or spammed since it was listed) skip
    that ticket's children with a debug line."""
    def factory(ticket_id: int) -> dict:
        def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
            if response.status_code in (403, 404):
                log.debug("%s of ticket %s: HTTP %d, skipped (trashed, spammed or deleted meanwhile)",
                          what, ticket_id, response.status_code)
                raise IgnoreResponseException
            return response
        return _response_hooks(hook)

    return factory


def _resource(name: str, path: str, table: str | None = None, *, params: dict | None = None, mapper=None,
              optional: bool = False, paginator=None, incremental: dict | None = None) -> dict[str, Any]:
    """One rest_api resource: what differs from `resource_defaults` (see `freshdesk_source`)."""
    table = table or name
    endpoint: dict[str, Any] = {"path": path, "params": dict(params or {})}
    if paginator is not None:
        endpoint["paginator"] = paginator
    if incremental:
        endpoint["params"][incremental["param"]] = {
            "type": "incremental",
            "cursor_path": "updated_at",
            "initial_value": incremental["initial_value"],
        }
    if optional:
        endpoint["response_actions"] = [_skip_missing_feature(name)]
    resource: dict[str, Any] = {"name": name, "table_name": table, "endpoint": endpoint,
                                "columns": table_hints(table)["columns"]}
    if table == "tickets":
        # Keep the newest copy when one load sees a record twice (e.g. updated mid-run).
        resource["columns"]["updated_at"] = {**resource["columns"]["updated_at"], "dedup_sort": "desc"}
    if mapper:  # rest_api replaces a default list: the default step is repeated
        resource["processing_steps"] = [{"map": records.drop_nulls}, {"map": mapper}]
    return resource


def _read_list(client: RESTClient, path: str, resource: str) -> tuple[int, list[dict[str, Any]]]:
    """Every row of a small list, or the 403/404 status that refused it (and no rows)."""
    refused: list[int] = []

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if response.status_code in (403, 404):
            refused.append(response.status_code)
            raise IgnoreResponseException
        return response

    rows: list[dict[str, Any]] = []
    for page in client.paginate(path, params={"per_page": 100}, hooks=_response_hooks(hook),
                                data_selector=WHOLE_BODY):
        rows.extend(page)
    return (refused[0] if refused else 200), rows


def _legacy_group(group: dict[str, Any], agent_ids: list[int] | None) -> dict[str, Any]:
    """A legacy `/groups` record in the `/admin/groups` shape the raw table has."""
    out = {k: v for k, v in group.items() if k not in ("business_hour_id", "group_type", "agent_ids")}
    out["business_calendar_id"] = group.get("business_hour_id")
    out["type"] = group.get("group_type")
    out["agent_ids"] = agent_ids or []
    return out


def _groups(client: RESTClient):
    """Groups from `/admin/groups` (with `auto_ticket_assign`, which only the legacy list has), or,
    where the account has no revamped groups UI (404), from the legacy `/groups`: its list, plus one
    view per group for `agent_ids` (groups are few: one credit each)."""
    hints = table_hints("groups")

    @dlt.resource(name="groups", write_disposition="merge", primary_key="id", columns=hints["columns"])
    def groups() -> Iterator[list[dict[str, Any]]]:
        status, rows = _read_list(client, "admin/groups", "groups")
        legacy_status, legacy = _read_list(client, "groups", "groups (legacy)")
        if status == 200:
            assign = {g["id"]: g.get("auto_ticket_assign") for g in legacy}
            for g in rows:
                g.setdefault("auto_ticket_assign", assign.get(g["id"]))
            yield [records.drop_nulls(g) for g in rows]
            return
        if legacy_status != 200:
            log.warning("skipping groups: HTTP %d on /admin/groups and HTTP %d on /groups (this account's plan or "
                        "this API key lacks them); its tables stay empty", status, legacy_status)
            return
        log.info("groups: /admin/groups answered HTTP %d; reading the legacy /groups API", status)
        out = []
        for g in legacy:
            view = client.get(f"groups/{g['id']}")
            agent_ids = view.json().get("agent_ids") if view.status_code == 200 else None
            out.append(records.drop_nulls(_legacy_group(g, agent_ids)))
        yield out

    groups.apply_hints(nested_hints=hints["nested_hints"])
    return groups


def _conversations(client: RESTClient, pool: ThreadPoolExecutor):
    hooks = _quiet_gone("conversations")
    hints = table_hints("ticket_conversations")

    def fetch(ticket_id: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in client.paginate(f"tickets/{ticket_id}/conversations", params={"per_page": 100},
                                    paginator=HeaderLinkPaginator(), hooks=hooks(ticket_id),
                                    data_selector=WHOLE_BODY):
            out.extend(records.drop_nulls(c) for c in page)
        return out

    # Parallelized: dlt runs this for several ticket pages at once, beside the ticket list that
    # keeps paging, and all of them share one pool of `workers` requests in flight.
    @dlt.transformer(name="ticket_conversations", primary_key="id", write_disposition="merge",
                     parallelized=True, **hints)
    def ticket_conversations(tickets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [t["id"] for t in tickets if not t.get("deleted") and not t.get("spam")]
        return [c for conversations in pool.map(fetch, ids) for c in conversations]

    return ticket_conversations


# The resource that fetches the contact views a slice ran out of time for, and the key of the source
# state that lists them ({list pass: [contact ids]}).
CONTACT_VIEWS_PENDING = "contact_views_pending"
# The ticket id listing (its dlt state keeps the archive's bookkeeping), and the resource that
# probes the ids it missed.
RECONCILE_TICKETS, ARCHIVED_PROBES = "reconcile_tickets", "archived_probes"
# Rows (tickets, contacts) handed on at a time in a bounded slice, whose time is checked at each
# chunk: a slice ends within a chunk's requests (25), not a page's (100). `load/checkpoint.py`.
CHUNK = 25


def _time_up(until: float | None) -> bool:
    return until is not None and time.monotonic() >= until


def _fetch_until(fetch, ids: list[int], until: float | None, at_least_one: bool = False
                 ) -> tuple[list[dict[str, Any]], list[int]]:
    """`fetch` these ids CHUNK at a time while time is left before `until` (the first chunk
    whatever the time, with `at_least_one`): the rows fetched, and the ids left."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), CHUNK):
        if _time_up(until) and not (at_least_one and start == 0):
            return rows, ids[start:]
        rows += fetch(ids[start:start + CHUNK])
    return rows, []


def _contact_fetcher(client: RESTClient, pool: ThreadPoolExecutor):
    """`fetch(ids)`: the views of these contacts, on the pool's workers (those gone meanwhile left out)."""
    def view(contact_id: int) -> dict[str, Any] | None:
        response = client.get(f"contacts/{contact_id}")
        if response.status_code in (403, 404):
            log.debug("contact %s: HTTP %d on its view, skipped", contact_id, response.status_code)
            return None
        response.raise_for_status()
        return records.contact(records.drop_nulls(response.json()))

    def fetch(ids: list[int]) -> list[dict[str, Any]]:
        return [c for c in pool.map(view, ids) if c is not None]

    return fetch


def _contact_columns() -> tuple[dict[str, Any], Any]:
    hints = table_hints("contacts")
    return {**hints["columns"], "updated_at": {**hints["columns"]["updated_at"], "dedup_sort": "desc"}}, \
        hints["nested_hints"]


# Contact keys the list may leave out (freshdesk-api.md 13 and 14); the view always has them.
CONTACT_VIEW_ONLY = ("tags", "other_emails", "avatar", "view_all_tickets", "other_phone_numbers", "other_companies")


def list_row_is_view(row: dict[str, Any], deleted_list: bool = False) -> bool:
    """True when a contact list row (nulls kept) already holds everything its view would: every
    view-only key, other companies as objects (a list sends bare ids, without their own
    view_all_tickets), and on the `state=deleted` list its `deleted`. Its view would add nothing."""
    if any(key not in row for key in CONTACT_VIEW_ONLY) or (deleted_list and "deleted" not in row):
        return False
    return all(isinstance(other, dict) for other in row["other_companies"] or [])


def _contact_views(client: RESTClient, pool: ThreadPoolExecutor, name: str, until: float | None):
    """A transformer replacing each contact of a list page by its view (`GET /contacts/{id}`).

    The list lacks the view-only fields (CONTACT_VIEW_ONLY: tags, other_emails, avatar,
    view_all_tickets, deleted, and on some accounts other_companies and other_phone_numbers);
    dlt's merge rewrites whole rows, so a list row would null them. Only views are loaded, for
    exactly the contacts the incremental list pass yields (new or changed), except where the list
    row already holds all of it (`list_row_is_view`: an account whose list is not slim), which is
    loaded as it is, one credit saved. A contact gone between the list and its view (404) is left
    out: the reconciliation listing flags it.

    The list is alphabetical, so it is read whole (its cursor holds only then), but its views, one
    credit each, are bounded by the slice: past `until` (time.monotonic) the ids left of the page
    go to the source state (CONTACT_VIEWS_PENDING), committed with the slice, and
    `contact_views_pending` fetches them in the next slices.
    """
    columns, nested = _contact_columns()
    fetch = _contact_fetcher(client, pool)
    deleted_list = name == "contacts_deleted"

    # Not parallelized: it writes the source state, which lives in the extracting thread.
    @dlt.transformer(name=name, table_name="contacts", primary_key="id", write_disposition="merge",
                     columns=columns)
    def views(contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        whole = [list_row_is_view(c, deleted_list) for c in contacts]
        listed = [records.contact(records.drop_nulls(c)) for c, ok in zip(contacts, whole, strict=True) if ok]
        rows, left = _fetch_until(fetch, [c["id"] for c, ok in zip(contacts, whole, strict=True) if not ok], until)
        if left:
            pending = dlt.current.source_state().setdefault(CONTACT_VIEWS_PENDING, {}).setdefault(name, [])
            known = set(pending)
            pending.extend(i for i in left if i not in known)
        return listed + rows

    views.apply_hints(nested_hints=nested)
    return views


def _pending_contact_views(client: RESTClient, pool: ThreadPoolExecutor, until: float | None):
    """The contact views a slice ran out of time for (listed in the source state under
    CONTACT_VIEWS_PENDING), CHUNK at a time until `until`; the ids fetched leave the state as their
    rows are yielded, so both are in the same checkpoint."""
    columns, nested = _contact_columns()
    fetch = _contact_fetcher(client, pool)

    @dlt.resource(name=CONTACT_VIEWS_PENDING, table_name="contacts", primary_key="id",
                  write_disposition="merge", columns=columns)
    def contact_views_pending() -> Iterator[list[dict[str, Any]]]:
        by_pass = dlt.current.source_state().get(CONTACT_VIEWS_PENDING) or {}
        first = True  # a chunk even when the time is up: every slice, however short, makes progress
        for name in list(by_pass):  # a pass's list leaves the state when empty: here it has ids
            rows, by_pass[name] = _fetch_until(fetch, by_pass[name], until, at_least_one=first)
            first = False
            if not by_pass[name]:
                del by_pass[name]
            yield rows

    contact_views_pending.apply_hints(nested_hints=nested)
    return contact_views_pending


def _archived_probes(prober: archive.Prober, until: float | None):
    """The ticket ids the last listing missed (written down by `reconcile_tickets`, in its dlt
    state), probed CHUNK at a time until `until` (`archive.probe_pending`): what a chunk found
    and the ids it settled are committed together, with the slice."""
    @dlt.resource(name=ARCHIVED_PROBES, write_disposition="merge", primary_key="id")
    def archived_probes() -> Iterator[Any]:
        state = dlt.current.resource_state(RECONCILE_TICKETS)
        yield from archive.probe_pending(prober, state, lambda: _time_up(until), CHUNK)

    return archived_probes


def details_pending(pipeline_state: dict) -> list[str]:
    """What a pipeline's state holds that a slice ran out of time for: contact views, archived
    probes (`["contact views", "412 ticket ids to probe"]`; empty: nothing)."""
    state = source_state(pipeline_state)
    left = ["contact views"] if any((state.get(CONTACT_VIEWS_PENDING) or {}).values()) else []
    if probes := archive.pending(dlt.current.resource_state(RECONCILE_TICKETS, state)):
        left.append(f"{probes:,} ticket ids to probe")
    return left


def _last_loaded(table: str, columns: tuple[str, ...]):
    """`read(ids)`: {id: {column: value}} of those rows of raw `table` as the destination holds them
    (read during extraction, through the running pipeline's SQL client); {} before the table exists."""
    def read(ids: list[int]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        try:
            with dlt.current.pipeline().sql_client() as sql:
                rows = sql.execute_sql(f"SELECT id, {', '.join(columns)} FROM {sql.make_qualified_table_name(table)} "
                                       f"WHERE id IN ({', '.join(str(int(i)) for i in ids)})")
        except Exception:  # no dataset or table yet: nothing loaded before
            return {}
        return {int(row[0]): dict(zip(columns, row[1:], strict=True)) for row in rows or []}

    return read


def _listed_last_time(table: str, listing: str) -> set[int]:
    """Ids of raw `table` the warehouse holds alive: in the newest id listing, or loaded after it
    (read during extraction through the running pipeline's SQL client; empty before a listing)."""
    try:
        with dlt.current.pipeline().sql_client() as sql:
            rows, reconciled = sql.make_qualified_table_name(table), sql.make_qualified_table_name(listing)
            load = "CAST(_dlt_load_id AS DOUBLE PRECISION)"
            newest = f"(SELECT max({load}) FROM {reconciled})"
            found = sql.execute_sql(
                f"SELECT id FROM {rows} WHERE {load} > {newest} "
                f"OR id IN (SELECT id FROM {reconciled} WHERE {load} = {newest})")
    except Exception:  # no dataset, table or listing yet: nothing to confirm
        return set()
    return {int(row[0]) for row in found or []}


def _views_of_the_absent(fetch, listed: set[int]) -> Iterator[Any]:
    """Contacts the warehouse holds alive that the listing did not return are viewed before they
    are called deleted (1 credit each): the list is ordered by name alone and paged by offset, so
    namesakes can slip between pages, and the spam watcher's blocked contacts are in no list at
    all. A view that answers loads the contact (its current state) and counts as listed."""
    absent = sorted(_listed_last_time("contacts", "reconcile_contacts") - listed)
    if not absent:
        return
    views = fetch(absent)  # 404 (gone) and 403 left out
    log.info("contacts missing from the listing: %d viewed, %d still there, %d deleted", len(absent), len(views),
             len(absent) - len(views))
    if views:
        yield dlt.mark.with_table_name(views, "contacts")
        yield [{"id": c["id"]} for c in views]


def _reconcile(client: RESTClient, name: str, listings: list[tuple[str, dict[str, Any]]], page_cap: int,
               per_page: int, confirm_absent=None):
    # Merged, not replaced: a replace resumed after a kill could empty the table. Every id ever
    # listed stays, stamped with the listing that last saw it; the models read the newest one.
    @dlt.resource(name=name, write_disposition="merge", primary_key="id", columns=table_hints(name)["columns"])
    def reconcile() -> Iterator[Any]:
        listed: set[int] = set()
        for path, params in listings:
            paginator = KeysetTicketPaginator(page_cap) if path == "tickets" else HeaderLinkPaginator()
            for page in client.paginate(path, params={"per_page": per_page, **params},
                                        paginator=paginator, data_selector=WHOLE_BODY):
                ids = [row["id"] for row in page]
                listed.update(ids)
                yield [{"id": i} for i in ids]
        if name == RECONCILE_TICKETS:
            yield from archive.plan_probes(listed, dlt.current.resource_state())
        if confirm_absent is not None:
            yield from confirm_absent(listed)

    return reconcile


def reconcile_due(last_reconciled_at: float, reconcile_hours: float) -> bool:
    """True when the last id listing that reached the destination is older than `reconcile_hours`."""
    return time.time() - last_reconciled_at >= reconcile_hours * 3600


@dlt.source(name=SOURCE_NAME, max_table_nesting=3)
def freshdesk_source(settings: Settings, connection: Connection, reconcile: bool = True,
                     views_until: float | None = None) -> list:
    """Every Freshdesk API v2 endpoint the warehouse needs, as dlt resources requesting through
    `connection` (`connect`: one for every slice of a load); contact views and archived probes are
    fetched until `views_until` (time.monotonic; None: all), the rest left for the next slices."""
    client, pool = connection.client, connection.pool
    ticket_params = {"order_by": "updated_at", "order_type": "asc", "include": TICKET_INCLUDES}
    since = {"param": "updated_since", "initial_value": settings.start_date}
    contact_since = {"param": "_updated_since", "initial_value": settings.start_date}
    res = _resource

    def tickets(name: str, extra: dict[str, str]) -> dict[str, Any]:
        return res(name, "tickets", "tickets", params={**ticket_params, **extra}, mapper=records.ticket,
                   paginator=KeysetTicketPaginator(settings.ticket_page_cap), incremental=since)

    def contact_list(name: str, extra: dict[str, str]) -> dict[str, Any]:
        # The list rows go to the view transformer below (not loaded as they are), nulls kept: a
        # null view-only key still shows the list carries it (`list_row_is_view`).
        resource = res(name, "contacts", "contacts", params=extra, incremental=contact_since)
        resource["processing_steps"] = []
        return resource

    config = {
        "client": {
            "base_url": settings.base_url,
            "auth": connection.auth,
            "paginator": HeaderLinkPaginator(),
            "session": connection.session,
        },
        "resource_defaults": {
            "primary_key": "id",
            "write_disposition": "merge",
            "endpoint": {"params": {"per_page": settings.per_page}, "data_selector": WHOLE_BODY},
            "processing_steps": [{"map": records.drop_nulls}],
        },
        "resources": [
            res("agents", "agents", optional=True),
            res("business_hours", "business_hours", optional=True),
            res("companies", "companies", mapper=records.company),
            contact_list("contacts_list", {}),
            contact_list("contacts_deleted_list", {"state": "deleted"}),
            contact_list("contacts_blocked_list", {"state": "blocked"}),
            res("email_mailboxes", "email/mailboxes", optional=True),
            res("products", "products", optional=True),
            res("roles", "roles", optional=True),
            res("sla_policies", "sla_policies", mapper=records.sla_policy, optional=True),
            tickets("tickets", {}),
            tickets("tickets_deleted", {"filter": "deleted"}),
            tickets("tickets_spam", {"filter": "spam"}),
            res("time_entries", "time_entries", optional=True),
        ],
    }
    resources = {r.name: r for r in rest_api_resources(config)}
    for resource in resources.values():
        # rest_api's config validation takes only single-level nested hint paths: apply them here.
        nested = table_hints(resource.table_name).get("nested_hints")
        if nested:
            resource.apply_hints(nested_hints=nested)
    resources["groups"] = _groups(client)
    resources["ticket_conversations"] = resources["tickets"] | _conversations(client, pool)
    # The list passes stay out of the source: only their views are loaded (dlt still runs a
    # transformer's parent, incremental cursor included).
    for list_name, name in (("contacts_list", "contacts"), ("contacts_deleted_list", "contacts_deleted"),
                            ("contacts_blocked_list", "contacts_blocked")):
        resources[name] = resources.pop(list_name) | _contact_views(client, pool, name, views_until)
    resources[CONTACT_VIEWS_PENDING] = _pending_contact_views(client, pool, views_until)

    @dlt.resource(name="account", write_disposition="replace", columns=table_hints("account")["columns"])
    def account() -> Iterator[dict[str, Any]]:
        yield {
            "mirror_remote_id": settings.mirror_remote_id,
            "domain": settings.domain,
            "base_url": settings.base_url,
            "is_sandbox": settings.is_sandbox,
            "api_account_id": settings.api_account_id,
            "api_account_domain": settings.api_account_domain,
            "loaded_at": datetime.now(UTC),
        }

    resources["account"] = account
    if reconcile:
        cap = settings.ticket_page_cap
        by_id = {"order_by": "updated_at", "order_type": "asc", "updated_since": "1970-01-01T00:00:00Z"}
        resources[RECONCILE_TICKETS] = _reconcile(client, RECONCILE_TICKETS, [
            ("tickets", by_id), ("tickets", {**by_id, "filter": "deleted"}), ("tickets", {**by_id, "filter": "spam"}),
        ], cap, settings.per_page)
        fetch_views = _contact_fetcher(client, pool)
        resources["reconcile_contacts"] = _reconcile(client, "reconcile_contacts", [
            ("contacts", {}), ("contacts", {"state": "deleted"}), ("contacts", {"state": "blocked"}),
        ], cap, settings.per_page, confirm_absent=lambda listed: _views_of_the_absent(fetch_views, listed))
    # After the listing: in its slice it probes what time is left for (no request when none is left).
    prober = archive.Prober(client, pool, _quiet_gone("archived conversations"),
                            conversations="ticket_conversations" not in settings.skipped_resources,
                            last_loaded=_last_loaded("tickets", archive.ARCHIVE_LACKS))
    resources[ARCHIVED_PROBES] = _archived_probes(prober, views_until)
    # Read last (the pipeline extracts resources in this order): the default ticket pass, so that a
    # ticket changed while the other lists page (the reconciliation listing, deleted, spam) is still
    # read in its newest version by this load.
    last = ("tickets", "ticket_conversations")
    return [r for name, r in resources.items() if name not in last] + [resources[name] for name in last]
