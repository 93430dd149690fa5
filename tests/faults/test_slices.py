"""Slices end where their bound says, whatever the pages look like: a load bounded by a count of
pages (deterministic, unlike the time the CLI uses) reads the ticket list a slice at a time."""

from __future__ import annotations

import logging
import re
from itertools import pairwise

import pytest

from load import checkpoint, pipeline, source
from load.pacing import RateBudget
from load.pipeline import _run, make_pipeline, run_load
from load.source import CHUNK, CONTACT_VIEWS_PENDING, connect, details_pending, freshdesk_source, source_state
from tests.conftest import loader_settings
from tests.faults.conftest import raw_checksums, sandbox
from tests.faults.test_checkpoints import live_ids

PAGES, PER_PAGE, CHUNK_ROWS = 3, 6, 3  # pages of 6 rows in chunks of 3: slices end mid-page


@pytest.mark.parametrize("chunk", [PER_PAGE, CHUNK_ROWS], ids=["whole-pages", "chunks-of-pages"])
def test_slices_of_pages_read_the_ticket_list_a_slice_at_a_time(chunk, reference, tmp_path, caplog, monkeypatch):
    """A keyset page after a window's first is short (the tickets of the window's first second were
    read), and a short page once passed for the end of the list: the slice after it then read the
    whole rest unbounded. Here no slice reads more than its pages (or chunks) of the ticket list,
    and the slices add up to the clean load; cut between two chunks of one page too (the rows of
    the page's later chunks must not move the cursor)."""
    monkeypatch.setattr(checkpoint, "CHUNK", chunk)
    work_db = tmp_path / "work.duckdb"
    with sandbox() as server, caplog.at_level(logging.INFO, logger="freshdesk"):
        summary = run_load(loader_settings(server, work_db, per_page=PER_PAGE), slice_pages=PAGES)
        live = len(live_ids(server))  # the default list's tickets (~23)
    # `checkpoint 3: next slice (tickets to be continued); 15 tickets, 40 credits`
    lines = [r.getMessage() for r in caplog.records]
    done = [int(m.group(1).replace(",", "")) for line in lines
            if (m := re.match(r"checkpoint \d+: .*?; ([\d,]+) tickets, ", line))]
    added = [b - a for a, b in pairwise([0, *done])]
    assert summary.done and sum(added) >= live, added
    # A slice's bound counts the items that reach it: one holding only tickets a previous slice
    # read (all at the cursor's second) is dropped on the way; at most one such item per slice.
    assert max(added) <= (PAGES + 1) * chunk and len(added) >= sum(added) / ((PAGES + 1) * chunk), added
    differ = {t for t, v in raw_checksums(work_db).items() if v != reference.raw.get(t)}
    assert differ == {"account"}, differ  # its row names the load's settings, not the CLI's


def test_contact_views_a_slice_ran_out_of_time_for_are_fetched_by_the_next(reference, tmp_path):
    """The contact lists are read whole (their cursor holds only then), their views only while the
    slice has time: here its time is up from the start, so the slice fetches one chunk of views (a
    slice always makes progress) and commits every other listed id as pending with the list's
    cursor; the next slice fetches them all."""
    work_db = tmp_path / "work.duckdb"
    contacts = ("contacts", "contacts_deleted", "contacts_blocked", CONTACT_VIEWS_PENDING)
    with sandbox() as server:
        settings = loader_settings(server, work_db, per_page=5)  # lists of several pages
        pipeline, budget = make_pipeline(settings), RateBudget(settings.budget_share)
        with connect(settings, budget) as connection:
            _run(pipeline, settings, freshdesk_source(settings, connection, views_until=0.0).with_resources(*contacts))
            first = budget.stats.requests["contact_view"]
            pending = sum(len(ids) for ids in source_state(pipeline.state)[CONTACT_VIEWS_PENDING].values())
            assert details_pending(pipeline.state) == ["contact views"] and 0 < first <= CHUNK and pending > 0
            _run(pipeline, settings, freshdesk_source(settings, connection, views_until=None).with_resources(*contacts))
    assert not details_pending(pipeline.state)
    assert budget.stats.requests["contact_view"] == first + pending
    raw = raw_checksums(work_db)
    tables = {t for t in reference.raw if t.startswith("contacts")}
    assert {t: raw.get(t) for t in tables} == {t: reference.raw[t] for t in tables}


@pytest.mark.parametrize("fails", [False, True], ids=["load-done", "load-failed"])
def test_a_load_builds_one_session_client_and_pool_for_all_its_slices_and_closes_them(fails, tmp_path, monkeypatch):
    """Every slice once built its own session, REST client and pool of workers, and none was
    closed; now the load builds them once, and shuts them down at its end, after a failure too."""
    sessions, clients, pools, closed = [], [], [], []
    make_session = source.make_session

    def session(*args):
        made = make_session(*args)
        close = made.close
        made.close = lambda: closed.append("session") or close()
        sessions.append(made)
        return made

    class Client(source.RESTClient):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            clients.append(self)

    class Pool(source.ThreadPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

        def shutdown(self, *args, **kwargs):
            closed.append("pool")
            super().shutdown(*args, **kwargs)

    monkeypatch.setattr(source, "make_session", session)
    monkeypatch.setattr(source, "RESTClient", Client)
    monkeypatch.setattr(source, "ThreadPoolExecutor", Pool)
    slices = []
    create_missing_tables = pipeline.create_missing_tables

    def after_slice(p):
        slices.append(p)
        if fails and len(slices) == 3:
            raise RuntimeError("the destination went away")
        return create_missing_tables(p)

    monkeypatch.setattr(pipeline, "create_missing_tables", after_slice)
    with sandbox() as server:
        settings = loader_settings(server, tmp_path / "work.duckdb", per_page=PER_PAGE)
        if fails:
            with pytest.raises(RuntimeError, match="the destination went away"):
                run_load(settings, slice_pages=PAGES)
        else:
            assert run_load(settings, slice_pages=PAGES).checkpoints == len(slices)
    assert len(slices) >= 3
    assert (len(sessions), len(clients), len(pools)) == (1, 1, 1)
    assert sorted(closed) == ["pool", "session"]
