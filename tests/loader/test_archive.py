"""Archived-ticket bookkeeping: id ranges in dlt state, gaps, and the probe against the sandbox."""

from concurrent.futures import ThreadPoolExecutor

from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth

from load.archive import IdRanges, Prober, gaps, pending, plan_probes, probe_pending
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from load.source import _quiet_gone


def test_id_ranges_round_trip_compactly():
    r = IdRanges.of([5, 1, 2, 3, 9, 10])
    assert r.to_state() == [[1, 3], [5, 5], [9, 10]]
    assert [i in r for i in (0, 1, 3, 4, 5, 8, 10, 11)] == [False, True, True, False, True, False, True, False]
    assert len(r) == 6 and list(IdRanges(r.to_state())) == [1, 2, 3, 5, 9, 10]
    assert r.union([4, 11]).to_state() == [[1, 5], [9, 11]]


def test_gaps_are_the_ids_below_the_highest_listed_that_nothing_explains():
    assert gaps({1, 2, 5, 9}, [IdRanges.of([3])]) == [4, 6, 7, 8]
    assert gaps(set(), []) == []


def _client(sandbox):
    return RESTClient(base_url=sandbox.base_url, auth=HttpBasicAuth(sandbox.api_key, "X"))


def test_id_ranges_take_the_smallest_ids_first():
    r = IdRanges.of([1, 2, 3, 5, 9, 10, 11])
    assert [(ids, rest.to_state()) for ids, rest in (r.take(2), r.take(5), r.take(99))] == [
        ([1, 2], [[3, 3], [5, 5], [9, 11]]), ([1, 2, 3, 5, 9], [[10, 11]]), ([1, 2, 3, 5, 9, 10, 11], [])]
    assert IdRanges.of([1, 2, 7]).union([3, 8, 20]).to_state() == [[1, 3], [7, 8], [20, 20]]


def _tables(items, table: str) -> list[dict]:
    return [row for item in items if getattr(getattr(item, "meta", None), "table_name", None) == table
            for row in item.data]


def test_probe_tells_archived_from_gone_and_remembers_both():
    """The listing writes its gaps down; the probes settle them a chunk at a time, each chunk's
    outcome in the state with its rows; a later listing probes nothing again."""
    account = Account(seed=11, scale="tiny", realism=Realism.kind(archive_after_days=120))
    archived = set(account.archived_ids())
    purged = next(t for t in account.ticket_ids(view="default") if t not in archived)
    account.hard_delete_ticket(purged)
    listed = {t for t in account.iter_ticket_ids() if account.ticket_exists(t)}
    with SandboxServer(account=account) as sandbox, ThreadPoolExecutor(4) as pool:
        prober = Prober(_client(sandbox), pool, _quiet_gone("archived conversations"))
        state: dict = {}
        assert list(plan_probes(listed, state)) == [] and sandbox.stats.requests == 0
        assert pending(state) == len(archived) + 1
        out = list(probe_pending(prober, state, lambda: True, chunk=2))  # time is up: one chunk
        assert pending(state) == len(archived) - 1 and sandbox.stats.by_route["archived_ticket"] == 2
        out += list(probe_pending(prober, state, lambda: False, chunk=2))
        assert pending(state) == 0
        first_requests = sandbox.stats.requests
        again = list(plan_probes(listed, state))
        assert list(probe_pending(prober, state, lambda: False, chunk=2)) == []
        assert sandbox.stats.requests == first_requests  # nothing probed twice
    tickets = _tables(out, "tickets")
    assert {t["id"] for t in tickets} == archived and all(t["archived"] for t in tickets)
    assert all("attachments" not in t for t in tickets)
    assert set(IdRanges(state["archived"])) == archived
    assert set(IdRanges(state["gone"])) == {purged}
    relisted = {row["id"] for item in again for row in item}
    assert relisted == archived  # archived ids count as listed in every later reconciliation


def test_a_ticket_the_listing_missed_but_alive_is_loaded_again():
    """An id no listing returned that `/tickets/{id}` still serves (it moved while the listings
    ran) is loaded again with the list's includes: newer than the listing that missed it."""
    account = Account(seed=11, scale="tiny", realism=Realism.kind())
    alive = account.ticket_ids(view="default")[0]  # not the highest id: a gap
    listed = {t for t in account.iter_ticket_ids() if account.ticket_exists(t)} - {alive}
    with SandboxServer(account=account) as sandbox, ThreadPoolExecutor(2) as pool:
        state: dict = {}
        list(plan_probes(listed, state))
        out = list(probe_pending(Prober(_client(sandbox), pool, _quiet_gone("x")), state, lambda: False, chunk=25))
    assert [(t["id"], "stats" in t, "requester" in t) for t in _tables(out, "tickets")] == [(alive, True, True)]
    assert alive not in IdRanges(state["archived"]) and alive not in IdRanges(state.get("gone"))


def test_conversations_of_a_trashed_ticket_are_skipped_quietly():
    for answer in ("403", "404"):
        account = Account(seed=11, scale="tiny", realism=Realism.kind(trashed_conversations=answer))
        t = account.ticket_ids(view="default")[0]
        account.soft_delete_ticket(t)
        with SandboxServer(account=account) as sandbox:
            client = _client(sandbox)
            pages = list(client.paginate(f"tickets/{t}/conversations", hooks=_quiet_gone("conversations")(t),
                                         data_selector="$"))
            assert sandbox.stats.by_status.get(int(answer)) == 1
        assert pages == []
