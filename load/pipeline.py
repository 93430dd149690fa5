"""Run one load: preflight, the dlt pipeline, empty raw tables, and a summary of what it cost."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import dlt
from dlt.sources.helpers.requests import Client
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import SSLError, Timeout

from load import guards, paths, stopping
from load.checkpoint import run_slices
from load.config import telemetry_off_unless_asked
from load.dlt_internals import SignalReceivedException
from load.pacing import PacedAdapter, RateBudget
from load.progress import Estimate, Progress, estimate, resumed
from load.schema import create_missing_tables
from load.settings import Settings
from load.source import connect, details_pending, freshdesk_source, reconcile_due

log = logging.getLogger("freshdesk")

RAW_DATASET = "freshdesk_raw"
# The loader's DuckDB connection: DuckDB's default (80% of RAM) let the load step's memory grow with
# the account (the merge of a 50,000-ticket first load reached ~870 MB); past this it spills to disk.
LOAD_MEMORY_LIMIT = "256MB"


# Ticket pages whose conversations are fetched at once (dlt's `extract.max_parallel_items`).
PAGES_IN_FLIGHT = 2
# `python -m load` exits with this when a time-boxed run stopped with more to read (0: all read).
EXIT_MORE_TO_DO = 75  # EX_TEMPFAIL: "try again later"
# Marks, in the pipeline's local state, that a load has read the whole account once.
CAUGHT_UP = "freshdesk_caught_up_at"
# ... and the first load's estimate, which the runs that resume it reuse (`first_load_estimate`)
ESTIMATED = "freshdesk_first_load_estimate"


class LoadError(RuntimeError):
    """A load that cannot go on; `exit_code` tells the CLI what to return, the message is one line."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class LoadStopped(LoadError):
    """SIGINT or SIGTERM stopped the load at a safe point; the message says what was kept."""


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
    done: bool = True
    checkpoints: int = 0
    stages_s: Counter = field(default_factory=Counter)
    estimate: Estimate | None = None


def preflight(settings: Settings, budget: RateBudget) -> Settings:
    """The load's first request, with no retry on connection errors, so bad settings fail fast and
    clearly: `GET /account`, what the account says about itself (one credit, counted in `budget`).
    Returns `settings` with the account's id and domain (`load/guards.py`), or as they were where the
    key may not read it (403) or the server does not serve it (404; then `GET /companies` tells a
    server without it from no Freshdesk API at all)."""
    session = Client(raise_for_status=False, exceptions=[], request_max_attempts=4, request_timeout=30).session
    adapter = PacedAdapter(budget)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    client = RESTClient(base_url=settings.base_url, auth=HttpBasicAuth(settings.api_key, "X"), session=session)
    try:
        response = client.get("account")
        if response.status_code == 404:
            response = client.get("companies", params={"per_page": 1})
            if response.status_code == 200:
                log.info("%s serves no /account: the account is told by its base URL and domain", settings.host)
                return settings
    except SSLError as exc:
        raise LoadError(f"TLS failure talking to {settings.host}: {type(exc).__name__}", 3) from None
    except (RequestsConnectionError, Timeout) as exc:
        reason = "timed out" if isinstance(exc, Timeout) else "unreachable or unknown host"
        raise LoadError(f"cannot reach {settings.host}: {reason}", 3) from None
    finally:
        session.close()
    if response.status_code == 200:
        return guards.with_api_account(settings, response)
    if response.status_code == 403:
        log.info("this API key may not read /account (HTTP 403): the account is told by its base URL and domain")
        return settings
    if response.status_code == 401:
        raise LoadError(f"Freshdesk rejected the API key for {settings.domain} (HTTP 401 invalid_credentials)", 2)
    if response.status_code == 404:
        raise LoadError(f"no Freshdesk API at {settings.base_url} (HTTP 404: unknown domain?)", 3)
    if response.status_code == 429:  # still rate limited after the retries: reachable, account not told
        log.warning("%s kept answering HTTP 429 to /account: the account is told by its base URL and domain",
                    settings.host)
        return settings
    raise LoadError(f"{settings.host} answered HTTP {response.status_code} to a first request", 3)


def make_pipeline(settings: Settings) -> dlt.Pipeline:
    """The dlt pipeline writing to the work database, or to PostgreSQL when `destination_url` is set;
    its state lives beside the work database, one directory per destination."""
    telemetry_off_unless_asked()
    settings.work_db.parent.mkdir(parents=True, exist_ok=True)
    if settings.destination_url:
        destination = dlt.destinations.postgres(credentials=settings.destination_url)
    else:
        destination = dlt.destinations.duckdb(credentials={"database": str(settings.work_db),
                                                           "global_config": {"memory_limit": LOAD_MEMORY_LIMIT}})
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


