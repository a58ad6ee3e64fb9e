"""The outlook to 2015 (data/outlook.py): the projection, its range, the year reached, the pace
needed, the gap in units and the outlook status, pinned with hand-made numbers, edges included;
how good an outlook proved; and GET /api/v1/outlook against data/outlook.py cell by cell."""
from __future__ import annotations

import csv
import io
import math

import pandas as pd
import pytest

from app import create_app
from data import catalogue, outlook, progress, queries
from data.divisions import CITY_CODES, COUNTY_CODES, DIVISIONS, PROVINCE_CODE
from settings import Settings

RURAL = catalogue.get("rural_center_coverage")          # a share, target 80%
URBAN = catalogue.get("urban_facility_coverage")        # a share, target 100%
VOLUNTEERS = catalogue.get("registered_volunteers")     # a share of people, target 10%
CENTRES = catalogue.get("rural_centers_built")          # a count, 6000, province only


def approx(x):
    return pytest.approx(x, abs=1e-9)


# ---------------------------------------------------------------------- the projection and its range
def test_projection_is_the_value_plus_the_observed_pace_times_the_years_left():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40, 2012: 0.48, 2013: 0.52}, 2013, 520, 1000)
    assert row["pace"] == approx(0.06)                       # (0.52 - 0.40) / 2
    assert row["projected"] == approx(0.64)                  # 0.52 + 0.06 * 2
    assert row["changes"] == 2
    assert (row["pace_slowest"], row["pace_fastest"]) == (approx(0.04), approx(0.08))
    assert (row["projected_low"], row["projected_high"]) == (approx(0.60), approx(0.68))
    assert row["range_reason"] is None
    assert row["needed_pace"] == approx(0.14)                # (0.80 - 0.52) / 2
    assert row["pace_factor"] == approx(0.14 / 0.06)
    assert (row["reach"], row["reach_year"]) == ("year", 2018)   # 0.28 / 0.06 = 4.7 years
    assert row["gap_units"] == 280                            # 800 of 1000 villages, 520 have one
    assert row["outlook"] == "will_miss"                      # even the fastest year's pace falls short


def test_the_outlook_made_in_a_year_reads_nothing_after_it():
    history = {2011: 0.40, 2012: 0.48, 2013: 0.52}
    later = {**history, 2014: 0.90, 2015: 0.95}
    assert outlook.place_outlook(RURAL, "city", later, 2013, 520, 1000) == \
        outlook.place_outlook(RURAL, "city", history, 2013, 520, 1000)


@pytest.mark.parametrize("baseline, value, year", [
    (0.40, 0.55, 2012), (0.40, 0.61, 2013), (0.40, 0.70, 2014), (0.50, 0.53, 2014), (0.20, 0.52, 2013),
    (0.60, 0.80, 2014), (0.10, 0.40, 2012),
])
def test_the_projection_meets_the_target_exactly_when_the_status_ratio_is_at_least_one(baseline, value, year):
    # Consistent with data.progress: projected = baseline + 4 * pace, so it reaches the target iff R >= 1.
    row = outlook.place_outlook(RURAL, "city", {2011: baseline, year: value}, year)
    r = progress.ratio_of_change(value, baseline, RURAL.target, year)
    assert row["projected"] == approx(min(1.0, baseline + 4 * (value - baseline) / (year - 2011)))
    assert (row["projected"] >= RURAL.target - 1e-9) == (r >= 1 - 1e-9)


def test_a_share_that_would_pass_100_percent_stays_at_100():
    row = outlook.place_outlook(URBAN, "city", {2011: 0.60, 2012: 0.80, 2013: 0.90}, 2013, 90, 100)
    assert row["pace"] == approx(0.15)
    assert row["projected"] == 1.0 and row["projected_low"] == 1.0 and row["projected_high"] == 1.0  # 1.2, 1.1, 1.3
    assert row["outlook"] == "will_achieve"
    assert (row["reach"], row["reach_year"]) == ("year", 2014)   # 0.10 / 0.15 of a year
    assert row["gap_units"] == 10


