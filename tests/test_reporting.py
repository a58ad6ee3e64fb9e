"""The reporting status (data/reporting.py, /reports): every status of a county-year with
hand-made batches (reported, simulated, late before and after the deadline), the deadlines and
their refusals, the warnings kept with a batch and their checks, the page, its download, the
editors' callbacks (role, CSRF, audit) and the county page's "data to check" notes."""
from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from app import create_app
from data import audit, quality, reporting, users
from data.divisions import counties_of, division
from data.importer import import_files
from data.schema import UNIT_YEAR_COLUMNS
from layouts import ids
from settings import Settings
from tests import stores, tree
from tests.dash_client import DashClient
from tests.reporting_files import county_report, facilities_everywhere

PASSWORD = "A long enough password"
YEAR = 2014
REPORTED = "210102"     # Heping, Shenyang: reported for 2014 by a hand-made batch
NOT_REPORTED = "210103"  # Shenhe, Shenyang: never reported
SUPERSEDED = "210104"   # Dadong: a batch with warnings, then one without, then reverted
IMPORTED = "210522"     # Huanren: imported through the importer, with a warning its check raised
RESULT = f"{ids.REPORTS_RESULT}.children"
MARK_RESULT = f"{ids.REPORTS_MARK_RESULT}.children"
META = f"{ids.PAGE_META}.data"


def copy_batch(store, county: str, year: int, warnings: pd.DataFrame | None = None) -> int:
    """A hand-made import for one county-year: last year's records as this year's report."""
    shown = store.unit_records(county, year - 1)
    records = shown.assign(year=year)[["unit_id", "year", *UNIT_YEAR_COLUMNS]]
    units = shown.rename(columns={"unit_id": "id"})[["id", "kind", "name", "name_en", "county_code"]]
    return store.commit_batch(kind="import", source="test", is_simulated=False, units=units, unit_years=records,
                              scope=[(county, year)], created_by="tester", warnings=warnings)


def warning_rows(county: str, year: int, *subjects: str) -> pd.DataFrame:
    return pd.DataFrame([{"county_code": county, "city_code": division(county).parent_code, "year": year,
                          "check": "share_rise", "subject": s, "value": 90.0, "reference": 50.0, "threshold": 30.0}
                         for s in subjects], columns=quality.COLUMNS)


@pytest.fixture(scope="module")
def store():
    store = stores.demo_copy("reporting")
    users.create_user(store, "ed", PASSWORD, "editor")
    users.create_user(store, "vi", PASSWORD, "viewer")
    copy_batch(store, REPORTED, YEAR, warning_rows(REPORTED, YEAR, "urban_facility_coverage"))
    return store


def cell(frame: pd.DataFrame, county: str, year: int) -> dict:
    return frame[(frame["county_code"] == county) & (frame["year"] == year)].iloc[0].to_dict()


# ---------------------------------------------------------------------------- statuses
def test_a_county_year_is_reported_simulated_or_late_by_its_batch_and_the_deadline(store):
    reporting.set_deadline(store, YEAR, "2015-03-31", "ed")
    on_the_day = reporting.grid(store, on=date(2015, 3, 31))
    after = reporting.grid(store, on=date(2015, 4, 1))
    assert len(after) == 100 * len(set(after["year"]))
    mine = cell(on_the_day, REPORTED, YEAR)
    assert mine["status"] == "reported" and mine["created_by"] == "tester" and mine["batch_id"] is not None
    assert mine["rows"] == len(store.unit_records(REPORTED, YEAR)) > 0
    assert cell(on_the_day, NOT_REPORTED, YEAR)["status"] == "simulated"  # on the deadline: not late yet
    assert cell(after, NOT_REPORTED, YEAR)["status"] == "late"            # the day after: late
    assert cell(after, REPORTED, YEAR)["status"] == "reported"
    assert cell(after, REPORTED, YEAR)["after_deadline"]  # imported today, long after 2015-03-31
    assert cell(after, NOT_REPORTED, YEAR - 1)["status"] == "simulated"  # 2013 has no deadline
    # A deadline still to come: the batch came before it, and nobody is late.
    reporting.set_deadline(store, YEAR, "2034-12-31", "ed")
    later = reporting.grid(store)
    assert not cell(later, REPORTED, YEAR)["after_deadline"]
    assert cell(later, NOT_REPORTED, YEAR)["status"] == "simulated"
    assert reporting.deadlines(store)[YEAR].deadline == date(2034, 12, 31)


