"""Credits a load need not spend (issue 21): a contact list row that holds everything its view would
is loaded as it is, with the same rows as from the views; the perfect client's credits
(`load/bench/efficiency.py`) are a floor no load goes below."""

from __future__ import annotations

import dataclasses

import duckdb

from load.bench.efficiency import perfect_credits
from load.pipeline import run_load
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from load.source import list_row_is_view
from tests.conftest import loader_settings


def _load(realism: Realism, work_db) -> tuple[Account, object]:
    account = Account(seed=3, scale="tiny", realism=realism)
    with SandboxServer(account=account) as sandbox:
        run_load(loader_settings(sandbox, work_db))
        return account, sandbox.stats


def _contact_rows(work_db) -> dict[str, list]:
    """Every contacts table (root and nested), child rows keyed by their contact's id."""
    with duckdb.connect(str(work_db), read_only=True) as con:
        def columns(table: str) -> str:
            names = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'freshdesk_raw' "
                "and table_name = ? order by ordinal_position", [table]).fetchall()]
            return ", ".join(f't."{n}"' for n in names if not n.startswith("_dlt_"))

        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'freshdesk_raw' "
            "and table_name like 'contacts%' and table_name not like 'contacts\\_%\\_list%' escape '\\' "
            "order by 1").fetchall()]
        out = {"contacts": con.execute(f"select {columns('contacts')} from freshdesk_raw.contacts t order by all"
                                       ).fetchall()}
        for table in tables:
            if table.startswith("contacts__"):
                out[table] = con.execute(
                    f"select p.id, {columns(table)} from freshdesk_raw.{table} t join freshdesk_raw.contacts p "
                    "on t._dlt_parent_id = p._dlt_id order by all").fetchall()
        return out


def test_a_whole_contact_list_row_is_loaded_without_its_view(tmp_path):
    whole, spent = _load(Realism.kind(), tmp_path / "whole.duckdb")
    slim, _ = _load(dataclasses.replace(Realism.kind(), contact_list_slim=True), tmp_path / "slim.duckdb")
    listed = [whole.contact_record(i) for state in (None, "deleted", "blocked") for i in whole.contact_ids(state)]
    need_view = [c for c in listed if not list_row_is_view(c, c.get("deleted", False))]
    assert 0 < len(need_view) < len(listed)  # contacts with other companies (bare ids in the list) only
    assert spent.by_route["contact"] == len(need_view)
    assert _contact_rows(tmp_path / "whole.duckdb") == _contact_rows(tmp_path / "slim.duckdb")
    assert sum(perfect_credits(whole).values()) <= spent.credits_used
