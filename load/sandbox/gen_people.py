"""Companies, contacts and agents, each generated on demand from (seed, index).

Forced cases (present at every scale): contact 1 is soft-deleted; contact 2 has other
e-mails, other companies, other phone numbers and tags; contact 3 is unverified; agent
n-2 is deactivated, agent n-1 is occasional, agent 1 is a field agent and agent 2 a
collaborator. With blocked contacts on (realism), the first contact from index 4 that is not
soft-deleted is blocked (ticket 12 names it as requester) and about 2% of the rest are.
"""

from __future__ import annotations

import uuid

from . import config as C
from .clock import iso
from .config import AccountConfig
from .rng import S_AGENT, S_COMPANY, S_CONTACT, mix, rng_for, unit
from .text import (
    COMPANY_SUFFIXES,
    COMPANY_WORDS,
    FIRST_NAMES,
    HEALTH,
    INDUSTRIES,
    LANGUAGES,
    LAST_NAMES,
    TAGS,
    TIERS,
    TIME_ZONES,
    slug,
)

_YEAR = 365 * 86400


def _history_start(cfg: AccountConfig, now: int) -> int:
    return now - C.HISTORY_DAYS * 86400


# ---------------------------------------------------------------- companies


def company_id(j: int) -> int:
    return C.COMPANY_BASE + 100 * j


def company_name(cfg: AccountConfig, j: int) -> str:
    h = mix(cfg.seed, S_COMPANY, j)
    word = COMPANY_WORDS[h % len(COMPANY_WORDS)]
    suffix = COMPANY_SUFFIXES[(h >> 8) % len(COMPANY_SUFFIXES)]
    # A number keeps names distinct enough to sort meaningfully at large sizes.
    return f"{word} {suffix}" if j < len(COMPANY_WORDS) else f"{word} {(h >> 16) % 9000 + 100} {suffix}"


def company_times(cfg: AccountConfig, j: int, now: int) -> tuple[int, int]:
    start = _history_start(cfg, now) - _YEAR
    created = start + int(unit(cfg.seed, S_COMPANY, j, 1) * (C.HISTORY_DAYS * 86400))
    updated = created + int(unit(cfg.seed, S_COMPANY, j, 2) * (now - 3600 - created))
    return created, updated


def company_domains(cfg: AccountConfig, j: int) -> list[str]:
    base = slug(company_name(cfg, j)).replace(".", "")
    n = int(unit(cfg.seed, S_COMPANY, j, 3) * 4) if j != 0 else 2  # 0..3 domains
    return [f"{base}{j}.{tld}" for tld in ("com", "io", "co.uk")[:n]]


def company_record(cfg: AccountConfig, j: int, now: int) -> dict:
    """A company as `GET /companies` returns it."""
    r = rng_for(cfg.seed, S_COMPANY, j)
    created, updated = company_times(cfg, j, now)
    renewal = None if r.random() < 0.5 else iso(created - created % 86400 + r.randint(1, 4) * _YEAR)
    return {
        "id": company_id(j),
        "name": company_name(cfg, j),
        "description": None if r.random() < 0.3 else "Customer since " + iso(created)[:4],
        "note": None if r.random() < 0.6 else "Key account; escalate billing issues to the AM",
        "domains": company_domains(cfg, j),
        "created_at": iso(created),
        "updated_at": iso(updated),
        "custom_fields": {
            "cf_account_manager": r.choice(("Iryna G.", "Tomás P.", None)),
            "cf_arr": r.choice((None, r.randint(1, 500) * 1000)),
            "cf_churn_risk": r.random() < 0.2,
            "cf_website": None if r.random() < 0.3 else f"https://{company_domains(cfg, j)[0]}"
            if company_domains(cfg, j) else None,
        },
        "health_score": r.choice(HEALTH),
        "account_tier": r.choice(TIERS),
        "renewal_date": renewal,
        "industry": r.choice(INDUSTRIES),
    }


# ---------------------------------------------------------------- contacts


def contact_id(i: int) -> int:
    return C.CONTACT_BASE + 100 * i


def ghost_contact_id(g: int) -> int:
    return C.GHOST_CONTACT_BASE + 7 * g


def contact_names(cfg: AccountConfig, i: int) -> tuple[str, str]:
    if cfg.realism.contact_name_ties and (i in (6, 7) or i > 7 and unit(cfg.seed, S_CONTACT, i, 7) < 0.01):
        i = 5 if i in (6, 7) else i - 1  # namesakes: contacts 5, 6 and 7, and ~1% of the rest with the one before
    h = mix(cfg.seed, S_CONTACT, i)
    return FIRST_NAMES[h % len(FIRST_NAMES)], LAST_NAMES[(h >> 12) % len(LAST_NAMES)]


def contact_name(cfg: AccountConfig, i: int) -> str:
    first, last = contact_names(cfg, i)
    return f"{first} {last}"


def contact_email(cfg: AccountConfig, i: int) -> str:
    first, last = contact_names(cfg, i)
    return f"{slug(first)}.{slug(last)}{i}@example.com"