def test_a_share_falling_fast_stays_at_zero():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.30, 2012: 0.28, 2013: 0.10}, 2013)
    assert row["pace"] == approx(-0.10)
    assert row["projected"] == 0.0                            # 0.10 - 0.20 = -0.10
    assert row["projected_low"] == 0.0 and row["projected_high"] == approx(0.06)   # -0.26, 0.10 - 0.04


def test_one_change_only_gives_no_range_and_the_projection_alone_decides():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40, 2012: 0.50}, 2012, 50, 100)
    assert row["changes"] == 1
    assert row["projected"] == approx(0.80)                  # 0.50 + 0.10 * 3
    assert row["projected_low"] is None and row["projected_high"] is None
    assert row["range_reason"] == "one_change"
    assert row["outlook"] == "will_achieve"                   # 0.8 meets 0.8: no range to put it at risk
    # 0.3 / 0.1 is 3.0000000000000004 in floating point: still three years, 2015.
    assert (row["reach"], row["reach_year"]) == ("year", 2015)
    short = outlook.place_outlook(RURAL, "city", {2011: 0.40, 2012: 0.49}, 2012)
    assert short["outlook"] == "will_miss" and short["projected"] == approx(0.76)


def test_a_year_missing_between_two_spreads_its_change_over_both():
    assert outlook.yearly_changes({2011: 0.40, 2013: 0.60, 2014: 0.65}, 2014) == [approx(0.10), approx(0.05)]
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40, 2012: None, 2013: 0.60, 2014: 0.65}, 2014)
    assert row["pace"] == approx(0.25 / 3)
    assert (row["projected_low"], row["projected_high"]) == (approx(0.70), approx(0.75))
    assert row["outlook"] == "will_miss"


# ---------------------------------------------------------------------- pace zero or negative, target met
def test_a_zero_pace_never_reaches_the_target():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.50, 2012: 0.55, 2013: 0.50}, 2013, 50, 100)
    assert row["pace"] == approx(0.0)
    assert row["reach"] == "not_at_pace" and row["reach_year"] is None
    assert row["pace_factor"] is None
    assert row["projected"] == approx(0.50)
    assert (row["projected_low"], row["projected_high"]) == (approx(0.40), approx(0.60))
    assert row["needed_pace"] == approx(0.15) and row["gap_units"] == 30
    assert row["outlook"] == "will_miss"


def test_a_negative_pace_never_reaches_the_target():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.60, 2012: 0.55, 2013: 0.50}, 2013)
    assert row["pace"] == approx(-0.05) and row["projected"] == approx(0.40)
    assert row["reach"] == "not_at_pace" and row["outlook"] == "will_miss"


def test_a_pace_so_slow_that_the_year_is_past_the_horizon():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.50, 2012: 0.502, 2013: 0.504}, 2013)
    assert row["reach"] == "beyond" and row["reach_year"] is None   # 0.296 / 0.002 = 148 years


def test_a_fast_pace_reaching_the_target_at_risk_when_the_slowest_year_would_not():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40, 2012: 0.60, 2013: 0.64}, 2013)
    # pace 0.12 -> 0.88; slowest +0.04 -> 0.72; fastest +0.20 -> 1.0 (1.04 kept at 100%)
    assert row["projected"] == approx(0.88)
    assert (row["projected_low"], row["projected_high"]) == (approx(0.72), 1.0)
    assert row["outlook"] == "at_risk"


def test_a_target_already_met_needs_nothing_more():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.70, 2012: 0.85, 2013: 0.90}, 2013, 900, 1000)
    assert row["reach"] == "met" and row["reach_year"] is None
    assert row["needed_pace"] == 0.0 and row["pace_factor"] is None
    assert row["gap_units"] == 0
    assert row["outlook"] == "will_achieve"


def test_a_target_met_but_falling_fast_will_miss_in_2015():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.95, 2012: 0.90, 2013: 0.82}, 2013, 82, 100)
    assert row["reach"] == "met" and row["gap_units"] == 0
    assert row["projected"] == approx(0.69)                   # 0.82 - 0.065 * 2
    assert (row["projected_low"], row["projected_high"]) == (approx(0.66), approx(0.72))
    assert row["outlook"] == "will_miss"


