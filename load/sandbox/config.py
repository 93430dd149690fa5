"""Account sizes and the id spaces records are numbered in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .clock import DEFAULT_NOW
from .realism import Realism

# Size presets. `tiny` is for unit tests: small, but the generator forces every awkward case
# into it (see generator docstrings), so nothing depends on luck at small sizes.
SCALES: dict[str, dict[str, int]] = {
    "tiny": {"tickets": 40, "contacts": 14, "companies": 6, "agents": 7},
    "demo": {"tickets": 2000, "contacts": 500, "companies": 100, "agents": 25},
    "bench": {"tickets": 50_000, "contacts": 8000, "companies": 800, "agents": 60},
}

HISTORY_DAYS = 3 * 365
RECENT_DAYS = 30

# Id spaces. Real Freshdesk ids are pod-prefixed 11-12 digit numbers, except the ticket's
# per-account display id (1..N). Spacing ids apart keeps them from looking like counters.
AGENT_BASE = 67_013_000_017
GHOST_AGENT_BASE = 67_013_990_001
CONTACT_BASE = 67_042_000_003
GHOST_CONTACT_BASE = 67_049_990_011
COMPANY_BASE = 67_001_000_022
GHOST_COMPANY_BASE = 67_009_990_005
GROUP_BASE = 67_000_259_007
PRODUCT_BASE = 67_000_001_416
ROLE_BASE = 67_000_159_706
SLA_BASE = 67_000_087_191
MAILBOX_BASE = 67_000_103_430
CALENDAR_BASE = 67_000_039_282
CONVERSATION_BASE = 67_100_000_000
ATTACHMENT_BASE = 103_000_000_000
AVATAR_BASE = 103_024_000_000
TIME_ENTRY_BASE = 67_011_000_000
ORG_CONTACT_BASE = 1_661_072_706_350_043_136  # above 2**53, as on real accounts
SURVEY_ID = 67_000_000_517
SURVEY_ID_OFFSET = 1_000_000_000
FORM_ID = 67_000_012_345
AGENT_LEVEL_ID = 69_000_417_793

# A ticket's conversations are numbered t * CONV_SLOTS + k; generated ones stay below
# ADDED_CONV_START so conversations added later through the mutation API never collide.
CONV_SLOTS = 512
ADDED_CONV_START = 320
MAX_GENERATED_CONVS = 150


@dataclass(frozen=True)
class AccountConfig:
    """Everything the generator needs; two equal configs generate identical accounts."""

    seed: int = 1
    tickets: int = 40
    contacts: int = 14
    companies: int = 6
    agents: int = 7
    now: datetime = field(default=DEFAULT_NOW)
    domain: str = "sandbox"
    realism: Realism = field(default_factory=Realism)

    @property
    def ghost_agents(self) -> int:
        """Agents deleted before generation that tickets/groups/escalations still name."""
        return max(1, self.agents // 12)

    @property
    def ghost_contacts(self) -> int:
        """Hard-deleted requesters still named by tickets."""
        return max(1, self.contacts // 100)

    @property
    def ghost_companies(self) -> int:
        """Deleted companies still named by tickets."""
        return max(1, self.companies // 50)

    @property
    def groups(self) -> int:
        return max(3, min(40, self.agents // 4))

    @property
    def products(self) -> int:
        return max(2, min(5, self.agents // 5))


def make_config(
    seed: int = 1,
    scale: str | None = None,
    tickets: int | None = None,
    contacts: int | None = None,
    companies: int | None = None,
    agents: int | None = None,
    now: datetime | None = None,
    realism: Realism | None = None,
) -> AccountConfig:
    """Resolve a preset and/or explicit counts into a config.

    Explicit counts win over the preset; counts not given are derived from the ticket count
    with the proportions of a typical B2B helpdesk.
    """
    if scale is not None and scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; expected one of {sorted(SCALES)}")
    base = dict(SCALES[scale or "tiny"]) if scale or tickets is None else {}
    if tickets is not None:
        base["tickets"] = tickets
    n = base["tickets"]
    if n < 12:
        raise ValueError("an account needs at least 12 tickets to hold every awkward case")
    base.setdefault("contacts", max(14, min(n // 4, 250_000)))
    base.setdefault("companies", max(6, base["contacts"] // 5))
    base.setdefault("agents", max(7, min(300, n // 80)))
    for key, value in (("contacts", contacts), ("companies", companies), ("agents", agents)):
        if value is not None:
            base[key] = value
    if base["contacts"] < 6 or base["companies"] < 3 or base["agents"] < 5:
        raise ValueError("too few contacts/companies/agents for the awkward cases")
    return AccountConfig(seed=seed, now=now or DEFAULT_NOW, realism=realism or Realism(), **base)


def account_domain(cfg: AccountConfig) -> str:
    """The name a sandbox account is recorded under in a warehouse (raw table `account`):
    `tiny-seed1.sandbox`, or `5000-tickets-seed1.sandbox` off the presets. Two configs with the
    same name generate the same records, so loading one after the other is not mixing accounts."""
    counts = {"tickets": cfg.tickets, "contacts": cfg.contacts, "companies": cfg.companies, "agents": cfg.agents}
    scale = next((name for name, preset in SCALES.items() if preset == counts), f"{cfg.tickets}-tickets")
    return f"{scale}-seed{cfg.seed}.sandbox"
