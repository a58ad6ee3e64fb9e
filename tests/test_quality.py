"""The plausibility checks (data/quality.py), each at its edge, with hand-made records."""
from __future__ import annotations

import pandas as pd
import pytest

from data import quality
from data.divisions import counties_of
from data.schema import UNIT_YEAR_COLUMNS
from data.store import compute_counts
from tests import stores

YEAR = 2014
DALIAN = counties_of("210200")
COUNTY = DALIAN[0]
# Pulandian: made a district of Dalian in 2015 (data/division_changes.csv).
CHANGED_2015 = "210214"


def units(county: str, year: int, n: int, kind: str = "urban", prefix: str = "U", **columns) -> pd.DataFrame:
    """n unit-year records of one county; a column given as a list sets each unit's value."""
    rows = []
    for i in range(n):
        row = {"unit_id": f"{county}{prefix}{i:03d}", "year": year, "county_code": county, "kind": kind,
               **{c: None for c in UNIT_YEAR_COLUMNS}, "households": 100, "residents": 300}
        for name, value in columns.items():
            row[name] = value[i] if isinstance(value, list) else value
        rows.append(row)
    return pd.DataFrame(rows)


def flags(n: int, true: int) -> list[bool]:
    return [i < true for i in range(n)]


def run(now: pd.DataFrame, before: pd.DataFrame, year: int = YEAR, **kw) -> pd.DataFrame:
    counts = compute_counts(now, pd.DataFrame(), pd.DataFrame())
    previous = compute_counts(before, pd.DataFrame(), pd.DataFrame())
    return quality.check(year, counts, previous, now, before, **kw)


def found(frame: pd.DataFrame, check: str, subject: str | None = None) -> pd.DataFrame:
    rows = frame[frame["check"] == check]
    return rows if subject is None else rows[rows["subject"] == subject]


# ---------------------------------------------------------------------- share_rise
@pytest.mark.parametrize("after,raised", [(16, False), (17, True)])
def test_a_share_rising_more_than_30_points_is_doubted_and_30_is_not(after, raised):
    before = units(COUNTY, YEAR - 1, 20, has_facility=flags(20, 10))
    now = units(COUNTY, YEAR, 20, has_facility=flags(20, after))  # 50% -> 80% or 85%
    rows = found(run(now, before), "share_rise", "urban_facility_coverage")
    assert len(rows) == int(raised)
    if raised:
        row = rows.iloc[0]
        assert row["value"] == pytest.approx(85.0) and row["reference"] == pytest.approx(50.0)
        assert row["county_code"] == COUNTY and row["city_code"] == "210200" and row["year"] == YEAR


def test_a_share_of_fewer_than_ten_units_is_not_doubted_for_rising():
    before = units(COUNTY, YEAR - 1, 9, has_facility=False)
    now = units(COUNTY, YEAR, 9, has_facility=True)  # 0% -> 100% of 9
    assert found(run(now, before), "share_rise").empty
    before = units(COUNTY, YEAR - 1, 10, has_facility=False)
    now = units(COUNTY, YEAR, 10, has_facility=True)
    assert len(found(run(now, before), "share_rise", "urban_facility_coverage")) == 1


# ---------------------------------------------------------------------- count_fell
@pytest.mark.parametrize("after,raised", [(12, False), (11, True)])
def test_a_fall_of_communities_with_a_facility_is_doubted(after, raised):
    before = units(COUNTY, YEAR - 1, 20, has_facility=flags(20, 12))
    now = units(COUNTY, YEAR, 20, has_facility=flags(20, after))
    rows = found(run(now, before), "count_fell", "urban_facility_coverage")
    assert len(rows) == int(raised)
    if raised:
        assert (rows.iloc[0]["value"], rows.iloc[0]["reference"]) == (11, 12)


def test_a_division_change_explains_a_fall_and_a_change_of_size():
    before = units(CHANGED_2015, 2014, 20, has_facility=flags(20, 12))
    now = units(CHANGED_2015, 2015, 30, has_facility=flags(30, 8))  # fewer facilities, 50% more communities
    assert run(now, before, year=2015)[lambda f: f["check"].isin(["count_fell", "size_change"])].empty
    # The same numbers in a county whose division did not change that year are doubted twice.
    other = DALIAN[1]
    assert other != CHANGED_2015
    rows = run(units(other, 2015, 30, has_facility=flags(30, 8)), units(other, 2014, 20, has_facility=flags(20, 12)),
               year=2015)
    assert set(rows["check"]) >= {"count_fell", "size_change"}


