"""The unkind behaviours of real accounts (issue 12): each on by default, each switchable off."""

from __future__ import annotations

from dataclasses import fields

import pytest

from load.sandbox import Account, Realism, SandboxServer
from load.sandbox.__main__ import main as sandbox_main
from load.sandbox.realism import PLAN_SWITCHES

from .conftest import Api

ALL = "/tickets?updated_since=2000-01-01T00:00:00Z&per_page=100"
VIEW_ONLY = {"tags", "other_emails", "avatar", "view_all_tickets", "deleted"}


@pytest.fixture(scope="module")
def still():
    """Every behaviour on except churn, so that list reads do not move the account (read-only)."""
    acct = Account(seed=1, scale="tiny", realism=Realism(churn=0))
    with SandboxServer(account=acct) as sb:
        api = Api(sb.base_url, sb.api_key)
        yield acct, sb, api
        api.close()


def served(realism: Realism, seed: int = 1):
    acct = Account(seed=seed, scale="tiny", realism=realism)
    sb = SandboxServer(account=acct).start()
    return acct, sb, Api(sb.base_url, sb.api_key)


def test_every_behaviour_is_on_by_default_and_kind_turns_each_off():
    unkind, kind = Realism(), Realism.kind()
    assert all(getattr(unkind, f.name) != getattr(kind, f.name) for f in fields(Realism)
               if f.name not in PLAN_SWITCHES)
    # the demo account's plan has every feature: `make demo` fills every published table
    assert not any(getattr(unkind, name) or getattr(kind, name) for name in PLAN_SWITCHES)
    assert Account(seed=1, scale="tiny").realism == unkind
    assert Realism.parse(["kind", "churn=3", "agent_contact_view=404"]) == Realism.kind(churn=3,
                                                                                      agent_contact_view="404")
    with pytest.raises(ValueError, match="trashed_conversations"):
        Realism.parse(["trashed_conversations=500"])
    with pytest.raises(ValueError, match="unknown realism setting"):
        Realism.parse(["colour=blue"])
    assert sandbox_main(["serve", "--realism", "churn=-1"]) == 2


def test_contact_list_is_slimmer_than_the_view(still):
    acct, sb, api = still
    rows = api.all_pages("/contacts?per_page=100")
    assert rows and not any(VIEW_ONLY & set(c) for c in rows)
    assert not any({"other_phone_numbers", "other_companies"} & set(c) for c in rows)
    view = api.get(f"/contacts/{rows[0]['id']}").json()
    assert VIEW_ONLY | {"other_phone_numbers", "other_companies"} <= set(view)
    deleted = api.all_pages("/contacts?state=deleted")
    assert deleted and not any("deleted" in c for c in deleted)
    acct2, sb2, api2 = served(Realism(churn=0, contact_list_others=True))
    try:
        row = api2.all_pages("/contacts?per_page=100")[0]
        assert {"other_phone_numbers", "other_companies"} <= set(row) and not VIEW_ONLY & set(row)
    finally:
        api2.close()
        sb2.stop()


