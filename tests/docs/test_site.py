"""The docs site `make docs` builds: its ERD names every published table and draws every foreign
key that a `relationships` test checks; the overview shows the diagrams; every model page has its
descriptions and tests; no secret reaches the site."""

from __future__ import annotations

import json
import os
import pathlib
import xml.etree.ElementTree as ET

import pytest

from load.warehouse.docs import ERD_FILES, build_site
from tests.conftest import ROOT

SECRET = "sentinel-api-key-5f0c1e"  # set in the build's environment, must appear nowhere in the site


@pytest.fixture(scope="module")
def site(warehouse, tmp_path_factory) -> pathlib.Path:
    tmp = tmp_path_factory.mktemp("docs")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRESHDESK_")}
    env.update(FRESHDESK_WORK_DB=str(warehouse.work_db), FRESHDESK_API_KEY=SECRET, FRESHDESK_DOMAIN="sandbox")
    site_dir = tmp / "site"
    build_site(site_dir, project_dir=ROOT / "dbt_project", profiles_dir=ROOT, target_path=tmp / "target", env=env,
               project_assets=False)
    return site_dir


@pytest.fixture(scope="module")
def manifest(site) -> dict:
    return json.loads((site / "manifest.json").read_text())


def published_models(manifest) -> dict[str, dict]:
    return {uid: n for uid, n in manifest["nodes"].items()
            if n["resource_type"] == "model" and n["schema"] == "freshdesk"}


def foreign_keys_under_test(manifest) -> set[tuple[str, str, str, str]]:
    """(table, column, referenced table, referenced column) of every relationships test, read from
    the manifest directly (not through dbterd, which drew the diagram)."""
    models = published_models(manifest)
    keys = set()
    for test in manifest["nodes"].values():
        meta = test.get("test_metadata") or {}
        if test["resource_type"] != "test" or meta.get("name") != "relationships":
            continue
        source = test["attached_node"]
        if source not in models:
            continue
        (target,) = [uid for uid in test["depends_on"]["nodes"] if uid != source] or [source]
        keys.add((models[source]["alias"], meta["kwargs"]["column_name"].strip('"'), models[target]["alias"],
                  meta["kwargs"]["field"].strip('"')))
    return keys


def svg_ids(path: pathlib.Path, kind: str) -> dict[str, str]:
    """`{id: text}` of the SVG's groups of class `kind` (node or edge)."""
    ns = {"svg": "http://www.w3.org/2000/svg"}
    root = ET.parse(path).getroot()
    return {g.get("id"): " ".join(t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text"))
            for g in root.iterfind(".//svg:g", ns) if g.get("class") == kind}


@pytest.mark.parametrize("variant", list(ERD_FILES))
def test_erd_names_every_table_and_draws_every_tested_foreign_key(site, manifest, variant):
    svg = site / "assets" / f"{ERD_FILES[variant]}.svg"
    tables = {n["alias"] for n in published_models(manifest).values()}
    assert len(tables) == 29
    nodes = svg_ids(svg, "node")
    assert set(nodes) == {f"table__{t}" for t in tables}
    assert all(nodes[f"table__{t}"].split()[0] == t for t in tables), "each box is titled with its table"

    expected = foreign_keys_under_test(manifest)
    assert len(expected) >= 59
    edges = set(svg_ids(svg, "edge"))
    assert edges == {f"fk__{t}__{c}__{rt}__{rc}" for t, c, rt, rc in expected}


def test_keys_diagram_shows_keys_only_and_full_diagram_every_column(site):
    keys = svg_ids(site / "assets" / "erd-keys.svg", "node")["table__Ticket"]
    full = svg_ids(site / "assets" / "erd-full.svg", "node")["table__Ticket"]
    assert "ResponderID" in keys and "Subject" not in keys
    assert "Subject" in full and "varchar" in full


def test_overview_shows_both_diagrams_clickable_and_the_freshness(site, manifest):
    overview = manifest["docs"]["doc.freshdesk_warehouse.__overview__"]["block_contents"]
    keys, full = "assets/erd-keys.svg", "assets/erd-full.svg"
    assert "[![" in overview and f"]({keys})]({keys})" in overview and f"]({full})]({full})" in overview
    assert overview.index(keys) < overview.index(full)
    assert "(assets/freshness.svg)" in overview
    assert "Data loaded 20" in (site / "assets" / "freshness.svg").read_text()
    for page in ("index.html", "static_index.html", "catalog.json"):
        assert (site / page).exists()


def test_every_model_page_has_descriptions_and_tests(site, manifest):
    catalog = json.loads((site / "catalog.json").read_text())
    tested = {n["attached_node"] for n in manifest["nodes"].values() if n["resource_type"] == "test"}
    for uid, model in published_models(manifest).items():
        assert model["description"].strip(), uid
        assert uid in tested, uid
        built = catalog["nodes"][uid]["columns"]
        documented = {name.lower(): c["description"].strip() for name, c in model["columns"].items()}
        assert {c.lower() for c in built} == set(documented), uid
        assert all(documented.values()), uid


def test_site_holds_no_secret(site):
    for path in site.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), path


def test_every_key_is_unique_tested_and_not_null_enforced(manifest, warehouse):
    """RemoteID and ID are `unique`-tested; they, every parent RemoteID and IsDeleted carry an enforced
    `not_null` constraint (the database refuses a null at build time, so no separate test runs)."""
    import duckdb

    unique = {(t["attached_node"], t["column_name"].strip('"')) for t in manifest["nodes"].values()
              if t["resource_type"] == "test" and (t.get("test_metadata") or {}).get("name") == "unique"}
    with duckdb.connect(str(warehouse.work_db), read_only=True) as con:
        nullable = dict(((t, c), n) for t, c, n in con.execute(
            "select table_name, column_name, is_nullable from information_schema.columns "
            "where table_schema = 'freshdesk'").fetchall())
    for uid, model in published_models(manifest).items():
        assert model["config"]["contract"]["enforced"], uid
        assert (uid, "RemoteID") in unique, uid
        for name, column in model["columns"].items():
            constrained = any(c["type"] == "not_null" for c in column.get("constraints", []))
            must = name in ("RemoteID", "ID", "IsDeleted") or (name.endswith("RemoteID") and name != "MirrorRemoteID")
            if name == "ID":
                assert (uid, "ID") in unique, uid
            if must:
                assert constrained, (uid, name)
            assert nullable[(model["alias"], name)] == ("NO" if constrained else "YES"), (uid, name)