# ---------------------------------------------------------------------- no trend, no data, nothing to count
def test_in_2011_there_is_no_trend_but_what_it_would_take_is_known():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40}, 2011, 400, 1000)
    assert row["pace"] is None and row["projected"] is None and row["range_reason"] == "no_trend"
    assert row["outlook"] == "no_trend" and row["reach"] == "no_trend"
    assert row["needed_pace"] == approx(0.10) and row["gap_units"] == 400


def test_without_a_2011_value_there_is_no_trend():
    row = outlook.place_outlook(RURAL, "city", {2011: None, 2012: 0.5, 2013: 0.6}, 2013, 60, 100)
    assert row["outlook"] == "no_trend" and row["projected"] is None and row["gap_units"] == 20


def test_a_denominator_of_zero_is_not_applicable_and_has_no_gap():
    row = outlook.place_outlook(RURAL, "county", {2011: math.nan, 2012: math.nan, 2013: math.nan}, 2013, 0, 0)
    assert row["outlook"] == "not_applicable" and row["reach"] == "not_applicable"
    assert row["gap_units"] is None and row["projected"] is None and row["needed_pace"] is None
    assert outlook.gap_in_units(RURAL, "county", 0, 0) is None


def test_no_value_in_the_year_is_no_data():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.4, 2012: None}, 2012, None, 100)
    assert row["outlook"] == "no_data" and row["gap_units"] is None


# ---------------------------------------------------------------------- the gap in units
def test_the_gap_is_counted_from_the_counts_not_the_rounded_percentage():
    # 333 of 1000 is 33.3%: "33%" would say 470; the counts say 800 - 333.
    assert outlook.gap_in_units(RURAL, "city", 333, 1000) == 467
    # 80% of 1017 is 813.6: 814 villages, so 814 - 665.
    assert outlook.gap_in_units(RURAL, "city", 665, 1017) == 149


def test_a_place_exactly_at_the_target_has_no_gap_and_one_short_has_one():
    assert outlook.gap_in_units(RURAL, "city", 12, 15) == 0
    assert outlook.gap_in_units(RURAL, "city", 11, 15) == 1
    assert outlook.gap_in_units(VOLUNTEERS, "city", 3, 30) == 0
    assert outlook.gap_in_units(VOLUNTEERS, "city", 2, 30) == 1


def test_the_province_counts_have_their_gap_toward_6000_at_the_province_only():
    history = {2011: 1000, 2012: 2200, 2013: 3500}
    row = outlook.place_outlook(CENTRES, "province", history, 2013, 3500, None)
    assert row["pace"] == approx(1250) and row["projected"] == approx(6000)
    assert (row["projected_low"], row["projected_high"]) == (approx(5900), approx(6100))
    assert row["outlook"] == "at_risk"                 # the slowest year's pace (1200) falls 100 short
    assert row["gap_units"] == 2500 and row["needed_pace"] == approx(1250) and row["pace_factor"] == approx(1.0)
    assert (row["reach"], row["reach_year"]) == ("year", 2015)
    city = outlook.place_outlook(CENTRES, "city", {2011: 100, 2012: 150, 2013: 180}, 2013, 180, None)
    assert city["target"] is None and city["outlook"] == "no_target" and city["reach"] == "no_target"
    assert city["gap_units"] is None and city["needed_pace"] is None
    assert city["projected"] == approx(260)            # its own pace, 40 a year, with no target to meet
    assert (city["projected_low"], city["projected_high"]) == (approx(240), approx(280))


def test_a_count_never_falls_below_what_is_built():
    row = outlook.place_outlook(CENTRES, "province", {2011: 1000, 2012: 900}, 2012, 900, None)
    assert row["pace"] == approx(-100) and row["projected"] == 900


