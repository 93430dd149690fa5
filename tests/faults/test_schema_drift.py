"""Schema drift between two loads: a new top-level ticket field, a new custom field, and a custom
field whose values change type. The second load succeeds, keeps everything the first one loaded,
and the published tables still match the sandbox's ground truth, column by column."""

from __future__ import annotations

import duckdb
import pytest

from load.pipeline import run_load
from load.sandbox import Account, Realism, SandboxServer
from tests.conftest import dbt_build, loader_settings
from tests.groundtruth import ExpectedWarehouse, compare, describe


class DriftingAccount(Account):
    """An account whose ticket records can grow top-level fields the loader has never seen."""

    extra_ticket_fields: dict = {}

    def ticket_record(self, t, include=frozenset(), view=False):
        return {**super().ticket_record(t, include, view), **self.extra_ticket_fields}


def _raw(work_db, sql: str):
    with duckdb.connect(str(work_db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _raw_counts(work_db) -> dict[str, int]:
    tables = [r[0] for r in _raw(work_db, "select table_name from information_schema.tables "
                                          "where table_schema = 'freshdesk_raw' and table_name not like '\\_dlt%' "
                                          "escape '\\'")]
    return {t: _raw(work_db, f'select count(*) from freshdesk_raw."{t}"')[0][0] for t in tables}


@pytest.fixture(scope="module")
def drift(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("drift")
    work_db = tmp / "work.duckdb"
    # No churn (the loads are compared with the ground truth taken between them) and no archive:
    # Freshdesk's archive is immutable and the loader reads it once, but the sandbox re-renders an
    # archived ticket's custom fields when they change here. Archived tickets are covered by
    # tests/integration/test_real_accounts.py.
    account = DriftingAccount(seed=31, scale="tiny", realism=Realism(churn=0, archive_after_days=0))
    with SandboxServer(account=account, plan="unlimited") as server:
        settings = loader_settings(server, work_db)
        run_load(settings)
        expected = ExpectedWarehouse(settings.mirror_remote_id).observe(account)
        before = {"counts": _raw_counts(work_db),
                  "tickets": set(_raw(work_db, "select id, updated_at from freshdesk_raw.tickets")),
                  "seats_type": _raw(work_db, "select distinct value_type from freshdesk_raw.tickets__custom_fields "
                                              "where name = 'cf_seats'")}
        account.clock.advance(seconds=3600)
        with account.lock:
            account.extra_ticket_fields = {"sentiment_score": 0.75}
            account.add_ticket_custom_field("cf_drift_added", kind="integer")
            account.change_ticket_custom_field_type("cf_seats", "string", touch=True)  # every ticket re-read
        run_load(settings)
        dbt_build(work_db, tmp / "dbt")
        diff = compare(work_db, expected.observe(account).tables())
    return {"work_db": work_db, "before": before, "diff": diff}


def test_nothing_loaded_before_is_lost(drift):
    after = _raw_counts(drift["work_db"])
    assert {t: n for t, n in drift["before"]["counts"].items() if after.get(t, 0) < n} == {}
    ids_after = {r[0] for r in _raw(drift["work_db"], "select id from freshdesk_raw.tickets")}
    assert {ticket_id for ticket_id, _ in drift["before"]["tickets"]} <= ids_after


def test_new_ticket_field_becomes_a_column(drift):
    values = _raw(drift["work_db"], "select distinct sentiment_score from freshdesk_raw.tickets "
                                    "where not coalesce(deleted, false) and not coalesce(spam, false)")
    assert values == [(0.75,)]


def test_new_and_retyped_custom_fields_land_in_rows(drift):
    work_db = drift["work_db"]
    assert _raw(work_db, "select count(*) from freshdesk_raw.tickets__custom_fields "
                         "where name = 'cf_drift_added'")[0][0] > 0
    assert drift["before"]["seats_type"] != [("string",)]
    types = {r[0] for r in _raw(work_db, "select distinct value_type from freshdesk_raw.tickets__custom_fields "
                                         "where name = 'cf_seats' and value_string is not null")}
    assert "string" in types


def test_published_tables_match_ground_truth(drift):
    assert drift["diff"] == {}, describe(drift["diff"])
