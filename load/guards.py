"""What the destination already holds, checked before a load adds to it.

- The account: every load writes one row naming it (raw table `account`: domain, base URL,
  sandbox or not, and what the API says about the account: `GET /account`'s `account_id` and
  `account_domain`, read by the load's first request, `load/pipeline.py`'s `preflight`). A load of
  another account into the same work database or PostgreSQL schema would mix the two (the first
  account's cursors skip the second's history, its deletes mark the other's records deleted), so
  it is refused, naming both. Two accounts are told apart by the API's account id where both the
  destination's row and this load have one; otherwise (a key that may not read `/account`, a
  server without it, a row written before it was read) by the full base URL with the domain, or,
  for a sandbox load (`python -m load.sandbox load`), by the sandbox account's name (its port
  changes every run; the name says scale and seed). A FRESHDESK_DOMAIN set beside
  FRESHDESK_BASE_URL that the API contradicts is refused too.
- The start date: dlt keeps the first load's `initial_value` in each incremental cursor's state
  and ignores a new one once a cursor exists. A start date earlier than the data was loaded from
  would silently never be read, so it is refused; a later one only warns (the data older than it
  stays).

A full refresh (`--full-refresh`) skips both: it replaces what is there.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

import dlt
import requests

from load.settings import BY_NAME, Settings, SettingsError, base_url_for
from load.source import source_state

log = logging.getLogger("freshdesk")


def _host(domain: str) -> str:
    """`acme` -> `acme.freshdesk.com`; a name with a dot as it is (lowercase)."""
    domain = domain.strip().lower()
    try:
        return urlparse(base_url_for(domain)).hostname or domain
    except SettingsError:
        return domain


@dataclass(frozen=True)
class AccountName:
    """Which account a load is for, or the destination's data came from."""

    domain: str
    base_url: str
    is_sandbox: bool
    api_account_id: int | None = None
    api_account_domain: str | None = None

    @classmethod
    def of(cls, settings: Settings) -> AccountName:
        """The account `settings` load."""
        return cls(settings.domain, settings.base_url, settings.is_sandbox, settings.api_account_id,
                   settings.api_account_domain)

    def key(self) -> tuple:
        """What identifies the account without the API's word: a sandbox load's account name
        (`tiny-seed1.sandbox`; its port changes every run), else the full base URL with the
        domain, however each was written (`acme` is `acme.freshdesk.com`)."""
        if self.is_sandbox:
            return True, self.domain.strip().lower()
        url = urlparse(self.base_url.strip())
        base = f"{url.scheme.lower()}://{(url.netloc or '').lower()}{url.path.rstrip('/')}"
        return False, _host(self.domain), base

    def same_as(self, other: AccountName) -> bool:
        """One account: the same API account id where both have one, else the same `key`."""
        if self.api_account_id is not None and other.api_account_id is not None:
            return self.api_account_id == other.api_account_id
        return self.key() == other.key()

    def __str__(self) -> str:
        what = f"the sandbox account {self.domain}" if self.is_sandbox else self.domain
        said = f"; account {self.api_account_id} {self.api_account_domain}" if self.api_account_id is not None else ""
        return f"{what} ({self.base_url}{said})"


def with_api_account(settings: Settings, response: requests.Response) -> Settings:
    """`settings` with what `GET /account` (`response`, a 200) says about the account; a
    FRESHDESK_DOMAIN set beside FRESHDESK_BASE_URL that it contradicts is refused (SettingsError)."""
    try:
        body = response.json()
        account_id, domain = int(body["account_id"]), str(body.get("account_domain") or "")
    except (ValueError, TypeError, KeyError):
        log.warning("%s answered /account without an account id: the account is told by its base URL and domain",
                    settings.host)
        return settings
    named = settings.domain
    if (not settings.is_sandbox and domain and named and named != settings.host
            and _host(named) != _host(domain)):
        raise SettingsError(f"FRESHDESK_DOMAIN {named} is not the account {settings.base_url} serves: it is "
                            f"account {account_id} {domain} (unset FRESHDESK_DOMAIN or fix FRESHDESK_BASE_URL)")
    return dataclasses.replace(settings, api_account_id=account_id, api_account_domain=domain or None)


def destination_exists(settings: Settings) -> bool:
    """False only when nothing was ever written there (a DuckDB work database not yet created)."""
    return bool(settings.destination_url) or settings.work_db.exists()