# ---------------------------------------------------------------------- how good the outlook was
def test_hindsight_of_each_verdict():
    achieve = {"outlook": "will_achieve", "projected_low": 0.8, "projected_high": 0.9}
    assert outlook.hindsight_of(achieve, 0.85, 0.8) == {"actual": 0.85, "actual_met": True, "came_true": True,
                                                        "within_range": True}
    assert outlook.hindsight_of(achieve, 0.75, 0.8)["came_true"] is False
    miss = {"outlook": "will_miss", "projected_low": None, "projected_high": None}
    assert outlook.hindsight_of(miss, 0.75, 0.8) == {"actual": 0.75, "actual_met": False, "came_true": True,
                                                     "within_range": None}
    risk = {"outlook": "at_risk", "projected_low": 0.7, "projected_high": 0.9}
    assert outlook.hindsight_of(risk, 0.95, 0.8) == {"actual": 0.95, "actual_met": True, "came_true": None,
                                                     "within_range": False}
    assert outlook.hindsight_of(risk, None, 0.8)["actual_met"] is None


def test_hindsight_counts_the_verdicts_that_came_true():
    frame = pd.DataFrame([
        {"outlook": "will_achieve", "projected": 0.85, "actual": 0.90, "actual_met": True, "came_true": True, "within_range": True},
        {"outlook": "will_achieve", "projected": 0.82, "actual": 0.70, "actual_met": False, "came_true": False, "within_range": False},
        {"outlook": "will_miss", "projected": 0.60, "actual": 0.62, "actual_met": False, "came_true": True, "within_range": None},
        {"outlook": "at_risk", "projected": 0.80, "actual": 0.81, "actual_met": True, "came_true": None, "within_range": True},
        {"outlook": "no_trend", "projected": None, "actual": 0.5, "actual_met": False, "came_true": None, "within_range": None},
    ])
    summary = outlook.hindsight(frame)
    assert summary["places"] == 4 and summary["called"] == 3 and summary["came_true"] == 2
    assert summary["at_risk"] == 1 and summary["at_risk_met"] == 1
    assert summary["with_range"] == 3 and summary["within_range"] == 2
    assert summary["mean_abs_error"] == approx((0.05 + 0.12 + 0.02 + 0.01) / 4)
    assert outlook.hindsight_text(summary, "city", 2013, "zh") == \
        "2013 年的预测：3 个市中 2 个判断正确（另有 1 个“有风险”，其中 1 个达标）"
    assert outlook.hindsight_text(summary, "city", 2013, "en") == \
        "The outlook made in 2013: right for 2 of 3 cities (1 more at risk, of which 1 met the target)"
    assert outlook.hindsight(frame[frame["outlook"] == "no_trend"]) is None


# ---------------------------------------------------------------------- words
def test_the_outlook_in_words_in_both_languages():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40, 2012: 0.48, 2013: 0.52}, 2013, 520, 1000)
    zh = outlook.describe(row, RURAL, "city", "zh")
    assert zh["status"] == "按当前进度难以达标"
    assert zh["projection"] == "预计 2015 年 64.0%" and zh["range"] == "区间 60.0%–68.0%"
    assert zh["reach"] == "按当前进度 2018 年达标"
    assert zh["pace"] == "每年需 +14.0 个百分点，2011 年以来年均 +6.0 个百分点"
    assert zh["gap"] == "还需 280 个村建成服务中心"
    en = outlook.line(row, RURAL, "city", "en")
    assert en == ("Will miss at this pace: 64.0% expected in 2015; needs +14.0 pp a year (+6.0 pp a year since "
                  "2011); 280 more villages need a service centre")
    one = outlook.describe(outlook.place_outlook(RURAL, "city", {2011: 0.4, 2012: 0.5}, 2012), RURAL, "city", "zh")
    assert one["range"] == "仅有一年变化，不给区间"
    province = outlook.place_outlook(CENTRES, "province", {2011: 1000, 2012: 2200, 2013: 3500}, 2013, 3500)
    assert outlook.describe(province, CENTRES, "province", "zh")["gap"] == "距全省 6000 个还需建设 2,500 个农村社区服务中心"
    assert outlook.describe(province, CENTRES, "province", "en")["pace"] == \
        "needs +1,250 a year (+1,250 a year since 2011)"


