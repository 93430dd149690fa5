"""The metrics computed straight from the sandbox's own records, without the warehouse: the
ticket records with their stats, conversations, time entries, groups, SLA policies and business
calendars that `load.sandbox.Account` serves. Written independently of the dbt models (plain
Python, `zoneinfo`, a day-by-day walk over each calendar) so that the two can be compared."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from load.sandbox import Account

# The two Freshdesk (Rails) zone names the sandbox's calendars use.
ZONES = {"Chennai": "Asia/Kolkata", "Eastern Time (US & Canada)": "America/New_York"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOTE, FORWARD = 2, 8


def parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _clock(text: str) -> time | None:
    """"08:00:00 am" -> 08:00; "11:59:59 pm" (Freshdesk's "until midnight") -> None, i.e. 24:00."""
    parsed = datetime.strptime(text, "%I:%M:%S %p").time()
    return None if parsed == time(23, 59, 59) else parsed


class Calendar:
    """A business calendar: open intervals per weekday in its own zone."""

    def __init__(self, record: dict) -> None:
        self.zone = ZoneInfo(ZONES[record["time_zone"]])
        self.hours = {WEEKDAYS.index(day): (_clock(h["start_time"]), _clock(h["end_time"]))
                      for day, h in record["business_hours"].items()}

    def business_seconds(self, start: datetime, end: datetime) -> int:
        """Open seconds between two instants, walking the local days between them."""
        total = 0
        day = start.astimezone(self.zone).date()
        while day <= end.astimezone(self.zone).date():
            if day.weekday() in self.hours:
                opens, closes = self.hours[day.weekday()]
                open_at = datetime.combine(day, opens, self.zone)
                close_at = (datetime.combine(day + timedelta(days=1), time(0), self.zone) if closes is None
                            else datetime.combine(day, closes, self.zone))
                lo, hi = max(start, open_at), min(end, close_at)
                if hi > lo:
                    total += int((hi - lo).total_seconds())
            day += timedelta(days=1)
        return total


def _policy(account: Account, ticket: dict) -> dict | None:
    """Freshdesk's rule: active non-default policies by position, first whose every condition matches."""
    values = {"company_ids": ticket["company_id"], "group_ids": ticket["group_id"], "product_ids": ticket["product_id"],
              "sources": ticket["source"], "ticket_types": ticket["type"]}
    for policy in sorted((p for p in account.sla_policies if p["active"] and not p["is_default"]),
                         key=lambda p: p["position"]):
        if all(values[key] in allowed for key, allowed in policy["applicable_to"].items() if allowed):
            return policy
    return next((p for p in account.sla_policies if p["is_default"]), None)


def _minutes(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds() / 60


def _business(calendar: Calendar, start: datetime, end: datetime | None) -> float | None:
    return None if end is None else calendar.business_seconds(start, end) / 60


def _met(at: datetime | None, deadline: datetime | None, as_of: datetime) -> bool | None:
    """Met by the deadline; missed; or null: no deadline, or none yet and the deadline still ahead."""
    if deadline is None:
        return None
    if at is not None:
        return at <= deadline
    return False if deadline < as_of else None


def ticket_metrics(account: Account, as_of: datetime) -> dict[int, dict]:
    """TicketMetrics as the sandbox's records say it should be, by ticket id."""
    calendars = {c["id"]: Calendar(c) for c in account.business_hours}
    default_calendar = next(c["id"] for c in account.business_hours if c["is_default"])
    group_calendar = {g["id"]: g["business_calendar_id"] for g in account.groups}
    out = {}
    for t in account.ticket_ids("default"):  # live: neither trashed, purged nor spam
        ticket = account.ticket_record(t, frozenset({"stats"}))
        stats = ticket["stats"]
        created = parse(ticket["created_at"])
        first = parse(stats["first_responded_at"])
        resolved_now = ticket["status"] in (4, 5)
        resolved = (parse(stats["resolved_at"]) or parse(stats["closed_at"])) if resolved_now else None
        reopened = parse(stats["reopened_at"])
        convs = account.conversations(t)
        replies = sum(1 for c in convs if not c["incoming"] and not c["private"] and c["source"] not in (NOTE, FORWARD))
        calendar_id = group_calendar.get(ticket["group_id"]) or default_calendar
        calendar = calendars[calendar_id]
        entries = account.time_entries_of(t)
        fr_due, due = parse(ticket["fr_due_by"]), parse(ticket["due_by"])
        policy = _policy(account, ticket)

        out[t] = {
            "GroupID": ticket["group_id"], "AgentID": ticket["responder_id"], "RequesterID": ticket["requester_id"],
            "CompanyID": ticket["company_id"], "Priority": ticket["priority"], "Status": ticket["status"],
            "Source": ticket["source"], "CreatedAt": created, "FirstRespondedAt": first,
            "AgentRespondedAt": parse(stats["agent_responded_at"]),
            "RequesterRespondedAt": parse(stats["requester_responded_at"]),
            "ResolvedAt": resolved, "ClosedAt": parse(stats["closed_at"]) if ticket["status"] == 5 else None,
            "ReopenedAt": reopened, "IsResolved": resolved_now, "IsReopened": reopened is not None,
            "FirstResponseMinutes": _minutes(created, first),
            "FirstResponseBusinessMinutes": _business(calendar, created, first),
            "ResolutionMinutes": _minutes(created, resolved),
            "ResolutionBusinessMinutes": _business(calendar, created, resolved),
            "BusinessCalendarID": calendar_id,
            "AgentReplies": replies,
            "CustomerMessages": sum(1 for c in convs if c["incoming"] and not c["private"]),
            "PrivateNotes": sum(1 for c in convs if c["private"]),
            "TimeEntries": len(entries),
            "TimeSpentMinutes": sum(e["time_spent_in_seconds"] for e in entries) / 60,
            "IsFirstContactResolution": resolved_now and reopened is None and replies == 1,
            "FrDueBy": fr_due, "DueBy": due,
            "FirstResponseSLAMet": _met(first, fr_due, as_of), "ResolutionSLAMet": _met(resolved, due, as_of),
            "SLAPolicyID": policy["id"] if policy else None, "SLAPolicyName": policy["name"] if policy else None,
        }
    return out


def daily_metrics(account: Account, tickets: dict[int, dict], dimension: str, as_of: datetime) -> dict[tuple, dict]:
    """GroupDailyMetrics / AgentDailyMetrics rows keyed by (date, id), days in the account's zone."""
    zone = ZoneInfo(ZONES[next(c["time_zone"] for c in account.business_hours if c["is_default"])])

    def day(at: datetime | None) -> date | None:
        return None if at is None else at.astimezone(zone).date()

    first_day, last_day = min(day(m["CreatedAt"]) for m in tickets.values()), day(as_of)
    zero = {"TicketsCreated": 0, "TicketsResolved": 0, "TicketsFirstResponded": 0, "FirstResponseSLAMet": 0,
            "FirstResponseSLABreached": 0, "ResolutionSLAMet": 0, "ResolutionSLABreached": 0}
    if dimension == "AgentID":
        zero.update({"AgentReplies": 0, "PrivateNotes": 0, "TimeSpentMinutes": 0.0})
    rows: dict[tuple, dict] = defaultdict(lambda: dict(zero))
    first_minutes, resolution_minutes = defaultdict(list), defaultdict(list)
    ids = set()
    for m in tickets.values():
        key = m[dimension]
        ids.add(key)
        created = rows[(day(m["CreatedAt"]), key)]
        created["TicketsCreated"] += 1
        for name in ("FirstResponseSLA", "ResolutionSLA"):
            if m[name + "Met"] is not None:
                created[name + ("Met" if m[name + "Met"] else "Breached")] += 1
        if m["FirstRespondedAt"]:
            rows[(day(m["FirstRespondedAt"]), key)]["TicketsFirstResponded"] += 1
            first_minutes[(day(m["FirstRespondedAt"]), key)].append(m["FirstResponseMinutes"])
        if m["ResolvedAt"]:
            rows[(day(m["ResolvedAt"]), key)]["TicketsResolved"] += 1
            resolution_minutes[(day(m["ResolvedAt"]), key)].append(m["ResolutionMinutes"])
    if dimension == "AgentID":
        for t in tickets:
            for c in account.conversations(t):
                if not c["incoming"] and c["user_id"] is not None:
                    ids.add(c["user_id"])
                    row = rows[(day(parse(c["created_at"])), c["user_id"])]
                    if c["private"]:
                        row["PrivateNotes"] += 1
                    elif c["source"] not in (NOTE, FORWARD):
                        row["AgentReplies"] += 1
            for e in account.time_entries_of(t):
                ids.add(e["agent_id"])
                row = rows[(day(parse(e["executed_at"])), e["agent_id"])]
                row["TimeSpentMinutes"] += e["time_spent_in_seconds"] / 60
    out = {}
    for key in ids:
        backlog, d = 0, first_day
        while d <= last_day:
            row = dict(rows.get((d, key), zero))
            backlog += row["TicketsCreated"] - row["TicketsResolved"]
            row["BacklogAtDayEnd"] = backlog
            fm, rm = first_minutes.get((d, key)), resolution_minutes.get((d, key))
            row["MedianFirstResponseMinutes"] = statistics.median(fm) if fm else None
            row["MedianResolutionMinutes"] = statistics.median(rm) if rm else None
            out[(d, key)] = row
            d += timedelta(days=1)
    return out
