"""What a load will cost, said once before the work, and how far it has come, shown while it runs.

**The estimate** (`estimate`) asks six cheap questions (6 credits) and prices every phase of a first
load with the requests the loader makes (`price`):
- the newest ticket (`order_by=created_at`, one row): its id is the highest ticket id, which on
  Freshdesk is the account's sequential ticket number, so ids 1..highest are every ticket the
  account ever had; its answer's `X-RateLimit-Total` is the plan;
- a ticket search for every ticket (`created_at` after 1970): its `total` counts the default list
  (Freshdesk's search holds no archived ticket);
- the id-only first pages of the deleted and spam lists (up to COUNT_PAGES pages each): their counts;
- a contact search for every live contact: its `total` (contacts have no count otherwise);
- the first page of the contact list: the share of its rows that lack what a contact's view holds
  (`load.source.list_row_is_view`), which the load views one by one (1 credit each). On an account
  whose list is slim that is every contact; where the list rows are whole, none.

The ids between 1 and the highest that none of the three lists holds are the gaps the load probes
one by one (archived tickets, or hard-deleted ones): `highest - listed - deleted - spam`.

A first load that takes several runs (`--max-minutes`, a kill, Ctrl-C) asks once: its first run
keeps what the questions found (`Estimate.kept`, in the pipeline's local state) and the runs that
resume it price what is left from those counts (`resumed`) for KEEP_HOURS, with no request.

**Progress** (`Progress`): on a terminal a rich progress bar (phase, credits done and to go, the
rate, an ETA); off a terminal one line of at most LINE_MAX characters every `every` seconds, through
the `freshdesk.progress` logger (`load/__main__.py` gives it a short format). The percentage is of
the estimate's credits; waiting is the wall time during which requests waited for the rate budget.
"""

from __future__ import annotations

import collections
import logging
import math
import sys
import threading
import time
from dataclasses import asdict, dataclass, field

from load.archive import ARCHIVED_INCLUDES
from load.pacing import RateBudget
from load.settings import Settings
from load.source import TICKET_INCLUDES, list_row_is_view, make_session

log = logging.getLogger("freshdesk")
# Periodic progress lines (off a terminal) and the last one: a logger of their own, so the CLI can
# print them with a short prefix (`load/__main__.py`) and keep each line within LINE_MAX.
progress_log = logging.getLogger("freshdesk.progress")
# The CLI's prefix of a progress line (`load/__main__.py`): `2026-12-05 17:07:45 progress: `.
PROGRESS_FORMAT = "%(asctime)s progress: %(message)s"
PROGRESS_DATEFMT = "%Y-%m-%d %H:%M:%S"
PREFIX_CHARS = len("2026-12-05 17:07:45 progress: ")
# Characters of a whole progress line, prefix included.
LINE_MAX = 100

# A ticket list page costs 1 credit plus 2 per `include` item, a view 1 plus 1 per item
# (freshdesk-api.md, "Include credits"; section 14 for the archived view).
LIST_INCLUDE_CREDITS = 2
VIEW_INCLUDE_CREDITS = 1
# Every live contact (a search needs a condition: this one holds for all).
CONTACTS_QUERY = '"active:true OR active:false"'
# Every ticket the search holds (the default list: no archived, spam or deleted ticket).
TICKETS_QUERY = "\"created_at:>'1970-01-01'\""
# Pages of the deleted and of the spam list read to count them: a count past this is a floor.
COUNT_PAGES = 3
# The small lists (agents, business hours, companies, groups, mailboxes, products, roles, SLA
# policies): a page or two each, about this many credits in all.
REFERENCE_CREDITS = 20
# Time entries: one account-wide list, about one page per this many tickets (`load/checkpoint.py`).
TICKETS_PER_TIME_ENTRY_PAGE = 200
# The estimate's own requests and the preflight's.
ASKING_CREDITS = 7
# How long a first load's resumed runs reuse its first run's counts instead of asking again.
KEEP_HOURS = 24


def _items(csv: str) -> int:
    return len(csv.split(",")) if csv else 0


def _pages(rows: int, per_page: int) -> int:
    """Pages of a ticket pass: the keyset paginator's every window repeats the row it starts on."""
    return max(1, math.ceil(rows / max(per_page - 1, 1)))


