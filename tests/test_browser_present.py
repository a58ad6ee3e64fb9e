"""Presentation mode in a real browser: keys and clicker, timer, pause, configuration by
query string, the smallest text on every slide, and nothing fetched from elsewhere."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from data import catalogue
from layouts import ids
from tests.browser import RecordingPage

pytestmark = pytest.mark.browser

STAGE, NUMBER, STATE = f"#{ids.PRESENT_STAGE}", f"#{ids.PRESENT_NUMBER}", f"#{ids.PRESENT_STATE}"
PROGRESS, ROOT = f"#{ids.PRESENT_PROGRESS}", f"#{ids.PRESENT_ROOT}"


def open_present(page, live_server, query: str, size=(1920, 1080)):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(live_server.url + "/present" + query)
    page.wait_for_function(f"() => document.querySelector('{STAGE}') && "
                           f"document.querySelector('{STAGE}').dataset.slide === '1'")
    page.wait_for_function("() => document.querySelectorAll('.slide-map path.choroplethlocation').length > 0")


def current(page) -> tuple[str, str]:
    """(slide number text, title of the visible slide)."""
    return tuple(page.evaluate(f"""(() => [document.querySelector('{NUMBER}').textContent,
        document.querySelector('.slide.active').dataset.title])()"""))


@pytest.fixture
def page(recording_page):
    return recording_page.page


def test_keys_step_forward_and_back_with_the_right_number_and_title(page, live_server):
    open_present(page, live_server, "?indicators=barrier_free,direct_elections&interval=600")
    assert current(page) == ("1 / 4", "总体进展")
    page.keyboard.press("ArrowRight")
    assert current(page) == ("2 / 4", catalogue.get("barrier_free").name["zh"])
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    assert current(page) == ("3 / 4", catalogue.get("direct_elections").name["zh"])
    page.keyboard.press("PageDown")
    assert current(page) == ("4 / 4", "各市状态一览")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    assert current(page) == ("2 / 4", catalogue.get("barrier_free").name["zh"])


def test_slides_advance_on_their_own_with_a_progress_line(page, live_server):
    open_present(page, live_server, "?indicators=barrier_free&interval=2")
    width = page.evaluate(f"document.querySelector('{PROGRESS}').style.width")
    page.wait_for_timeout(900)
    later = page.evaluate(f"document.querySelector('{PROGRESS}').style.width")
    assert float(later.rstrip("%")) > float(width.rstrip("%") or 0)
    expect(page.locator(NUMBER)).to_have_text("2 / 3", timeout=4000)
    expect(page.locator(NUMBER)).to_have_text("3 / 3", timeout=4000)


def test_space_pauses_and_resumes(page, live_server):
    open_present(page, live_server, "?indicators=barrier_free&interval=2")
    page.keyboard.press(" ")
    expect(page.locator(STATE)).to_have_text("已暂停")
    page.wait_for_timeout(2600)
    assert current(page)[0] == "1 / 3"
    page.keyboard.press(" ")
    expect(page.locator(STATE)).to_have_text("")
    expect(page.locator(NUMBER)).to_have_text("2 / 3", timeout=4000)


def test_the_query_string_configures_slides_level_theme_and_language(page, live_server):
    open_present(page, live_server, "?indicators=co_building,barrier_free,nope&year=2013&level=county"
                                    "&theme=light&lang=en&interval=600")
    assert page.locator(f"{ROOT}.theme-light").count() == 1
    titles = page.evaluate("[...document.querySelectorAll('.slide')].map(s => s.dataset.title)")
    assert titles == ["Overall progress", catalogue.get("co_building").name["en"],
                      catalogue.get("barrier_free").name["en"], "Every city at a glance"]
    assert "nope" in page.locator(".stage-notices").inner_text()
    page.keyboard.press("ArrowRight")
    assert page.locator(".slide.active .slide-map path.choroplethlocation").count() == 100
    assert "2013" in page.locator(".slide.active .slide-sub").inner_text()


def test_defaults_are_the_headline_goals_the_latest_year_and_cities(page, live_server):
    open_present(page, live_server, "")
    titles = page.evaluate("[...document.querySelectorAll('.slide-indicator')].map(s => s.dataset.indicator)")
    assert titles == ["urban_facility_coverage", "rural_center_coverage", "rural_centers_built",
                      "urban_stations_built"]
    assert page.locator(".slide-indicator").first.locator("path.choroplethlocation").count() == 14
    assert "2015" in page.locator(".slide-indicator .slide-sub").first.text_content()


SMALLEST_TEXT = """(() => {
    const stage = document.querySelector('%s');
    const scale = 1080 / stage.offsetHeight;  // the stage is laid out at 1080p: scale is 1
    const sizes = [];
    for (const el of stage.querySelectorAll('*')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('.visually-hidden')) continue;  // a chart's text alternative is not shown
        const style = getComputedStyle(el);
        if (style.visibility !== 'visible' || style.display === 'none') continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        sizes.push([parseFloat(style.fontSize) * scale, el.textContent.trim().slice(0, 30)]);
    }
    sizes.sort((a, b) => a[0] - b[0]);
    return sizes.slice(0, 3);
})()""" % STAGE


OVERFLOW = """(() => {
    const footer = document.querySelector('.stage-footer').getBoundingClientRect();
    const stage = document.querySelector('%s').getBoundingClientRect();
    const out = [];
    for (const el of document.querySelectorAll('.slide.active *')) {
        if (!el.childElementCount && el.textContent.trim() && !el.closest('.visually-hidden')) {
            const b = el.getBoundingClientRect();
            if (b.width && (b.bottom > footer.top + 1 || b.right > stage.right + 1))
                out.push(el.textContent.trim().slice(0, 30));
        }
    }
    return out;
})()""" % STAGE


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_smallest_text_on_every_slide_is_at_least_28_px_at_1080p(page, live_server, lang):
    open_present(page, live_server, f"?indicators=barrier_free,rural_centers_built&level=county&interval=600"
                                    f"&lang={lang}", size=(1024, 768))
    for _ in range(4):
        smallest = page.evaluate(SMALLEST_TEXT)
        assert smallest and smallest[0][0] >= 28, (current(page), smallest)
        assert page.evaluate(OVERFLOW) == [], current(page)  # nothing runs into the footer or off the stage
        page.keyboard.press("ArrowRight")


def test_the_stage_keeps_16_9_and_fits_the_screen(page, live_server):
    for size in ((1920, 1080), (1280, 720), (1024, 768)):
        open_present(page, live_server, "?interval=600", size=size)
        box = page.locator(STAGE).bounding_box()
        assert abs(box["width"] / box["height"] - 16 / 9) < 0.01
        assert box["width"] <= size[0] + 1 and box["height"] <= size[1] + 1
        assert max(box["width"] / size[0], box["height"] / size[1]) > 0.99  # fills one dimension


def test_nothing_scrolls_and_no_mode_bar(page, live_server):
    open_present(page, live_server, "?interval=600", size=(1280, 720))
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    assert page.locator(".modebar").count() == 0


def test_presentation_requests_nothing_from_other_hosts(browser, live_server):
    rec = RecordingPage(browser, live_server.url)
    try:
        open_present(rec.page, live_server, "?level=county&interval=600")
        for _ in range(6):
            rec.page.keyboard.press("ArrowRight")
        rec.page.wait_for_load_state("networkidle")
        assert any(u.endswith("/geo/county.geojson") for u in rec.requests)
        assert rec.foreign == []
    finally:
        rec.close()


def test_present_this_view_links_from_the_overview(page, live_server):
    from tests.browser import wait_for_map
    page.goto(live_server.url + "/?indicator=barrier_free&year=2013&level=county")
    wait_for_map(page, ind="barrier_free")
    link = page.locator(f"#{ids.PRESENT_LINK}")
    assert link.get_attribute("href") == "/present?indicators=barrier_free&year=2013&level=county&lang=zh"
    link.click()
    page.wait_for_function(f"() => document.querySelector('{STAGE}')")
    assert page.evaluate("document.querySelectorAll('.slide-indicator').length") == 1
