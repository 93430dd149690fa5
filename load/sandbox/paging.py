"""Query parsing shared by list endpoints: paging, dates, the Link header."""

from __future__ import annotations

from datetime import UTC, datetime

from .errors import unknown_param, validation

MAX_PER_PAGE = 100
PAGING = frozenset({"page", "per_page"})


def check_params(query, allowed: frozenset[str]) -> None:
    """400 `invalid_field` for the first parameter the endpoint does not know."""
    for name in query:
        if name not in allowed:
            raise unknown_param(name)


def positive_int(query, name: str, default: int | None = None) -> int | None:
    raw = query.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise validation(name, "It should be a Positive Integer", "datatype_mismatch")
    return int(raw)


def page_params(query, per_page_default: int) -> tuple[int, int]:
    """(page, per_page); `per_page` above 100 or non-positive values are a 400."""
    page = positive_int(query, "page", 1)
    raw = query.get("per_page")
    if raw is None:
        return page, per_page_default
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_PAGE:
        raise validation("per_page", f"It should be a Positive Integer less than or equal to {MAX_PER_PAGE}")
    return page, int(raw)


def parse_datetime(query, name: str) -> int | None:
    """Epoch seconds for an ISO date/datetime parameter (no zone = UTC), or None if absent."""
    raw = query.get(name)
    if raw is None:
        return None
    text = raw.strip().replace(" ", "+")  # an unencoded '+05:30' arrives as ' 05:30'
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00")) if len(text) > 10 else \
            datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise validation(name, "It should be in the 'combined date and time ISO8601' format") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def next_link(scheme: str, host: str, path: str, query_string: str, page: int) -> str:
    """`Link` value for the next page: the request URL with all its parameters, page replaced."""
    parts = query_string.split("&") if query_string else []
    replaced = False
    for pos, part in enumerate(parts):
        if part.startswith("page="):
            parts[pos] = f"page={page}"
            replaced = True
    if not replaced:
        parts.append(f"page={page}")
    return f'<{scheme}://{host}{path}?{"&".join(parts)}>; rel="next"'


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    start = (page - 1) * per_page
    return start, start + per_page
