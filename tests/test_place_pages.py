"""The 114 city and county pages, built without a browser, and what they say."""
from __future__ import annotations

import pytest

import callbacks
from data import catalogue
from data.divisions import CITY_CODES, COUNTY_CODES, division
from layouts import ids
from tests.tree import find, text, walk


def props(node) -> dict:
    return node.to_plotly_json()["props"]


def scorecard_rows(page) -> list[dict]:
    table = find(page, ids.SCORECARD)
    return [props(n) for n in walk(table)
            if type(n).__name__ == "Tr" and "score-row" in props(n).get("className", "")]


@pytest.mark.slow
def test_every_one_of_the_114_pages_names_its_place_and_scores_every_indicator(demo_store):
    for code in CITY_CODES + COUNTY_CODES:
        place = division(code)
        page, meta = callbacks.render(demo_store, f"/{place.level}/{code}", "?year=2014")
        words = text(page)
        assert place.name in words, code
        if place.level == "county":
            assert division(place.parent_code).name in words  # breadcrumbs and header
        rows = scorecard_rows(page)
        expected = [i.id for i in catalogue.INDICATORS if place.level in i.levels]
        assert [r["data-indicator"] for r in rows] == expected, code


@pytest.mark.slow
def test_english_page_names_in_english(demo_store):
    page, meta = callbacks.render(demo_store, "/county/210224", "?lang=en")
    assert meta["lang"] == "en" and "Changhai County" in text(page) and "Dalian" in text(page)


@pytest.mark.parametrize("segment, code, former", [
    ("210122", "210115", "辽中县"), ("%E8%BE%BD%E4%B8%AD%E5%8E%BF", "210115", "辽中县"),
    ("210282", "210214", "普兰店市"), ("%E4%B8%9C%E9%99%B5%E5%8C%BA", "210112", "东陵区"),
])
def test_a_former_code_or_name_lands_on_todays_county_and_says_so(demo_store, segment, code, former):
    page, _ = callbacks.render(demo_store, f"/county/{segment}", "")
    words = text(page)
    assert division(code).name in words and former in words and ("国函" in words or "民函" in words)


def test_an_unknown_place_gets_a_search_over_the_114_places(demo_store):
    for path in ("/county/999999", "/county/abc", "/city/210102", "/county/%E9%93%81%E8%A5%BF%E5%8C%BA"):
        page, _ = callbacks.render(demo_store, path, "")
        search = find(page, ids.PLACE_SEARCH)
        assert search is not None, path
        assert len(search.options) == 114
        assert "Traceback" not in text(page)
    page, _ = callbacks.render(demo_store, "/county/%E9%93%81%E8%A5%BF%E5%8C%BA", "")  # 铁西区: two of them
    assert "鞍山市铁西区" in text(page) and "沈阳市铁西区" in text(page)


@pytest.mark.slow
def test_year_and_indicator_come_from_the_query_string(demo_store):
    page, _ = callbacks.render(demo_store, "/county/210224", "?indicator=barrier_free&year=2012")
    assert "2012 年各项指标" in text(page)
    selected = [r for r in scorecard_rows(page) if "selected" in r["className"]]
    assert [r["data-indicator"] for r in selected] == ["barrier_free"]
    assert find(page, ids.WORKLIST) is not None


def test_bad_query_values_fall_back_with_a_notice(demo_store):
    page, _ = callbacks.render(demo_store, "/county/210224", "?indicator=nope&year=1999")
    words = text(page)
    assert "indicator=“nope”" in words and "year=“1999”" in words


def test_a_county_level_item_says_there_is_no_list_behind_it(demo_store):
    page, _ = callbacks.render(demo_store, "/county/210224", "?indicator=rural_centers_built")
    assert find(page, ids.WORKLIST) is None
    assert "按县汇总填报" in text(find(page, ids.WORKLIST_SECTION))


def test_city_page_ranks_its_counties_and_draws_their_trends(demo_store):
    page, _ = callbacks.render(demo_store, "/city/210200", "?indicator=barrier_free")
    ranking = find(page, ids.CITY_RANKING).figure
    assert len(ranking.data[0].y) == 10
    multiples = find(page, ids.SMALL_MULTIPLES).figure
    assert sum(1 for tr in multiples.data if tr.type == "scatter") == 10


@pytest.mark.parametrize("path", ["/county/210224", "/city/210200?lang=en"])
def test_every_scorecard_column_has_a_header_a_screen_reader_can_read(demo_store, path):
    """axe's td-has-header: each data cell needs a header; the map links' column too (hidden text)."""
    pathname, _, search = path.partition("?")
    page, _ = callbacks.render(demo_store, pathname, "?" + search if search else "")
    table = find(page, ids.SCORECARD)
    headers = [text(n).strip() for n in walk(table) if type(n).__name__ == "Th"]
    widths = {len([c for c in (props(r)["children"]) if type(c).__name__ == "Td"])
              for r in walk(table) if type(r).__name__ == "Tr" and "score-row" in props(r).get("className", "")}
    assert widths == {len(headers)} and all(headers), headers
