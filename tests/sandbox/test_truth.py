"""Ground truth against an independent crawl of the API by a minimal "warehouse".

The crawler below knows only the public API: it reads every endpoint the way a loader
does, keeps every record it has ever seen (flagging vanished ones deleted), replaces child
rows whenever it re-reads a parent, and adds a deleted placeholder for every referenced id
it never saw. Its counts must equal `Account.truth()`, before and after mutations. `truth.py` describes the
kind world (`Realism.kind()`); the row-level oracle in tests/groundtruth/ replaces it.
"""

from __future__ import annotations

from load.sandbox import Account, Realism, SandboxServer
from load.sandbox.truth import TABLES

from .conftest import Api

SINCE = "updated_since=2000-01-01T00:00:00Z"


class MiniWarehouse:
    def __init__(self) -> None:
        self.rows: dict[str, dict[int, dict]] = {}
        self.deleted: dict[str, dict[int, bool]] = {}

    def load(self, table: str, records: dict[int, dict], deleted_flags: dict[int, bool], full: bool = True) -> None:
        rows, deleted = self.rows.setdefault(table, {}), self.deleted.setdefault(table, {})
        for key, rec in records.items():
            rows[key] = rec
            deleted[key] = deleted_flags.get(key, False)
        if full:
            for key in rows:
                if key not in records:
                    deleted[key] = True  # vanished from a full read: hard-deleted

    def crawl(self, api: Api) -> None:
        tickets, flags = {}, {}
        for extra in ("", "&filter=spam", "&filter=deleted"):
            for t in api.all_pages(f"/tickets?{SINCE}&per_page=100&include=requester,stats{extra}"):
                tickets[t["id"]] = t
                flags[t["id"]] = t.get("deleted", False)
        self.load("Ticket", tickets, flags)
        contacts, cflags = {}, {}
        for extra in ("", "&state=deleted"):
            for c in api.all_pages(f"/contacts?per_page=100{extra}"):
                contacts[c["id"]] = c
                cflags[c["id"]] = c.get("deleted", False)
        self.load("Contact", contacts, cflags)
        for table, path in (("Company", "/companies"), ("Agent", "/agents"), ("Group", "/admin/groups"),
                            ("Product", "/products"), ("Role", "/roles"), ("SLAPolicy", "/sla_policies"),
                            ("EmailMailbox", "/email/mailboxes"), ("TimeEntry", "/time_entries")):
            self.load(table, {r["id"]: r for r in api.all_pages(path + "?per_page=100")}, {})
        for tid, ticket in tickets.items():
            if ticket["spam"] or ticket.get("deleted"):
                continue
            convs = api.all_pages(f"/tickets/{tid}/conversations?per_page=100")
            self.load("TicketConversation", {c["id"]: c for c in convs}, {}, full=False)

    def counts(self) -> dict[str, dict[str, int]]:
        out = {name: {"rows": 0, "deleted": 0} for name in TABLES}

        def add(table: str, n: int, deleted: bool) -> None:
            out[table]["rows"] += n
            out[table]["deleted"] += n if deleted else 0

        rows, dele = self.rows, self.deleted
        for table in ("Ticket", "Contact", "Company", "Agent", "Group", "Product", "Role", "SLAPolicy",
                      "EmailMailbox"):
            for key in rows[table]:
                add(table, 1, dele[table][key])
        for key, c in rows["Company"].items():
            add("CompanyDomain", len(set(c["domains"])), dele["Company"][key])
        for key, c in rows["Contact"].items():
            d = dele["Contact"][key]
            add("ContactOtherEmail", len(set(c["other_emails"])), d)
            add("ContactOtherCompany", len(set(c["other_companies"])), d)
            add("ContactOtherPhoneNumber", len({p["value"] for p in c["other_phone_numbers"]}), d)
            add("ContactTag", len(set(c["tags"])), d)
        for g in rows["Group"].values():
            add("GroupAgent", len(set(g["agent_ids"])), False)
        for p in rows["SLAPolicy"].values():
            add("SLAPolicyTarget", len(p["sla_target"]), False)
            esc = p["escalation"]
            levels = [esc.get("response") or {}, *(esc.get("resolution") or {}).values()]
            add("SLAPolicyAgentEscalation", sum(len(set(lv.get("agent_ids", []))) for lv in levels), False)
            for key, suffix in (("company_ids", "Company"), ("group_ids", "Group"), ("sources", "Source"),
                                ("ticket_types", "TicketType"), ("product_ids", "Product")):
                add("SLAPolicyApplicableTo" + suffix, len(set(p["applicable_to"].get(key, []))), False)
        for key, t in rows["Ticket"].items():
            d = dele["Ticket"][key]
            add("TicketTag", len(set(t["tags"])), d)
            addresses = set()
            for field in ("to_emails", "cc_emails", "reply_cc_emails", "fwd_emails"):
                addresses.update(t[field] or ())
            add("TicketRecipient", len(addresses), d)
            add("TicketCustomField", len(t["custom_fields"]), d)
        for c in rows.get("TicketConversation", {}).values():
            d = dele["Ticket"][c["ticket_id"]]
            add("TicketConversation", 1, d)
            add("TicketConversationAttachment", len(c["attachments"]), d)
            add("TicketConversationRecipient", len(set(c["to_emails"]) | set(c["cc_emails"]) |
                                                   set(c["bcc_emails"] or ())), d)
        for key in rows["TimeEntry"]:
            add("TimeEntry", 1, dele["TimeEntry"][key])
        for table, ids in self.references().items():
            missing = {i for i in ids if i is not None and i not in rows[table]}
            add(table, len(missing), True)
        return out

    def references(self) -> dict[str, set]:
        rows = self.rows
        refs: dict[str, set] = {"Agent": set(), "Contact": set(), "Company": set(), "Group": set(),
                                "Product": set(), "EmailMailbox": set()}
        for t in rows["Ticket"].values():
            refs["Agent"].add(t["responder_id"])
            refs["Contact"].add(t["requester_id"])
            refs["Company"].add(t["company_id"])
            refs["Group"].add(t["group_id"])
            refs["Product"].add(t["product_id"])
            refs["EmailMailbox"].add(t["email_config_id"])
        for c in rows["Contact"].values():
            refs["Company"].add(c["company_id"])
            refs["Company"].update(c["other_companies"])
        for g in rows["Group"].values():
            refs["Agent"].add(g["escalate_to"])
            refs["Agent"].update(g["agent_ids"])
        for p in rows["SLAPolicy"].values():
            esc = p["escalation"]
            for lv in [esc.get("response") or {}, *(esc.get("resolution") or {}).values()]:
                refs["Agent"].update(a for a in lv.get("agent_ids", []) if a != -1)
            refs["Company"].update(p["applicable_to"].get("company_ids", []))
            refs["Group"].update(p["applicable_to"].get("group_ids", []))
            refs["Product"].update(p["applicable_to"].get("product_ids", []))
        for m in rows["EmailMailbox"].values():
            refs["Group"].add(m["group_id"])
            refs["Product"].add(m["product_id"])
        for e in rows["TimeEntry"].values():
            refs["Agent"].add(e["agent_id"])
            refs["Company"].add(e["company_id"])
        for c in rows.get("TicketConversation", {}).values():
            if not c["incoming"]:
                refs["Agent"].add(c["user_id"])
            refs["Agent"].add(c["last_edited_user_id"])
        return refs


