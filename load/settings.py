"""Loader settings: where the account is, how to authenticate, what to load and how hard to push the API.

`SETTINGS` is the one registry of every setting: its environment variable, its key in dlt's config
files (`.dlt/config.toml`, `.dlt/secrets.toml`, section `[sources.freshdesk]`), its default, its
meaning and its validator. `python -m load --help` and the README's table are generated from it
(`python -m load.settings --readme` rewrites the README's tables; a test checks them), and
`load_settings` validates every value before the loader makes its first request.
"""

from __future__ import annotations

import argparse
import ipaddress
import pathlib
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

from load.config import lookup

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

# What FRESHDESK_SKIP accepts -> the source's resources it leaves out. Leaving out tickets leaves
# out their conversations; reconcile listings go with the entity they reconcile. The `account`
# row is never left out (it names the account every load came from).
SKIPPABLE: dict[str, tuple[str, ...]] = {
    "agents": ("agents",),
    "business_hours": ("business_hours",),
    "companies": ("companies",),
    "contacts": ("contacts", "contacts_deleted", "contacts_blocked", "contact_views_pending", "reconcile_contacts"),
    "conversations": ("ticket_conversations",),
    "email_mailboxes": ("email_mailboxes",),
    "groups": ("groups",),
    "products": ("products",),
    "roles": ("roles",),
    "sla_policies": ("sla_policies",),
    "tickets": ("tickets", "tickets_deleted", "tickets_spam", "reconcile_tickets", "archived_probes",
                "ticket_conversations"),
    "time_entries": ("time_entries",),
}


# What `python -m load` exits with (its --help and the README's table are generated from this).
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (0, "done"),
    (1, "a load that failed part-way (nothing half-written: the next run completes it)"),
    (2, "refused before loading anything: a missing or invalid setting or credential, another account's data "
        "in the destination, an unconfirmed full refresh"),
    (3, "the server cannot be reached (unknown domain, unreachable host, TLS failure)"),
    (75, "a time-boxed run (`--max-minutes`) stopped at a checkpoint with more to read: run it again to go on "
         "(what is loaded so far can be published)"),
    (130, "stopped by Ctrl-C (SIGINT) at a safe point: every checkpoint made is kept, the next run goes on from it"),
    (143, "stopped by SIGTERM (a scheduler's timeout, a deploy), the same way"),
)


class SettingsError(ValueError):
    """A setting is missing or unusable; the message is one line meant for the user."""


# --------------------------------------------------------------------------- validators
# Each takes the raw text and returns the value, or raises ValueError saying what it must be.


def _number(kind: type, low: float | None = None, high: float | None = None, *, above: float | None = None):
    def parse(raw: str) -> int | float:
        try:
            value = kind(raw)
        except ValueError:
            raise ValueError(f"must be {'a whole' if kind is int else 'a'} number") from None
        bounds = [f"above {above}" if above is not None else "", f"at least {low}" if low is not None else "",
                  f"at most {high}" if high is not None else ""]
        if ((above is not None and not value > above) or (low is not None and value < low)
                or (high is not None and value > high)):
            raise ValueError("must be " + " and ".join(b for b in bounds if b))
        return value

    return parse


class HiddenValueError(ValueError):
    """A validator's complaint about a value that must not be repeated (it holds a secret)."""


def parse_date(raw: str) -> str:
    """`2024-01-01` or an ISO 8601 time (`2024-01-01T08:00:00Z`, `...+02:00`) -> UTC `2024-01-01T06:00:00Z`."""
    text = raw.strip()
    try:
        when = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise ValueError("must be a date like 2024-01-01 or 2024-01-01T00:00:00Z") from None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if when > datetime.now(UTC):
        raise ValueError("is in the future: nothing would be loaded")
    return when.strftime(DATE_FORMAT)


def parse_skip(raw: str) -> frozenset[str]:
    """`time_entries, conversations` -> the names, each one of `SKIPPABLE`."""
    names = {name.strip().lower() for name in raw.split(",") if name.strip()}
    unknown = sorted(names - set(SKIPPABLE))
    if unknown:
        raise ValueError(f"names unknown resources ({', '.join(unknown)}); known: {', '.join(SKIPPABLE)}")
    return frozenset(names)


def _log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return level


def _domain(raw: str) -> str:
    host = raw.strip().lower()
    if host.startswith(("http://", "https://")):
        host = urlparse(host).hostname or ""
    host = host.rstrip("/")
    if not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", host):
        raise ValueError("must be your account's subdomain, like acme or acme.freshdesk.com")
    return host


