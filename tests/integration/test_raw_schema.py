"""The raw schema is declared once, in `load/schema.py`: its documentation is generated from it,
and the models build on nothing but the declared tables and columns."""

from __future__ import annotations

import dlt
import duckdb

from load import schema
from load.pipeline import RAW_DATASET
from tests.conftest import dbt_build


def test_raw_schema_doc_lists_exactly_the_declared_columns():
    documented = schema.documented_columns(schema.RAW_SCHEMA_DOC.read_text())
    assert documented == schema.columns_markdown(), (
        f"{schema.RAW_SCHEMA_DOC.name} is out of date: run `python -m load.schema --write`")


def test_models_read_only_declared_raw_columns(tmp_path):
    """dbt builds on an account with no data at all: empty raw tables holding exactly the declared
    columns, created by the loader's own `create_missing_tables`. DuckDB binds a view's columns when
    it creates it, so a column that staging reads and `load/schema.py` does not declare fails here."""
    work_db = tmp_path / "work.duckdb"
    pipeline = dlt.pipeline(pipeline_name="raw_schema_only", destination=dlt.destinations.duckdb(str(work_db)),
                            dataset_name=RAW_DATASET, pipelines_dir=str(tmp_path / "dlt"))
    with pipeline.sql_client() as client:
        client.create_dataset()
    created = schema.create_missing_tables(pipeline)
    assert sorted(created) == sorted(schema.expected_tables())

    dbt_build(work_db, tmp_path)

    con = duckdb.connect(str(work_db), read_only=True)
    try:
        published = con.execute("select count(*) from information_schema.tables where table_schema = 'freshdesk'")
        assert published.fetchone() == (29,)
    finally:
        con.close()