def test_archived_tickets_leave_every_list_and_are_served_one_by_one(still):
    acct, sb, api = still
    archived = acct.archived_ids()
    assert archived and any(acct.conversation_count(t) for t in archived)
    listed = set()
    for extra in ("", "&filter=deleted", "&filter=spam", "&order_by=updated_at&order_type=asc"):
        listed |= {t["id"] for t in api.all_pages(ALL + extra)}
    listed |= {t["id"] for t in api.all_pages("/tickets?per_page=100")}
    assert not listed & set(archived)
    assert listed | set(archived) == set(range(1, acct.config.tickets + 1))  # ids are display ids 1..N
    t = next(t for t in archived if acct.conversation_count(t) > 1)
    assert api.get(f"/tickets/{t}").status == 404
    assert api.get(f"/tickets/{t}/conversations").status == 404
    view = api.get(f"/tickets/archived/{t}").json()
    assert view["archived"] is True and "deleted" not in view and view["status"] == 5
    assert view["id"] == t and "description" in view and "attachments" in view
    convs = api.all_pages(f"/tickets/archived/{t}/conversations?per_page=1")
    assert [c["id"] for c in convs] == [c["id"] for c in acct.conversations(t)]
    live = next(iter(listed))
    assert api.get(f"/tickets/archived/{live}").status == 404
    assert api.get(f"/tickets/archived/{live}/conversations").status == 404
    assert api.get("/tickets/archived/999999").status == 404
    # include=stats,requester as on the ticket view, a credit each; the archive's trimmed field set
    assert not {"email_config_id", "association_type", "support_email", "form_id", "stats"} & set(view)
    before = sb.stats.credits_used
    full = api.get(f"/tickets/archived/{t}?include=stats,requester")
    assert sb.stats.credits_used - before == 3
    stats = acct.ticket_record(t, frozenset({"stats"}), view=True)["stats"]
    assert full.json()["stats"] == stats and stats["closed_at"] and full.json()["requester"]["id"]
    # include=conversations as on the ticket view (HK's archive test asks it): the first ten, a credit more
    before = sb.stats.credits_used
    with_convs = api.get(f"/tickets/archived/{t}?include=stats,conversations").json()
    assert sb.stats.credits_used - before == 3
    assert [c["id"] for c in with_convs["conversations"]] == [c["id"] for c in acct.conversations(t)][:10]
    assert api.get(f"/tickets/archived/{t}?include=description").status == 400
    assert api.get(f"/tickets/archived/{t}?page=2").status == 400


def test_archiving_by_age_by_mutation_and_purged_ids():
    acct, sb, api = served(Realism(churn=0))
    try:
        acct.clock.advance(seconds=5)
        live = [t["id"] for t in api.all_pages(ALL)]
        first, second, third = live[-1], live[-2], live[-3]
        acct.update_ticket(first, status=5)
        acct.update_ticket(second, status=5)
        acct.update_ticket(third, status=4)
        with pytest.raises(ValueError, match="not closed"):
            acct.archive_ticket(third)
        acct.archive_ticket(second)
        assert api.get(f"/tickets/archived/{second}").status == 200
        acct.clock.advance(days=119)
        assert api.get(f"/tickets/{first}").status == 200
        acct.clock.advance(days=2)  # 121 days after the last change: archived by age
        assert api.get(f"/tickets/{first}").status == 404
        assert api.get(f"/tickets/archived/{first}").json()["archived"] is True
        assert api.get(f"/tickets/{third}").status == 200  # resolved, not closed: stays
        with pytest.raises(ValueError, match="archived"):
            acct.update_ticket(first, status=2)
        acct.hard_delete_ticket(first)
        assert api.get(f"/tickets/archived/{first}").status == 404
        assert api.get(f"/tickets/archived/{first}/conversations").status == 404
    finally:
        api.close()
        sb.stop()
    kind = Account(seed=1, scale="tiny", realism=Realism.kind())
    assert kind.archived_ids() == []
    assert Account(seed=1, scale="demo", realism=Realism(archive_after_days=100_000)).archived_ids() == []


def test_generated_accounts_hold_archived_tickets_with_conversations():
    for scale in ("tiny", "demo"):
        acct = Account(seed=1, scale=scale)
        archived = acct.archived_ids()
        assert sum(1 for t in archived if acct.conversation_count(t)) >= 5, scale


