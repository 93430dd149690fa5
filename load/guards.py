"""What the destination already holds, checked before a load adds to it.

- The account: every load writes one row naming it (raw table `account`: domain, base URL,
  sandbox or not). A load of another account into the same work database or PostgreSQL schema
  would mix the two (the first account's cursors skip the second's history, its deletes mark the
  other's records deleted), so it is refused, naming both.
- The start date: dlt keeps the first load's `initial_value` in each incremental cursor's state
  and ignores a new one once a cursor exists. A start date earlier than the data was loaded from
  would silently never be read, so it is refused; a later one only warns (the data older than it
  stays).

A full refresh (`--full-refresh`) skips both: it replaces what is there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

import dlt

from load.settings import BY_NAME, Settings, SettingsError, base_url_for
from load.source import source_state

log = logging.getLogger("freshdesk")


@dataclass(frozen=True)
class AccountName:
    """Which account a load is for, or the destination's data came from."""

    domain: str
    base_url: str
    is_sandbox: bool

    @classmethod
    def of(cls, settings: Settings) -> AccountName:
        """The account `settings` load."""
        return cls(settings.domain, settings.base_url, settings.is_sandbox)

    def key(self) -> tuple[bool, str]:
        """What identifies the account: the same domain, however it was written (`acme` is
        `acme.freshdesk.com`). The base URL is not compared: a sandbox's port changes every run."""
        domain = self.domain.strip().lower()
        if not self.is_sandbox:
            try:
                domain = urlparse(base_url_for(domain)).hostname or domain
            except SettingsError:
                pass
        return self.is_sandbox, domain

    def __str__(self) -> str:
        what = f"the sandbox account {self.domain}" if self.is_sandbox else self.domain
        return f"{what} ({self.base_url})"


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
    try:
        with pipeline.sql_client() as client:
            rows = client.execute_sql(
                f"SELECT domain, base_url, is_sandbox FROM {client.make_qualified_table_name('account')}")
    except Exception:  # no dataset or table yet: no account
        return None
    if not rows:
        return None
    domain, base_url, is_sandbox = rows[0]
    return AccountName(domain or "", base_url or "", bool(is_sandbox))


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
    if loaded and loaded.key() != wanted.key():
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
