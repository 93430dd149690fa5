"""End to end against a sandbox with every unkind behaviour of real accounts on (issue 12), churn
included: a first load, then one after a ticket was archived and a contact blocked, then one with
nothing changed. Each behaviour is checked row by row in the published tables against the account."""

from __future__ import annotations

import logging

import duckdb
import pytest

from load.pipeline import run_load
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from tests.conftest import dbt_build, loader_settings
from tests.groundtruth import ExpectedWarehouse, compare, describe

PER_PAGE = 5  # tiny's 40 tickets over many pages: the account churns under the ticket list


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("real")
    work_db = tmp / "work.duckdb"
    # every unkind behaviour, on a plan without SLA management, timesheets and products
    account = Account(seed=11, scale="tiny", realism=Realism(no_sla=True, no_time_tracking=True, no_products=True))
    steps: dict = {"account": account, "work_db": work_db}
    handler = _Capture()
    logging.getLogger("freshdesk").addHandler(handler)
    try:
        with SandboxServer(account=account) as sandbox:
            settings = loader_settings(sandbox, work_db, per_page=PER_PAGE)
            steps["full"] = run_load(settings)
            steps["routes_full"] = dict(sandbox.stats.by_route)
            steps["warnings"] = list(handler.warnings)
            dbt_build(work_db, tmp / "dbt1")
            steps["full_rows"] = _rows(work_db, account)
            expected = ExpectedWarehouse(mirror_remote_id=settings.mirror_remote_id).observe(account)
            steps["diff_full"] = compare(work_db, expected.tables())
            steps["churned"] = list(account.churned)

            account.clock.advance(seconds=3600)
            closed = [t for t in account.ticket_ids(view="default", order_by="updated_at", order_type="asc")
                      if account.ticket_record(t)["status"] == 5 and t not in account.archived_ids()]
            live_contacts = [account.contact_record(i)["id"] for i in account.contact_ids()]
            steps["archived_now"], steps["blocked_now"] = closed[0], live_contacts[0]
            account.archive_ticket(closed[0])
            account.block_contact(live_contacts[0])
            steps["incremental"] = run_load(settings)
            steps["routes_incremental"] = dict(sandbox.stats.by_route)
            dbt_build(work_db, tmp / "dbt2")
            steps["incremental_rows"] = _rows(work_db, account)
            steps["diff_incremental"] = compare(work_db, expected.observe(account).tables())
            churned_before = len(account.churned)
            steps["unchanged"] = run_load(settings)
            steps["churned_during_unchanged"] = account.churned[churned_before:]
            steps["routes_unchanged"] = dict(sandbox.stats.by_route)
    finally:
        logging.getLogger("freshdesk").removeHandler(handler)
    return steps


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings.append(record.getMessage())