def _run(pipeline: dlt.Pipeline, settings: Settings, source, refresh: str | None = None) -> Any:
    """`pipeline.run`, with any failure turned into a one-line LoadError."""
    # dlt keeps every loaded package's files (a copy of each load) under the pipeline directory
    # unless told otherwise: a scheduled loader would grow its disk use forever. A user's own
    # `load.delete_completed_jobs` (environment or config.toml) wins.
    keep_jobs = dlt.config.get("load.delete_completed_jobs")
    defaults: dict[str, Any] = {"load.delete_completed_jobs": True} if keep_jobs is None else {}
    if dlt.config.get("extract.max_parallel_items") is None:
        # dlt's default lets 20 ticket pages wait for their conversations (2,000 requests, 12 minutes
        # on a Growth plan) when a slice's time is up; two keep the workers busy and a slice short.
        defaults["extract.max_parallel_items"] = PAGES_IN_FLIGHT
    # Resources one after another, in the source's order (see load/source.py: the default ticket
    # pass reads last, so no other list's paging runs after it); a page's chunks before the next
    # page (load/dlt_internals.py).
    defaults["extract.next_item_mode"] = "fifo"
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
    destination in a completed load was taken (0 when none did): read from the data itself, so a
    listing lost to a crash is taken again. A listing merged by a load that was then discarded
    (`interrupted_mid_job`) does not count: the rest of that load (the archived tickets the
    listing's gaps revealed) is gone, and taking the listing again brings it back."""
    newest = [time.time()]
    try:
        with pipeline.sql_client() as client:
            loads = client.make_qualified_table_name(pipeline.default_schema.loads_table_name)
            for table in {"reconcile_tickets", "reconcile_contacts"} - skipped:
                rows = client.execute_sql(
                    f"SELECT max(r._dlt_load_id) FROM {client.make_qualified_table_name(table)} r "
                    f"JOIN {loads} l ON l.load_id = r._dlt_load_id WHERE l.status = 0")
                newest.append(float(rows[0][0]) if rows and rows[0][0] else 0.0)
    except Exception:  # no dataset or table yet: never reconciled
        return 0.0
    return min(newest)


def _local(pipeline: dlt.Pipeline, key: str):
    """`key`'s value in the pipeline's local state (None before anything was kept there)."""
    try:
        return pipeline.get_local_state_val(key)
    except KeyError:
        return None


def caught_up(pipeline: dlt.Pipeline) -> bool:
    """True once a load has read the whole account (recorded in the pipeline's local state)."""
    return bool(_local(pipeline, CAUGHT_UP))


def first_load_estimate(pipeline: dlt.Pipeline, settings: Settings, budget: RateBudget) -> Estimate | None:
    """The estimate of what is left of a first load: asked by its first run (or a full refresh) and
    kept in the pipeline's local state; the runs that resume it reuse those counts (`progress.resumed`)."""
    loaded, contacts_loaded = rows_loaded(pipeline, "tickets"), rows_loaded(pipeline, "contacts")
    if not settings.full_refresh and (found := resumed(_local(pipeline, ESTIMATED), settings, loaded,
                                                       contacts_loaded)):
        return found
    found = estimate(settings, budget, loaded, contacts_loaded)
    if found:
        pipeline.set_local_state_val(ESTIMATED, found.kept())
    return found


def rows_loaded(pipeline: dlt.Pipeline, table: str) -> int:
    """Rows of a raw table (0 before the first checkpoint that wrote it)."""
    try:
        with pipeline.sql_client() as client:
            rows = client.execute_sql(f"SELECT count(*) FROM {client.make_qualified_table_name(table)}")
    except Exception:  # no dataset or table yet
        return 0
    return int(rows[0][0]) if rows else 0


def _finish_interrupted(pipeline: dlt.Pipeline, settings: Settings) -> None:
    """Abort or finish what a killed run left behind (see `interrupted_mid_job`); a full refresh
    aborts it whatever it was."""
    if settings.full_refresh:
        log.warning("%s", guards.full_refresh_notice(settings))
        pipeline.abort_packages()
    elif interrupted := interrupted_mid_job(pipeline):
        log.warning("an interrupted run was killed while writing load %s: discarding that load and extracting "
                    "again from the last completed one", interrupted)
        with _one_line_errors(settings):
            pipeline.abort_packages()
    elif pipeline.has_pending_data:
        log.warning("finishing the checkpoint an interrupted run left behind")
        _run(pipeline, settings, None)


def _stages(pipeline: dlt.Pipeline) -> Counter:
    """Seconds of each dlt step (extract, normalize, load) of the last `pipeline.run`."""
    trace = pipeline.last_trace
    return Counter({s.step: (s.finished_at - s.started_at).total_seconds()
                    for s in (trace.steps if trace else []) if s.step != "run" and s.finished_at})


def run_load(settings: Settings, *, progress_every: float = 30.0, max_minutes: float | None = None,
             slice_pages: int | None = None) -> LoadSummary:
    """Load the account into the work database, a checkpoint at least every `settings.checkpoint_minutes`
    of extraction; with `max_minutes`, stop at the first checkpoint after that long (`summary.done`
    is False when there is more to read; `slice_pages`: slices of that many pages instead, for the
    tests). Raises LoadError on a failure the user must act on, and
    LoadStopped on SIGINT/SIGTERM (every checkpoint made is kept)."""
    started = time.monotonic()
    deadline = started + max_minutes * 60 if max_minutes else None
    budget = RateBudget(settings.budget_share)
    records: Counter = Counter()
    summary = LoadSummary(records=records)
    tracker: Progress | None = None
    ending = "failed"  # how the progress display ends: done, stopped at the time limit, stopped, failed
    kept = Counter()  # records of each resource in completed checkpoints
    with stopping.graceful_stop(), ExitStack() as closing:
        try:
            settings = preflight(settings, budget)
            connection = closing.enter_context(connect(settings, budget))
            pipeline = make_pipeline(settings)
            _finish_interrupted(pipeline, settings)
            guards.check_destination(pipeline, settings)
            reconcile = settings.full_refresh or reconcile_due(
                last_reconciled_at(pipeline, settings.skipped_resources), settings.reconcile_hours)
            if settings.skip:
                log.info("leaving out %s (FRESHDESK_SKIP)", ", ".join(sorted(settings.skip)))
            if settings.full_refresh or not caught_up(pipeline):
                summary.estimate = first_load_estimate(pipeline, settings, budget)
                if summary.estimate:
                    log.info("estimate: %s", summary.estimate.line())
                    log.info("estimate by phase: %s", summary.estimate.phases_line())
            tracker = Progress(budget, progress_every, summary.estimate)
            tracker.start()

            def new_source(views_until: float | None):
                source = freshdesk_source(settings, connection, reconcile=reconcile, views_until=views_until)
                if settings.skip:
                    skipped = settings.skipped_resources
                    source = source.with_resources(*(n for n in source.resources if n not in skipped))
                for name, resource in source.resources.items():
                    resource.add_map(_count(records, name))
                return source

            refresh = ["drop_sources"] if settings.full_refresh else []  # the first slice's run only

            def run(part):
                info = _run(pipeline, settings, part, refresh.pop() if refresh else None)
                summary.stages_s.update(_stages(pipeline))
                create_missing_tables(pipeline)
                return info

            def on_checkpoint(what: str) -> None:
                kept.clear()
                kept.update(records)
                tracker.checkpoints += 1
                log.info("checkpoint %d: %s; %s tickets, %s credits", tracker.checkpoints, what,
                         f"{records.get('tickets', 0):,}", f"{sum(budget.credits_by_resource().values()):,}")

            outcome = run_slices(new_source, run, slice_s=settings.checkpoint_minutes * 60, deadline=deadline,
                                 on_checkpoint=on_checkpoint, slice_pages=slice_pages,
                                 work_left=lambda: details_pending(pipeline.state))
            ending = "done" if outcome.done else "stopped at the time limit"
        except (LoadError, SignalReceivedException) as exc:
            signum = stopping.received()
            if signum is None:
                raise
            ending = "stopped"
            checkpoints = tracker.checkpoints if tracker else 0
            what = (f"kept {checkpoints} checkpoint{'s' if checkpoints != 1 else ''} of this run "
                    f"({kept.get('tickets', 0):,} tickets, {sum(kept.values()):,} records)") if checkpoints else \
                "no checkpoint of this run to keep (earlier loads are intact)"
            raise LoadStopped(f"stopped by {stopping.signal_name(signum)}: {what}; the slice in progress "
                              "is redone by the next run", stopping.exit_code(signum)) from exc
        finally:
            if tracker:
                tracker.finish(ending)
    if outcome.done:
        pipeline.set_local_state_val(CAUGHT_UP, time.time())
    stats = budget.stats
    summary.wall_s = time.monotonic() - started
    summary.requests, summary.credits = int(stats.total("requests")), int(stats.total("credits"))
    summary.http_429, summary.waits = int(stats.total("http_429")), int(stats.total("waits"))
    summary.wait_s = stats.wait_wall_s
    summary.allowed_per_minute = budget.allowed_per_minute
    summary.load_id = outcome.load_ids[-1] if outcome.load_ids else None
    summary.requests_by_resource = Counter(stats.requests)
    summary.done, summary.checkpoints = outcome.done, outcome.checkpoints
    throttled = f", {summary.http_429} x 429" if summary.http_429 else ""
    log.info("load %s in %.0f s: %s records, %s credits, %s requests, waited %.0f s%s, %d checkpoints",
             "finished" if outcome.done else "stopped at its time limit with more to read", summary.wall_s,
             f"{sum(records.values()):,}", f"{summary.credits:,}", f"{summary.requests:,}", summary.wait_s, throttled,
             outcome.checkpoints)
    return summary
