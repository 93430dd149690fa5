"""Checkpointed extraction: one load as a series of dlt runs ("slices"), each a committed checkpoint.

dlt commits a load's rows together with the pipeline state that holds the incremental cursors, so a
completed `pipeline.run` is a checkpoint: a kill after it loses nothing before it. A slice is a
`pipeline.run` of part of the source (`with_resources`), its cursor-paged resources bounded in time
by dlt's `LimitItem` (what `add_limit(max_time=...)` adds: it closes the resource's generator at the
first page after the time is up). A transformer runs in the same slice as its parent, so a
ticket's conversations are committed with the ticket. The order within a load:

1. the first slice: the reference resources (agents, companies, groups, contacts, ...: read whole)
   with the first stretch of every cursor-paged resource (the ticket lists);
2. further slices of the cursor-paged resources whose stretch was cut short, until none is;
3. the last slice: everything else, unbounded (time entries, the id listings that reveal hard
   deletes, which must see the whole account and are not sliceable, and any resource this module
   does not know), then the ticket lists once more from their cursors, for what changed meanwhile.

Tickets page oldest first (`updated_at` ascending): the cursor is then a checkpoint by itself.
`account` (no request) goes into every slice, so the models can be built after any checkpoint.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dlt.extract import DltSource
from dlt.extract.items_transform import BaseItemTransform, ItemTransform, LimitItem

log = logging.getLogger("freshdesk")

# Paged in ascending order of their incremental cursor (`updated_at`), so a stretch can end anywhere:
# the cursor then says exactly what was read.
CURSOR_PAGED = ("tickets", "tickets_deleted", "tickets_spam")
# Read whole in the first slice of every run, so that early data has names for requesters, agents,
# groups...: the small lists, and the contacts, whose list is alphabetical (freshdesk-api.md): their
# cursor is valid only once the whole list is read, so they cannot be cut short (1 credit per 100).
# Time entries (one account-wide list, no cursor, about one page per 200 tickets) wait for the last
# slice: a run killed before it then has not spent them.
REFERENCE = ("agents", "business_hours", "companies", "contacts", "contacts_deleted", "contacts_blocked",
             "email_mailboxes", "groups", "products", "roles", "sla_policies")
EVERY_SLICE = ("account",)


class PageSize(ItemTransform):
    """Remembers how many rows the resource's last page had, as the API served it (placed before the
    incremental step, which drops the rows a previous slice already read). `LimitItem` stops at the
    first page after its time is up, whether or not more would follow; a short page was the last."""

    placement_affinity = 0.5  # after the record maps (0), before the incremental cursor (1)

    def __init__(self) -> None:
        BaseItemTransform.__init__(self)
        self.rows = 0

    def __call__(self, item, meta=None):
        if item is not None:
            self.rows = len(item) if isinstance(item, list) else 1
        return item


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

    def last(self) -> list[str]:
        known = {*EVERY_SLICE, *REFERENCE, *CURSOR_PAGED}
        rest = [r for r in self.dependents if r not in known]
        # The ticket lists again, from their committed cursors, after the id listings: tickets that
        # changed while those listings paged (a busy helpdesk) are read in their newest version by
        # this load (the source reads its ticket passes last). Nothing changed: one page each.
        return self._with_dependents([*EVERY_SLICE, *rest, *self.sliced]) if rest else []


@dataclass
class Outcome:
    """How a series of slices ended: `done`, or stopped by the time box with more to do."""

    done: bool
    checkpoints: int = 0
    load_ids: list[str] = field(default_factory=list)


def run_slices(new_source: Callable[[], DltSource], run: Callable[[DltSource], object], *, slice_s: float,
               deadline: float | None, full_page: int, on_checkpoint: Callable[[str], None]) -> Outcome:
    """Run slices until the source is read to its end (`done`) or `deadline` (time.monotonic) has
    passed at a checkpoint (the first slice runs whatever the deadline: at least a page of each; and
    the last one if the first read everything).
    `run` loads one slice (a `pipeline.run`); `on_checkpoint` is told after each slice which one it
    was. A bounded resource stopped on a page of `full_page` rows has more to read; on a shorter one
    it has read its last page. Each slice gets a freshly built source, so every resource starts from
    the cursors the last checkpoint committed."""
    outcome = Outcome(done=False)
    plan: SlicePlan | None = None
    pending: list[str] | None = None  # cursor-paged roots cut short; None before the first slice
    caught_up_at_once = False  # the first slice read every bounded resource to its end
    while True:
        # A time-boxed run always makes progress, however short its box: it runs the first slice,
        # and the last one too when the first found nothing more to read (else it would never end).
        if deadline is not None and time.monotonic() >= deadline and outcome.checkpoints \
                and not (caught_up_at_once and pending == []):
            return outcome
        source = new_source()
        plan = plan or SlicePlan.of(source)
        if pending is None:
            names, bounded, what = plan.first(), plan.sliced, "first"
        elif pending:
            names, bounded, what = plan.more(pending), pending, "next"
        else:
            names, bounded, what = plan.last(), [], "last"
            if not names:
                outcome.done = True
                return outcome
        budget_s = slice_s if deadline is None else max(min(slice_s, deadline - time.monotonic()), 0.001)
        part = source.with_resources(*names)
        limits, pages = {}, {}
        for name in bounded:
            limits[name] = LimitItem(max_items=None, max_time=budget_s, count_rows=False)
            pages[name] = PageSize()
            part.resources[name].add_step(limits[name]).add_step(pages[name])
        info = run(part)
        outcome.checkpoints += 1
        outcome.load_ids += list(getattr(info, "loads_ids", []) or [])
        cut = [name for name in bounded if limits[name].exhausted and pages[name].rows >= full_page]
        on_checkpoint(f"{what} slice ({', '.join(cut) + ' to be continued' if cut else 'read to the end'})")
        if what == "last":
            outcome.done = True
            return outcome
        caught_up_at_once = what == "first" and not cut
        pending = cut
