"""JSON encoding to bytes: orjson when installed (dlt brings it), else the standard library."""

from __future__ import annotations

import json

try:  # orjson is several times faster, which matters for the requests/s target
    import orjson

    def dumps(value) -> bytes:
        """Encode a JSON value to UTF-8 bytes."""
        return orjson.dumps(value)
except ImportError:  # pragma: no cover - depends on the environment
    def dumps(value) -> bytes:
        """Encode a JSON value to UTF-8 bytes."""
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
