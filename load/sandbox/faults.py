"""Deterministic fault injection: the n-th request's fate is a pure function of (seed, n)."""

from __future__ import annotations

from dataclasses import dataclass

from .rng import S_FAULT, mix, unit

NONE, ERROR, STORM, DROP, TRUNCATE = "none", "error", "storm", "drop", "truncate"
_ERROR_STATUSES = (500, 502, 503)


@dataclass(frozen=True)
class FaultConfig:
    """Rates are probabilities per request; a 429 storm answers `storm_length` requests in a row."""

    error_rate: float = 0.0
    storm_rate: float = 0.0
    storm_length: int = 5
    storm_retry_after: int = 1
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    spike_rate: float = 0.0
    spike_ms: int = 1500
    seed: int = 0

    @property
    def active(self) -> bool:
        return any((self.error_rate, self.storm_rate, self.drop_rate, self.truncate_rate, self.spike_rate))


@dataclass(frozen=True)
class Fault:
    """What to do to one request."""

    kind: str = NONE
    status: int = 0
    delay_ms: int = 0


NO_FAULT = Fault()


class FaultInjector:
    """Decides each request's fault from its sequence number."""

    def __init__(self, config: FaultConfig | None) -> None:
        self.config = config or FaultConfig()
        self._storm_until = -1

    def decide(self, seq: int) -> Fault:
        """Fault for request number `seq` (0-based, in arrival order)."""
        c = self.config
        if not c.active:
            return NO_FAULT
        s = c.seed
        delay = c.spike_ms if unit(s, S_FAULT, seq, 5) < c.spike_rate else 0
        if seq < self._storm_until:
            return Fault(STORM, 429, delay)
        if unit(s, S_FAULT, seq, 1) < c.storm_rate:
            self._storm_until = seq + c.storm_length
            return Fault(STORM, 429, delay)
        if unit(s, S_FAULT, seq, 2) < c.error_rate:
            return Fault(ERROR, _ERROR_STATUSES[mix(s, S_FAULT, seq, 6) % 3], delay)
        if unit(s, S_FAULT, seq, 3) < c.drop_rate:
            return Fault(DROP, 0, delay)
        if unit(s, S_FAULT, seq, 4) < c.truncate_rate:
            return Fault(TRUNCATE, 200, delay)
        return Fault(NONE, 0, delay)
