"""Checkpointed extraction: one load as a series of dlt runs ("slices"), each a committed checkpoint.

dlt commits a load's rows together with the pipeline state that holds the incremental cursors, so a
completed `pipeline.run` is a checkpoint: a kill after it loses nothing before it. A slice is a
`pipeline.run` of part of the source (`with_resources`), its cursor-paged resources bounded in time
by dlt's `add_limit(max_time=...)`: it closes the resource's generator at the first item after the
time is up (what the bound relies on beyond dlt's public API is in `load/dlt_internals.py`). A
transformer runs in the same slice as its parent, so a ticket's conversations are committed with
the ticket. The order within a load:

1. the first slice: the reference resources (agents, companies, groups, contacts, ...: read whole)
   with the first stretch of every cursor-paged resource (the ticket lists);
2. further slices of the cursor-paged resources whose stretch was cut short, and of the contact
   views left over, until none is;
3. when reconciliation is due (a first load always), the listing slice: the id listings that
   reveal hard deletes, which must see the whole account and are not sliceable (one credit per
   hundred ids); the ticket listing writes its gaps down as ids to probe for archived tickets;
4. further slices of the archived probes (and contact views) left over, until none is;
5. the last slice: everything else, unbounded (time entries, any resource this module does not
   know), then the ticket lists once more from their cursors, for what changed meanwhile (bounded:
   when cut short, slices of them follow, then the last slice again).

Tickets page oldest first (`updated_at` ascending): the cursor is then a checkpoint by itself.
`account` (no request) goes into every slice, so the models can be built after any checkpoint.

Contacts cannot be cut short that way: their list is alphabetical, so its cursor holds only once
the whole list is read. The list is cheap (1 credit per 100) and is read whole; their views (1
credit each, a first load's second-largest cost after conversations) are bounded by the slice's time
instead (`load/source.py`: the ids left over are committed in the source state with the slice, and
fetched by `contact_views_pending`, which every slice holds). Archived probes (4 credits an
archived ticket) are bounded the same way: `archived_probes`, in every slice, probes the ids the
listing missed CHUNK at a time while the slice has time (`load/archive.py`).

What stays unbounded, and why that is short (DECISIONLOG.md): the reference lists (the small
lists, and the contact lists at 1 credit per 100 contacts, whose views are bounded), the id
listings (1 credit per 100 tickets or contacts, 3 listings each), the views of the contacts a
listing missed (namesakes, spam-blocked: a handful), and time entries (about a page per 200 tickets).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dlt.sources import DltResource, DltSource

from load import dlt_internals
from load.source import ARCHIVED_PROBES, CHUNK, CONTACT_VIEWS_PENDING, RECONCILE_TICKETS

log = logging.getLogger("freshdesk")

# Paged in ascending order of their incremental cursor (`updated_at`), so a stretch can end anywhere:
# the cursor then says exactly what was read.
CURSOR_PAGED = ("tickets", "tickets_deleted", "tickets_spam")
# Read whole in the first slice of every run, so that early data has names for requesters, agents,
# groups...: the small lists, and the contact lists, whose order is alphabetical (freshdesk-api.md):
# their cursor is valid only once the whole list is read (1 credit per 100; their views are bounded).
# Time entries (one account-wide list, no cursor, about one page per 200 tickets) wait for the last
# slice: a run killed before it then has not spent them.
REFERENCE = ("agents", "business_hours", "companies", "contacts", "contacts_deleted", "contacts_blocked",
             "email_mailboxes", "groups", "products", "roles", "sla_policies")
# The id listings that reveal hard deletes (and, for tickets, the gaps to probe): one slice of their own.
LISTINGS = (RECONCILE_TICKETS, "reconcile_contacts")
# `account` (no request); the contact views and archived probes an earlier slice ran out of time for
# (none: no request). The probes run after the listing in its slice (the source's order).
EVERY_SLICE = ("account", CONTACT_VIEWS_PENDING, ARCHIVED_PROBES)


class PageChunks:
    """A step that splits each page into chunks of CHUNK rows, and remembers whether more rows follow
    the last chunk it made: the rest of its page, or the paginator's next page.

    It sits right after the resource's generator (`dlt_internals.add_step_after_generator`), where
    the items are still the rest client's pages (the record maps make plain lists of them). A
    chunk's size cannot tell whether more follows: the keyset paginator drops from a page the
    tickets a previous window already yielded, so a page after a window's first is short although
    the list goes on. An item that is not such a page counts as followed (another slice then reads
    one page to find out). The cursor stays right: rows come in `updated_at` order, so the chunks a
    slice passes are a prefix of the list, and the next slice reads the rest from the cursor.

    Each chunk runs through every step before the next is made, so once the limit has closed the
    slice no more is made, and the last chunk made is the one the limit stopped on. (Chunks made
    after it would pass the incremental step, which sits before the limit, and move the cursor past
    rows the limit then drops.)"""

    def __init__(self, resource: DltResource) -> None:
        self.resource = resource  # bounded by `add_limit`
        self.more = True  # more rows follow the last chunk made

    def __call__(self, item, meta=None):
        if not isinstance(item, list):
            yield item
            return
        next_page = dlt_internals.next_page_follows(item)
        rows = list(item)
        for start in range(0, len(rows), CHUNK):
            if dlt_internals.limit_reached(self.resource):
                return
            self.more = next_page or start + CHUNK < len(rows)
            yield rows[start:start + CHUNK]


@dataclass
class SlicePlan:
    """Which resources go into which slices; `dependents` maps a root resource to its transformers."""

    dependents: dict[str, list[str]]

    @classmethod
    def of(cls, source: DltSource) -> SlicePlan:
        """The plan for this source's resources (transformers follow their root resource)."""
        # a transformer's parent, when the parent is a resource of the source (the contact list
        # passes are not: their views are loaded, and dlt runs the list with its view)
        parents = {child: parent for parent, child in source.resources.selected_dag
                   if parent in source.resources and parent != child}

        def root(name: str) -> str:
            while name in parents:
                name = parents[name]
            return name

        dependents: dict[str, list[str]] = {}
        for name in source.resources.selected:  # FRESHDESK_SKIP leaves some out
            dependents.setdefault(root(name), [])
            if root(name) != name:
                dependents[root(name)].append(name)
        return cls(dependents)

    def _with_dependents(self, roots) -> list[str]:
        names = [r for r in roots if r in self.dependents]
        return names + [d for r in names for d in self.dependents[r]]

    @property
    def sliced(self) -> list[str]:
        """Cursor-paged roots present in the source."""
        return [r for r in CURSOR_PAGED if r in self.dependents]

    def first(self) -> list[str]:
        return self._with_dependents([*EVERY_SLICE, *REFERENCE, *self.sliced])

    def more(self, roots: list[str]) -> list[str]:
        return self._with_dependents([*EVERY_SLICE, *roots])

    def listing(self) -> list[str]:
        """The id listings (when reconciliation is due), with EVERY_SLICE; empty when none is due."""
        listings = [r for r in LISTINGS if r in self.dependents]
        return self._with_dependents([*EVERY_SLICE, *listings]) if listings else []

    def last(self, listed: bool) -> list[str]:
        """Everything else and the ticket lists again; empty when there is nothing else and no
        listing (`listed`) ran."""
        known = {*EVERY_SLICE, *REFERENCE, *CURSOR_PAGED, *LISTINGS}
        rest = [r for r in self.dependents if r not in known]
        # The ticket lists again, from their committed cursors, after the id listings: tickets that
        # changed while those listings paged (a busy helpdesk) are read in their newest version by
        # this load (the source reads its ticket passes last). Nothing changed: one page each.
        return self._with_dependents([*EVERY_SLICE, *rest, *self.sliced]) if rest or listed else []