def test_the_summary_says_how_many_counties_reported_in_both_languages(store):
    reporting.set_deadline(store, YEAR, "2015-03-31", "ed")
    frame = reporting.grid(store, on=date(2016, 1, 1))
    counts = reporting.summary(frame)[YEAR]
    reported = int((frame[frame["year"] == YEAR]["status"] == "reported").sum())
    assert counts == {"total": 100, "reported": reported, "simulated": 0, "late": 100 - reported}
    assert reporting.summary_line(YEAR, counts, "zh").startswith(f"2014 年：100 个县中 {reported} 个已报送，")
    assert reporting.summary_line(YEAR, counts, "en") == \
        f"2014: {reported} of 100 counties reported, {100 - reported} late"
    city = reporting.summary(frame, "210100")[YEAR]
    assert city["total"] == len(counties_of("210100")) and city["reported"] >= 1


@pytest.mark.parametrize("text,key", [("2015-02-30", "reports.bad_date"), ("31/03/2015", "reports.bad_date"),
                                      ("", "reports.bad_date"), ("２０１５-03-31", "reports.bad_date"),
                                      (None, "reports.bad_date"), ("2013-12-31", "reports.date_out_of_range"),
                                      ("2099-01-01", "reports.date_out_of_range")])
def test_a_bad_deadline_is_refused_in_words_and_changes_nothing(store, text, key):
    before, version = reporting.deadlines(store), store.data_version()
    with pytest.raises(reporting.ReportingError) as refused:
        reporting.set_deadline(store, YEAR, text, "ed")
    assert refused.value.key == key
    assert refused.value.message("zh") != refused.value.message("en")
    assert reporting.deadlines(store) == before and store.data_version() == version


def test_a_year_without_data_has_no_deadline(store):
    with pytest.raises(reporting.ReportingError) as refused:
        reporting.set_deadline(store, 1999, "1999-06-30", "ed")
    assert refused.value.key == "reports.bad_year" and 1999 not in reporting.deadlines(store)


# ---------------------------------------------------------------------------- warnings kept with the batch
def test_the_warnings_kept_are_those_of_the_batch_shown(store):
    first = copy_batch(store, SUPERSEDED, YEAR, warning_rows(SUPERSEDED, YEAR, "urban_facility_coverage",
                                                             "rural_center_coverage"))
    kept = reporting.stored_warnings(store, SUPERSEDED, YEAR)
    assert list(kept["batch_id"]) == [first, first] and set(kept["subject"]) == {"urban_facility_coverage",
                                                                                 "rural_center_coverage"}
    assert kept["checked_by"].isna().all()
    second = copy_batch(store, SUPERSEDED, YEAR)
    assert reporting.stored_warnings(store, SUPERSEDED, YEAR).empty  # the new report raised none
    assert cell(reporting.grid(store), SUPERSEDED, YEAR)["warnings"] == 0
    store.revert_batch(second)
    assert list(reporting.stored_warnings(store, SUPERSEDED, YEAR)["batch_id"]) == [first, first]
    shown = cell(reporting.grid(store), SUPERSEDED, YEAR)
    assert (shown["warnings"], shown["unchecked"], shown["batch_id"]) == (2, 2, first)


