"""WCAG 2.1 AA in a real browser: axe-core (vendored from npm, tests/vendor/axe.min.js) finds no
violation of any impact on every page, in both languages and in the states a user reaches
(a tab, a selected county, the work list, every slide, signed in); and each page has the
structure axe's WCAG rules do not check: its own <title>, one <h1>, a <main>, a skip link first."""
from __future__ import annotations

from pathlib import Path

import pytest

from data import users
from data.i18n import t
from layouts import ids
from settings import Settings
from tests import stores
from tests.browser import LiveServer, RecordingPage, wait_for_map

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0 and 2.1, levels A and AA: what GB/T 37668-2019 follows.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGS = ("zh", "en")
PASSWORD = "Axe-check-Passw0rd!"

RUN_AXE = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))})))"""

# What a page looks like to the checks below, read in one go.
STRUCTURE = """() => {
    // Shown, as a screen reader finds it: not display:none nor visibility:hidden (the slides not shown).
    const visible = e => e.checkVisibility({visibilityProperty: true});
    const focusable = [...document.querySelectorAll(
        'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]')]
        .filter(e => e.tabIndex >= 0 && !e.closest('[hidden], [inert]'));
    const skip = document.querySelector('a.skip-link');
    return {title: document.title, lang: document.documentElement.lang,
            h1: [...document.querySelectorAll('h1')].filter(visible).map(e => e.textContent.trim()),
            main: document.querySelectorAll('main, [role=main]').length,
            first: focusable.length ? focusable[0].outerHTML.slice(0, 160) : null,
            skip: skip ? {text: skip.textContent.trim(), href: skip.getAttribute('href'), first: focusable[0] === skip,
                          target: !!document.getElementById((skip.getAttribute('href') || '#').slice(1))} : null};
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (axe injected once per document)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol, not as a <script>: the page's
        # Content-Security-Policy (no inline script, no eval) does not apply to it.
        page.evaluate(AXE_SOURCE + "\n;0")
    return page.evaluate(RUN_AXE, TAGS)


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}\n        {summary[:400]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_no_violations(page, what: str) -> None:
    found = axe_violations(page)
    assert not found, f"axe-core found {len(found)} violation(s) on {what}:\n{report(found)}"


def assert_structure(page, what: str, lang: str, *, words: tuple[str, ...] = (), skip_link: bool = True) -> dict:
    """One visible <h1>, a <main>, the page's own title naming `words`, and the skip link as the
    first thing Tab reaches, in the page's language."""
    s = page.evaluate(STRUCTURE)
    assert s["lang"] == ("zh-CN" if lang == "zh" else "en"), (what, s["lang"])
    assert len(s["h1"]) == 1, f"{what}: {len(s['h1'])} visible <h1>: {s['h1']}"
    assert s["main"] == 1, f"{what}: {s['main']} main landmarks"
    assert s["title"].endswith(t("app.title", lang)), (what, s["title"])
    for word in words:
        assert str(word) in s["title"], f"{what}: the title {s['title']!r} does not name {word!r}"
    if skip_link:
        assert s["skip"] is not None, f"{what}: no skip link"
        assert s["skip"]["first"], f"{what}: the first focusable element is {s['first']}, not the skip link"
        assert s["skip"]["text"] == t("a11y.skip", lang) and s["skip"]["target"], (what, s["skip"])
    return s


def settle(page) -> None:
    """Let the callbacks the page fired on arrival finish (Dash marks pending ones)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=true]')")
    page.wait_for_timeout(300)


# ---------------------------------------------------------------------- the public pages
@pytest.fixture(scope="module")
def public(browser, live_server):
    """One page for every public state, at the size of the projector the dashboard is read on."""
    rec = RecordingPage(browser, live_server.url, viewport=(1280, 720))
    yield rec
    assert rec.foreign == [], "a page asked another host for something"
    rec.close()


def open_page(rec, path: str):
    page = rec.page
    page.goto(rec_url(rec, path))
    return page


def rec_url(rec, path: str) -> str:
    return f"http://{rec.origin}{path}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_map(public, lang):
    page = open_page(public, f"/?lang={lang}")
    wait_for_map(page)
    settle(page)
    assert_structure(page, "the overview", lang, words=("2015",))
    assert_no_violations(page, f"the overview ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_table_tab(public, lang):
    page = open_page(public, f"/?tab=table&indicator=barrier_free&lang={lang}")
    page.wait_for_selector(f"#{ids.TABLE} .ag-row")
    settle(page)
    from data import catalogue
    assert_structure(page, "the overview's table", lang, words=(catalogue.get("barrier_free").name[lang],))
    assert_no_violations(page, f"the overview's table tab ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_with_a_county_selected(public, lang):
    from data.divisions import division
    page = open_page(public, f"/?level=county&city=210200&county=210224&year=2013&lang={lang}")
    wait_for_map(page, county="210224")
    page.wait_for_selector(f"#{ids.SUMMARY_LINK}")
    settle(page)
    assert_structure(page, "the overview with a county", lang, words=(division("210224").label(lang), "2013"))
    assert_no_violations(page, f"the overview with a county selected ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_in_the_outlook_and_change_colour_modes(public, lang):
    """h1: the "2015 outlook" map (its worded legend) and the "change" map (year A's control, the
    dumbbell ranking), in one test per language."""
    for search, expected in (("?map=outlook&year=2014&level=county", {"mode": "outlook"}),
                             ("?map=change&from=2012&year=2014", {"mode": "change"})):
        page = open_page(public, f"/{search}&lang={lang}")
        wait_for_map(page, timeout=30000, **expected)
        settle(page)
        assert_structure(page, f"the overview {search}", lang, words=("2014",))
        assert_no_violations(page, f"the overview {search} ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_a_city_page(public, lang):
    from data.divisions import division
    page = open_page(public, f"/city/210200?year=2014&lang={lang}")
    page.wait_for_selector(f"#{ids.SMALL_MULTIPLES} .main-svg")
    settle(page)
    assert_structure(page, "a city page", lang, words=(division("210200").label(lang), "2014"))
    assert_no_violations(page, f"a city page ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_page_with_the_work_list(public, lang):
    from data.divisions import division
    page = open_page(public, f"/county/210224?worklist=all&year=2013&lang={lang}")  # with the outlook
    page.wait_for_selector(f"#{ids.WORKLIST} .ag-row")
    settle(page)
    assert_structure(page, "a county page", lang, words=(division("210224").label(lang),))
    assert_no_violations(page, f"a county page with the work list ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_compare_page(public, lang):
    """/compare before 2015: the two pickers, the table with the outlook, the overlaid trends."""
    from data.divisions import division
    page = open_page(public, f"/compare?a=210224&b=210200&year=2013&lang={lang}")
    page.wait_for_selector(f"#{ids.COMPARE_TRENDS} .main-svg", timeout=90000)  # 40 traces, on a busy machine
    settle(page)
    assert_structure(page, "the compare page", lang, words=(division("210224").label(lang), "2013"))
    assert_no_violations(page, f"the compare page ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_of_the_presentation(public, lang):
    page = open_page(public, f"/present?interval=600&lang={lang}")
    stage = f"#{ids.PRESENT_STAGE}"
    page.wait_for_function(f"() => document.querySelector('{stage}') && "
                           f"document.querySelector('{stage}').dataset.slide === '1'")
    page.wait_for_function("() => document.querySelectorAll('.slide-map path.choroplethlocation').length > 0")
    settle(page)
    count = page.locator(".slide").count()
    assert count >= 3
    for number in range(1, count + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"(n) => document.querySelector('{stage}').dataset.slide === String(n)", arg=number)
            page.wait_for_timeout(150)
        # The stage fills the screen: no header to skip.
        assert_structure(page, f"slide {number}", lang, skip_link=False)
        assert_no_violations(page, f"slide {number} of {count} ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_method_page(public, lang):
    page = open_page(public, f"/method?lang={lang}")
    page.wait_for_selector("#clause-table")
    settle(page)
    assert_structure(page, "the method page", lang, words=(t("method.title", lang),))
    assert_no_violations(page, f"the method page ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_sign_in_page(public, lang):
    page = open_page(public, f"/login?lang={lang}")
    page.wait_for_selector("#login-form")
    assert_structure(page, "the sign-in page", lang, words=(t("login.title", lang),))
    assert_no_violations(page, f"the sign-in page ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_page_signed_out(public, lang):
    page = open_page(public, f"/data?lang={lang}")
    page.wait_for_selector(f"#{ids.DATA_DENIED}")
    settle(page)
    assert_structure(page, "the data page, signed out", lang, words=(t("data.title", lang),))
    assert_no_violations(page, f"the data page signed out ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_reporting_status_page(public, lang):
    page = open_page(public, f"/reports?city=210100&status=bad&lang={lang}")
    page.wait_for_selector(f"#{ids.REPORTS_GRID}", timeout=60000)
    settle(page)
    assert_structure(page, "the reporting status", lang, words=(t("reports.title", lang),))
    assert_no_violations(page, f"the reporting status with a notice ({lang})")


def test_a_skip_link_moves_the_focus_into_the_main_content(public):
    page = open_page(public, "/city/210200?lang=en")
    page.wait_for_selector(f"#{ids.SCORECARD}")
    settle(page)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className").find("skip-link") >= 0
    assert page.locator("a.skip-link").is_visible()  # shown once focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => !!document.activeElement.closest('main')")
    page.keyboard.press("Tab")  # the next stop is inside the page, past the header
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_the_title_follows_the_overview_view(public):
    from data import catalogue
    page = open_page(public, "/?lang=en")
    wait_for_map(page)
    page.goto(rec_url(public, "/?indicator=barrier_free&year=2012&lang=en"))
    wait_for_map(page, year=2012)
    page.wait_for_function("(w) => document.title.includes(w)", arg=catalogue.get("barrier_free").name["en"])
    assert "2012" in page.title()
    page.keyboard.press("Tab")  # into the page, then a year on with the slider's keys
    page.focus(f"#{ids.YEAR} [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.title.includes('2013')")
    assert page.get_attribute(f"#{ids.YEAR} [role=slider]", "aria-valuetext") == "2013"


# ---------------------------------------------------------------------- signed in
@pytest.fixture(scope="module")
def data_server():
    store = stores.demo_copy("axe_data")
    users.create_user(store, "axe-admin", PASSWORD, "admin")
    # A reported county-year with a warning to check, and a deadline past: every status on /reports.
    from data import reporting
    from tests.test_reporting import copy_batch, warning_rows
    copy_batch(store, "210102", 2014, warning_rows("210102", 2014, "urban_facility_coverage"))
    reporting.set_deadline(store, 2014, "2015-03-31", "axe-admin")
    server = LiveServer(Settings(debug=False, secret_key="axe-browser-test"), store=store)
    yield server
    server.stop()


@pytest.mark.writes  # signing in writes the session and the audit log
@pytest.mark.parametrize("lang", LANGS)
def test_the_data_page_signed_in(browser, data_server, lang):
    rec = RecordingPage(browser, data_server.url, viewport=(1280, 720))
    try:
        page = rec.page
        page.goto(f"{data_server.url}/data?lang={lang}")
        page.click(f"#{ids.DATA_LOGIN_LINK}")  # signs in and comes back in the same language
        page.fill("#username", "axe-admin")
        page.fill("#password", PASSWORD)
        page.click("#login-submit")
        page.wait_for_selector(f"#{ids.DATA_UPLOAD}")
        page.wait_for_selector(f"#{ids.DATA_USERS_TITLE}")
        settle(page)
        assert_structure(page, "the data page, signed in", lang, words=(t("data.title", lang),))
        assert_no_violations(page, f"the data page signed in as an admin ({lang})")
        assert rec.foreign == []
    finally:
        rec.close()


@pytest.mark.writes
@pytest.mark.parametrize("lang", LANGS)
def test_the_reporting_status_page_for_an_editor(browser, data_server, lang):
    """The deadline form and a warning's note and button, beside reported, simulated and late cells."""
    rec = RecordingPage(browser, data_server.url, viewport=(1280, 720))
    try:
        page = rec.page
        page.goto(f"{data_server.url}/login?next=/reports%3Fcity%3D210100%26lang%3D{lang}&lang={lang}")
        page.fill("#username", "axe-admin")
        page.fill("#password", PASSWORD)
        page.click("#login-submit")
        page.wait_for_selector(f"#{ids.REPORTS_DEADLINE_SAVE}", timeout=60000)
        page.wait_for_selector(f"#{ids.REPORTS_WARNINGS_TABLE} button", timeout=60000)
        assert page.locator(f"#{ids.REPORTS_GRID} td[data-status=late]").count() > 0
        assert page.locator(f"#{ids.REPORTS_GRID} td[data-status=reported]").count() == 1
        settle(page)
        assert_structure(page, "the reporting status, signed in", lang, words=(t("reports.title", lang),))
        assert_no_violations(page, f"the reporting status for an editor ({lang})")
        assert rec.foreign == []
    finally:
        rec.close()
