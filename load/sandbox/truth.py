"""Ground truth: the rows per documented warehouse table that the account implies.

The rules (see the sandbox README): every record that has been API-visible since generation
counts, hard-deleted ones included; ids that records reference but that were already gone
at generation count one placeholder row each; `deleted` counts rows that should carry
IsDeleted = true. Ticket-side tables are computed by streaming over ticket ids, regenerating
only the few lists that are counted, never holding conversations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import gen_people
from .gen_tickets import TicketGenerator

if TYPE_CHECKING:
    from .account import Account

TABLES = (
    "Agent", "Company", "CompanyDomain", "Contact", "ContactOtherEmail", "ContactOtherCompany",
    "ContactOtherPhoneNumber", "ContactTag", "EmailMailbox", "Group", "GroupAgent", "Product", "Role",
    "SLAPolicy", "SLAPolicyTarget", "SLAPolicyAgentEscalation", "SLAPolicyApplicableToCompany",
    "SLAPolicyApplicableToGroup", "SLAPolicyApplicableToSource", "SLAPolicyApplicableToTicketType",
    "SLAPolicyApplicableToProduct", "Ticket", "TicketTag", "TicketRecipient", "TicketCustomField",
    "TicketConversation", "TicketConversationAttachment", "TicketConversationRecipient", "TimeEntry",
)
_APPLICABLE = (("company_ids", "Company"), ("group_ids", "Group"), ("sources", "Source"),
               ("ticket_types", "TicketType"), ("product_ids", "Product"))


class _Counter:
    def __init__(self) -> None:
        self.t = {name: {"rows": 0, "deleted": 0} for name in TABLES}

    def add(self, table: str, rows: int, deleted: bool) -> None:
        entry = self.t[table]
        entry["rows"] += rows
        if deleted:
            entry["deleted"] += rows


def compute_truth(acct: Account) -> dict[str, dict[str, int]]:
    """Count every documented table for the account's current state."""
    out = _Counter()
    _admin(acct, out)
    _people(acct, out)
    _tickets(acct, out)
    return out.t


def _admin(acct: Account, out: _Counter) -> None:
    cfg = acct.config
    for a in acct.agents:
        out.add("Agent", 1, a["id"] in acct.agents_gone)
    out.add("Agent", cfg.ghost_agents, True)  # placeholders: agents deleted before generation
    out.add("EmailMailbox", len(acct.mailboxes), False)
    for g in acct.groups:
        out.add("Group", 1, False)
        out.add("GroupAgent", len(set(g["agent_ids"])), False)
    out.add("Product", len(acct.products), False)
    out.add("Role", len(acct.roles), False)
    for p in acct.sla_policies:
        out.add("SLAPolicy", 1, False)
        out.add("SLAPolicyTarget", len(p["sla_target"]), False)
        esc = p["escalation"]
        levels = [esc.get("response") or {}, *(esc.get("resolution") or {}).values(), esc.get("next_response") or {}]
        out.add("SLAPolicyAgentEscalation", sum(len(set(lv.get("agent_ids", []))) for lv in levels), False)
        for key, suffix in _APPLICABLE:
            out.add("SLAPolicyApplicableTo" + suffix, len(set(p["applicable_to"].get(key, []))), False)


def _people(acct: Account, out: _Counter) -> None:
    cfg, start = acct.config, acct.clock.start
    for j in range(cfg.companies):
        gone = j in acct.companies_gone
        out.add("Company", 1, gone)
        out.add("CompanyDomain", len(set(gen_people.company_domains(cfg, j))), gone)
    out.add("Company", cfg.ghost_companies, True)
    for i in range(cfg.contacts):
        rec = gen_people.contact_record(cfg, i, start)
        deleted = acct.c_state[i] != 0
        out.add("Contact", 1, deleted)
        out.add("ContactOtherEmail", len(set(rec["other_emails"])), deleted)
        out.add("ContactOtherCompany", len(set(rec["other_companies"])), deleted)
        out.add("ContactOtherPhoneNumber", len({p["value"] for p in rec["other_phone_numbers"]}), deleted)
        out.add("ContactTag", len(set(rec["tags"])), deleted)
    out.add("Contact", cfg.ghost_contacts, True)


def _tickets(acct: Account, out: _Counter) -> None:
    from .account import EVER_LIVE, GONE, TRASH

    gen: TicketGenerator = acct.gen
    n_fields = len(acct.custom_fields)
    for t in acct.iter_ticket_ids():
        flags = acct.t_flags[t]
        deleted = bool(flags & (TRASH | GONE))
        over = acct.t_overrides.get(t, {})
        out.add("Ticket", 1, deleted)
        out.add("TicketTag", len(set(over.get("tags", gen.tags(t)))), deleted)
        rec = gen.recipients(t)
        addresses = set()
        for key in ("to_emails", "cc_emails", "reply_cc_emails", "fwd_emails"):
            addresses.update(rec[key] or ())
        out.add("TicketRecipient", len(addresses), deleted)
        out.add("TicketCustomField", acct.t_gone_fields.get(t, n_fields), deleted)
        core = gen.core(t)
        if flags & EVER_LIVE:
            _conversations(acct, gen, t, core, deleted, out)
        out.add("TimeEntry", gen.n_time_entries(t, core), deleted)


def _conversations(acct: Account, gen: TicketGenerator, t: int, core, deleted: bool, out: _Counter) -> None:
    support = gen.support_email(t)
    kinds = [(k, gen.conv_kind(t, k)) for k in range(core.n_conv)]
    from .gen_tickets import AGENT_REPLY, INCOMING, NOTE

    for k, _created, incoming, private in acct.t_extra_convs.get(t, []):
        kinds.append((k, NOTE if private else INCOMING if incoming else AGENT_REPLY))
    out.add("TicketConversation", len(kinds), deleted)
    for k, kind in kinds:
        out.add("TicketConversationAttachment", gen.n_attachments(t, k), deleted)
        to, cc, bcc = gen.conv_recipients(t, k, kind, support)
        out.add("TicketConversationRecipient", len(set(to) | set(cc) | set(bcc or ())), deleted)
