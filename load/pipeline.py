"""Run one load: preflight, the dlt pipeline, empty raw tables, and a summary of what it cost."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import dlt
from dlt.destinations.impl.duckdb.configuration import DuckDbCredentials
from dlt.sources.helpers.requests import Client
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import SSLError, Timeout

from load import guards, paths
from load.pacing import RateBudget
from load.schema import create_missing_tables
from load.settings import Settings
from load.source import freshdesk_source, reconcile_due

log = logging.getLogger("freshdesk")

RAW_DATASET = "freshdesk_raw"
# The loader's DuckDB connection: DuckDB's default (80% of RAM) let the load step's memory grow with
# the account (the merge of a 50,000-ticket first load reached ~870 MB); past this it spills to disk.
LOAD_MEMORY_LIMIT = "256MB"


class LoadError(RuntimeError):
    """A load that cannot go on; `exit_code` tells the CLI what to return, the message is one line."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class LoadSummary:
    """What one load did and cost."""

    wall_s: float = 0.0
    records: Counter = field(default_factory=Counter)
    requests: int = 0
    credits: int = 0
    http_429: int = 0
    waits: int = 0
    wait_s: float = 0.0
    allowed_per_minute: float | None = None
    load_id: str | None = None
    requests_by_resource: Counter = field(default_factory=Counter)


def preflight(settings: Settings) -> None:
    """One cheap request, with no retry on connection errors, so bad settings fail fast and clearly."""
    session = Client(raise_for_status=False, exceptions=[], request_max_attempts=4, request_timeout=30).session
    client = RESTClient(base_url=settings.base_url, auth=HttpBasicAuth(settings.api_key, "X"), session=session)
    try:
        response = client.get("companies", params={"per_page": 1})
    except SSLError as exc:
        raise LoadError(f"TLS failure talking to {settings.host}: {type(exc).__name__}", 3) from None
    except (RequestsConnectionError, Timeout) as exc:
        reason = "timed out" if isinstance(exc, Timeout) else "unreachable or unknown host"
        raise LoadError(f"cannot reach {settings.host}: {reason}", 3) from None
    if response.status_code == 401:
        raise LoadError(f"Freshdesk rejected the API key for {settings.domain} (HTTP 401 invalid_credentials)", 2)
    if response.status_code == 404:
        raise LoadError(f"no Freshdesk API at {settings.base_url} (HTTP 404: unknown domain?)", 3)
    if response.status_code >= 400 and response.status_code != 429:
        raise LoadError(f"{settings.host} answered HTTP {response.status_code} to a first request", 3)


def make_pipeline(settings: Settings) -> dlt.Pipeline:
    """The dlt pipeline writing to the work database, or to PostgreSQL when `destination_url` is set;
    its state lives beside the work database, one directory per destination."""
    settings.work_db.parent.mkdir(parents=True, exist_ok=True)
    if settings.destination_url:
        destination = dlt.destinations.postgres(credentials=settings.destination_url)
    else:
        credentials = DuckDbCredentials(str(settings.work_db), global_config={"memory_limit": LOAD_MEMORY_LIMIT})
        destination = dlt.destinations.duckdb(credentials)
    return dlt.pipeline(
        pipeline_name="freshdesk",
        destination=destination,
        dataset_name=RAW_DATASET,
        pipelines_dir=str(paths.state_dir(settings.work_db, postgres=bool(settings.destination_url))),
    )


def _file_format(pipeline: dlt.Pipeline) -> str | None:
    """Parquet into DuckDB: it ingests dlt's default INSERT ... VALUES files ten times slower, in far more memory."""
    return "parquet" if pipeline.destination.destination_type.endswith(".duckdb") else None


def _count(counter: Counter, name: str):
    def count(item):
        counter[name] += 1
        return item

    return count


class _Progress(threading.Thread):
    def __init__(self, budget: RateBudget, records: Counter, every: float) -> None:
        super().__init__(daemon=True, name="progress")
        self.budget, self.records, self.every = budget, records, every
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            log.info("progress: %s", describe(self.budget, self.records))


def describe(budget: RateBudget, records: Counter) -> str:
    """One line per resource: records, requests, waits on the rate limit."""
    stats = budget.stats
    names = sorted(set(records) | set(stats.requests))
    parts = []
    for name in names:
        part = f"{name}: {records.get(name, 0)} records, {stats.requests.get(name, 0)} requests"
        if stats.waits.get(name):
            part += f", {stats.waits[name]} waits ({stats.wait_seconds[name]:.0f} s)"
        if stats.http_429.get(name):
            part += f", {stats.http_429[name]} x 429"
        parts.append(part)
    return "; ".join(parts) or "starting"


@contextmanager
def _one_line_errors(settings: Settings) -> Iterator[None]:
    """Any failure inside becomes a one-line LoadError that names no secret."""
    try:
        yield
    except Exception as exc:  # dlt wraps the cause; report its last line only
        cause = exc
        while cause.__cause__ is not None:
            cause = cause.__cause__
        message = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        password = urlparse(settings.destination_url or "").password
        for secret in (settings.api_key, password):
            if secret and len(secret) >= 6:
                message = message.replace(secret, "***")
        raise LoadError(f"load failed: {type(cause).__name__}: {message}", 1) from None


