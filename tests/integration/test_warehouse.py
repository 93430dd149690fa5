"""End to end: sandbox account -> loader -> dbt build, compared with the sandbox's ground truth,
first for a full load, then for an incremental load after the account changed."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from load.pipeline import run_load
from load.sandbox import Account, SandboxServer
from tests.conftest import dbt_build, loader_settings, published_counts

PAGE_CAP = 2
PER_PAGE = 5  # 40 tickets / 5 = 8 pages > the cap of 2: the ticket list has to be re-windowed


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Load, build, mutate the account, load again, build again; keep what each step saw."""
    tmp = tmp_path_factory.mktemp("warehouse")
    work_db = tmp / "work.duckdb"
    account = Account(seed=11, scale="tiny")
    steps = {}
    with SandboxServer(account=account, plan="unlimited", page_cap=PAGE_CAP) as sandbox:
        settings = loader_settings(sandbox, work_db, per_page=PER_PAGE, ticket_page_cap=PAGE_CAP)
        steps["full"] = run_load(settings)
        dbt_build(work_db, tmp / "dbt1")
        steps["truth_full"] = account.truth()
        steps["counts_full"] = published_counts(work_db)

        account.clock.advance(seconds=3600)
        live = account.ticket_ids(view="default", order_by="updated_at", order_type="asc")
        changed = {"updated": live[0], "conversation": live[1], "trashed": live[2], "purged": live[3]}
        account.update_ticket(changed["updated"], status=5, priority=4)
        changed["new_conversation_id"] = account.add_conversation(changed["conversation"], incoming=True)
        account.soft_delete_ticket(changed["trashed"])
        account.hard_delete_ticket(changed["purged"])
        contacts = [account.contact_record(i)["id"] for i in account.contact_ids()]
        changed["soft_deleted_contact"], changed["purged_contact"] = contacts[0], contacts[1]
        account.soft_delete_contact(contacts[0])
        account.hard_delete_contact(contacts[1])
        changed["purged_agent"] = account.live_agents()[-1]["id"]
        account.hard_delete_agent(changed["purged_agent"])
        account.add_ticket_custom_field("cf_added_later", kind="string", touch=True)
        steps["changed"] = changed
        # Touching every ticket stamps 38 of them with one second, more than a capped window of
        # 5 x 2 can page through: the second load uses Freshdesk's real page size and cap.
        steps["incremental"] = run_load(dataclasses.replace(settings, per_page=100, ticket_page_cap=300))
        dbt_build(work_db, tmp / "dbt2")
        steps["truth_incremental"] = account.truth()
        steps["counts_incremental"] = published_counts(work_db)
        steps["unchanged"] = run_load(dataclasses.replace(settings, per_page=100, ticket_page_cap=300,
                                                          reconcile_hours=24))
        steps["sandbox_status"] = dict(sandbox.stats.by_status)
    steps["work_db"] = work_db
    return steps


def _diff(truth, counts):
    return {t: (truth[t], counts.get(t)) for t in truth if counts.get(t) != truth[t]}


def test_full_load_matches_ground_truth(history):
    assert len(history["counts_full"]) == 29
    assert history["full"].requests > 0
    assert _diff(history["truth_full"], history["counts_full"]) == {}


def test_incremental_load_matches_ground_truth(history):
    assert _diff(history["truth_incremental"], history["counts_incremental"]) == {}


def test_ticket_list_was_rewindowed_past_the_page_cap(history):
    full = history["full"]
    assert full.requests_by_resource["tickets"] > PAGE_CAP  # more pages than one window allows...
    assert 400 not in history["sandbox_status"]  # ...and never a page beyond the cap


def test_a_run_with_nothing_changed_reads_no_conversations(history):
    full, unchanged = history["full"], history["unchanged"]
    assert unchanged.records.get("ticket_conversations", 0) == 0
    assert unchanged.requests_by_resource.get("ticket_conversations", 0) == 0
    # one page per list endpoint; the full load also read every ticket's conversations
    assert unchanged.requests <= 16 < full.requests
    assert full.http_429 == unchanged.http_429 == 0


def test_loaded_packages_keep_no_copy_of_the_data(history):
    """dlt would keep every load's files under the pipeline directory; after three loads none is left."""
    state_dir = history["work_db"].with_suffix(".dlt")
    loaded = list(state_dir.glob("*/load/loaded/*"))
    assert len(loaded) >= 3
    assert not [p for p in state_dir.rglob("*") if p.suffix in (".parquet", ".jsonl", ".gz", ".sql")]


def test_each_change_landed(history):
    c = history["changed"]
    con = duckdb.connect(str(history["work_db"]), read_only=True)
    q = lambda sql, *a: con.execute(sql, list(a)).fetchall()  # noqa: E731
    assert q('select "Status", "Priority" from freshdesk."Ticket" where "ID" = ?', c["updated"]) == [(5, 4)]
    new_conversation = c["new_conversation_id"]
    assert q('select "Incoming" from freshdesk."TicketConversation" where "ID" = ?', new_conversation) == [(True,)]
    assert q('select "IsDeleted", "Deleted" from freshdesk."Ticket" where "ID" = ?', c["trashed"]) == [(True, True)]
    assert q('select "IsDeleted" from freshdesk."Ticket" where "ID" = ?', c["purged"]) == [(True,)]
    assert q('select bool_and("IsDeleted") from freshdesk."TicketConversation" where "TicketID" = ?',
             c["purged"]) in ([(True,)], [(None,)])
    assert q('select "IsDeleted" from freshdesk."Contact" where "ID" = ?', c["soft_deleted_contact"]) == [(True,)]
    assert q('select "IsDeleted" from freshdesk."Contact" where "ID" = ?', c["purged_contact"]) == [(True,)]
    assert q('select "IsDeleted" from freshdesk."Agent" where "ID" = ?', c["purged_agent"]) == [(True,)]
    added = q('select count(*) from freshdesk."TicketCustomField" where "FieldName" = ? and not "IsDeleted"',
              "cf_added_later")
    assert added[0][0] > 0
    assert q('select distinct "MirrorRemoteID" from freshdesk."Ticket"') == [(7,)]
