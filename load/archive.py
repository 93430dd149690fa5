"""Archived tickets: found as gaps in the ticket ids, read one by one, remembered for good.

Accounts with archiving move closed, inactive tickets out of every `/tickets` list; they stay
readable at `/tickets/archived/{id}` (with `/tickets/archived/{id}/conversations`). Ticket ids are
the account's sequential display numbers, so after a reconciliation listing every id between 1
and the highest one listed that no listing returned is archived or hard-deleted. Ids above the
highest listed one are not probed: there is nothing to bound them by, and the next ticket created
lists a higher id, whose gaps are probed then (DECISIONLOG.md).

The listing only writes down its gaps (`plan_probes`: the ids to probe, as ranges in the
reconciliation resource's dlt state, committed with the listing). They are probed in later slices,
CHUNK at a time while the slice has time (`probe_pending`): each chunk's tickets and the ids it
settled leave the pending ranges in the same checkpoint, so a kill loses at most the slice in
flight and a time-boxed run stops within a chunk of its slice's end. Each gap is probed once: 200
on the archived endpoint is an archived ticket (loaded into `tickets` with `archived = true`, its
stats and requester, and its conversations into `ticket_conversations`; a ticket loaded live before
keeps the fields the archive does not serve); 404 there and on `/tickets/{id}` is a hard delete;
a ticket `/tickets/{id}` still serves moved between listings while they ran: it is alive, and its
view is loaded again (the listing it was missing from would call it deleted). Archived tickets
never change, so the ids found archived or gone are kept as ranges and never probed again; the
archived ones are added to every later listing (they are still there).
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
        """This set and `ids`, in one pass over the ranges (not over every id they hold)."""
        merged: list[list[int]] = []
        for a, b in sorted([*self._ranges, *IdRanges.of(ids)._ranges]):
            if merged and a <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return IdRanges(merged)

    def take(self, n: int) -> tuple[list[int], IdRanges]:
        """The `n` smallest ids, and the ranges of the rest."""
        first: list[int] = []
        k = 0
        while k < len(self._ranges) and len(first) < n:
            a, b = self._ranges[k]
            first.extend(range(a, min(b, a + n - len(first) - 1) + 1))
            k += 1
        rest = [list(r) for r in self._ranges[k:]]
        if first and k and first[-1] < self._ranges[k - 1][1]:
            rest.insert(0, [first[-1] + 1, self._ranges[k - 1][1]])
        return first, IdRanges(rest)

    def to_state(self) -> list[list[int]]:
        return [list(r) for r in self._ranges]


def gaps(listed: set[int], known: Iterable[IdRanges]) -> list[int]:
    """Ids between 1 and the highest listed id that no listing returned and that are not known."""
    if not listed:
        return []
    sets = list(known)
    return [i for i in range(1, max(listed) + 1) if i not in listed and not any(i in s for s in sets)]


def _ticket_row(record: dict[str, Any]) -> dict[str, Any]:
    """A ticket's view as a `tickets` row: the list shape (view-only keys dropped)."""
    for key in _VIEW_ONLY:
        record.pop(key, None)
    return records.ticket(records.drop_nulls(record))


def archived_ticket(record: dict[str, Any]) -> dict[str, Any]:
    """An archived ticket's view as a `tickets` row: the list shape, marked `archived`."""
    record = _ticket_row(record)
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
        """("archived", (ticket, conversations)) | ("gone", id) | ("live", ticket)."""
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
        response = self.client.get(f"tickets/{ticket_id}")  # no include: a hard delete costs 1 credit
        if response.status_code == 404:
            return "gone", ticket_id
        response.raise_for_status()
        # Alive, though the listing missed it (it moved while the listings ran): its view is loaded
        # again with the list's includes, newer than that listing, which would call it deleted.
        response = self.client.get(f"tickets/{ticket_id}", params={"include": ARCHIVED_INCLUDES})
        response.raise_for_status()
        return "live", _ticket_row(response.json())

    def _conversations(self, ticket_id: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in self.client.paginate(f"tickets/archived/{ticket_id}/conversations", params={"per_page": 100},
                                         paginator=HeaderLinkPaginator(), hooks=self.hooks_quiet(ticket_id),
                                         data_selector="$"):
            out.extend(records.drop_nulls(c) for c in page)
        return out

    def run(self, ids: list[int]) -> Iterator[tuple[str, Any]]:
        return self.pool.map(self.probe, ids)


# Keys of the reconciliation resource's dlt state: ids found archived, found gone, and left to probe.
ARCHIVED, GONE, PENDING = "archived", "gone", "probing"


def plan_probes(listed: set[int], state: dict[str, Any], batch: int = 100) -> Iterator[list[dict[str, int]]]:
    """After the listings: yield the known archived ids as listed, and write this listing's gaps
    down in `state` (the reconciliation resource's dlt state) as the ids left to probe (those of
    an earlier listing that this one returned are left out: they are listed)."""
    archived = IdRanges(state.get(ARCHIVED))
    known_ids = [i for i in archived if i not in listed]
    for k in range(0, len(known_ids), batch):
        yield [{"id": i} for i in known_ids[k:k + batch]]
    todo = gaps(listed, (archived, IdRanges(state.get(GONE))))
    state[PENDING] = IdRanges.of(todo).to_state()
    if todo:
        log.info("%d ticket ids missing from the lists (archived or deleted): probed in the next slices", len(todo))


def pending(state: dict[str, Any]) -> int:
    """How many ids are left to probe."""
    return len(IdRanges(state.get(PENDING)))


def probe_pending(prober: Prober, state: dict[str, Any], time_up: Callable[[], bool], chunk: int) -> Iterator[Any]:
    """Probe the ids left in `state`, `chunk` at a time while `time_up()` is false (the first chunk
    whatever the time: a slice always makes progress). A chunk's outcome is written to `state`
    as its rows are yielded, so both are in the same checkpoint."""
    counts = {"archived": 0, "gone": 0, "live": 0}
    while state.get(PENDING):
        if sum(counts.values()) and time_up():
            break
        ids, rest = IdRanges(state[PENDING]).take(chunk)
        tickets, conversations, found = [], [], {"archived": [], "gone": [], "live": []}
        for kind, value in prober.run(ids):
            if kind == "archived":
                ticket, convs = value
                tickets.append(ticket)
                conversations.extend(convs)
                found[kind].append(ticket["id"])
            elif kind == "gone":
                found[kind].append(value)
            else:
                tickets.append(value)
                found[kind].append(value["id"])
        kept = prober.last_loaded(found["archived"])
        for ticket in tickets:
            for key, value in kept.get(ticket["id"], {}).items():
                if value is not None:
                    ticket.setdefault(key, value)
        state[ARCHIVED] = IdRanges(state.get(ARCHIVED)).union(found["archived"]).to_state()
        state[GONE] = IdRanges(state.get(GONE)).union(found["gone"]).to_state()
        state[PENDING] = rest.to_state()
        for kind, ids_found in found.items():
            counts[kind] += len(ids_found)
        if tickets:
            yield dlt.mark.with_table_name(tickets, "tickets")
        if conversations:
            yield dlt.mark.with_table_name(conversations, "ticket_conversations")
    if sum(counts.values()):
        log.info("ticket ids missing from the lists: %d archived (loaded), %d deleted, %d alive (moved during the "
                 "listing); %d left to probe", counts["archived"], counts["gone"], counts["live"], pending(state))
