"""The account generator: deterministic, sized, lazy, and full of real accounts' awkward cases."""

from __future__ import annotations

import pytest

from load.sandbox import Account, Realism
from load.sandbox.account import SOFT_DELETED, SPAM, TRASH
from load.sandbox.gen_tickets import INCOMING
from tests.groundtruth import expected_tables


def test_same_seed_same_account_different_seed_differs():
    a, b, c = Account(seed=3, scale="tiny"), Account(seed=3, scale="tiny"), Account(seed=4, scale="tiny")
    assert a.ticket_record(5, frozenset({"stats", "description"})) == b.ticket_record(5, frozenset({"stats",
                                                                                                   "description"}))
    assert a.conversations(1) == b.conversations(1)
    assert expected_tables(a) == expected_tables(b)
    assert [a.ticket_record(t)["subject"] for t in range(12, 30)] != [c.ticket_record(t)["subject"]
                                                                      for t in range(12, 30)]


@pytest.mark.parametrize("scale,tickets,contacts,companies,agents",
                         [("tiny", 40, 14, 6, 7), ("demo", 2000, 500, 100, 25)])
def test_presets(scale, tickets, contacts, companies, agents):
    cfg = Account(seed=1, scale=scale).config
    assert (cfg.tickets, cfg.contacts, cfg.companies, cfg.agents) == (tickets, contacts, companies, agents)


def test_explicit_counts_are_lazy():
    acct = Account(seed=1, tickets=60_000, contacts=3000)
    assert acct.config.tickets == 60_000 and acct.config.contacts == 3000
    # Per-ticket state is three compact arrays, not records.
    assert acct.t_updated.itemsize == 8 and len(acct.t_flags) == 60_001
    assert acct.ticket_record(59_999)["id"] == 59_999
    assert not acct._records  # nothing encoded until asked for


def test_timestamps_ids_and_custom_field_types():
    acct = Account(seed=1, scale="tiny")
    types = set()
    for t in range(1, 41):
        rec = acct.ticket_record(t)
        assert rec["created_at"].endswith("Z") and len(rec["created_at"]) == 20
        assert rec["created_at"] <= rec["updated_at"] <= acct.clock.now_iso()
        types.update(type(v).__name__ for v in rec["custom_fields"].values())
        assert rec["requester_id"] > 10**10  # large ids, small ticket ids
    assert {"str", "float", "int", "bool", "NoneType"} <= types
    dates = [v for t in range(1, 41) for k, v in acct.ticket_record(t)["custom_fields"].items()
             if k == "cf_purchase_date" and v]
    assert dates and all(len(d) == 10 for d in dates)
    assert acct.contact_record(0)["org_contact_id"] > 2**53


def test_awkward_cases_present_in_tiny():
    acct = Account(seed=1, scale="tiny", realism=Realism.kind())
    agent_ids = {a["id"] for a in acct.agents}
    flags = [acct.ticket_flags(t) for t in range(1, 41)]
    assert any(f & TRASH for f in flags) and any(f & SPAM for f in flags)
    recs = [acct.ticket_record(t) for t in range(1, 41)]
    assert any(r["responder_id"] and r["responder_id"] not in agent_ids for r in recs)
    assert any(acct.contact_index(r["requester_id"]) is None for r in recs)
    assert any(r["company_id"] and acct.company_index(r["company_id"]) is None for r in recs)
    assert any(r["cc_emails"] is None and r["fwd_emails"] is None for r in recs)
    deactivated = [a for a in acct.agents if a["deactivated"]]
    assert deactivated and any(r["responder_id"] == deactivated[0]["id"] for r in recs)
    convs = acct.conversations(1)
    incoming = [c for c in convs if c["incoming"]]
    assert incoming and all(c["user_id"] == recs[0]["requester_id"] for c in incoming)
    assert [c["created_at"] for c in convs] == sorted(c["created_at"] for c in convs)
    assert any(c["attachments"] for c in convs) and any(c["bcc_emails"] is None for c in convs)
    assert INCOMING in {acct.gen.conv_kind(1, k) for k in range(6)}
    contacts = [acct.contact_record(i) for i in range(acct.config.contacts)]
    assert any(acct.c_state[i] == SOFT_DELETED for i in range(acct.config.contacts))
    assert any(c["other_emails"] and c["other_companies"] and c["other_phone_numbers"] for c in contacts)
    assert any(p["label"] is None for c in contacts for p in c["other_phone_numbers"])
    assert any(acct.company_record(j)["domains"] for j in range(acct.config.companies))
    sla = [p for p in acct.sla_policies if not p["is_default"]]
    assert all(set(p["sla_target"]) == {"priority_1", "priority_2", "priority_3", "priority_4"} for p in sla)
    assert any(-1 in p["escalation"]["response"]["agent_ids"] for p in sla)
    assert any(p["applicable_to"] for p in sla) and acct.sla_policies[0]["applicable_to"] == {}
    kinds = {m["mailbox_type"] for m in acct.mailboxes}
    assert kinds == {"freshdesk_mailbox", "custom_mailbox"}
    assert acct.time_entries_of(1) and acct.time_entries_of(1)[0]["time_spent"] == "10:40"


def test_bursts_share_updated_at():
    acct = Account(seed=1, scale="demo")
    stamps = [acct.t_updated[t] for t in range(1, acct.config.tickets + 1)]
    biggest = max(stamps.count(s) for s in set(stamps))
    assert biggest > 100  # more than one full page shares a second
    assert len({acct.t_updated[t] for t in range(1, 7)}) == 1


def test_conversation_counts_have_a_long_tail():
    acct = Account(seed=1, scale="demo")
    counts = [acct.gen.n_conv(t) for t in range(1, 2001)]
    assert 0 in counts and max(counts) >= 20
    assert sorted(counts)[1000] <= 3
