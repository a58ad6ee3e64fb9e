"""The data page in a real browser: sign in, upload a wrong report and see where it is wrong,
upload a right one, confirm, see it in the history and on the dashboard, revert it."""
from __future__ import annotations

import csv
import io

import pytest

from data import users
from data.i18n import t
from data.importer.fields import URBAN
from data.importer.template import template
from layouts import ids
from settings import Settings
from tests import stores
from tests.browser import LiveServer, RecordingPage

pytestmark = [pytest.mark.browser, pytest.mark.writes]

PASSWORD = "A long enough password"  # passes the policy (data.users.check_password)


@pytest.fixture(scope="module")
def server():
    store = stores.demo_copy("data_page")
    users.create_user(store, "ed", PASSWORD, "editor")
    server = LiveServer(Settings(debug=False, secret_key="browser-test"), store=store)
    yield server
    server.stop()


@pytest.fixture
def page(browser, server):
    rec = RecordingPage(browser, server.url, viewport=(1280, 720))
    yield rec
    assert rec.foreign == [], "the data page asked another host for something"
    rec.close()


def bad_csv(tmp_path) -> str:
    """An urban sheet with a count that is not a number on its fourth row."""
    def row(name, households):
        values = {"year": 2014, "county": "沈阳市和平区", "name": name, "households": households, "residents": 3000,
                  "has_facility": "是", "facility_area_m2": 450}
        return [values.get(f.key, "") for f in URBAN.fields]
    out = io.StringIO()
    csv.writer(out).writerows([[f.zh for f in URBAN.fields], [f.en for f in URBAN.fields],
                               row("甲社区", 1000), row("乙社区", "一千")])
    path = tmp_path / "urban.csv"
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return str(path)


def sign_in(page, server):
    page.goto(f"{server.url}/data?lang=en")
    page.click(f"#{ids.DATA_LOGIN_LINK}")
    page.fill("#username", "ed")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector(f"#{ids.DATA_UPLOAD}")


def test_an_editor_finds_the_error_imports_a_report_and_reverts_it(page, server, tmp_path):
    p = page.page
    sign_in(p, server)
    assert "ed" in p.inner_text(f"#{ids.DATA_WHO}")
    # A wrong report: the problem named by sheet, row and column, and nothing to confirm.
    p.click("label:has-text('2014')")
    p.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", bad_csv(tmp_path))
    p.wait_for_selector(f"#{ids.DATA_ERRORS_TITLE}")
    table = p.inner_text(".problems-table")
    assert "urban.csv" in table and "\t4\t" in table and "Households" in table and "一千" in table
    assert p.is_disabled(f"#{ids.DATA_CONFIRM}")
    # A right one: the 2014 export with one household count changed.
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(template(2014, server.app.store)))
    sheet = book["城市社区 Urban communities"]
    old = sheet["E3"].value
    sheet["E3"] = old + 1
    path = tmp_path / "report-2014.xlsx"
    book.save(path)
    p.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(path))
    p.wait_for_selector(f"#{ids.DATA_CHANGES_TITLE}", timeout=30000)
    assert "1 values changed" in p.inner_text(f"#{ids.DATA_CHANGES_TITLE}")
    assert f"{old + 1:,}" in p.inner_text(".changes-table")
    p.click(f"#{ids.DATA_CONFIRM}")
    p.wait_for_selector(f"#{ids.DATA_COMMITTED}", timeout=30000)
    history = p.inner_text(f"#{ids.DATA_HISTORY_TABLE}")
    assert "report-2014.xlsx" in history and "shown" in history
    # The dashboard now says which part is still simulated.
    p.goto(f"{server.url}/?lang=en")
    p.wait_for_selector(f"#{ids.SIMULATED_BADGE}")
    assert t("badge.partly_simulated", "en") in p.inner_text(f"#{ids.SIMULATED_BADGE}")
    assert "2014: 0 of 100 counties simulated" in p.get_attribute(f"#{ids.SIMULATED_BADGE}", "title")
    # A county page says whether its year is a report or simulated.
    p.goto(f"{server.url}/county/210106?year=2014&lang=en")
    p.wait_for_selector("#data-origin")
    assert "come from its report" in p.inner_text("#data-origin")
    p.goto(f"{server.url}/county/210106?year=2013&lang=en")
    p.wait_for_selector("#data-origin")
    assert "simulated" in p.inner_text("#data-origin")
    # Revert it: everything simulated again.
    p.goto(f"{server.url}/data?lang=en")
    p.on("dialog", lambda dialog: dialog.accept())
    p.click(f"#{ids.DATA_HISTORY_TABLE} button:has-text('Revert')")
    p.wait_for_selector(f"#{ids.DATA_REVERTED}", timeout=30000)
    assert "reverted" in p.inner_text(f"#{ids.DATA_HISTORY_TABLE}")
    assert server.app.store.simulated_part().whole


def test_an_upload_too_big_for_the_server_gets_a_message_not_a_silent_413(page, server, tmp_path):
    config = server.app.server.config
    limit = config["MAX_CONTENT_LENGTH"]
    config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # 1 MB here, so the test need not send 100
    try:
        p = page.page
        statuses = []
        p.on("response", lambda r: statuses.append(r.status) if "_dash-update-component" in r.url else None)
        sign_in(p, server)
        before = server.app.store.content_digest()
        path = tmp_path / "big.csv"
        path.write_bytes(b"x" * 900_000)  # 1.2 MB as a data URL: over the limit
        p.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(path))
        p.wait_for_selector(f"#{ids.DATA_UPLOAD_TOO_BIG}", timeout=30000)
        message = p.inner_text(f"#{ids.DATA_UPLOAD_TOO_BIG}")
        assert "0.9 MB" in message and "0.7 MB" in message and "20 MB" in message
        assert 413 not in statuses
        assert p.is_disabled(f"#{ids.DATA_CONFIRM}")
        assert server.app.store.content_digest() == before
    finally:
        config["MAX_CONTENT_LENGTH"] = limit


def test_the_data_page_asks_a_stranger_to_sign_in(page, server):
    p = page.page
    p.goto(f"{server.url}/data")
    p.wait_for_selector(f"#{ids.DATA_DENIED}")
    assert t("data.need_login", "zh") in p.inner_text(f"#{ids.DATA_DENIED}")
    assert p.query_selector(f"#{ids.DATA_UPLOAD}") is None