@dataclass
class Counts:
    """What the estimate's requests found."""

    highest: int  # the highest ticket id
    listed: int  # tickets of the default list
    deleted: int = 0
    spam: int = 0
    contacts: int | None = None  # live contacts; None: the search did not tell
    # the share of contacts whose list row lacks what their view holds: each costs a view (1.0: not known)
    contact_views: float = 1.0

    @property
    def gaps(self) -> int:
        """Ids no list holds: archived or hard-deleted tickets, each probed once."""
        return max(self.highest - self.listed - self.deleted - self.spam, 0)


def price(counts: Counts, settings: Settings, loaded: int = 0, contacts_loaded: int = 0,
          allowed_per_minute: float | None = None) -> dict[str, int]:
    """Credits still to spend, by phase, on a load of an account of these `counts` of which `loaded`
    tickets and `contacts_loaded` contacts are already in (a first load that went part-way).

    - tickets: the three ticket passes' pages with their includes;
    - conversations: one request per ticket of the default list;
    - archived: per gap, the archived view with its includes, then its conversations (archived) or
      the live view (hard-deleted): two requests either way;
    - contacts: one view per contact whose list row is not whole (`Counts.contact_views`), and the
      three contact lists;
    - listings: the id listings of tickets and contacts (one credit a page);
    - other: the small lists, time entries, the last slice's re-read of each ticket pass, half a
      page per checkpoint while tickets are read (paced at `allowed_per_minute`: a slice cut short
      reads its page again), and the estimate's own requests.
    """
    skipped, pp = settings.skipped_resources, settings.per_page
    page = 1 + LIST_INCLUDE_CREDITS * _items(TICKET_INCLUDES)
    all_listed = counts.listed + counts.deleted + counts.spam
    left = max(all_listed - loaded, 0)
    share = left / all_listed if all_listed else 0.0
    contacts = counts.contacts or 0
    phases = {
        "tickets": round(share * sum(_pages(n, pp) for n in (counts.listed, counts.deleted, counts.spam)) * page)
        if left else page,
        "conversations": 0 if "ticket_conversations" in skipped else round(share * counts.listed),
        "archived": counts.gaps * (1 + VIEW_INCLUDE_CREDITS * _items(ARCHIVED_INCLUDES) + 1),
        "contacts": 0 if "contacts" in skipped
        else round(max(contacts - contacts_loaded, 0) * counts.contact_views) + 2 + math.ceil(contacts / pp),
        "listings": 3 * 2 + math.ceil(all_listed / pp) + math.ceil(contacts / pp),
        "other": REFERENCE_CREDITS + ASKING_CREDITS + math.ceil(counts.highest / TICKETS_PER_TIME_ENTRY_PAGE)
        + 3 * page,
    }
    if allowed_per_minute:  # a slice cut short while reading tickets reads its page again: half a page each
        slices = (phases["tickets"] + phases["conversations"]) / allowed_per_minute / settings.checkpoint_minutes
        phases["other"] += round(slices * page / 2)
    return phases


def _approx(n: float) -> str:
    """`1,370,715` -> `1,370,000`: three significant digits, what an estimate can claim."""
    digits = len(str(int(abs(n))))
    return f"{round(n, min(0, 3 - digits)):,.0f}"


def duration(minutes: float) -> str:
    if minutes >= 600:
        return f"{minutes / 60:,.0f} h"
    if minutes >= 60:
        return f"{minutes / 60:.1f} h"
    if minutes >= 2:
        return f"{minutes:.0f} min"
    return f"{max(minutes * 60, 1):.0f} s"


@dataclass
class Estimate:
    """What is left of a load: the counts the estimate found, the credits of each phase, the plan."""

    counts: Counts
    phases: dict[str, int]
    plan_per_minute: int | None
    share: float
    loaded: int = 0
    contacts_loaded: int = 0

    @property
    def tickets(self) -> int:
        """About the account's tickets: the highest ticket id."""
        return self.counts.highest

    @property
    def credits(self) -> int:
        """Credits still to spend."""
        return sum(self.phases.values())

    @property
    def allowed_per_minute(self) -> float | None:
        """The loader's share of the plan."""
        return self.plan_per_minute * self.share if self.plan_per_minute else None

    def line(self) -> str:
        """`500,000 tickets (~250,000 archived), 100,000 contacts: ~1,370,000 credits, ~142 h at 160/min
        (80% of 200)`."""
        c = self.counts
        what = f"{c.highest:,} tickets"
        if c.gaps:
            what += f" (~{_approx(c.gaps)} archived)"
        if self.loaded:
            what += f", {self.loaded:,} loaded"
        if c.contacts is not None:
            what += f", {c.contacts:,} contacts"
        credits = f"~{_approx(self.credits)} credits" + (" to go" if self.loaded else "")
        if not self.allowed_per_minute:
            return f"{what}: {credits} (the answer named no rate limit)"
        return (f"{what}: {credits}, ~{duration(self.credits / self.allowed_per_minute)} at "
                f"{self.allowed_per_minute:,.0f}/min ({self.share:.0%} of {self.plan_per_minute:,})")

    def phases_line(self) -> str:
        """`tickets 3,542, conversations 250,000, archived 1,000,000, ...` (credits by phase)."""
        return ", ".join(f"{name} {credits:,}" for name, credits in self.phases.items() if credits)

    def kept(self) -> dict:
        """What `resumed` needs to price the rest of this load without asking again (JSON)."""
        return {"counts": asdict(self.counts), "plan_per_minute": self.plan_per_minute, "at": time.time()}


