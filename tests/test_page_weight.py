"""Page weight (issue 15): versioned static URLs cached for a year and the others revalidated
(304); the boundaries compressed; AG Grid's bundle only on a page that shows a grid; the world
topojson fetched once a page; a repeat view that asks the network for no static file.
bench/weight.py measures the bytes; these are the fast checks of how they are kept down."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import dash
import dash_ag_grid
import pytest

from app import BOOTSTRAP_CSS, PLOTLY_JS, WORLD_TOPOJSON, create_app
from bench import weight
from layouts import ids
from routes import static_files
from settings import ROOT, Settings
from tests.browser import wait_for_map
import geo
import urls

GRID_FILE = Path(dash_ag_grid.__file__).parent / static_files.GRID_BUNDLE
# The Dash pages (the sign-in page is Flask's own, with no script).
PAGES = ["/", "/city/210200", "/county/210224", "/present", "/method", "/data"]
GRID = "/_dash-component-suites/dash_ag_grid/"


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False, secret_key="page-weight-test"), store=demo_store).server.test_client()


def linked(page: str) -> list[str]:
    """Every script, stylesheet and preload that the page links, in order."""
    return re.findall(r'<(?:script|link)[^>]*?(?:src|href)="([^"]+)"', page)


def test_no_page_links_the_grid_bundle_but_each_names_it_for_the_loader(client):
    for path in PAGES:
        page = client.get(path).get_data(as_text=True)
        assert not [u for u in linked(page) if u.startswith(GRID)], path
        named = re.findall(rf'<meta name="{static_files.GRID_META}" content="([^"]+)"', page)
        assert len(named) == 1 and named[0].startswith(GRID + "dash_ag_grid.v"), path
        assert any("/assets/lazy_grid.js?m=" in u for u in linked(page)), path
    bundle = client.get(named[0], headers={"Accept-Encoding": "identity"})
    assert bundle.status_code == 200 and bundle.mimetype.endswith("javascript")
    assert bundle.data == GRID_FILE.read_bytes()
    assert bundle.headers["Cache-Control"] == static_files.IMMUTABLE


def test_every_linked_static_file_is_versioned_and_kept_for_a_year(client):
    page = client.get("/").get_data(as_text=True)
    links = linked(page)
    for path in (PLOTLY_JS, BOOTSTRAP_CSS, WORLD_TOPOJSON):
        version = str((ROOT / path.lstrip("/")).stat().st_mtime)
        assert f"{path}?m={version}" in links, path
    assert re.search(rf'<link rel="preload" href="{re.escape(WORLD_TOPOJSON)}\?m=[0-9.]+" as="fetch" '
                     r'crossorigin="anonymous">', page)
    static = [u for u in links if u.startswith(("/assets/", "/_dash-component-suites/", "/_favicon.ico"))]
    assert len(static) >= 15 and len(static) == len(links)  # nothing from another host, nothing unversioned
    for url in static:
        answer = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert answer.status_code == 200, url
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable", url


def test_an_asset_without_its_current_version_revalidates_with_304(client):
    version = str((ROOT / PLOTLY_JS.lstrip("/")).stat().st_mtime)
    for url in (PLOTLY_JS, f"{PLOTLY_JS}?m=1.5", f"{PLOTLY_JS}?m={version}x", "/assets/app.css"):
        answer = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert answer.status_code == 200, url
        assert answer.headers["Cache-Control"] == "no-cache" and answer.headers.get("ETag"), url
        again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": answer.headers["ETag"]})
        assert again.status_code == 304 and not again.data, url
    # A version whose file is gone is no version.
    assert static_files.asset_version("/assets/no-such-file.js") is None
    assert static_files.asset_url("/assets/no-such-file.js") == "/assets/no-such-file.js"


def test_the_default_favicon_is_kept_at_dash_s_version_only(client):
    kept = client.get(f"/_favicon.ico?v={dash.__version__}")
    assert kept.status_code == 200 and kept.headers["Cache-Control"] == static_files.IMMUTABLE
    other = client.get("/_favicon.ico?v=0.0.1")
    assert other.status_code == 200 and "immutable" not in other.headers.get("Cache-Control", "")


@pytest.mark.parametrize("level", ["city", "county"])
def test_the_boundaries_are_sent_compressed(client, level):
    raw = {"county": geo.COUNTIES_PATH, "city": geo.CITIES_PATH}[level].read_bytes()
    answer = client.get(urls.geojson(level), headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.mimetype == "application/geo+json"
    assert answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.data) == raw
    assert len(answer.data) < len(raw) / 3
    json.loads(raw)


# ---------------------------------------------------------------------- in the browser
@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def requested(context) -> list[str]:
    """The URLs the context's pages ask for from now on (served from a cache or not)."""
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    return asked


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/?tab=map", "/present", "/method", "/data"])
def test_a_page_without_a_grid_shown_never_loads_ag_grid(context, live_server, path):
    asked = requested(context)
    page = context.new_page()
    page.goto(live_server.url + path, wait_until="networkidle")
    if path.startswith("/?"):
        wait_for_map(page)
        assert page.locator(f"#{ids.TABLE_CARD}").is_hidden()  # the grid is on the page, in the hidden tab
    page.wait_for_timeout(1000)
    assert not [u for u in asked if GRID in u], path
    assert page.evaluate("Boolean(window.dash_ag_grid && window.dash_ag_grid.AgGrid)")


