"""The overview's "2015 outlook" and "change" colour modes without a browser: their URL state and
its fallbacks, the transitions of the controls, the colour classes and numbers of hand-made
places, the payload (small, and equal to /api/v1/outlook and /api/v1/values), the worded legends,
the dumbbell ranking and the text alternatives, and the slides' outlook line."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from callbacks import overview as ov
from callbacks import present as present_callbacks
from callbacks.overview import next_state
from data import catalogue, outlook, queries
from data.i18n import t
from layouts import components, ids
from layouts.colour_modes import change_legend, outlook_legend
from layouts.figures import mode_maps
from layouts.figures.dumbbell import build_dumbbell, dumbbell_rows, dumbbell_text
from layouts.figures.maps import map_codes
from urls import PresentState, ViewState, default_state, parse

YEARS = [2011, 2012, 2013, 2014, 2015]
SHARE = catalogue.get("rural_center_coverage")      # a share, target 80% at every level
COUNT = catalogue.get("rural_centers_built")        # a count, target 6000 for the province only


# ---------------------------------------------------------------------- the URL
def test_both_modes_round_trip_and_from_is_written_only_in_the_change_mode():
    outlook_view = ViewState(indicator="barrier_free", year=2013, level="county", mode="outlook", lang="en")
    change = ViewState(indicator="barrier_free", year=2014, mode="change", from_year=2012)
    for state in (outlook_view, change):
        again, notices = parse(state.to_query(), YEARS)
        assert again == state and notices == []
    assert "from=2012" in change.to_query() and "map=change" in change.to_query()
    assert "from" not in outlook_view.to_query()
    # `from` means nothing to the other modes: ignored, and not written back
    state, notices = parse("map=status&from=2012&year=2014", YEARS)
    assert state.from_year is None and notices == [] and "from" not in state.to_query()


def test_the_change_starts_in_2011_unless_told():
    state, notices = parse("map=change&year=2013", YEARS)
    assert (state.mode, state.from_year, notices) == ("change", 2011, [])


@pytest.mark.parametrize("query, key", [
    ("map=outlook&year=2015", "notice.outlook_year"),        # the target year itself
    ("map=outlook", "notice.outlook_year"),                  # the latest year, 2015
    ("map=change&from=2014&year=2014", "notice.change_years"),  # equal years
    ("map=change&from=2014&year=2012", "notice.change_years"),  # backwards
    ("map=change&year=2011", "notice.change_years"),          # nothing before the first year
])
def test_a_mode_the_view_cannot_show_falls_back_to_progress_with_a_notice_in_both_languages(query, key):
    state, notices = parse(query, YEARS)
    assert state.mode == "progress" and state.from_year is None
    assert [n[0] for n in notices] == [key]
    zh, en = (str(components.problem_notices(notices, lang)) for lang in ("zh", "en"))
    assert "按进度着色" in zh and "coloured by progress" in en


@pytest.mark.parametrize("value", ["abc", "1999", "2016", "", "²⁰¹²"])
def test_a_bad_from_year_is_named_and_2011_taken(value):
    state, notices = parse(f"map=change&year=2014&from={value}", YEARS)
    assert (state.mode, state.from_year) == ("change", 2011)
    assert [(n[0], n[1]["name"]) for n in notices] == [("notice.bad_param", "from")]


# ---------------------------------------------------------------------- one user action
def act(current, trigger, **kw):
    args = dict(search=None, indicator=None, year=None, level=None, city=None, mode=None, click=None, years=YEARS)
    args.update(kw)
    return next_state(current, trigger, **args)


def test_choosing_the_change_mode_starts_in_2011_and_year_a_follows_its_control():
    state, problems = act(default_state(YEARS).with_(year=2014), ids.MODE, mode="change")
    assert (state.mode, state.from_year, problems) == ("change", 2011, [])
    state, problems = act(state, ids.CHANGE_FROM, change_from=2013)
    assert (state.from_year, problems) == (2013, [])
    # a year A not before the year shown: back to progress, and the page says why
    state, problems = act(state, ids.CHANGE_FROM, change_from=2014)
    assert state.mode == "progress" and [p[0] for p in problems] == ["notice.change_years"]


def test_year_a_outside_the_years_changes_nothing():
    current = default_state(YEARS).with_(year=2014, mode="change", from_year=2012)
    for value in (1999, "2013", None, [2013]):
        assert act(current, ids.CHANGE_FROM, change_from=value) == (current, [])


def test_the_outlook_mode_falls_back_when_the_slider_reaches_2015():
    current = default_state(YEARS).with_(year=2014, mode="outlook")
    state, problems = act(current, ids.YEAR, year=2013)
    assert (state.mode, state.year, problems) == ("outlook", 2013, [])
    state, problems = act(current, ids.YEAR, year=2015)
    assert (state.mode, state.year) == ("progress", 2015)
    assert problems == [("notice.outlook_year", {"year": 2015, "target_year": 2015})]


# ---------------------------------------------------------------------- classes and numbers, hand-made
def outlook_frame(level: str, rows: dict[str, dict]) -> pd.DataFrame:
    """data.outlook.map_table()'s columns for `level`: the places in `rows`, the others without data."""
    out = []
    for code in map_codes(level):
        row = {"code": code, "outlook": "no_data", "value": None, "projected": None, "projected_low": None,
               "projected_high": None}
        out.append(row | rows.get(code, {}))
    return pd.DataFrame(out)


