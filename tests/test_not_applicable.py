"""不适用 / not applicable is not 无数据 / no data: a district without villages on a rural
indicator has nothing to count (its own status, legend entry, map class and hover, left out of
"N of 100" counts with the reason said once); a real gap (no report) stays "no data"."""
from __future__ import annotations

import json

import numpy as np
import pytest

from app import create_app
from callbacks.present import indicator_slide
from data import catalogue, progress, queries
from data.formatting import status_label
from layouts.figures.alternatives import map_text
from layouts.figures.maps import NO_DATA_CLASS, NOT_APPLICABLE_CLASS, map_codes, map_view
from layouts.figures.overview_map import map_payload
from layouts.overview import legend
from settings import Settings
from urls import PresentState

RURAL = "rural_center_coverage"
YEAR = 2014


@pytest.fixture(scope="module")
def counties(demo_store):
    return queries.values(demo_store, RURAL, "county", YEAR)


@pytest.fixture(scope="module")
def without_villages(counties):
    rows = counties[counties["denominator"] == 0]
    assert len(rows), "the demo province has urban districts without villages"
    return rows


def test_a_district_without_villages_is_not_applicable_not_no_data(without_villages, counties):
    assert set(without_villages["status"]) == {"not_applicable"}
    assert without_villages["value"].isna().all()
    # Every other county reported villages and has a status of its own.
    others = counties[counties["denominator"] > 0]
    assert len(others) + len(without_villages) == 100
    assert "not_applicable" not in set(others["status"]) and "no_data" not in set(others["status"])
    ind = catalogue.get(RURAL)
    assert status_label("not_applicable", "zh", ind) == "不适用（无村）"
    assert status_label("not_applicable", "en", ind) == "Not applicable (no villages)"
    assert status_label("not_applicable", "en") == "Not applicable (nothing to count)"


def test_a_real_gap_stays_no_data():
    assert progress.status(None, 0.4, 0.8, 2014) == "no_data"
    assert progress.applies("percent", np.nan) and progress.applies("percent", 12)
    assert not progress.applies("percent", 0) and progress.applies("count", 0)
    assert progress.status(None, None, 0.8, 2014, applicable=False) == "not_applicable"


def test_the_map_draws_a_gap_and_nothing_to_count_apart(counties, without_villages):
    ind = catalogue.get(RURAL)
    gap_code = counties.loc[counties["denominator"] > 0, "code"].iloc[0]
    values = counties.copy()
    gap = values["code"] == gap_code
    values.loc[gap, ["numerator", "denominator", "value", "progress"]] = np.nan
    values.loc[gap, "status"] = "no_data"
    codes = map_codes("county")
    view = map_view(values, ind, "county", "progress", "zh")
    assert [codes[i] for i in view.no_data] == [gap_code]
    assert sorted(codes[i] for i in view.not_applicable) == sorted(without_villages["code"])
    assert view.z[codes.index(gap_code)] == NO_DATA_CLASS
    assert {view.z[i] for i in view.not_applicable} == {NOT_APPLICABLE_CLASS}
    hover = view.hovertemplate("zh")
    assert "%{customdata[5]}" in hover[view.not_applicable[0]] and "无数据" not in hover[view.not_applicable[0]]
    names = [str(i) for i in range(len(codes))]
    assert view.customdata(names, "zh")[view.not_applicable[0]][5] == "不适用（无村）"
    payload = map_payload(values, ind, "county", None, None, "progress", "en")
    assert payload["na"] == view.not_applicable and payload["nd"] == view.no_data
    assert payload["naText"] == "Not applicable (no villages)"
    assert len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()) <= 2048


def test_counts_leave_out_the_not_applicable_and_say_why_once(demo_store, counties, without_villages):
    ind = catalogue.get(RURAL)
    n = len(without_villages)
    text = map_text(counties, ind, "county", "status", "zh", year=YEAR, title="t", where="辽宁省")
    assert f"的 {100 - n} 个地区" in text.summary
    assert text.summary.count("不适用（无村）") == 1 and f"另有 {n} 个不适用（无村），不计入" in text.summary
    assert sum(1 for row in text.rows if row[2] == "不适用（无村）") == n
    english = map_text(counties, ind, "county", "progress", "en", year=YEAR, title="t", where="Liaoning")
    assert f"{n} more: Not applicable (no villages), not counted." in english.summary
    slide = indicator_slide(demo_store, ind, PresentState(indicators=(RURAL,), year=YEAR, level="county", lang="en"))
    assert slide.places == 100 - n and slide.not_applicable == n
    assert "not_applicable" not in slide.status_counts and sum(slide.status_counts.values()) == 100 - n
    for mode in ("status", "progress"):
        rows = legend(mode, progress.status_counts(counties["status"]), True, "percent", "zh", indicator=ind)
        words = [str(r.children[1].children) for r in rows if getattr(r, "children", None) and
                 isinstance(r.children, list)]
        assert "不适用（无村）" in words, mode


