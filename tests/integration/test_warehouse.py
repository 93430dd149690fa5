"""End to end: sandbox account -> loader -> dbt build, compared with the sandbox's ground truth,
first for a full load, then for an incremental load after the account changed."""

from __future__ import annotations

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
        steps["incremental"] = run_load(settings)
        dbt_build(work_db, tmp / "dbt2")
        steps["truth_incremental"] = account.truth()
        steps["counts_incremental"] = published_counts(work_db)
    steps["work_db"] = work_db
    return steps


def _diff(truth, counts):
    return {t: (truth[t], counts.get(t)) for t in truth if counts.get(t) != truth[t]}


def test_full_load_matches_ground_truth(history):
    assert len(history["counts_full"]) == 29
    assert _diff(history["truth_full"], history["counts_full"]) == {}


def test_incremental_load_matches_ground_truth(history):
    assert _diff(history["truth_incremental"], history["counts_incremental"]) == {}


def test_incremental_load_reads_only_what_changed(history):
    full, incremental = history["full"], history["incremental"]
    # every ticket was touched by the new custom field, so conversations are re-read; everything
    # else is a handful of list pages
    assert incremental.records["ticket_conversations"] <= full.records["ticket_conversations"] + 1
    assert incremental.http_429 == 0


def test_each_change_landed(history):
    c = history["changed"]
    con = duckdb.connect(str(history["work_db"]), read_only=True)
    q = lambda sql, *a: con.execute(sql, list(a)).fetchall()  # noqa: E731
    assert q('select "Status", "Priority" from freshdesk."Ticket" where "ID" = ?', c["updated"]) == [(5, 4)]
    assert q('select "Incoming" from freshdesk."TicketConversation" where "ID" = ?', c["new_conversation_id"]) == [(True,)]
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
