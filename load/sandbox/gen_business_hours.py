"""Business calendars (`GET /business_hours`), in the API's shape.

Two calendars: the account default (Eastern Time, which has daylight saving time, Monday to
Friday, Friday open until midnight as `11:59:59 pm`) and the one the odd-numbered groups
point at (`business_calendar_id`): Chennai, a half-hour offset, six days a week. A day absent
from `business_hours` is closed, as in Freshdesk's answers.
"""

from __future__ import annotations

from .clock import iso
from .config import CALENDAR_BASE, AccountConfig

_DAY = 86400
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def _hours(days: tuple[str, ...], start: str, end: str) -> dict[str, dict[str, str]]:
    return {day: {"start_time": start, "end_time": end} for day in days}


def business_hours(cfg: AccountConfig, now: int) -> list[dict]:
    """The account's business calendars; ids: CALENDAR_BASE (groups' calendar) and CALENDAR_BASE + 1 (default)."""
    created = now - 900 * _DAY
    default_hours = _hours(_WEEKDAYS[:4], "09:00:00 am", "05:00:00 pm")
    default_hours["friday"] = {"start_time": "09:00:00 am", "end_time": "11:59:59 pm"}
    return [
        {
            "id": CALENDAR_BASE,
            "name": "APAC support",
            "description": "Chennai office, six days a week",
            "time_zone": "Chennai",
            "is_default": False,
            "business_hours": _hours((*_WEEKDAYS, "saturday"), "08:30:00 am", "08:00:00 pm"),
            "created_at": iso(created + 30 * _DAY),
            "updated_at": iso(created + 200 * _DAY),
        },
        {
            "id": CALENDAR_BASE + 1,
            "name": "Default",
            "description": "Default Business Calendar",
            "time_zone": "Eastern Time (US & Canada)",
            "is_default": True,
            "business_hours": default_hours,
            "created_at": iso(created),
            "updated_at": iso(created + 100 * _DAY),
        },
    ]
