"""Stopping a load on SIGINT or SIGTERM: at the next safe point on the first signal, at once on the second.

dlt's own signal handling does the first part (`intercepted_signals`, in `load/dlt_internals.py`):
inside it a signal only sets a flag (and wakes `sleep` below); dlt's extract loop raises at the next item,
its normalize and load steps stop between jobs, and the rate budget refuses new requests
(`load/pacing.py`). Whatever was committed stays: every checkpoint is a completed dlt load.
A second signal of the same kind reaches the handler installed here, which ends the process at
once, like SIGKILL; the kill tests show that the next run recovers from that.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from load import dlt_internals

log = logging.getLogger("freshdesk")

HANDLED = (signal.SIGINT, signal.SIGTERM)
# Seconds a stopped CLI waits for worker threads (e.g. a request sleeping in a retry) before it exits anyway.
EXIT_GRACE_S = 5.0


def exit_code(signum: int) -> int:
    """The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM)."""
    return 128 + signum


def signal_name(signum: int) -> str:
    """`SIGINT`, `SIGTERM`."""
    return signal.Signals(signum).name


def _exit_now(signum: int, _frame) -> None:
    os.write(2, f"{signal_name(signum)} again: stopped at once; the next run finishes or redoes the "
                "checkpoint in progress\n".encode())
    os._exit(exit_code(signum))


@contextmanager
def graceful_stop() -> Iterator[None]:
    """While inside, the first SIGINT/SIGTERM asks the load to stop at a safe point (dlt's flag) and a
    second one ends the process at once. Outside the main thread (tests, embedding), a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in HANDLED}
    for s in HANDLED:
        signal.signal(s, _exit_now)  # dlt's handler calls it on the second signal
    dlt_internals.clear_wakeup()
    try:
        with dlt_internals.intercepted_signals():
            yield
    finally:
        if received() is None:
            for s, handler in previous.items():
                signal.signal(s, handler)
        # else the process is stopping: a second signal during the way out still ends it at once
        # (restoring Python's handler here printed a KeyboardInterrupt traceback instead)


def sleep(seconds: float) -> None:
    """Sleep, but not past a SIGINT/SIGTERM received inside `graceful_stop`."""
    dlt_internals.sleep(seconds)


def received() -> int | None:
    """The signal received inside `graceful_stop`, if any."""
    return dlt_internals.received_signal()


def exit_soon(code: int, grace_s: float = EXIT_GRACE_S) -> None:
    """Make sure a stopped CLI process ends within `grace_s` seconds with `code`, even if a worker
    thread is still asleep in a retry (Python would wait for it at exit): everything that matters
    is committed by then."""
    def watchdog() -> None:
        threading.Event().wait(grace_s)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    threading.Thread(target=watchdog, name="exit-watchdog", daemon=True).start()
