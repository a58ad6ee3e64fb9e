"""/compare: its link's parsing, the table of two places against /api/v1/values, the page
(one <h1>, its title, the notice of a bad code, the outlook only before 2015), and the
pickers that write its address."""
from __future__ import annotations

import math

import pytest

import callbacks
import urls
from app import create_app
from callbacks.compare import query_for
from data import catalogue, comparison
from data.divisions import CITY_CODES, PROVINCE_CODE, division
from layouts import ids
from layouts.compare import difference_text
from settings import Settings
from tests.dash_client import DashClient
from tests.tree import find, text, walk

YEARS = [2011, 2012, 2013, 2014, 2015]


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


# ---------------------------------------------------------------------- the link
def test_a_compare_link_reads_back_as_the_view_it_names():
    state = urls.CompareState(a="210224", b="210100", year=2013, lang="en")
    parsed, notices = urls.parse_compare(urls.compare(state)[len(urls.COMPARE):], YEARS)
    assert parsed == state and notices == []


@pytest.mark.parametrize("code, other", [("210224", "210200"), ("210200", PROVINCE_CODE),
                                         (PROVINCE_CODE, CITY_CODES[0])])
def test_b_defaults_to_a_countys_city_a_citys_province(code, other):
    state, notices = urls.parse_compare(f"?a={code}", YEARS)
    assert (state.a, state.b, state.year, state.lang) == (code, other, 2015, "zh") and notices == []


@pytest.mark.parametrize("query, a, b, bad", [
    ("?a=999999&b=210224", PROVINCE_CODE, "210224", ["a"]),
    ("?a=210224&b=abc", "210224", "210200", ["b"]),
    ("?a=210224&b=210224", "210224", "210200", ["b"]),          # a place with itself
    ("?a=%27%3B%20DROP%20TABLE&b=x&year=1999&lang=fr", PROVINCE_CODE, CITY_CODES[0], ["lang", "a", "b", "year"]),
])
def test_a_bad_code_falls_back_with_a_notice(query, a, b, bad):
    state, notices = urls.parse_compare(query, YEARS)
    assert (state.a, state.b) == (a, b)
    assert [params["name"] for _, params in notices] == bad


def test_choosing_the_other_place_in_a_picker_swaps_them():
    assert query_for("?a=210224&b=210200&year=2013&lang=en", YEARS, a="210200") == \
        "?a=210200&b=210224&year=2013&lang=en"
    assert query_for("?a=210224&b=210200&year=2013", YEARS, b="210102") == "?a=210224&b=210102&year=2013&lang=zh"


def test_a_difference_reads_in_points_for_shares_and_units_for_counts():
    assert difference_text(-0.116, catalogue.get("rural_center_coverage"), "zh") == "-11.6 个百分点"
    assert difference_text(0.074, catalogue.get("rural_center_coverage"), "en") == "+7.4 pp"
    assert difference_text(-510.0, catalogue.get("rural_centers_built"), "en") == "-510"
    assert difference_text(None, catalogue.get("rural_centers_built"), "en") == "—"


# ---------------------------------------------------------------------- the table
def _api_value(client, ind_id: str, code: str, year: int) -> dict:
    level = division(code).level
    query = f"/api/v1/values?indicator={ind_id}&level={level}&year={year}"
    if level == "county":
        query += f"&city={division(code).parent_code}"
    body = client.get(query).get_json()
    return next(r for r in body["rows"] if r["code"] == code)


def _same(x, y) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("a, b", [("210224", "210200"), ("210200", PROVINCE_CODE)])
def test_the_compare_table_is_the_api_values_of_both_places_and_their_difference(client, demo_store, a, b):
    rows = comparison.table(demo_store, a, b, 2013)
    levels = (division(a).level, division(b).level)
    assert [r.indicator.id for r in rows] == [i.id for i in catalogue.INDICATORS
                                              if levels[0] in i.levels or levels[1] in i.levels]
    for row in rows:
        for code, side, level in ((a, row.a, levels[0]), (b, row.b, levels[1])):
            assert side.tracked == (level in row.indicator.levels)
            if not side.tracked:
                continue
            api = _api_value(client, row.indicator.id, code, 2013)
            assert _same(side.value, api["value"]) and side.status == api["status"], (row.indicator.id, code)
            assert _same(side.target, api["target"]), (row.indicator.id, code)
        if row.a.tracked and row.b.tracked and row.a.value is not None and row.b.value is not None \
                and row.indicator.unit != "yes_no" and row.indicator.source != "county_records":
            assert _same(row.difference, row.a.value - row.b.value), row.indicator.id


def test_the_province_keeps_the_training_base_a_county_does_not(demo_store):
    rows = {r.indicator.id: r for r in comparison.table(demo_store, PROVINCE_CODE, "210224", 2014)}
    base = rows["training_base"]
    assert base.a.tracked and not base.b.tracked and base.difference is None


def test_the_outlook_of_each_side_is_the_outlook_api_row(client, demo_store):
    rows = comparison.table(demo_store, "210224", "210200", 2013)
    row = next(r for r in rows if r.indicator.id == "rural_center_coverage")
    api = client.get("/api/v1/outlook?indicator=rural_center_coverage&level=county&year=2013&city=210200").get_json()
    mine = next(r for r in api["rows"] if r["code"] == "210224")
    for field in ("projected", "projected_low", "projected_high", "needed_pace", "gap_units", "outlook"):
        x, y = row.a.outlook[field], mine[field]
        assert (x == y) if isinstance(y, str) else _same(None if x != x else x, y), field
    later = comparison.table(demo_store, "210224", "210200", 2015)
    assert all(r.a.outlook is None and r.b.outlook is None for r in later)


