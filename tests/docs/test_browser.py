"""The docs site and the support-metrics report in a real browser: Debian's `chromium`, driven by
Playwright (from PyPI, never `playwright install`), launched once for the session.

Without chromium or playwright the tests skip, saying what to install; under CI (`CI=true`; `.ci/run`
installs both) they fail instead."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import pathlib
import threading

import pytest

from load import paths
from load.warehouse import shell
from load.warehouse.publish import SCHEMAS
from load.warehouse.report import CHARTS, build_report, queries
from tests.docs.conftest import published_models

CHROMIUM = "/usr/bin/chromium"
# dbt-docs' own errors, on every page of any dbt docs site: its sidebar's icon template
# (`{{ getIcon(item.type, 'on') }}`) requested as a URL before Angular fills it in, and a favicon
# named by an unevaluated webpack expression (`${require('./assets/favicons/favicon.ico')}`)
DBT_DOCS_OWN_ERRORS = ("getIcon(item.type", "favicon.ico")
# the data marks Vega drew in a view (its scenegraph's items of role "mark"), as their data
DATUMS = """view => {
  const out = [];
  (function walk(mark) {
    for (const item of mark.items || []) {
      if (mark.role === "mark") out.push(item.datum);
      for (const child of item.items || []) walk(child);
    }
  })(view.scenegraph().root);
  return out;
}"""


@pytest.fixture(scope="session")
def browser():
    problem = None
    if not os.access(CHROMIUM, os.X_OK):
        problem = f"no {CHROMIUM} (Debian: apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = problem or "playwright is not installed (pip install -e '.[dev]')"
    if problem:
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            pytest.fail(f"CI needs a browser: {problem}")
        pytest.skip(f"no browser: {problem}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def report(site, warehouse) -> pathlib.Path:
    """`make report` on the tiny warehouse, written where it goes: into the docs site."""
    out = site / paths.report_html().name
    build_report(warehouse.published, out)
    return out


@pytest.fixture(scope="session")
def served(site):
    """The site served over HTTP on loopback, as `make serve-docs` serves it; yields its base URL."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Page:
    """A browser tab that records console errors (less dbt-docs' own) and every URL requested."""

    def __init__(self, page):
        self.page, self.errors, self.requests = page, [], []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message):
        text = f"{message.text} ({message.location.get('url', '')})"
        if message.type == "error" and not any(known in text for known in DBT_DOCS_OWN_ERRORS):
            self.errors.append(text)

    def charts_drawn(self) -> dict[str, int]:
        """`{chart id: marks drawn}` of the report's charts, once they are drawn."""
        self.page.evaluate("window.report.ready")
        return self.page.evaluate("""() => Object.fromEntries(Object.keys(window.report.views).map(id =>
            [id, document.querySelectorAll(`#${id} svg .role-mark > :not(g)`).length]))""")


@contextlib.contextmanager
def tab(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        yield Page(page)
    finally:
        page.close()


def test_report_opens_from_the_file_with_every_chart_drawn_and_its_sql_and_nothing_fetched(browser, report,
                                                                                         warehouse):
    with tab(browser) as t:
        t.page.goto(report.as_uri())
        drawn = t.charts_drawn()
        assert set(drawn) == {chart_id for chart_id, *_ in CHARTS}
        assert all(count > 0 for count in drawn.values()), drawn
        sql = queries()
        for chart_id, _, _, dataset, _ in CHARTS:
            assert t.page.locator(f"#section-{chart_id} details pre").text_content() == sql[dataset], chart_id
        con = shell.connect(warehouse.published)
        try:
            as_of = con.execute('select max("AsOf") from freshdesk_metrics."TicketMetrics"').fetchone()[0]
        finally:
            con.close()
        freshness = t.page.locator("#freshness").text_content()
        assert f"Data as of the load of {as_of:%Y-%m-%d %H:%M}" in freshness, freshness
        assert t.errors == []
        assert {url.split(":", 1)[0] for url in t.requests} == {"file"}, "fetched from a network"
        assert [url for url in t.requests if url != report.as_uri()] == []


def test_report_filters_by_group_and_dates(browser, report, warehouse):
    """The volume chart's bars add up to the tickets of the chosen group, then of one month of it,
    counted straight from TicketMetrics, then to none; Reset brings back every ticket."""
    con = shell.connect(warehouse.published)
    try:
        every = con.execute('select count(*) from freshdesk_metrics."TicketMetrics"').fetchone()[0]
        group, in_group = con.execute('select g."Name", count(*) from freshdesk_metrics."TicketMetrics" m '
                                      'join "Group" g on g."ID" = m."GroupID" group by all order by 2 desc, 1 '
                                      'limit 1').fetchone()
        month, in_month = con.execute(
            'select date_trunc(\'month\', m."CreatedAt" at time zone \'UTC\')::date, count(*) '
            'from freshdesk_metrics."TicketMetrics" m join "Group" g on g."ID" = m."GroupID" where g."Name" = ? '
            'group by all order by 2 desc, 1 limit 1', [group]).fetchone()
    finally:
        con.close()
    assert every > in_group > in_month > 0
    last_day = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)

    def volume() -> int:
        t.page.evaluate("Promise.all(Object.values(window.report.views).map(view => view.runAsync())).then(() => null)")
        return int(t.page.evaluate(f"({DATUMS})(window.report.views.volume).reduce((n, d) => n + d.sum_tickets, 0)"))

    with tab(browser) as t:
        t.page.goto(report.as_uri())
        t.charts_drawn()
        assert volume() == every
        t.page.select_option("#group", label=group)
        assert volume() == in_group
        t.page.fill("#from", month.isoformat())
        t.page.fill("#to", last_day.isoformat())
        t.page.dispatch_event("#to", "change")
        assert volume() == in_month
        t.page.fill("#from", "2000-01-01")  # nothing: every chart empty, drawn without an error
        t.page.fill("#to", "2000-01-31")
        t.page.dispatch_event("#to", "change")
        assert volume() == 0
        t.page.click("#clear")
        assert volume() == every
        assert t.errors == []


