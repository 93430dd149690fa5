"""Admin records (groups, products, roles, SLA policies, mailboxes), materialised at start.

These tables are small at any size, so they are built once as plain dicts. Forced cases:
group 0 names a deleted agent in `agent_ids` and group 1 escalates to one; every SLA policy
but the default has all four priority targets, escalations that include agent id -1 and a
deleted agent, and `applicable_to` lists; mailboxes include custom ones (IMAP+SMTP and
outgoing-only) besides Freshdesk-hosted ones.
"""

from __future__ import annotations

from . import config as C
from .clock import iso
from .config import AccountConfig
from .gen_people import agent_id, company_id, ghost_agent_id
from .rng import S_ADMIN, rng_for
from .text import PRODUCTS, TICKET_TYPES, slug

_DAY = 86400


def group_id(g: int) -> int:
    return C.GROUP_BASE + 10 * g


def product_id(p: int) -> int:
    return C.PRODUCT_BASE + 10 * p


def role_id(r: int) -> int:
    return C.ROLE_BASE + r


def mailbox_id(m: int) -> int:
    return C.MAILBOX_BASE + 10 * m


_GROUP_NAMES = ("Billing", "Tier 1", "Tier 2", "Payments", "Account managers", "Field service", "Escalations",
                "Onboarding", "Partners", "Développeurs")
_ASSIGN = (
    ({"enabled": False}, 0),
    ({"enabled": True, "type": "channel_specific",
      "settings": [{"channel": "ticket", "assignment_type": "round_robin"}]}, 1),
    ({"enabled": True, "type": "channel_specific",
      "settings": [{"channel": "ticket", "assignment_type": "skill_based_round_robin",
                    "assignment_type_settings": {"capping_limit": 2}}]}, 2),
    ({"enabled": True, "type": "omni_channel",
      "settings": [{"channel": "ticket", "assignment_type": "lbrr_by_omniroute"}]}, 12),
)


def groups(cfg: AccountConfig, now: int) -> list[dict]:
    """Groups in the new `/admin/groups` shape (the old shape is derived by the server)."""
    out = []
    for g in range(cfg.groups):
        r = rng_for(cfg.seed, S_ADMIN, 1, g)
        members = sorted({agent_id(r.randrange(cfg.agents)) for _ in range(r.randint(1, 5))})
        if g == 0:
            members.append(ghost_agent_id(0))
        escalate = None if r.random() < 0.5 else agent_id(r.randrange(cfg.agents))
        if g == 1:
            escalate = ghost_agent_id(0)
        assign, auto = _ASSIGN[g % len(_ASSIGN)]
        created = now - r.randint(400, 1400) * _DAY
        name = _GROUP_NAMES[g % len(_GROUP_NAMES)] + ("" if g < len(_GROUP_NAMES) else f" {g}")
        out.append({
            "id": group_id(g),
            "name": name,
            "description": None if g % 3 == 2 else f"Members of the {name} team",
            "escalate_to": escalate,
            "unassigned_for": r.choice((None, "30m", "1h", "4h", "1d", "3d")),
            "agent_ids": members,
            "created_at": iso(created),
            "updated_at": iso(created + r.randint(0, 300) * _DAY),
            "allow_agents_to_change_availability": g % 2 == 0,
            "business_calendar_id": C.CALENDAR_BASE if g % 2 else None,
            "type": "field_agent_group" if g == 2 else "support_agent_group",
            "automatic_agent_assignment": assign,
            "_auto_ticket_assign": auto,
        })
    return out


def products(cfg: AccountConfig, now: int) -> list[dict]:
    """`GET /products` records."""
    out = []
    for p in range(cfg.products):
        r = rng_for(cfg.seed, S_ADMIN, 2, p)
        created = now - r.randint(300, 1200) * _DAY
        out.append({"id": product_id(p), "name": PRODUCTS[p % len(PRODUCTS)],
                    "description": None if p == 1 else f"Support for {PRODUCTS[p % len(PRODUCTS)]}",
                    "created_at": iso(created), "updated_at": iso(created + r.randint(0, 200) * _DAY)})
    return out


_ROLES = (
    ("Account Administrator", "Has complete control over the help desk and the organisation", 1),
    ("Administrator", "Can configure all features through the Admin tab", 1),
    ("Supervisor", "Can perform all agent related activities and access reports", 1),
    ("Agent", "Can log, view, reply, update and resolve tickets and manage contacts.", 1),
    ("Ticket Collaborator", "Can view and collaborate on tickets they are invited to", 3),
    ("Analytics Collaborator", "Can view analytics shared with them", 3),
)


def roles(cfg: AccountConfig, now: int) -> list[dict]:
    """The six default roles every account has."""
    created = now - 1500 * _DAY
    return [{"id": role_id(k), "name": name, "description": desc, "default": True,
             "created_at": iso(created), "updated_at": iso(created + 30 * _DAY * (k + 1)), "agent_type": kind}
            for k, (name, desc, kind) in enumerate(_ROLES)]


def _target(respond: int, resolve: int, bh: bool, esc: bool) -> dict:
    return {"respond_within": respond, "resolve_within": resolve, "next_respond_within": None,
            "business_hours": bh, "escalation_enabled": esc}


