"""The queries the app asks: values, series and the units behind a number."""
from __future__ import annotations

import math

import pytest

from data import catalogue, queries
from data.queries import QueryError
from data.standards import meets_rural_centre_standard, meets_urban_area_standard
from tests import stores
from tests.factories import batch, unit_year


def test_city_rate_sums_counts_not_percentages():
    """Two counties of 沈阳: 和平区 1 of 1 urban communities, 沈河区 1 of 9. The city has 2 of
    10, 20%; the mean of the county rates would say 55.6%."""
    store = stores.new_store("rollup")
    store.create_schema()
    units = [("210102U1", "urban", "210102")] + [(f"210103U{i}", "urban", "210103") for i in range(9)]
    records = [unit_year("210102U1", 2011, has_facility=True)] + [
        unit_year(f"210103U{i}", 2011, has_facility=(i == 0)) for i in range(9)]
    store.commit_batch(**batch(units, records))
    counties = queries.values(store, "urban_facility_coverage", "county", 2011).set_index("code")
    assert counties.loc["210102", "value"] == 1.0
    assert counties.loc["210103", "value"] == pytest.approx(1 / 9)
    city = queries.values(store, "urban_facility_coverage", "city", 2011).set_index("code").loc["210100"]
    assert (city["numerator"], city["denominator"]) == (2, 10)
    assert city["value"] == pytest.approx(0.2)
    assert city["value"] != pytest.approx((1.0 + 1 / 9) / 2)
    province = queries.values(store, "urban_facility_coverage", "province", 2011).iloc[0]
    assert province["value"] == pytest.approx(0.2)
    # Counties with no records are "no data", not zero.
    assert counties.loc["210104", "status"] == "no_data" and math.isnan(counties.loc["210104", "value"])


@pytest.mark.parametrize("level, rows", [("province", 1), ("city", 14), ("county", 100)])
def test_values_has_a_row_per_place(demo_store, level, rows):
    frame = queries.values(demo_store, "rural_center_coverage", level, 2013)
    assert len(frame) == rows and frame["code"].is_unique
    assert list(frame.columns) == queries.VALUE_COLUMNS


def test_values_within_a_city_are_its_counties(demo_store):
    frame = queries.values(demo_store, "rural_center_coverage", "county", 2013, city="210200")
    assert set(frame["code"]) == {"210202", "210203", "210204", "210211", "210212", "210213", "210214",
                                  "210224", "210281", "210283"}


def test_every_level_adds_up_to_the_province(demo_store):
    for ind in catalogue.INDICATORS:
        if ind.source == "province_records":
            continue
        province = queries.values(demo_store, ind.id, "province", 2014).iloc[0]
        for level in ("city", "county"):
            frame = queries.values(demo_store, ind.id, level, 2014)
            assert frame["numerator"].sum() == pytest.approx(province["numerator"]), (ind.id, level)


def test_values_carry_target_progress_status_and_trend(demo_store):
    frame = queries.values(demo_store, "rural_center_coverage", "city", 2014)
    row = frame.iloc[0]
    assert row["target"] == 0.8
    assert row["progress"] == pytest.approx(row["value"] / 0.8)
    assert row["change"] == pytest.approx(row["value"] - row["previous"])
    assert row["trend"] in {"up", "down", "flat"}
    assert set(frame["status"]) <= {"achieved", "on_track", "needs_acceleration", "limited_progress",
                                    "deteriorating"}


def test_province_counts_have_no_target_below_the_province(demo_store):
    city = queries.values(demo_store, "rural_centers_built", "city", 2015)
    assert city["target"].isna().all() and set(city["status"]) == {"no_target"}
    assert city["share_of_province"].sum() == pytest.approx(1.0)  # derived share, not a quota
    province = queries.values(demo_store, "rural_centers_built", "province", 2015).iloc[0]
    assert province["target"] == 6000 and province["numerator"] == city["value"].sum()


def test_tracked_items_show_no_target(demo_store):
    for ind in catalogue.TRACKED:
        frame = queries.values(demo_store, ind.id, "province", 2015)
        assert frame["status"].eq("no_target").all() and frame["target"].isna().all()


def test_2011_status_is_achieved_or_not_yet(demo_store):
    frame = queries.values(demo_store, "urban_facility_coverage", "county", 2011)
    assert set(frame["status"]) <= {"achieved", "not_yet", "no_data"}
    assert frame["trend"].isna().all()


def test_series_runs_from_2011(demo_store):
    frame = queries.series(demo_store, "rural_center_coverage", "210224")
    assert frame["year"].tolist() == [2011, 2012, 2013, 2014, 2015]
    assert frame["baseline"].nunique() == 1 and frame["baseline"].iloc[0] == frame["value"].iloc[0]


@pytest.mark.parametrize("call", [
    lambda s: queries.values(s, "no_such", "city", 2013),
    lambda s: queries.values(s, "rural_center_coverage", "town", 2013),
    lambda s: queries.values(s, "rural_center_coverage", "city", 1999),
    lambda s: queries.values(s, "rural_center_coverage", "county", 2013, city="abc"),
    lambda s: queries.values(s, "training_base", "county", 2013),
    lambda s: queries.values(s, "rural_center_coverage'; DROP TABLE units;--", "city", 2013),
    lambda s: queries.series(s, "rural_center_coverage", "999999"),
    lambda s: queries.units_behind(s, "210224", "rural_centers_built", 2013),
    lambda s: queries.units_behind(s, "210000", "rural_center_coverage", 2013),
])
def test_bad_questions_raise_a_bilingual_error(demo_store, call):
    with pytest.raises(QueryError) as err:
        call(demo_store)
    assert err.value.message("zh") != err.value.message("en")


def test_units_behind_the_urban_area_standard_fail_it_with_their_numbers(demo_store):
    rows = queries.units_behind(demo_store, "210102", "urban_facility_area_standard", 2013)
    assert len(rows) > 0
    assert not meets_urban_area_standard(rows["facility_area_m2"], rows["households"]).any()
    first = rows.iloc[0]
    assert f"{int(first['facility_area_m2'])} m²" in first["reason_zh"]
    assert f"{first['households']:,} households" in first["reason_en"]
    counts = queries.values(demo_store, "urban_facility_area_standard", "county", 2013).set_index("code")
    assert len(rows) == counts.loc["210102", "denominator"] - counts.loc["210102", "numerator"]


def test_units_behind_the_rural_standard_say_which_part_fails(demo_store):
    code = next(c for c in ("210224", "210281", "210283", "211321")
                if len(queries.units_behind(demo_store, c, "rural_center_standard", 2012)))
    rows = queries.units_behind(demo_store, code, "rural_center_standard", 2012)
    assert not meets_rural_centre_standard(rows["facility_area_m2"], rows["square_area_m2"]).any()
    for _, r in rows.iterrows():
        assert ("广场" in r["reason_zh"]) == (r["square_area_m2"] < 1000)


def test_units_behind_a_rate_of_people_are_below_the_rate(demo_store):
    rows = queries.units_behind(demo_store, "210224", "party_member_volunteering", 2012)
    assert len(rows) > 0
    assert (rows["numerator"] / rows["denominator"] < 0.8).all()
    assert "需 80% 以上" in rows.iloc[0]["reason_zh"]
