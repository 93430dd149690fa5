"""The rows every published table should hold: a row-level oracle built from the sandbox account.

`ExpectedWarehouse` models the warehouse as a fold of full reads: `observe(account)` after each
load records what the API serves then (`served.py`), keeping every record ever seen as it was
last seen, and whether the latest read still returned it. `tables()` derives the 29 tables from
that, column by column, from the API fields as SPEC.md and the docs blocks
(`dbt_project/models/docs/*.md`) describe them, without the loader or dbt:

- a root record's row carries its fields; child rows (tags, recipients, domains, ...) are the
  parent's children as last seen, one per natural key, `RemoteID` `<parent id>:<key>`;
- `IsDeleted` (docs block `is_deleted`): tickets in the trash or gone from the latest read,
  soft-deleted or vanished contacts, any other root record not returned by the latest read,
  conversations not returned by the latest read of their ticket or whose ticket is deleted,
  child rows with their parent; spam and deactivation are not deletion;
- a placeholder row (`IsDeleted` true, only `RemoteID`, `MirrorRemoteID` and `ID` set) for each
  id referenced (per each table's docs) but never returned by the API.

Assumption (the one a full read cannot know): the warehouse was loaded after each mutation
batch, and every record it keeps was re-read after its last change (incremental loads see
changes through `updated_at`; a change that does not touch it, like a custom field added
without `touch=True`, is outside this model).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from load.sandbox import Account
from load.sandbox.account import ARCHIVED_DROPS

from .contract import compared_columns, tables
from .served import Served, served

Row = dict[str, Any]
# The root entities `served.Served.records` holds; conversations are kept per ticket.
ENTITIES = ("ticket", "contact", "company", "agent", "group", "product", "role", "sla_policy", "email_mailbox",
            "time_entry")


def ts(value: str | None) -> datetime | None:
    """An API timestamp (`2026-11-01T10:00:00Z`) as an aware UTC datetime."""
    return None if value is None else datetime.fromisoformat(value.replace("Z", "+00:00"))


def custom_value_columns(value: Any) -> tuple[str | None, bool | None, int | None]:
    """`(ValueString, ValueBool, ValueLong)` of a custom field by its JSON type (SPEC.md): booleans
    and whole numbers in their columns, decimals (as their JSON text), dates and text as text,
    lists and objects as JSON text; all NULL when unset."""
    if value is None:
        return None, None, None
    if isinstance(value, bool):
        return None, value, None
    if isinstance(value, int):
        return None, None, value
    if isinstance(value, float):
        return repr(value), None, None
    if isinstance(value, str):
        return value, None, None
    return json.dumps(value, sort_keys=True), None, None


class _Seen:
    """A record as last returned, and whether the latest read returned it."""

    __slots__ = ("record", "served")

    def __init__(self, record: dict, served_now: bool) -> None:
        self.record, self.served = record, served_now


class ExpectedWarehouse:
    """The published tables a correct warehouse holds after the loads observed so far."""

    def __init__(self, mirror_remote_id: int = 1) -> None:
        self.mirror_remote_id = mirror_remote_id
        self.seen: dict[str, dict[int, _Seen]] = {}
        self.conversations: dict[int, dict[int, _Seen]] = {}

    # ------------------------------------------------------------------ the fold

    def observe(self, account: Account) -> ExpectedWarehouse:
        """Record one load of `account` as it is now (call it after every load)."""
        return self.merge(served(account))

    def merge(self, now: Served) -> ExpectedWarehouse:
        """Fold one full read into what the warehouse has seen."""
        for entity, records in now.records.items():
            kept = self.seen.setdefault(entity, {})
            for seen in kept.values():
                seen.served = False
            for rid, rec in records.items():
                before = kept.get(rid)
                if entity == "ticket" and rec.get("archived") and before is not None:
                    # the archive lacks a few fields: the loader keeps the values it last loaded
                    rec = {**{k: before.record[k] for k in ARCHIVED_DROPS if k in before.record}, **rec}
                kept[rid] = _Seen(rec, True)
        for entity, records in now.unlisted.items():
            kept = self.seen.setdefault(entity, {})
            for rid, rec in records.items():
                if rid in kept:  # found again by its view, which the loader asks before calling it deleted
                    kept[rid] = _Seen(rec, True)
        for ticket_id, convs in now.conversations.items():
            kept = self.conversations.setdefault(ticket_id, {})
            for seen in kept.values():
                seen.served = False
            for cid, rec in convs.items():
                kept[cid] = _Seen(rec, True)
        return self

    # ------------------------------------------------------------------ the tables

    def tables(self) -> dict[str, list[tuple]]:
        """`{table: [row, ...]}` for the 29 tables, each row a tuple in contract order
        (`WhenUpsertedIntoDataStore` left out; see `contract.compared_columns`)."""
        rows = _Builder(self).rows()
        return {t: _ordered(t, rows[t]) for t in tables()}

    def counts(self) -> dict[str, dict[str, int]]:
        """`{table: {"rows": n, "deleted": k}}`, from the expected rows."""
        out = {}
        for table, rows in _Builder(self).rows().items():
            out[table] = {"rows": len(rows), "deleted": sum(1 for r in rows if r["IsDeleted"])}
        return out


def expected_tables(account: Account, mirror_remote_id: int = 1) -> dict[str, list[tuple]]:
    """The tables after one load of `account` as it is now (a fresh warehouse)."""
    return ExpectedWarehouse(mirror_remote_id).observe(account).tables()


def _ordered(table: str, rows: list[Row]) -> list[tuple]:
    columns = [c for c, _ in compared_columns(table)]
    wanted = set(columns)
    for row in rows:
        if row.keys() != wanted:
            raise KeyError(f"{table}: the oracle's row has {sorted(set(row) ^ wanted)} against the contract")
    return [tuple(row[c] for c in columns) for row in rows]


# Placeholder references, per the docs of each referenced table.
_REFERENCES: dict[str, tuple[tuple[str, Callable[[dict], Iterable[Any]]], ...]] = {
    "agent": (
        ("ticket", lambda r: [r.get("responder_id")]),
        ("time_entry", lambda r: [r.get("agent_id")]),
        ("group", lambda r: [r.get("escalate_to"), *r.get("agent_ids", [])]),
        ("sla_policy", lambda r: [a for _, _, a in _escalations(r) if a != -1]),
        ("conversation", lambda r: [None if r["incoming"] else r.get("user_id"), r.get("last_edited_user_id")]),
    ),
    "contact": (
        ("ticket", lambda r: [r.get("requester_id")]),
        ("conversation", lambda r: [r.get("user_id") if r["incoming"] else None]),
    ),
    "company": (
        ("contact", lambda r: [r.get("company_id"), *(_other_company(o)[0] for o in r.get("other_companies") or [])]),
        ("ticket", lambda r: [r.get("company_id")]),
        ("time_entry", lambda r: [r.get("company_id")]),
        ("sla_policy", lambda r: r["applicable_to"].get("company_ids", [])),
    ),
    "group": (
        ("ticket", lambda r: [r.get("group_id")]),
        ("email_mailbox", lambda r: [r.get("group_id")]),
        ("sla_policy", lambda r: r["applicable_to"].get("group_ids", [])),
    ),
    "product": (
        ("ticket", lambda r: [r.get("product_id")]),
        ("email_mailbox", lambda r: [r.get("product_id")]),
        ("sla_policy", lambda r: r["applicable_to"].get("product_ids", [])),
    ),
    "email_mailbox": (("ticket", lambda r: [r.get("email_config_id")]),),
    "ticket": (
        ("time_entry", lambda r: [r.get("ticket_id")]),
        ("conversation", lambda r: [r.get("ticket_id")]),
    ),
}

_APPLICABLE_TO = (("company_ids", "SLAPolicyApplicableToCompany", "CompanyID"),
                  ("group_ids", "SLAPolicyApplicableToGroup", "GroupID"),
                  ("sources", "SLAPolicyApplicableToSource", "SourceID"),
                  ("ticket_types", "SLAPolicyApplicableToTicketType", "TicketType"),
                  ("product_ids", "SLAPolicyApplicableToProduct", "ProductID"))


def _escalations(policy: dict) -> Iterator[tuple[str, int | None, int]]:
    """`(escalation name, escalation time, agent id)` per agent of every escalation that is set:
    `response`, `next_response`, ..., and `resolution.level_N` as `resolution_level_N`."""
    for name, value in (policy.get("escalation") or {}).items():
        if not value:
            continue
        levels = [(name, value)] if "escalation_time" in value or "agent_ids" in value else \
            [(f"{name}_{level}", inner) for level, inner in value.items() if inner]
        for level_name, level in levels:
            for agent in level.get("agent_ids") or []:
                yield level_name, level.get("escalation_time"), agent


def _other_company(item: int | dict) -> tuple[int, bool | None]:
    """`(company id, view_all_tickets)`: the contacts list gives bare ids (no flag), the view objects."""
    return (item["company_id"], item.get("view_all_tickets")) if isinstance(item, dict) else (item, None)


def _bool_or(values: Iterable[bool | None]) -> bool | None:
    present = [v for v in values if v is not None]
    return any(present) if present else None


class _Builder:
    """One derivation of every table from an `ExpectedWarehouse`."""

    def __init__(self, wh: ExpectedWarehouse) -> None:
        self.mirror = wh.mirror_remote_id
        self.out: dict[str, list[Row]] = {t: [] for t in tables()}
        self.seen = {e: wh.seen.get(e, {}) for e in ENTITIES}
        self.seen["conversation"] = {cid: s for convs in wh.conversations.values() for cid, s in convs.items()}

    def rows(self) -> dict[str, list[Row]]:
        placeholders = self._placeholders()
        self._tickets(placeholders["ticket"])
        self._time_entries()
        self._conversations()
        self._contacts(placeholders["contact"])
        self._simple_roots(placeholders)
        self._agents(placeholders["agent"])
        self._companies(placeholders["company"])
        self._groups(placeholders["group"])
        self._sla_policies()
        return self.out

    # -------------------------------------------------------------- helpers

    def _common(self, remote_id: str, deleted: bool, created: str | None = None,
                modified: str | None = None) -> Row:
        return {"RemoteID": remote_id, "MirrorRemoteID": self.mirror, "IsDeleted": bool(deleted),
                "WhenCreated": ts(created), "WhenModified": ts(modified)}

    def _root(self, table: str, rid: int, deleted: bool, rec: dict, **columns) -> None:
        row = self._common(str(rid), deleted, rec.get("created_at"), rec.get("updated_at"))
        row["ID"] = rid
        row.update(columns)
        self.out[table].append(row)

    def _child(self, table: str, parent_column: str, parent_id: int, key: Any, deleted: bool, **columns) -> None:
        row = self._common(f"{parent_id}:{key}", deleted)
        row[parent_column] = str(parent_id)
        row.update(columns)
        self.out[table].append(row)

    def _placeholders(self) -> dict[str, set[int]]:
        """Ids referenced by any record ever seen that no read ever returned."""
        out = {}
        for entity, sources in _REFERENCES.items():
            ids = set()
            for source, refs in sources:
                for seen in self.seen[source].values():
                    ids.update(i for i in refs(seen.record) if i is not None)
            out[entity] = ids - set(self.seen[entity])
        return out

    def _placeholder_rows(self, table: str, ids: set[int]) -> None:
        columns = [c for c, _ in compared_columns(table)]
        for rid in sorted(ids):
            row = dict.fromkeys(columns)
            row.update(self._common(str(rid), True), ID=rid)
            self.out[table].append(row)

    # -------------------------------------------------------------- tickets

    def _ticket_deleted(self, ticket_id: int) -> bool:
        seen = self.seen["ticket"].get(ticket_id)
        return seen is None or not seen.served or bool(seen.record.get("deleted"))

    def _tickets(self, placeholders: set[int]) -> None:
        for tid, seen in sorted(self.seen["ticket"].items()):
            r = seen.record
            deleted = self._ticket_deleted(tid)
            requester = r.get("requester") or {}
            self._root("Ticket", tid, deleted, r,
                       Name=requester.get("name"), Description=r.get("description"),
                       CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]), CompanyID=r.get("company_id"),
                       Deleted=bool(r.get("deleted", False)), DescriptionText=r.get("description_text"),
                       DueBy=ts(r.get("due_by")), Email=requester.get("email"), EmailConfigID=r.get("email_config_id"),
                       FacebookID=r.get("facebook_id"), FrDueBy=ts(r.get("fr_due_by")),
                       FrEscalated=r.get("fr_escalated"), GroupID=r.get("group_id"), IsEscalated=r.get("is_escalated"),
                       Phone=requester.get("phone"), Priority=r.get("priority"), ProductID=r.get("product_id"),
                       RequesterID=r.get("requester_id"), ResponderID=r.get("responder_id"), Source=r.get("source"),
                       Spam=bool(r.get("spam", False)), Status=r.get("status"), Subject=r.get("subject"),
                       TwitterID=r.get("twitter_id"), Type=r.get("type"))
            for tag in dict.fromkeys(r.get("tags") or []):
                self._child("TicketTag", "TicketRemoteID", tid, tag, deleted, TicketID=tid, Tag=tag)
            lists = {key: set(r.get(key) or []) for key in ("to_emails", "cc_emails", "reply_cc_emails", "fwd_emails")}
            for email in sorted(set().union(*lists.values())):
                self._child("TicketRecipient", "TicketRemoteID", tid, email, deleted, TicketID=tid, Email=email,
                            IsCCRecipient=email in lists["cc_emails"],
                            IsReplyCCRecipient=email in lists["reply_cc_emails"],
                            IsFwdRecipient=email in lists["fwd_emails"], IsPrimaryRecipient=email in lists["to_emails"])
            for name, value in (r.get("custom_fields") or {}).items():
                text, flag, number = custom_value_columns(value)
                self._child("TicketCustomField", "TicketRemoteID", tid, name, deleted, TicketID=tid, FieldName=name,
                            ValueString=text, ValueBool=flag, ValueLong=number)
        self._placeholder_rows("Ticket", placeholders)

    def _time_entries(self) -> None:
        for tid, seen in sorted(self.seen["time_entry"].items()):
            r = seen.record
            self._root("TimeEntry", tid, not seen.served, r,
                       Note=r.get("note"), CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]),
                       AgentID=r.get("agent_id"), TicketID=r.get("ticket_id"), CompanyID=r.get("company_id"),
                       Billable=r.get("billable"), ExecutedAt=ts(r.get("executed_at")),
                       StartTime=ts(r.get("start_time")), TimeSpent=r.get("time_spent"),
                       TimeSpentInSeconds=r.get("time_spent_in_seconds"), TimerRunning=r.get("timer_running"))

    def _conversations(self) -> None:
        for cid, seen in sorted(self.seen["conversation"].items()):
            r = seen.record
            tid = r["ticket_id"]
            deleted = not seen.served or self._ticket_deleted(tid)
            row = self._common(str(cid), deleted, r["created_at"], r["updated_at"])
            row.update(TicketRemoteID=str(tid), ID=cid, CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]),
                       Body=r.get("body"), BodyText=r.get("body_text"), Incoming=r.get("incoming"),
                       Private=r.get("private"), Source=r.get("source"), Category=r.get("category"),
                       SupportEmail=r.get("support_email"), TicketID=tid, UserID=r.get("user_id"),
                       LastEditedAt=ts(r.get("last_edited_at")), LastEditedUserID=r.get("last_edited_user_id"))
            self.out["TicketConversation"].append(row)
            for a in r.get("attachments") or []:
                att = self._common(str(a["id"]), deleted, a.get("created_at"), a.get("updated_at"))
                att.update(TicketConversationRemoteID=str(cid), ID=a["id"], Name=a.get("name"),
                           TicketConversationID=cid, ContentType=a.get("content_type"), Size=a.get("size"),
                           CreatedAt=ts(a.get("created_at")), UpdatedAt=ts(a.get("updated_at")),
                           AttachmentUrl=a.get("attachment_url"), ThumbUrl=a.get("thumb_url"))
                self.out["TicketConversationAttachment"].append(att)
            lists = {key: set(r.get(key) or []) for key in ("to_emails", "cc_emails", "bcc_emails")}
            for email in sorted(set().union(*lists.values())):
                self._child("TicketConversationRecipient", "TicketConversationRemoteID", cid, email, deleted,
                            TicketConversationID=cid, Email=email, IsCCRecipient=email in lists["cc_emails"],
                            IsBCCRecipient=email in lists["bcc_emails"],
                            IsPrimaryRecipient=email in lists["to_emails"])

    # -------------------------------------------------------------- people

    def _contacts(self, placeholders: set[int]) -> None:
        for cid, seen in sorted(self.seen["contact"].items()):
            r = seen.record
            deleted = not seen.served or bool(r.get("deleted"))
            avatar = r.get("avatar") or {}
            self._root("Contact", cid, deleted, r,
                       TimeZone=r.get("time_zone"), Name=r.get("name"), Description=r.get("description"),
                       AvatarID=avatar.get("id"), AvatarName=avatar.get("name"),
                       AvatarContentType=avatar.get("content_type"), AvatarSize=avatar.get("size"),
                       AvatarCreatedAt=ts(avatar.get("created_at")), AvatarUpdatedAt=ts(avatar.get("updated_at")),
                       AvatarURL=avatar.get("avatar_url"), CreatedAt=ts(r["created_at"]),
                       UpdatedAt=ts(r["updated_at"]), Active=r.get("active"), Deleted=bool(r.get("deleted", False)),
                       CompanyID=r.get("company_id"), Address=r.get("address"),
                       ViewAllTickets=r.get("view_all_tickets"), Email=r.get("email"), JobTitle=r.get("job_title"),
                       Language=r.get("language"), Mobile=r.get("mobile"), Phone=r.get("phone"),
                       TwitterID=r.get("twitter_id"), FacebookID=r.get("facebook_id"),
                       UniqueExternalID=r.get("unique_external_id"), PreferredSource=r.get("preferred_source"),
                       FirstName=r.get("first_name"), LastName=r.get("last_name"), VisitorID=r.get("visitor_id"),
                       OrgContactID=r.get("org_contact_id"))
            for email in dict.fromkeys(r.get("other_emails") or []):
                self._child("ContactOtherEmail", "ContactRemoteID", cid, email, deleted, ContactID=cid,
                            EmailAddress=email)
            others: dict[int, list[bool | None]] = {}
            for item in r.get("other_companies") or []:
                company, flag = _other_company(item)
                others.setdefault(company, []).append(flag)
            for company, flags in others.items():
                self._child("ContactOtherCompany", "ContactRemoteID", cid, company, deleted, ContactID=cid,
                            CompanyID=company, ViewAllTickets=_bool_or(flags))
            labels: dict[str, list[str | None]] = {}
            for phone in r.get("other_phone_numbers") or []:
                labels.setdefault(phone["value"], []).append(phone.get("label"))
            for number, names in labels.items():
                present = [n for n in names if n is not None]
                self._child("ContactOtherPhoneNumber", "ContactRemoteID", cid, number, deleted, ContactID=cid,
                            Label=max(present) if present else None, Value=number)
            for tag in dict.fromkeys(r.get("tags") or []):
                self._child("ContactTag", "ContactRemoteID", cid, tag, deleted, ContactID=cid, Tag=tag)
        self._placeholder_rows("Contact", placeholders)

    def _agents(self, placeholders: set[int]) -> None:
        for aid, seen in sorted(self.seen["agent"].items()):
            r = seen.record
            c = r.get("contact") or {}
            self._root("Agent", aid, not seen.served, r,
                       CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]), Available=r.get("available"),
                       Occasional=r.get("occasional"), TicketScope=r.get("ticket_scope"),
                       LastActiveAt=ts(r.get("last_active_at")), AvailableSince=ts(r.get("available_since")),
                       Type=r.get("type"), Signature=r.get("signature"), FreshcallerAgent=r.get("freshcaller_agent"),
                       ContactActive=c.get("active"), ContactEmail=c.get("email"), ContactJobTitle=c.get("job_title"),
                       ContactLanguage=c.get("language"), ContactLastLoginAt=ts(c.get("last_login_at")),
                       ContactMobile=c.get("mobile"), ContactName=c.get("name"), ContactPhone=c.get("phone"),
                       ContactTimezone=c.get("time_zone"), ContactCreatedAt=ts(c.get("created_at")),
                       ContactUpdatedAt=ts(c.get("updated_at")))
        self._placeholder_rows("Agent", placeholders)

    def _companies(self, placeholders: set[int]) -> None:
        for cid, seen in sorted(self.seen["company"].items()):
            r = seen.record
            deleted = not seen.served
            self._root("Company", cid, deleted, r,
                       Name=r.get("name"), Description=r.get("description"), CreatedAt=ts(r["created_at"]),
                       UpdatedAt=ts(r["updated_at"]), Note=r.get("note"), HealthScore=r.get("health_score"),
                       AccountTier=r.get("account_tier"), RenewalDate=ts(r.get("renewal_date")),
                       Industry=r.get("industry"))
            for domain in dict.fromkeys(r.get("domains") or []):
                self._child("CompanyDomain", "CompanyRemoteID", cid, domain, deleted, CompanyID=cid, Domain=domain)
        self._placeholder_rows("Company", placeholders)

    # -------------------------------------------------------------- admin

    def _groups(self, placeholders: set[int]) -> None:
        for gid, seen in sorted(self.seen["group"].items()):
            r = seen.record
            deleted = not seen.served
            assign = r.get("automatic_agent_assignment") or {}
            self._root("Group", gid, deleted, r,
                       Name=r.get("name"), Description=r.get("description"), CreatedAt=ts(r["created_at"]),
                       UpdatedAt=ts(r["updated_at"]), EscalateTo=r.get("escalate_to"),
                       BusinessCalendarID=r.get("business_calendar_id", r.get("business_hour_id")),
                       UnassignedFor=r.get("unassigned_for"), Type=r.get("type", r.get("group_type")),
                       AllowAgentsToChangeAvailability=r.get("allow_agents_to_change_availability"),
                       AutoTicketAssign=r.get("auto_ticket_assign"),
                       AutomaticAgentAssignmentEnabled=assign.get("enabled"),
                       AutomaticAgentAssignmentType=assign.get("type"))
            for agent in dict.fromkeys(r.get("agent_ids") or []):
                self._child("GroupAgent", "GroupRemoteID", gid, agent, deleted, GroupID=gid, AgentID=agent)
        self._placeholder_rows("Group", placeholders)

    def _simple_roots(self, placeholders: dict[str, set[int]]) -> None:
        for pid, seen in sorted(self.seen["product"].items()):
            r = seen.record
            self._root("Product", pid, not seen.served, r, Name=r.get("name"), Description=r.get("description"),
                       CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]))
        self._placeholder_rows("Product", placeholders["product"])
        for rid, seen in sorted(self.seen["role"].items()):
            r = seen.record
            self._root("Role", rid, not seen.served, r, Name=r.get("name"), Description=r.get("description"),
                       Default=r.get("default"), CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]),
                       AgentType=r.get("agent_type"))
        for mid, seen in sorted(self.seen["email_mailbox"].items()):
            r = seen.record
            fd = r.get("freshdesk_mailbox") or {}
            custom = r.get("custom_mailbox") or {}
            inc, out = custom.get("incoming") or {}, custom.get("outgoing") or {}
            self._root("EmailMailbox", mid, not seen.served, r,
                       Name=r.get("name"), CreatedAt=ts(r["created_at"]), UpdatedAt=ts(r["updated_at"]),
                       GroupID=r.get("group_id"), ProductID=r.get("product_id"), SupportEmail=r.get("support_email"),
                       DefaultReplyEmail=r.get("default_reply_email"), Active=r.get("active"),
                       MailboxType=r.get("mailbox_type"), FailureCode=r.get("failure_code"),
                       FreshdeskMailboxForwardEmail=fd.get("forward_email"),
                       CustomMailboxAccessType=custom.get("access_type"),
                       CustomMailboxIncomingMailServer=inc.get("mail_server"),
                       CustomMailboxIncomingPort=inc.get("port"),
                       CustomMailboxIncomingUseSSL=inc.get("use_ssl"),
                       CustomMailboxIncomingDeleteFromServer=inc.get("delete_from_server"),
                       CustomMailboxIncomingAuthentication=inc.get("authentication"),
                       CustomMailboxIncomingUserName=inc.get("user_name"),
                       CustomMailboxIncomingFailureCode=inc.get("failure_code"),
                       CustomMailboxOutgoingMailServer=out.get("mail_server"),
                       CustomMailboxOutgoingPort=_text(out.get("port")),
                       CustomMailboxOutgoingUseSSL=_text(out.get("use_ssl")),
                       CustomMailboxOutgoingAuthentication=out.get("authentication"),
                       CustomMailboxOutgoingUserName=out.get("user_name"),
                       CustomMailboxOutgoingFailureCode=out.get("failure_code"))
        self._placeholder_rows("EmailMailbox", placeholders["email_mailbox"])

    def _sla_policies(self) -> None:
        for pid, seen in sorted(self.seen["sla_policy"].items()):
            r = seen.record
            deleted = not seen.served
            self._root("SLAPolicy", pid, deleted, r, Name=r.get("name"), Description=r.get("description"),
                       Active=r.get("active"), IsDefault=r.get("is_default"), Position=r.get("position"))
            for name, target in (r.get("sla_target") or {}).items():
                target = target or {}
                self._child("SLAPolicyTarget", "SLAPolicyRemoteID", pid, name, deleted, SLAPolicyID=pid,
                            TargetName=name, RespondWithin=target.get("respond_within"),
                            ResolveWithin=target.get("resolve_within"), BusinessHours=target.get("business_hours"),
                            EscalationEnabled=target.get("escalation_enabled"))
            times: dict[tuple[str, int], list[int | None]] = {}
            for name, time, agent in _escalations(r):
                times.setdefault((name, agent), []).append(time)
            for (name, agent), values in times.items():
                present = [v for v in values if v is not None]
                # agent -1 is "the ticket's assigned agent": no agent row, NULL AgentID, kept in RemoteID
                self._child("SLAPolicyAgentEscalation", "SLAPolicyRemoteID", pid, f"{name}:{agent}", deleted,
                            SLAPolicyID=pid, EscalationName=name, EscalationTime=max(present) if present else None,
                            AgentID=None if agent == -1 else agent)
            applicable = r.get("applicable_to") or {}
            for key, table, column in _APPLICABLE_TO:
                for value in dict.fromkeys(applicable.get(key) or []):
                    self._child(table, "SLAPolicyRemoteID", pid, value, deleted, SLAPolicyID=pid, **{column: value})


def _text(value: Any) -> str | None:
    """A JSON scalar as the text the contract documents for it (`587`, `true`)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
