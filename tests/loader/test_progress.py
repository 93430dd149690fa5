"""The estimate line as the README shows it, the progress lines' format and length, the waits as
wall time, and the last line of a load."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import pathlib
import re
import threading
import time

import pytest

from load.pacing import RateBudget
from load.progress import (
    KEEP_HOURS,
    LINE_MAX,
    PREFIX_CHARS,
    PROGRESS_DATEFMT,
    PROGRESS_FORMAT,
    Counts,
    Estimate,
    Progress,
    Snapshot,
    _Bar,
    estimate,
    phase_of,
    price,
    resumed,
)
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from load.settings import Settings
from tests.conftest import ROOT, loader_settings

DEFAULTS = Settings(base_url="https://acme.freshdesk.com/api/v2", api_key="x", domain="acme",
                    work_db=pathlib.Path("work.duckdb"))
# The README's account: 500,000 tickets of which 240,000 in the lists, 100,000 contacts, Growth.
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
README_ACCOUNT = Counts(highest=500_000, listed=240_000, deleted=6_000, spam=4_000, contacts=100_000)


def readme_estimate() -> Estimate:
    allowed = 200 * DEFAULTS.budget_share
    return Estimate(README_ACCOUNT, price(README_ACCOUNT, DEFAULTS, allowed_per_minute=allowed), plan_per_minute=200,
                    share=DEFAULTS.budget_share)


def test_readme_estimate_is_what_a_growth_account_prints():
    """The README's example, line by line as the loader logs it."""
    est = readme_estimate()
    readme = (ROOT / "README.md").read_text()
    assert f"estimate: {est.line()}\n" in readme
    assert f"estimate by phase: {est.phases_line()}\n" in readme


def test_a_resumed_load_prices_what_is_left_from_its_first_runs_counts(monkeypatch):
    """What the first run kept (JSON, as the pipeline's local state holds it) prices the rest with
    the tickets and contacts loaded since; too old or unreadable, and the load asks again."""
    first = readme_estimate()
    kept = json.loads(json.dumps(first.kept()))
    later = resumed(kept, DEFAULTS, loaded=100_000, contacts_loaded=50_000)
    assert later.counts == first.counts and later.plan_per_minute == 200
    assert later.phases == price(README_ACCOUNT, DEFAULTS, 100_000, 50_000, allowed_per_minute=160)
    assert later.credits < first.credits and ", 100,000 loaded" in later.line()
    assert resumed(None, DEFAULTS, 0) is None
    assert resumed({"counts": {"highest": 1}}, DEFAULTS, 0) is None
    monkeypatch.setattr(time, "time", lambda: kept["at"] + KEEP_HOURS * 3600 + 1)
    assert resumed(kept, DEFAULTS, 0) is None


def test_every_phase_is_priced():
    """Gaps are the ids no list holds; each costs the archived view with its includes and one more
    request; conversations one per listed ticket; contacts one view each."""
    counts = Counts(highest=1_000, listed=500, deleted=30, spam=20, contacts=200)
    assert counts.gaps == 450
    phases = price(counts, DEFAULTS)
    assert phases["archived"] == 450 * (1 + 2 + 1)  # include=stats,requester: 1 credit each
    assert phases["conversations"] == 500
    assert phases["contacts"] == 200 + 2 + 2  # views, and the three lists' pages
    # only the contacts whose list row lacks what their view holds are viewed
    whole = dataclasses.replace(counts, contact_views=0.25)
    assert price(whole, DEFAULTS)["contacts"] == 50 + 2 + 2
    assert phases["tickets"] == (6 + 1 + 1) * 7  # keyset pages of 99 new rows, 7 credits each
    # what is loaded is not priced again; pacing adds a page per checkpoint a long load makes
    assert price(counts, DEFAULTS, loaded=550, contacts_loaded=200)["conversations"] == 0
    slow = price(counts, DEFAULTS, allowed_per_minute=10)
    assert slow["other"] > phases["other"]
    skipping = dataclasses.replace(DEFAULTS, skip=frozenset({"conversations", "contacts"}))
    assert price(counts, skipping)["conversations"] == 0 and price(counts, skipping)["contacts"] == 0


def test_progress_line_format_and_length():
    snap = Snapshot(credits=2_690, total=5_580, elapsed_s=390, waited_s=12, phase="tickets")
    assert snap.line() == "48% tickets, 2,690/~5,580 credits, 414/min, waited 12 s, ETA ~7 min"
    # the longest a line gets: a large account's figures; the whole line, prefix included, fits
    huge = Snapshot(credits=1_312_400, total=11_642_000, elapsed_s=9 * 86_400, waited_s=8 * 86_400,
                    phase="contacts")
    assert PREFIX_CHARS + len(huge.line()) <= LINE_MAX
    assert huge.line().startswith("11% contacts, 1,312,400/~11,642,000 credits")
    assert "ETA" in huge.line()
    # before 30 s the rate is the allowed one; without an estimate, no percentage and no ETA
    early = Snapshot(credits=50, total=None, elapsed_s=5, waited_s=0, phase="lists", allowed_per_minute=560)
    assert early.line() == "lists, 50 credits, 560/min"
    # past the estimate: never 100% before the end, and no made-up ETA
    over = Snapshot(credits=6_000, total=5_580, elapsed_s=600, waited_s=0, phase="archive")
    assert over.line() == "99% archive, 6,000/~5,580 credits, 600/min, over the estimate"