def test_truth_covers_all_documented_tables():
    truth = Account(seed=1, scale="tiny", realism=Realism.kind()).truth()
    assert set(truth) == set(TABLES) and len(TABLES) == 29
    assert all(v["rows"] >= 1 for v in truth.values()), truth
    assert truth["Agent"]["deleted"] >= 1 and truth["Contact"]["deleted"] >= 2


def test_truth_matches_an_api_crawl_before_and_after_mutations():
    acct = Account(seed=5, scale="tiny", realism=Realism.kind())
    with SandboxServer(account=acct) as sb:
        api = Api(sb.base_url, sb.api_key)
        wh = MiniWarehouse()
        wh.crawl(api)
        assert wh.counts() == acct.truth()

        acct.clock.advance(seconds=3600)
        acct.update_ticket(12, status=5, tags=["vip", "renewal"])
        acct.add_conversation(13, incoming=True)
        acct.add_conversation(13, incoming=False, private=True)
        acct.soft_delete_ticket(14)
        acct.mark_spam(15)
        acct.hard_delete_ticket(16)
        contacts = api.all_pages("/contacts?per_page=100")
        acct.soft_delete_contact(contacts[0]["id"])
        acct.hard_delete_contact(contacts[1]["id"])
        agents = api.all_pages("/agents")
        acct.hard_delete_agent(agents[0]["id"])
        acct.hard_delete_company(api.all_pages("/companies")[0]["id"])
        wh.crawl(api)
        assert wh.counts() == acct.truth()

        acct.clock.advance(seconds=60)
        # Purge first: a record purged in the same batch as a schema change was last loaded before it.
        acct.hard_delete_ticket(14)
        acct.hard_delete_contact(contacts[0]["id"])
        acct.add_ticket_custom_field("cf_new", kind="boolean")
        acct.change_ticket_custom_field_type("cf_seats", "string")
        wh.crawl(api)
        assert wh.counts() == acct.truth()
        api.close()