def test_a_warning_is_marked_checked_with_a_note_once(store):
    warning = int(reporting.stored_warnings(store, REPORTED, YEAR)["id"].iloc[0])
    version, records = store.data_version(), reporting.records_version(store)
    for note, key in (("", "reports.note_needed"), ("   ", "reports.note_needed"), (None, "reports.note_needed"),
                      ("x" * 501, "reports.note_too_long")):
        with pytest.raises(reporting.ReportingError) as refused:
            reporting.mark_checked(store, warning, note, "ed")
        assert refused.value.key == key
    for bad in (999999, "1", True):
        with pytest.raises(reporting.ReportingError) as refused:
            reporting.mark_checked(store, bad, "fine", "ed")
        assert refused.value.key == "reports.bad_warning"
    assert store.data_version() == version
    reporting.mark_checked(store, warning, "  Confirmed with the county:\n new facilities opened.  ", "ed")
    row = reporting.stored_warnings(store, REPORTED, YEAR).iloc[0].to_dict()
    assert (row["checked_by"], row["note"]) == ("ed", "Confirmed with the county: new facilities opened.")
    day = reporting.local_day(row["checked_at"])
    assert reporting.checked_text(row, "en") == \
        f"checked by ed on {day}: Confirmed with the county: new facilities opened."
    assert reporting.checked_text(row, "zh").startswith(f"ed 于 {day} 核查：")
    # Every page is drawn again (the data version moved), but the checks of the shown data are not redone.
    assert store.data_version() == version + 1 and reporting.records_version(store) == records
    with pytest.raises(reporting.ReportingError) as refused:
        reporting.mark_checked(store, warning, "again", "ed")
    assert refused.value.key == "reports.already_checked"
    shown = cell(reporting.grid(store), REPORTED, YEAR)
    assert (shown["warnings"], shown["unchecked"]) == (1, 0)


def test_an_import_keeps_the_warnings_its_check_showed(store):
    files = county_report(store, YEAR, IMPORTED, facilities_everywhere)
    report, batch = import_files(store, files, YEAR, by="ed")
    assert batch is not None and report.plausibility  # the preview's "numbers to doubt"
    kept = reporting.stored_warnings(store, IMPORTED, YEAR)
    expected = report.plausibility_rows
    assert list(kept["batch_id"].unique()) == [batch]
    assert sorted(zip(kept["check"], kept["subject"])) == sorted(zip(expected["check"], expected["subject"]))
    assert ("share_rise", "rural_center_coverage") in set(zip(kept["check"], kept["subject"]))
    shown = cell(reporting.grid(store), IMPORTED, YEAR)
    assert shown["status"] == "reported" and shown["warnings"] == len(expected)
    assert shown["rows"] == sum(report.rows.values())


# ---------------------------------------------------------------------------- the page, its download
@pytest.fixture(scope="module")
def app(store):
    return create_app(Settings(debug=False, secret_key="reporting-test"), store)


def render(app, search: str, path: str = "/reports"):
    import callbacks
    with app.server.test_request_context("/"):
        page, meta = callbacks.render(app.store, path, search)
    return page, meta


def test_the_page_shows_the_grid_the_summary_and_a_notice_for_a_bad_filter(app, store):
    reporting.set_deadline(store, YEAR, "2015-03-31", "ed")
    page, meta = render(app, "?city=999999&status=gone&lang=en")
    assert meta == {"path": "/reports", "lang": "en"}
    words = tree.text(page)
    assert "parameter city=“999999” is not valid" in words and "parameter status=“gone” is not valid" in words
    reported = int((reporting.grid(store)[lambda f: f["year"] == YEAR]["status"] == "reported").sum())
    summary = tree.text(tree.find(page, ids.REPORTS_SUMMARY))
    assert f"2014: {reported} of 100 counties reported, {100 - reported} late" in summary
    grid = tree.find(page, ids.REPORTS_GRID)
    cells = [n for n in tree.walk(grid) if getattr(n, "className", "") and "report-cell" in n.className]
    assert len(cells) == 100 * 5
    statuses = {(getattr(c, "data-county"), getattr(c, "data-year")): getattr(c, "data-status") for c in cells}
    assert statuses[(REPORTED, "2014")] == "reported" and statuses[(NOT_REPORTED, "2014")] == "late"
    assert statuses[(NOT_REPORTED, "2013")] == "simulated"
    late = next(c for c in cells if getattr(c, "data-county") == NOT_REPORTED and getattr(c, "data-year") == "2014")
    assert "!" in tree.text(late) and "Late (not reported)" in tree.text(late)  # a symbol and words
    mine = next(c for c in cells if getattr(c, "data-county") == REPORTED and getattr(c, "data-year") == "2014")
    assert "Batch" in tree.text(mine) and "tester" in tree.text(mine) and "to check" in tree.text(mine)
    assert tree.find(page, ids.REPORTS_LOGIN_LINK) is not None  # not signed in: no editor's tools
    assert tree.find(page, ids.REPORTS_DEADLINE_SAVE) is None


