"""The reporting status in a real browser, as an editor works with it: a deadline set on /reports
makes a county's year late; its report imported on /data (whose check shows a number to doubt)
makes it reported; the warning, kept with the batch, is marked checked with a note on /reports,
and the note shows on the county page beside the indicator."""
from __future__ import annotations

import pytest

from data import quality, users
from data.i18n import t
from data.importer import import_files
from layouts import ids
from settings import Settings
from tests import stores
from tests.browser import LiveServer, RecordingPage
from tests.reporting_files import county_report, facilities_everywhere

pytestmark = [pytest.mark.browser, pytest.mark.writes, pytest.mark.slow]

PASSWORD = "A long enough password"
# Huanren, Benxi: its villages' service centres rise past belief in 2014 (from about 53% to all of
# them: the demo's plausible data leave its communities' facilities too close to all for a rise).
COUNTY, CITY, YEAR = "210522", "210500", 2014
INDICATOR = "rural_center_coverage"
WAIT = 60000  # ms: a busy machine draws the grid of 500 county-years slowly


@pytest.fixture(scope="module")
def server():
    store = stores.demo_copy("reports_browser")
    users.create_user(store, "ed", PASSWORD, "editor")
    server = LiveServer(Settings(debug=False, secret_key="reports-browser-test"), store=store)
    yield server
    server.stop()


def cell(page, county: str, year: int):
    return page.locator(f"#{ids.REPORTS_GRID} td[data-county='{county}'][data-year='{year}']")


def test_a_deadline_an_import_and_a_checked_warning_show_where_they_should(browser, server, tmp_path):
    rec = RecordingPage(browser, server.url, viewport=(1280, 720))
    p = rec.page
    try:
        p.goto(f"{server.url}/login?next=/reports%3Fcity%3D{CITY}%26lang%3Den&lang=en")
        p.fill("#username", "ed")
        p.fill("#password", PASSWORD)
        p.click("#login-submit")
        p.wait_for_selector(f"#{ids.REPORTS_DEADLINE_SAVE}", timeout=WAIT)
        assert cell(p, COUNTY, YEAR).get_attribute("data-status") == "simulated"
        # The deadline of 2014's round, long past: the county's 2014 is late, in words and a symbol.
        p.select_option(f"#{ids.REPORTS_DEADLINE_YEAR}", str(YEAR))
        p.fill(f"#{ids.REPORTS_DEADLINE_DATE}", "2015-03-31")
        p.click(f"#{ids.REPORTS_DEADLINE_SAVE}")
        p.wait_for_selector(f"#{ids.REPORTS_SAVED}", timeout=WAIT)
        assert "2015-03-31" in p.inner_text(f"#{ids.REPORTS_SAVED}")
        late = cell(p, COUNTY, YEAR)
        assert late.get_attribute("data-status") == "late"
        assert "!" in late.inner_text() and t("reports.status_late", "en") in late.inner_text()
        # Its report on the data page: the check names a number to doubt, and the import goes ahead.
        paths = []
        files = county_report(server.app.store, YEAR, COUNTY, facilities_everywhere)
        report, _ = import_files(server.app.store, files, YEAR, by="", dry_run=True)  # what the check will say
        for name, body in files:
            (tmp_path / name).write_bytes(body)
            paths.append(str(tmp_path / name))
        p.goto(f"{server.url}/data?lang=en")
        p.wait_for_selector(f"#{ids.DATA_UPLOAD}", timeout=WAIT)
        p.click(f"label:has-text('{YEAR}')")
        p.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", paths)
        p.wait_for_selector(f"#{ids.DATA_CHANGES_TITLE}", timeout=WAIT)
        preview = p.inner_text(f"#{ids.DATA_PREVIEW}")
        assert "numbers to doubt" in preview
        expected = report.plausibility_rows
        rise = expected[(expected["check"] == "share_rise") & (expected["subject"] == INDICATOR)]
        assert len(rise) == 1
        assert quality.message(rise.iloc[0].to_dict(), "en") in preview
        p.click(f"#{ids.DATA_CONFIRM}")
        p.wait_for_selector(f"#{ids.DATA_COMMITTED}", timeout=WAIT)
        # Reported now, with its batch and the warning kept with it.
        p.goto(f"{server.url}/reports?city={CITY}&lang=en")
        p.wait_for_selector(f"#{ids.REPORTS_GRID}", timeout=WAIT)
        reported = cell(p, COUNTY, YEAR)
        assert reported.get_attribute("data-status") == "reported"
        assert "Batch" in reported.inner_text() and "ed" in reported.inner_text()
        assert "not checked" in reported.inner_text()
        row = p.locator(f"#{ids.REPORTS_WARNINGS_TABLE} tr.report-warning", has_text="Huanren").filter(
            has_text="in one year").first
        row.locator("input").fill("Asked Huanren: 40 new centres opened in 2014")
        row.locator("button").click()
        p.wait_for_selector(f"#{ids.REPORTS_SAVED}", timeout=WAIT)
        checked = p.locator(f"#{ids.REPORTS_WARNINGS_TABLE} tr.report-warning", has_text="checked by ed on").first
        assert "Asked Huanren" in checked.inner_text()
        # The county page: the note beside the indicator's row.
        p.goto(f"{server.url}/county/{COUNTY}?year={YEAR}&indicator={INDICATOR}&lang=en")
        p.wait_for_selector(f"#{ids.SCORECARD}", timeout=WAIT)
        note = p.inner_text(f"#{ids.SCORECARD} tr[data-indicator='{INDICATOR}']")
        assert t("reports.to_check", "en") in note and "checked by ed on" in note
        assert "Asked Huanren: 40 new centres opened in 2014" in note
        assert rec.foreign == [], "a page asked another host for something"
    finally:
        rec.close()