# ---------------------------------------------------------------------- the page
def _headings(page, kind: str) -> list:
    return [n for n in walk(page) if type(n).__name__ == kind]


def test_the_compare_page_has_one_h1_its_title_both_places_and_every_indicator(demo_store):
    page, meta = callbacks.render(demo_store, "/compare", "?a=210224&b=210200&year=2013")
    assert meta == {"path": "/compare", "lang": "zh"}
    assert len(_headings(page, "H1")) == 1 and "比较：长海县与大连市" in text(_headings(page, "H1")[0])
    assert find(page, ids.DOC_TITLE).children.startswith("比较：长海县与大连市（2013 年）")
    table = find(page, ids.COMPARE_TABLE)
    shown = [n.to_plotly_json()["props"]["data-indicator"] for n in walk(table) if type(n).__name__ == "Tr"
             and "compare-row" in (n.to_plotly_json()["props"].get("className") or "")]
    assert shown == [i.id for i in catalogue.INDICATORS if "county" in i.levels]
    words = text(table)
    assert "2015 年展望" in words and "有风险" in words and "差值（长海县 − 大连市）" in words
    assert find(page, ids.COMPARE_A).value == "210224" and find(page, ids.COMPARE_B).value == "210200"
    assert len(find(page, ids.COMPARE_A).options) == 115
    assert any(type(n).__name__ == "Main" or (getattr(n, "id", None) == ids.MAIN) for n in walk(page))


def test_from_2015_on_the_page_has_no_outlook_column(demo_store):
    page, _ = callbacks.render(demo_store, "/compare", "?a=210224&b=210200&year=2015&lang=en")
    words = text(find(page, ids.COMPARE_TABLE))
    assert "Outlook to 2015" not in words and "Difference (Changhai County − Dalian)" in words


def test_a_bad_code_on_the_page_says_so_in_the_readers_language(demo_store):
    page, _ = callbacks.render(demo_store, "/compare", "?a=nope&b=210224&lang=en")
    words = text(page)
    assert "a=“nope”" in words and "Liaoning Province" in words and "Traceback" not in words
    page, _ = callbacks.render(demo_store, "/compare", "?a=210224&b=210224")
    assert "b=“210224”" in text(page) and "大连市" in text(page)


def test_the_trends_draw_both_places_for_every_indicator_they_share_and_say_so(demo_store):
    page, _ = callbacks.render(demo_store, "/compare", "?a=210224&b=210200&year=2013")
    figure = find(page, ids.COMPARE_TRENDS).figure
    shared = [i.id for i in catalogue.INDICATORS if "county" in i.levels and "city" in i.levels]
    assert len(figure.data) == 2 * len(shared)
    assert {tr.name for tr in figure.data} == {"长海县", "大连市"}
    assert [tr.showlegend for tr in figure.data[:2]] == [True, True]
    alt = text(find(page, ids.COMPARE_TRENDS_TEXT))
    assert f"{len(shared)} 个指标" in alt and "农村服务中心覆盖 · 长海县" in alt


def test_county_and_city_pages_link_to_compare_with_their_parent(demo_store):
    for path, href in (("/county/210224", "/compare?a=210224&b=210200&year=2014&lang=zh"),
                       ("/city/210200", "/compare?a=210200&b=210000&year=2014&lang=zh")):
        page, _ = callbacks.render(demo_store, path, "?year=2014")
        link = find(page, ids.COMPARE_LINK)
        assert link.href == href and ("大连市" in link.children or "辽宁省" in link.children)


def test_a_picker_writes_the_address_and_the_same_view_writes_nothing(client):
    dash = DashClient(client)
    base = "?a=210224&b=210200&year=2013&lang=en"
    answer = dash.call("url.search", {"compare-a.value": "210102", "compare-b.value": "210200", "url.search": base},
                       changed="compare-a.value")
    assert answer.status_code == 200
    assert answer.get_json()["response"]["url"]["search"] == "?a=210102&b=210200&year=2013&lang=en"
    same = dash.call("url.search", {"compare-a.value": "210224", "compare-b.value": "210200", "url.search": base},
                     changed="compare-a.value")
    assert same.status_code == 204
    bad = dash.call("url.search", {"compare-a.value": "<script>", "compare-b.value": "210200", "url.search": base},
                    changed="compare-a.value")
    assert bad.status_code == 204


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_yes_no_change_reads_in_words_not_percentage_points(demo_store, lang):
    """The training base (yes/no, the province's) changed since 2011 reads 由否变为是 / from no to
    yes (or no change), never "+100.0pp", on the compare page, where the province shows it."""
    from data.formatting import change_text
    from data.i18n import t
    ind = catalogue.get("training_base")
    assert change_text(1.0, ind, lang) == t("change.became_yes", lang)
    assert change_text(-1.0, ind, lang) == t("change.became_no", lang)
    assert change_text(0.0, ind, lang) == t("change.unchanged", lang)
    assert change_text(float("nan"), ind, lang) is None
    assert change_text(0.052, catalogue.get("barrier_free"), lang) == "+5.2pp"
    rows = {r.indicator.id: r for r in comparison.table(demo_store, PROVINCE_CODE, "210200", 2015)}
    change = rows["training_base"].a.change
    page, _ = callbacks.render(demo_store, "/compare", f"?a={PROVINCE_CODE}&b=210200&year=2015&lang={lang}")
    row = next(n for n in walk(find(page, ids.COMPARE_TABLE)) if type(n).__name__ == "Tr"
               and n.to_plotly_json()["props"].get("data-indicator") == "training_base")
    words = text(row)
    assert "pp" not in words and "百分点" not in words
    assert change is not None and change == change and change_text(change, ind, lang) in words