def ghost_contact_email(g: int) -> str:
    return f"former.customer{g}@example.net"


def contact_company_index(cfg: AccountConfig, i: int) -> int | None:
    """Primary company of contact i (None for ~30% of contacts)."""
    if i == 2:
        return 0
    u = unit(cfg.seed, S_CONTACT, i, 1)
    return None if u < 0.3 else int(unit(cfg.seed, S_CONTACT, i, 2) * cfg.companies)


def contact_created(cfg: AccountConfig, i: int, now: int) -> int:
    return _history_start(cfg, now) + int(unit(cfg.seed, S_CONTACT, i, 3) * (C.HISTORY_DAYS - 2) * 86400)


def contact_updated(cfg: AccountConfig, i: int, now: int) -> int:
    created = contact_created(cfg, i, now)
    return created + int(unit(cfg.seed, S_CONTACT, i, 4) * (now - 7200 - created))


def contact_soft_deleted(cfg: AccountConfig, i: int) -> bool:
    """Soft-deleted (trash) at generation: visible only with `state=deleted`."""
    return i == 1 or (i > 3 and unit(cfg.seed, S_CONTACT, i, 5) < 0.02)


def forced_blocked_contact(cfg: AccountConfig) -> int | None:
    """The contact every account blocks (the first from index 4 not soft-deleted), if blocking is on."""
    if not cfg.realism.blocked_contacts:
        return None
    return next((i for i in range(4, cfg.contacts) if not contact_soft_deleted(cfg, i)), None)


# c_blocked values: blocked by an agent (listed with `state=blocked`), or by the spam watcher
# (`blocked_at` ten years ahead: in no list at all, its view still 200).
BLOCKED, SPAM_BLOCKED = 1, 2


def contact_blocked(cfg: AccountConfig, i: int, forced: int | None) -> int:
    """0, BLOCKED or SPAM_BLOCKED at generation (never also soft-deleted): contact 9 is the spam
    watcher's (with realism.spam_blocked_contacts)."""
    if contact_soft_deleted(cfg, i):
        return 0
    if cfg.realism.spam_blocked_contacts and i == 9:
        return SPAM_BLOCKED
    if not cfg.realism.blocked_contacts:
        return 0
    return BLOCKED if i == forced or (i > 5 and unit(cfg.seed, S_CONTACT, i, 6) < 0.02) else 0


def contact_record(cfg: AccountConfig, i: int, now: int) -> dict:
    """A contact as the list endpoint returns it (`other_companies` as bare ids)."""
    r = rng_for(cfg.seed, S_CONTACT, i)
    first, last = contact_names(cfg, i)
    created = contact_created(cfg, i, now)
    updated = contact_updated(cfg, i, now)
    comp = contact_company_index(cfg, i)
    other_companies: list[int] = []
    if comp is not None and (i == 2 or r.random() < 0.1):
        other_companies = sorted({company_id((comp + 1 + k) % cfg.companies) for k in range(r.randint(1, 2))})
        other_companies = [c for c in other_companies if c != company_id(comp)]
    other_emails = []
    if i == 2 or r.random() < 0.15:
        other_emails = [f"{slug(first)}{k}.{i}@personal.example" for k in range(r.randint(1, 2))]
    phones = []
    if i == 2 or r.random() < 0.1:
        phones = [{"value": f"+44 20 7946 {r.randint(1000, 9999)}", "label": r.choice((None, None, "work", "home"))}
                  for _ in range(r.randint(1, 2))]
        if i == 2:
            phones[0]["label"] = None
    tags = sorted({r.choice(TAGS) for _ in range(r.randint(1, 3))}) if i == 2 or r.random() < 0.25 else []
    avatar = None
    if r.random() < 0.2:
        aid = C.AVATAR_BASE + i
        avatar = {
            "id": aid, "name": f"{slug(first)}.jpeg", "content_type": "image/jpeg", "size": r.randint(2000, 300000),
            "created_at": iso(created + 60), "updated_at": iso(created + 60),
            "avatar_url": f"https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/{aid}"
                          f"/original/{slug(first)}.jpeg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300",
        }
    active = i != 3 and r.random() >= 0.15
    return {
        "active": active,
        "address": None if r.random() < 0.6 else f"{r.randint(1, 200)} Paul Street, London",
        "description": None if r.random() < 0.8 else "Prefers e-mail; ünïcödé note",
        "email": contact_email(cfg, i),
        "id": contact_id(i),
        "job_title": r.choice((None, "Office Manager", "CTO", "Buyer", "Développeur")),
        "language": r.choice(LANGUAGES),
        "mobile": None if r.random() < 0.5 else f"+380636{r.randint(100000, 999999)}",
        "name": f"{first} {last}",
        "phone": None if r.random() < 0.4 else f"+1 855 {r.randint(100, 999)} {r.randint(1000, 9999)}",
        "time_zone": r.choice(TIME_ZONES),
        "twitter_id": None if r.random() < 0.9 else f"@{slug(first)}{i}",
        "custom_fields": {
            "cf_customer_tier": r.choice(("gold", "silver", None)),
            "cf_seats": r.choice((None, r.randint(1, 500))),
            "cf_newsletter": r.random() < 0.5,
            "cf_contract_end": None if r.random() < 0.5 else iso(updated + r.randint(30, 700) * 86400)[:10],
        },
        "facebook_id": None,
        "created_at": iso(created),
        "updated_at": iso(updated),
        "csat_rating": r.choice((None, 103, 102, 101)),
        "preferred_source": r.choice(("email", "phone", "portal", "outbound_email")),
        "company_id": company_id(comp) if comp is not None else None,
        "view_all_tickets": (r.random() < 0.3) if comp is not None else None,
        "other_companies": other_companies,
        "other_emails": other_emails,
        "tags": tags,
        "unique_external_id": None if r.random() < 0.7 else f"crm-{mix(cfg.seed, i) % 100000}",
        "twitter_profile_status": False,
        "twitter_followers_count": None,
        "avatar": avatar,
        "first_name": first,
        "last_name": last,
        "visitor_id": str(uuid.UUID(int=mix(cfg.seed, S_CONTACT, i, 9) << 64 | mix(cfg.seed, i, 9), version=4)),
        "org_contact_id": C.ORG_CONTACT_BASE + 4099 * i,
        "other_phone_numbers": phones,
        "contact_type": "contact",
        "social_handler": [],
    }


