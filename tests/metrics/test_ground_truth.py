"""Every ticket's metrics, and every day's summaries, equal what the sandbox's own records say
(`tests/metrics/oracle.py`), on a freshly loaded, changed, reloaded and published warehouse."""

from __future__ import annotations

import math

import duckdb
import pytest

from tests.metrics import oracle


def _rows(published, table: str) -> list[dict]:
    con = duckdb.connect(str(published), read_only=True)
    try:
        con.execute("set time zone 'UTC'")
        cursor = con.execute(f'select * from freshdesk_metrics."{table}"')
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _same(actual, expected) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return actual is not None and expected is not None and math.isclose(actual, expected, abs_tol=1e-6)
    return actual == expected


def _differences(actual: dict, expected: dict) -> dict:
    return {name: (actual[name], value) for name, value in expected.items() if not _same(actual[name], value)}


@pytest.fixture(scope="module")
def truth(metrics_warehouse):
    rows = _rows(metrics_warehouse.published, "TicketMetrics")
    as_of = rows[0]["AsOf"]  # the load's time: the instant pending deadlines are judged at
    account = metrics_warehouse.account  # the account the warehouse was loaded from, as it is now
    expected = oracle.ticket_metrics(account, as_of)
    for metrics in expected.values():
        metrics["AsOf"] = as_of
    return account, as_of, {row["TicketID"]: row for row in rows}, expected


def test_ticket_metrics_equal_the_sandbox_records_for_every_ticket(truth):
    _, _, actual, expected = truth
    assert set(actual) == set(expected), "one row per live ticket, no more"
    wrong = {t: diff for t in expected if (diff := _differences(actual[t], expected[t]))}
    assert wrong == {}


def test_the_sandbox_covers_the_subtle_cases(truth):
    """The comparison above means something only if the account has the cases it is about."""
    _, _, _, expected = truth
    account = truth[0]
    archived = set(account.archived_ids())
    no_response = [m for m in expected.values() if m["FirstRespondedAt"] is None]
    cases = {
        "private notes": any(m["PrivateNotes"] for m in expected.values()),
        "customers writing again": any(m["InboundCount"] > 1 for m in expected.values()),
        "archived tickets with their first response": any(expected[t]["FirstRespondedAt"] for t in archived),
        "a first response by public note": any(
            min((c for c in account.conversations(t) if oracle.is_response(c)), key=lambda c: c["created_at"],
                default={"source": 0})["source"] == 2 for t in expected),
        "outbound e-mail answered": any(m["Source"] == 10 and m["FirstResponseMinutes"] is not None
                                        for m in expected.values()),
        "outbound e-mail not answered by the customer yet": any(
            m["Source"] == 10 and m["InboundCount"] == 0 for m in expected.values()),
        "resolved without a response: no outcome": any(m["IsResolved"] and m["FrDueBy"] < m["AsOf"]
                                                       and m["FirstResponseSLAMet"] is None for m in no_response),
        "open past its deadline: breached": any(m["Status"] == 2 and m["FirstResponseSLAMet"] is False
                                                for m in no_response),
        "paused past its deadline: unknown": any(m["Status"] in (3, 6) and m["FrDueBy"] < m["AsOf"]
                                                 and m["FirstResponseSLAMet"] is None for m in no_response),
        "average response time": any(m["AverageResponseMinutes"] for m in expected.values()),
        "unassigned": not all(m["IsAssigned"] for m in expected.values()),
        "no reply yet": any(m["FirstRespondedAt"] is None for m in expected.values()),
        "reopened": any(m["IsReopened"] for m in expected.values()),
        "resolved": any(m["IsResolved"] for m in expected.values()),
        "first contact resolution": any(m["IsFirstContactResolution"] for m in expected.values()),
        "both calendars": len({m["BusinessCalendarID"] for m in expected.values()}) == 2,
        "business < calendar minutes": any(m["FirstResponseBusinessMinutes"] is not None
                                           and m["FirstResponseBusinessMinutes"] < m["FirstResponseMinutes"]
                                           for m in expected.values()),
        "more than one SLA policy": len({m["SLAPolicyID"] for m in expected.values()}) > 1,
        "SLA met and missed": {m["FirstResponseSLAMet"] for m in expected.values()} >= {True, False},
        "time entries": any(m["TimeEntries"] for m in expected.values()),
    }
    assert [case for case, present in cases.items() if not present] == []


@pytest.mark.parametrize(("table", "dimension"), [("GroupDailyMetrics", "GroupID"), ("AgentDailyMetrics", "AgentID")])
def test_daily_summaries_equal_the_sandbox_records(metrics_warehouse, truth, table, dimension):
    account, as_of, _, expected_tickets = truth
    expected = oracle.daily_metrics(account, expected_tickets, dimension, as_of)
    actual = {(row["Date"], row[dimension]): row for row in _rows(metrics_warehouse.published, table)}
    assert set(actual) == set(expected)
    wrong = {key: diff for key, row in expected.items() if (diff := _differences(actual[key], row))}
    assert wrong == {}
