"""Cheap deterministic randomness keyed by (seed, stream, id).

Records are generated on demand from their id, so every random choice must be a pure
function of the seed and the record's identity rather than of a shared RNG's position.
"""

from __future__ import annotations

import random

_MASK = (1 << 64) - 1


def mix(*parts: int) -> int:
    """A 64-bit hash of integers (splitmix64 finaliser applied per part)."""
    h = 0x9E3779B97F4A7C15
    for p in parts:
        h = (h ^ (p & _MASK)) * 0xBF58476D1CE4E5B9 & _MASK
        h ^= h >> 31
        h = (h * 0x94D049BB133111EB) & _MASK
        h ^= h >> 29
    return h


def unit(*parts: int) -> float:
    """A float in [0, 1) from a hash of the parts."""
    return (mix(*parts) >> 11) / float(1 << 53)


def rng_for(*parts: int) -> random.Random:
    """A private `random.Random` for one record, seeded from the parts."""
    return random.Random(mix(*parts))


# Stream tags keep the hash spaces of different record kinds apart.
S_TICKET = 1
S_CONV = 2
S_CONTACT = 3
S_COMPANY = 4
S_AGENT = 5
S_TIME = 6
S_BURST = 7
S_FAULT = 8
S_CUSTOM = 9
S_ADMIN = 10
S_ADDED = 11
S_CHURN = 12
