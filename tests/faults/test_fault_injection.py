"""A load through 5xx answers, 429 storms, dropped connections, truncated bodies and latency
spikes ends with the same published tables as a fault-free load."""

from __future__ import annotations

from load.sandbox import FaultConfig
from tests.conftest import dbt_build, table_checksums
from tests.faults.conftest import cli_load, raw_checksums, sandbox

FAULTS = FaultConfig(error_rate=0.08, storm_rate=0.03, storm_length=3, drop_rate=0.05, truncate_rate=0.05,
                     spike_rate=0.05, spike_ms=400, seed=3)


def test_faulty_load_publishes_the_same_tables(reference, tmp_path):
    work_db = tmp_path / "work.duckdb"
    with sandbox(FAULTS) as server:
        result = cli_load(server, work_db)
        faults = dict(server.stats.faults)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {"error", "storm", "drop", "truncate"} <= set(faults), faults  # every kind was served
    assert raw_checksums(work_db) == reference.raw
    dbt_build(work_db, tmp_path / "dbt")
    assert table_checksums(work_db) == reference.published