# ---------------------------------------------------------------------- from the store
class CountsStore:
    """Just enough of data.store.Store for the queries: hand-made counts, one data version."""

    def __init__(self, rows: list[tuple[str, str, int, float, float | None]]):
        self._counts = pd.DataFrame(rows, columns=["indicator_id", "division_code", "year", "numerator", "denominator"])

    def data_version(self) -> int:
        return 1

    def counts(self, version=None) -> pd.DataFrame:
        return self._counts

    def is_simulated(self) -> bool:
        return False


CITY_A, CITY_B = CITY_CODES[0], CITY_CODES[1]
COUNTY_A = next(c for c in COUNTY_CODES if DIVISIONS.set_index("code").loc[c, "parent_code"] == CITY_A)
COUNTY_B = next(c for c in COUNTY_CODES if DIVISIONS.set_index("code").loc[c, "parent_code"] == CITY_B)


@pytest.fixture(scope="module")
def counts_store():
    rows = []
    # Centres built, cumulative: county A 600, 1200, 1800, 2400, 3000; county B 400, 800, 1200, 1600, 2000.
    for i, year in enumerate(range(2011, 2016)):
        rows += [("rural_centers_built", COUNTY_A, year, 600 * (i + 1), None),
                 ("rural_centers_built", COUNTY_B, year, 400 * (i + 1), None)]
    # Villages with a centre: county A 40, 50, 60, 70, 80 of 100 (meets 80% in 2015), county B 20, 23, 26, 27, 28 of 50.
    for year, a, b in zip(range(2011, 2016), (40, 50, 60, 70, 80), (20, 23, 26, 27, 28)):
        rows += [("rural_center_coverage", COUNTY_A, year, a, 100), ("rural_center_coverage", COUNTY_B, year, b, 50)]
    return CountsStore(rows)


def test_a_countys_part_of_what_the_province_still_has_to_build_is_derived_from_its_share(counts_store):
    province = outlook.place(counts_store, "rural_centers_built", PROVINCE_CODE, 2013)
    assert province["value"] == 3000 and province["gap_units"] == 3000
    assert province["projected"] == approx(5000) and province["outlook"] == "will_miss"   # 1000 a year
    counties = outlook.table(counts_store, "rural_centers_built", "county", 2013).set_index("code")
    assert counties.loc[COUNTY_A, "share_of_province"] == approx(0.6)
    assert counties.loc[COUNTY_A, "derived_to_build"] == 1800        # 60% of the 3000 still to build
    assert counties.loc[COUNTY_B, "derived_to_build"] == 1200
    assert counties.loc[COUNTY_A, "outlook"] == "no_target" and counties.loc[COUNTY_A, "gap_units"] is None
    assert counties.loc[COUNTY_A, "projected"] == approx(3000)       # 1800 + 600 * 2, its own pace


def test_the_store_outlook_and_its_hindsight_from_hand_made_counts(counts_store):
    counties = outlook.table(counts_store, "rural_center_coverage", "county", 2013).set_index("code")
    a, b = counties.loc[COUNTY_A], counties.loc[COUNTY_B]
    assert a["projected"] == approx(0.80) and a["outlook"] == "will_achieve" and a["gap_units"] == 20
    assert b["projected"] == approx(0.64) and b["outlook"] == "will_miss" and b["gap_units"] == 14
    assert a["actual"] == approx(0.80) and a["came_true"] is True and a["within_range"] is True
    assert b["actual"] == approx(0.56) and b["came_true"] is True and b["within_range"] is False
    # The other 98 counties have no data: no outlook, and not counted in the hindsight.
    assert (counties["outlook"] == "no_data").sum() == len(COUNTY_CODES) - 2
    summary = outlook.hindsight(outlook.table(counts_store, "rural_center_coverage", "county", 2013))
    assert (summary["called"], summary["came_true"], summary["within_range"]) == (2, 2, 1)
    city = outlook.table(counts_store, "rural_center_coverage", "county", 2013, city=CITY_A)
    assert set(city["code"]) == set(DIVISIONS[DIVISIONS["parent_code"] == CITY_A]["code"])


