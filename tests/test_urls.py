"""urls.py: the language and year parsers, the path builders and the routes, without a server."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import urls
from urls import PlaceState, PresentState, ViewState

YEARS = [2011, 2012, 2013, 2014, 2015]


@pytest.mark.parametrize("text, expected", [
    ("2014", 2014), (" 2013 ", 2013), ("2011", 2011),
    ("1999", None),     # four digits, but no data that year
    ("20145", None), ("214", None), ("", None), ("abc", None), (None, None),
    ("²⁰¹⁴", None),     # superscripts: str.isdigit() says yes, int() refuses
    ("②⓪①④", None),     # circled digits
    ("２０１４", None),  # full-width digits, which int() would take
    ("٢٠١٤", None),     # Arabic-Indic digits, as well
    ("+2014", None), ("2_014", None), ("2014\n", 2014), ("2014.0", None),
])
def test_a_year_is_four_ascii_digits_with_data(text, expected):
    assert urls.year(text, YEARS) == expected


def test_a_year_without_a_list_of_years_is_checked_for_form_only():
    assert urls.year("1999") == 1999 and urls.year("²⁰¹⁴") is None


@pytest.mark.parametrize("value, expected", [
    ("zh", "zh"), ("en", "en"), (None, "zh"), ("", "zh"), ("fr", "zh"), ("EN", "zh"), (["en"], "zh"), (3, "zh"),
])
def test_a_language_is_zh_or_en_and_chinese_by_default(value, expected):
    assert urls.language(value) == expected


def test_the_language_of_a_query_string():
    assert urls.language_of("?year=2014&lang=en") == "en"
    assert urls.language_of("lang=fr") == "zh" and urls.language_of(None) == "zh"


@pytest.mark.parametrize("query", ["year=²⁰¹⁴", "year=２０１４", "year=②⓪①④"])
def test_a_unicode_year_in_a_link_falls_back_with_a_notice(query):
    for parse in (lambda q: urls.parse(q, YEARS), lambda q: urls.parse_place(q, YEARS, "county"),
                  lambda q: urls.parse_present(q, YEARS)):
        state, notices = parse(query)
        assert state.year == 2015 and [n[1]["name"] for n in notices] == ["year"]


def test_a_unicode_interval_falls_back_with_a_notice():
    state, notices = urls.parse_present("interval=²⁰", YEARS)
    assert state.interval == urls.DEFAULT_INTERVAL and [n[1]["name"] for n in notices] == ["interval"]


def test_a_place_link_round_trips_through_its_parser():
    state = PlaceState(indicator="barrier_free", year=2013, lang="en", worklist="all")
    href = urls.place("county", "210224", state)
    parts = urlsplit(href)
    assert urls.match(urls.COUNTY, parts.path) == {"code": "210224"}
    assert urls.parse_place(parts.query, YEARS, "county") == (state, [])
    assert urls.place("city", "210200") == "/city/210200"


def test_an_overview_link_round_trips_through_its_parser():
    state = ViewState(indicator="barrier_free", year=2013, level="county", city="210200", county="210224",
                      mode="status", tab="table", lang="en")
    parts = urlsplit(urls.overview(state))
    assert parts.path == urls.OVERVIEW and urls.parse(parts.query, YEARS) == (state, [])
    other, _ = urls.parse(urls.other_language_query(state), YEARS)
    assert other == state.with_(lang="zh")


def test_a_presentation_link_round_trips_and_writes_only_what_differs_from_the_defaults():
    state = PresentState(indicators=("barrier_free", "rural_center_coverage"), year=2013, level="county",
                         interval=45, theme="light", lang="en")
    parts = urlsplit(urls.present(state))
    assert parts.path == urls.PRESENT and urls.parse_present(parts.query, YEARS) == (state, [])
    view = ViewState(indicator="barrier_free", year=2013, level="county", city="210200", lang="zh")
    assert urls.present_view(view) == "/present?indicators=barrier_free&year=2013&level=county&lang=zh"


def test_the_download_and_sign_in_links_carry_their_parameters():
    href = urls.worklist_download("xlsx", county="210224", indicator="all", year=2012, lang="en")
    parts = urlsplit(href)
    assert urls.match(urls.DOWNLOAD, parts.path) == {"kind": "worklist", "fmt": "xlsx"}
    assert parse_qs(parts.query) == {"county": ["210224"], "indicator": ["all"], "year": ["2012"], "lang": ["en"]}
    assert urls.template_download(2014, "zh", filled=True) == "/download/template.xlsx?year=2014&lang=zh&filled=1"
    login = urlsplit(urls.login(urls.data("en"), "en"))
    assert login.path == urls.LOGIN and parse_qs(login.query) == {"next": ["/data?lang=en"], "lang": ["en"]}
    assert urls.home("en") == "/?lang=en" and urls.home("zh", 2013) == "/?year=2013&lang=zh"
    api = urlsplit(urls.api_values("barrier_free", "county", 2014, city="210200", fmt="csv"))
    assert api.path == urls.API_VALUES and parse_qs(api.query) == {
        "indicator": ["barrier_free"], "level": ["county"], "year": ["2014"], "city": ["210200"], "format": ["csv"]}


@pytest.mark.parametrize("path, route, segments", [
    ("/", urls.OVERVIEW, {}), ("", urls.OVERVIEW, {}), ("/county/210224/", urls.COUNTY, {"code": "210224"}),
    ("/city/210200", urls.CITY, {"code": "210200"}), ("/present", urls.PRESENT, {}), ("/method/", urls.METHOD, {}),
])
def test_a_path_matches_its_route(path, route, segments):
    assert urls.match(route, path) == segments


@pytest.mark.parametrize("path", ["/county", "/county/a/b", "/city//x", "/cityx/210200", "/presentation"])
def test_a_path_of_no_page_matches_none(path):
    from callbacks import ROUTES
    assert all(urls.match(route, path) is None for route, _ in ROUTES)


@pytest.mark.parametrize("path", ["/", "/city/210200", "/county/210224", "/present"])
def test_a_page_asked_for_a_unicode_year_is_shown_at_the_latest_year(demo_store, path):
    import callbacks
    page, meta = callbacks.render(demo_store, path, "?year=%C2%B2%E2%81%B0%C2%B9%E2%81%B4&interval=%C2%B2&lang=en")
    assert page is not None and meta["lang"] == "en"