def test_a_whole_line_as_the_cli_prints_it_fits():
    formatter = logging.Formatter(PROGRESS_FORMAT, PROGRESS_DATEFMT)
    snap = Snapshot(credits=312_400, total=642_000, elapsed_s=30_000, waited_s=25_000, phase="archive")
    record = logging.LogRecord("freshdesk.progress", logging.INFO, __file__, 1, "%s", (snap.line(),), None)
    line = formatter.format(record)
    assert len(line) <= LINE_MAX and " progress: 48% archive" in line


def test_final_line_says_done_without_percentage_or_eta(caplog):
    budget = RateBudget()
    budget.observe("tickets", 200, {"X-RateLimit-Total": "700", "X-RateLimit-Used-CurrentRequest": "7"})
    est = Estimate(Counts(highest=10, listed=10), {"tickets": 100}, plan_per_minute=700, share=0.8)
    tracker = Progress(budget, every=0.05, est=est, bar=False)
    with caplog.at_level(logging.INFO, logger="freshdesk.progress"):
        tracker.start()
        time.sleep(0.2)
        final = tracker.finish("done")
    lines = [r.getMessage() for r in caplog.records if r.name == "freshdesk.progress"]
    assert lines[0].startswith("7% lists, 7/~100 credits") and "ETA" in lines[0]
    assert lines[-1] == final and final.startswith("done: 7 credits in ")
    assert final.endswith("(estimate ~100)") and "%" not in final and "ETA" not in final
    assert not tracker.is_alive()


def test_waits_are_wall_time_not_summed_over_workers():
    """Four requests at once on a budget of 10 credits a second, its burst spent: they wait 0.1 to
    0.4 s (1 s summed over the workers), all within the same 0.4 s of wall time."""
    budget = RateBudget(share=1.0, assumed_total=600)
    for _ in range(10):  # the bucket's burst: a second's worth
        budget.acquire("tickets")
    began = time.monotonic()
    workers = [threading.Thread(target=budget.acquire, args=("tickets",)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - began
    summed = budget.stats.total("wait_seconds")
    assert 0 < budget.stats.wait_wall_s <= elapsed + 0.01
    assert summed > 1.5 * budget.stats.wait_wall_s
    assert budget.waited_s() == budget.stats.wait_wall_s  # nothing waiting now


def test_bar_shows_phase_credits_rate_and_eta_then_done():
    out = io.StringIO()
    bar = _Bar(file=out)
    with bar:
        bar.show(Snapshot(credits=2_690, total=5_580, elapsed_s=390, waited_s=12, phase="tickets"))
        bar.progress.refresh()
        running = out.getvalue()
        bar.close(Snapshot(credits=5_600, total=5_580, elapsed_s=800, waited_s=20, phase="archive"), "done")
    shown = [line.strip() for line in ANSI.sub("", out.getvalue()[len(running):]).splitlines() if line.strip()]
    final = shown[-1]
    assert "tickets" in running and "2,690 credits" in running and "~2,890 to go" in running
    assert "414/min" in running and "ETA ~7 min" in running
    assert final.lstrip().startswith("done") and "5,600 credits in 13 min" in final
    assert "ETA" not in final and "to go" not in final


@pytest.mark.parametrize(("resource", "phase"), [
    ("tickets", "tickets"), ("ticket_conversations", "tickets"), ("tickets_deleted", "tickets"),
    ("ticket_archived", "archive"), ("ticket_archived_conversations", "archive"), ("ticket_view", "archive"),
    ("contact_view", "contacts"), ("contacts_deleted", "contacts"), ("companies", "lists"), ("search", "lists"),
])
def test_phase_of_each_request(resource, phase):
    assert phase_of(resource) == phase


@pytest.mark.parametrize("realism,views", [(Realism(), "all"), (Realism.kind(), "few")])
def test_estimate_views_only_the_contacts_whose_list_row_is_not_whole(tmp_path, realism, views):
    """On a slim contact list every contact is viewed (1 credit each); where the list rows hold
    everything, the estimate prices a view only for the rows that lack something (the first page's
    share), as the load does (`list_row_is_view`)."""
    account = Account(seed=5, scale="tiny", realism=realism)
    with SandboxServer(account=account, plan="unlimited") as server:
        settings = loader_settings(server, tmp_path / "work.duckdb")
        est = estimate(settings, RateBudget(settings.budget_share), loaded=0)
    contacts = est.counts.contacts
    allowed = est.plan_per_minute * settings.budget_share
    assert contacts and est.phases == price(est.counts, settings, allowed_per_minute=allowed)
    if views == "all":
        assert est.counts.contact_views == 1.0 and est.phases["contacts"] >= contacts
    else:
        assert est.counts.contact_views < 0.5 and est.phases["contacts"] < contacts * 0.5 + 3
