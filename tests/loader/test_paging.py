import pytest
from requests import Request, Response

from load.paging import TicketWindowPaginator, WindowStuckError


def _response(has_next: bool) -> Response:
    r = Response()
    r.status_code = 200
    if has_next:
        r.headers["Link"] = '<http://x/api/v2/tickets?page=2>; rel="next"'
    return r


def _drive(pages_by_window, cap):
    """Feed the paginator the pages a server would give; return (rows seen, requests made)."""
    p = TicketWindowPaginator(page_cap=cap)
    req = Request("GET", "http://x/api/v2/tickets", params={"updated_since": "T0"})
    p.init_request(req)
    seen, asked = [], []
    while True:
        asked.append((req.params["updated_since"], req.params["page"]))
        rows, has_next = pages_by_window(req.params["updated_since"], req.params["page"])
        rows = list(rows)
        p.update_state(_response(has_next), rows)
        p.update_request(req)
        seen.extend(rows)
        if not p.has_next_page:
            return seen, asked


def _server(tickets, per_page, cap):
    def pages(since, page):
        if page > cap:
            raise AssertionError("asked beyond the cap")
        window = [t for t in tickets if t["updated_at"] >= since]
        rows = window[(page - 1) * per_page : page * per_page]
        return rows, len(window) > page * per_page

    return pages


def test_rewindows_at_the_cap_without_loss_or_duplicates():
    # 23 tickets, 2 per page, cap 3 pages; a burst of 4 tickets shares one second across the boundary.
    stamps = ["T1", "T2", "T3", "T4", "T5", "T5", "T5", "T5"] + [f"T{n}" for n in range(6, 21)]
    tickets = [{"id": i, "updated_at": s.replace("T", "T0") if len(s) == 2 else s} for i, s in enumerate(stamps)]
    tickets.sort(key=lambda t: t["updated_at"])
    seen, asked = _drive(_server(tickets, per_page=2, cap=3), cap=3)
    assert sorted(t["id"] for t in seen) == sorted(t["id"] for t in tickets)
    assert len(seen) == len(tickets)
    assert max(page for _, page in asked) <= 3
    assert len({since for since, _ in asked}) > 1


def test_fails_clearly_when_one_second_holds_more_than_the_cap():
    tickets = [{"id": i, "updated_at": "T05"} for i in range(10)]
    with pytest.raises(WindowStuckError):
        _drive(_server(tickets, per_page=2, cap=2), cap=2)
