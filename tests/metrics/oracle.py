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
FORWARD, SURVEY_FEEDBACK, OUTBOUND_EMAIL = 8, 6, 10


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


def is_response(c: dict) -> bool:
    """Freshdesk's reports: an agent's reply or public note; not a private note, not a forward."""
    return not c["incoming"] and not c["private"] and c["source"] != FORWARD


def is_customer_contact(c: dict) -> bool:
    """An incoming public message that is not survey feedback: one more in the inbound count."""
    return c["incoming"] and not c["private"] and c["source"] != SURVEY_FEEDBACK


def _outcome(at: datetime | None, deadline: datetime | None, as_of: datetime, breached_if_late: bool
             ) -> bool | None:
    """An SLA outcome: met or missed when the event happened; without it, missed only when the
    deadline passed and `breached_if_late` (the clock certainly ran); else unknown."""
    if deadline is None:
        return None
    if at is not None:
        return at <= deadline
    return False if deadline < as_of and breached_if_late else None


def average_response_minutes(created: datetime, outbound: bool, convs: list[dict]) -> float | None:
    """Each wait from the first customer contact after the last response to the next response."""
    events = [] if outbound else [(created, 0, 0)]
    events += [(parse(c["created_at"]), 0, c["id"]) for c in convs if is_customer_contact(c)]
    events += [(parse(c["created_at"]), 1, c["id"]) for c in convs if is_response(c)]
    waits, waiting_since = [], None
    for at, response, _ in sorted(events):
        if not response:
            waiting_since = waiting_since or at
        elif waiting_since is not None:
            waits.append((at - waiting_since).total_seconds() / 60)
            waiting_since = None
    return sum(waits) / len(waits) if waits else None


def ticket_metrics(account: Account, as_of: datetime) -> dict[int, dict]:
    """TicketMetrics as the sandbox's records say it should be, by ticket id."""
    calendars = {c["id"]: Calendar(c) for c in account.business_hours}
    default_calendar = next(c["id"] for c in account.business_hours if c["is_default"])
    group_calendar = {g["id"]: g["business_calendar_id"] for g in account.groups}
    out = {}
    # live: neither trashed, purged nor spam; archived tickets are live, read with their stats
    for t in sorted([*account.ticket_ids("default"), *account.archived_ids()]):
        ticket = account.ticket_record(t, frozenset({"stats"}))
        stats = ticket["stats"]
        created = parse(ticket["created_at"])
        first = parse(stats["first_responded_at"])
        resolved_now = ticket["status"] in (4, 5)
        resolved = (parse(stats["resolved_at"]) or parse(stats["closed_at"])) if resolved_now else None
        reopened = parse(stats["reopened_at"])
        convs = account.conversations(t)
        outbound = ticket["source"] == OUTBOUND_EMAIL
        contacts = sorted(parse(c["created_at"]) for c in convs if is_customer_contact(c))
        inbound = len(contacts) + (0 if outbound else 1)
        clock_from = (contacts[0] if contacts else None) if outbound else created
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
            "IsAssigned": ticket["group_id"] is not None or ticket["responder_id"] is not None,
            "FirstResponseMinutes": None if clock_from is None else _minutes(clock_from, first),
            "FirstResponseBusinessMinutes": None if clock_from is None else _business(calendar, clock_from, first),
            "ResolutionMinutes": _minutes(created, resolved),
            "ResolutionBusinessMinutes": _business(calendar, created, resolved),
            "AverageResponseMinutes": average_response_minutes(created, outbound, convs),
            "BusinessCalendarID": calendar_id,
            "AgentResponses": sum(1 for c in convs if is_response(c)),
            "InboundCount": inbound,
            "PrivateNotes": sum(1 for c in convs if c["private"]),
            "TimeEntries": len(entries),
            "TimeSpentMinutes": sum(e["time_spent_in_seconds"] for e in entries) / 60,
            "IsFirstContactResolution": resolved_now and not outbound and inbound == 1,
            "FrDueBy": fr_due, "DueBy": due,
            # no response: not a breach once resolved, nor before an outbound e-mail's customer replied;
            # a breach only while open (status 2) or escalated by Freshdesk, since other statuses may pause
            "FirstResponseSLAMet": _outcome(first, fr_due, as_of, not resolved_now and clock_from is not None
                                            and (ticket["status"] == 2 or ticket["fr_escalated"])),
            "ResolutionSLAMet": _outcome(resolved, due, as_of, ticket["status"] == 2 or ticket["is_escalated"]),
            "SLAPolicyID": policy["id"] if policy else None, "SLAPolicyName": policy["name"] if policy else None,
        }
    return out


def daily_metrics(account: Account, tickets: dict[int, dict], dimension: str, as_of: datetime) -> dict[tuple, dict]:
    """GroupDailyMetrics / AgentDailyMetrics rows keyed by (date, id), days in the account's zone."""
    zone = ZoneInfo(ZONES[next(c["time_zone"] for c in account.business_hours if c["is_default"])])

    def day(at: datetime | None) -> date | None:
        return None if at is None else at.astimezone(zone).date()

    first_day, last_day = min(day(m["CreatedAt"]) for m in tickets.values()), day(as_of)
    zero = {"TicketsCreated": 0, "TicketsResolved": 0, "TicketsResolvedOnFirstContact": 0,
            "TicketsFirstResponded": 0, "FirstResponseSLAMet": 0, "FirstResponseSLABreached": 0, "ResolutionSLAMet": 0,
            "ResolutionSLABreached": 0}
    if dimension == "AgentID":
        zero.update({"AgentResponses": 0, "PrivateNotes": 0, "TimeSpentMinutes": 0.0})
    rows: dict[tuple, dict] = defaultdict(lambda: dict(zero))
    first_minutes, resolution_minutes = defaultdict(list), defaultdict(list)
    ids = set()
    for m in tickets.values():
        key = m[dimension]
        ids.add(key)
        rows[(day(m["CreatedAt"]), key)]["TicketsCreated"] += 1
        # each event on its own day: a first response and its SLA outcome, a resolution and its own
        for at, counted, minutes, outcome, sla in (
                ("FirstRespondedAt", "TicketsFirstResponded", first_minutes, "FirstResponseSLAMet", "FirstResponseSLA"),
                ("ResolvedAt", "TicketsResolved", resolution_minutes, "ResolutionSLAMet", "ResolutionSLA")):
            if m[at] is None:
                continue
            row = rows[(day(m[at]), key)]
            row[counted] += 1
            value = m["FirstResponseMinutes" if counted == "TicketsFirstResponded" else "ResolutionMinutes"]
            if value is not None:
                minutes[(day(m[at]), key)].append(value)
            if m[outcome] is not None:
                row[sla + ("Met" if m[outcome] else "Breached")] += 1
            if counted == "TicketsResolved" and m["IsFirstContactResolution"]:
                row["TicketsResolvedOnFirstContact"] += 1
    if dimension == "AgentID":
        for t in tickets:
            for c in account.conversations(t):
                if not c["incoming"] and c["user_id"] is not None:
                    ids.add(c["user_id"])
                    row = rows[(day(parse(c["created_at"])), c["user_id"])]
                    if c["private"]:
                        row["PrivateNotes"] += 1
                    elif is_response(c):
                        row["AgentResponses"] += 1
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
            row["AverageFirstResponseMinutes"] = statistics.mean(fm) if fm else None
            row["MedianResolutionMinutes"] = statistics.median(rm) if rm else None
            row["AverageResolutionMinutes"] = statistics.mean(rm) if rm else None
            out[(d, key)] = row
            d += timedelta(days=1)
    return out
