"""The docs site (`make docs`) has a page for every metrics model, every built column described."""

from __future__ import annotations

import json
import os

from load.warehouse.docs import build_site
from tests.conftest import ROOT

METRICS = {"TicketMetrics", "GroupDailyMetrics", "AgentDailyMetrics"}


def test_docs_site_describes_every_metrics_table_and_column(metrics_warehouse, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRESHDESK_")}
    env.update(FRESHDESK_WORK_DB=str(metrics_warehouse.work_db))
    site = tmp_path / "site"
    build_site(site, project_dir=ROOT / "dbt_project", profiles_dir=ROOT, target_path=tmp_path / "target", env=env,
               project_assets=False)
    manifest = json.loads((site / "manifest.json").read_text())
    catalog = json.loads((site / "catalog.json").read_text())
    models = {n["name"]: (uid, n) for uid, n in manifest["nodes"].items()
              if n["resource_type"] == "model" and n["schema"] == "freshdesk_metrics"}
    assert set(models) == METRICS
    for alias, (uid, model) in models.items():
        assert model["description"].strip(), alias
        built = {c.lower() for c in catalog["nodes"][uid]["columns"]}
        described = {name.lower() for name, c in model["columns"].items() if c["description"].strip()}
        assert built == described, alias
    overview = next(d for d in manifest["docs"].values() if d["name"] == "__overview__")
    assert "freshdesk_metrics" in overview["block_contents"], "the overview page points to the metrics"