def test_the_api_and_the_table_say_not_applicable(demo_store, without_villages):
    client = create_app(Settings(debug=False), store=demo_store).server.test_client()
    body = client.get(f"/api/v1/values?indicator={RURAL}&level=county&year={YEAR}").get_json()
    rows = {r["code"]: r for r in body["rows"]}
    code = without_villages["code"].iloc[0]
    assert rows[code]["status"] == "not_applicable" and rows[code]["denominator"] == 0
    csv = client.get(f"/download/table.csv?indicator={RURAL}&level=county&lang=zh").get_data(as_text=True)
    assert "不适用（无村）" in csv


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_place_page_says_not_applicable_and_not_no_data_beside_it(demo_store, without_villages, lang):
    from data.i18n import t
    from layouts.places import scorecard_table
    from data.divisions import division
    from urls import PlaceState
    code = without_villages["code"].iloc[0]
    rows = queries.scorecard(demo_store, code, YEAR).to_dict("records")
    table = scorecard_table(rows, division(code), PlaceState(year=YEAR, indicator=RURAL, lang=lang))
    row = next(tr for tr in table.source.children[1].children if getattr(tr, "data-indicator") == RURAL)
    text = json.dumps(row.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    assert status_label("not_applicable", lang, catalogue.get(RURAL)) in text
    assert t("value.none", lang) not in text and t("map.none", lang) not in text
    assert row.children[1].children == "—"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_outlook_says_what_there_is_nothing_to_count_as_the_status_does(demo_store, without_villages, lang):
    """不适用（无村）in the scorecard's outlook column, the outlook map's legend, hover words and
    text, as the status chip beside it says; not the generic 不适用（无统计对象）."""
    from data import outlook
    from data.divisions import division
    from data.i18n import t
    from layouts.figures.mode_maps import client_config, outlook_payload, outlook_view, outlook_word
    from layouts.places import scorecard_table
    from tests.tree import text
    from urls import PlaceState
    ind = catalogue.get(RURAL)
    said = status_label("not_applicable", lang, ind)
    generic = t("outlook.status.not_applicable", lang)
    assert said != generic and outlook.status_words("not_applicable", ind, lang) == said
    assert outlook_word("not_applicable", ind, lang) == said
    # an indicator without a scope keeps the generic words
    assert outlook.status_words("not_applicable", catalogue.get("county_platform"), lang) == generic
    code = without_villages["code"].iloc[0]
    year = 2013
    rows = queries.scorecard(demo_store, code, year).to_dict("records")
    outlooks = outlook.place_outlooks(demo_store, code, year)
    table = scorecard_table(rows, division(code), PlaceState(year=year, indicator=RURAL, lang=lang), outlooks=outlooks)
    row = next(tr for tr in table.source.children[1].children if getattr(tr, "data-indicator") == RURAL)
    assert text(row.children[-2]).startswith(said), text(row.children[-2])
    # the map's hover words: the list the payload names, in the page's config
    view = outlook_view(outlook.table(demo_store, RURAL, "county", year), ind, "county")
    words = client_config(lang)["words"][outlook_payload(view, ind, "county", lang)["ow"]]
    assert words[outlook_index("not_applicable")] == said


def outlook_index(name: str) -> int:
    from data.outlook import OUTLOOKS
    return list(OUTLOOKS).index(name)


def test_the_trend_beside_nothing_to_count_is_no_comparison_and_base_only_in_2011(demo_store, without_villages):
    """"基期" (baseline) only in the base year; in a later year, a row without a figure has no
    change on the year before to show, and says so (not "baseline")."""
    from data.divisions import division
    from data.i18n import t
    from layouts.places import scorecard_table
    from tests.tree import text
    from urls import PlaceState
    code = without_villages["code"].iloc[0]

    def trend_cell(year):
        rows = queries.scorecard(demo_store, code, year).to_dict("records")
        table = scorecard_table(rows, division(code), PlaceState(year=year, indicator=RURAL, lang="zh"))
        row = next(tr for tr in table.source.children[1].children if getattr(tr, "data-indicator") == RURAL)
        return text(row.children[4])

    later, base = trend_cell(YEAR), trend_cell(2011)
    assert t("trend.none", "zh") not in later and "—" in later and t("trend.unknown", "zh") in later
    assert t("trend.none", "zh") in base