def _priced(counts: Counts, plan: int | None, settings: Settings, loaded: int, contacts_loaded: int) -> Estimate:
    allowed = plan * settings.budget_share if plan else None
    return Estimate(counts=counts, phases=price(counts, settings, loaded, contacts_loaded, allowed),
                    plan_per_minute=plan, share=settings.budget_share, loaded=loaded, contacts_loaded=contacts_loaded)


def resumed(kept: dict | None, settings: Settings, loaded: int, contacts_loaded: int = 0) -> Estimate | None:
    """The estimate of a resumed first load from its first run's `Estimate.kept` (no request); None
    when there is none, it is older than KEEP_HOURS or does not read as one."""
    if not isinstance(kept, dict):
        return None
    try:
        if time.time() - kept["at"] > KEEP_HOURS * 3600:
            return None
        return _priced(Counts(**kept["counts"]), kept["plan_per_minute"], settings, loaded, contacts_loaded)
    except (TypeError, KeyError, ValueError):  # kept by another version of the loader
        return None


def estimate(settings: Settings, budget: RateBudget, loaded: int, contacts_loaded: int = 0) -> Estimate | None:
    """Six requests (paced and counted like the load's own); None when the first answer does not
    allow an estimate (no tickets, an error): the load goes on without one. `loaded` tickets and
    `contacts_loaded` contacts are already in; contacts left out (FRESHDESK_SKIP) are not asked for."""
    with make_session(settings, budget) as session:
        session.auth = (settings.api_key, "X")
        params = {"order_by": "created_at", "order_type": "desc", "per_page": 1, "updated_since": settings.start_date}
        try:
            response = session.get(f"{settings.base_url}/tickets", params=params, timeout=60)
            rows = response.json() if response.status_code == 200 else None
        except Exception as exc:  # an estimate is a courtesy: never fail the load for it
            log.warning("no estimate: %s", type(exc).__name__)
            return None
        if not rows or not isinstance(rows, list) or "id" not in rows[0]:
            log.warning("no estimate: the newest-ticket request answered HTTP %s", response.status_code)
            return None
        total = response.headers.get("X-RateLimit-Total")
        highest = int(rows[0]["id"])
        listed = _search_total(session, settings, "tickets", TICKETS_QUERY)
        deleted, spam = _count_list(session, settings, "deleted"), _count_list(session, settings, "spam")
        contacts = (None if "contacts" in settings.skipped_resources
                    else _search_total(session, settings, "contacts", CONTACTS_QUERY))
        counts = Counts(highest=highest, listed=highest if listed is None else listed, deleted=deleted, spam=spam,
                        contacts=contacts, contact_views=_contact_views(session, settings) if contacts else 1.0)
    return _priced(counts, int(total) if total and total.isdigit() else None, settings, loaded, contacts_loaded)


def _search_total(session, settings: Settings, what: str, query: str) -> int | None:
    """A search's `total` (None, with a warning, when the answer has none)."""
    try:
        response = session.get(f"{settings.base_url}/search/{what}", params={"query": query}, timeout=60)
        total = response.json().get("total") if response.status_code == 200 else None
    except Exception as exc:  # a courtesy, like the rest of the estimate
        log.warning("estimate without counting %s: %s", what, type(exc).__name__)
        return None
    if not isinstance(total, int):
        log.warning("estimate without counting %s: their search answered HTTP %s", what, response.status_code)
        return None
    return total


