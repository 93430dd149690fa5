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
    return account, as_of, {row["TicketID"]: row for row in rows}, oracle.ticket_metrics(account, as_of)


def test_ticket_metrics_equal_the_sandbox_records_for_every_ticket(truth):
    _, _, actual, expected = truth
    assert set(actual) == set(expected), "one row per live ticket, no more"
    wrong = {t: diff for t in expected if (diff := _differences(actual[t], expected[t]))}
    assert wrong == {}


def test_the_sandbox_covers_the_subtle_cases(truth):
    """The comparison above means something only if the account has the cases it is about."""
    _, _, _, expected = truth
    cases = {
        "private notes": any(m["PrivateNotes"] for m in expected.values()),
        "customer messages": any(m["CustomerMessages"] for m in expected.values()),
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