@pytest.mark.parametrize("indicator, level, year, key", [
    ("broadband", "city", 2013, "outlook.no_target"),
    ("rural_center_coverage", "city", 2015, "outlook.year_not_before"),
    ("rural_center_coverage", "city", 2010, "query.unknown_year"),
    ("nope", "city", 2013, "query.unknown_indicator"),
    ("rural_center_coverage", "town", 2013, "query.unknown_level"),
])
def test_questions_the_outlook_does_not_answer(counts_store, indicator, level, year, key):
    with pytest.raises(queries.QueryError) as raised:
        outlook.table(counts_store, indicator, level, year)
    assert raised.value.key == key
    assert raised.value.message("zh") != raised.value.message("en")


# ---------------------------------------------------------------------- the API
@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


def _same(a, b):
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return a is None
    if isinstance(b, (bool,)) or hasattr(b, "dtype") and b.dtype == bool:
        return a is bool(b)
    if isinstance(b, (int, float)) and not isinstance(b, bool):
        return a == pytest.approx(float(b), rel=1e-12, abs=1e-12)
    return a == b


@pytest.mark.parametrize("indicator, level, year, city", [
    ("rural_center_coverage", "county", 2013, None),
    ("social_worker_coverage", "city", 2012, None),
    ("rural_centers_built", "province", 2014, None),
    ("rural_centers_built", "county", 2013, "210200"),
    ("resident_volunteering", "city", 2011, None),
])
def test_the_api_gives_data_outlook_cell_by_cell(client, demo_store, indicator, level, year, city):
    url = f"/api/v1/outlook?indicator={indicator}&level={level}&year={year}" + (f"&city={city}" if city else "")
    body = client.get(url).get_json()
    frame = outlook.table(demo_store, indicator, level, year, city=city)
    assert body["year"] == year and body["target_year"] == 2015 and body["simulated"] is True
    assert [r["code"] for r in body["rows"]] == list(frame["code"])
    for row, expected in zip(body["rows"], frame.to_dict("records")):
        assert set(row) == set(outlook.OUTLOOK_COLUMNS) - {"parent_code"}
        for field, value in row.items():
            assert _same(value, expected[field]), (row["code"], field, value, expected[field])
    assert body["hindsight"] == outlook.hindsight(frame)
    # And the values beside it are those of /api/v1/values, which the scorecards and maps read.
    values = {r["code"]: r for r in client.get(url.replace("/outlook", "/values")).get_json()["rows"]}
    for row in body["rows"]:
        assert (row["value"], row["numerator"], row["denominator"]) == \
            tuple(values[row["code"]][k] for k in ("value", "numerator", "denominator"))


def test_the_outlook_csv_holds_the_same_cells(client):
    url = "/api/v1/outlook?indicator=rural_center_coverage&level=city&year=2013"
    response = client.get(url + "&format=csv")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert response.data.startswith(b"\xef\xbb\xbf") and "outlook_rural_center_coverage_city_2013" in \
        response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    rows = client.get(url).get_json()["rows"]
    assert len(table) == len(rows) == 14
    for written, row in zip(table, rows):
        for field, value in row.items():
            if value is None:
                assert written[field] == ""
            elif isinstance(value, bool):
                assert written[field] == str(value)
            elif isinstance(value, (int, float)):
                assert float(written[field]) == pytest.approx(value)
            else:
                assert written[field] == value


def test_the_demo_outlook_agrees_with_the_status_method(demo_store):
    # Every place's projection meets the target exactly when its status ratio R is at least 1.
    frame = outlook.table(demo_store, "rural_center_coverage", "county", 2013)
    values = queries.values(demo_store, "rural_center_coverage", "county", 2013).set_index("code")
    checked = 0
    for row in frame.to_dict("records"):
        r = progress.ratio_of_change(row["value"], row["baseline"], row["target"], 2013)
        if r is None or row["projected"] is None or row["projected"] >= 1.0:
            continue
        assert (row["projected"] >= row["target"] - 1e-9) == (r >= 1 - 1e-9), row["code"]
        assert values.loc[row["code"], "status"] in progress.STATUSES
        checked += 1
    assert checked > 50