def test_outlook_classes_and_what_each_hover_can_say():
    codes = map_codes("city")
    frame = outlook_frame("city", {
        codes[0]: dict(outlook="will_achieve", value=0.70, projected=0.86, projected_low=0.81, projected_high=0.90),
        codes[1]: dict(outlook="at_risk", value=0.60, projected=0.81234, projected_low=0.7, projected_high=0.95),
        codes[2]: dict(outlook="will_miss", value=0.5, projected=0.6, projected_low=None, projected_high=None),
        codes[3]: dict(outlook="no_trend", value=0.4),
        codes[4]: dict(outlook="not_applicable", value=0.1, projected=0.2),  # nothing counted: nothing shown
    })
    view = mode_maps.outlook_view(frame, SHARE, "city")
    assert view.outlook[:6] == ["will_achieve", "at_risk", "will_miss", "no_trend", "not_applicable", "no_data"]
    assert view.template[:6] == [0, 0, 1, 2, 3, 3]   # projection and range / no range / value only / words
    assert view.projected[1] == 0.812                # to a tenth of a percent, as the hover shows
    assert view.value[4] is None and view.projected[4] is None
    assert view.counts() == {"will_achieve": 1, "at_risk": 1, "will_miss": 1, "no_trend": 1, "no_data": 9,
                             "not_applicable": 1}
    rows = mode_maps.outlook_rows(view, SHARE, "city", "en")
    assert rows[0][1:] == ("70.0%", t("outlook.status.will_achieve", "en"), "86.0%", "81.0%–90.0%")
    assert rows[2][4] == t("outlook.range_reason.one_change", "en")


def test_a_province_wide_target_reads_as_such_and_a_tracked_indicator_as_tracked():
    assert mode_maps.outlook_word("no_target", COUNT, "zh") == t("outlook.status.province_only", "zh")
    tracked = next(i for i in catalogue.INDICATORS if i.target is None)
    assert mode_maps.outlook_word("no_target", tracked, "en") == t("outlook.status.no_target", "en")


@pytest.mark.parametrize("ind, numbers", [
    (SHARE, [0.0, 0.853, 1.0, None, 0.0005, 0.9994]),
    (COUNT, [0, 5999, None, 46653]),
    (COUNT, [0, 1, 46655, 2_000_000, None]),   # wider than 3 digits: the width grows
])
def test_numbers_travel_packed_and_come_back_rounded(ind, numbers):
    rounded = [mode_maps.rounded(x, ind) for x in numbers]
    largest = max(x for x in rounded if x is not None)
    _, width = mode_maps.packing(ind, largest)
    text = mode_maps.pack(rounded, ind, width)
    assert len(text) == width * len(numbers)
    assert mode_maps.unpack(text, ind, width) == rounded
    if ind.unit != "count":
        assert rounded[4] == 0.001 and rounded[5] == 0.999


