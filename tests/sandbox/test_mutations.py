"""The sandbox clock and the mutation API, seen through the HTTP API."""

from __future__ import annotations

import pytest

from load.sandbox.clock import iso
from tests.groundtruth import ExpectedWarehouse

SINCE = "/tickets?updated_since={}&order_by=updated_at&order_type=asc"


def test_clock_and_update_ticket(fresh):
    acct, sb, api = fresh
    start = acct.clock.now()
    acct.clock.advance(seconds=3600)
    assert acct.clock.now() == start + 3600
    mark = iso(acct.clock.now())
    assert api.get(SINCE.format(mark)).json() == []
    acct.update_ticket(20, status=4, custom_fields={"cf_region": "APAC"})
    changed = api.get(SINCE.format(mark)).json()
    assert [t["id"] for t in changed] == [20]
    assert changed[0]["updated_at"] == mark and changed[0]["status"] == 4
    assert changed[0]["custom_fields"]["cf_region"] == "APAC"
    with pytest.raises(ValueError):
        acct.update_ticket(20, nonsense=1)


def test_add_conversation_bumps_ticket(fresh):
    acct, sb, api = fresh
    before = api.all_pages("/tickets/13/conversations")
    acct.clock.advance(seconds=120)
    conv_id = acct.add_conversation(13, incoming=True)
    after = api.all_pages("/tickets/13/conversations")
    assert len(after) == len(before) + 1 and after[-1]["id"] == conv_id
    assert after[-1]["incoming"] and after[-1]["user_id"] == api.get("/tickets/13").json()["requester_id"]
    assert api.get("/tickets/13").json()["updated_at"] == acct.clock.now_iso()


def test_soft_delete_spam_and_hard_delete_tickets(fresh):
    acct, sb, api = fresh
    acct.clock.advance(seconds=10)
    acct.soft_delete_ticket(21)
    acct.mark_spam(22)
    acct.hard_delete_ticket(23)
    deleted = {t["id"]: t for t in api.all_pages("/tickets?filter=deleted&updated_since=2000-01-01")}
    assert 21 in deleted and deleted[21]["updated_at"] == acct.clock.now_iso()
    assert 22 in {t["id"] for t in api.all_pages("/tickets?filter=spam")}
    assert api.get("/tickets/21/conversations").status == 404
    assert api.get("/tickets/22/conversations").status == 404
    assert api.get("/tickets/23").status == 404
    everything = api.all_pages("/tickets?updated_since=2000-01-01&per_page=100")
    assert not {21, 22, 23} & {t["id"] for t in everything}
    with pytest.raises(KeyError):
        acct.update_ticket(23, status=2)


def test_contacts_agents_companies_deletions(fresh):
    acct, sb, api = fresh
    contacts = api.all_pages("/contacts")
    acct.clock.advance(seconds=5)
    acct.soft_delete_contact(contacts[0]["id"])
    soft = {c["id"]: c for c in api.all_pages("/contacts?state=deleted")}
    assert soft[contacts[0]["id"]]["deleted"] is True
    assert soft[contacts[0]["id"]]["updated_at"] == acct.clock.now_iso()
    assert api.get(f"/contacts/{contacts[0]['id']}").json()["deleted"] is True
    acct.hard_delete_contact(contacts[0]["id"])
    assert api.get(f"/contacts/{contacts[0]['id']}").status == 404
    assert contacts[0]["id"] not in {c["id"] for c in api.all_pages("/contacts?state=deleted")}
    agent = api.get("/agents").json()[0]
    acct.hard_delete_agent(agent["id"])
    assert api.get(f"/agents/{agent['id']}").status == 404
    company = api.get("/companies").json()[0]
    acct.hard_delete_company(company["id"])
    assert company["id"] not in {c["id"] for c in api.all_pages("/companies")}


def test_custom_field_added_and_retyped(fresh):
    acct, sb, api = fresh
    acct.add_ticket_custom_field("cf_new", kind="date")
    rec = api.get("/tickets/1").json()
    assert "cf_new" in rec["custom_fields"]
    before = {t: acct.ticket_record(t)["custom_fields"]["cf_seats"] for t in range(1, 41)}
    assert any(isinstance(v, int) for v in before.values())
    acct.change_ticket_custom_field_type("cf_seats", "string")
    after = [api.get(f"/tickets/{t}").json()["custom_fields"]["cf_seats"] for t in range(1, 41)]
    assert all(v is None or isinstance(v, str) for v in after)
    mark = acct.clock.advance(seconds=1)
    acct.add_ticket_custom_field("cf_touch", kind="number", touch=True)
    assert len(api.all_pages(SINCE.format(iso(mark)))) > 0


def test_ground_truth_follows_mutations(fresh):
    acct, sb, api = fresh
    oracle = ExpectedWarehouse()
    before = oracle.observe(acct).counts()
    acct.soft_delete_ticket(25)
    acct.add_conversation(26)
    after = oracle.observe(acct).counts()
    assert after["Ticket"]["deleted"] == before["Ticket"]["deleted"] + 1
    assert after["TicketConversation"]["rows"] == before["TicketConversation"]["rows"] + 1
    assert after["TicketConversation"]["deleted"] >= before["TicketConversation"]["deleted"]
    acct.add_ticket_custom_field("cf_more")
    assert oracle.observe(acct).counts()["TicketCustomField"]["rows"] == before["TicketCustomField"]["rows"] + 40
