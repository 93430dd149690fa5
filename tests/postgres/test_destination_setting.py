"""The one setting that moves the warehouse to PostgreSQL (no server needed)."""

from __future__ import annotations

import pathlib

import pytest

from load.pipeline import make_pipeline
from load.settings import Settings, SettingsError, destination_url
from load.warehouse.dbt import dbt_env

URL = "postgresql://ana%40acme:p%3Ass%2Fword@db.internal:6432/analytics?sslmode=require"


def test_dbt_env_splits_the_url_for_the_profile():
    assert dbt_env(URL) == {
        "FRESHDESK_DBT_TARGET": "postgres",
        "FRESHDESK_PG_HOST": "db.internal",
        "FRESHDESK_PG_PORT": "6432",
        "FRESHDESK_PG_USER": "ana@acme",
        "FRESHDESK_PG_PASSWORD": "p:ss/word",
        "FRESHDESK_PG_DBNAME": "analytics",
        "FRESHDESK_PG_SSLMODE": "require",
    }


def test_without_a_url_dbt_stays_on_duckdb():
    assert dbt_env(None) == {}


def test_only_postgresql_urls_are_accepted(monkeypatch):
    monkeypatch.setenv("FRESHDESK_DESTINATION_URL", "mysql://u:p@h/d")
    with pytest.raises(SettingsError, match="postgresql://"):
        destination_url()


def test_settings_never_show_the_url():
    settings = Settings(base_url="http://127.0.0.1:1/api/v2", api_key="k" * 8, domain="x",
                        work_db=pathlib.Path("w.duckdb"), destination_url=URL)
    assert "p%3Ass" not in repr(settings)


def test_each_destination_keeps_its_own_pipeline_state(tmp_path):
    base = dict(base_url="http://127.0.0.1:1/api/v2", api_key="k" * 8, domain="x", work_db=tmp_path / "work.duckdb")
    duck, pg = make_pipeline(Settings(**base)), make_pipeline(Settings(**base, destination_url=URL))
    assert (duck.destination.destination_name, pg.destination.destination_name) == ("duckdb", "postgres")
    assert duck.pipelines_dir != pg.pipelines_dir
