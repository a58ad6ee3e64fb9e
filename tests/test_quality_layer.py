"""The overview map's "数据存疑 / Numbers to check" layer: the counties with plausibility warnings on
the shown indicator (or on their whole report) for the shown year, marked on the map, worded in
the legend and the text alternative, switchable off with the state in the URL, in the same small
payload (no geometry resent)."""
from __future__ import annotations

import json

from callbacks import overview
from data import catalogue, demo, quality
from data.divisions import division
from layouts import ids
from layouts.figures.maps import map_codes
from urls import ViewState, parse

YEARS = list(demo.YEARS)


def _expected(store, year: int, indicator: str) -> dict[str, int]:
    rows = quality.for_store(store, year)
    mine = rows[(rows["subject"] == indicator) | rows["check"].isin(quality.REPORT_CHECKS)]
    return mine.groupby("county_code").size().to_dict()


def test_the_layer_is_on_by_default_and_its_state_is_in_the_url():
    state, problems = parse("?indicator=social_worker_coverage&year=2015&level=county", YEARS)
    assert state.quality == "on" and not problems and "quality" not in state.to_query()
    off, problems = parse("?quality=off&lang=en", YEARS)
    assert off.quality == "off" and not problems and "quality=off" in off.to_query()
    bad, problems = parse("?quality=maybe", YEARS)
    assert bad.quality == "on" and problems and problems[0][1]["name"] == "quality"
    moved, _ = overview.next_state(state, ids.QUALITY, search="", indicator=None, year=None, level=None, city=None,
                                   mode=None, click=None, years=YEARS, quality_layer="off")
    assert moved == state.with_(quality="off")
    same, _ = overview.next_state(state, ids.QUALITY, search="", indicator=None, year=None, level=None, city=None,
                                  mode=None, click=None, years=YEARS, quality_layer="<script>")
    assert same == state


def test_the_payload_marks_the_doubted_counties_and_the_cities_holding_them(demo_store):
    ind = "social_worker_coverage"
    expected = _expected(demo_store, 2015, ind)
    # The planted share rise and outlier (two warnings) and the report-wide ones of 2015.
    assert expected["210302"] == 2 and {"210422", "210281"} <= set(expected)
    state = ViewState(indicator=ind, year=2015, level="county")
    payload = overview.payload(demo_store, state)
    codes = map_codes("county")
    assert {codes[i]: n for i, n in payload["q"]} == expected
    cities = overview.payload(demo_store, state.with_(level="city"))
    held = {}
    for county in expected:
        held[division(county).parent_code] = held.get(division(county).parent_code, 0) + 1
    assert {map_codes("city")[i]: n for i, n in cities["q"]} == held
    assert "q" not in overview.payload(demo_store, state.with_(quality="off"))
    # Another indicator: only the report-wide warnings mark a county.
    other = overview.payload(demo_store, state.with_(indicator="barrier_free"))
    assert "210302" not in {codes[i] for i, _ in other["q"]} and "210422" in {codes[i] for i, _ in other["q"]}


def test_every_payload_with_the_layer_stays_under_2_kb_without_geometry(demo_store):
    biggest = 0
    for ind in catalogue.INDICATORS:
        if "county" not in ind.levels:
            continue
        for year in YEARS:
            payload = overview.payload(demo_store, ViewState(indicator=ind.id, year=year, level="county"))
            text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            assert "coordinates" not in text and "q" in payload
            biggest = max(biggest, len(text.encode()))
    assert biggest <= 2048


def test_the_legend_and_the_text_alternative_say_which_places(demo_store):
    state = ViewState(indicator="social_worker_coverage", year=2015, level="county", lang="zh")
    expected = _expected(demo_store, 2015, state.indicator)
    legend = overview.legend_children(demo_store, state, "zh").source
    marker = [r for r in legend if "legend-quality" in (getattr(r, "className", "") or "")]
    assert len(marker) == 1 and marker[0].children[2].children == f"{len(expected)} 个县（市、区）"
    assert not [r for r in overview.legend_children(demo_store, state.with_(quality="off"), "zh").source
                if "legend-quality" in (getattr(r, "className", "") or "")]
    text = overview.map_alternative(demo_store, state, "zh").summary
    assert f"{division('210302').label('zh')}（2 条提示）" in text
    assert "数据存疑标记" not in overview.map_alternative(demo_store, state.with_(quality="off"), "zh").summary
    quiet = overview.map_alternative(demo_store, ViewState(indicator="barrier_free", year=2013, level="county",
                                                           lang="en"), "en").summary
    assert "Numbers to check: none this year." in quiet


def test_the_toggle_is_a_labelled_radio_group_on_the_page(demo_store):
    layout, _ = overview.overview_page(demo_store, "?quality=off&lang=en")
    found = []

    def walk(node):
        if getattr(node, "id", None) == ids.QUALITY:
            found.append(node)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            walk(child)
    walk(layout)
    assert len(found) == 1 and found[0].value == "off"
    assert [o["label"] for o in found[0].options] == ["Show", "Hide"]


def test_a_click_on_a_marker_opens_the_place_it_marks_and_a_forged_one_changes_nothing():
    """plotly gives a click within 20 px of a marker to the marker (trace 3, no "location"), so
    its customdata carries the place's code (assets/map.js): a click there opens that place."""
    state, _ = parse("?year=2015", YEARS)

    def click(point):
        return overview.next_state(state, ids.MAP, search="", indicator=None, year=None, level=None, city=None,
                                   mode=None, click={"points": [point]}, years=YEARS)[0]

    city = click({"curveNumber": 3, "pointNumber": 0, "customdata": ["大连市", 2, "210200"]})
    assert city == state.with_(city="210200", level="county", county=None)
    county = click({"curveNumber": 3, "customdata": ["中山区", 2, "210202"]})
    assert county == state.with_(city="210200", county="210202")
    for forged in (["x", 1, "999999"], ["x", 1, ["210200"]], ["x", 1], "210200", ["x", 1, "210200", "y"]):
        assert click({"curveNumber": 3, "customdata": forged}) == state
    # A place's own location still wins over anything in customdata.
    assert click({"location": "210100", "customdata": ["x", 1, "210200"]}).city == "210100"
