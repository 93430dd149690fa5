"""Paging through the ticket list past Freshdesk's 300-page cap without losing or repeating rows."""

from __future__ import annotations

from typing import Any

from dlt.sources.helpers.rest_client.paginators import BasePaginator
from requests import Request, Response


class WindowStuckError(RuntimeError):
    """More tickets share one `updated_at` second than the page cap lets us read."""


class TicketWindowPaginator(BasePaginator):
    """Page numbers while the API announces a next page; at the cap, a new `updated_since` window.

    The ticket list (ordered by `updated_at` ascending) refuses pages beyond `page_cap` (300 on
    Freshdesk). After the last allowed page this paginator starts again at page 1 with
    `updated_since` = the newest `updated_at` read so far. `updated_since` is inclusive, so the
    new window repeats the tickets stamped with exactly that second: they are remembered and
    dropped from the new window's pages, so each ticket is yielded once.
    """

    def __init__(self, page_cap: int = 300) -> None:
        super().__init__()
        self.page_cap = page_cap
        self.windows = 0

    def init_request(self, request: Request) -> None:
        self._page = 1
        self._window_start = request.params.get("updated_since")
        self._newest: str | None = None
        self._ids_at_newest: set[Any] = set()
        self._skip_value: str | None = None
        self._skip_ids: set[Any] = set()
        self._has_next_page = True
        request.params["page"] = 1

    def update_state(self, response: Response, data: list[Any] | None = None) -> None:
        rows = data if data is not None else []
        if self._skip_ids:
            # Mutating the page in place is deliberate: the rest client yields this same list.
            rows[:] = [r for r in rows if not self._already_read(r)]
        for row in rows:
            stamp = row.get("updated_at")
            if stamp is None:
                continue
            if self._newest is None or stamp > self._newest:
                self._newest, self._ids_at_newest = stamp, {row.get("id")}
            elif stamp == self._newest:
                self._ids_at_newest.add(row.get("id"))
        if "next" not in response.links:
            self._has_next_page = False
            return
        if self._page < self.page_cap:
            self._page += 1
            return
        if self._newest is None or self._newest == self._window_start:
            raise WindowStuckError(
                f"more than {self.page_cap} pages of tickets share updated_at {self._window_start}; "
                "cannot page further"
            )
        self.windows += 1
        self._window_start = self._newest
        self._skip_value, self._skip_ids = self._newest, set(self._ids_at_newest)
        self._page = 1

    def _already_read(self, row: dict[str, Any]) -> bool:
        return row.get("updated_at") == self._skip_value and row.get("id") in self._skip_ids

    def update_request(self, request: Request) -> None:
        request.params["page"] = self._page
        if self._window_start is not None:
            request.params["updated_since"] = self._window_start
