"""The README's metrics questions: each ```sql block of its metrics section answers on a built
warehouse, through `make shell`'s connection (read-only, `USE freshdesk.freshdesk`)."""

from __future__ import annotations

import pytest

from tests.conftest import readme_queries, run_readme_query

QUERIES = readme_queries("## Metrics: response times, SLAs, workload")


def test_the_readme_answers_the_three_questions():
    titles = [q.splitlines()[0].lower() for q in QUERIES]
    assert len(titles) == 3
    for title, question in zip(titles, ("first response by group this month", "sla attainment trend",
                                        "agent workload"), strict=True):
        assert question in title


@pytest.mark.parametrize("sql", QUERIES, ids=[q.splitlines()[0].removeprefix("-- ").split(":")[0] for q in QUERIES])
def test_readme_metrics_query_answers(metrics_warehouse, sql):
    rows = run_readme_query(metrics_warehouse.published, sql)
    # every row says something: no question answers with only nulls and zeros
    assert any(any(value not in (None, 0) for value in row[1:]) for row in rows)