def sla_policies(cfg: AccountConfig, now: int) -> list[dict]:
    """A default policy plus three targeted ones."""
    created = now - 700 * _DAY
    empty_esc: dict = {}
    out = [{
        "id": C.SLA_BASE, "name": "Default SLA Policy", "description": "default policy", "active": True,
        "sla_target": {f"priority_{p}": _target(3600 * (5 - p) * 2, 3600 * 24 * (5 - p), True, True)
                       for p in (4, 3, 2, 1)},
        "applicable_to": {}, "is_default": True, "position": 1,
        "created_at": iso(created), "updated_at": iso(created + 5 * _DAY), "escalation": empty_esc,
    }]
    specs = (
        ("Premium SLA", {"company_ids": [company_id(0), company_id(1)], "group_ids": [group_id(0)],
                         "sources": [1, 2], "ticket_types": ["Incident"], "product_ids": [product_id(0)]}),
        ("Phone & chat", {"sources": [3, 7], "ticket_types": ["Question", "Refund"]}),
        ("Partners", {"group_ids": [group_id(1), group_id(2)], "product_ids": [product_id(1)]}),
    )
    for k, (name, applicable) in enumerate(specs, start=1):
        a0, a1 = agent_id(0), agent_id(min(3, cfg.agents - 1))
        escalation = {
            "reminder_response": {}, "reminder_resolution": {},
            "response": {"escalation_time": 1800, "agent_ids": [-1, a0]},
            "resolution": {
                "level_1": {"escalation_time": 1800, "agent_ids": [-1, a0]},
                "level_2": {"escalation_time": 3600, "agent_ids": [a1, ghost_agent_id(0)]},
                "level_3": {"escalation_time": 7200, "agent_ids": [-1]},
                "level_4": {"escalation_time": 604800, "agent_ids": [a0]},
            },
            "reminder_next_response": {}, "next_response": {},
        }
        if k == 2:
            escalation["resolution"] = {"level_1": {"escalation_time": 3600, "agent_ids": [a1]}}
        out.append({
            "id": C.SLA_BASE + k, "name": name, "description": None if k == 3 else f"{name} customers",
            "active": k != 3,
            "sla_target": {f"priority_{p}": _target(900 * (5 - p) * k, 3600 * (5 - p) * k, p <= 2, p >= 3)
                           for p in (4, 3, 2, 1)},
            "applicable_to": applicable, "is_default": False, "position": k + 1,
            "created_at": iso(created + k * 10 * _DAY), "updated_at": iso(created + k * 40 * _DAY),
            "escalation": escalation,
        })
    return out


def mailboxes(cfg: AccountConfig, now: int) -> list[dict]:
    """Mailboxes: the primary Freshdesk one, one per product, and two custom ones."""
    created = now - 1400 * _DAY
    dom = slug(cfg.domain)
    out = [{
        "id": mailbox_id(0), "name": "Support", "support_email": f"support@{dom}.freshdesk.com",
        "group_id": None, "default_reply_email": True, "active": True, "mailbox_type": "freshdesk_mailbox",
        "failure_code": None, "created_at": iso(created), "updated_at": iso(created + 3600), "product_id": None,
        "freshdesk_mailbox": {"forward_email": f"support@{dom}.freshdesk.com"},
    }]
    for p in range(cfg.products):
        name = PRODUCTS[p % len(PRODUCTS)]
        email = f"help-{slug(name).replace('.', '-')}@acme-{dom}.example"
        out.append({
            "id": mailbox_id(1 + p), "name": name, "support_email": email,
            "group_id": group_id(p % cfg.groups), "default_reply_email": True, "active": p != 1,
            "mailbox_type": "freshdesk_mailbox", "failure_code": None,
            "created_at": iso(created + (p + 1) * 20 * _DAY), "updated_at": iso(created + (p + 1) * 21 * _DAY),
            "product_id": product_id(p),
            "freshdesk_mailbox": {"forward_email": f"{dom}{slug(name).replace('.', '')}@{dom}.freshdesk.com"},
        })
    base = 1 + cfg.products
    out.append({
        "id": mailbox_id(base), "name": "Billing (Gmail)", "support_email": f"billing@acme-{dom}.example",
        "group_id": group_id(0), "default_reply_email": False, "active": False, "mailbox_type": "custom_mailbox",
        "failure_code": None, "created_at": iso(created + 300 * _DAY), "updated_at": iso(created + 314 * _DAY),
        "product_id": None,
        "custom_mailbox": {
            "access_type": "both",
            "incoming": {"mail_server": "imap.gmail.com", "port": 993, "use_ssl": True, "delete_from_server": False,
                         "authentication": "plain", "user_name": f"billing@acme-{dom}.example",
                         "failure_code": None},
            "outgoing": {"mail_server": "smtp.gmail.com", "port": 587, "use_ssl": True, "authentication": "plain",
                         "user_name": f"billing@acme-{dom}.example"},
        },
    })
    out.append({
        "id": mailbox_id(base + 1), "name": "Sales relay", "support_email": f"sales@acme-{dom}.example",
        "group_id": None, "default_reply_email": False, "active": True, "mailbox_type": "custom_mailbox",
        "failure_code": None, "created_at": iso(created + 500 * _DAY), "updated_at": iso(created + 510 * _DAY),
        "product_id": product_id(0),
        "custom_mailbox": {
            "access_type": "outgoing",
            "outgoing": {"mail_server": "smtp.office365.com", "port": 587, "use_ssl": True,
                         "authentication": "login", "user_name": f"sales@acme-{dom}.example"},
        },
    })
    return out


def email_config(mailbox: dict) -> dict:
    """The legacy `/email_configs` view of a mailbox (same id)."""
    return {"id": mailbox["id"], "name": mailbox["name"], "product_id": mailbox["product_id"],
            "to_email": mailbox["support_email"], "reply_email": mailbox["support_email"],
            "group_id": mailbox["group_id"], "primary_role": mailbox["id"] == C.MAILBOX_BASE,
            "active": mailbox["active"], "created_at": mailbox["created_at"], "updated_at": mailbox["updated_at"]}


def ticket_types() -> tuple[str, ...]:
    return TICKET_TYPES