def _contact_views(session, settings: Settings) -> float:
    """The share of the contact list's first page (up to 100 rows, 1 credit) whose rows lack what
    their view holds (`list_row_is_view`); 1.0 when the page does not tell."""
    try:
        response = session.get(f"{settings.base_url}/contacts", params={"per_page": 100}, timeout=60)
        rows = response.json() if response.status_code == 200 else None
    except Exception:  # a courtesy: priced as if every contact needs its view
        return 1.0
    if not rows or not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        return 1.0
    return sum(not list_row_is_view(row) for row in rows) / len(rows)


def _count_list(session, settings: Settings, view: str) -> int:
    """Tickets of the deleted or spam list, by their id-only pages (COUNT_PAGES at most: a floor past it)."""
    params = {"filter": view, "per_page": 100, "updated_since": "1970-01-01T00:00:00Z"}
    count = 0
    for page in range(1, COUNT_PAGES + 1):
        try:
            response = session.get(f"{settings.base_url}/tickets", params={**params, "page": page}, timeout=60)
            rows = response.json() if response.status_code == 200 else []
        except Exception:  # a courtesy: counted as far as it went
            return count
        count += len(rows) if isinstance(rows, list) else 0
        if "next" not in response.links:
            break
    return count


# --------------------------------------------------------------------------- progress


def phase_of(resource: str) -> str:
    """The phase a request belongs to, by its resource name (`load.pacing.classify`)."""
    if resource.startswith("ticket_archived") or resource == "ticket_view":
        return "archive"
    if resource.startswith("ticket"):
        return "tickets"
    if resource.startswith("contact"):
        return "contacts"
    return "lists"


def _seconds(seconds: float) -> str:
    return duration(seconds / 60)


@dataclass
class Snapshot:
    """Where a load stands: credits spent, the estimate's credits (None: no estimate), the rate."""

    credits: int
    total: int | None
    elapsed_s: float
    waited_s: float
    phase: str
    allowed_per_minute: float | None = None
    per_minute: float | None = field(default=None)

    def __post_init__(self) -> None:
        if self.per_minute is None:
            minutes = self.elapsed_s / 60
            measured = self.credits / minutes if self.elapsed_s >= 30 and self.credits else None
            self.per_minute = measured or self.allowed_per_minute

    @property
    def to_go(self) -> int | None:
        return None if self.total is None else max(self.total - self.credits, 0)

    @property
    def percent(self) -> int | None:
        """Of the estimate; 99 at most before the end (a load past its estimate is not done)."""
        if not self.total:
            return None
        return min(math.floor(100 * self.credits / self.total), 99)

    def eta(self) -> str:
        if not self.to_go:
            return "over the estimate" if self.total is not None else ""
        if not self.per_minute:
            return ""
        return f"ETA ~{duration(self.to_go / self.per_minute)}"

    def line(self, width: int = LINE_MAX - PREFIX_CHARS) -> str:
        """`48% tickets, 2,690/~5,580 credits, 410/min, waited 12 s, ETA ~7 min`, at most `width`
        characters (the rate, then the waits, left out when it would be longer)."""
        if self.total is None:
            head = f"{self.phase}, {self.credits:,} credits"
        else:
            head = f"{self.percent}% {self.phase}, {self.credits:,}/~{self.total:,} credits"
        rate = f"{self.per_minute:,.0f}/min" if self.per_minute else ""
        waited = f"waited {_seconds(self.waited_s)}" if self.waited_s >= 1 else ""
        eta = self.eta()
        for parts in ((head, rate, waited, eta), (head, waited, eta), (head, eta), (head,)):
            text = ", ".join(p for p in parts if p)
            if len(text) <= width:
                return text
        return text[:width]

    def done_line(self, outcome: str = "done") -> str:
        """`done: 5,574 credits in 2.3 min (estimate ~5,580), waited 12 s`: no percentage, no ETA."""
        text = f"{outcome}: {self.credits:,} credits in {_seconds(self.elapsed_s)}"
        if self.total is not None:
            text += f" (estimate ~{self.total:,})"
        if self.waited_s >= 1:
            text += f", waited {_seconds(self.waited_s)}"
        return text


