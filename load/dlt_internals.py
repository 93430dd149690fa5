"""Every use of dlt beyond its public API, in one place, each with what it relies on and why the
public API does not do it. The rest of `load/` uses dlt's public API only.

`tests/loader/test_dlt_internals.py` checks each assumption below against the installed dlt and
fails naming this module when an upgrade changed one: fix this module, not its callers.

Bounded slices (`load/checkpoint.py`). `DltResource.add_limit(max_items=..., max_time=...)`
(public) bounds a resource: its step closes the resource's generator at the first item past the
bound, and `DltResource.limit` (public) returns that step. What the public API does not offer:
- `limit_reached`: whether the limit stopped the resource. That is the step's undocumented
  `exhausted` (set when it closed the generator; a resource read to its end leaves it False).
- `add_step_after_generator`: a step right after the resource's generator, where a rest_api
  resource's items are still the rest client's pages (`PageData`, which know whether another page
  follows), before the record maps, the incremental step and the limit. `DltResource.add_step`'s
  `insert_at` is public, but that position 1 is "right after the generator" is dlt's internal
  step order. Such a step may yield several items for one; in fifo mode (`extract.next_item_mode`,
  which `load/pipeline.py` sets) dlt runs each through every later step (incremental and limit
  included) before asking the step for the next, and the generator for its next page only after
  that, so the step sees the limit close as soon as it has. `add_map` / `add_yield_map` would get
  the page's rows, not the page.
- `next_page_follows`: whether the rest client has another page after this one
  (`PageData.paginator.has_next_page`). `PageData` is public; that a rest_api resource yields it
  unchanged is not.

Stopping on SIGINT/SIGTERM (`load/stopping.py`, `load/pacing.py`, `load/source.py`). dlt's signal
handling lives in `dlt.common.runtime.signals`, which only the API reference lists:
`intercepted_signals` makes the first signal set a flag (dlt's extract loop raises
`SignalReceivedException` at the next item, normalize and load stop between jobs) and the second
call the handler installed before it. Beside those two and `raise_if_signalled`:
- `received_signal`: which signal came (`exception_for_signal().signal_code`).
- `clear_wakeup`, `sleep`: dlt's wake-up event (`signals.exit_event`, set by its handler). dlt's own
  `signals.sleep` clears the event before waiting, so it misses a signal that came just before.
- `wake_retries_with`: the sleep between the attempts of dlt's retrying session (`Client().session`
  retries through tenacity, `session.send.retry`). Tenacity sleeps in `time.sleep`, which a signal
  does not wake, and `Client` takes no sleep function.

Reading pages (`load/source.py`):
- `compiled_selector`: dlt's JSONPath compiler. The rest client compiles a data selector given as
  text for every page (a fifth of the loader's CPU for "$"); compiled once, it is used as is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dlt.common.exceptions import SignalReceivedException
from dlt.common.jsonpath import compile_path
from dlt.common.runtime import signals
from dlt.sources import DltResource

__all__ = ["SignalReceivedException", "add_step_after_generator", "clear_wakeup", "compiled_selector",
           "intercepted_signals", "limit_reached", "next_page_follows", "raise_if_signalled", "received_signal",
           "sleep", "wake_retries_with"]

intercepted_signals = signals.intercepted_signals
raise_if_signalled = signals.raise_if_signalled


def limit_reached(resource: DltResource) -> bool:
    """True when the limit `add_limit` put on `resource` has stopped it (during or after its run)."""
    return bool(resource.limit.exhausted)


def add_step_after_generator(resource: DltResource, step: Callable[..., Any]) -> None:
    """Insert `step` (`step(item, meta=None)`, a generator) right after the resource's generator."""
    resource.add_step(step, insert_at=1)


def next_page_follows(page: Any) -> bool:
    """True when another page follows this item of a rest_api resource (an item that is not the
    rest client's page: True, the caller then reads on to find out)."""
    paginator = getattr(page, "paginator", None)
    return True if paginator is None else bool(paginator.has_next_page)


def received_signal() -> int | None:
    """The SIGINT/SIGTERM received inside `intercepted_signals`, if any."""
    if not signals.was_signal_received():
        return None
    return signals.exception_for_signal().signal_code


def clear_wakeup() -> None:
    """Forget a wake-up left over from an earlier `intercepted_signals` (a load before, in this process)."""
    signals.exit_event.clear()


def sleep(seconds: float) -> None:
    """Sleep, but not past a signal received inside `intercepted_signals` (nor at all after one)."""
    if not signals.was_signal_received():
        signals.exit_event.wait(seconds)


def wake_retries_with(session: Any, sleep_fn: Callable[[float], None]) -> None:
    """Make the backoff between the attempts of dlt's retrying session (`Client(...).session`) sleep
    with `sleep_fn`."""
    session.send.retry.sleep = sleep_fn


def compiled_selector(path: str) -> Any:
    """`path` (a JSONPath) compiled once, for the rest client's `data_selector`."""
    return compile_path(path)
