"""The page while the database is away (assets/outage.js): a callback answered 503 shows the
server's message in the page's language in a banner that is announced (role=alert), under the
page's CSP, and the page reloads by itself once /readyz answers again.

The outage is real for the server in this process (its store refuses every new connection); one
test also fakes the 503 in the browser (Playwright answers the callbacks itself), which shows
that the banner needs nothing from the page but that answer."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from data.i18n import t
from layouts import ids
from settings import Settings
from tests import stores
from tests.browser import LiveServer, RecordingPage, wait_for_map
from tests.test_db_outage import lost
import urls

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BANNER = ".outage-banner"
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
    window.reportViolation(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def server():
    store = stores.demo_copy("outage_browser")
    server = LiveServer(Settings(debug=False, secret_key="outage-browser-test", db_retry_after=1), store=store)
    yield server
    server.stop()
    store.engine.dispose()


@pytest.fixture
def watched(browser, server):
    rec = RecordingPage(browser, server.url)
    rec.violations = []
    rec.context.expose_function("reportViolation", lambda text: rec.violations.append(text))
    rec.context.add_init_script(REPORT_VIOLATIONS)
    yield rec
    rec.close()


def _banner_says(page, lang: str):
    banner = page.locator(BANNER)
    expect(banner).to_have_text(t("db.unavailable_page", lang), timeout=15000)
    assert banner.get_attribute("role") == "alert"
    assert banner.get_attribute("aria-live") == "assertive"


def test_a_recolour_during_an_outage_shows_the_banner_and_the_page_comes_back(watched, server):
    page = watched.page
    page.goto(server.url + "/?indicator=barrier_free&year=2015&level=county&lang=en")
    wait_for_map(page, year=2015)
    with lost(server.app.store):
        page.locator(f"#{ids.YEAR} [role=slider]").focus()
        page.keyboard.press("ArrowLeft")
        _banner_says(page, "en")
        page.wait_for_timeout(2500)  # a poll of /readyz or two, answered 503: no reload yet
        expect(page.locator(BANNER)).to_be_visible()
    # Back: the next poll answers 200 and the page reloads at the address it shows (the year
    # change that failed never reached the address: the page is drawn as before it).
    page.wait_for_selector(BANNER, state="detached", timeout=20000)
    wait_for_map(page, year=2015)
    assert watched.violations == []


def test_a_page_drawn_during_an_outage_says_so_in_chinese_by_default(watched, server):
    page = watched.page
    with lost(server.app.store):
        page.goto(server.url + "/county/210224")
        _banner_says(page, "zh")
    expect(page.locator(BANNER)).to_have_count(0, timeout=20000)
    expect(page.locator(f"#{ids.PAGE}")).not_to_be_empty(timeout=20000)
    assert watched.violations == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_any_503_from_the_callbacks_shows_the_banner_in_the_pages_language(watched, server, lang):
    page = watched.page
    body = {"error": {"zh": t("db.unavailable_page", "zh"), "en": t("db.unavailable_page", "en")},
            "retry_after": 60, "ready": urls.READYZ}
    page.route("**/_dash-update-component*", lambda route: route.fulfill(
        status=503, headers={"Retry-After": "60", "Content-Type": "application/json"}, body=json.dumps(body)))
    page.goto(server.url + f"/?lang={lang}")
    _banner_says(page, lang)
    assert watched.violations == []
