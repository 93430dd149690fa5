"""The keyset ticket paginator against a simulated offset-paged list, still and churning."""

import logging
import random

import pytest
from requests import Request, Response

from load.paging import KeysetTicketPaginator, WindowStuckError


def _response(has_next: bool) -> Response:
    r = Response()
    r.status_code = 200
    if has_next:
        r.headers["Link"] = '<http://x/api/v2/tickets?page=2>; rel="next"'
    return r


def _drive(server, cap, after_page=None, **options):
    """Feed the paginator the pages `server` gives; return (rows yielded, requests made)."""
    p = KeysetTicketPaginator(page_cap=cap, **options)
    req = Request("GET", "http://x/api/v2/tickets", params={"updated_since": 0})
    p.init_request(req)
    seen, asked = [], []
    while True:
        asked.append((req.params["updated_since"], req.params["page"]))
        rows, has_next = server(req.params["updated_since"], req.params["page"])
        p.update_state(_response(has_next), rows)
        p.update_request(req)
        seen.extend(rows)
        if after_page:
            after_page()
        if not p.has_next_page:
            return seen, asked


def _server(tickets: dict[int, int], per_page: int, cap: int):
    """Freshdesk's list: `updated_at >= since`, ordered by (updated_at, id), offset pages, 400 past the cap."""
    def pages(since, page):
        if page > cap:
            raise AssertionError("asked beyond the cap")
        window = sorted((stamp, tid) for tid, stamp in tickets.items() if stamp >= since)
        rows = [{"id": tid, "updated_at": stamp} for stamp, tid in window[(page - 1) * per_page: page * per_page]]
        return rows, len(window) > page * per_page

    return pages


def test_reads_every_ticket_once_with_bursts_on_one_second():
    stamps = [1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5] + list(range(6, 30))
    tickets = dict(enumerate(stamps))
    seen, asked = _drive(_server(tickets, per_page=3, cap=300), cap=300)
    assert sorted(r["id"] for r in seen) == sorted(tickets)
    assert len(seen) == len(tickets)
    assert len({since for since, _ in asked}) > 1  # every page a new window...
    assert max(page for _, page in asked) == 3  # ...except inside the run of 7 tickets on second 5


def test_skips_nothing_while_tickets_change_under_it():
    """After every page a few random tickets are updated (they move to the end, the rest shift back):
    every ticket is still yielded in the version current when it was read, none is skipped."""
    rng = random.Random(7)
    tickets = {tid: 1000 + tid // 3 for tid in range(1, 400)}  # three tickets per second
    clock = [5000]

    def churn():
        clock[0] += 1
        for tid in rng.sample(sorted(tickets), 3):
            tickets[tid] = clock[0]

    seen, _ = _drive(_server(tickets, per_page=10, cap=300), cap=300, after_page=churn)
    assert set(r["id"] for r in seen) == set(tickets)
    # the final version of every ticket was read (a ticket moved after it was read is read again)
    last = {}
    for r in seen:
        last[r["id"]] = max(last.get(r["id"], 0), r["updated_at"])
    stale = {tid for tid, stamp in tickets.items() if last[tid] != stamp}
    assert len(stale) <= 3  # only the ones moved after the last page


def test_offset_paging_would_have_skipped_under_the_same_churn():
    """The failure the keyset paginator exists for: plain page numbers lose tickets under churn."""
    rng = random.Random(7)
    tickets = {tid: 1000 + tid // 3 for tid in range(1, 400)}
    server, seen, page = _server(tickets, per_page=10, cap=300), set(), 1
    while True:
        rows, has_next = server(0, page)
        seen |= {r["id"] for r in rows}
        for tid in rng.sample(sorted(tickets), 3):
            tickets[tid] = 5000 + page
        if not has_next:
            break
        page += 1
    assert set(tickets) - seen


def test_fails_clearly_when_one_second_holds_more_than_the_cap():
    tickets = {i: 5 for i in range(10)}
    with pytest.raises(WindowStuckError):
        _drive(_server(tickets, per_page=2, cap=2), cap=2)


def _disturbed_run(updates: int | None = None, **options):
    """150 tickets stamped with one second (a bulk action), 10 per page: after each page one ticket
    of the run already read is updated (the first `updates` pages only, when given), which shifts
    the rest back across the next page boundary. Returns (tickets, rows yielded, requests made)."""
    tickets = {tid: 100 for tid in range(1, 151)} | {tid: 200 + tid for tid in range(151, 181)}
    read: list[int] = []
    clock = [1000]

    def churn():
        run_read = [tid for tid in read if tickets[tid] == 100]
        if run_read and (updates is None or clock[0] < 1000 + updates):
            clock[0] += 1
            tickets[run_read[0]] = clock[0]

    server = _server(tickets, per_page=10, cap=300)

    def serve(since, page):
        rows, has_next = server(since, page)
        read.extend(r["id"] for r in rows)
        return rows, has_next

    seen, asked = _drive(serve, cap=300, after_page=churn, **options)
    return tickets, seen, asked


def test_a_run_on_one_second_disturbed_while_read_is_read_again():
    """The disturbed run is read again at the end of the pass, so no ticket of it is skipped."""
    tickets, seen, asked = _disturbed_run()
    assert set(r["id"] for r in seen) == set(tickets)
    assert any(since == 100 for since, page in asked[5:] if page == 1)  # the run was read again


def test_without_the_second_read_the_same_run_loses_tickets():
    """The same churn with the second read switched off skips tickets: the test above can fail."""
    tickets, seen, _ = _disturbed_run(max_rereads=0)
    assert set(tickets) - {r["id"] for r in seen}


def test_a_run_past_the_cap_of_second_reads_is_named_in_a_warning(caplog):
    """Past `max_rereads` a disturbed run is not read again, and tickets are lost (the test above):
    the load says so, naming the run's second, and the class says so too."""
    with caplog.at_level(logging.WARNING, logger="freshdesk.paging"):
        tickets, seen, _ = _disturbed_run(updates=3, max_rereads=0)
    assert set(tickets) - {r["id"] for r in seen}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "(100)" in warnings[0] and "missed tickets" in warnings[0], warnings
    assert "max_rereads" in KeysetTicketPaginator.__doc__ and "warning" in KeysetTicketPaginator.__doc__
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="freshdesk.paging"):
        tickets, seen, _ = _disturbed_run(updates=3, max_rereads=1)  # read again once: nothing missed
    assert {r["id"] for r in seen} == set(tickets) and not caplog.records
