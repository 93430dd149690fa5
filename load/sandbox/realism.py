"""How unkind the sandbox is: one switch per behaviour of real accounts (issue 12).

Every behaviour is on by default, because real Freshdesk accounts have them; a test that wants
the kind world asks for `Realism.kind()` (everything off) or `Realism.kind(churn=2)` (only
what it names on). The plan switches (PLAN_SWITCHES) are the exception: the demo account's plan
has SLA management, timesheets and products, as most paying accounts do, so they are off in both;
`Realism(no_time_tracking=True, ...)` is an account on a plan without them. The sources of each
behaviour are in the sandbox README.

    Account(seed=1, scale="tiny", realism=Realism.kind())
    python -m load.sandbox serve --realism kind --realism churn=2
    FRESHDESK_SANDBOX_REALISM=kind,churn=2 pytest tests/integration   # every Account() without realism=

The environment variable sets the default of an `Account` built without `realism=` (and of
`serve`/`load`, before their `--realism` options): a way to run an existing suite in another
world without editing it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

ENV = "FRESHDESK_SANDBOX_REALISM"

# Features a plan may lack: off by default (the demo account's plan has them) and in `kind()`.
PLAN_SWITCHES = ("no_sla", "no_time_tracking", "no_products")

_CHOICES = {"agent_contact_view": ("404", "contact"), "trashed_conversations": ("403", "404")}


@dataclass(frozen=True)
class Realism:
    """The behaviour switches; two equal values generate and serve identical accounts."""

    contact_list_slim: bool = True
    """`GET /contacts` rows lack tags, other_emails, avatar, view_all_tickets and deleted."""
    contact_list_others: bool = False
    """With a slim list, whether list rows keep other_phone_numbers and other_companies (False: they don't)."""
    archive_after_days: int = 120
    """Closed tickets not updated for this many days (sandbox clock) are archived; 0 = never."""
    blocked_contacts: bool = True
    """Some contacts (some of them requesters) are blocked: only `state=blocked` lists them."""
    agent_requesters: bool = True
    """Some tickets' requester_id is an agent's id, which `/contacts` never lists."""
    agent_contact_view: str = "404"
    """What `GET /contacts/{agent id}` answers: "404" (empty body) or "contact" (the agent as a contact)."""
    churn: int = 1
    """Live tickets updated after every ticket-list page that announces a next page."""
    trashed_conversations: str = "403"
    """What conversations of a trash or spam ticket answer: "403" (access_denied) or "404" (empty body)."""
    no_sla: bool = False
    """The plan has no SLA management: `/sla_policies` still answers, with the default policy only."""
    no_time_tracking: bool = False
    """The plan has no timesheets: `/time_entries` and per-ticket time entries answer 403 require_feature."""
    no_products: bool = False
    """The plan has no multi-product: `/products` answers 403 require_feature; nothing names a product."""
    legacy_groups: bool = True
    """The account predates the revamped groups UI: `/admin/groups` answers 404; `/groups` works."""
    public_notes: bool = True
    """Some agent responses are public notes (source 2, private false); stats count them as responses."""
    outbound_tickets: bool = True
    """Outbound e-mail tickets (source 10) start with the customer's reply; the first response is the first after it."""
    sla_timers: bool = True
    """Pending and custom status 6 pause the SLA (7 does not); fr_escalated/is_escalated as Freshdesk sets them."""
    multi_select_fields: bool = True
    """Tickets have a multi-select custom field (a list value) and a three-level dependent field."""
    contact_name_ties: bool = True
    """Namesake contacts; the name-ordered list breaks ties differently on every page, so paging can skip one."""
    spam_blocked_contacts: bool = True
    """The spam watcher's blocked contacts (contact 9, `acct.spam_block_contact`) are in no list; their view answers."""

    @classmethod
    def kind(cls, **on) -> Realism:
        """Every behaviour off (the sandbox as it was before issue 12), except those given."""
        off = cls(contact_list_slim=False, contact_list_others=True, archive_after_days=0, blocked_contacts=False,
                  agent_requesters=False, agent_contact_view="contact", churn=0, trashed_conversations="404",
                  no_sla=False, no_time_tracking=False, no_products=False, legacy_groups=False, public_notes=False,
                  outbound_tickets=False, sla_timers=False, multi_select_fields=False, contact_name_ties=False,
                  spam_blocked_contacts=False)
        return replace(off, **on)

    def __post_init__(self) -> None:
        for name, allowed in _CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"realism {name} must be one of {allowed}, not {getattr(self, name)!r}")
        if self.churn < 0 or self.archive_after_days < 0:
            raise ValueError("realism churn and archive_after_days must not be negative")

    @classmethod
    def parse(cls, specs: list[str] | None, base: Realism | None = None) -> Realism:
        """Build from specs applied in order to `base` (default `Realism()`): `kind`, `unkind` or `name=value`."""
        out = base or cls()
        for spec in specs or []:
            if spec in ("kind", "unkind"):
                out = cls.kind() if spec == "kind" else cls()
                continue
            name, sep, raw = spec.partition("=")
            types = {f.name: f.type for f in fields(cls)}
            if not sep or name not in types:
                raise ValueError(f"unknown realism setting {spec!r}; expected kind, unkind or NAME=VALUE "
                                 f"with NAME one of {sorted(types)}")
            out = replace(out, **{name: _convert(name, types[name], raw)})
        return out

    @classmethod
    def from_env(cls) -> Realism:
        """The default: `Realism()` unless FRESHDESK_SANDBOX_REALISM holds comma-separated specs."""
        raw = os.environ.get(ENV, "").strip()
        specs = [part.strip() for part in raw.split(",") if part.strip()]
        try:
            return cls.parse(specs)
        except ValueError as err:
            raise ValueError(f"{ENV}: {err}") from None

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _convert(name: str, kind: str, raw: str):
    if kind == "bool":
        if raw.lower() not in ("true", "false", "on", "off", "1", "0"):
            raise ValueError(f"realism {name} takes true or false, not {raw!r}")
        return raw.lower() in ("true", "on", "1")
    if kind == "int":
        if not raw.isdigit():
            raise ValueError(f"realism {name} takes a whole number, not {raw!r}")
        return int(raw)
    return raw