def describe_destination(settings: Settings) -> str:
    """The destination, for messages (never with a password)."""
    if settings.destination_url:
        url = urlparse(settings.destination_url)
        return f"PostgreSQL database {url.path.lstrip('/') or '?'} on {url.hostname}"
    return f"the work database {settings.work_db}"


def loaded_account(pipeline: dlt.Pipeline) -> AccountName | None:
    """The account the destination's data came from (the `account` row), or None when it holds none."""
    rows = _account_rows(pipeline, "domain, base_url, is_sandbox, api_account_id, api_account_domain")
    if rows is None:  # written before the API's word was kept
        rows = _account_rows(pipeline, "domain, base_url, is_sandbox, NULL, NULL")
    if not rows:
        return None
    domain, base_url, is_sandbox, account_id, account_domain = rows[0]
    return AccountName(domain or "", base_url or "", bool(is_sandbox),
                       None if account_id is None else int(account_id), account_domain)


def _account_rows(pipeline: dlt.Pipeline, columns: str) -> list | None:
    """Rows of the raw `account` table ([] when there is none), or None when it lacks a column asked for."""
    try:
        with pipeline.sql_client() as client:
            table = client.make_qualified_table_name("account")
            if not client.execute_sql(f"SELECT count(*) FROM {table}")[0][0]:
                return []
    except Exception:  # no dataset or table yet: no account
        return []
    try:
        with pipeline.sql_client() as client:
            return client.execute_sql(f"SELECT {columns} FROM {client.make_qualified_table_name('account')}")
    except Exception:  # an older table without the API's columns
        return None


def loaded_start_date(pipeline: dlt.Pipeline) -> str | None:
    """The earliest start date (`initial_value`) of the source's incremental cursors, or None."""
    resources = source_state(pipeline.state).get("resources", {})
    dates = [cursor.get("initial_value") for resource in resources.values()
             for cursor in resource.get("incremental", {}).values()]
    dates = [str(d) for d in dates if d]
    return min(dates, key=_when) if dates else None


def _when(text: str) -> datetime:
    return datetime.fromisoformat(BY_NAME["start_date"].value(text).replace("Z", "+00:00"))


def check_destination(pipeline: dlt.Pipeline, settings: Settings) -> None:
    """Refuse (SettingsError) a load that would mix accounts or never read the history asked for."""
    if settings.full_refresh or not destination_exists(settings):
        return
    if not pipeline.has_pending_data:
        # What `pipeline.run` does first: the state kept in the destination wins over a missing or
        # older local copy (and a local copy whose dataset is gone is wiped).
        pipeline.sync_destination()
    loaded, wanted = loaded_account(pipeline), AccountName.of(settings)
    if loaded and loaded.api_account_id is not None and wanted.api_account_id is None:
        # The base URL cannot stand in for the API's word: two accounts can sit behind one URL.
        raise SettingsError(
            f"{describe_destination(settings)} holds {loaded}, and this load cannot ask the API which account "
            f"{wanted} is (this API key may not read /account): load it with an admin key, or replace its data "
            "with --full-refresh (make full-refresh)")
    if loaded and not loaded.same_as(wanted):
        raise SettingsError(
            f"{describe_destination(settings)} holds {loaded}, not {wanted}: point FRESHDESK_WORK_DB "
            "(or FRESHDESK_DESTINATION_URL) at another database, or replace its data with --full-refresh "
            "(make full-refresh)")
    first = loaded_start_date(pipeline)
    if first is None or _when(first) == _when(settings.start_date):
        return
    if _when(settings.start_date) < _when(first):
        raise SettingsError(
            f"FRESHDESK_START_DATE {settings.start_date} is earlier than the {first} this data was first loaded "
            f"from, and an incremental load never reads back: load from the new date with --full-refresh "
            f"(make full-refresh), or set it back to {first}")
    log.warning("FRESHDESK_START_DATE %s is later than the %s this data was first loaded from: the older data "
                "stays (--full-refresh drops it)", settings.start_date, first)


def full_refresh_notice(settings: Settings) -> str:
    """What a full refresh will do, for the confirmation and the log."""
    return (f"full refresh: drops the loader's raw tables and state in {describe_destination(settings)} and loads "
            f"{AccountName.of(settings)} again from scratch (the published warehouse is untouched until the next "
            "transform)")