def grid_counties(page) -> set[str]:
    return {getattr(c, "data-county") for c in tree.walk(tree.find(page, ids.REPORTS_GRID))
            if getattr(c, "data-county", None)}


def test_the_filters_keep_a_city_and_a_status(app, store):
    reporting.set_deadline(store, YEAR, "2015-03-31", "ed")
    frame = reporting.grid(store)
    page, _ = render(app, "?city=210100&status=reported&lang=zh")
    expected = set(frame[(frame["city_code"] == "210100") & (frame["status"] == "reported")]["county_code"])
    assert REPORTED in expected and NOT_REPORTED not in expected
    assert grid_counties(page) == expected
    assert "沈阳市报送进度" in tree.text(page)
    page, _ = render(app, "?city=210500&status=late&lang=en")
    expected = set(frame[(frame["city_code"] == "210500") & (frame["status"] == "late")]["county_code"])
    assert expected and grid_counties(page) == expected
    page, _ = render(app, "?status=reported&city=211400&lang=en")
    assert tree.find(page, ids.REPORTS_GRID) is None and tree.find(page, ids.REPORTS_EMPTY) is not None


def test_the_download_lists_the_counties_not_reported_or_late_with_their_city(app, store):
    reporting.set_deadline(store, YEAR, "2015-03-31", "ed")
    client = app.server.test_client()
    answer = client.get("/download/missing.csv?city=210100&lang=en")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    pairs = {(r["Code"], r["Year"]): r for r in rows}
    assert (REPORTED, "2014") not in pairs and (REPORTED, "2013") in pairs
    assert pairs[(NOT_REPORTED, "2014")]["Status"] == "Late (not reported)"
    late = pairs[(NOT_REPORTED, "2014")]
    assert late["City"] == "Shenyang" and late["Deadline"] == "2015-03-31"
    assert pairs[(NOT_REPORTED, "2013")]["Status"] == "Not reported (simulated)"
    assert {r["City"] for r in rows} == {"Shenyang"}
    xlsx = client.get("/download/missing.xlsx?lang=zh")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    refused = client.get("/download/missing.csv?city=abc&lang=en")
    body = refused.get_json()
    assert refused.status_code == 400 and body["error"]["zh"] and body["error"]["en"] and body["parameter"] == "city"


# ---------------------------------------------------------------------------- the editors' callbacks
def signed_in(app, name: str):
    from tests.test_auth import csrf_of, sign_in
    client = app.server.test_client()
    assert sign_in(client, name).status_code == 302
    return client, csrf_of(client)