def test_blocked_contacts(still):
    acct, sb, api = still
    default = {c["id"] for c in api.all_pages("/contacts?per_page=100")}
    blocked = {c["id"] for c in api.all_pages("/contacts?state=blocked")}
    assert blocked and not default & blocked
    requester = api.get("/tickets/12").json()["requester_id"]
    assert requester in blocked
    view = api.get(f"/contacts/{requester}")
    assert view.status == 200 and view.json()["deleted"] is False
    stamp = api.get(f"/contacts/{requester}").json()["updated_at"]
    assert requester in {c["id"] for c in api.all_pages(f"/contacts?state=blocked&_updated_since={stamp}")}
    assert not api.all_pages("/contacts?state=blocked&_updated_since=2099-01-01")
    acct2, sb2, api2 = served(Realism(churn=0))
    try:
        acct2.clock.advance(seconds=30)
        victim = api2.all_pages("/contacts?per_page=100")[0]["id"]
        acct2.block_contact(victim)
        assert victim not in {c["id"] for c in api2.all_pages("/contacts?per_page=100")}
        moved = api2.all_pages(f"/contacts?state=blocked&_updated_since={acct2.clock.now_iso()}")
        assert [c["id"] for c in moved] == [victim]
    finally:
        api2.close()
        sb2.stop()
    kind = Account(seed=1, scale="tiny", realism=Realism.kind())
    assert not any(kind.c_blocked)


def test_agents_as_requesters(still):
    acct, sb, api = still
    agents = {a["id"]: a for a in api.all_pages("/agents")}
    ticket = api.get("/tickets?requester_id={}&per_page=100".format(acct.agents[0]["id"]))
    assert 13 in {t["id"] for t in ticket.json()}
    with_requester = api.get("/tickets/13?include=requester").json()
    assert with_requester["requester_id"] in agents
    assert with_requester["requester"]["email"] == agents[with_requester["requester_id"]]["contact"]["email"]
    contacts = {c["id"] for c in api.all_pages("/contacts?per_page=100")}
    contacts |= {c["id"] for state in ("blocked", "deleted") for c in api.all_pages(f"/contacts?state={state}")}
    assert not contacts & set(agents)
    assert api.get(f"/contacts/{with_requester['requester_id']}").status == 404
    acct2, sb2, api2 = served(Realism(churn=0, agent_contact_view="contact"))
    try:
        contact = api2.get(f"/contacts/{acct2.agents[0]['id']}")
        assert contact.status == 200 and contact.json()["email"] == acct2.agents[0]["contact"]["email"]
    finally:
        api2.close()
        sb2.stop()
    kind = Account(seed=1, scale="tiny", realism=Realism.kind())
    assert kind.ticket_record(13)["requester_id"] not in {a["id"] for a in kind.agents}


def test_the_demo_plan_has_slas_time_tracking_and_products(still):
    acct, sb, api = still
    policies = api.all_pages("/sla_policies")
    assert len(policies) > 1 and [p["is_default"] for p in policies].count(True) == 1
    assert {key for p in policies for key in p["applicable_to"]} == {"company_ids", "group_ids", "product_ids",
                                                                    "sources", "ticket_types"}
    assert api.all_pages("/products") and api.all_pages("/time_entries")
    assert any(t["product_id"] for t in api.all_pages(ALL))


def test_missing_features_answer_like_freshdesk():
    """A plan without timesheets and products answers 403 on them; `/sla_policies` is served on
    every plan (only creating and updating policies needs SLA management): the default policy."""
    acct, sb, api = served(Realism(churn=0, no_sla=True, no_time_tracking=True, no_products=True))
    try:
        for path, feature in (("/time_entries", "Timesheets"), ("/tickets/1/time_entries", "Timesheets"),
                              ("/products", "Multi Product")):
            reply = api.get(path)
            assert reply.status == 403, path
            assert reply.json() == {"code": "require_feature",
                                    "message": f"The {feature} feature(s) is/are not supported in your plan. "
                                               "Please upgrade your account to use it."}
        assert not any(t["product_id"] for t in api.all_pages(ALL))
        policies = api.all_pages("/sla_policies")
        assert [(p["is_default"], p["applicable_to"]) for p in policies] == [(True, {})]
        assert api.get("/tickets/2/time_entries").status == 403  # the feature check comes first
    finally:
        api.close()
        sb.stop()


