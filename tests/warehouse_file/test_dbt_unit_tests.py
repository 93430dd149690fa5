"""dbt's unit tests: the models' logic on fixed inputs. They need the models they read built (dbt
takes the input columns' types from the warehouse), so they run once, on the tiny warehouse."""

import json

from tests.conftest import run_dbt


def test_dbt_unit_tests(warehouse, tmp_path):
    manifest = json.loads((warehouse.dbt_target / "manifest.json").read_text())
    results = run_dbt(tmp_path, warehouse.work_db, "test", "--select", "test_type:unit")
    assert sorted(r.node.unique_id for r in results) == sorted(manifest["unit_tests"])
    assert len(results) >= 14
