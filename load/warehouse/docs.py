"""Build the dbt docs site with the warehouse's entity relationship diagram.

`dbt docs generate` writes the manifest and the catalog; dbterd reads them and finds every foreign
key from the `relationships` tests of the published models (schema `freshdesk`); this module turns
that into Graphviz diagrams (an overview of the tables by area, then every column in parts),
renders them to SVG into the project's asset folder and the site, and copies the site's files into
one folder that any static web server (or `make serve-docs`) can serve. Nothing in the diagram is
drawn by hand: it is rebuilt from the tests on every build.

The renderer is `graphviz-pure` (a Graphviz port installed from PyPI, same layout on every
platform); a system Graphviz `dot` is used only when graphviz-pure is missing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import html
import json
import logging
import os
import pathlib
import shutil
import subprocess
import sys

from load import paths
from load.settings import SettingsError
from load.warehouse.dbt import NotReady, count_tables, require_writable, warehouse_env
from load.warehouse.publish import SCHEMAS

log = logging.getLogger("freshdesk.docs")

ROOT = pathlib.Path(__file__).resolve().parents[2]
PUBLISHED_SCHEMA = "freshdesk"
ERD_OVERVIEW_FILE = "erd-overview"
# The overview's areas, top to bottom: (cluster id, title, table-name prefixes), a table in the area
# of its longest matching prefix, and in a last area, "Other tables", when none matches.
ERD_AREAS = (
    ("tickets", "Tickets, conversations and time entries", ("Ticket", "TimeEntry")),
    ("customers", "Contacts and companies", ("Contact", "Company")),
    ("team", "Agents, groups, roles, products and mailboxes", ("Agent", "Group", "Role", "Product", "EmailMailbox")),
    ("sla", "SLA policies", ("SLAPolicy",)),
)
ERD_AREA_OTHER = ("other", "Other tables")
# each area's (line, fill) colours
AREA_COLORS = {"tickets": ("#1f3b57", "#e8f1fb"), "customers": ("#2f5d34", "#eef7ee"),
               "team": ("#8a5a14", "#fdf3e6"), "sla": ("#5b3a7a", "#f4eefa"), "other": ("#52606d", "#f5f7fa")}
# The every-column diagram in parts that read at page width: (file stem, title, table-name prefixes).
# A table belongs to the part with its longest matching prefix; a table no prefix matches goes to
# a last part, "Other tables", so a new table is never left out.
ERD_PARTS = (
    ("erd-tickets", "Tickets and time entries", ("Ticket", "TimeEntry")),
    ("erd-conversations", "Conversations", ("TicketConversation",)),
    ("erd-contacts", "Contacts and companies", ("Contact", "Company")),
    ("erd-agents", "Agents, groups, roles, products and mailboxes",
     ("Agent", "Group", "Role", "Product", "EmailMailbox")),
    ("erd-sla", "SLA policies", ("SLAPolicy",)),
)
ERD_OTHER = ("erd-other", "Other tables")
FRESHNESS_FILE = "freshness.svg"


@dataclasses.dataclass(frozen=True)
class ForeignKey:
    table: str
    column: str
    to_table: str
    to_column: str

    @property
    def element_id(self) -> str:
        """The SVG id of the edge drawn for this key (what the ERD test looks for)."""
        return f"fk__{self.table}__{self.column}__{self.to_table}__{self.to_column}"


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    is_key: bool  # a unique-tested column (ID, RemoteID)


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]


@dataclasses.dataclass(frozen=True)
class Erd:
    tables: tuple[Table, ...]
    foreign_keys: tuple[ForeignKey, ...]


def read_erd(artifacts_dir: pathlib.Path, schema: str = PUBLISHED_SCHEMA) -> Erd:
    """The published tables and their tested foreign keys, from dbt's manifest and catalog via dbterd.

    dbterd lower-cases names; the documented PascalCase ones are taken back from the manifest.
    """
    from dbterd.api import DbtErd  # slow import (dbt artifacts schemas): only when building

    # schema selection is a prefix match: drop freshdesk_staging / freshdesk_intermediate
    payload = json.loads(DbtErd(artifacts_dir=str(artifacts_dir), target="json", select=[f"schema:{schema}"],
                                exclude=[f"schema:{schema}_"]).get_erd())
    manifest = json.loads((artifacts_dir / "manifest.json").read_text())
    nodes = manifest["nodes"]
    keys = {(test["attached_node"], test["column_name"].strip('"'))
            for test in nodes.values()
            if test["resource_type"] == "test" and (test.get("test_metadata") or {}).get("name") == "unique"
            and test.get("column_name")}

    def column_name(node_id: str, lowered: str) -> str:
        return next((c for c in nodes[node_id]["columns"] if c.lower() == lowered), lowered)

    published = {n["id"] for n in payload["nodes"] if n["schema_name"] == schema}
    alias = {node_id: nodes[node_id]["alias"] for node_id in published}
    tables = []
    for node in sorted(payload["nodes"], key=lambda n: alias.get(n["id"], "")):
        if node["id"] not in published:
            continue
        columns = []
        for col in node["columns"]:
            name = column_name(node["id"], col["name"])
            columns.append(Column(name=name, data_type=col["data_type"] or "", is_key=(node["id"], name) in keys))
        tables.append(Table(name=alias[node["id"]], columns=tuple(columns)))
    fks = sorted({
        ForeignKey(alias[e["from_id"]], column_name(e["from_id"], fc), alias[e["to_id"]], column_name(e["to_id"], tc))
        for e in payload["edges"] if e["from_id"] in published and e["to_id"] in published
        for fc, tc in zip(e["from_columns"], e["to_columns"], strict=True)
    }, key=dataclasses.astuple)
    return Erd(tables=tuple(tables), foreign_keys=tuple(fks))


def _grouped(erd: Erd, groups: tuple[tuple[str, str, tuple[str, ...]], ...], other: tuple[str, str]
             ) -> list[tuple[str, str, tuple[str, ...]]]:
    """`(key, title, table names)` of each of `groups` (`(key, title, table-name prefixes)`) that has a
    table: a table goes to the group with its longest matching prefix, else to `other`."""
    def group_of(table: str) -> str:
        matches = [(len(prefix), key) for key, _, prefixes in groups for prefix in prefixes
                   if table.startswith(prefix)]
        return max(matches)[1] if matches else other[0]

    every = [*groups, (*other, ())]
    members = {key: tuple(t.name for t in erd.tables if group_of(t.name) == key) for key, _, _ in every}
    return [(key, title, members[key]) for key, title, _ in every if members[key]]


def erd_parts(erd: Erd) -> list[tuple[str, str, tuple[str, ...]]]:
    """`(file stem, title, table names)` of each part of the every-column diagram (see `ERD_PARTS`)."""
    return _grouped(erd, ERD_PARTS, ERD_OTHER)


def overview_dot(erd: Erd) -> str:
    """Graphviz DOT of the overview: every table as a box in its area (`ERD_AREAS`), one arrow from a
    table to each table it references (for all of its foreign keys to it: by `ID` and by `RemoteID`),
    and a table of another area drawn again inside the area as a dashed grey box, so that no arrow
    leaves its area and the areas stack at page width."""
    references: dict[tuple[str, str], list[ForeignKey]] = {}
    for fk in erd.foreign_keys:
        references.setdefault((fk.table, fk.to_table), []).append(fk)
    lines = [
        "digraph erd {",
        f'  graph [rankdir=LR, ranksep=0.3, nodesep=0.1, fontname="Arial", fontsize=13, bgcolor="white", '
        f'id="{ERD_OVERVIEW_FILE}", tooltip="The {len(erd.tables)} tables by area"];',
        '  node [shape=box, style="rounded,filled", fillcolor="white", fontname="Arial", fontsize=11, height=0.28, '
        'margin="0.08,0.03"];',
        '  edge [color="#5b7083", arrowsize=0.6, penwidth=0.9];',
    ]
    # dot stacks unconnected clusters bottom-up in the order it reads them: the first area last
    for key, title, members in reversed(_grouped(erd, ERD_AREAS, ERD_AREA_OTHER)):
        line, fill = AREA_COLORS.get(key, AREA_COLORS["other"])
        lines.append(f'  subgraph cluster_{key} {{ id="area__{key}"; label="{html.escape(title)}"; '
                     f'style="rounded,filled"; color="{line}"; fillcolor="{fill}"; fontcolor="{line}"; margin=10;')
        lines += [f'    "{name}" [id="table__{name}", color="{line}", tooltip="{name}"];' for name in members]
        outside = sorted({to for table, to in references if table in members and to not in members})
        lines += [f'    "{key}:{name}" [id="ref__{key}__{name}", label="{name}", style="rounded,filled,dashed", '
                  f'fillcolor="#f0f0f0", color="#9aa7b4", fontcolor="#52606d", tooltip="{name} (in another area)"];'
                  for name in outside]
        for (table, to), fks in references.items():
            if table in members:
                columns = ", ".join(f"{fk.column} -> {fk.to_column}" for fk in fks)
                lines.append(f'    "{table}" -> "{to if to in members else f"{key}:{to}"}" '
                             f'[id="references__{table}__{to}", tooltip="{table} -> {to}: {columns}"];')
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def part_dot(erd: Erd, part: tuple[str, str, tuple[str, ...]]) -> str:
    """Graphviz DOT of a part of the every-column diagram: its tables with every column and type, and
    the tables their foreign keys reference outside the part as small grey boxes holding the key."""
    stem, title, members = part
    fk_columns = {(fk.table, fk.column) for fk in erd.foreign_keys}
    fks = [fk for fk in erd.foreign_keys if fk.table in members]
    referenced = {}
    for fk in fks:
        if fk.to_table not in members:
            referenced.setdefault(fk.to_table, []).append(fk.to_column)
    lines = [
        "digraph erd {",
        '  graph [rankdir=LR, ranksep=0.5, nodesep=0.2, fontname="Arial", '
        f'bgcolor="white", id="{stem}", tooltip="{html.escape(title)}"];',
        '  node [shape=plain, fontname="Arial", fontsize=11];',
        '  edge [color="#5b7083", arrowhead=normal, arrowsize=0.6, penwidth=0.9];',
    ]
    for table in erd.tables:
        if table.name in referenced:
            rows = "".join(f'<tr><td port="{_port("in", col)}" align="left">{_text(col, bold=True)}</td>'
                           f'<td align="right">{_text("PK", color="#a05a00")}</td></tr>'
                           for col in dict.fromkeys(referenced[table.name]))
            label = (f'<table border="1" cellborder="0" cellspacing="0" cellpadding="3" color="#9aa7b4">'
                     f'<tr><td colspan="2" bgcolor="#9aa7b4">{_text(table.name, color="white", size=11)}</td></tr>'
                     f'{rows}</table>')
            lines.append(f'  "{table.name}" [id="ref__{table.name}", tooltip="{table.name} (drawn in its own part)", '
                         f'label=<{label}>];')
            continue
        if table.name not in members:
            continue
        rows = []
        for col in table.columns:
            is_fk = (table.name, col.name) in fk_columns
            # an edge leaves a foreign key from its row's last cell and reaches a key at its first
            name = f'<td port="{_port("in", col.name)}" align="left">{_text(col.name, bold=col.is_key)}</td>'
            kind = f'<td align="left">{_text(_short_type(col.data_type), color="#5b7083")}</td>'
            mark = "PK" if col.is_key else ("FK" if is_fk else "")
            mark = f'<td port="{_port("out", col.name)}" align="right">{_text(mark, color="#a05a00")}</td>'
            rows.append(f"<tr>{name}{kind}{mark}</tr>")
        label = (f'<table border="1" cellborder="0" cellspacing="0" cellpadding="4" color="#1f3b57">'
                 f'<tr><td colspan="3" bgcolor="#1f3b57">{_text(table.name, color="white", size=12)}</td></tr>'
                 f'{"".join(rows)}</table>')
        lines.append(f'  "{table.name}" [id="table__{table.name}", tooltip="{table.name}", label=<{label}>];')
    for fk in fks:
        edge_title = f"{fk.table}.{fk.column} -> {fk.to_table}.{fk.to_column}"
        lines.append(f'  "{fk.table}":"{_port("out", fk.column)}":e -> "{fk.to_table}":"{_port("in", fk.to_column)}":w '
                     f'[id="{fk.element_id}", tooltip="{edge_title}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _short_type(data_type: str) -> str:
    """A column type as the diagram shows it: lower case, `timestamptz` for `timestamp with time zone`
    (DuckDB's and PostgreSQL's own short name), to keep the tables narrow."""
    return data_type.lower().replace("timestamp with time zone", "timestamptz")


def _port(side: str, column: str) -> str:
    return f"{side}_{column}"


def _text(text: str, bold: bool = False, color: str | None = None, size: int | None = None) -> str:
    """An HTML-label text run (Graphviz rejects empty <font> elements: empty text stays bare)."""
    out = html.escape(text)
    if bold and out:
        out = f"<b>{out}</b>"
    attrs = (f' color="{color}"' if color else "") + (f' point-size="{size}"' if size else "")
    return f"<font{attrs}>{out}</font>" if out and attrs else out


def renderer() -> list[str]:
    """The command that renders DOT to SVG: graphviz-pure from this environment, else a system `dot`."""
    here = pathlib.Path(sys.executable).parent / "graphviz-pure"
    for candidate in (str(here), shutil.which("graphviz-pure"), shutil.which("dot")):
        if candidate and pathlib.Path(candidate).exists():
            return [candidate]
    raise RuntimeError("no Graphviz renderer: `pip install graphviz-pure` (or install Graphviz)")


def render_svg(dot: str, out: pathlib.Path) -> None:
    """Render `dot` to the SVG file `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*renderer(), "-Tsvg", "-o", str(out)], input=dot, text=True, capture_output=True)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"rendering {out.name} failed: {result.stderr.strip()}")


def build_erd(artifacts_dir: pathlib.Path, asset_dirs: list[pathlib.Path]) -> Erd:
    """Write the overview (erd-overview.svg) and the every-column diagram in parts (`erd_parts`),
    with their .dot sources, into every folder of `asset_dirs`."""
    erd = read_erd(artifacts_dir)
    if not erd.tables:
        raise RuntimeError(f"no published models in {artifacts_dir / 'manifest.json'}")
    first, *others = asset_dirs
    diagrams = [(ERD_OVERVIEW_FILE, overview_dot(erd))]
    diagrams += [(part[0], part_dot(erd, part)) for part in erd_parts(erd)]
    for folder in asset_dirs:  # a diagram no longer drawn (a renamed part) must not linger in the site
        for old in folder.glob("erd-*.*") if folder.exists() else ():
            if old.stem not in dict(diagrams) and old.suffix in (".dot", ".svg"):
                old.unlink()
    first.mkdir(parents=True, exist_ok=True)
    for stem, dot in diagrams:
        (first / f"{stem}.dot").write_text(dot)
        render_svg(dot, first / f"{stem}.svg")
        for other in others:
            other.mkdir(parents=True, exist_ok=True)
            for suffix in (".dot", ".svg"):
                shutil.copyfile(first / f"{stem}{suffix}", other / f"{stem}{suffix}")
    return erd


def last_load(artifacts_dir: pathlib.Path, work_db: pathlib.Path) -> dt.datetime | None:
    """When the newest load ran: the newest `loaded_at_field` of the sources with a freshness check."""
    import duckdb

    manifest = json.loads((artifacts_dir / "manifest.json").read_text())
    checked = [(s["relation_name"], s["loaded_at_field"]) for s in manifest["sources"].values()
               if s.get("loaded_at_field")]
    if not checked or not work_db.exists():
        return None
    con = duckdb.connect(str(work_db), read_only=True)
    try:
        times = [con.execute(f'select max("{field}") from {relation}').fetchone()[0] for relation, field in checked]
    finally:
        con.close()
    times = [t for t in times if t is not None]
    return max(times) if times else None


def freshness_dot(loaded: dt.datetime | None, erd: Erd, built: dt.datetime) -> str:
    """A one-line stamp for the overview page: when the site was built, from data loaded when."""
    def fmt(t: dt.datetime) -> str:
        return t.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")

    # the site is not rebuilt by a load or a transform: the stamp says when it was, and from which load
    loaded_text = f"data loaded {fmt(loaded)}" if loaded else "the warehouse (dbt source freshness: when loaded)"
    text = (f"This site was built {fmt(built)} from {loaded_text} (newer loads: make docs)   |   "
            f"{len(erd.tables)} tables, {len(erd.foreign_keys)} foreign keys")
    return ('digraph freshness { graph [margin=0, bgcolor="white", id="freshness"]; '
            f'node [shape=box, style="rounded,filled", fillcolor="#eef3f8", color="#1f3b57", fontname="Arial", '
            f'fontsize=12, margin="0.15,0.06"]; stamp [label="{text}"]; }}\n')


def analyst_names(manifest: dict, catalog: dict, database: str, schemas: tuple[str, ...] = SCHEMAS) -> None:
    """Name and locate the published models as analysts query them, in the site's copies of the
    manifest and catalog (in place): each page titled with the table's name (`Ticket`, not the
    model's `ticket`), its relation the published one, as it runs pasted in `make shell`
    (`freshdesk.freshdesk."Ticket"`, `freshdesk.freshdesk_metrics."TicketMetrics"` in the published
    file, not the work database's). The models keep their names in the project."""
    for uid, node in manifest["nodes"].items():
        if node["resource_type"] != "model" or node["schema"] not in schemas:
            continue
        table, schema = node["alias"], node["schema"]
        node.update(name=table, database=database, alias=f'"{table}"',
                    relation_name=f'{database}.{schema}."{table}"')
        if uid in catalog["nodes"]:
            catalog["nodes"][uid]["metadata"]["database"] = database


# dbt's docs page truncates a column's description to the width left in one line (often ~10
# characters): shown instead are up to three lines of it, the whole text when the row is opened.
DESCRIPTION_CELL = '<td style="text-overflow: ellipsis; overflow-x: hidden; white-space: nowrap; max-width: 1px;">'
DESCRIPTION_CELL_READABLE = ('<td style="max-width: 1px; min-width: 16em;"><div style="display: -webkit-box; '
                             '-webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden;">')


def readable_index(index_html: str) -> str:
    """dbt's docs page with descriptions readable in its column tables (`DESCRIPTION_CELL`)."""
    if "{{ column.description }}" not in index_html.split(DESCRIPTION_CELL, 1)[-1]:
        raise RuntimeError("dbt's docs page changed: its column table has no description cell to widen")
    parts = index_html.split(DESCRIPTION_CELL)
    for i in range(1, len(parts)):
        content, td, rest = parts[i].partition("</td>")
        parts[i] = f"{DESCRIPTION_CELL_READABLE}{content}</div>{td}{rest}"
    return parts[0] + "".join(parts[1:])


def write_site_files(target: pathlib.Path, staging: pathlib.Path, database: str) -> None:
    """The site's pages and artifacts, in the names analysts use (`analyst_names`): manifest.json,
    catalog.json, index.html, and static_index.html with both inlined as `dbt docs generate
    --static` inlines them (the same two placeholders of dbt's page)."""
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    analyst_names(manifest, catalog, database)
    manifest_text, catalog_text = json.dumps(manifest), json.dumps(catalog)
    (staging / "manifest.json").write_text(manifest_text)
    (staging / "catalog.json").write_text(catalog_text)
    index = readable_index((target / "index.html").read_text())
    (staging / "index.html").write_text(index)
    (staging / "static_index.html").write_text(index.replace('"MANIFEST.JSON INLINE DATA"', manifest_text)
                                               .replace('"CATALOG.JSON INLINE DATA"', catalog_text))


def check_built(work_db: pathlib.Path, site_dir: pathlib.Path, target: pathlib.Path) -> None:
    """Raise `NotReady` unless the DuckDB warehouse is built and the docs can be written: dbt would
    create a missing work database empty (and document nothing), and dbt-duckdb opens it for writing."""
    if not work_db.exists():
        raise NotReady(f"nothing loaded yet: {work_db} does not exist; run `make load transform` first "
                       "(`make demo` for the sandbox)")
    require_writable([work_db.parent, site_dir.parent, target], [work_db],
                     f"dbt opens {work_db} for writing to document it, and the site goes to {site_dir}", "make docs")
    if not count_tables(work_db, PUBLISHED_SCHEMA):
        raise NotReady(f"no warehouse built yet in {work_db}: run `make transform` first")


def dbt_docs_generate(project_dir: pathlib.Path, profiles_dir: pathlib.Path, target_path: pathlib.Path,
                      env: dict[str, str] | None = None, log_dir: pathlib.Path | None = None) -> None:
    """`dbt docs generate --static`: manifest, catalog, index.html and the one-file static_index.html."""
    dbt = pathlib.Path(sys.executable).parent / "dbt"
    log_dir = log_dir or paths.dbt_log_dir()
    cmd = [str(dbt if dbt.exists() else "dbt"), "docs", "generate", "--static", "--project-dir", str(project_dir),
           "--profiles-dir", str(profiles_dir), "--target-path", str(target_path), "--no-use-colors",
           "--log-path", str(log_dir.resolve())]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        errors = [line for line in (result.stdout + result.stderr).splitlines() if "error" in line.lower()]
        raise RuntimeError(f"dbt docs generate failed: {(errors or ['(no error line)'])[-1].strip()} "
                           f"(full log: {log_dir / 'dbt.log'})")


def build_site(site_dir: pathlib.Path, project_dir: pathlib.Path = ROOT / "dbt_project",
               profiles_dir: pathlib.Path = ROOT, target_path: pathlib.Path | None = None,
               env: dict[str, str] | None = None, project_assets: bool = True,
               log_dir: pathlib.Path | None = None) -> Erd:
    """Build the docs site into `site_dir`: dbt docs generate, the ERD, then the site's files alone.

    `project_assets` also keeps the ERD in the project's asset folder, for the next plain
    `dbt docs generate` or `dbt docs serve`.
    """
    target = target_path or project_dir / "target"
    if env is None:
        env = {**os.environ, **warehouse_env()}  # the warehouse `make transform` built
    on_duckdb = env.get("FRESHDESK_DBT_TARGET", "duckdb") == "duckdb"
    work_db = pathlib.Path(env.get("FRESHDESK_WORK_DB", "data/work.duckdb"))
    if on_duckdb:
        check_built(work_db, site_dir, target)
    dbt_docs_generate(project_dir, profiles_dir, target, env, log_dir)
    # rendered after dbt copied the asset folder (one `docs generate`, not two): written into the
    # generated site's asset folder directly
    erd = build_erd(target, [target / "assets", *([project_dir / "assets"] if project_assets else [])])
    stamp = freshness_dot(last_load(target, work_db) if on_duckdb else None, erd, dt.datetime.now(dt.UTC))
    render_svg(stamp, target / "assets" / FRESHNESS_FILE)
    staging = site_dir.with_name(site_dir.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if on_duckdb:  # the published file's catalog is named after the file
        database = pathlib.Path(env.get("FRESHDESK_DUCKDB_PATH") or paths.published_db()).stem
    else:
        database = env.get("FRESHDESK_PG_DBNAME", "")
    write_site_files(target, staging, database)
    shutil.copytree(target / "assets", staging / "assets")
    replace_site(staging, site_dir)
    return erd


def replace_site(staging: pathlib.Path, site_dir: pathlib.Path) -> None:
    """Put the site built in `staging` in place of `site_dir`, keeping the report `make report` wrote
    there (from the published file: this build does not make it)."""
    report = site_dir / paths.report_html().name
    if report.exists():
        shutil.copy2(report, staging / report.name)
    shutil.rmtree(site_dir, ignore_errors=True)
    staging.rename(site_dir)


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse.docs`: build the dbt docs site with its ERD into a folder of static files."""
    parser = argparse.ArgumentParser(prog="python -m load.warehouse.docs", description=main.__doc__)
    parser.add_argument("--site-dir", default=str(paths.docs_dir()),
                        help="where the site is written (default: FRESHDESK_DOCS_DIR or data/docs)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("dbterd").setLevel(logging.WARNING)
    site_dir = pathlib.Path(args.site_dir)
    try:
        erd = build_site(site_dir)
    except (NotReady, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    log.info("ERD: %d tables, %d foreign keys", len(erd.tables), len(erd.foreign_keys))
    log.info("docs site written to %s (index.html; static_index.html opens without a server)", site_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
