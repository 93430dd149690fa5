"""The sandbox clock: the account's notion of "now", advanced only on request."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

DEFAULT_NOW = datetime(2026, 11, 1, tzinfo=UTC)


def to_epoch(value: datetime) -> int:
    """Seconds since the epoch for an aware (or naive = UTC) datetime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def iso(epoch: int) -> str:
    """Freshdesk's timestamp format, `YYYY-MM-DDTHH:MM:SSZ`, for an epoch second."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(epoch: int) -> str:
    """`YYYY-MM-DD` for an epoch second (custom date fields use this form)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


class SandboxClock:
    """A settable clock in whole epoch seconds.

    Data is generated relative to the clock's start so that a given seed always yields the
    same account; the clock only moves when a test or user advances it, which is what makes
    incremental-load scenarios reproducible.
    """

    def __init__(self, start: datetime = DEFAULT_NOW) -> None:
        self._lock = threading.Lock()
        self.start = to_epoch(start)
        self._now = self.start

    def now(self) -> int:
        """Current sandbox time, epoch seconds."""
        return self._now

    def now_iso(self) -> str:
        """Current sandbox time in Freshdesk's format."""
        return iso(self._now)

    def advance(self, seconds: int = 0, minutes: int = 0, hours: int = 0, days: int = 0) -> int:
        """Move the clock forward and return the new time."""
        delta = int(seconds + 60 * minutes + 3600 * hours + 86400 * days)
        if delta < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._now += delta
            return self._now

    def set(self, when: datetime) -> int:
        """Jump to an absolute time (not earlier than now)."""
        target = to_epoch(when)
        with self._lock:
            if target < self._now:
                raise ValueError("the sandbox clock only moves forward")
            self._now = target
            return self._now
