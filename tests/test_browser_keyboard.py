"""The keyboard alone, in a real browser: the Tab order from the top of the overview (the skip
link first, every stop shown and visibly focused), every city and county page reached with
Tab and Enter (the ranking's links, the summary, the table tab, a city's counties, the place
picker), Tab leaving every grid in one press while the arrow keys move inside it, the map's
table link, and the presentation's buttons by keyboard and by click with a live region that
says what changed."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from data import catalogue
from data.divisions import CITY_CODES, counties_of, division
from data.i18n import t
from layouts import ids
from tests.browser import RecordingPage, wait_for_map

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")
# A page drawn by the router, on a machine that runs other tests too: generous, not a speed test.
PAGE_WAIT_MS = 30_000
MAX_STOPS = 160  # far more than the overview has; a grid whose cells were Tab stops would pass it

# The focused element as the checks below see it. A stop is "shown" when it has a size, lies
# in the viewport (the browser scrolls it there) and is what is drawn at its centre (nothing
# covers it, and it is not a 1-pixel visually hidden element). A toggle button's radio input
# is drawn by its label (Bootstrap's .btn-check): the label is what must be shown.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const shown = e.matches('input.btn-check') && e.labels && e.labels.length ? e.labels[0] : e;
    const r = shown.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const grid = e.closest('.ag-root-wrapper');
    const gridOwner = grid ? grid.closest('[id]') : null;
    return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className || ''),
            text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
            href: e.getAttribute('href'), grid: gridOwner ? gridOwner.id : null,
            col: e.getAttribute('aria-colindex'), row: e.closest('[aria-rowindex]')
                ? e.closest('[aria-rowindex]').getAttribute('aria-rowindex') : null,
            width: r.width, height: r.height,
            inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
            drawn: !!hit && (hit === shown || shown.contains(hit) || hit.contains(shown))};
}"""

# Marks the focused element, so that it can be found again after the walk; the mark it had if
# it was reached before.
MARK = """(n) => { const e = document.activeElement, before = e.getAttribute('data-kbd-stop');
                   e.setAttribute('data-kbd-stop', String(n));
                   const shown = e.matches('input.btn-check') && e.labels && e.labels.length ? e.labels[0] : e;
                   shown.setAttribute('data-kbd-shown', String(n)); return before; }"""
# The start of the document, as after a page load: the next Tab goes to its first stop.
TO_TOP = """() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);
                    document.body.setAttribute('tabindex', '-1'); document.body.focus({preventScroll: true}); }"""


@pytest.fixture
def page(browser, live_server):
    rec = RecordingPage(browser, live_server.url, viewport=(1280, 720))
    # No smooth scrolling (Bootstrap's, unless reduced motion is asked for): the focused
    # element is then in view as soon as the key is pressed.
    rec.page.emulate_media(reduced_motion="reduce")
    yield rec.page
    rec.close()


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def open_overview(page, live_server, query: str = "", **expected):
    page.goto(live_server.url + "/" + query)
    wait_for_map(page, **expected)
    # The panels (ranking and its links, the summary) are drawn again once the map is: wait
    # for that, or the focus could sit on a link that is then replaced.
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(f"#{ids.RANKING_LINKS} a.place-link")