def is_loopback(host: str | None) -> bool:
    """True when `host` names this machine (localhost or a loopback address)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _base_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError("is not an http(s) URL")
    if parsed.username or parsed.password:
        raise HiddenValueError("must not carry credentials; use FRESHDESK_API_KEY")
    if parsed.scheme == "http" and not is_loopback(parsed.hostname):
        raise ValueError(f"is refused: plain http:// to {parsed.hostname} would send the API key in clear text "
                         "(use https://, or http:// only on loopback)")
    return url.rstrip("/")


def _postgres_url(url: str) -> str:
    if urlparse(url).scheme not in ("postgresql", "postgres"):
        raise ValueError("must be a postgresql:// URL")
    return url


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Setting:
    """One setting: read from `env`, else `key` in dlt's config files, else `default`."""

    name: str
    env: str
    meaning: str
    default: str | None = None
    parse: Callable[[str], Any] = str
    secret: bool = False
    key: str | None = None  # the dlt config key when it is not `sources.freshdesk.<name>`

    @property
    def dlt_key(self) -> str:
        """Where the setting goes in `.dlt/config.toml` (or `secrets.toml`)."""
        return self.key or f"sources.freshdesk.{self.name}"

    def raw(self) -> str | None:
        """The configured text, or the default."""
        return lookup(self.env, self.dlt_key, self.default, secret=self.secret)

    def value(self, raw: str | None = None) -> Any:
        """The validated value (None when unset with no default); SettingsError names the variable."""
        raw = self.raw() if raw is None else raw
        if raw is None:
            return None
        try:
            return self.parse(raw)
        except ValueError as exc:
            shown = "" if self.secret or isinstance(exc, HiddenValueError) else f", got {raw!r}"
            raise SettingsError(f"{self.env} {exc}{shown}") from None


SETTINGS: tuple[Setting, ...] = (
    Setting("domain", "FRESHDESK_DOMAIN", "your account's subdomain (`acme` or `acme.freshdesk.com`)",
            parse=_domain),
    Setting("api_key", "FRESHDESK_API_KEY", "API key (Profile settings -> API key); a non-admin key loads everything "
            "but the admin-only endpoints (agents, groups, roles, products, SLA policies, mailboxes, business hours), "
            "which are skipped with a warning", secret=True),
    Setting("base_url", "FRESHDESK_BASE_URL", "any Freshdesk-compatible server instead of "
            "`https://<domain>.freshdesk.com/api/v2` (a proxy, a sandbox started by hand); plain `http://` is "
            "refused unless the host is loopback", parse=_base_url),
    Setting("start_date", "FRESHDESK_START_DATE", "oldest `updated_at` the first load reads (`2024-01-01` or an "
            "ISO 8601 time); later loads refuse an earlier date than the data was loaded from (run a full refresh)",
            "2000-01-01T00:00:00Z", parse_date),
    Setting("skip", "FRESHDESK_SKIP", "resources left out, comma-separated: " + ", ".join(SKIPPABLE)
            + " (tickets leaves out their conversations too); their published tables stay, empty or as last loaded",
            "", parse_skip),
    Setting("workers", "FRESHDESK_WORKERS", "conversations fetched at once", "8", _number(int, 1, 64)),
    Setting("budget_share", "FRESHDESK_BUDGET_SHARE", "share of the account's per-minute API budget the loader "
            "may use (other apps share it)", "0.8", _number(float, high=1, above=0)),
    Setting("mirror_remote_id", "FRESHDESK_ACCOUNT_ID", "the number written to every row's `MirrorRemoteID`", "1",
            _number(int, 0), key="sources.freshdesk.account_id"),
    Setting("reconcile_hours", "FRESHDESK_RECONCILE_HOURS", "how often tickets and contacts are listed whole to "
            "find hard deletes (0: every load)", "24", _number(float, 0)),
    Setting("ticket_page_cap", "FRESHDESK_TICKET_PAGE_CAP", "last page of a ticket listing the API serves; past "
            "it a new window starts at the last `updated_at`", "300", _number(int, 1)),
    Setting("per_page", "FRESHDESK_PER_PAGE", "records asked for per list page", "100", _number(int, 1, 100)),
    Setting("checkpoint_minutes", "FRESHDESK_CHECKPOINT_MINUTES", "longest stretch of ticket reading between two "
            "checkpoints (a kill loses at most the stretch in progress)", "5", _number(float, above=0)),
    Setting("destination_url", "FRESHDESK_DESTINATION_URL", "load into this PostgreSQL database "
            "(`postgresql://user:password@host:5432/db`) instead of the work database", parse=_postgres_url,
            secret=True, key="destination.url"),
    Setting("work_db", "FRESHDESK_WORK_DB", "the DuckDB file the loader and dbt work in (dlt's state is kept "
            "beside it)", "data/work.duckdb", pathlib.Path),
    Setting("duckdb_path", "FRESHDESK_DUCKDB_PATH", "the published warehouse file", "data/freshdesk.duckdb",
            pathlib.Path),
    Setting("docs_dir", "FRESHDESK_DOCS_DIR", "the docs site", "data/docs", pathlib.Path),
    Setting("log_level", "FRESHDESK_LOG_LEVEL", "how much the loader logs: " + ", ".join(LOG_LEVELS)
            + " (`--log-level`, `--quiet` is WARNING)", "INFO", _log_level),
    Setting("sandbox_plan", "FRESHDESK_SANDBOX_PLAN", "the rate-limit plan a sandbox load imitates (`make demo`, "
            "`make load SANDBOX=...`; `python -m load.sandbox load --plan`)", "addon2000"),
)
BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Any:
    """The validated value of setting `name`."""
    return BY_NAME[name].value()


