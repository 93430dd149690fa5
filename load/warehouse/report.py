"""The support-metrics report (`make report`): one static HTML page of charts drawn from the metrics
layer of the published warehouse, written into the docs site (`load.paths.report_html`).

Every query is in `report.sql` beside this module, one block per dataset; each chart shows the SQL
it is drawn from. The charts are Vega-Lite specs built with Altair; the page inlines the Vega,
Vega-Lite and Vega-Embed JavaScript that vl-convert bundles in its wheel, so it opens from the file,
with no server and nothing fetched. The datasets are in the page once (Vega-Lite's named
`datasets`), and the group and date filters are Vega signals set from the page's own controls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import html
import json
import logging
import os
import pathlib
import re
import sys
import time

import altair as alt

from load import paths
from load.warehouse import shell

log = logging.getLogger("freshdesk.report")

SQL_FILE = pathlib.Path(__file__).with_name("report.sql")
TITLE = "Support metrics"

# the filters: Vega signals each chart declares and the page sets from its controls, before drawing
# and on every change (`group` '' is every group; the days are local midnights in ms, as the date
# inputs give them; months start at the first day's month)
GROUP = "(group == '' || datum.group_name == group)"
DAYS = "time(datum.day) >= day_from && time(datum.day) <= day_to"
MONTHS = "time(datum.month) >= month_from && time(datum.month) <= day_to"
SIGNALS = {"group": "", "day_from": 0, "month_from": 0, "day_to": 8.64e15}
TOP_AGENTS = 15


def queries() -> dict[str, str]:
    """`{dataset: SQL}` of `report.sql`'s blocks (each headed `-- name: <dataset>`), comments kept."""
    parts = re.split(r"^-- name: (\w+)\n", SQL_FILE.read_text(), flags=re.M)
    return {name: sql.strip() for name, sql in zip(parts[1::2], parts[2::2], strict=True)}