def test_an_editor_sets_a_deadline_and_the_audit_log_says_so(app, store):
    client, csrf = signed_in(app, "ed")
    dash = DashClient(client)
    values = {f"{ids.REPORTS_DEADLINE_SAVE}.n_clicks": 1, f"{ids.REPORTS_DEADLINE_YEAR}.value": "2013",
              f"{ids.REPORTS_DEADLINE_DATE}.value": "2014-04-30", f"{ids.REPORTS_STATE}.data": "?city=210100&lang=en",
              META: {"lang": "en"}}
    answer = dash.call(RESULT, values, f"{ids.REPORTS_DEADLINE_SAVE}.n_clicks", csrf=csrf)
    assert answer.status_code == 200
    body = answer.get_json()["response"]
    assert "The deadline of 2013 is now 2014-04-30." in str(body[ids.REPORTS_RESULT]["children"])
    assert reporting.deadlines(store)[2013].deadline == date(2014, 4, 30)
    assert reporting.deadlines(store)[2013].set_by == "ed"
    event = audit.events(store, 1)[0]
    assert (event["action"], event["username"], event["object"], event["result"]) == (
        audit.DEADLINE, "ed", "year 2013; deadline 2014-04-30", "set")
    # A bad date: said in the page's language, nothing stored, refused in the log.
    values[f"{ids.REPORTS_DEADLINE_DATE}.value"] = "2014-13-01"
    body = dash.call(RESULT, values, f"{ids.REPORTS_DEADLINE_SAVE}.n_clicks", csrf=csrf).get_json()["response"]
    assert "is not a date" in str(body[ids.REPORTS_RESULT]["children"])
    assert reporting.deadlines(store)[2013].deadline == date(2014, 4, 30)
    assert audit.events(store, 1)[0]["result"] == "refused: reports.bad_date"
    # Without the CSRF token the callback is refused before it runs.
    values[f"{ids.REPORTS_DEADLINE_DATE}.value"] = "2014-05-31"
    assert dash.call(RESULT, values, f"{ids.REPORTS_DEADLINE_SAVE}.n_clicks").status_code in (400, 403)
    assert reporting.deadlines(store)[2013].deadline == date(2014, 4, 30)


def test_a_viewer_cannot_set_a_deadline_nor_mark_a_warning(app, store):
    client, csrf = signed_in(app, "vi")
    dash = DashClient(client)
    before = reporting.deadlines(store)
    values = {f"{ids.REPORTS_DEADLINE_SAVE}.n_clicks": 1, f"{ids.REPORTS_DEADLINE_YEAR}.value": "2012",
              f"{ids.REPORTS_DEADLINE_DATE}.value": "2013-04-30", META: {"lang": "en"}}
    body = dash.call(RESULT, values, f"{ids.REPORTS_DEADLINE_SAVE}.n_clicks", csrf=csrf).get_json()["response"]
    assert body[ids.REPORTS_RESULT]["children"]["props"]["id"] == ids.DATA_FORBIDDEN
    assert reporting.deadlines(store) == before
    warning = int(reporting.stored_warnings(store, SUPERSEDED, YEAR)["id"].iloc[0])
    marks = {f"{ids.REPORTS_MARK}.n_clicks": [({"type": ids.REPORTS_MARK, "warning": warning}, 1)],
             f"{ids.REPORTS_NOTE}.value": [({"type": ids.REPORTS_NOTE, "warning": warning}, "looks fine")],
             META: {"lang": "en"}}
    body = dash.call(MARK_RESULT, marks, f"{ids.REPORTS_MARK}.n_clicks", csrf=csrf).get_json()["response"]
    assert body[ids.REPORTS_MARK_RESULT]["children"]["props"]["id"] == ids.DATA_FORBIDDEN
    assert reporting.stored_warnings(store, SUPERSEDED, YEAR)["checked_by"].isna().all()


