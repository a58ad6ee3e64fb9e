"""Every page prints cleanly (assets/print.css, assets/print.js): A4 portrait, no controls, no mode
bar, the charts redrawn to the page's width, the simulated-data badge kept; and the pages link to
the circular and the profiles."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.browser import wait_for_map

pytestmark = pytest.mark.browser

A4_CONTENT_PX = 186 / 25.4 * 96  # 210 mm less the 12 mm margins, in CSS pixels
PAGES = ["/", "/city/210200", "/county/210224?lang=en", "/method"]
HIDDEN = [".controls", ".lang-switch", ".modebar-container", ".downloads", ".year-links", "button", ".btn"]


@pytest.fixture
def page(recording_page):
    return recording_page.page


def printed(page):
    """The page as the print draws it: the charts redrawn for it, the print media on."""
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    page.emulate_media(media="print")


def load(page, origin: str, path: str):
    page.goto(origin + path)
    page.wait_for_selector(".app-header", timeout=20000)
    if path in ("/", "/city/210200") or path.startswith("/county"):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20000)
    if path.startswith("/?") or path == "/":
        wait_for_map(page, timeout=20000)  # coloured by map.js: the print comes after, as a person's does
    page.wait_for_timeout(500)


@pytest.mark.parametrize("path", PAGES)
def test_a_page_prints_on_a4_without_its_controls(page, recording_page, live_server, path):
    load(page, live_server.url, path)
    printed(page)
    shown = page.evaluate("""(selectors) => selectors.map((s) => [s, [...document.querySelectorAll(s)].filter(
        (el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden').length])""", HIDDEN)
    assert all(n == 0 for _, n in shown), shown
    assert page.locator(".simulated-badge").first.is_visible()  # the demo data say so on paper too
    widths = page.evaluate("[...document.querySelectorAll('.js-plotly-plot')].map("
                           "(gd) => gd.getBoundingClientRect().width)")
    assert all(0 < w <= A4_CONTENT_PX + 2 for w in widths), widths
    svgs = page.evaluate("[...document.querySelectorAll('.js-plotly-plot .main-svg')].map("
                         "(s) => +s.getAttribute('width'))")
    assert all(w <= A4_CONTENT_PX + 2 for w in svgs), svgs  # redrawn to the page, not clipped
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    first = pdf.pages[0]
    assert float(first.mediabox.width) == pytest.approx(595.3, abs=1)   # A4 portrait
    assert float(first.mediabox.height) == pytest.approx(841.9, abs=1)
    assert recording_page.foreign == []


def test_after_the_print_the_screen_layout_comes_back(page, live_server):
    load(page, live_server.url, "/")
    before = page.evaluate("document.querySelector('#map .js-plotly-plot').getBoundingClientRect().width")
    printed(page)
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_timeout(300)
    assert not page.evaluate("document.documentElement.classList.contains('printing')")
    after = page.evaluate("document.querySelector('#map .js-plotly-plot').getBoundingClientRect().width")
    assert after == pytest.approx(before, abs=2) and after > A4_CONTENT_PX


@pytest.mark.parametrize("path,href", [("/county/210224?year=2013", "/download/profile.pdf?code=210224&year=2013&lang=zh"),
                                       ("/city/210200?lang=en", "/download/profile.pdf?code=210200&year=2015&lang=en"),
                                       ("/?year=2014", "/download/circular.docx?year=2014&lang=zh")])
def test_the_documents_are_linked_where_they_belong(page, live_server, path, href):
    load(page, live_server.url, path)
    link = page.locator(f'a[href="{href}"]')
    assert link.count() == 1 and link.first.is_visible()
    response = page.request.get(live_server.url + href)
    assert response.status == 200 and len(response.body()) > 1000