# ---------------------------------------------------------------- agents


def agent_id(a: int) -> int:
    return C.AGENT_BASE + 1000 * a


def ghost_agent_id(g: int) -> int:
    return C.GHOST_AGENT_BASE + 11 * g


def agent_index(cfg: AccountConfig, user_id: int) -> int | None:
    """Index of a generated agent id (None for other ids)."""
    a, rem = divmod(user_id - C.AGENT_BASE, 1000)
    return a if rem == 0 and 0 <= a < cfg.agents else None


def agent_names(cfg: AccountConfig, a: int) -> tuple[str, str]:
    return FIRST_NAMES[(a * 7 + cfg.seed) % len(FIRST_NAMES)], LAST_NAMES[(a * 11 + cfg.seed) % len(LAST_NAMES)]


def agent_email(cfg: AccountConfig, a: int) -> str:
    first, last = agent_names(cfg, a)
    return f"{slug(first)}.{slug(last)}@{cfg.domain}-support.example"


def agent_record(cfg: AccountConfig, a: int, now: int, group_ids: list[int], role_ids: list[int]) -> dict:
    """An agent as `GET /agents` returns it, plus the view-only `group_ids`/`role_ids`.

    The caller strips the view-only keys for list answers.
    """
    r = rng_for(cfg.seed, S_AGENT, a)
    first, last = agent_names(cfg, a)
    created = _history_start(cfg, now) - _YEAR + int(r.random() * _YEAR * 2)
    updated = now - r.randint(3600, 90 * 86400)
    deactivated = a == cfg.agents - 2
    kind = "field_agent" if a == 1 else "collaborator" if a == 2 else "support_agent"
    last_active = None if deactivated else iso(updated)
    avatar = None
    if a % 4 == 0:
        aid = C.AVATAR_BASE + 900_000 + a
        url = f"https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/{aid}"
        avatar = {"id": aid, "name": "me.jpg", "content_type": "image/jpeg", "size": r.randint(5000, 50000),
                  "created_at": iso(created), "updated_at": iso(created),
                  "attachment_url": f"{url}/original/me.jpg?X-Amz-Expires=300",
                  "thumb_url": f"{url}/thumb/me.jpg?X-Amz-Expires=300"}
    contact = {
        "active": not deactivated,
        "email": agent_email(cfg, a),
        "job_title": r.choice((None, "Support Engineer", "Team Lead")),
        "language": "en",
        "last_login_at": None if a == 3 else iso(updated - 600),
        "mobile": None,
        "name": f"{first} {last}",
        "phone": None if r.random() < 0.7 else f"+1 555 {r.randint(1000, 9999)}",
        "time_zone": r.choice(TIME_ZONES),
        "created_at": iso(created - 1),
        "updated_at": iso(updated),
    }
    if avatar:
        contact["avatar"] = avatar
    return {
        "available": not deactivated and r.random() < 0.6,
        "occasional": a == cfg.agents - 1,
        "id": agent_id(a),
        "ticket_scope": 1 if a % 3 else 2 if a % 2 else 3,
        "created_at": iso(created),
        "updated_at": iso(updated),
        "last_active_at": last_active,
        "available_since": None if deactivated else iso(updated - 1800),
        "type": kind,
        "contact": contact,
        "deactivated": deactivated,
        "signature": f'<div dir="ltr"><p>{first} – Support</p></div>' if a % 2 == 0 else None,
        "freshcaller_agent": a % 5 == 0,
        "freshchat_agent": a % 3 == 0,
        "agent_level_id": C.AGENT_LEVEL_ID if a % 2 else None,
        "focus_mode": a % 2 == 0,
        "group_ids": group_ids,
        "role_ids": role_ids,
        "skill_ids": [],
    }