class Progress(threading.Thread):
    """Shows how far a load has come: a rich progress bar on a terminal (`bar`), else one line
    every `every` seconds; `finish` ends either with a line that says how the load ended."""

    # Seconds of requests whose credits name the phase shown (the phase with the most of them).
    PHASE_WINDOW_S = 10.0

    def __init__(self, budget: RateBudget, every: float, est: Estimate | None, bar: bool | None = None) -> None:
        super().__init__(daemon=True, name="progress")
        self.budget, self.every, self.est = budget, every, est
        self.bar = sys.stderr.isatty() if bar is None else bar
        self.checkpoints = 0
        self.started = time.monotonic()
        self.done = threading.Event()
        self._history: collections.deque = collections.deque()
        self._phase = "lists"
        self._outcome = "done"
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """Where the load stands now (from any thread)."""
        credits = self.budget.credits_by_resource()
        now = time.monotonic()
        by_phase: collections.Counter = collections.Counter()
        for resource, spent in credits.items():
            by_phase[phase_of(resource)] += spent
        with self._lock:
            self._history.append((now, by_phase))
            # the oldest entry kept is the newest one at least PHASE_WINDOW_S old (or the first)
            while len(self._history) > 2 and now - self._history[1][0] >= self.PHASE_WINDOW_S:
                self._history.popleft()
            recent = by_phase - self._history[0][1]
            if recent:
                self._phase = recent.most_common(1)[0][0]
        allowed = self.budget.allowed_per_minute or (self.est.allowed_per_minute if self.est else None)
        return Snapshot(credits=sum(credits.values()), total=self.est.credits if self.est else None,
                        elapsed_s=now - self.started, waited_s=self.budget.waited_s(), phase=self._phase,
                        allowed_per_minute=allowed)

    def line(self) -> str:
        return self.snapshot().line()

    def run(self) -> None:
        if not self.bar:
            while not self.done.wait(self.every):
                progress_log.info("%s", self.line())
            return
        with _Bar() as bar:
            while not self.done.wait(0.5):
                bar.show(self.snapshot())
            bar.close(self.snapshot(), self._outcome)

    def finish(self, outcome: str = "done") -> str:
        """Stop showing progress and show how the load ended (`outcome`: done, stopped ...): the
        bar's last state, or a last line; that line is returned."""
        self._outcome = outcome
        self.done.set()
        if self.is_alive():
            self.join(timeout=5)
        final = self.snapshot().done_line(outcome)
        if not self.bar:
            progress_log.info("%s", final)
        return final


class _Bar:
    """A rich progress bar on stderr; the loader's log lines print above it while it shows."""

    def __init__(self, file=None) -> None:
        """On stderr; or on `file` as on a terminal (the tests)."""
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn
        from rich.progress import Progress as RichProgress

        console = Console(stderr=True) if file is None else Console(file=file, force_terminal=True, width=120)
        self.progress = RichProgress(TextColumn("{task.description:<8}"), BarColumn(bar_width=30),
                                     TextColumn("{task.fields[detail]}"), console=console, redirect_stdout=False,
                                     redirect_stderr=True, refresh_per_second=2)
        self.task = None
        self._streams: list[tuple[logging.StreamHandler, object]] = []

    def __enter__(self) -> _Bar:
        self.progress.start()
        # Log handlers hold the stderr they were made with: point them at rich's, which prints above the bar.
        for handler in {*logging.getLogger().handlers, *progress_log.handlers}:
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.__stderr__:
                self._streams.append((handler, handler.setStream(sys.stderr)))
        return self

    def show(self, snap: Snapshot) -> None:
        if snap.total is None:
            detail = ", ".join(p for p in (f"{snap.credits:,} credits", snap.per_minute and
                                           f"{snap.per_minute:,.0f}/min") if p)
            args = {"total": None, "completed": snap.credits}
        else:
            to_go = f"~{snap.to_go:,} to go" if snap.to_go else "past the estimate"
            detail = ", ".join(p for p in (f"{snap.percent}%", f"{snap.credits:,} credits", to_go,
                                           snap.per_minute and f"{snap.per_minute:,.0f}/min",
                                           snap.waited_s >= 1 and f"waited {_seconds(snap.waited_s)}", snap.eta())
                               if p)
            args = {"total": max(snap.total, snap.credits / 0.99), "completed": snap.credits}
        if self.task is None:
            self.task = self.progress.add_task(snap.phase, detail=detail, **args)
        else:
            self.progress.update(self.task, description=snap.phase, detail=detail, **args)

    def close(self, snap: Snapshot, outcome: str) -> None:
        """The bar's last state: full when done, as far as it came when stopped; no ETA."""
        self.show(snap)
        total = snap.credits if outcome == "done" else max(snap.total or 0, snap.credits)
        self.progress.update(self.task, description=outcome.split()[0], total=total or 1, completed=snap.credits,
                             detail=snap.done_line(outcome).split(": ", 1)[1])
        self.progress.refresh()

    def __exit__(self, *exc) -> None:
        self.progress.stop()
        for handler, stream in self._streams:
            handler.setStream(stream)
