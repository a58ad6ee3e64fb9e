"""The Content-Security-Policy breaks nothing: every page, loaded and used in a real browser
under the policy the server sends, reports no violation (nor a Permissions-Policy error), and
still works (map coloured, tabs switch, slides step, the work list fills, the data page signs in)."""
from __future__ import annotations

import pytest

from data import catalogue, reports, users
from data.divisions import COUNTY_CODES
from layouts import ids
from settings import Settings
from tests import stores
from tests.browser import LiveServer, RecordingPage, wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.writes]

PASSWORD = "Csp-check-Passw0rd!"

# Every violation the page sees, sent to Python as it happens (an init script runs in every
# document before the page's own scripts, so nothing is missed between navigations).
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
    window.reportViolation([e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber,
                            (e.sample || '').slice(0, 80)].join(' | '));
});
"""


@pytest.fixture(scope="module")
def server():
    store = stores.demo_copy("csp")
    users.create_user(store, "csp-admin", PASSWORD, "admin")
    server = LiveServer(Settings(debug=False, secret_key="csp-browser-test"), store=store)
    server.store = store
    yield server
    server.stop()


@pytest.fixture(scope="module")
def watched(browser, server):
    """One page for the whole walk (so the sign-in carries on), with every CSP violation and
    every console error that names the policy collected."""
    rec = RecordingPage(browser, server.url)
    violations: list[str] = []
    rec.context.expose_function("reportViolation", lambda text: violations.append(text))
    rec.context.add_init_script(REPORT_VIOLATIONS)
    rec.page.on("console", lambda m: violations.append(f"console: {m.text}")
                if m.type == "error" and ("Content Security Policy" in m.text or "Permissions-Policy" in m.text)
                else None)
    rec.violations = violations
    yield rec
    rec.close()


def settled(rec):
    """Lets late reports (a blocked style or script fires its event asynchronously) arrive."""
    rec.page.wait_for_timeout(300)
    return rec.violations


def test_the_server_sends_a_policy_that_allows_no_eval_and_no_foreign_host(server):
    policy = server.app.server.test_client().get("/").headers["Content-Security-Policy"]
    assert "unsafe-eval" not in policy and "http" not in policy and "*" not in policy
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src


def test_the_overview_and_its_table_tab(watched, server):
    page = watched.page
    page.goto(server.url + "/?indicator=barrier_free&year=2014&level=city")
    wait_for_map(page, level="city")
    page.locator(f"#{ids.TAB} label", has_text="表格").click()
    page.wait_for_selector(f"#{ids.TABLE} .ag-row")
    assert page.locator(f"#{ids.TABLE} .ag-center-cols-container .ag-row").count() == 14
    assert settled(watched) == []


def test_a_city_page(watched, server):
    page = watched.page
    page.goto(server.url + "/city/210200?lang=en")
    page.wait_for_selector(".js-plotly-plot path.choroplethlocation")
    assert settled(watched) == []


def a_work_list_with_thousands(store, year: int) -> tuple[str, str, int]:
    """(indicator, county, households): a work list of `year` short enough for the grid to draw
    every row (12 at most) with a unit of 1,000 households or more, and that unit's households
    (the largest in the list), read from the store."""
    for ind in catalogue.UNIT_SOURCED:
        for county in COUNTY_CODES:
            frame = reports.worklist(store, county, ind.id, year, "zh").rows
            if 0 < len(frame) <= 12 and frame["households"].max() >= 1000:
                return ind.id, county, int(frame["households"].max())
    raise AssertionError(f"no short work list of {year} has a unit of 1,000 households or more")


def test_a_county_page_with_its_work_list(watched, server):
    page = watched.page
    year = 2012
    indicator, county, households = a_work_list_with_thousands(server.store, year)
    page.goto(server.url + f"/county/{county}?indicator={indicator}&year={year}")
    page.wait_for_selector(f"#{ids.WORKLIST} .ag-row")
    # The grid's number formatter ({"function": "… d3.format(',.0f') …"}) runs without eval:
    # 1047 households are shown as 1,047.
    shown = page.evaluate(f"""[...document.querySelectorAll('#{ids.WORKLIST} .ag-cell[col-id=households]')]
                              .map(c => c.textContent)""")
    assert f"{households:,}" in shown
    assert settled(watched) == []


def test_presentation_mode_steps_a_slide(watched, server):
    page = watched.page
    stage = f"#{ids.PRESENT_STAGE}"
    page.goto(server.url + "/present")
    page.wait_for_function(f"() => document.querySelector('{stage}') && "
                           f"document.querySelector('{stage}').dataset.slide === '1'")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.querySelector('{stage}').dataset.slide === '2'")
    page.wait_for_selector(".slide.active .slide-map path.choroplethlocation")
    assert page.evaluate("document.fullscreenEnabled")  # F still goes full screen under the Permissions-Policy
    assert settled(watched) == []


def test_the_method_page(watched, server):
    page = watched.page
    page.goto(server.url + "/method?lang=en")
    page.wait_for_selector("h1, h2")
    assert settled(watched) == []


def test_the_sign_in_page_and_the_data_page_signed_out_and_in(watched, server):
    page = watched.page
    page.goto(server.url + "/data?lang=en")
    page.wait_for_selector(f"#{ids.DATA_LOGIN_LINK}")
    assert settled(watched) == []
    page.click(f"#{ids.DATA_LOGIN_LINK}")
    page.wait_for_selector("#username")
    assert settled(watched) == []
    page.fill("#username", "csp-admin")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector(f"#{ids.DATA_UPLOAD}")
    page.wait_for_selector(f"#{ids.DATA_USERS_TITLE}")  # the admin's user list
    assert "csp-admin" in page.inner_text(f"#{ids.DATA_WHO}")
    assert settled(watched) == []
    assert watched.foreign == []
