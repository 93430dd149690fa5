"""Benchmarks: `python -m load.bench` (the loader and dbt, `run`) and `python -m load.bench.sandbox`
(the sandbox's own throughput)."""