def test_legacy_groups_and_rights(still):
    acct, sb, api = still
    legacy = api.get("/admin/groups")
    assert legacy.status == 404 and legacy.body == b""
    assert api.get("/groups").status == 200
    denied = api.get("/agents", key=sb.agent_api_key)
    assert denied.status == 403 and denied.json()["code"] == "access_denied"
    trashed = api.get("/tickets/2/conversations")
    assert trashed.status == 403 and trashed.json()["code"] == "access_denied"
    assert api.get("/tickets/2/time_entries").status == 404
    acct2, sb2, api2 = served(Realism(churn=0, trashed_conversations="404"))
    try:
        assert api2.get("/tickets/2/conversations").status == 404
        assert api2.get("/tickets/3/conversations").body == b""
        assert api2.get("/tickets/1/time_entries").status == 200
    finally:
        api2.close()
        sb2.stop()


def naive_offset_load(api: Api, per_page: int) -> list[int]:
    """Page 1, 2, 3... over updated_at order, as every open connector does."""
    seen, page = [], 1
    while True:
        reply = api.get(f"{ALL.replace('per_page=100', f'per_page={per_page}')}"
                        f"&order_by=updated_at&order_type=asc&page={page}")
        seen.extend(t["id"] for t in reply.json())
        if not reply.next_url:
            return seen
        page += 1


def test_churn_makes_a_naive_offset_loader_skip_a_ticket():
    acct, sb, api = served(Realism(churn=1))
    try:
        start = acct.clock.now()
        seen = naive_offset_load(api, per_page=5)
        live_after = {t["id"] for t in api.all_pages(ALL)}
        pages = -(-len(live_after) // 5)
        assert acct.clock.now() - start == pages - 1  # one step per page with a next page, 1 s each
        assert len(acct.churned) == pages - 1
        missed = live_after - set(seen)
        assert missed, "offset paging under churn must lose the ticket at a page boundary"
        # A ticket changed while the load ran sorts after everything read before the change.
        late = api.all_pages(f"{ALL}&order_by=updated_at&order_type=asc")[-len(set(acct.churned)):]
        assert {t["id"] for t in late} == set(acct.churned)
    finally:
        api.close()
        sb.stop()
    acct, sb, api = served(Realism(churn=0))
    try:
        assert set(naive_offset_load(api, per_page=5)) == {t["id"] for t in api.all_pages(ALL)}
    finally:
        api.close()
        sb.stop()


def test_no_churn_after_the_final_page_and_a_keyset_loader_misses_nothing():
    acct, sb, api = served(Realism(churn=2))
    try:
        single = api.get(ALL)
        assert not single.next_url and acct.churned == []
        # Keyset paging: each request starts at the last updated_at seen (inclusive), deduplicated.
        seen: dict[int, str] = {}
        since = "2000-01-01T00:00:00Z"
        while True:
            reply = api.get(f"/tickets?updated_since={since}&order_by=updated_at&order_type=asc&per_page=10")
            rows = reply.json()
            fresh = [t for t in rows if seen.get(t["id"]) != t["updated_at"]]
            for t in rows:
                seen[t["id"]] = t["updated_at"]
            if not fresh:
                break
            since = rows[-1]["updated_at"]
        live = {t["id"]: t["updated_at"] for t in api.all_pages(ALL)}
        assert acct.churned and seen.keys() >= live.keys()
        assert all(seen[t] == stamp for t, stamp in live.items())
    finally:
        api.close()
        sb.stop()


def test_environment_sets_the_default_world(monkeypatch):
    monkeypatch.setenv("FRESHDESK_SANDBOX_REALISM", "kind, churn=2")
    assert Account(seed=1, scale="tiny").realism == Realism.kind(churn=2)
    assert Account(seed=1, scale="tiny", realism=Realism()).realism == Realism()  # an explicit one wins
    monkeypatch.setenv("FRESHDESK_SANDBOX_REALISM", "churn=many")
    with pytest.raises(ValueError, match="FRESHDESK_SANDBOX_REALISM: realism churn takes a whole number"):
        Account(seed=1, scale="tiny")
    assert sandbox_main(["serve", "--scale", "tiny"]) == 2