def test_the_change_of_hand_made_places_and_its_scale_centred_on_zero():
    codes = map_codes("city")
    start = pd.DataFrame({"code": codes, "value": [0.5, 0.5, 0.5, None] + [0.5] * 10})
    end = pd.DataFrame({"code": codes, "value": [0.6, 0.45, 0.5, 0.7] + [0.5 + 0.01 * k for k in range(10)]})
    view = mode_maps.change_view(start, end, SHARE, "city")
    changes = view.change()
    assert changes[:4] == [0.1, -0.05, 0.0, None]
    assert view.counts() == {"up": 10, "down": 1, "level": 2}
    # 90% of the 13 changes are within 0.09: the scale runs to the next 5 points, ±0.10
    assert view.limit == 0.1
    ticks = mode_maps.change_ticks(view.limit, SHARE, "en")
    assert ticks["zmax"] == 0.1 and 0.0 in ticks["tickvals"]
    assert ticks["ticktext"][-1] == "≥ +10.0 pp" and ticks["ticktext"][1] == "≤ -10.0 pp"
    # zero is drawn in the scale's white, in the middle of the diverging part
    scale = mode_maps.client_config("en")["scales"]["change"]["colorscale"]
    at_zero = (0 - ticks["zmin"]) / (ticks["zmax"] - ticks["zmin"])
    white = [pos for pos, colour in scale if colour == "#f7f7f7"][0]
    assert abs(at_zero - white) < 1e-9
    # "no data" lies in the grey step below it
    assert ticks["none"] < -view.limit and scale[0][1] == scale[1][1]


def test_one_outlier_does_not_wash_out_the_scale():
    assert mode_maps.change_limit([0.02] * 19 + [1.0], SHARE) == 0.02     # to the next point below 5
    assert mode_maps.change_limit([0.07] * 19 + [1.0], SHARE) == 0.1      # to the next 5 points above
    assert mode_maps.change_limit([130.0, 20.0, 7.0], COUNT) == 200.0
    assert mode_maps.change_limit([], SHARE) > 0


# ---------------------------------------------------------------------- against the store and the API
@pytest.fixture(scope="module")
def client(demo_store):
    from app import create_app
    from settings import Settings
    return create_app(Settings(debug=False, rate_limits=False, database_url=demo_store.url),
                      store=demo_store).server.test_client()


def test_the_outlook_payload_is_the_api_s_outlook_and_small(demo_store, client):
    state = ViewState(indicator=SHARE.id, year=2013, level="county", mode="outlook")
    payload = ov.payload(demo_store, state)
    body = client.get(f"/api/v1/outlook?indicator={SHARE.id}&level=county&year=2013").get_json()
    by_code = {r["code"]: r for r in body["rows"]}
    codes = map_codes("county")
    numbers = mode_maps.unpack(payload["pk"], SHARE, payload["w"])
    value, projected = numbers[:100], numbers[100:200]
    for i, code in enumerate(codes):
        row = by_code[code]
        assert outlook.OUTLOOKS[int(payload["z"][i])] == row["outlook"]
        if row["outlook"] not in ("no_data", "not_applicable"):
            assert value[i] == mode_maps.rounded(row["value"], SHARE)
            assert projected[i] == mode_maps.rounded(row["projected"], SHARE)
    assert len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()) <= 2048
    assert "coordinates" not in json.dumps(payload)


def test_the_change_payload_is_the_api_s_values_in_both_years(demo_store, client):
    state = ViewState(indicator=SHARE.id, year=2014, level="county", mode="change", from_year=2012)
    payload = ov.payload(demo_store, state)
    numbers = mode_maps.unpack(payload["pk"], SHARE, payload["w"])
    for year, part in ((2012, numbers[:100]), (2014, numbers[100:])):
        rows = {r["code"]: r for r in client.get(f"/api/v1/values?indicator={SHARE.id}&level=county&year={year}")
                .get_json()["rows"]}
        assert part == [mode_maps.rounded(rows[c]["value"], SHARE) for c in map_codes("county")]
    assert payload["from"] == 2012 and payload["year"] == 2014


def test_every_new_payload_is_at_most_2_kb(demo_store):
    biggest = 0
    for ind_id in ov.urls.mappable_indicators():
        for level in ("city", "county"):
            for state in (ViewState(indicator=ind_id, year=2014, level=level, mode="outlook"),
                          ViewState(indicator=ind_id, year=2015, level=level, mode="change", from_year=2011)):
                text = json.dumps(ov.payload(demo_store, state), ensure_ascii=False, separators=(",", ":"))
                biggest = max(biggest, len(text.encode()))
    assert 0 < biggest <= 2048