def walk(page, limit: int = MAX_STOPS, until=None) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves the document's last stop (or
    `until(stop)` is true); each stop, marked for indicator_shown()."""
    page.evaluate(TO_TOP)
    stops = []
    for n in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None:
            return stops
        stop["again"] = page.evaluate(MARK, n)
        stop["n"] = n
        stops.append(stop)
        if until is not None and until(stop):
            return stops
    raise AssertionError(f"the Tab key never left the page in {limit} presses: {stops[-5:]}")


def tab_until(page, predicate, limit: int = MAX_STOPS) -> dict:
    """Press Tab until the focused element matches `predicate`; it is returned."""
    stops = walk(page, limit, until=predicate)
    assert stops and predicate(stops[-1]), f"not reached by Tab: {[s['text'] for s in stops][-8:]}"
    return stops[-1]


def indicator_shown(page, n: int) -> bool:
    """Whether the stop marked `n` looks different focused than not: its focus indicator is
    drawn (a region a little larger than the element, so an outline outside it counts)."""
    selector = f"[data-kbd-stop='{n}']"
    page.focus(selector)
    box = page.locator(f"[data-kbd-shown='{n}']").bounding_box()
    pad = 8
    clip = {"x": max(box["x"] - pad, 0), "y": max(box["y"] - pad, 0),
            "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
    with_focus = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("(s) => document.querySelector(s).blur()", selector)
    without = page.screenshot(clip=clip, animations="disabled")
    return with_focus != without


# ---------------------------------------------------------------------- the Tab order
@pytest.mark.parametrize("lang", LANGS)
def test_the_tab_order_of_the_overview_starts_with_the_skip_link_and_every_stop_is_shown_and_focused(
        page, live_server, lang):
    open_overview(page, live_server, f"?lang={lang}")
    stops = walk(page)
    texts = [s["text"] for s in stops]
    if page.locator("a.skip-link").count():
        assert "skip-link" in stops[0]["cls"], texts[:3]
    hidden = [s for s in stops if not (s["width"] >= 2 and s["height"] >= 2 and s["inViewport"] and s["drawn"])]
    assert hidden == [], ("focused but not shown", hidden[:2])
    # The keyboard's ways to the places: the picker, the map's table, every ranked city, the summary.
    found = {s["id"] for s in stops}
    assert {ids.PLACE_PICKER, ids.MAP_TABLE_LINK} <= found
    city_links = [s["href"] for s in stops if "place-link" in s["cls"]]
    assert sorted(re.search(r"/city/(\d+)", h).group(1) for h in city_links) == sorted(CITY_CODES)
    assert all(f"lang={lang}" in h for h in city_links)
    # One stop each: nothing is reached twice on the way down.
    assert [s["text"] for s in stops if s["again"] is not None] == []
    missing = [s["text"] or s["id"] or s["cls"] for s in stops if not indicator_shown(page, s["n"])]
    assert missing == [], "no visible focus indicator"


def test_the_table_tab_is_reached_and_shown_by_keyboard(page, live_server):
    open_overview(page, live_server)
    map_choice = tab_until(page, lambda s: s["id"].endswith("view-tab_input_map"))
    assert map_choice["tag"] == "input"
    page.keyboard.press("ArrowRight")  # a radio group: the arrows choose
    expect(page.locator(f"#{ids.TABLE_CARD}")).to_be_visible()
    page.wait_for_selector(f"#{ids.TABLE} .ag-cell")
    assert "tab=table" in page.url


# ---------------------------------------------------------------------- every place by keyboard
def test_a_city_page_then_a_county_page_by_tab_and_enter_alone(page, live_server):
    open_overview(page, live_server)
    stop = tab_until(page, lambda s: "place-link" in s["cls"] and "/city/210200" in (s["href"] or ""))
    page.keyboard.press("Enter")
    expect(page.locator(".place-title")).to_contain_text("210200", timeout=PAGE_WAIT_MS)
    assert "/city/210200" in page.url and stop["href"].split("?")[1] in page.url
    # The city page lists its counties, each a link; the first that the Tab key meets is the first.
    page.wait_for_selector(f"#{ids.CITY_COUNTIES} a", timeout=PAGE_WAIT_MS)
    hrefs = page.eval_on_selector_all(f"#{ids.CITY_COUNTIES} a", "as => as.map(a => a.getAttribute('href'))")
    assert [re.search(r"/county/(\d+)", h).group(1) for h in hrefs] == counties_of("210200")
    county = counties_of("210200")[2]
    tab_until(page, lambda s: f"/county/{county}" in (s["href"] or ""))
    page.keyboard.press("Enter")
    expect(page.locator(".place-title")).to_contain_text(county, timeout=PAGE_WAIT_MS)
    assert f"/county/{county}" in page.url


def test_the_ranking_of_a_city_links_its_counties_and_the_summary_its_city(page, live_server):
    open_overview(page, live_server, "?indicator=barrier_free&level=county&city=210200&county=210224&lang=en",
                  ind="barrier_free")
    hrefs = page.eval_on_selector_all(f"#{ids.RANKING_LINKS} a", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(re.search(r"/county/(\d+)", h).group(1) for h in hrefs) == sorted(counties_of("210200"))
    assert all("indicator=barrier_free" in h and "lang=en" in h for h in hrefs)
    assert t("places.ranking_links_counties", "en", city=division("210200").label("en")) in \
        page.locator(f"#{ids.RANKING_LINKS}").inner_text()
    tab_until(page, lambda s: s["id"] == ids.SUMMARY_LINK)
    page.keyboard.press("Enter")
    expect(page.locator(".place-title")).to_contain_text("210224", timeout=PAGE_WAIT_MS)
    page.go_back()
    wait_for_map(page, ind="barrier_free")
    page.wait_for_selector("a.summary-open-city")
    tab_until(page, lambda s: "summary-open-city" in s["cls"])
    page.keyboard.press("Enter")
    expect(page.locator(".place-title")).to_contain_text("210200", timeout=PAGE_WAIT_MS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_place_picker_opens_the_county_typed(page, live_server, lang):
    open_overview(page, live_server, f"?indicator=barrier_free&year=2013&lang={lang}", ind="barrier_free")
    label = page.locator(f"label[for={ids.PLACE_PICKER}]")
    assert label.inner_text() == t("places.picker", lang)
    tab_until(page, lambda s: s["id"] == ids.PLACE_PICKER)
    page.keyboard.press("Enter")  # opens the list, with its search box, which takes the focus
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.dash-dropdown-search')")
    page.keyboard.type("长海" if lang == "zh" else "Changhai")
    expect(page.locator(".dash-dropdown-option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator(".place-title")).to_contain_text("210224", timeout=PAGE_WAIT_MS)
    assert page.url.endswith(f"/county/210224?indicator=barrier_free&year=2013&lang={lang}")


def test_the_table_tab_names_link_to_each_page_and_enter_on_a_cell_follows_it(page, live_server):
    open_overview(page, live_server, "?level=county&tab=table&lang=en")
    page.wait_for_selector(f"#{ids.TABLE} a.grid-place-link")
    links = page.eval_on_selector_all(f"#{ids.TABLE} a.grid-place-link",
                                      "as => as.map(a => [a.textContent, a.getAttribute('href'), a.tabIndex])")
    assert links and all(re.search(r"^/(city|county)/\d{6}\?", h) for _, h, _ in links)
    assert all(tab == -1 for _, _, tab in links)  # the grid is one Tab stop; its cells take the arrows
    tab_until(page, lambda s: s["grid"] == ids.TABLE)
    for key in ("ArrowDown", "ArrowDown", "ArrowRight"):  # past the filters to the first name
        page.keyboard.press(key)
    cell = focused(page)
    first_name = page.locator(f"#{ids.TABLE} .ag-row[row-index='0'] [col-id='name']").inner_text()
    assert cell["text"] == first_name
    page.keyboard.press("Enter")
    expect(page.locator(".place-title")).to_contain_text(first_name, timeout=PAGE_WAIT_MS)
    assert "/county/" in page.url


# ---------------------------------------------------------------------- grids
def grid_leaves_in_one_press(page, grid_id: str):
    before = walk(page, until=lambda s: s["grid"] == grid_id)
    assert before[-1]["grid"] == grid_id, "the grid is not reached by Tab"
    outside_before = before[-2]
    entry = before[-1]
    page.keyboard.press("Tab")
    after_header = focused(page)
    assert after_header is None or after_header["grid"] != grid_id, ("Tab stayed in the grid", after_header)
    # From a cell of the body: the arrows move, one Tab leaves, one Shift+Tab goes back before it.
    page.focus(f"[data-kbd-stop='{entry['n']}']")
    for key in ("ArrowDown", "ArrowDown", "ArrowDown"):
        page.keyboard.press(key)
    cell = focused(page)
    assert cell["grid"] == grid_id and "ag-cell" in cell["cls"]
    page.evaluate(MARK, 9999)
    assert indicator_shown(page, 9999), "a focused cell shows no focus indicator"
    page.focus("[data-kbd-stop='9999']")
    page.keyboard.press("ArrowRight")
    moved = focused(page)
    assert moved["grid"] == grid_id and moved["col"] == str(int(cell["col"]) + 1)
    page.keyboard.press("ArrowDown")
    assert focused(page)["row"] != moved["row"]
    page.keyboard.press("Tab")
    out = focused(page)
    assert out is None or out["grid"] != grid_id, ("Tab stayed in the grid", out)
    page.focus(f"[data-kbd-stop='{entry['n']}']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Tab")
    back = focused(page)
    assert back is not None and back["grid"] != grid_id, ("Shift+Tab stayed in the grid", back)
    assert page.evaluate("() => document.activeElement.getAttribute('data-kbd-stop')") == str(outside_before["n"])


def test_tab_leaves_the_overview_table_in_one_press(page, live_server):
    open_overview(page, live_server, "?level=county&tab=table")
    page.wait_for_selector(f"#{ids.TABLE} .ag-cell")
    grid_leaves_in_one_press(page, ids.TABLE)


def test_tab_leaves_the_county_work_list_in_one_press(page, live_server):
    page.goto(live_server.url + "/county/210224?indicator=barrier_free&worklist=all")
    page.wait_for_selector(f"#{ids.WORKLIST} .ag-cell")
    page.wait_for_load_state("networkidle")
    grid_leaves_in_one_press(page, ids.WORKLIST)


# ---------------------------------------------------------------------- the map's equivalent
@pytest.mark.parametrize("lang", LANGS)
def test_the_map_links_its_table_which_takes_the_focus(page, live_server, lang):
    open_overview(page, live_server, f"?indicator=barrier_free&lang={lang}", ind="barrier_free")
    link = page.locator(f"#{ids.MAP_TABLE_LINK}")
    expect(link).to_be_visible()
    assert link.inner_text() == t("places.map_as_table", lang)
    assert "tab=table" in link.get_attribute("href")
    tab_until(page, lambda s: s["id"] == ids.MAP_TABLE_LINK)
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ids.TABLE_CARD}")).to_be_visible()
    expect(page.locator(f"#{ids.MAP_CARD}")).to_be_hidden()
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{ids.TABLE_TITLE}'")
    assert "tab=table" in page.url and "indicator=barrier_free" in page.url
    page.wait_for_selector(f"#{ids.TABLE} a.grid-place-link")
    names = page.eval_on_selector_all(f"#{ids.TABLE} a.grid-place-link", "as => as.length")
    assert names == len(CITY_CODES)
    # Its href follows the view: another indicator, another table.
    page.goto(live_server.url + f"/?indicator=co_building&lang={lang}")
    wait_for_map(page, ind="co_building")
    assert "indicator=co_building" in page.locator(f"#{ids.MAP_TABLE_LINK}").get_attribute("href")


# ---------------------------------------------------------------------- presentation mode
STAGE = f"#{ids.PRESENT_STAGE}"
ANNOUNCE, NUMBER, STATE = f"#{ids.PRESENT_ANNOUNCE}", f"#{ids.PRESENT_NUMBER}", f"#{ids.PRESENT_STATE}"
PREVIOUS, NEXT, PAUSE = f"#{ids.PRESENT_PREVIOUS}", f"#{ids.PRESENT_NEXT}", f"#{ids.PRESENT_PAUSE}"


def open_present(page, live_server, query: str):
    page.goto(live_server.url + "/present" + query)
    page.wait_for_function(f"() => document.querySelector('{STAGE}') && "
                           f"document.querySelector('{STAGE}').dataset.slide === '1'")


def slide_words(lang: str, n: int, total: int, title: str) -> str:
    return t("present.announce", lang, n=n, total=total, title=title)


@pytest.mark.parametrize("lang", LANGS)
def test_the_presentation_buttons_work_by_click_and_the_live_region_says_so(page, live_server, lang):
    open_present(page, live_server, f"?indicators=barrier_free,direct_elections&interval=600&lang={lang}")
    live = page.locator(ANNOUNCE)
    assert live.get_attribute("aria-live") == "polite"
    expect(live).to_have_text(slide_words(lang, 1, 4, t("present.title_slide", lang)))
    for selector, key in ((PREVIOUS, "present.previous"), (NEXT, "present.next"), (PAUSE, "present.pause")):
        expect(page.locator(selector)).to_be_visible()
        assert t(key, lang) in page.locator(selector).inner_text()
    page.click(NEXT)
    expect(page.locator(NUMBER)).to_have_text("2 / 4")
    expect(live).to_have_text(slide_words(lang, 2, 4, catalogue.get("barrier_free").name[lang]))
    page.click(PREVIOUS)
    page.click(PREVIOUS)  # from the first slide back to the last
    expect(live).to_have_text(slide_words(lang, 4, 4, t("present.summary", lang)))
    page.click(PAUSE)
    expect(page.locator(STATE)).to_have_text(t("present.paused", lang))
    expect(live).to_have_text(t("present.announce_paused", lang))
    expect(page.locator(PAUSE)).to_contain_text(t("present.resume", lang))
    page.click(PAUSE)
    expect(live).to_have_text(t("present.announce_resumed", lang, seconds=600))
    expect(page.locator(PAUSE)).to_contain_text(t("present.pause", lang))


@pytest.mark.parametrize("pointer", ["mouse", "touch"])
def test_a_mouse_or_touch_user_can_pause_the_auto_advance(browser, live_server, pointer):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=pointer == "touch")
    try:
        page = context.new_page()
        open_present(page, live_server, "?indicators=barrier_free&interval=2")
        press = (lambda s: page.locator(s).tap()) if pointer == "touch" else (lambda s: page.locator(s).click())
        press(PAUSE)
        expect(page.locator(STATE)).to_have_text(t("present.paused", "zh"))
        page.wait_for_timeout(2600)
        assert page.locator(NUMBER).inner_text() == "1 / 3"
        press(NEXT)  # stepping while paused stays paused
        page.wait_for_timeout(2600)
        assert page.locator(NUMBER).inner_text() == "2 / 3"
        press(PAUSE)
        expect(page.locator(NUMBER)).to_have_text("3 / 3", timeout=4000)
    finally:
        context.close()


def test_the_presentation_buttons_work_by_keyboard_with_a_visible_focus(page, live_server):
    open_present(page, live_server, "?indicators=barrier_free,direct_elections&interval=600")
    live = page.locator(ANNOUNCE)
    stops = walk(page, limit=20)
    order = [s["id"] for s in stops]
    assert order[:3] == [ids.PRESENT_PREVIOUS, ids.PRESENT_PAUSE, ids.PRESENT_NEXT], order
    assert all(s["drawn"] and s["inViewport"] for s in stops)
    page.focus(NEXT)
    page.keyboard.press("Enter")
    expect(live).to_have_text(slide_words("zh", 2, 4, catalogue.get("barrier_free").name["zh"]))
    page.keyboard.press(" ")  # Space on the focused "next" presses it, and does not also pause
    expect(page.locator(NUMBER)).to_have_text("3 / 4")
    expect(page.locator(STATE)).to_have_text("")
    page.focus(PREVIOUS)
    page.keyboard.press("Enter")
    expect(live).to_have_text(slide_words("zh", 2, 4, catalogue.get("barrier_free").name["zh"]))
    page.focus(PAUSE)
    page.keyboard.press(" ")
    expect(page.locator(STATE)).to_have_text(t("present.paused", "zh"))
    expect(live).to_have_text(t("present.announce_paused", "zh"))
    page.keyboard.press("ArrowRight")  # the clicker's keys still step, wherever the focus is
    expect(page.locator(NUMBER)).to_have_text("3 / 4")
    missing = [s["id"] for s in stops if not indicator_shown(page, s["n"])]
    assert missing == [], "no visible focus indicator"


@pytest.mark.parametrize("lang", LANGS)
def test_the_heat_table_associates_each_cell_with_its_city_and_indicator(page, live_server, lang):
    open_present(page, live_server, f"?interval=600&lang={lang}")
    table = page.evaluate("""() => {
        const t = document.querySelector('.heat-table');
        return {caption: t.caption ? t.caption.textContent.trim() : '',
                cols: [...t.tHead.rows[0].cells].map(c => [c.tagName, c.getAttribute('scope'), c.textContent.trim()]),
                rows: [...t.tBodies[0].rows].map(r => [r.cells[0].tagName, r.cells[0].getAttribute('scope'),
                        [...r.cells].slice(1).map(c => c.querySelector('.visually-hidden').textContent)])};
    }""")
    assert table["caption"]
    assert all(tag == "TH" and scope == "col" and text for tag, scope, text in table["cols"])
    assert len(table["cols"]) == 1 + len(CITY_CODES)
    assert table["rows"] and all(tag == "TH" and scope == "row" for tag, scope, _ in table["rows"])
    assert all(len(cells) == len(CITY_CODES) and all(cells) for _, _, cells in table["rows"])