def _json_value(value: object) -> object:
    # a date as a local midnight (no zone), which JavaScript's Date reads as local time: a day
    # drawn as itself in every time zone
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00"
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def read_datasets(con, sql: dict[str, str]) -> dict[str, list[dict]]:
    """Every query's rows as records."""
    out = {}
    for name, query in sql.items():
        cursor = con.execute(query)
        names = [d[0] for d in cursor.description]
        out[name] = [{k: _json_value(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]
    return out


def _filtered(dataset: str, *conditions: str, layers: tuple = ()):
    """A chart (or the layer of `layers`) of the named dataset, with the page's filters declared and
    applied before whatever transforms are added to it."""
    chart = alt.layer(*layers, data=alt.NamedData(dataset)) if layers else alt.Chart(alt.NamedData(dataset))
    chart = chart.add_params(*(alt.param(name=name, value=value) for name, value in SIGNALS.items()))
    for condition in conditions:
        chart = chart.transform_filter(condition)
    return chart


def _bar_height(rows: list[dict], key: str, per_bar: int, most: int | None = None) -> int:
    """A bar chart's height in pixels for the bars of every distinct `key` (at `most`): a fixed height,
    since Vega-Lite's height per bar cannot go with a chart as wide as the page."""
    bars = len({row[key] for row in rows})
    return 20 + per_bar * max(1, min(bars, most or bars))


# Scales that hold when the filters leave a chart empty (Vega draws an empty domain as infinities):
# counts from 0 to at least 1, the time axis the filters' dates, and colours their every category
# (which also keeps each category's colour whatever the filters)
COUNT = {"domain": {"unionWith": [0, 1]}}


def _month():
    return alt.X("month:T", timeUnit="yearmonth", title=None, axis=alt.Axis(format="%b %Y"),
                 scale=alt.Scale(domain={"expr": "[month_from, day_to]"}))


def _color(field: str, categories: list[str], **kwargs):
    return alt.Color(f"{field}:N", title=None, sort=categories, scale=alt.Scale(domain=categories), **kwargs)


def times_chart(rows: list[dict], measure: str):
    """Average and median hours, calendar and business, by month, of one `measure` of `times`."""
    clocks = ["calendar", "business"]
    fields = [f"{stat}_{clock}_hours" for clock in clocks for stat in ("average", "median")]
    encoding = {"x": _month(), "y": alt.Y("hours:Q", title="hours"),
                "color": _color("statistic", ["average", "median"])}
    # the points a layer of their own: drawn with the lines, the dash legend would show points, not
    # dashes; a scale's domain said in one layer only (said in both, Vega-Lite warns of a conflict)
    lines = alt.Chart().mark_line().encode(**encoding | {"y": alt.Y("hours:Q", title="hours", scale=COUNT)},
                                           strokeDash=alt.StrokeDash("clock:N", title=None, sort=clocks,
                                                                     scale=alt.Scale(domain=clocks),
                                                                     legend=alt.Legend(symbolType="stroke")))
    points = alt.Chart().mark_point(filled=True, size=16).encode(**encoding, tooltip=[
        alt.Tooltip("month:T", timeUnit="yearmonth", title="month"), "statistic:N", "clock:N",
        alt.Tooltip("hours:Q", format=".1f"), alt.Tooltip("tickets:Q")])
    return (_filtered("times", f"datum.measure == '{measure}'",
                      "group == '' ? datum.all_groups : datum.group_name == group", MONTHS, layers=(lines, points))
            .transform_fold(fields, as_=["series", "hours"])
            .transform_calculate(statistic="split(datum.series, '_')[0]", clock="split(datum.series, '_')[1]"))


def sla_chart(rows: list[dict]):
    """The share of tickets that met each deadline, of those judged (met or missed), by month."""
    targets = {"First response": "first_response", "Resolution": "resolution"}
    sums = {f"{t}_{outcome}": f"sum({t}_{outcome})" for t in targets.values() for outcome in ("met", "breached")}
    shares = {label: f"datum.{t}_met + datum.{t}_breached > 0 ? datum.{t}_met / (datum.{t}_met + datum.{t}_breached)"
                     " : null" for label, t in targets.items()}
    return (_filtered("group_months", GROUP, MONTHS)
            .transform_aggregate(groupby=["month"], **sums)
            .transform_calculate(**shares)
            .transform_fold(list(shares), as_=["deadline", "attainment"])
            .mark_line(point=True)
            .encode(x=_month(), y=alt.Y("attainment:Q", title="met the deadline", axis=alt.Axis(format="%"),
                                           scale=alt.Scale(domain=[0, 1])),
                    color=_color("deadline", list(shares)),
                    tooltip=[alt.Tooltip("month:T", timeUnit="yearmonth", title="month"), "deadline:N",
                             alt.Tooltip("attainment:Q", format=".0%")]))


def backlog_chart(rows: list[dict]):
    x = alt.X("day:T", title=None, scale=alt.Scale(domain={"expr": "[day_from, day_to]"}))
    area = alt.Chart().mark_area(opacity=0.3).encode(x=x, y=alt.Y("backlog:Q", title="open tickets at day end",
                                                                  scale=COUNT))
    line = alt.Chart().mark_line().encode(x=x, y="backlog:Q",
                                          tooltip=[alt.Tooltip("day:T", title="day"), "backlog:Q"])
    return (_filtered("backlog", GROUP, DAYS, layers=(area, line))
            .transform_aggregate(backlog="sum(backlog)", groupby=["day"]))


def volume_chart(rows: list[dict]):
    priorities = sorted({row["priority"] for row in rows})
    return (_filtered("volume", GROUP, MONTHS)
            .mark_bar()
            .encode(y=alt.Y("channel:N", title=None, sort="-x"),
                    x=alt.X("sum(tickets):Q", title="tickets created", scale=COUNT),
                    color=alt.Color("priority:N", title="priority", sort=priorities,
                                    scale=alt.Scale(domain=priorities, scheme="orangered")),
                    order=alt.Order("priority:N", sort="ascending"),
                    tooltip=["channel:N", "priority:N", alt.Tooltip("sum(tickets):Q", title="tickets")])
            .properties(height=_bar_height(rows, "channel", 18)))


def group_workload_chart(rows: list[dict]):
    """Tickets created and resolved per group; the chosen group stands out (the others stay for scale)."""
    counts = ["created", "resolved"]
    return (_filtered("group_months", MONTHS)
            .transform_aggregate(created="sum(created)", resolved="sum(resolved)", groupby=["group_name"])
            .transform_fold(counts, as_=["tickets", "count"])
            .mark_bar()
            .encode(y=alt.Y("group_name:N", title=None, sort="-x"), yOffset=alt.YOffset("tickets:N", sort=counts),
                    x=alt.X("count:Q", title="tickets", stack=None, scale=COUNT), color=_color("tickets", counts),
                    opacity=alt.condition(GROUP, alt.value(1), alt.value(0.25)),
                    tooltip=["group_name:N", "tickets:N", "count:Q"])
            .properties(height=_bar_height(rows, "group_name", 30)))


def agent_workload_chart(rows: list[dict]):
    """Replies, notes and resolved tickets per agent: the busiest agents of the chosen group."""
    activities = ["replies", "resolved", "notes"]
    return (_filtered("agent_months", "group == '' || indexof(datum.group_names, group) >= 0", MONTHS)
            .transform_aggregate(replies="sum(replies)", notes="sum(notes)", resolved="sum(resolved)",
                                 groupby=["agent"])
            .transform_window(rank="row_number()", sort=[alt.SortField("replies", order="descending")])
            .transform_filter(f"datum.rank <= {TOP_AGENTS}")
            .transform_fold(activities, as_=["activity", "count"])
            .mark_bar()
            .encode(y=alt.Y("agent:N", title=None, sort=alt.EncodingSortField("replies", op="max", order="descending")),
                    yOffset=alt.YOffset("activity:N", sort=activities),
                    x=alt.X("count:Q", title=None, stack=None, scale=COUNT), color=_color("activity", activities),
                    tooltip=["agent:N", "activity:N", "count:Q"])
            .properties(height=_bar_height(rows, "agent", 26, most=TOP_AGENTS)))


# (id, title, what is counted, dataset, spec builder), in page order
CHARTS = (
    ("first-response", "First response time",
     "Hours from creation to the first agent response, by month of the response.", "times",
     lambda rows: times_chart(rows, "First response")),
    ("resolution", "Resolution time",
     "Hours from creation to the final resolution, by month of the resolution.", "times",
     lambda rows: times_chart(rows, "Resolution")),
    ("sla", "SLA attainment",
     "Of the tickets created each month whose deadline has been judged, the share that met it "
     "(Freshdesk's own first-response and resolution deadlines).", "group_months", sla_chart),
    ("backlog", "Backlog", "Tickets open at the end of each day.", "backlog", backlog_chart),
    ("volume", "Volume by channel and priority", "Tickets created in the date range.", "volume", volume_chart),
    ("groups", "Group workload", "Tickets created and resolved in the date range, by the group they have now.",
     "group_months", group_workload_chart),
    ("agents", "Agent workload",
     "Public replies and private notes each agent wrote, and the tickets assigned to them that were resolved "
     f"(the {TOP_AGENTS} with the most replies).", "agent_months", agent_workload_chart),
)

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
header { background: #1f3b57; color: white; padding: 16px 24px; }
header h1 { margin: 0 0 6px; font-size: 22px; }
header p { margin: 0; font-size: 13px; }
header a { color: #cfe3f7; }
form { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; padding: 12px 24px; background: white;
       border-bottom: 1px solid #d9e2ec; position: sticky; top: 0; z-index: 1; font-size: 13px; }
form label { display: flex; flex-direction: column; gap: 4px; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; padding: 16px 24px; }
section { background: white; border: 1px solid #d9e2ec; border-radius: 6px; padding: 12px 16px; min-width: 0; }
section h2 { margin: 0 0 4px; font-size: 16px; }
section p { margin: 0 0 8px; font-size: 12px; color: #52606d; }
.chart { width: 100%; }
details { margin-top: 8px; font-size: 12px; }
pre { background: #f0f4f8; padding: 8px; overflow-x: auto; font-size: 11px; }
footer { padding: 0 24px 24px; font-size: 12px; color: #52606d; }
"""

SCRIPT = """
const json = id => JSON.parse(document.getElementById(id).textContent);
const datasets = json("report-datasets"), specs = json("report-specs");
const control = id => document.getElementById(id);
const views = {};
// a date input's day (or the first of its month) as a local midnight in ms, as the data's days are;
// an empty input is the data's first (last) day
function midnight(id, firstOfMonth) {
  const value = control(id).value || control(id)[id === "from" ? "min" : "max"];
  if (!value) return id === "from" ? 0 : 8.64e15;  // no data at all
  const [y, m, d] = value.split("-").map(Number);
  return new Date(y, m - 1, firstOfMonth ? 1 : d).getTime();
}
function filters() {
  return {group: control("group").value, day_from: midnight("from"), month_from: midnight("from", true),
          day_to: midnight("to")};
}
async function apply() {
  const values = filters();
  await Promise.all(Object.values(views).map(view => {
    for (const [name, value] of Object.entries(values)) view.signal(name, value);
    return view.runAsync();
  }));
}
async function draw() {
  const values = filters();
  for (const [id, spec] of Object.entries(specs)) {
    const params = spec.params.map(param => ({...param, value: values[param.name]}));
    const result = await vegaEmbed("#" + id, {...spec, params, datasets}, {actions: false, renderer: "svg"});
    views[id] = result.view;
  }
  for (const id of ["group", "from", "to"]) control(id).addEventListener("change", apply);
  control("clear").addEventListener("click", event => {
    event.preventDefault();
    control("filters").reset();
    apply();
  });
}
// served, the docs site's page; from the file, its one-file copy (which needs no server)
control("docs").href = (location.protocol === "file:" ? "static_index.html" : "index.html") + "#!/overview";
window.report = {views, ready: draw()};
"""


def _script_json(value: object) -> str:
    """JSON to put inside a <script> element: `</` cannot end it early."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def _day(text: str | None) -> str:
    return text[:10] if text else ""


def _utc(text: str | None) -> str:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if text else "never"


def render_page(datasets: dict[str, list[dict]], sql: dict[str, str], bundle: str, built: dt.datetime) -> str:
    """The report's HTML: freshness, the filters, each chart with the SQL it is drawn from."""
    fresh = datasets["freshness"][0]
    groups = sorted({row["group_name"] for row in datasets["group_months"]})
    days = [row["day"] for row in datasets["backlog"]]
    # as wide as the page's column; a bar chart is as tall as its bars
    fit = {"width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}
    specs = {chart_id: build(datasets[dataset]).properties(**fit).to_dict()
             for chart_id, _, _, dataset, build in CHARTS}
    sections = "".join(
        f'<section id="section-{chart_id}"><h2>{html.escape(title)}</h2><p>{html.escape(about)}</p>'
        f'<div class="chart" id="{chart_id}"></div>'
        f'<details><summary>SQL: <code>{dataset}</code> in load/warehouse/report.sql</summary>'
        f"<pre><code>{html.escape(sql[dataset])}</code></pre></details></section>"
        for chart_id, title, about, dataset, _ in CHARTS)
    options = "".join(f"<option>{html.escape(g)}</option>" for g in groups)
    bounds = f'min="{_day(min(days, default=None))}" max="{_day(max(days, default=None))}"'
    first, last = _day(fresh["first_ticket_at"]), _day(fresh["last_ticket_at"])
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<link rel="icon" href="data:,">
<style>{STYLE}</style>
<script>{bundle}</script>
</head>
<body>
<header>
<h1>{TITLE}</h1>
<p id="freshness">Data as of the load of {_utc(fresh["as_of"])}: {fresh["tickets"]:,} live tickets, created
{first} to {last}. Report built {built.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}; a newer load shows here
after <code>make transform report</code>.
<a id="docs" href="static_index.html#!/overview">Back to the docs site</a></p>
</header>
<form id="filters">
<label>Group <select id="group"><option value="">All groups</option>{options}</select></label>
<label>From <input type="date" id="from" value="{_day(min(days, default=None))}" {bounds}></label>
<label>To <input type="date" id="to" value="{_day(max(days, default=None))}" {bounds}></label>
<button type="reset" id="clear">Reset</button>
</form>
<main>{sections}</main>
<footer>Months are whole months: a range that starts mid-month includes that month. Each chart's SQL reads
schema <code>freshdesk_metrics</code> of the published file and runs as written in <code>make shell</code>.</footer>
<script type="application/json" id="report-datasets">{_script_json({k: v for k, v in datasets.items()
                                                                    if k != "freshness"})}</script>
<script type="application/json" id="report-specs">{_script_json(specs)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""


def javascript_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes) and Vega-Embed as one script, from vl-convert's wheel."""
    import vl_convert

    version = alt.SCHEMA_VERSION.removeprefix("v").rsplit(".", 1)[0]
    if version not in vl_convert.get_vegalite_versions():
        raise RuntimeError(f"vl-convert {vl_convert.__version__} bundles no Vega-Lite {version} (Altair's): "
                           "upgrade vl-convert-python")
    return vl_convert.javascript_bundle(vl_version=version)


def build_report(published: pathlib.Path, out: pathlib.Path) -> int:
    """Write the report on `published` to `out` (replaced whole, never half-written); returns its size in bytes."""
    sql = queries()
    con = shell.connect(published)
    try:
        datasets = read_datasets(con, sql)
    finally:
        con.close()
    page = render_page(datasets, sql, javascript_bundle(), dt.datetime.now(dt.UTC))
    out.parent.mkdir(parents=True, exist_ok=True)
    building = out.with_name(out.name + ".building")
    building.write_text(page, encoding="utf-8")
    os.replace(building, out)
    return len(page.encode())


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse.report`: the support-metrics report, one HTML file that opens without a server."""
    argparse.ArgumentParser(prog="python -m load.warehouse.report", description=main.__doc__,
                            epilog="It is written to report.html in the docs site's folder (FRESHDESK_DOCS_DIR, "
                                   "data/docs by default).").parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    started, out = time.monotonic(), paths.report_html()
    try:
        size = build_report(paths.published_db(), out)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log.info("report written to %s (%d charts, %.1f MB, %.1f s; opens from the file, no server needed)",
             out, len(CHARTS), size / 1e6, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
