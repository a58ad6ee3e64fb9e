"""County and city pages in a real browser: reached from the map, back to the same view,
a work list that filters, and downloads that arrive with the right rows."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from data import queries
from layouts import ids
from tests.browser import active_trace, wait_for_map

pytestmark = pytest.mark.browser


@pytest.fixture
def page(recording_page):
    return recording_page.page


def click_place_on_map(page, name: str):
    """Click the map where a place's label sits (the label point lies inside the place)."""
    xy = page.evaluate(f"""(() => {{
        const gd = document.querySelector('#map .js-plotly-plot');
        const labels = gd.data[2];
        const i = labels.text.indexOf({name!r});
        const geo = gd._fullLayout.geo._subplot;
        const p = geo.projection([labels.lon[i], labels.lat[i]]);
        const box = gd.getBoundingClientRect();
        return [box.left + gd._fullLayout._size.l + p[0], box.top + gd._fullLayout._size.t + p[1]]; }})()""")
    page.mouse.click(xy[0], xy[1] + 12)


def test_a_map_click_leads_to_the_county_page_and_back_returns_to_the_same_view(page, live_server):
    page.goto(live_server.url + "/?indicator=barrier_free&year=2013&level=county&city=210200")
    wait_for_map(page, city="210200", year=2013)
    click_place_on_map(page, "庄河市")
    wait_for_map(page, county="210283")
    before = active_trace(page)
    overview_url = page.url
    link = page.locator(f"#{ids.SUMMARY_LINK}")
    expect(link).to_have_attribute("href", re.compile(r"^/county/210283\?"))
    link.click()
    page.wait_for_selector(f"#{ids.SCORECARD}")
    assert urlsplit(page.url).path == "/county/210283"
    assert parse_qs(urlsplit(page.url).query)["year"] == ["2013"]
    expect(page.locator(".place-title")).to_contain_text("庄河市")
    page.go_back()
    wait_for_map(page, county="210283", year=2013, ind="barrier_free")
    assert page.url == overview_url
    assert active_trace(page) == before


def test_the_work_list_filters(page, live_server, demo_store):
    rows = queries.units_behind(demo_store, "210224", "party_member_volunteering", 2012)
    villages = int((rows["kind"] == "rural").sum())
    assert 0 < villages < len(rows)
    page.goto(live_server.url + "/county/210224?indicator=party_member_volunteering&year=2012")
    page.wait_for_selector(f"#{ids.WORKLIST} .ag-row")
    expect(page.locator(f"#{ids.WORKLIST_SHOWN}")).to_contain_text(str(len(rows)))
    kind_filter = page.locator(f"#{ids.WORKLIST} .ag-floating-filter input").nth(2)
    kind_filter.fill("村")
    expect(page.locator(f"#{ids.WORKLIST_SHOWN}")).to_contain_text(f"当前显示 {villages} 条")
    assert page.locator(f"#{ids.WORKLIST} .ag-center-cols-container .ag-row").count() == villages


def test_a_download_arrives_with_the_right_rows(page, live_server, demo_store):
    page.goto(live_server.url + "/county/210224?indicator=party_member_volunteering&year=2012&lang=en")
    page.wait_for_selector(f"#{ids.WORKLIST} .ag-row")
    with page.expect_download() as info:
        page.locator("#download-worklist-csv").click()
    body = open(info.value.path(), encoding="utf-8-sig", newline="").read()
    got = [r["Unit id"] for r in csv.DictReader(io.StringIO(body, newline=""))]
    expected = queries.units_behind(demo_store, "210224", "party_member_volunteering", 2012)["unit_id"].tolist()
    assert got == expected


def test_the_overview_table_tab_lists_every_place_by_year(page, live_server):
    page.goto(live_server.url + "/?indicator=barrier_free&year=2014&level=city")
    wait_for_map(page, level="city")
    page.locator(f"#{ids.TAB} label", has_text="表格").click()
    page.wait_for_selector(f"#{ids.TABLE} .ag-row")
    expect(page.locator(f"#{ids.TABLE} .ag-center-cols-container .ag-row")).to_have_count(14)
    assert parse_qs(urlsplit(page.url).query)["tab"] == ["table"]
    assert not page.locator(f"#{ids.MAP_CARD}").is_visible()
    with page.expect_download() as info:
        page.locator("#download-table-csv").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert len(rows) == 14


def test_from_a_scorecard_row_to_the_overview_map_of_that_indicator(page, live_server):
    page.goto(live_server.url + "/county/210224?year=2014")
    page.wait_for_selector(f"#{ids.SCORECARD}")
    page.locator("tr[data-indicator=direct_elections] .score-map-link").click()
    meta = wait_for_map(page, ind="direct_elections", county="210224", year=2014)
    assert meta["city"] == "210200"


