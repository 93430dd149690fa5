"""A row-level ground-truth oracle for the published tables, built from the sandbox account.

- `served.py`: what a full read of the account's API returns now (extend it when the sandbox
  learns a behaviour);
- `expected.py`: `ExpectedWarehouse`, the rows of the 29 tables after the loads observed so far;
- `compare.py`: `compare(duckdb_file, expected)`, the differences per table and column;
- `contract.py`: the contract (`dbt_project/contract/entities.csv`).

    expected = ExpectedWarehouse(mirror_remote_id=7).observe(account)   # after each load
    assert compare(work_db, expected.tables()) == {}
"""

from .compare import compare, describe
from .expected import ExpectedWarehouse, expected_tables

__all__ = ["ExpectedWarehouse", "compare", "describe", "expected_tables"]
