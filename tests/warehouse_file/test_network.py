"""Nothing phones home: a load and a transform reach the configured Freshdesk (here the sandbox on
loopback) and the warehouse file, and nothing else; usage reporting is off unless the user turns it on."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.warehouse_file.build import cli_env

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _remote(lines: list[str]) -> list[str]:
    """The audit's lines that look up or connect to anything off this machine."""
    out = []
    for line in lines:
        _, what, *rest = line.split()
        if what in ("resolve", "connect") and rest[0] not in LOOPBACK:
            out.append(line)
    return out


def test_a_load_and_a_transform_reach_nothing_but_the_sandbox(warehouse):
    connects = [line for line in warehouse.network if line.split()[1] == "connect"]
    assert len(connects) >= 10, f"the audit saw too little to prove anything: {warehouse.network}"
    assert _remote(warehouse.network) == []
    assert "dbt build:" in warehouse.transform_output  # the transform ran under the audit too


def test_the_audit_sees_dlt_telemetry_when_the_user_turns_it_on(tmp_path):
    """The same audit, on a one-row dlt pipeline with `RUNTIME__DLTHUB_TELEMETRY=true`: dlt looks up
    its telemetry service (this machine has no route to it), and the audit says so. Without the
    switch, the project's configuration keeps the same pipeline quiet."""
    script = ("import sys; from load.config import telemetry_off_unless_asked; telemetry_off_unless_asked(); "
              "import dlt; p = dlt.pipeline(pipeline_name='netaudit', pipelines_dir=sys.argv[2], "
              "destination=dlt.destinations.duckdb(sys.argv[1])); p.run([{'id': 1}], table_name='one')")
    seen = {}
    for switch in ("true", None):
        audit_log = tmp_path / f"network-{switch}.log"
        env = cli_env(tmp_path, audit_log)
        if switch:
            env["RUNTIME__DLTHUB_TELEMETRY"] = switch
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{switch}.duckdb"),
                                 str(tmp_path / f"{switch}.dlt")], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        seen[switch] = _remote(audit_log.read_text().splitlines() if audit_log.exists() else [])
    assert any("telemetry" in line for line in seen["true"]), seen["true"]
    assert seen[None] == []
