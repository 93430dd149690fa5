import json
import os
import pathlib
import shutil

import pytest

from load.warehouse.docs import build_site
from tests.conftest import ROOT

SECRET = "sentinel-api-key-5f0c1e"  # set in the build's environment, must appear nowhere in the site


@pytest.fixture(scope="session")
def site(warehouse, tmp_path_factory) -> pathlib.Path:
    """The docs site of the tiny warehouse, built once for the session (the site's and the browser's
    tests), from a copy of its work database: dbt opens the database it documents for writing, and the
    warehouse's own files are read by other test workers at the same time."""
    tmp = tmp_path_factory.mktemp("docs")
    work_db = shutil.copy(warehouse.work_db, tmp / warehouse.work_db.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRESHDESK_")}
    env.update(FRESHDESK_WORK_DB=str(work_db), FRESHDESK_API_KEY=SECRET, FRESHDESK_DOMAIN="sandbox")
    site_dir = tmp / "site"
    build_site(site_dir, project_dir=ROOT / "dbt_project", profiles_dir=ROOT, target_path=tmp / "target", env=env,
               project_assets=False, log_dir=tmp / "logs")
    return site_dir


@pytest.fixture(scope="session")
def manifest(site) -> dict:
    return json.loads((site / "manifest.json").read_text())


def published_models(manifest: dict, schemas: tuple[str, ...] = ("freshdesk",)) -> dict[str, dict]:
    """The published models of the site's manifest (the 29 tables; `schemas` for the metrics too),
    where each is named as its table (`Ticket`)."""
    return {uid: n for uid, n in manifest["nodes"].items()
            if n["resource_type"] == "model" and n["schema"] in schemas}