def test_an_editor_marks_a_warning_checked_and_the_county_page_shows_it(app, store):
    client, csrf = signed_in(app, "ed")
    dash = DashClient(client)
    kept = reporting.stored_warnings(store, SUPERSEDED, YEAR)
    warning, other = int(kept["id"].iloc[0]), int(kept["id"].iloc[1])
    marks = {f"{ids.REPORTS_MARK}.n_clicks": [({"type": ids.REPORTS_MARK, "warning": warning}, 1),
                                               ({"type": ids.REPORTS_MARK, "warning": other}, None)],
             f"{ids.REPORTS_NOTE}.value": [({"type": ids.REPORTS_NOTE, "warning": warning}, "Asked Dadong: right"),
                                           ({"type": ids.REPORTS_NOTE, "warning": other}, "not this one")],
             f"{ids.REPORTS_STATE}.data": "?lang=en", META: {"lang": "en"}}
    body = dash.call(MARK_RESULT, marks, f"{ids.REPORTS_MARK}.n_clicks", csrf=csrf).get_json()["response"]
    assert "Marked as checked." in str(body[ids.REPORTS_MARK_RESULT]["children"])
    assert "checked by ed on" in str(body[ids.REPORTS_WARNINGS_BOX]["children"])
    after = reporting.stored_warnings(store, SUPERSEDED, YEAR).set_index("id")
    assert after.loc[warning, "note"] == "Asked Dadong: right" and pd.isna(after.loc[other, "checked_by"])
    event = audit.events(store, 1)[0]
    assert (event["action"], event["object"], event["result"]) == (
        audit.WARNING_CHECKED, f"warning {warning}; note Asked Dadong: right", "checked")
    # The county page: the note beside the indicator's row, with the check.
    subject = after.loc[warning, "subject"]
    page, _ = render(app, f"?year={YEAR}&lang=en", path=f"/county/{SUPERSEDED}")
    row = next(n for n in tree.walk(tree.find(page, ids.SCORECARD)) if getattr(n, "data-indicator", None) == subject)
    words = tree.text(row)
    assert "Data to check" in words and "checked by ed on" in words and "Asked Dadong: right" in words
    assert "90%" in words  # the warning itself, in words (data.quality.message)
    unchecked = next(n for n in tree.walk(tree.find(page, ids.SCORECARD))
                     if getattr(n, "data-indicator", None) == after.loc[other, "subject"])
    assert "Data to check" in tree.text(unchecked) and "checked by" not in tree.text(unchecked)
    # A county-year without a report, in whose simulated data the checks find nothing: no note.
    page, _ = render(app, f"?year={YEAR}&lang=en", path=f"/county/{NOT_REPORTED}")
    assert "Data to check" not in tree.text(tree.find(page, ids.SCORECARD))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_simulated_county_year_shows_what_the_checks_find_in_it_on_the_county_page(app, store, lang):
    """The grid counts the live checks of a county-year with no report: its county page shows
    them too, beside their indicator (the planted share rise and outlier of Tiedong's social
    workers in 2015, data/demo.py), or above the scorecard for one about the whole report
    (Huanren's copied-forward 2012), and none of them offers a check mark."""
    from data import catalogue, demo
    from data.i18n import t
    planted = [a for a in demo.PLANTED if a.county == "210302"]
    assert {a.check for a in planted} == {"share_rise", "outlier"}
    subject = planted[0].subject
    assert reporting.grid(store).set_index(["county_code", "year"]).loc[("210302", 2015), "warnings"] == 2
    page, _ = render(app, f"?year=2015&lang={lang}", path="/county/210302")
    rows = {getattr(n, "data-indicator", None): tree.text(n) for n in tree.walk(tree.find(page, ids.SCORECARD))
            if getattr(n, "data-indicator", None)}
    live = quality.for_store(store, 2015, "210302")
    assert len(live) == 2
    for row in live.to_dict("records"):
        assert quality.message(row, lang) in rows[subject]
    assert t("reports.to_check", lang) in rows[subject]
    assert all(t("reports.to_check", lang) not in words for ind, words in rows.items() if ind != subject)
    assert subject in catalogue.BY_ID
    # The whole-report warning of a simulated year: above the scorecard.
    copied = next(a for a in demo.PLANTED if a.check == "copied_forward")
    page, _ = render(app, f"?year={copied.year}&lang={lang}", path=f"/county/{copied.county}")
    note = tree.find(page, ids.COUNTY_TO_CHECK)
    assert note is not None and t("reports.to_check", lang) in tree.text(note)
    assert "checked by" not in tree.text(note) and "核查：" not in tree.text(note)
