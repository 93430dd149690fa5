"""The docs site `make docs` builds: its ERD names every published table and draws every foreign
key that a `relationships` test checks; the overview shows the diagrams; every model page has its
descriptions and tests; no secret reaches the site."""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import xml.etree.ElementTree as ET

import pytest

from load.warehouse.docs import DESCRIPTION_CELL, ERD_KEYS_FILE, ERD_PARTS, Table, build_site, erd_parts, read_erd
from tests.conftest import ROOT

SECRET = "sentinel-api-key-5f0c1e"  # set in the build's environment, must appear nowhere in the site


@pytest.fixture(scope="module")
def site(warehouse, tmp_path_factory) -> pathlib.Path:
    tmp = tmp_path_factory.mktemp("docs")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRESHDESK_")}
    env.update(FRESHDESK_WORK_DB=str(warehouse.work_db), FRESHDESK_API_KEY=SECRET, FRESHDESK_DOMAIN="sandbox")
    site_dir = tmp / "site"
    build_site(site_dir, project_dir=ROOT / "dbt_project", profiles_dir=ROOT, target_path=tmp / "target", env=env,
               project_assets=False, log_dir=tmp / "logs")
    return site_dir


@pytest.fixture(scope="module")
def manifest(site) -> dict:
    return json.loads((site / "manifest.json").read_text())


def published_models(manifest) -> dict[str, dict]:
    """The published models of the site's manifest, where each is named as its table (`Ticket`)."""
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
        keys.add((models[source]["name"], meta["kwargs"]["column_name"].strip('"'), models[target]["name"],
                  meta["kwargs"]["field"].strip('"')))
    return keys