def test_a_scorecard_name_selects_its_indicator_inside_the_app_by_mouse_and_keyboard(page, live_server):
    """The scorecard is one Static component (layouts/static.py): its links are followed as
    dcc.Link follows them, without loading the page again, and back returns."""
    page.goto(live_server.url + "/county/210224?year=2014&indicator=barrier_free")
    page.wait_for_selector(f"#{ids.SCORECARD} tr.selected[data-indicator=barrier_free]")
    page.evaluate("window.__same_page = true")
    page.locator(f"#{ids.SCORECARD} tr[data-indicator=direct_elections] .score-name").click()
    page.wait_for_selector(f"#{ids.SCORECARD} tr.selected[data-indicator=direct_elections]")
    assert parse_qs(urlsplit(page.url).query)["indicator"] == ["direct_elections"]
    assert page.evaluate("window.__same_page === true")   # not loaded again
    page.locator(f"#{ids.SCORECARD} tr[data-indicator=social_worker_coverage] .score-name").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{ids.SCORECARD} tr.selected[data-indicator=social_worker_coverage]")
    page.go_back()
    page.wait_for_selector(f"#{ids.SCORECARD} tr.selected[data-indicator=direct_elections]")
    assert page.evaluate("window.__same_page === true")


def test_the_not_found_page_searches_the_114_places(page, live_server):
    page.goto(live_server.url + "/county/nowhere")
    page.wait_for_selector(f"#{ids.PLACE_SEARCH}")
    page.locator(f"#{ids.PLACE_SEARCH}").click()
    page.keyboard.type("长海")
    page.locator(".dash-dropdown-option", has_text="长海县").first.click()
    page.wait_for_selector(f"#{ids.SCORECARD}")
    assert urlsplit(page.url).path == "/county/210224"
    expect(page.locator(".place-title")).to_contain_text("长海县")


def test_compare_from_a_county_page_its_link_the_picker_back_forward_and_a_bad_code(page, live_server):
    """The trend's projection band is drawn; "与大连市比较" opens /compare of the county and
    its city; the picker (by keyboard) changes the view and the address; back and forward
    walk the views; the address opened anew shows the same view; a bad code says so."""
    page.goto(live_server.url + "/county/210224?indicator=rural_center_coverage&year=2013")
    page.wait_for_selector(f"#{ids.TREND} .main-svg", timeout=60000)
    # the band: a filled area drawn in the plot (plotly's fill path, with a shape)
    page.wait_for_function(f"""() => [...document.querySelectorAll('#{ids.TREND} .js-fill')]
        .some(p => !p.closest('.legend') && (p.getAttribute('d') || '').length > 10
                   && getComputedStyle(p).fillOpacity !== '0')""",
                           timeout=30000)
    page.locator(f"#{ids.COMPARE_LINK}").click()
    page.wait_for_selector(f"#{ids.COMPARE_TABLE}", timeout=60000)
    first = page.url
    assert urlsplit(first).path == "/compare"
    assert parse_qs(urlsplit(first).query) == {"a": ["210224"], "b": ["210200"], "year": ["2013"], "lang": ["zh"]}
    expect(page.locator("h1")).to_have_text("比较：长海县与大连市")
    expect(page.locator(f"#{ids.COMPARE_TABLE}")).to_contain_text("2015 年展望")
    page.locator(f"#{ids.COMPARE_B}").focus()
    page.keyboard.press("Enter")  # opens the list at the chosen place; its search box sits above
    expect(page.locator(f"#{ids.COMPARE_B}")).to_have_attribute("aria-expanded", "true")
    page.locator(".dash-dropdown-search").focus()
    page.keyboard.type("210100")
    expect(page.locator(".dash-dropdown-option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("比较：长海县与沈阳市", timeout=60000)
    second = page.url
    assert parse_qs(urlsplit(second).query)["b"] == ["210100"]
    page.go_back()
    expect(page.locator("h1")).to_have_text("比较：长海县与大连市", timeout=60000)
    assert page.url == first
    page.go_forward()
    expect(page.locator("h1")).to_have_text("比较：长海县与沈阳市", timeout=60000)
    page.goto(second)  # the address alone reproduces the view
    expect(page.locator("h1")).to_have_text("比较：长海县与沈阳市", timeout=60000)
    expect(page.locator(f"#{ids.COMPARE_B}")).to_contain_text("沈阳市")
    page.goto(live_server.url + "/compare?a=210224&b=nowhere&lang=en")
    expect(page.locator(".notice")).to_contain_text("b=“nowhere”", timeout=60000)
    expect(page.locator("h1")).to_have_text("Compare Changhai County with Dalian")
