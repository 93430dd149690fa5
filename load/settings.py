"""Loader settings: where the account is, how to authenticate, and how hard to push the API.

Every setting comes from an environment variable or, failing that, from dlt's config files
(`.dlt/config.toml`, `.dlt/secrets.toml`, section `[sources.freshdesk]`).
"""

from __future__ import annotations

import ipaddress
import os
import pathlib
from dataclasses import dataclass, field
from urllib.parse import urlparse

import dlt

from load import paths
from load.config import lookup

DEFAULT_START_DATE = "2000-01-01T00:00:00Z"


class SettingsError(ValueError):
    """A setting is missing or unusable; the message is one line meant for the user."""


def has_api_key() -> bool:
    """True when an API key is configured (environment or `.dlt/secrets.toml`)."""
    return bool(lookup("FRESHDESK_API_KEY", "api_key", secret=True))


def _number(env: str, key: str, default: str, kind: type) -> int | float:
    raw = lookup(env, key, default)
    try:
        return kind(raw)
    except (TypeError, ValueError):
        raise SettingsError(f"{env} must be a number, got {raw!r}") from None


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


@dataclass(frozen=True)
class Settings:
    """Everything the loader needs to know, validated."""

    base_url: str
    api_key: str = field(repr=False)
    domain: str
    work_db: pathlib.Path
    start_date: str = DEFAULT_START_DATE
    workers: int = 8
    budget_share: float = 0.8
    mirror_remote_id: int = 1
    reconcile_hours: float = 24.0
    ticket_page_cap: int = 300
    per_page: int = 100
    checkpoint_minutes: float = 5.0
    is_sandbox: bool = False
    destination_url: str | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        """The API host, for messages (never carries credentials)."""
        return urlparse(self.base_url).hostname or self.base_url


def base_url_for(domain: str) -> str:
    """`acme` or `acme.freshdesk.com` -> `https://acme.freshdesk.com/api/v2`."""
    host = domain.strip().lower()
    if host.startswith(("http://", "https://")):
        host = urlparse(host).hostname or ""
    host = host.rstrip("/")
    if not host:
        raise SettingsError("FRESHDESK_DOMAIN is empty")
    if "." not in host:
        host = f"{host}.freshdesk.com"
    return f"https://{host}/api/v2"


def check_base_url(url: str) -> str:
    """Validate a Freshdesk-compatible base URL; plain http is allowed only on loopback."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise SettingsError(f"FRESHDESK_BASE_URL is not an http(s) URL: {url!r}")
    if parsed.username or parsed.password:
        raise SettingsError("FRESHDESK_BASE_URL must not carry credentials; use FRESHDESK_API_KEY")
    if parsed.scheme == "http" and not is_loopback(parsed.hostname):
        raise SettingsError(
            f"refusing plain http:// to {parsed.hostname}: the API key would travel in clear text "
            "(use https://, or http:// only on loopback)"
        )
    return url.rstrip("/")


def destination_url() -> str | None:
    """The PostgreSQL server to load into instead of the DuckDB work database, or None.

    `FRESHDESK_DESTINATION_URL` or `[destination] url` in `.dlt/secrets.toml`:
    `postgresql://user:password@host:5432/database`.
    """
    url = os.environ.get("FRESHDESK_DESTINATION_URL")
    if not url:
        try:
            url = dlt.secrets.get("destination.url")
        except Exception:  # an unreadable or absent toml file is the same as no value
            url = None
    if not url:
        return None
    if urlparse(str(url)).scheme not in ("postgresql", "postgres"):
        raise SettingsError("FRESHDESK_DESTINATION_URL must be a postgresql:// URL")
    return str(url)


def load_settings(*, base_url: str | None = None, api_key: str | None = None, is_sandbox: bool = False) -> Settings:
    """Read and validate the settings; explicit arguments win over the environment."""
    base_url = base_url or lookup("FRESHDESK_BASE_URL", "base_url")
    domain = lookup("FRESHDESK_DOMAIN", "domain")
    api_key = api_key or lookup("FRESHDESK_API_KEY", "api_key", secret=True)
    if not api_key:
        what = "FRESHDESK_API_KEY is not set" if (domain or base_url) else "no Freshdesk account configured"
        raise SettingsError(f"{what}: set FRESHDESK_DOMAIN and FRESHDESK_API_KEY (or .dlt/secrets.toml); "
                            "`make demo` loads the synthetic sandbox account instead")
    if base_url:
        base_url = check_base_url(base_url)
    elif domain:
        base_url = base_url_for(domain)
    else:
        raise SettingsError("set FRESHDESK_DOMAIN (or FRESHDESK_BASE_URL)")
    share = _number("FRESHDESK_BUDGET_SHARE", "budget_share", "0.8", float)
    if not 0 < share <= 1:
        raise SettingsError(f"FRESHDESK_BUDGET_SHARE must be in (0, 1], got {share}")
    workers = _number("FRESHDESK_WORKERS", "workers", "8", int)
    if not 1 <= workers <= 64:
        raise SettingsError(f"FRESHDESK_WORKERS must be between 1 and 64, got {workers}")
    checkpoint = _number("FRESHDESK_CHECKPOINT_MINUTES", "checkpoint_minutes", "5", float)
    if not checkpoint > 0:
        raise SettingsError(f"FRESHDESK_CHECKPOINT_MINUTES must be more than 0, got {checkpoint}")
    return Settings(
        base_url=base_url,
        api_key=api_key,
        domain=domain or (urlparse(base_url).hostname or ""),
        work_db=paths.work_db(),
        start_date=lookup("FRESHDESK_START_DATE", "start_date", DEFAULT_START_DATE),
        workers=workers,
        budget_share=share,
        mirror_remote_id=_number("FRESHDESK_ACCOUNT_ID", "account_id", "1", int),
        reconcile_hours=_number("FRESHDESK_RECONCILE_HOURS", "reconcile_hours", "24", float),
        ticket_page_cap=_number("FRESHDESK_TICKET_PAGE_CAP", "ticket_page_cap", "300", int),
        per_page=_number("FRESHDESK_PER_PAGE", "per_page", "100", int),
        checkpoint_minutes=checkpoint,
        is_sandbox=is_sandbox,
        destination_url=destination_url(),
    )