# ---------------------------------------------------------------------- copied_forward
def test_a_report_identical_to_last_year_is_doubted():
    before = units(COUNTY, YEAR - 1, 12, has_facility=True, facility_area_m2=[500.0 + i for i in range(12)])
    now = before.assign(year=YEAR)
    rows = found(run(now, before), "copied_forward")
    assert list(rows["county_code"]) == [COUNTY] and rows.iloc[0]["value"] == 12


def test_one_value_changed_or_one_unit_more_is_not_a_copy():
    before = units(COUNTY, YEAR - 1, 12, has_facility=True, facility_area_m2=[500.0 + i for i in range(12)])
    changed = before.assign(year=YEAR)
    changed.loc[5, "households"] = 101
    assert found(run(changed, before), "copied_forward").empty
    more = pd.concat([before.assign(year=YEAR), units(COUNTY, YEAR, 1, prefix="N")], ignore_index=True)
    assert found(run(more, before), "copied_forward").empty


# ---------------------------------------------------------------------- size_change
@pytest.mark.parametrize("households,raised", [(120, False), (121, True), (80, False), (79, True)])
def test_households_changing_by_more_than_a_fifth_are_doubted(households, raised):
    before = units(COUNTY, YEAR - 1, 10, households=100)   # 1,000 in all
    now = units(COUNTY, YEAR, 10, households=[households] + [100] * 9)
    now.loc[0, "households"] = 100 + (households - 100) * 10  # the whole change on one community
    rows = found(run(now, before), "size_change", "households")
    assert len(rows) == int(raised)


def test_villages_more_by_a_third_are_doubted():
    before = units(COUNTY, YEAR - 1, 12, kind="rural")
    now = units(COUNTY, YEAR, 16, kind="rural")
    rows = found(run(now, before), "size_change", "rural")
    assert len(rows) == 1 and (rows.iloc[0]["value"], rows.iloc[0]["reference"]) == (16, 12)


# ---------------------------------------------------------------------- outlier
def city(shares: list[int]) -> pd.DataFrame:
    """Dalian's first counties, 100 communities each, with these shares (%) of facilities."""
    return pd.concat([units(c, YEAR, 100, has_facility=flags(100, s)) for c, s in zip(DALIAN, shares)],
                     ignore_index=True)


def test_a_county_far_from_its_city_is_doubted_and_one_near_is_not():
    # median 54; deviations 14 4 2 0 2 4 36: MAD 4.
    now = city([40, 50, 52, 54, 56, 58, 90])
    rows = found(run(now, now.assign(year=YEAR - 1)), "outlier", "urban_facility_coverage")
    assert list(rows["county_code"]) == [DALIAN[6]]  # 0.6745 x 36 / 4 = 6.1 > 3.5
    assert (rows.iloc[0]["value"], rows.iloc[0]["reference"]) == (90, 54)  # 40: 14 points, under 15


def test_the_outlier_edge_is_three_and_a_half_modified_z():
    # median 56; deviations 6 4 2 0 2 20 22: MAD 4. 76: 0.6745 x 20 / 4 = 3.37; 78: 3.71.
    now = city([50, 52, 54, 56, 58, 76, 78])
    rows = found(run(now, now.assign(year=YEAR - 1)), "outlier", "urban_facility_coverage")
    assert list(rows["county_code"]) == [DALIAN[6]] and rows.iloc[0]["value"] == 78


def test_no_outlier_where_the_city_has_too_few_counties_or_no_spread():
    few = city([50, 52, 90])
    assert found(run(few, few.assign(year=YEAR - 1)), "outlier").empty
    flat = city([60, 60, 60, 60, 95])
    assert found(run(flat, flat.assign(year=YEAR - 1)), "outlier").empty  # MAD 0


def test_an_extreme_but_small_gap_is_not_an_outlier():
    # MAD 1: 66 is 0.6745 x 11 / 1 = 7.4 MADs away, but only 11 points.
    now = city([54, 55, 55, 56, 55, 66])
    assert found(run(now, now.assign(year=YEAR - 1)), "outlier").empty


# ---------------------------------------------------------------------- round_values
@pytest.mark.parametrize("n,areas,raised", [(5, [400.0] * 5, True), (4, [400.0] * 4, False),
                                            (6, [400.0] * 5 + [401.0], False)])
def test_every_facility_exactly_at_400_m2_is_doubted(n, areas, raised):
    now = units(COUNTY, YEAR, n, has_facility=True, facility_area_m2=areas)
    rows = found(run(now, pd.DataFrame(columns=now.columns)), "round_values", "facility_area_m2.urban")
    assert len(rows) == int(raised)