def has_api_key() -> bool:
    """True when an API key is configured (environment or `.dlt/secrets.toml`)."""
    return bool(BY_NAME["api_key"].raw())


def destination_url() -> str | None:
    """The PostgreSQL server to load into instead of the DuckDB work database, or None."""
    return setting("destination_url")


# --------------------------------------------------------------------------- the settings of one load


class _FromRegistry:
    """The default of a `Settings` field that is a setting: its registry default, parsed."""

    def __repr__(self) -> str:
        return "<the registry's default>"


FROM_REGISTRY: Any = _FromRegistry()


@dataclass(frozen=True)
class Settings:
    """Everything the loader needs to know, validated. A field named like a setting of `SETTINGS`
    defaults to that setting's default: each default is written once, in the registry."""

    base_url: str
    api_key: str = field(repr=False)
    domain: str
    work_db: pathlib.Path
    start_date: str = FROM_REGISTRY
    workers: int = FROM_REGISTRY
    budget_share: float = FROM_REGISTRY
    mirror_remote_id: int = FROM_REGISTRY
    reconcile_hours: float = FROM_REGISTRY
    ticket_page_cap: int = FROM_REGISTRY
    per_page: int = FROM_REGISTRY
    checkpoint_minutes: float = FROM_REGISTRY
    is_sandbox: bool = False
    destination_url: str | None = field(default=FROM_REGISTRY, repr=False)
    skip: frozenset[str] = FROM_REGISTRY
    full_refresh: bool = False  # drop the raw tables and the loader's state first (`--full-refresh`)
    # What the API says about the account (`GET /account`, read by the load's first request;
    # None before it, or where the key may not read it): see load/guards.py.
    api_account_id: int | None = None
    api_account_domain: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) is FROM_REGISTRY:
                default = BY_NAME[f.name].default
                object.__setattr__(self, f.name, None if default is None else BY_NAME[f.name].parse(default))

    @property
    def host(self) -> str:
        """The API host, for messages (never carries credentials)."""
        return urlparse(self.base_url).hostname or self.base_url

    @property
    def skipped_resources(self) -> frozenset[str]:
        """The source's resources `skip` leaves out."""
        return frozenset(r for name in self.skip for r in SKIPPABLE[name])


def base_url_for(domain: str) -> str:
    """`acme` or `acme.freshdesk.com` -> `https://acme.freshdesk.com/api/v2`."""
    host = BY_NAME["domain"].value(domain)
    if "." not in host:
        host = f"{host}.freshdesk.com"
    return f"https://{host}/api/v2"


def check_base_url(url: str) -> str:
    """Validate a Freshdesk-compatible base URL; plain http is allowed only on loopback."""
    return BY_NAME["base_url"].value(url)


# The Settings fields that `load_settings` works out itself rather than taking from the registry as they are.
_DERIVED = ("base_url", "api_key", "domain")


def load_settings(*, base_url: str | None = None, api_key: str | None = None, is_sandbox: bool = False,
                  domain: str | None = None) -> Settings:
    """Read and validate every setting; explicit arguments win over the environment (the sandbox's
    `load` passes its own server, key and account name)."""
    values = {s.name: s.value() for s in SETTINGS}  # every value validated, used or not
    base_url = check_base_url(base_url) if base_url else values["base_url"]
    # With a base URL, FRESHDESK_DOMAIN (if set) is the account the user means there: the load
    # checks it against what the API says (load/guards.py); without one it makes the URL.
    named = values["domain"] if base_url else None
    api_key = api_key or values["api_key"]
    if not api_key:
        what = "FRESHDESK_API_KEY is not set" if (values["domain"] or base_url) else "no Freshdesk account configured"
        raise SettingsError(f"{what}: set FRESHDESK_DOMAIN and FRESHDESK_API_KEY (or .dlt/secrets.toml); "
                            "`make demo` loads the synthetic sandbox account instead")
    if not base_url:
        if not values["domain"]:
            raise SettingsError("set FRESHDESK_DOMAIN (or FRESHDESK_BASE_URL)")
        base_url = base_url_for(values["domain"])
    return Settings(
        base_url=base_url,
        api_key=api_key,
        domain=domain or named or urlparse(base_url).hostname or "",
        is_sandbox=is_sandbox,
        **{f.name: values[f.name] for f in fields(Settings) if f.name in values and f.name not in _DERIVED},
    )