def test_the_legends_word_every_class_and_link_to_the_method(demo_store):
    state = ViewState(indicator=SHARE.id, year=2014, level="county", mode="outlook", lang="en")
    view = ov.outlook_view_of(demo_store, state)
    legend = str(outlook_legend(view, SHARE, "en"))
    for o, n in view.counts().items():
        assert mode_maps.outlook_word(o, SHARE, "en") in legend and f"'{n}'" in legend
    assert "/method?lang=en#outlook" in legend
    zoomed = state.with_(city="210200")
    shown = mode_maps._shown("county", "210200")
    words = [c for c in ov.legend_children(demo_store, zoomed, "en").source if "legend-row" in str(c)]
    assert sum(int(str(row.children[2].children)) for row in words) == len(shown)
    change = ViewState(indicator=SHARE.id, year=2014, level="county", mode="change", from_year=2011)
    counts = ov.change_view_of(demo_store, change).counts()
    text = str(change_legend(ov.change_view_of(demo_store, change), 2011, 2014, "zh"))
    assert t("legend.change_count", "zh", **counts) in text and "2011 年至 2014 年" in text


def test_the_map_text_says_what_the_hover_says(demo_store):
    state = ViewState(indicator=SHARE.id, year=2013, level="city", mode="outlook", lang="zh")
    text = ov.map_alternative(demo_store, state, "zh")
    frame = outlook.table(demo_store, SHARE.id, "city", 2013)
    assert len(text.rows) == 14
    by_name = {r[0]: r for r in text.rows}
    for row in frame.to_dict("records"):
        assert by_name[row["name"]][2] == t(f"outlook.status.{row['outlook']}", "zh")
    change = ViewState(indicator=SHARE.id, year=2014, level="county", city="210200", mode="change", from_year=2011)
    text = ov.map_alternative(demo_store, change, "en")
    assert len(text.rows) == len(mode_maps._shown("county", "210200"))
    assert text.columns[1:3] == ("2011", "2014") and "since 2011" in text.summary


def test_the_dumbbell_ranks_by_the_later_year_and_its_text_reads_the_same(demo_store):
    start = queries.values(demo_store, SHARE.id, "city", 2011)
    end = queries.values(demo_store, SHARE.id, "city", 2014)
    rows = dumbbell_rows(start, end, SHARE)
    assert list(rows["end"]) == sorted(rows["end"])      # lowest first, as plotly stacks them
    fig = build_dumbbell(start, end, SHARE, "city", "zh", 2011, 2014)
    later = [tr for tr in fig.data if tr.name == "2014"][0]
    assert list(later.y) == list(rows["name"])
    text = dumbbell_text(start, end, SHARE, "zh", "title", 2011, 2014)
    assert [r[0] for r in text.rows] == list(rows["name"])[::-1]
    top = rows.iloc[-1]
    assert text.rows[0][1:] == (f"{top['start'] * 100:.1f}%", f"{top['end'] * 100:.1f}%",
                                f"{(top['end'] - top['start']) * 100:+.1f} 个百分点")
    # in the change mode the overview's ranking is this chart
    title, figure, alt = ov.ranking(demo_store, ViewState(indicator=SHARE.id, year=2014, mode="change",
                                                          from_year=2011), "zh")
    assert "2011" in title and alt.label.startswith("哑铃图") and len(figure.data) > 2


# ---------------------------------------------------------------------- the slides
@pytest.mark.parametrize("level", ["city", "county"])
def test_a_slide_before_2015_counts_those_expected_to_reach_the_target_as_the_api(demo_store, client, level):
    state = PresentState(indicators=(SHARE.id,), year=2013, level=level, lang="en")
    body = client.get(f"/api/v1/outlook?indicator={SHARE.id}&level={level}&year=2013").get_json()
    n = sum(r["outlook"] == "will_achieve" for r in body["rows"])
    line = present_callbacks.outlook_line(demo_store, SHARE, state)
    assert line == (f"At the current pace, {n} of the {len(body['rows'])} "
                    f"{'cities' if level == 'city' else 'counties'} are expected to reach the target in 2015")
    assert present_callbacks.outlook_line(demo_store, SHARE, state.__class__(
        indicators=(SHARE.id,), year=2015, level=level)) is None
    province = present_callbacks.outlook_line(demo_store, COUNT, PresentState(indicators=(COUNT.id,), year=2013))
    assert province.startswith("按当前进度，全省 2015 年：")