@pytest.mark.parametrize("query, parameter", [
    ("level=city&year=2013", "indicator"),
    ("indicator=rural_center_coverage&year=2013", "level"),
    ("indicator=rural_center_coverage&level=city", "year"),
    ("indicator=nope&level=city&year=2013", "indicator"),
    ("indicator=broadband&level=city&year=2013", "indicator"),          # tracked: no target, no outlook
    ("indicator=training_base&level=county&year=2013", "level"),
    ("indicator=rural_center_coverage&level=town&year=2013", "level"),
    ("indicator=rural_center_coverage&level=city&year=2015", "year"),   # the target year itself
    ("indicator=rural_center_coverage&level=city&year=2016", "year"),
    ("indicator=rural_center_coverage&level=city&year=1999", "year"),
    ("indicator=rural_center_coverage&level=city&year=twenty", "year"),
    ("indicator=rural_center_coverage&level=city&year=%C2%B2%E2%81%B0%C2%B9%E2%81%B4", "year"),
    ("indicator=rural_center_coverage&level=county&year=2013&city=abc", "city"),
    ("indicator=rural_center_coverage&level=province&year=2013&city=210200", "city"),
    ("indicator=rural_center_coverage&level=city&year=2013&format=xlsx", "format"),
    ("indicator=1%27%20OR%201%3D1--&level=city&year=2013", "indicator"),
])
def test_bad_outlook_parameters_get_400_in_both_languages(client, query, parameter):
    response = client.get("/api/v1/outlook?" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter
    assert body["error"]["zh"] and body["error"]["en"] and body["error"]["zh"] != body["error"]["en"]
    assert "Traceback" not in response.get_data(as_text=True)


# ---------------------------------------------------------------------- the method text
def test_the_method_text_names_every_outlook_and_the_horizon_in_both_languages():
    from data.i18n import t
    from layouts.pages import method_text
    for lang in ("zh", "en"):
        text = method_text(lang)
        assert t("outlook.title", lang) in text
        for status in ("will_achieve", "at_risk", "will_miss", "no_trend", "not_applicable", "province_only"):
            assert t(f"outlook.status.{status}", lang) in text, (lang, status)
        assert str(outlook.REACH_HORIZON) in text and "`data/outlook.py`" in text


def test_in_2011_the_words_say_what_it_takes_without_a_pace_seen():
    row = outlook.place_outlook(RURAL, "city", {2011: 0.40}, 2011, 400, 1000)
    assert outlook.line(row, RURAL, "city", "zh") == "尚无趋势可据：每年需 +10.0 个百分点；还需 400 个村建成服务中心"
    assert outlook.describe(row, RURAL, "city", "en")["range"] == "no change to go on yet"


# ---------------------------------------------------------------------- on the overview
def _texts(component) -> list[str]:
    """Every string in a Dash component tree."""
    if component is None:
        return []
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [s for c in component for s in _texts(c)]
    return _texts(getattr(component, "children", None))


def test_each_headline_card_carries_its_outlook_line(demo_store):
    from callbacks import overview as page
    from urls import parse
    years = queries.years(demo_store)
    for query, code in (("?year=2013", PROVINCE_CODE), ("?year=2012&city=210200&lang=en", "210200")):
        state, _ = parse(query, years)
        cards = page.cards(demo_store, state)
        assert cards
        for card in cards:
            expected = outlook.card_line(outlook.place(demo_store, card.indicator.id, code, state.year),
                                         card.indicator, card.level, state.lang)
            assert card.outlook == expected and card.outlook
        headline = [c for c in cards if c.indicator.headline]
        assert len(headline) == len(catalogue.HEADLINE)
    # In the target year the outlook has nothing to say: the cards say what happened.
    state, _ = parse("?year=2015", years)
    assert all(card.outlook is None for card in page.cards(demo_store, state))


def test_the_summary_panel_shows_the_outlook_and_links_the_method(demo_store):
    from callbacks import overview as page
    from urls import parse
    years = queries.years(demo_store)
    county = "210211"
    state, _ = parse(f"?year=2013&county={county}", years)
    texts = _texts(page.summary(demo_store, state, "zh"))
    parts = outlook.describe(outlook.place(demo_store, state.indicator, county, 2013),
                             catalogue.get(state.indicator), "county", "zh")
    assert any(text.startswith("2015 年展望") and parts["status"] in text for text in texts)
    for key in ("projection", "pace", "gap"):
        assert parts[key] in texts
    assert "预测方法" in texts
    state, _ = parse("?year=2015", years)
    assert not any("2015 年展望" in text for text in _texts(page.summary(demo_store, state, "zh")))


def test_a_range_of_one_value_says_so():
    row = outlook.place_outlook(URBAN, "city", {2011: 0.60, 2012: 0.80, 2013: 0.90}, 2013, 90, 100)
    assert outlook.describe(row, URBAN, "city", "zh")["range"] == "按最慢与最快一年的速度均为 100.0%"
    assert outlook.describe(row, URBAN, "city", "en")["range"] == "100.0% at both the slowest and the fastest year's pace"


@pytest.mark.parametrize("indicator, level, lang", [("rural_center_coverage", "county", "zh"),
                                                    ("social_worker_coverage", "city", "en")])
def test_data_ending_before_2015_give_the_overview_table_the_outlook_api_cell_by_cell(
        client, demo_store, monkeypatch, indicator, level, lang):
    """The demo reaches 2015, so its table has no outlook; with the data ending in 2014 (the
    store's years cut there, as a store before the last round's reports would be) the overview's
    table tab and its download carry the outlook made in 2014, as /api/v1/outlook gives it."""
    from callbacks.overview import table_content
    from data import reports
    from data.reports import OUTLOOK_FIELDS
    from data.i18n import t
    from urls import ViewState
    assert "outlook_outlook" not in reports.overview_table(demo_store, indicator, level, lang).rows
    monkeypatch.setattr(reports.queries, "years", lambda store: [2011, 2012, 2013, 2014])
    ind = catalogue.get(indicator)
    sheet = reports.overview_table(demo_store, indicator, level, lang)
    fields = [c.field for c in sheet.columns]
    assert "2015" not in fields and all(f"outlook_{f}" in fields for f in OUTLOOK_FIELDS)
    api = {r["code"]: r for r in client.get(
        f"/api/v1/outlook?indicator={indicator}&level={level}&year=2014").get_json()["rows"]}
    rows = sheet.rows.to_dict("records")
    assert len(rows) == len(api) == (100 if level == "county" else 14)
    for row in rows:
        mine = api[row["code"]]
        assert row["outlook_outlook"] == outlook.describe(mine, ind, level, lang)["status"]
        for field in ("projected", "projected_low", "projected_high", "reach_year", "needed_pace", "pace",
                      "gap_units"):
            assert _same(None if row[f"outlook_{field}"] is None or row[f"outlook_{field}"] != row[f"outlook_{field}"]
                         else float(row[f"outlook_{field}"]), mine[field]), (row["code"], field)
    # The table tab shows these rows.
    shown = table_content(demo_store, ViewState(indicator=indicator, year=2014, level=level, tab="table", lang=lang))
    assert {f"outlook_{f}" for f in OUTLOOK_FIELDS} <= {c.get("field") for c in _leaves(shown["table_columns"])}
    assert len(shown["table_rows"]) == len(rows)
    # And the download of the table.
    csv_text = client.get(f"/download/table.csv?indicator={indicator}&level={level}&lang={lang}").get_data(
        as_text=True)
    assert t("download.outlook", lang, year=2014) in csv_text


def _leaves(columns: list[dict]) -> list[dict]:
    out = []
    for c in columns:
        out += _leaves(c["children"]) if "children" in c else [c]
    return out
