"""The page in a real browser: both maps draw every shape, and nothing leaves the host."""
from __future__ import annotations

import pytest

from layouts import ids
from settings import Settings
from tests.browser import LiveServer, RecordingPage, wait_for_map

pytestmark = pytest.mark.browser

SHAPES = ".choroplethlayer path.choroplethlocation"


def open_overview(rec: RecordingPage, url: str, search: str = "?level=county"):
    rec.page.goto(url + "/" + search)
    wait_for_map(rec.page)
    rec.page.wait_for_load_state("networkidle")


def test_county_map_draws_100_shapes_and_city_map_14(recording_page, live_server):
    open_overview(recording_page, live_server.url, "?level=county")
    assert recording_page.page.locator(f"#{ids.MAP} {SHAPES}").count() == 100
    open_overview(recording_page, live_server.url, "?level=city")
    assert recording_page.page.locator(f"#{ids.MAP} {SHAPES}").count() == 14


def test_no_shape_is_drawn_as_a_world_filling_inverse(recording_page, live_server):
    """A counter-clockwise ring makes d3-geo fill the whole globe: its path's box would
    cover the whole plot instead of a part of Liaoning."""
    open_overview(recording_page, live_server.url)
    boxes = recording_page.page.evaluate(f"""() => {{
        const frame = document.querySelector('#{ids.MAP} .main-svg').getBoundingClientRect();
        return [...document.querySelectorAll('#{ids.MAP} {SHAPES}')].map(p => {{
            const b = p.getBoundingClientRect();
            return (b.width * b.height) / (frame.width * frame.height);
        }});
    }}""")
    assert len(boxes) == 100
    # The largest county spans well under a fifth of the frame; an inverse fill spans it all.
    assert max(boxes) < 0.2


def test_page_requests_nothing_from_other_hosts(recording_page, live_server):
    """Loading, recolouring, zooming, switching language and reading the method text."""
    open_overview(recording_page, live_server.url)
    page = recording_page.page
    page.locator(f"#{ids.YEAR} [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    wait_for_map(page, year=2014)
    page.goto(live_server.url + "/?level=county&city=210200&map=status&lang=en")
    wait_for_map(page, city="210200")
    page.goto(live_server.url + "/method")
    page.wait_for_selector(".method-text")
    page.wait_for_load_state("networkidle")
    assert recording_page.requests, "the recorder saw no requests at all"
    assert any("world_110m.json" in u for u in recording_page.requests), \
        "plotly's world topojson should come from our own assets"
    assert not any("plotly.min.js" in u for u in recording_page.requests), "the partial plotly bundle is used"
    assert recording_page.foreign == []


def test_debug_mode_requests_nothing_from_other_hosts(browser, demo_store):
    """Dash's dev tools check for new versions online unless told not to."""
    server = LiveServer(Settings(debug=True), store=demo_store)
    rec = RecordingPage(browser, server.url)
    try:
        open_overview(rec, server.url)
        rec.page.wait_for_timeout(1500)
        assert rec.foreign == []
    finally:
        rec.close()
        server.stop()


def test_html_lang_is_chinese(recording_page, live_server):
    open_overview(recording_page, live_server.url)
    assert recording_page.page.evaluate("document.documentElement.lang") == "zh-CN"