# --------------------------------------------------------------------------- command line and documentation


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of one load, shared by `python -m load` and `python -m load.sandbox load`."""
    parser.add_argument("--log-level", type=str.upper, choices=LOG_LEVELS,
                        help=f"how much to log (default: FRESHDESK_LOG_LEVEL, else {BY_NAME['log_level'].default})")
    parser.add_argument("--quiet", action="store_const", const="WARNING", dest="log_level",
                        help="warnings and errors only (--log-level WARNING)")
    parser.add_argument("--full-refresh", action="store_true",
                        help="drop the loader's raw tables and state for this account and load again from scratch "
                             "(asks first; the published warehouse changes only at the next transform)")
    parser.add_argument("--yes", action="store_true", help="do not ask before a full refresh")
    parser.add_argument("--max-minutes", type=_minutes, metavar="N",
                        help="stop at the first checkpoint after N minutes; exit 75 while there is more to read, "
                             "0 when all is read: run it again to go on")


def _minutes(text: str) -> float:
    """`--max-minutes`: a positive number."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of minutes, got {text!r}")
    return value


def help_text(width: int = 100) -> str:
    """Every setting with its default and meaning, and the exit codes, for `python -m load --help`."""
    lines = ["settings (an environment variable, else its key in .dlt/config.toml, or .dlt/secrets.toml for "
             "secrets):"]
    for s in SETTINGS:
        default = f"  [default: {s.default}]" if s.default else ""
        lines.append(f"  {s.env}  ({s.dlt_key}){default}")
        lines += textwrap.wrap(s.meaning.replace("`", ""), width, initial_indent=" " * 6, subsequent_indent=" " * 6)
    lines += ["", "exit status:"]
    for code, meaning in EXIT_CODES:
        lines += textwrap.wrap(meaning, width, initial_indent=f"  {code:>3}  ", subsequent_indent=" " * 7)
    return "\n".join(lines)


def markdown_settings() -> str:
    """The README's settings table."""
    rows = ["| environment variable | `.dlt` key | meaning | default |", "|---|---|---|---|"]
    for s in SETTINGS:
        where = f"`{s.dlt_key}`" + (" (secrets.toml)" if s.secret else "")
        default = f"`{s.default}`" if s.default else ""
        rows.append(f"| `{s.env}` | {where} | {s.meaning} | {default} |")
    return "\n".join(rows)


def markdown_exit_codes() -> str:
    """The README's table of `python -m load`'s exit codes."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in EXIT_CODES]
    return "\n".join(["| exit code | meaning |", "|---|---|", *rows])


# The README's generated blocks, each between its two markers.
README_BLOCKS = {"settings": markdown_settings, "exit codes": markdown_exit_codes}


def readme_markers(name: str) -> tuple[str, str]:
    """The lines that open and close a generated block of the README."""
    return f"<!-- {name}: generated by `python -m load.settings --readme` -->", f"<!-- end of {name} -->"


def readme_block(name: str) -> str:
    """A generated block with its markers, as the README holds it."""
    begin, end = readme_markers(name)
    return f"{begin}\n{README_BLOCKS[name]()}\n{end}"


def rewrite_readme(path: pathlib.Path) -> bool:
    """Regenerate every generated block of the README at `path`; True when it changed."""
    old = text = path.read_text()
    for name in README_BLOCKS:
        begin, end = readme_markers(name)
        start, stop = text.index(begin), text.index(end) + len(end)
        text = text[:start] + readme_block(name) + text[stop:]
    path.write_text(text)
    return text != old


def main(argv: list[str] | None = None) -> int:
    """`python -m load.settings --readme`: rewrite the README's generated tables; without it, print them."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--readme"]:
        readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
        print(f"{readme}: {'updated' if rewrite_readme(readme) else 'already up to date'}")
        return 0
    if args:
        print("usage: python -m load.settings [--readme]", file=sys.stderr)
        return 2
    print("\n\n".join(make() for make in README_BLOCKS.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