def _rows(work_db, account: Account) -> dict:
    """What the checks compare, read from the published tables right after a build."""
    con = duckdb.connect(str(work_db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "tickets": {r[0]: r[1:] for r in q('select "ID", "Status", "Priority", "IsDeleted", "UpdatedAt" '
                                               'from freshdesk."Ticket"')},
            "conversations": {r[0]: r[1:] for r in q('select "ID", "TicketID", "IsDeleted" '
                                                     'from freshdesk."TicketConversation"')},
            "contacts": {r[0]: r[1:] for r in q('select "ID", "IsDeleted", "AvatarID", "ViewAllTickets" '
                                                'from freshdesk."Contact"')},
            "contact_tags": set(q('select "ContactID", "Tag" from freshdesk."ContactTag" where not "IsDeleted"')),
            "contact_emails": set(q('select "ContactID", "EmailAddress" from freshdesk."ContactOtherEmail" '
                                    'where not "IsDeleted"')),
            "groups": {r[0] for r in q('select "ID" from freshdesk."Group" where not "IsDeleted"')},
            "group_agents": set(q('select "GroupID", "AgentID" from freshdesk."GroupAgent" where not "IsDeleted"')),
            "counts": {t: q(f'select count(*) from freshdesk."{t}"')[0][0]
                       for t in ("Product", "SLAPolicy", "SLAPolicyTarget", "TimeEntry")},
            "archived_raw": {r[0] for r in q("select id from freshdesk_raw.tickets where archived")},
            "archived_kept": {r[0]: r[1:] for r in q(
                "select id, strftime(stats__first_responded_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ'), "
                "strftime(stats__closed_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ'), requester__email, "
                "email_config_id, form_id from freshdesk_raw.tickets where archived")},
            # the account as it is right after the load
            "expected_tickets": {t: (account.ticket_record(t)["status"], account.ticket_record(t)["priority"])
                                 for t in account.iter_ticket_ids() if account.ticket_exists(t)},
            "expected_archived": set(account.archived_ids()),
        }
    finally:
        con.close()


@pytest.mark.parametrize("step", ["diff_full", "diff_incremental"])
def test_published_tables_equal_the_ground_truth_row_for_row(real, step):
    """Every column of every published table, against the oracle of the unkind account."""
    assert real[step] == {}, describe(real[step])


def _live_contact_indices(account: Account) -> list[int]:
    """Contacts a load can know: not purged, and in some list (the spam watcher's are in none)."""
    return [i for i in range(account.config.contacts) if account.c_state[i] != 2 and not account.contact_unlisted(i)]


@pytest.mark.parametrize("step", ["full_rows", "incremental_rows"])
def test_every_ticket_is_read_in_its_newest_version_despite_churn(real, step):
    rows = real[step]
    assert real["churned"], "the account did not churn under the ticket list"
    for t, (status, priority) in rows["expected_tickets"].items():
        assert rows["tickets"][t][:2] == (status, priority), t
    for t in rows["expected_archived"]:
        assert rows["tickets"][t][2] is False, f"archived ticket {t} flagged deleted"


def test_archived_tickets_are_loaded_with_their_conversations(real):
    account, rows = real["account"], real["incremental_rows"]
    archived = set(account.archived_ids())
    assert len(archived) >= 10 and real["archived_now"] in archived
    assert rows["archived_raw"] == archived
    for t in archived:
        assert rows["tickets"][t][2] is False
        expected = {c["id"] for c in account.conversations(t)}
        loaded = {cid for cid, (tid, deleted) in rows["conversations"].items() if tid == t and not deleted}
        assert loaded == expected, t


def test_each_missing_id_is_probed_once(real):
    full, inc, unchanged = real["routes_full"], real["routes_incremental"], real["routes_unchanged"]
    archived_at_first = len(real["full_rows"]["archived_raw"])
    assert full["archived_ticket"] >= archived_at_first
    # the second load probes only the ticket archived since (plus the ids it found gone the first time: none)
    assert inc["archived_ticket"] - full["archived_ticket"] == 1
    assert unchanged["archived_ticket"] == inc["archived_ticket"]
    assert unchanged.get("archived_conversations") == inc.get("archived_conversations")


def test_contacts_carry_their_view_only_fields(real):
    account, rows = real["account"], real["incremental_rows"]
    tags, emails = set(), set()
    for i in _live_contact_indices(account):
        view = account.contact_record(i, view=True)
        tags |= {(view["id"], tag) for tag in view["tags"]}
        emails |= {(view["id"], e) for e in view["other_emails"]}
        avatar = (view.get("avatar") or {}).get("id")
        assert rows["contacts"][view["id"]][1:] == (avatar, view["view_all_tickets"]), view["id"]
    assert tags and rows["contact_tags"] >= tags
    assert emails and rows["contact_emails"] >= emails


def test_blocked_contacts_are_loaded_and_not_deleted(real):
    account, rows = real["account"], real["incremental_rows"]
    blocked = [account.contact_record(i)["id"] for i in range(account.config.contacts) if account.contact_blocked(i)]
    assert real["blocked_now"] in blocked and len(blocked) >= 2
    for cid in blocked:
        assert rows["contacts"][cid][0] is False, cid
    requester_12 = account.ticket_record(12)["requester_id"]
    assert requester_12 in blocked and rows["contacts"][requester_12][0] is False


def test_missing_features_skip_with_one_warning_each_and_empty_tables(real):
    """Timesheets and products are skipped; SLA policies are served on every plan: the default one."""
    warnings = real["warnings"]
    for resource in ("products", "time_entries"):
        assert sum(w.startswith(f"skipping {resource}:") for w in warnings) == 1, warnings
    assert not [w for w in warnings if "sla_policies" in w]
    assert real["full_rows"]["counts"] == {"Product": 0, "SLAPolicy": 1, "SLAPolicyTarget": 4, "TimeEntry": 0}
    assert not [w for w in warnings if "groups" in w]  # legacy groups are a fallback, not a skip


def test_legacy_groups_fill_group_and_group_agent(real):
    account, rows = real["account"], real["full_rows"]
    assert rows["groups"] == {g["id"] for g in account.groups}
    assert rows["group_agents"] == {(g["id"], a) for g in account.groups for a in g["agent_ids"]}


def test_a_run_with_nothing_changed_reads_no_views(real):
    """No contact view, no probe; conversations only of the tickets that churned during that very run (a
    ticket changed twice while the lists paged may be read twice: one read per change at most)."""
    unchanged, inc = real["routes_unchanged"], real["routes_incremental"]
    assert unchanged.get("contact") == inc.get("contact")
    conversations = real["unchanged"].requests_by_resource.get("ticket_conversations", 0)
    assert conversations <= len(real["churned_during_unchanged"]), real["churned_during_unchanged"]


def test_archived_tickets_carry_their_stats_and_keep_what_the_archive_lacks(real):
    """Every archived ticket has the stats and requester its archived view serves; the one archived after
    it was loaded live keeps its mailbox and form, which the archived view does not serve."""
    account, kept = real["account"], real["incremental_rows"]["archived_kept"]
    assert real["archived_now"] in kept and len(kept) > 1
    for t, (first, closed, email, _mailbox, _form) in kept.items():
        view = account.archived_ticket_record(t, frozenset({"stats", "requester"}))
        assert (first, closed, email) == (view["stats"]["first_responded_at"], view["stats"]["closed_at"],
                                          view["requester"]["email"]), t
        assert closed is not None, t
    live = account.ticket_record(real["archived_now"])
    assert kept[real["archived_now"]][3:] == (live["email_config_id"], live["form_id"])