def test_every_rural_square_at_1000_m2_is_doubted():
    now = units(COUNTY, YEAR, 6, kind="rural", has_facility=True, facility_area_m2=[360.0 + i for i in range(6)],
                square_area_m2=1000.0)
    rows = run(now, pd.DataFrame(columns=now.columns))
    assert list(found(rows, "round_values")["subject"]) == ["square_area_m2.rural"]


# ---------------------------------------------------------------------- the store's county-years
def test_a_plausible_year_raises_nothing():
    before = units(COUNTY, YEAR - 1, 20, has_facility=flags(20, 10), facility_area_m2=[450.0 + i for i in range(20)])
    now = units(COUNTY, YEAR, 21, has_facility=flags(21, 12), facility_area_m2=[455.0 + i for i in range(21)])
    assert run(now, before).empty


def test_the_store_checks_every_county_year_it_shows(demo_store):
    rows = quality.for_store(demo_store, 2014)
    assert set(rows.columns) == set(quality.COLUMNS) and set(rows["check"]) <= set(quality.CHECKS)
    assert rows["year"].eq(2014).all() and rows["county_code"].str.len().eq(6).all()
    one = rows["county_code"].iloc[0]
    assert quality.for_store(demo_store, 2014, county=one).equals(rows[rows["county_code"] == one].reset_index(drop=True))


def test_the_demo_data_raise_exactly_the_planted_anomalies(demo_store):
    from data import demo
    found = set()
    for year in demo.YEARS:
        rows = quality.for_store(demo_store, year)
        found |= set(zip(rows["county_code"], rows["year"], rows["check"], rows["subject"]))
    planted = {(a.county, a.year, a.check, a.subject) for a in demo.PLANTED}
    assert found == planted
    # Every check has a planted anomaly of its own: a fresh install shows each at work.
    assert {a.check for a in demo.PLANTED} == set(quality.CHECKS)


def test_a_commit_is_checked_at_once():
    store = stores.demo_copy("quality_commit")
    before = quality.for_store(store, 2014, county=COUNTY)
    shown = store.unit_records(COUNTY, 2013)
    records = shown.assign(year=2014)[["unit_id", "year", *UNIT_YEAR_COLUMNS]]
    county = store.shown_county_records(2013).query("county_code == @COUNTY").drop(columns=["batch_id"])
    store.commit_batch(kind="import", source="test", is_simulated=False,
                       units=shown.rename(columns={"unit_id": "id"})[["id", "kind", "name", "name_en", "county_code"]],
                       unit_years=records, county_years=county.assign(year=2014), scope=[(COUNTY, 2014)])
    after = quality.for_store(store, 2014, county=COUNTY)
    assert "copied_forward" in set(after["check"]) and "copied_forward" not in set(before["check"])


# ---------------------------------------------------------------------- GET /api/v1/quality
@pytest.fixture(scope="module")
def client(demo_store):
    from app import create_app
    from settings import Settings
    return create_app(Settings(secret_key="quality-test"), store=demo_store).server.test_client()


def test_the_api_returns_the_warnings_of_a_year_as_the_checks_find_them(client, demo_store):
    body = client.get("/api/v1/quality?year=2015").get_json()
    expected = quality.for_store(demo_store, 2015)
    assert body["year"] == 2015 and body["simulated"] is True and len(body["rows"]) == len(expected) > 0
    for row, want in zip(body["rows"], expected.to_dict("records")):
        assert (row["county_code"], row["check"], row["subject"]) == (want["county_code"], want["check"], want["subject"])
        assert row["value"] == pytest.approx(want["value"]) and row["message_zh"] and row["message_en"]
        assert row["message_zh"] != row["message_en"]
    assert body["thresholds"]["share_rise_pp"] == quality.THRESHOLDS.share_rise_pp


def test_the_api_answers_one_county_and_csv(client, demo_store):
    county = quality.for_store(demo_store, 2015)["county_code"].iloc[0]
    rows = client.get(f"/api/v1/quality?year=2015&county={county}").get_json()["rows"]
    assert rows and {r["county_code"] for r in rows} == {county}
    csv = client.get(f"/api/v1/quality?year=2015&county={county}&format=csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("county_code,county_name,") and len(lines) == len(rows) + 1


@pytest.mark.parametrize("query,parameter", [("", "year"), ("year=1999", "year"), ("year=２０１４", "year"),
                                             ("year=2014&county=999999", None), ("year=2014&county=210200", None),
                                             ("year=2014&format=xml", "format")])
def test_bad_parameters_are_a_400_in_both_languages(client, query, parameter):
    answer = client.get(f"/api/v1/quality?{query}")
    body = answer.get_json()
    assert answer.status_code == 400 and body["error"]["zh"] and body["error"]["en"]
    assert body.get("parameter") == parameter
