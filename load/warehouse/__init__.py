"""What runs after a load: dbt against the configured warehouse (`dbt`), the atomic publish of the
DuckDB warehouse (`publish`), the docs site with its ERD (`docs`) and a read-only SQL shell (`shell`).

`python -m load.warehouse [--publish] <command...>` runs a command (dbt) against the warehouse.
"""
