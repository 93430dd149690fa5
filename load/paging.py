"""Paging through the ticket list by keyset (`updated_since` = the last row's `updated_at`), so a
ticket updated while a load pages through the list never pushes another one out of sight.

Freshdesk pages lists by offset. A ticket updated during the read moves to the end of the
`updated_at` order and every later ticket shifts back one place: with page numbers, the one at
the next page's boundary is never served. Here every page is a new window that starts at the
newest `updated_at` read so far, so a shift can only repeat rows, never skip one; the repeats
(the ids already read at that very second) are dropped. This also keeps every request far below
Freshdesk's 300-page cap.
"""

from __future__ import annotations

from typing import Any

from dlt.sources.helpers.rest_client.paginators import BasePaginator
from requests import Request, Response


class WindowStuckError(RuntimeError):
    """More tickets share one `updated_at` second than the page cap lets us read."""


class KeysetTicketPaginator(BasePaginator):
    """Each page a new `updated_since` window from the newest `updated_at` read so far.

    `updated_since` is inclusive, so the new window repeats the tickets stamped with exactly that
    second: their ids are remembered and dropped from the page (in place: the rest client yields
    this same list), so each ticket is yielded once per version. When a whole page sits on the
    window's own second (a bulk update stamped more tickets at one second than a page holds), the
    window cannot move: the next page number of the same window is read instead, up to `page_cap`,
    past which the load fails clearly instead of looping. Only inside such a one-second run can
    an update during the read still shift a row past a page boundary.
    """

    def __init__(self, page_cap: int = 300) -> None:
        super().__init__()
        self.page_cap = page_cap
        self.windows = 0
        self.repeats = 0

    def init_request(self, request: Request) -> None:
        self._page = 1
        self._since: str | None = request.params.get("updated_since")
        self._edge_ids: set[Any] = set()
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
        if "next" not in response.links:
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
        if self._page >= self.page_cap:
            raise WindowStuckError(
                f"more than {self.page_cap} pages of tickets share updated_at {self._since}; cannot page further"
            )
        self._page += 1

    def update_request(self, request: Request) -> None:
        request.params["page"] = self._page
        if self._since is not None:
            request.params["updated_since"] = self._since
