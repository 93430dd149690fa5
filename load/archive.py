"""Archived tickets: found as gaps in the ticket ids, read one by one, remembered for good.

Accounts with archiving move closed, inactive tickets out of every `/tickets` list; they stay
readable at `/tickets/archived/{id}` (with `/tickets/archived/{id}/conversations`). Ticket ids are
the account's sequential display numbers, so after a reconciliation listing every id between 1
and the highest one listed that no listing returned is archived or hard-deleted. Each such gap is
probed once: 200 on the archived endpoint is an archived ticket (loaded into `tickets` with
`archived = true`, its stats and requester, and its conversations into `ticket_conversations`; a
ticket loaded live before keeps the fields the archive does not serve); 404 there and on
`/tickets/{id}` is a hard delete; a ticket `/tickets/{id}` still serves moved between listings
while they ran (it is alive and not remembered). Archived tickets never change, so the ids found
archived or gone are kept in the reconciliation resource's dlt state as ranges and never probed
again; the archived ones are added to every later listing (they are still there).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import dlt
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.paginators import HeaderLinkPaginator

from load import records

log = logging.getLogger("freshdesk.archive")

# View-only keys of a ticket that the list passes never carry: kept out so an archived ticket
# adds no raw tables or columns of its own.
_VIEW_ONLY = ("attachments", "source_additional_info", "associated_tickets_list", "conversations")
# What the archived view is asked to include, one credit each (the list passes' includes but the
# description, which the view always has): stats for the metrics, the requester for the Ticket's
# Name, Email and Phone as on every live ticket.
ARCHIVED_INCLUDES = "stats,requester"
# Ticket fields the archived view does not serve (freshdesk-api.md section 14): a ticket archived
# after it was loaded live keeps the values last loaded (a merge would null them).
ARCHIVE_LACKS = ("email_config_id", "association_type", "support_email", "form_id")


class IdRanges:
    """A set of ints kept as sorted, disjoint, inclusive `[first, last]` ranges (compact in dlt state)."""

    def __init__(self, ranges: Iterable[Iterable[int]] | None = None) -> None:
        self._ranges: list[list[int]] = sorted([int(a), int(b)] for a, b in (ranges or []))

    @classmethod
    def of(cls, ids: Iterable[int]) -> IdRanges:
        out: list[list[int]] = []
        for i in sorted(set(ids)):
            if out and out[-1][1] == i - 1:
                out[-1][1] = i
            else:
                out.append([i, i])
        return cls(out)

    def __contains__(self, i: int) -> bool:
        k = bisect.bisect_right(self._ranges, [i, float("inf")]) - 1
        return k >= 0 and self._ranges[k][0] <= i <= self._ranges[k][1]

    def __len__(self) -> int:
        return sum(b - a + 1 for a, b in self._ranges)

    def __iter__(self) -> Iterator[int]:
        for a, b in self._ranges:
            yield from range(a, b + 1)

    def union(self, ids: Iterable[int]) -> IdRanges:
        return IdRanges.of([*self, *ids])

    def to_state(self) -> list[list[int]]:
        return [list(r) for r in self._ranges]


def gaps(listed: set[int], known: Iterable[IdRanges]) -> list[int]:
    """Ids between 1 and the highest listed id that no listing returned and that are not known."""
    if not listed:
        return []
    sets = list(known)
    return [i for i in range(1, max(listed) + 1) if i not in listed and not any(i in s for s in sets)]


def archived_ticket(record: dict[str, Any]) -> dict[str, Any]:
    """An archived ticket's view as a `tickets` row: the list shape, marked `archived`."""
    for key in _VIEW_ONLY:
        record.pop(key, None)
    record = records.ticket(records.drop_nulls(record))
    record["archived"] = True
    return record


