"""The committed boundaries: complete, valid, faithful to the raw data, and drawable."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import geo
from data.divisions import CITY_CODES, COUNTY_CODES, DIVISIONS, PROVINCE_CODE


@pytest.fixture(scope="module")
def counties() -> gpd.GeoDataFrame:
    return gpd.read_file(geo.COUNTIES_PATH).set_index("adcode", drop=False)


@pytest.fixture(scope="module")
def cities() -> gpd.GeoDataFrame:
    return gpd.read_file(geo.CITIES_PATH).set_index("adcode", drop=False)


@pytest.fixture(scope="module")
def raw_area() -> pd.Series:
    table = pd.read_csv(geo.RAW_AREAS_PATH, dtype={"code": str})
    return table.set_index("code")["raw_area_km2"]


def area_km2(frame: gpd.GeoDataFrame) -> pd.Series:
    return frame.to_crs(geo.AREA_CRS).area / 1e6


def test_files_fit_their_size_budget():
    assert geo.COUNTIES_PATH.stat().st_size <= 250_000
    assert geo.CITIES_PATH.stat().st_size <= 100_000


def test_all_114_codes_are_present_once(counties, cities):
    assert sorted(counties.index) == sorted(COUNTY_CODES)
    assert sorted(cities.index) == sorted(CITY_CODES)
    assert counties.index.is_unique and cities.index.is_unique


def test_every_geometry_is_valid_and_not_empty(counties, cities):
    for frame in (counties, cities):
        assert frame.geometry.is_valid.all()
        assert (~frame.geometry.is_empty).all()


def test_features_carry_names_kind_and_city_from_the_division_table(counties, cities):
    table = DIVISIONS.set_index("code")
    for frame in (counties, cities):
        for code, row in frame.iterrows():
            assert row["name"] == table.loc[code, "name"]
            assert row["name_en"] == table.loc[code, "name_en"]
            assert row["kind"] == table.loc[code, "kind"]
    assert (counties["city_adcode"] == table.loc[counties.index, "parent_code"]).all()


def test_county_area_error_against_raw_data(counties, raw_area):
    error = (area_km2(counties) - raw_area[counties.index]).abs() / raw_area[counties.index]
    assert error.max() <= 0.015, error.sort_values().tail(3)
    assert error.mean() <= 0.003


def test_counties_tile_the_province_without_overlaps(counties, raw_area):
    projected = counties.to_crs(geo.AREA_CRS)
    union = shapely.union_all(projected.geometry.values)
    total = projected.area.sum()
    # No overlaps: the parts add up to the whole (to a square metre per county).
    assert total - union.area <= 100.0
    # And the whole is the province.
    province = raw_area[PROVINCE_CODE] * 1e6
    assert abs(union.area - province) / province <= 0.001


def test_no_two_counties_overlap_pairwise(counties):
    projected = counties.to_crs(geo.AREA_CRS).geometry.values
    left, right = shapely.STRtree(projected).query(projected, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j]
    assert len(pairs) > 200, "neighbours should touch"
    overlap = shapely.area(shapely.intersection(projected[[i for i, _ in pairs]],
                                                projected[[j for _, j in pairs]]))
    assert overlap.max() <= 1.0


def test_each_city_is_exactly_the_union_of_its_counties(counties, cities):
    for code, city in cities.iterrows():
        members = counties[counties["city_adcode"] == code].geometry.values
        union = shapely.union_all(members)
        assert shapely.area(shapely.symmetric_difference(union, city.geometry)) <= 1e-10 * city.geometry.area


def test_shared_borders_are_identical_on_both_sides(counties):
    """Simplified as one coverage: every border vertex of a county that lies on a
    neighbour's border is also one of the neighbour's vertices."""
    a, b = counties.loc["210106"].geometry, counties.loc["210102"].geometry  # 铁西区, 和平区
    shared = shapely.intersection(a.boundary, b.boundary)
    assert shared.length > 0
    shared_pts = {tuple(p) for p in shapely.get_coordinates(shared)}
    assert shared_pts <= {tuple(p) for p in shapely.get_coordinates(a)}
    assert shared_pts <= {tuple(p) for p in shapely.get_coordinates(b)}


def test_exterior_rings_clockwise_holes_counter_clockwise(counties, cities):
    """plotly's d3-geo choropleth draws a counter-clockwise exterior as a world-filling inverse."""
    for frame in (counties, cities):
        for geom in frame.geometry:
            for polygon in geom.geoms:
                assert not shapely.is_ccw(polygon.exterior)
                assert all(shapely.is_ccw(hole) for hole in polygon.interiors)


def test_coordinates_are_rounded_to_four_decimals(counties):
    xy = shapely.get_coordinates(counties.geometry.values)
    assert np.allclose(xy, np.round(xy, 4), atol=1e-12, rtol=0)


def test_changhai_archipelago_keeps_its_islands(counties):
    """长海县 is ~50 islands; a simplification that drops small rings loses most of it."""
    changhai = counties.loc["210224"].geometry
    assert len(changhai.geoms) >= 50


def test_label_points_lie_inside_their_shape(cities, counties):
    for frame in (cities, counties):
        for code, row in frame.iterrows():
            assert row.geometry.contains(shapely.Point(row["label_lon"], row["label_lat"])), code