@pytest.mark.browser
def test_the_table_tab_loads_ag_grid_once_when_shown_and_the_grid_works(context, live_server):
    asked = requested(context)
    page = context.new_page()
    page.goto(live_server.url + "/?indicator=barrier_free&year=2014&level=city")
    wait_for_map(page, level="city")
    page.locator(f"#{ids.TAB} label", has_text="表格").click()
    page.wait_for_selector(f"#{ids.TABLE} .ag-row")
    assert page.locator(f"#{ids.TABLE} .ag-center-cols-container .ag-row").count() == 14
    bundles = [u for u in asked if GRID in u and "dash_ag_grid.v" in u]
    assert len(bundles) == 1, bundles
    # Back to the map and to the table again: the same grid, no second load.
    page.locator(f"#{ids.TAB} label", has_text="地图").click()
    page.locator(f"#{ids.TAB} label", has_text="表格").click()
    page.wait_for_selector(f"#{ids.TABLE} .ag-row")
    assert len([u for u in asked if GRID in u and "dash_ag_grid.v" in u]) == 1
    # The grid's own API, through the stand-in namespace.
    assert page.evaluate(f"""async () => {{
        const api = await window.dash_ag_grid.getApiAsync({ids.TABLE!r});
        return api.getDisplayedRowCount(); }}""") == 14


@pytest.mark.browser
def test_the_county_work_list_grid_loads_and_fills(context, live_server):
    page = context.new_page()
    page.goto(live_server.url + "/county/210224")
    page.wait_for_selector(f"#{ids.WORKLIST} .ag-row", timeout=20000)
    assert page.locator(f"#{ids.WORKLIST} .ag-center-cols-container .ag-row").count() >= 1
    assert page.locator(".lazy-grid").count() == 0  # the stand-in box is gone


@pytest.mark.browser
def test_present_fetches_the_world_topojson_once(context, live_server):
    asked = requested(context)
    page = context.new_page()
    page.goto(live_server.url + "/present", wait_until="networkidle")
    page.wait_for_function("() => document.querySelectorAll('.slide .js-plotly-plot').length >= 2", timeout=20000)
    page.wait_for_timeout(1000)
    maps = page.evaluate("document.querySelectorAll('.slide .js-plotly-plot .geo').length")
    assert maps >= 2  # several maps drawn together: each would have fetched it
    assert len([u for u in asked if "world_110m.json" in u]) == 1
    assert page.evaluate("Boolean(window.PlotlyGeoAssets.topojson.world_110m.objects)")


@pytest.mark.browser
def test_a_repeat_view_takes_every_static_file_from_the_cache(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        first = weight.visit(context, live_server.url + "/")
        repeat = weight.visit(context, live_server.url + "/")
    finally:
        context.close()
    static = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
    assert [r for r in first.requests if static[0] in r["url"] and r["bytes"] > 0]
    # Dash's webpack chunks (async-*.js) are loaded unversioned by the bundles: they revalidate (304).
    fetched = [r["url"] for r in repeat.requests if any(s in r["url"] for s in static)
               and r["bytes"] > 0 and "/async-" not in r["url"]]
    assert not fetched, fetched
    assert repeat.bytes() <= weight.REPEAT_BUDGET
    assert first.bytes("JS") <= weight.FIRST_JS_BUDGET


def test_the_bench_reports_and_judges_the_budgets(capsys):
    def view(js: int, other: int) -> weight.View:
        return weight.View([{"url": "u", "status": 200, "type": "JS", "cached": False, "encoding": "", "bytes": js},
                            {"url": "v", "status": 200, "type": "JSON", "cached": False, "encoding": "", "bytes": other}])
    ok = {"/": (view(800 * 1024, 50 * 1024), view(0, 60 * 1024))}
    assert weight.report(ok)
    heavy = {"/": (view(901 * 1024, 0), view(0, 10 * 1024))}
    assert not weight.report(heavy)
    repeat = {"/method": (view(2000 * 1024, 0), view(0, 101 * 1024))}  # only the overview's first view is budgeted
    assert not weight.report(repeat)
    out = capsys.readouterr().out
    assert "over budget: first-view JavaScript 901.0 KiB" in out and "repeat view 101.0 KiB" in out


def test_pages_link_regenerator_alone_not_babel_s_polyfill_nor_the_unused_table_bundle(client):
    """@babel/polyfill (core-js 2) and dash_table's bundle are left out of every page; the global
    regeneratorRuntime that Dash's bundles call is linked before the first of them."""
    for path in ("/", "/county/210224", "/present", "/method"):
        scripts = re.findall(r'<script src="([^"]+)"', client.get(path).get_data(as_text=True))
        assert not [s for s in scripts if "polyfill@" in s or "dash_table/bundle" in s], path
        runtime = next(i for i, s in enumerate(scripts) if s.startswith("/assets/vendor/regenerator/runtime.js?m="))
        first_bundle = min(i for i, s in enumerate(scripts)
                           if s.startswith("/_dash-component-suites/") and "/deps/" not in s)
        assert runtime < first_bundle, path
    assert client.get(scripts[runtime]).status_code == 200


def test_the_sign_in_page_links_its_styles_versioned_too(client):
    """/login is Flask's own page, not Dash's: its Bootstrap and app.css carry their version and
    are kept for a year, as on every Dash page."""
    links = linked(client.get("/login").get_data(as_text=True))
    for path in (BOOTSTRAP_CSS, "/assets/app.css"):
        version = str((ROOT / path.lstrip("/")).stat().st_mtime)
        assert f"{path}?m={version}" in links, path
    for url in links:
        assert client.get(url).headers["Cache-Control"] == "public, max-age=31536000, immutable", url
