"""The simulated data looks like a province, and moves like one: unevenly."""
from __future__ import annotations

import pytest

from data import demo, queries
from data.divisions import DIVISIONS


@pytest.fixture(scope="module")
def data():
    return demo.generate()


def test_size_of_the_province(data):
    kinds = data.units["kind"].value_counts()
    assert kinds["urban"] == demo.URBAN_COMMUNITIES == 4300
    assert kinds["rural"] == demo.VILLAGES == 11500
    households = data.unit_years[data.unit_years["year"] == 2011]["households"].sum()
    assert households == pytest.approx(14_994_046, rel=0.001)
    assert data.units["id"].is_unique
    assert not data.units.duplicated(["county_code", "name"]).any()


def test_districts_are_mostly_urban_and_counties_mostly_rural(data):
    is_district = data.units["county_code"].map(DIVISIONS.set_index("code")["kind"]).eq("district")
    urban_units = (data.units["kind"] == "urban").groupby(is_district).mean()
    assert urban_units[True] > 0.6 and urban_units[False] < 0.15
    households = data.unit_years[data.unit_years["year"] == 2011].set_index("unit_id")["households"]
    hh = households[data.units["id"]].to_numpy()
    urban_households = (data.units.assign(hh=hh, urban=(data.units["kind"] == "urban") * hh)
                        .groupby(is_district)[["urban", "hh"]].sum())
    share = urban_households["urban"] / urban_households["hh"]
    assert share[True] > 0.8 and share[False] < 0.5


def test_every_year_from_2011_to_2015_for_every_unit(data):
    years = data.unit_years.groupby("unit_id")["year"].apply(lambda y: tuple(sorted(y)))
    assert set(years) == {(2011, 2012, 2013, 2014, 2015)}
    assert len(years) == len(data.units)


def test_generator_is_deterministic(data):
    again = demo.generate()
    assert again.unit_years.equals(data.unit_years) and again.units.equals(data.units)
    assert not demo.generate(seed=7).unit_years.equals(data.unit_years)


def test_6000_and_1000_are_reached_at_province_level_in_2015_not_before(demo_store):
    for ind, target in (("rural_centers_built", 6000), ("urban_stations_built", 1000)):
        by_year = queries.series(demo_store, ind, "210000").set_index("year")
        assert by_year.loc[2015, "value"] >= target > by_year.loc[2014, "value"]
        assert by_year.loc[2015, "status"] == "achieved"
        cities = queries.values(demo_store, ind, "city", 2015)
        share = cities["value"] / cities["value"].sum()
        assert share.max() > 2 * share.min()  # uneven


def test_places_follow_different_trajectories(demo_store):
    early, lagging, slipping = set(), set(), set()
    for ind in ("urban_facility_coverage", "rural_center_coverage", "barrier_free", "direct_elections",
                "social_worker_coverage", "party_member_volunteering"):
        y2014 = queries.values(demo_store, ind, "city", 2014)
        y2015 = queries.values(demo_store, ind, "city", 2015)
        early |= set(y2014.loc[y2014["status"] == "achieved", "code"])
        lagging |= set(y2015.loc[y2015["status"] == "limited_progress", "code"])
        y2013 = queries.values(demo_store, ind, "city", 2013).set_index("code")["value"]
        slipping |= set(y2015.loc[y2015.set_index("code")["value"].lt(y2013 - 0.02).values, "code"])
    assert len(early) >= 2, "some cities reach targets before 2015"
    assert len(lagging) >= 2, "some cities lag behind"
    assert len(slipping) >= 1, "a few slip back"
    assert early.isdisjoint(lagging)