def svg_ids(path: pathlib.Path, kind: str) -> dict[str, str]:
    """`{id: text}` of the SVG's groups of class `kind` (node or edge)."""
    ns = {"svg": "http://www.w3.org/2000/svg"}
    root = ET.parse(path).getroot()
    return {g.get("id"): " ".join(t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text"))
            for g in root.iterfind(".//svg:g", ns) if g.get("class") == kind}


def svg_size_pt(path: pathlib.Path) -> tuple[float, float]:
    root = ET.parse(path).getroot()
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


def test_keys_erd_names_every_table_and_draws_every_tested_foreign_key(site, manifest):
    svg = site / "assets" / f"{ERD_KEYS_FILE}.svg"
    tables = {n["name"] for n in published_models(manifest).values()}
    assert len(tables) == 29
    nodes = svg_ids(svg, "node")
    assert set(nodes) == {f"table__{t}" for t in tables}
    assert all(nodes[f"table__{t}"].split()[0] == t for t in tables), "each box is titled with its table"

    expected = foreign_keys_under_test(manifest)
    assert len(expected) >= 59
    edges = set(svg_ids(svg, "edge"))
    assert edges == {f"fk__{t}__{c}__{rt}__{rc}" for t, c, rt, rc in expected}


def test_every_column_erd_is_in_parts_that_hold_every_table_once_and_every_foreign_key(site, manifest):
    """Each table is drawn with every column in exactly one part; each part draws the foreign keys of
    its tables, the tables they reach in other parts as grey boxes (`ref__`) with the referenced key."""
    tables = {n["name"] for n in published_models(manifest).values()}
    expected = foreign_keys_under_test(manifest)
    drawn, drawn_edges = [], set()
    parts = sorted(site.joinpath("assets").glob("erd-*.svg"))
    assert {p.stem for p in parts} == {ERD_KEYS_FILE} | {stem for stem, _, _ in ERD_PARTS}, "no stale file, no Other"
    for svg in parts:
        if svg.stem == ERD_KEYS_FILE:
            continue
        nodes = svg_ids(svg, "node")
        members = {n.removeprefix("table__") for n in nodes if n.startswith("table__")}
        refs = {n.removeprefix("ref__") for n in nodes if n.startswith("ref__")}
        drawn += members
        edges = set(svg_ids(svg, "edge"))
        assert edges == {f"fk__{t}__{c}__{rt}__{rc}" for t, c, rt, rc in expected if t in members}, svg.name
        assert refs == {rt for t, _, rt, _ in expected if t in members and rt not in members}, svg.name
        for t, _, rt, rc in expected:
            if t in members and rt in refs:
                assert rc in nodes[f"ref__{rt}"].split(), (svg.name, rt, rc)
        drawn_edges |= edges
    assert sorted(drawn) == sorted(tables), "every table in exactly one part"
    assert drawn_edges == {f"fk__{t}__{c}__{rt}__{rc}" for t, c, rt, rc in expected}


def test_every_column_erd_parts_read_at_page_width(site):
    """The docs page is about 1,000 px wide: a part at most 950 pt (1,270 px) wide shows its 11 pt
    text at 8 pt or more there. The one diagram of every column was 2,240 pt wide."""
    for stem, _, _ in ERD_PARTS:
        width, _ = svg_size_pt(site / "assets" / f"{stem}.svg")
        assert width <= 950, (stem, width)


def test_parts_are_assigned_by_longest_prefix_and_a_new_table_lands_in_other_tables(site):
    erd = read_erd(site.parent / "target")
    parts = {stem: members for stem, _, members in erd_parts(erd)}
    assert "TicketConversationAttachment" in parts["erd-conversations"] and "TicketTag" in parts["erd-tickets"]
    assert "erd-other" not in parts
    extra = dataclasses.replace(erd, tables=(*erd.tables, Table(name="Survey", columns=())))
    assert dict((s, m) for s, _, m in erd_parts(extra))["erd-other"] == ("Survey",)


def test_keys_diagram_shows_keys_only_and_parts_every_column(site):
    keys = svg_ids(site / "assets" / "erd-keys.svg", "node")["table__Ticket"]
    full = svg_ids(site / "assets" / "erd-tickets.svg", "node")["table__Ticket"]
    assert "ResponderID" in keys and "Subject" not in keys
    assert "Subject" in full and "varchar" in full


def test_overview_shows_the_diagrams_clickable_in_order_and_the_stamp(site, manifest):
    overview = manifest["docs"]["doc.freshdesk_warehouse.__overview__"]["block_contents"]
    files = [f"assets/{ERD_KEYS_FILE}.svg"] + [f"assets/{stem}.svg" for stem, _, _ in ERD_PARTS]
    assert "[![" in overview
    positions = []
    for file in files:
        assert f"]({file})]({file})" in overview, file
        positions.append(overview.index(file))
    assert positions == sorted(positions)
    assert "(assets/freshness.svg)" in overview
    stamp = (site / "assets" / "freshness.svg").read_text()
    assert "This site was built 20" in stamp and "from data loaded 20" in stamp and "make docs" in stamp
    for page in ("index.html", "static_index.html", "catalog.json"):
        assert (site / page).exists()


def test_model_pages_are_titled_and_located_as_analysts_query_them(site, manifest):
    """A published model's page is titled with its table's name and shows the published file's
    relation (catalog `freshdesk`, as DuckDB names the file `freshdesk.duckdb`), in both pages."""
    catalog = json.loads((site / "catalog.json").read_text())
    models = published_models(manifest)
    ticket = models["model.freshdesk_warehouse.ticket_conversation"]
    assert ticket["name"] == "TicketConversation"
    assert ticket["relation_name"] == 'freshdesk.freshdesk."TicketConversation"'
    # the page shows database.schema.alias
    assert f'{ticket["database"]}.{ticket["schema"]}.{ticket["alias"]}' == 'freshdesk.freshdesk."TicketConversation"'
    assert catalog["nodes"]["model.freshdesk_warehouse.ticket_conversation"]["metadata"]["database"] == "freshdesk"
    assert all(m["name"][0].isupper() and m["database"] == "freshdesk" for m in models.values())
    static = (site / "static_index.html").read_text()
    assert "MANIFEST.JSON INLINE DATA" not in static and "CATALOG.JSON INLINE DATA" not in static
    assert json.dumps(ticket["relation_name"]) in static
    assert json.dumps('work.freshdesk."TicketConversation"') not in static


def test_column_descriptions_are_not_cut_to_one_line(site):
    for page in ("index.html", "static_index.html"):
        text = (site / page).read_text()
        assert DESCRIPTION_CELL not in text, page
        assert "-webkit-line-clamp: 3" in text.split("{{ column.description }}")[0][-400:], page


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
            assert nullable[(model["name"], name)] == ("NO" if constrained else "YES"), (uid, name)
