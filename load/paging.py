"""Paging through the ticket list by keyset (`updated_since` = the last row's `updated_at`), so a
ticket updated while a load pages through the list never pushes another one out of sight.

Freshdesk pages lists by offset. A ticket updated during the read moves to the end of the
`updated_at` order and every later ticket shifts back one place: with page numbers, the one at
the next page's boundary is never served. Here every page is a new window that starts at the
newest `updated_at` read so far, so a shift can only repeat rows, never skip one; the repeats
(the ids already read at that very second) are dropped. This also keeps every request far below
Freshdesk's 300-page cap. (More tickets on one second than a page holds are paged by offset within
that second: see `KeysetTicketPaginator`.)
"""

from __future__ import annotations

import logging
from typing import Any

from dlt.sources.helpers.rest_client.paginators import BasePaginator
from requests import Request, Response

log = logging.getLogger("freshdesk.paging")


class WindowStuckError(RuntimeError):
    """More tickets share one `updated_at` second than the page cap lets us read."""


class KeysetTicketPaginator(BasePaginator):
    """Each page a new `updated_since` window from the newest `updated_at` read so far.

    `updated_since` is inclusive, so the new window repeats the tickets stamped with exactly that
    second: their ids are remembered and dropped from the page (in place: the rest client yields
    this same list), so each ticket is yielded once per version.

    When a whole page sits on the window's own second (a bulk action stamped more tickets with one
    second than a page holds), the window cannot move: the next page number of the same window is
    read instead, up to `page_cap` (past it the load fails clearly instead of looping). Inside such
    a run offsets come back: a ticket of the run updated between two of its pages leaves it and
    shifts the rest back, so one could be skipped. The updated ticket shows up again later in the
    pass with a newer stamp; when that happens the run is read again at the end of the pass (its
    ids already read are dropped), and the pass then goes on from the newest ticket it read, so a
    ticket changed during the second read is read too. Nothing is skipped, up to `max_rereads`
    second reads a pass: past them a disturbed run is not read again and a warning names its
    second. A ticket of it can then be missing from the `tickets` table until it changes again (the
    id listing's probe of the ids it lacks finds such a ticket alive: it is not taken for deleted).
    """

    def __init__(self, page_cap: int = 300, max_rereads: int = 5) -> None:
        super().__init__()
        self.page_cap = page_cap
        self.max_rereads = max_rereads
        self.windows = 0
        self.repeats = 0
        self.rereads = 0

    def init_request(self, request: Request) -> None:
        self._page = 1
        self._since: str | None = request.params.get("updated_since")
        self._edge_ids: set[Any] = set()
        self._runs: dict[str, set[Any]] = {}  # second -> ids read in a run of pages on that second
        self._disturbed: set[str] = set()
        self._rereading: str | None = None
        self._top: str | None = None  # the newest updated_at read, and the ids read at it
        self._top_ids: set[Any] = set()
        self._has_next_page = True
        request.params["page"] = 1

    def update_state(self, response: Response, data: list[Any] | None = None) -> None:
        rows = data if data is not None else []
        newest = max((r["updated_at"] for r in rows if r.get("updated_at")), default=None)
        at_newest = {r.get("id") for r in rows if r.get("updated_at") == newest}
        if self._edge_ids:
            kept = [r for r in rows if not (r.get("updated_at") == self._since and r.get("id") in self._edge_ids)]
            self.repeats += len(rows) - len(kept)
            rows[:] = kept
        self._note_moves(rows)
        if self._since in self._runs:  # the last page of a run holds its tail too
            self._runs[self._since].update(r.get("id") for r in rows if r.get("updated_at") == self._since)
        if newest is not None and (self._top is None or newest > self._top):
            self._top, self._top_ids = newest, set(at_newest)
        elif newest is not None and newest == self._top:
            self._top_ids |= at_newest
        has_next = "next" in response.links
        if self._rereading is not None and (not has_next or newest != self._since):
            # The run is read again. What follows it was read already, but tickets may have changed
            # meanwhile: go on from the newest ticket read (they are past it), or read the next run.
            self._rereading = None
            if not self._next_run():
                self._since, self._edge_ids, self._page = self._top, set(self._top_ids), 1
            return
        if not has_next:
            if not self._next_run():
                self._has_next_page = False
            return
        if newest is None:
            raise WindowStuckError("the ticket list announced a next page after a page without updated_at")
        if newest != self._since:
            self.windows += 1
            self._since, self._edge_ids, self._page = newest, at_newest, 1
            return
        # the whole page sits on the window's second: page on within this window
        self._edge_ids |= at_newest
        self._runs.setdefault(self._since, self._edge_ids)
        if self._page >= self.page_cap:
            raise WindowStuckError(
                f"more than {self.page_cap} pages of tickets share updated_at {self._since}; cannot page further"
            )
        self._page += 1

    def _note_moves(self, rows: list[Any]) -> None:
        """A ticket read in a run that shows up again with a newer stamp may have shifted the run."""
        for second, ids in self._runs.items():
            if any(r.get("id") in ids and r.get("updated_at", "") > second for r in rows):
                self._disturbed.add(second)

    def _next_run(self) -> bool:
        """Start reading a disturbed run again; False when there is none (or enough were read)."""
        if self._disturbed and self.rereads >= self.max_rereads:
            log.warning("ticket list: %d run(s) of tickets sharing one updated_at second (%s) changed while being "
                        "read and are not read again (at most %d second reads a pass): this pass may have "
                        "missed tickets of them", len(self._disturbed), ", ".join(map(str, sorted(self._disturbed))),
                        self.max_rereads)
            self._disturbed.clear()
        if not self._disturbed:
            return False
        second = min(self._disturbed)
        self._disturbed.discard(second)
        self.rereads += 1
        self._rereading, self._since, self._page = second, second, 1
        self._edge_ids = self._runs[second]
        return True

    def update_request(self, request: Request) -> None:
        request.params["page"] = self._page
        if self._since is not None:
            request.params["updated_since"] = self._since