@dataclass
class Outcome:
    """How a series of slices ended: `done`, or stopped by the time box with more to do."""

    done: bool
    checkpoints: int = 0
    load_ids: list[str] = field(default_factory=list)


def run_slices(new_source: Callable[[float | None], DltSource], run: Callable[[DltSource], object], *,
               slice_s: float, deadline: float | None, on_checkpoint: Callable[[str], None],
               work_left: Callable[[], list[str]] = list, slice_pages: int | None = None) -> Outcome:
    """Run slices until the source is read to its end (`done`) or `deadline` (time.monotonic) has
    passed at a checkpoint (the first slice runs whatever the deadline: at least a page of each;
    and, when the first read everything, the listing and last ones too unless work is left over).
    `new_source(until)` builds the source of one slice, its contact views and archived probes
    fetched until `until` (time.monotonic; None: all of them); `work_left()` tells, after a slice,
    what of those was left for the next (`source.details_pending`). `run` loads one slice (a
    `pipeline.run`); `on_checkpoint` is told after each slice which one it was. A bounded resource
    stopped on a chunk that more rows follow (`PageChunks`) has more to read. Each slice gets a
    freshly built source, so every resource starts from the cursors the last checkpoint committed.
    `slice_pages` bounds a slice by a count of pages (chunks, of pages longer than CHUNK) of each
    bounded resource instead of `slice_s` (the tests: a slice then ends on a known page whatever
    the machine's speed; contact views and probes are then not bounded)."""
    outcome = Outcome(done=False)
    plan: SlicePlan | None = None
    pending: list[str] | None = None  # cursor-paged roots cut short; None before the first slice
    left: list[str] = []  # contact views, archived probes left for the next slice
    listed = False  # the listing slice ran (or none is due)
    caught_up_at_once = False  # the first slice read every bounded resource to its end
    while True:
        # A time-boxed run always makes progress, however short its box: it runs the first slice
        # (which fetches a chunk of whatever views or probes are left), and the listing and last
        # ones too when the first found nothing more to read (else the series would never end).
        if deadline is not None and time.monotonic() >= deadline and outcome.checkpoints \
                and not (caught_up_at_once and pending == [] and not left):
            return outcome
        final = pending == [] and not left
        budget_s = slice_s if deadline is None else max(min(slice_s, deadline - time.monotonic()), 0.001)
        source = new_source(None if slice_pages else time.monotonic() + budget_s)
        plan = plan or SlicePlan.of(source)
        if pending is None:
            names, bounded, what = plan.first(), plan.sliced, "first"
        elif not final:
            names, bounded, what = plan.more(pending), pending, "next"
        elif not listed and (names := plan.listing()):
            bounded, what = [], "listing"
        else:
            names, what = plan.last(listed), "last"
            bounded = [r for r in plan.sliced if r in names]  # what changed meanwhile: a busy helpdesk's day
            if not names:
                outcome.done = True
                return outcome
        part = source.with_resources(*names)
        chunks = {}
        for name in bounded:
            resource = part.resources[name].add_limit(max_items=slice_pages,
                                                      max_time=None if slice_pages else budget_s)
            chunks[name] = PageChunks(resource)
            dlt_internals.add_step_after_generator(resource, chunks[name])
        info = run(part)
        outcome.checkpoints += 1
        outcome.load_ids += list(getattr(info, "loads_ids", []) or [])
        cut = [name for name in bounded if dlt_internals.limit_reached(part.resources[name]) and chunks[name].more]
        left = work_left()
        unfinished = cut + left
        said = ", ".join(unfinished) + " to be continued" if unfinished else "read to the end"
        on_checkpoint(f"{what} slice ({said})")
        if what == "last" and not unfinished:
            outcome.done = True
            return outcome
        caught_up_at_once = caught_up_at_once or (what == "first" and not unfinished)
        listed = listed or what == "listing"
        pending = cut
