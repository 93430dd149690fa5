"""The README's questions, answered right: each ```sql block of its "Querying the warehouse" and
metrics sections runs through `make shell`'s connection (read-only, `USE freshdesk.freshdesk`) on the
built warehouse and on a file of what the sandbox's own records say the tables hold (the ground
truth: `tests/groundtruth` for the 29 tables, `tests/metrics/oracle.py` for the metrics), and both
answer the same rows."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import readme_queries, run_readme_query
from tests.groundtruth import compare, describe
from tests.groundtruth.compare import warehouse_of
from tests.metrics import oracle

TABLES = readme_queries("## Querying the warehouse")
METRICS = readme_queries("## Metrics: response times, SLAs, workload")


def _title(sql: str) -> str:
    return sql.splitlines()[0].removeprefix("-- ").split(":")[0][:50]


def test_the_readme_asks_the_documented_questions():
    titles = [q.splitlines()[0].lower() for q in TABLES + METRICS]
    for question in ("status and priority", "first response time per agent", "conversations per ticket",
                     "sla targets per policy", "tickets per company", "first response by group this month",
                     "sla attainment trend", "agent workload"):
        assert any(question in title for title in titles), question
    assert len(titles) == 8


@pytest.fixture(scope="module")
def truth_file(metrics_warehouse, tmp_path_factory):
    """The ground truth as a published file: the expected rows of the 29 tables and of the metrics."""
    published = metrics_warehouse.published
    diffs = compare(published, metrics_warehouse.expected.tables())
    assert diffs == {}, describe(diffs)  # the built tables are the truth; the metrics are checked below
    with duckdb.connect(str(published), read_only=True) as con:
        as_of = con.execute('select max("AsOf") from freshdesk_metrics."TicketMetrics"').fetchone()[0]
    account = metrics_warehouse.account
    tickets = oracle.ticket_metrics(account, as_of)
    metrics = {"TicketMetrics": [{"TicketID": t, **row} for t, row in tickets.items()]}
    for table, dimension in (("GroupDailyMetrics", "GroupID"), ("AgentDailyMetrics", "AgentID")):
        daily = oracle.daily_metrics(account, tickets, dimension, as_of)
        metrics[table] = [{"Date": day, dimension: key, **row} for (day, key), row in daily.items()]
    path = tmp_path_factory.mktemp("truth") / "freshdesk.duckdb"
    warehouse_of(metrics_warehouse.expected.tables(), path, metrics, like=published)
    return path


def _answer(path, sql: str) -> list[tuple]:
    """The query's rows, floats to 6 places, in a canonical order (ties may come back either way)."""
    rows = [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in run_readme_query(path, sql)]
    return sorted(rows, key=repr)


@pytest.mark.parametrize("sql", TABLES + METRICS, ids=[_title(q) for q in TABLES + METRICS])
def test_readme_query_gives_the_ground_truths_answer(metrics_warehouse, truth_file, sql):
    answer = _answer(metrics_warehouse.published, sql)
    assert answer == _answer(truth_file, sql)
    # and says something: no question answers with only nulls and zeros
    assert any(any(value not in (None, 0) for value in row[1:]) for row in answer)
