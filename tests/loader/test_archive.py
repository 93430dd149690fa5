"""Archived-ticket bookkeeping: id ranges in dlt state, gaps, and the probe against the sandbox."""

from concurrent.futures import ThreadPoolExecutor

from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth

from load.archive import IdRanges, Prober, gaps, reconcile_gaps
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


def test_probe_tells_archived_from_gone_and_remembers_both():
    account = Account(seed=11, scale="tiny", realism=Realism.kind(archive_after_days=120))
    archived = set(account.archived_ids())
    purged = next(t for t in account.ticket_ids(view="default") if t not in archived)
    account.hard_delete_ticket(purged)
    listed = {t for t in account.iter_ticket_ids() if account.ticket_exists(t)}
    with SandboxServer(account=account) as sandbox, ThreadPoolExecutor(4) as pool:
        prober = Prober(_client(sandbox), pool, _quiet_gone("archived conversations"))
        state: dict = {}
        out = list(reconcile_gaps(prober, listed, state))
        first_requests = sandbox.stats.requests
        again = list(reconcile_gaps(prober, listed, state))
        assert sandbox.stats.requests == first_requests  # nothing probed twice
    tickets = [row for item in out if getattr(getattr(item, "meta", None), "table_name", None) == "tickets"
               for row in item.data]
    assert {t["id"] for t in tickets} == archived and all(t["archived"] for t in tickets)
    assert all("attachments" not in t for t in tickets)
    assert set(IdRanges(state["archived"])) == archived
    assert set(IdRanges(state["gone"])) == {purged}
    relisted = {row["id"] for item in again for row in item}
    assert relisted == archived  # archived ids count as listed in every later reconciliation


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