def test_every_erd_image_on_the_overview_loads(browser, served, site):
    with tab(browser) as t:
        t.page.goto(f"{served}/index.html#!/overview")
        t.page.wait_for_selector("img[src='assets/erd-overview.svg']")
        # dbt-docs adds the overview's images after the page's own load event: wait until each has
        # ended its request (`complete` is true for a broken image too, which naturalWidth tells)
        assets = "Array.from(document.images).filter(i => i.getAttribute('src').startsWith('assets/'))"
        t.page.wait_for_function(f"() => {assets}.every(i => i.complete)", timeout=30_000)
        images = t.page.evaluate(f"() => {assets}.map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
        assert sorted(src for src, _ in images) == sorted(f"assets/{p.name}" for p in site.glob("assets/*.svg"))
        assert [src for src, loaded in images if not loaded] == []
        assert t.errors == []


def test_every_table_page_shows_its_columns_and_a_relation_that_runs_pasted_in_the_shell(browser, served, manifest,
                                                                                         warehouse):
    """Each of the 29 tables' and the metrics tables' pages lists the table's columns and shows the
    relation to query; pasted into `make shell`'s connection, the relation answers with those columns."""
    models = published_models(manifest, SCHEMAS)
    assert len(models) == 32
    con = shell.connect(warehouse.published)
    try:
        with tab(browser) as t:
            for uid, model in models.items():
                t.page.goto(f"{served}/index.html#!/model/{uid}")
                t.page.wait_for_selector(f"h1:has-text('{model['name']}')")
                t.page.wait_for_selector("tr.column-row")
                shown = t.page.evaluate("() => Array.from(document.querySelectorAll('tr.column-row td:first-child'))"
                                        ".map(td => td.textContent.trim())")
                relation = t.page.evaluate("""() => Array.from(document.querySelectorAll('dl.detail'))
                    .filter(dl => dl.querySelector('dt').textContent.trim() == 'Relation')
                    .map(dl => dl.querySelector('dd').textContent.trim())""")
                assert len(relation) == 1, uid
                answer = con.execute(f"select * from {relation[0]} limit 0")
                assert shown == [d[0] for d in answer.description], (uid, relation[0])
            assert t.errors == []
    finally:
        con.close()


@pytest.mark.parametrize("mode", ["served", "file"])
def test_overview_links_to_the_report_and_the_report_back(browser, served, site, report, mode):
    """From the overview to the report and back, served (`make serve-docs`) and from the files."""
    start = f"{served}/index.html" if mode == "served" else (site / "static_index.html").as_uri()
    with tab(browser) as t:
        t.page.goto(f"{start}#!/overview")
        t.page.click("a:has-text('Support metrics report')")
        t.page.wait_for_url(f"**/{report.name}")
        assert all(count > 0 for count in t.charts_drawn().values())
        t.page.click("#docs")
        t.page.wait_for_url("**#!/overview")
        t.page.wait_for_selector("img[src='assets/erd-overview.svg']")
        assert t.page.url.split("#")[0] == start.split("#")[0]
        assert t.errors == []
