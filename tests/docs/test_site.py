"""The docs site `make docs` builds: its ERD names every published table and draws every foreign
key that a `relationships` test checks; the overview shows the diagrams; every model page has its
descriptions and tests; no secret reaches the site."""

from __future__ import annotations

import dataclasses
import json
import pathlib
import re
import xml.etree.ElementTree as ET

from load.sandbox.server import api_keys
from load.warehouse.docs import (
    DESCRIPTION_CELL,
    ERD_AREAS,
    ERD_OVERVIEW_FILE,
    ERD_PARTS,
    Table,
    erd_parts,
    read_erd,
    replace_site,
)
from tests.docs.conftest import SECRET, published_models
from tests.warehouse_file.build import SEED as TINY_SEED


def test_a_new_site_replaces_the_old_but_keeps_the_report(tmp_path):
    """A docs build replaces the site whole, but keeps `make report`'s page, which it does not build."""
    old, new = tmp_path / "site", tmp_path / "site.building"
    old.mkdir()
    new.mkdir()
    (old / "report.html").write_text("the report")
    (old / "stale.html").write_text("from an older build")
    (new / "index.html").write_text("new")
    replace_site(new, old)
    assert sorted(p.name for p in old.iterdir()) == ["index.html", "report.html"]
    assert (old / "report.html").read_text() == "the report" and not new.exists()


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


SVG, XLINK = "{http://www.w3.org/2000/svg}", "{http://www.w3.org/1999/xlink}"  # ElementTree's tag prefixes


def svg_ids(path: pathlib.Path, kind: str) -> dict[str, str]:
    """`{id: text}` of the SVG's groups of class `kind` (node or edge)."""
    ns = {"svg": "http://www.w3.org/2000/svg"}
    root = ET.parse(path).getroot()
    return {g.get("id"): " ".join(t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text"))
            for g in root.iterfind(".//svg:g", ns) if g.get("class") == kind}


def svg_size_pt(path: pathlib.Path) -> tuple[float, float]:
    root = ET.parse(path).getroot()
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


def svg_box(group: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the points of an SVG group's shapes and texts."""
    xs, ys = [], []
    for element in group.iter():
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.get("d") or element.get("points") or "")]
        xs += numbers[0::2]
        ys += numbers[1::2]
        if element.tag == f"{SVG}text":
            xs.append(float(element.get("x")))
            ys.append(float(element.get("y")))
    return min(xs), min(ys), max(xs), max(ys)


def test_overview_erd_draws_each_table_in_its_area_and_each_reference_inside_the_area(site, manifest):
    """The overview: each table once, in the area (cluster) its name gives it; one arrow per table and
    table it references, naming the foreign keys; a table of another area drawn again in the area,
    so that no arrow leaves its area; at page width."""
    svg = site / "assets" / f"{ERD_OVERVIEW_FILE}.svg"
    root = ET.parse(svg).getroot()
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") in ("node", "edge", "cluster")}
    areas = {i.removeprefix("area__"): svg_box(g) for i, g in groups.items() if i.startswith("area__")}

    def inside(inner: tuple, outer: tuple) -> bool:
        return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]

    def area_of(node_id: str) -> str:
        (area,) = [area for area, box in areas.items() if inside(svg_box(groups[node_id]), box)]
        return area

    tables = {n["name"] for n in published_models(manifest).values()}
    assert {i.removeprefix("table__") for i in groups if i.startswith("table__")} == tables
    expected_area = {t: max((len(p), a) for a, _, prefixes in ERD_AREAS for p in prefixes if t.startswith(p))[1]
                     for t in tables}
    assert {t: area_of(f"table__{t}") for t in tables} == expected_area

    references = {}
    for t, c, rt, rc in foreign_keys_under_test(manifest):
        references.setdefault((t, rt), []).append((c, rc))
    assert {i for i in groups if i.startswith("references__")} == {f"references__{t}__{rt}" for t, rt in references}
    stubs = {(a, t) for a, t in (i.removeprefix("ref__").split("__") for i in groups if i.startswith("ref__"))}
    assert stubs == {(expected_area[t], rt) for t, rt in references if expected_area[rt] != expected_area[t]}
    assert all(area_of(f"ref__{a}__{t}") == a for a, t in stubs)
    for (t, rt), columns in references.items():
        edge = groups[f"references__{t}__{rt}"]
        assert inside(svg_box(edge), areas[expected_area[t]]), f"{t} -> {rt} leaves its area"
        tooltip = " ".join(a.get(f"{XLINK}title") or "" for a in edge.iter(f"{SVG}a"))
        assert all(f"{c} -> {rc}" in tooltip for c, rc in columns), (t, rt, tooltip)
    assert svg_size_pt(svg)[0] <= 950


def test_every_column_erd_is_in_parts_that_hold_every_table_once_and_every_foreign_key(site, manifest):
    """Each table is drawn with every column in exactly one part; each part draws the foreign keys of
    its tables, the tables they reach in other parts as grey boxes (`ref__`) with the referenced key."""
    tables = {n["name"] for n in published_models(manifest).values()}
    expected = foreign_keys_under_test(manifest)
    drawn, drawn_edges = [], set()
    parts = sorted(site.joinpath("assets").glob("erd-*.svg"))
    assert {p.stem for p in parts} == {ERD_OVERVIEW_FILE} | {stem for stem, _, _ in ERD_PARTS}, "no stale file"
    for svg in parts:
        if svg.stem == ERD_OVERVIEW_FILE:
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


def test_parts_show_every_column_with_its_type(site):
    full = svg_ids(site / "assets" / "erd-tickets.svg", "node")["table__Ticket"]
    assert "Subject" in full and "varchar" in full


def test_overview_shows_the_diagrams_clickable_in_order_and_the_stamp(site, manifest):
    overview = manifest["docs"]["doc.freshdesk_warehouse.__overview__"]["block_contents"]
    files = [f"assets/{ERD_OVERVIEW_FILE}.svg"] + [f"assets/{stem}.svg" for stem, _, _ in ERD_PARTS]
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
    metrics = published_models(manifest, ("freshdesk_metrics",))["model.freshdesk_warehouse.ticket_metrics"]
    assert metrics["name"] == "TicketMetrics"
    assert metrics["relation_name"] == 'freshdesk.freshdesk_metrics."TicketMetrics"'
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
    """Neither the key in the docs build's environment nor the keys of the account the warehouse
    was loaded from (`tests/faults/test_api_key.py` looks for the key everywhere else)."""
    keys = (SECRET, *api_keys(TINY_SEED))
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert not [k for k in keys if k in text], path


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


def test_docs_site_describes_every_metrics_table_and_column(site, manifest):
    """The metrics models have a page each, every built column described (the tiny warehouse's
    transform builds them too)."""
    catalog = json.loads((site / "catalog.json").read_text())
    models = {n["name"]: (uid, n) for uid, n in manifest["nodes"].items()
              if n["resource_type"] == "model" and n["schema"] == "freshdesk_metrics"}
    assert set(models) == {"TicketMetrics", "GroupDailyMetrics", "AgentDailyMetrics"}
    for alias, (uid, model) in models.items():
        assert model["description"].strip(), alias
        built = {c.lower() for c in catalog["nodes"][uid]["columns"]}
        described = {name.lower() for name, c in model["columns"].items() if c["description"].strip()}
        assert built == described, alias
    overview = next(d for d in manifest["docs"].values() if d["name"] == "__overview__")
    assert "freshdesk_metrics" in overview["block_contents"], "the overview page points to the metrics"
