"""dbt's unit tests: the models' logic on fixed inputs. They need the models they read built (dbt
takes the input columns' types from the warehouse), so they run once, on a copy of the tiny
warehouse (dbt opens its database for writing; other test workers read the warehouse meanwhile)."""

import json
import shutil

from tests.conftest import run_dbt


def test_dbt_unit_tests(warehouse, tmp_path):
    manifest = json.loads((warehouse.dbt_target / "manifest.json").read_text())
    work_db = tmp_path / warehouse.work_db.name
    shutil.copy(warehouse.work_db, work_db)
    results = run_dbt(tmp_path, work_db, "test", "--select", "test_type:unit")
    assert sorted(r.node.unique_id for r in results) == sorted(manifest["unit_tests"])
    assert len(results) >= 14