def _run(pipeline: dlt.Pipeline, settings: Settings, source) -> Any:
    """`pipeline.run`, with any failure turned into a one-line LoadError."""
    # dlt keeps every loaded package's files (a copy of each load) under the pipeline directory
    # unless told otherwise: a scheduled loader would grow its disk use forever. A user's own
    # `load.delete_completed_jobs` (environment or config.toml) wins.
    keep_jobs = dlt.config.get("load.delete_completed_jobs")
    defaults = {"load.delete_completed_jobs": True} if keep_jobs is None else {}
    # Resources one after another, in the source's order (see load/source.py: the default ticket
    # pass reads last, so no other list's paging runs after it).
    defaults["extract.next_item_mode"] = "fifo"
    refresh = "drop_sources" if settings.full_refresh else None
    with _one_line_errors(settings), dlt.config.values(defaults):
        return pipeline.run(source, loader_file_format=_file_format(pipeline), refresh=refresh)


def interrupted_mid_job(pipeline: dlt.Pipeline) -> str | None:
    """The id of a pending load package a killed run left with a job started and not finished, if any.

    Resuming such a package is not safe: dlt records a job as done only after the destination
    committed its rows, so a kill in between makes the resumed load copy the same file into the
    staging table twice, and dlt's merge then inserts both copies (it picks one `_dlt_id` per
    primary key, which the two copies share). The package is aborted instead: dlt restores the
    pipeline state from before it, and the run extracts again; merges are idempotent."""
    for load_id in pipeline.list_normalized_load_packages():
        if pipeline.get_load_package_info(load_id).jobs["started_jobs"]:
            return load_id
    return None


def last_reconciled_at(pipeline: dlt.Pipeline, skipped: frozenset[str] = frozenset()) -> float:
    """When the newest id listing of tickets and contacts (those not `skipped`) that reached the
    destination was taken (0 when none did): read from the data itself, so a listing lost to a
    crash is taken again."""
    newest = [time.time()]
    try:
        with pipeline.sql_client() as client:
            for table in {"reconcile_tickets", "reconcile_contacts"} - skipped:
                rows = client.execute_sql(f"SELECT max(_dlt_load_id) FROM {client.make_qualified_table_name(table)}")
                newest.append(float(rows[0][0]) if rows and rows[0][0] else 0.0)
    except Exception:  # no dataset or table yet: never reconciled
        return 0.0
    return min(newest)


def run_load(settings: Settings, *, progress_every: float = 10.0) -> LoadSummary:
    """Load the account into the work database; raises LoadError on a failure the user must act on."""
    started = time.monotonic()
    preflight(settings)
    budget = RateBudget(settings.budget_share)
    pipeline = make_pipeline(settings)
    records: Counter = Counter()
    if settings.full_refresh:
        log.warning("%s", guards.full_refresh_notice(settings))
        pipeline.abort_packages()
    elif interrupted := interrupted_mid_job(pipeline):
        log.warning("an interrupted run was killed while writing load %s: discarding that load and extracting "
                    "again from the last completed one", interrupted)
        with _one_line_errors(settings):
            pipeline.abort_packages()
    elif pipeline.has_pending_data:
        # dlt then loads only what a killed run left behind and skips this run's extract.
        log.warning("finishing the load an interrupted run left behind; run again for newer data")
    guards.check_destination(pipeline, settings)
    reconcile = settings.full_refresh or reconcile_due(last_reconciled_at(pipeline, settings.skipped_resources),
                                                       settings.reconcile_hours)
    source = freshdesk_source(settings, budget, reconcile=reconcile)
    if settings.skip:
        log.info("leaving out %s (FRESHDESK_SKIP)", ", ".join(sorted(settings.skip)))
        source = source.with_resources(*(name for name in source.resources if name not in settings.skipped_resources))
    for name, resource in source.resources.items():
        resource.add_map(_count(records, name))
    progress = _Progress(budget, records, progress_every)
    progress.start()
    try:
        info = _run(pipeline, settings, source)
    finally:
        progress.done.set()
    create_missing_tables(pipeline)
    stats = budget.stats
    summary = LoadSummary(
        wall_s=time.monotonic() - started,
        records=records,
        requests=int(stats.total("requests")),
        credits=int(stats.total("credits")),
        http_429=int(stats.total("http_429")),
        waits=int(stats.total("waits")),
        wait_s=stats.total("wait_seconds"),
        allowed_per_minute=budget.allowed_per_minute,
        load_id=info.loads_ids[-1] if info.loads_ids else None,
        requests_by_resource=Counter(stats.requests),
    )
    log.info("done: %s", describe(budget, records))
    log.info(
        "load finished in %.1f s: %d records, %d requests (%d credits), %d rate-limit waits (%.0f s), %d x 429",
        summary.wall_s, sum(records.values()), summary.requests, summary.credits, summary.waits,
        summary.wait_s, summary.http_429,
    )
    return summary
