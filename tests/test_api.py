"""The read-only API: every parameter combination answers, every bad one gets a 400 in
both languages, and CSV opens in Excel."""
from __future__ import annotations

import csv
import io

import pytest

from app import create_app
from data import catalogue, queries
from data.divisions import CITY_CODES, counties_of
from settings import Settings


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


def test_indicators_lists_the_catalogue(client):
    body = client.get("/api/v1/indicators").get_json()
    assert body["simulated"] is True
    got = {i["id"]: i for i in body["indicators"]}
    assert set(got) == set(catalogue.BY_ID)
    assert got["rural_center_coverage"]["target"] == 0.8 and got["rural_center_coverage"]["comparator"] == ">="
    assert got["rural_centers_built"]["target"] == 6000 and got["rural_centers_built"]["target_levels"] == ["province"]
    assert got["broadband"]["target"] is None and got["broadband"]["comparator"] is None
    for record in got.values():
        assert record["clause"] and record["name_zh"] and record["name_en"] and record["target_year"] == 2015


@pytest.mark.slow
def test_every_indicator_level_and_year_answers_with_one_row_per_place(client, demo_store):
    years = queries.years(demo_store)
    for ind in catalogue.INDICATORS:
        for level in ind.levels:
            for year in years:
                response = client.get(f"/api/v1/values?indicator={ind.id}&level={level}&year={year}")
                assert response.status_code == 200, (ind.id, level, year)
                rows = response.get_json()["rows"]
                assert len(rows) == {"province": 1, "city": 14, "county": 100}[level]
                assert set(rows[0]) == {"code", "name", "name_en", "numerator", "denominator", "value", "target",
                                        "progress", "status"}


@pytest.mark.parametrize("city", CITY_CODES)
def test_a_citys_counties(client, city):
    rows = client.get(f"/api/v1/values?indicator=barrier_free&level=county&year=2014&city={city}").get_json()["rows"]
    assert sorted(r["code"] for r in rows) == sorted(counties_of(city))
    one = client.get(f"/api/v1/values?indicator=barrier_free&level=city&year=2014&city={city}").get_json()["rows"]
    assert [r["code"] for r in one] == [city]


def test_values_agree_with_the_query_layer(client, demo_store):
    rows = client.get("/api/v1/values?indicator=resident_volunteering&level=city&year=2013").get_json()["rows"]
    frame = queries.values(demo_store, "resident_volunteering", "city", 2013).set_index("code")
    for row in rows:
        assert row["numerator"] == frame.loc[row["code"], "numerator"]
        assert row["value"] == pytest.approx(frame.loc[row["code"], "value"])
        assert row["status"] == frame.loc[row["code"], "status"]


def test_csv_is_utf8_with_a_bom_and_the_same_rows(client):
    url = "/api/v1/values?indicator=rural_center_coverage&level=county&year=2015&city=210200"
    response = client.get(url + "&format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    json_rows = client.get(url).get_json()["rows"]
    assert [r["code"] for r in table] == [r["code"] for r in json_rows]
    assert table[0]["name"] == json_rows[0]["name"] and "区" in "".join(r["name"] for r in table)


@pytest.mark.parametrize("query, parameter", [
    ("level=city&year=2015", "indicator"),
    ("indicator=barrier_free&year=2015", "level"),
    ("indicator=barrier_free&level=city", "year"),
    ("indicator=nope&level=city&year=2015", "indicator"),
    ("indicator=barrier_free&level=town&year=2015", "level"),
    ("indicator=barrier_free&level=city&year=1999", "year"),
    ("indicator=barrier_free&level=city&year=twenty", "year"),
    ("indicator=barrier_free&level=city&year=2015.5", "year"),
    ("indicator=barrier_free&level=city&year=%C2%B2%E2%81%B0%C2%B9%E2%81%B4", "year"),  # ²⁰¹⁴: isdigit(), not int()
    ("indicator=barrier_free&level=county&year=2015&city=abc", "city"),
    ("indicator=barrier_free&level=county&year=2015&city=210102", "city"),
    ("indicator=barrier_free&level=province&year=2015&city=210200", "city"),
    ("indicator=barrier_free&level=city&year=2015&format=xml", "format"),
    ("indicator=training_base&level=county&year=2015", "level"),
    ("indicator=1%27%20OR%201%3D1--&level=city&year=2015", "indicator"),
    ("indicator=barrier_free&level=city&year=%00%01", "year"),
])
def test_bad_parameters_get_400_in_both_languages(client, query, parameter):
    response = client.get("/api/v1/values?" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter
    assert body["error"]["zh"] and body["error"]["en"] and body["error"]["zh"] != body["error"]["en"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_unknown_endpoint_is_a_json_404(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.get_json()["error"]["en"]
