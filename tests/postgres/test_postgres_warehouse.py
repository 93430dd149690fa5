"""The warehouse on PostgreSQL: the sandbox account loaded by dlt into a real server, full then
incremental, `dbt build` with every test, checked against the sandbox's ground truth (row counts
on PostgreSQL; every column of the DuckDB build) and, table by table and row by row, against the
DuckDB build of the same account."""

from __future__ import annotations

import duckdb
import pytest

from load.pipeline import RAW_DATASET, run_load
from load.sandbox import Account, SandboxServer
from load.schema import expected_tables
from tests.conftest import dbt_build, loader_settings
from tests.groundtruth import ExpectedWarehouse, compare, describe
from tests.postgres.conftest import SCHEMA, dbt_build_postgres, normalise, query, throwaway_database

SKIP_COLUMNS = ("WhenUpsertedIntoDataStore",)  # load time: differs between the two loads


@pytest.fixture(scope="module")
def history(postgres_url, tmp_path_factory):
    """Load the same account into DuckDB and PostgreSQL, full then incremental after changes;
    build PostgreSQL after each load, DuckDB after the last."""
    tmp = tmp_path_factory.mktemp("postgres")
    account = Account(seed=11, scale="tiny")
    steps = {"work_db": tmp / "work.duckdb"}
    with throwaway_database(postgres_url) as url, SandboxServer(account=account, plan="unlimited") as sandbox:
        steps["url"] = url
        duck = loader_settings(sandbox, steps["work_db"])
        pg = loader_settings(sandbox, steps["work_db"], destination_url=url)

        run_load(duck)
        steps["full"] = run_load(pg)
        dbt_build_postgres(url, tmp / "dbt_postgres")
        expected = ExpectedWarehouse(pg.mirror_remote_id).observe(account)
        steps["truth_full"], steps["counts_full"] = expected.counts(), published_counts(url)

        account.clock.advance(seconds=3600)
        live = account.ticket_ids(view="default", order_by="updated_at", order_type="asc")
        changed = {"updated": live[0], "trashed": live[1], "purged": live[2]}
        account.update_ticket(changed["updated"], status=5, priority=4)
        account.soft_delete_ticket(changed["trashed"])
        account.hard_delete_ticket(changed["purged"])
        changed["purged_contact"] = account.contact_record(account.contact_ids()[0])["id"]
        account.hard_delete_contact(changed["purged_contact"])
        steps["changed"] = changed

        run_load(duck)
        steps["incremental"] = run_load(pg)
        dbt_build_postgres(url, tmp / "dbt_postgres")  # same target: partial parse
        dbt_build(steps["work_db"], tmp / "dbt_duckdb")
        expected.observe(account)
        steps["truth_incremental"], steps["counts_incremental"] = expected.counts(), published_counts(url)
        steps["duckdb_diff"] = compare(steps["work_db"], expected.tables())
        yield steps


def published_counts(url: str) -> dict[str, dict[str, int]]:
    """`{table: {"rows": n, "deleted": k}}` for every published table, as tests.conftest reads DuckDB."""
    tables = [r[0] for r in query(url, "select table_name from information_schema.tables where table_schema = %s",
                                  SCHEMA)]
    out = {}
    for t in tables:
        rows, deleted = query(url, f'select count(*), count(*) filter (where "IsDeleted") from {SCHEMA}."{t}"')[0]
        out[t] = {"rows": rows, "deleted": deleted}
    return out


def _diff(truth, counts):
    return {t: (truth[t], counts.get(t)) for t in truth if counts.get(t) != truth[t]}


def test_raw_tables_declared_on_postgres(history):
    """`create_missing_tables` gave PostgreSQL every declared raw table, nested ones no data reached included."""
    found = {(t, c) for t, c in query(history["url"], "select table_name, column_name from information_schema.columns "
                                                      "where table_schema = %s", RAW_DATASET)}
    declared = {(t, c) for t, cols in expected_tables().items() for c in cols}
    assert declared - found == set()


def test_full_load_matches_ground_truth(history):
    assert len(history["counts_full"]) == 29
    assert _diff(history["truth_full"], history["counts_full"]) == {}


def test_incremental_load_matches_ground_truth(history):
    """Counts on PostgreSQL; every column of the DuckDB build, which the last test finds equal row
    by row to PostgreSQL's."""
    assert _diff(history["truth_incremental"], history["counts_incremental"]) == {}
    assert history["duckdb_diff"] == {}, describe(history["duckdb_diff"])
    assert history["incremental"].records["tickets"] < history["full"].records["tickets"]


def test_each_change_landed(history):
    c, url = history["changed"], history["url"]
    assert query(url, 'select "Status", "Priority" from freshdesk."Ticket" where "ID" = %s', c["updated"]) == [(5, 4)]
    assert query(url, 'select "IsDeleted", "Deleted" from freshdesk."Ticket" where "ID" = %s',
                 c["trashed"]) == [(True, True)]
    assert query(url, 'select "IsDeleted" from freshdesk."Ticket" where "ID" = %s', c["purged"]) == [(True,)]
    assert query(url, 'select "IsDeleted" from freshdesk."Contact" where "ID" = %s', c["purged_contact"]) == [(True,)]


def _columns(rows) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        kind = data_type.lower()
        out.setdefault(table, []).append((column, "varchar" if kind in ("character varying", "text") else kind))
    return out


def test_published_tables_have_the_documented_names_and_types(history):
    """Same PascalCase table and column names, same order, same types on both engines."""
    sql = ("select table_name, column_name, data_type from information_schema.columns where table_schema = {} "
           "order by table_name, ordinal_position")
    pg = _columns(query(history["url"], sql.format("%s"), SCHEMA))
    with duckdb.connect(str(history["work_db"]), read_only=True) as con:
        duck = _columns(con.execute(sql.format("?"), [SCHEMA]).fetchall())
    assert len(pg) == 29 and "Ticket" in pg and ("TicketID", "bigint") in pg["TicketConversation"]
    assert pg == duck


def test_every_published_table_has_the_same_rows_as_duckdb(history):
    """Every published table, every column but the load time, compared row by row (by RemoteID)."""
    url, tables = history["url"], sorted(published_counts(history["url"]))
    differences = {}
    with duckdb.connect(str(history["work_db"]), read_only=True) as con:
        for table in tables:
            cols = [c for (c,) in query(url, "select column_name from information_schema.columns where table_schema = "
                                             "%s and table_name = %s order by ordinal_position", SCHEMA, table)
                    if c not in SKIP_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in cols)
            select = f'select {quoted} from {SCHEMA}."{table}"'
            key = cols.index("RemoteID")
            pg_rows = sorted((tuple(map(normalise, r)) for r in query(url, select)), key=lambda r: r[key])
            duck_rows = sorted((tuple(map(normalise, r)) for r in con.execute(select).fetchall()),
                               key=lambda r: r[key])
            if pg_rows != duck_rows:
                only_pg, only_duck = set(pg_rows) - set(duck_rows), set(duck_rows) - set(pg_rows)
                differences[table] = {"postgres_only": sorted(only_pg, key=str)[:3],
                                      "duckdb_only": sorted(only_duck, key=str)[:3]}
            assert pg_rows, f"{table} is empty: the comparison would prove nothing"
    assert differences == {}