class Prober:
    """Probes gap ids (a pool of workers) and says what each one is."""

    def __init__(self, client: RESTClient, pool: ThreadPoolExecutor, hooks_quiet: Callable,
                 conversations: bool = True, last_loaded: Callable[[list[int]], dict[int, dict]] | None = None
                 ) -> None:
        self.client, self.pool, self.hooks_quiet = client, pool, hooks_quiet
        self.conversations = conversations  # False when the user left conversations out (FRESHDESK_SKIP)
        self.archive_feature = True
        # ids -> {id: {field: value}} of ARCHIVE_LACKS as last loaded (tickets archived after a load)
        self.last_loaded = last_loaded or (lambda ids: {})

    def probe(self, ticket_id: int) -> tuple[str, Any]:
        """("archived", (ticket, conversations)) | ("gone", id) | ("live", id)."""
        if self.archive_feature:
            response = self.client.get(f"tickets/archived/{ticket_id}", params={"include": ARCHIVED_INCLUDES})
            if response.status_code == 200:
                conversations = self._conversations(ticket_id) if self.conversations else []
                return "archived", (archived_ticket(response.json()), conversations)
            if response.status_code == 403:
                if self.archive_feature:
                    self.archive_feature = False
                    log.warning("skipping archived tickets: HTTP 403 on /tickets/archived (the plan lacks "
                                "archiving or the key the rights); ids missing from the lists count as deleted")
            elif response.status_code != 404:
                response.raise_for_status()
        response = self.client.get(f"tickets/{ticket_id}")
        if response.status_code == 200:
            return "live", ticket_id
        if response.status_code == 404:
            return "gone", ticket_id
        response.raise_for_status()
        return "live", ticket_id  # any other 2xx/3xx: it exists

    def _conversations(self, ticket_id: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in self.client.paginate(f"tickets/archived/{ticket_id}/conversations", params={"per_page": 100},
                                         paginator=HeaderLinkPaginator(), hooks=self.hooks_quiet(ticket_id),
                                         data_selector="$"):
            out.extend(records.drop_nulls(c) for c in page)
        return out

    def run(self, ids: list[int]) -> Iterator[tuple[str, Any]]:
        return self.pool.map(self.probe, ids)


def reconcile_gaps(prober: Prober, listed: set[int], state: dict[str, Any], batch: int = 100) -> Iterator[Any]:
    """After the listings: yield the known archived ids as listed, probe the new gaps, load what is
    archived, and remember the outcome in `state` (the reconciliation resource's dlt state)."""
    archived = IdRanges(state.get("archived"))
    gone = IdRanges(state.get("gone"))
    known_ids = [i for i in archived if i not in listed]
    for k in range(0, len(known_ids), batch):
        yield [{"id": i} for i in known_ids[k:k + batch]]
    todo = gaps(listed, (archived, gone))
    if not todo:
        return
    log.info("probing %d ticket ids missing from the lists (archived or deleted)", len(todo))
    found_archived, found_gone, alive = [], [], []
    for k in range(0, len(todo), batch):
        tickets, conversations, ids = [], [], []
        for kind, value in prober.run(todo[k:k + batch]):
            if kind == "archived":
                ticket, convs = value
                tickets.append(ticket)
                conversations.extend(convs)
                ids.append(ticket["id"])
                found_archived.append(ticket["id"])
            elif kind == "gone":
                found_gone.append(value)
            else:
                ids.append(value)
                alive.append(value)
        if tickets:
            kept = prober.last_loaded([t["id"] for t in tickets])
            for ticket in tickets:
                for key, value in kept.get(ticket["id"], {}).items():
                    if value is not None:
                        ticket.setdefault(key, value)
            yield dlt.mark.with_table_name(tickets, "tickets")
        if conversations:
            yield dlt.mark.with_table_name(conversations, "ticket_conversations")
        if ids:
            yield [{"id": i} for i in ids]
    state["archived"] = archived.union(found_archived).to_state()
    state["gone"] = gone.union(found_gone).to_state()
    log.info("ticket ids missing from the lists: %d archived (loaded), %d deleted, %d alive (moved during the "
             "listing)", len(found_archived), len(found_gone), len(alive))
