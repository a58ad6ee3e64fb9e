"""Every chart has a text alternative that says what the figure draws: the same places, values
and statuses, in the page's language, as a named figure with a visually hidden summary and
table, with plotly's own SVG hidden from screen readers."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from callbacks import overview, places, present
from data import catalogue, queries
from data.divisions import counties_of, division
from data.formatting import format_percent, format_value, name_key, status_label
from data.i18n import t
from layouts import ids
from layouts.chart_text import described_graph, label_id, summary_id
from layouts.figures.alternatives import map_text, multiples_text, ranking_text, series_text, straight_path
from layouts.figures.charts import build_ranking, build_small_multiples, build_sparkline, build_trend
from layouts.figures.maps import features, map_codes, slide_map_mode
from layouts.figures.overview_map import map_client_config, map_payload
from tests.browser import MAP_JS, active_trace, wait_for_map
from tests.tree import find, text, walk
from urls import mappable_indicators

YEAR = 2014
DALIAN = "210200"
COUNTY = "210224"


def payload_rows(values, ind, level, mode, lang, city=None):
    """(name, value, status words) of each place drawn, as assets/map.js builds the hover from
    the payload and the page's map config: the browser's side of the map, in Python."""
    p = map_payload(values, ind, level, city, None, mode, lang, YEAR)
    cfg = map_client_config(lang)[level]
    words = list(map_client_config(lang)["statusWords"][p["statusWords"]])
    if "naText" in p:  # nothing to count: its reason in words (the last status)
        words[-1] = p["naText"]
    none = set(p.get("na", []))
    rows = []
    for i, code in enumerate(cfg["codes"]):
        if city and level == "county" and cfg["parent"][i] != city:
            continue
        num, den = p["num"][i], (p["den"][i] if "den" in p else None)
        if i in none:
            value = t("map.not_applicable", lang)  # the "na" hover: no value, the reason
        elif "words" in p:
            value = p["words"][i]
        else:
            value = num if "den" not in p else (None if num is None or not den else num / den)
        rows.append((cfg["names"][i], value, words[int(p["st"][i])]))
    return rows


def same_value(cell: str, value, lang: str) -> bool:
    """A table cell against the number the hover formats: a share to 0.05 points, a count exactly."""
    if value is None or i_missing(value):
        return cell == t("map.none", lang)
    if isinstance(value, str):
        return cell == value
    number = re.match(r"([\d,.]+)(%?)", cell)
    if number is None:
        return False
    shown = float(number.group(1).replace(",", ""))
    return abs(shown - value * 100) <= 0.051 if number.group(2) else shown == value


def i_missing(x) -> bool:
    return isinstance(x, float) and x != x


# ---------------------------------------------------------------------- the map
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("mode", ["progress", "status"])
def test_the_map_text_lists_each_drawn_place_with_the_value_and_status_the_map_gives_it(demo_store, lang, mode):
    ind = catalogue.get("rural_center_coverage")
    values = queries.values(demo_store, ind.id, "county", YEAR)
    text_ = map_text(values, ind, "county", mode, lang, year=YEAR, title="t", where="w", city=DALIAN)
    expected = payload_rows(values, ind, "county", mode, lang, city=DALIAN)
    assert [r[0] for r in text_.rows] == [e[0] for e in expected]
    assert len(text_.rows) == len(counties_of(DALIAN))
    assert [r[2] for r in text_.rows] == [e[2] for e in expected]
    assert all(same_value(r[1], e[1], lang) for r, e in zip(text_.rows, expected)), list(zip(text_.rows, expected))
    assert text_.columns == (t("alt.col_place", lang), t("map.value", lang), t("map.status", lang))


@pytest.mark.parametrize("indicator", mappable_indicators())
@pytest.mark.parametrize("level", ["city", "county"])
def test_every_indicator_s_map_text_agrees_with_the_payload_at_both_levels(demo_store, indicator, level):
    ind = catalogue.get(indicator)
    values = queries.values(demo_store, ind.id, level, YEAR)
    text_ = map_text(values, ind, level, "progress", "en", year=YEAR, title="t", where="w")
    expected = payload_rows(values, ind, level, "progress", "en")
    assert len(text_.rows) == len(map_codes(level))
    assert [(r[0], r[2]) for r in text_.rows] == [(e[0], e[2]) for e in expected]
    assert all(same_value(r[1], e[1], "en") for r, e in zip(text_.rows, expected))


def test_the_map_summary_counts_the_statuses_and_names_the_extremes(demo_store):
    ind = catalogue.get("barrier_free")
    values = queries.values(demo_store, ind.id, "city", YEAR)
    text_ = map_text(values, ind, "city", "status", "en", year=YEAR, title="t", where="Liaoning")
    assert f"{YEAR}" in text_.summary and "14 places" in text_.summary
    for status in values["status"].unique():
        n = int((values["status"] == status).sum())
        assert f"{status_label(status, 'en', ind)} {n}" in text_.summary
    top = values.loc[values["value"].idxmax()]
    low = values.loc[values["value"].idxmin()]
    assert f"Highest: {top['name_en']} ({format_percent(top['value'])})" in text_.summary
    assert f"lowest: {low['name_en']} ({format_percent(low['value'])})" in text_.summary


def test_a_count_map_gives_the_share_of_the_province_as_its_hover_does(demo_store):
    ind = catalogue.get("rural_centers_built")
    values = queries.values(demo_store, ind.id, "city", YEAR).set_index("code").reindex(map_codes("city"))
    text_ = map_text(values.reset_index(), ind, "city", "progress", "zh", year=YEAR, title="t", where="w")
    first = values.iloc[0]
    assert text_.rows[0][1] == t("map.value_with_share", "zh", value=f"{first['numerator']:,.0f}",
                                 share=format_percent(first["share_of_province"]))


def test_the_slide_maps_text_follows_the_slide_s_colouring(demo_store):
    stage, lang = present.present_page(demo_store, "?indicators=barrier_free,rural_centers_built&level=city")
    for ind_id in ("barrier_free", "rural_centers_built"):
        ind = catalogue.get(ind_id)
        block = find(stage, f"{ids.SLIDE_MAP_TEXT}-{ind_id}")
        assert block is not None
        values = queries.values(demo_store, ind_id, "city", max(queries.years(demo_store)))
        expected = payload_rows(values, ind, "city", slide_map_mode(ind, "city"), lang)
        rows = table_rows(block)
        assert [(r[0], r[2]) for r in rows] == [(e[0], e[2]) for e in expected]
        assert all(same_value(r[1], e[1], lang) for r, e in zip(rows, expected))


# ---------------------------------------------------------------------- the charts
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ranking_text_reads_the_bars_from_the_top_with_their_labels(demo_store, lang):
    ind = catalogue.get("party_member_volunteering")
    values = queries.values(demo_store, ind.id, "county", YEAR, city=DALIAN)
    fig = build_ranking(values, ind, "county", lang)
    text_ = ranking_text(values, ind, "county", lang, "title")
    bars = fig.data[0]
    # plotly stacks a horizontal bar chart's first category at the bottom: the table reads down.
    assert [r[0] for r in text_.rows] == list(bars.y)[::-1]
    assert [f"{r[2]}  {r[3]}" for r in text_.rows] == list(bars.text)[::-1]
    assert [r[1] for r in text_.rows] == [str(k) for k in range(1, len(bars.y) + 1)]
    shown = values.dropna(subset=["value"])
    assert len(text_.rows) == len(shown)
    achieved = int((shown["status"] == "achieved").sum())
    assert t("alt.reach_target", lang, target=f"≥ {format_percent(ind.target, 0)}", n=achieved) in text_.summary


def test_a_ranking_without_a_target_here_has_no_status_column(demo_store):
    ind = catalogue.get("broadband")
    values = queries.values(demo_store, ind.id, "city", YEAR)
    text_ = ranking_text(values, ind, "city", "en", "title")
    assert text_.columns == ("Place", "Rank", "Value")
    assert [r[2] for r in text_.rows] == list(build_ranking(values, ind, "city", "en").data[0].text)[::-1]


def test_the_sparkline_text_gives_each_year_as_its_point_is_labelled(demo_store):
    ind = catalogue.get("rural_center_coverage")
    series = queries.series(demo_store, ind.id, COUNTY)
    fig = build_sparkline(series, ind, "en")
    text_ = series_text(series, ind, "en", division(COUNTY).label("en"), "county")
    assert [r[0] for r in text_.rows] == [str(x) for x in fig.data[0].x]
    assert [r[1] for r in text_.rows] == list(fig.data[0].text)
    assert [r[2] for r in text_.rows] == [status_label(s, "en", ind) for s in series["status"]]
    assert "≥ 80%" in text_.summary


def test_the_trend_text_gives_the_straight_path_the_chart_draws(demo_store):
    ind = catalogue.get("rural_center_coverage")
    series = queries.series(demo_store, ind.id, COUNTY)
    fig = build_trend(series, ind, "zh")
    path_trace = next(tr for tr in fig.data if tr.name == t("trend.path", "zh"))
    path = straight_path(series)
    assert [path[catalogue.BASE_YEAR] * 100, path[catalogue.TARGET_YEAR] * 100] == pytest.approx(list(path_trace.y))
    text_ = series_text(series, ind, "zh", "长海县", "county", path=True)
    assert text_.columns == ("年份", "数值", t("alt.col_path", "zh"), "状态")
    assert text_.rows[0][2] == format_value(series["baseline"].iloc[0], ind, "zh")
    assert text_.rows[-1][2] == format_value(ind.target, ind, "zh")
    assert [r[1] for r in text_.rows] == list(next(tr for tr in fig.data if tr.name == ind.short["zh"]).text)


def test_the_small_multiples_text_has_a_row_per_panel_with_its_values(demo_store):
    import pandas as pd
    ind = catalogue.get("barrier_free")
    series = pd.concat([queries.series(demo_store, ind.id, c) for c in counties_of(DALIAN)])
    fig = build_small_multiples(series, ind, "en")
    text_ = multiples_text(series, ind, "en", "title", "Dalian")
    assert [r[0] for r in text_.rows] == [a.text for a in fig.layout.annotations]
    panels = [tr for tr in fig.data if tr.mode == "lines+markers"]
    for row, panel in zip(text_.rows, panels):
        assert list(row[1:-1]) == [format_percent(y / 100) if y == y else t("value.none", "en") for y in panel.y]
    assert text_.columns[1:-1] == tuple(str(y) for y in sorted(series["year"].unique()))
    assert f"{len(counties_of(DALIAN))} counties" in text_.summary


# ---------------------------------------------------------------------- the markup
def table_rows(block) -> list[list[str]]:
    table = next(n for n in walk(block) if type(n).__name__ == "TextTable")
    return table.rows


def test_a_described_graph_is_a_named_figure_whose_picture_is_hidden_and_text_is_not():
    from dash import dcc
    from layouts.figures.alternatives import ChartText
    alt = ChartText(label="Map: x", summary="It shows x.", caption="c", columns=("Place", "Value"),
                    rows=(("A", "1"), ("B", "2")))
    tree = described_graph(dcc.Graph(id="g"), alt, "g-text")
    assert tree.role == "figure"
    props = tree.to_plotly_json()["props"]
    assert props["aria-labelledby"] == label_id("g-text") and props["aria-describedby"] == summary_id("g-text")
    picture, block = tree.children
    assert picture.to_plotly_json()["props"]["aria-hidden"] == "true" and picture.children.id == "g"
    assert "visually-hidden" in block.className.split() and block.id == "g-text"
    assert text(find(block, label_id("g-text"))) == "Map: x"
    assert text(find(block, summary_id("g-text"))) == "It shows x."
    assert table_rows(block) == [["A", "1"], ["B", "2"]]
    table = next(n for n in walk(block) if type(n).__name__ == "TextTable")
    assert table.caption == "c" and table.columns == ["Place", "Value"]


def test_a_described_graph_holds_its_height_before_plotly_has_loaded(demo_store):
    """dcc.Graph draws nothing until plotly's chunk arrives: the wrapper keeps its place (no layout shift)."""
    page, _ = places.place_page(demo_store, "city", DALIAN, f"?indicator=barrier_free&year={YEAR}")
    for graph_id in (ids.TREND, ids.CITY_RANKING, ids.SMALL_MULTIPLES):
        picture = next(n for n in walk(page) if getattr(n, "className", None) == "chart-picture"
                       and getattr(n.children, "id", None) == graph_id)
        assert picture.style == {"minHeight": picture.children.style["height"]}, graph_id
        assert picture.style["minHeight"] == f"{picture.children.figure.layout.height}px"


def test_the_overview_places_the_map_ranking_and_sparkline_texts_for_its_view(demo_store):
    page, state = overview.overview_page(demo_store, f"?indicator=barrier_free&year={YEAR}&level=county"
                                                     f"&city={DALIAN}&lang=en")
    ind = catalogue.get("barrier_free")
    values = queries.values(demo_store, ind.id, "county", YEAR)
    map_block = find(page, ids.MAP_TEXT)
    assert [r[0] for r in table_rows(map_block)] == [e[0] for e in payload_rows(values, ind, "county", "progress",
                                                                                 "en", city=DALIAN)]
    ranking_block = find(page, ids.RANKING_TEXT)
    assert [r[0] for r in table_rows(ranking_block)] == list(overview.ranking(demo_store, state, "en")[1].data[0].y)[::-1]
    spark = find(page, ids.SPARKLINE_TEXT)
    assert [r[0] for r in table_rows(spark)] == [str(y) for y in queries.years(demo_store)]
    assert "Map: " in text(find(map_block, label_id(ids.MAP_TEXT)))


def test_the_panels_callback_redraws_the_texts_with_the_charts(demo_store):
    from app import create_app
    from settings import Settings
    app = create_app(Settings(debug=False, secret_key="test"), store=demo_store)
    outputs = next(k for k in app.callback_map if f"{ids.RANKING}.figure" in k)
    assert f"{ids.MAP_TEXT}.children" in outputs and f"{ids.RANKING_TEXT}.children" in outputs
    assert f"{ids.SUMMARY}.children" in outputs   # the sparkline's text lives in the summary


def test_place_pages_describe_their_charts(demo_store):
    page, _ = places.place_page(demo_store, "city", DALIAN, f"?indicator=barrier_free&year={YEAR}")
    for block_id in (ids.TREND_TEXT, ids.CITY_RANKING_TEXT, ids.SMALL_MULTIPLES_TEXT):
        block = find(page, block_id)
        assert block is not None and table_rows(block), block_id
    assert len(table_rows(find(page, ids.SMALL_MULTIPLES_TEXT))) == len(counties_of(DALIAN))
    locator = next(n for n in walk(page) if getattr(n, "role", None) == "img")
    assert division(DALIAN).label("zh") in locator.to_plotly_json()["props"]["aria-label"]


# ---------------------------------------------------------------------- in the browser
JS_FIGURES = """() => [...document.querySelectorAll('[role=figure], [role=img]')].filter(f =>
    f.querySelector('.js-plotly-plot')).map(f => {
  const named = id => { const e = id && document.getElementById(id); return e ? e.textContent.trim() : ''; };
  const block = f.querySelector('.chart-text');
  const style = block ? getComputedStyle(block) : null;
  return {role: f.getAttribute('role'), label: named(f.getAttribute('aria-labelledby')) || f.getAttribute('aria-label'),
          description: named(f.getAttribute('aria-describedby')),
          pictureHidden: f.getAttribute('role') === 'img' ||
                         f.querySelector('.js-plotly-plot').closest('[aria-hidden=true]') !== null,
          shown: !block || (style.display !== 'none' && style.visibility !== 'hidden'),
          clipped: !block || block.getBoundingClientRect().width <= 1,
          rows: block ? block.querySelectorAll('tbody tr').length : 0};
})"""

JS_MAP_TABLE = f"""() => [...document.querySelectorAll('#{ids.MAP_TEXT} tbody tr')].map(
    tr => [...tr.children].map(c => c.textContent))"""


def figures(page) -> list[dict]:
    return page.evaluate(JS_FIGURES)


def assert_described(found: list[dict], expected: int):
    assert len(found) == expected, found
    for f in found:
        assert f["label"] and f["pictureHidden"] and f["shown"] and f["clipped"], f
        if f["role"] == "figure":
            assert f["description"] and f["rows"] > 0, f


def map_table_matches_the_map(page, lang: str) -> bool:
    trace = active_trace(page)
    table = page.evaluate(JS_MAP_TABLE)
    custom = trace["customdata"]
    if len(table) != len(custom):
        return False
    # A place with nothing to count has no value: the table says "not applicable" where the hover says why.
    none = t("map.not_applicable", lang)
    return all(row[0] == c[0] and row[2] == c[5]
               and (row[1] == none if c[5].startswith(none) else same_value(row[1], c[1], lang))
               for row, c in zip(table, custom))


@pytest.mark.browser
def test_the_overview_s_charts_have_names_descriptions_and_the_map_s_values(recording_page, live_server):
    page = recording_page.page
    page.goto(live_server.url + f"/?indicator=rural_center_coverage&year={YEAR}&level=county&city={DALIAN}&lang=en")
    wait_for_map(page, city=DALIAN, year=YEAR)
    assert_described(figures(page), 3)   # map, sparkline, ranking
    expect(page.get_by_role("figure", name=re.compile(r"^Map: "))).to_have_count(1)
    expect(page.get_by_role("figure", name=re.compile(r"^Bar chart: "))).to_have_count(1)
    assert map_table_matches_the_map(page, "en")
    # Each row headed by its place, each column by its heading (layouts/text_table.py).
    assert page.evaluate(f"""() => [document.querySelectorAll('#{ids.MAP_TEXT} tbody th[scope=row]').length,
        document.querySelectorAll('#{ids.MAP_TEXT} thead th[scope=col]').length,
        document.querySelectorAll('#{ids.MAP_TEXT} caption').length]""") == [len(counties_of(DALIAN)), 3, 1]
    # Dalian's urban districts have no villages: their own legend entry, not "no data".
    expect(page.locator(f"#{ids.MAP_LEGEND} .legend-not-applicable")).to_contain_text("Not applicable (no villages)")
    # A new view: the map recolours in the browser, and its text follows.
    page.locator(f"#{ids.MODE} label", has_text="Status").click()
    wait_for_map(page, mode="status", city=DALIAN)
    page.wait_for_function(f"""() => document.querySelector('#{ids.MAP_TEXT}').textContent.includes('coloured by status')""")
    assert map_table_matches_the_map(page, "en")
    page.goto(live_server.url + f"/?indicator=barrier_free&year=2012&level=city")
    wait_for_map(page, year=2012, level="city", ind="barrier_free")
    assert_described(figures(page), 3)
    assert map_table_matches_the_map(page, "zh")
    assert len(page.evaluate(JS_MAP_TABLE)) == 14
    # The "numbers to check" layer: Benxi holds Huanren's planted copied report of 2012 (data/demo.py);
    # its marker, its legend entry and words, then the toggle (a radio group) takes them off, in the URL.
    benxi = map_codes("city").index(division("210522").parent_code)
    page.wait_for_function(f"""() => {{ const m = {MAP_JS}.layout.meta; return m.q && m.q.includes({benxi}); }}""",
                           timeout=30000)
    expect(page.locator(f"#{ids.MAP_LEGEND} .legend-quality")).to_contain_text("数据存疑")
    expect(page.locator(f"#{ids.MAP_TEXT}")).to_contain_text(division("210500").label("zh"))
    toggle = page.get_by_role("radiogroup", name="数据存疑标记")
    toggle.get_by_text("隐藏").click()
    page.wait_for_function(f"""() => {{ const m = {MAP_JS}.layout.meta; return m.q && m.q.length === 0; }}""",
                           timeout=30000)
    assert "quality=off" in page.url
    expect(page.locator(f"#{ids.MAP_LEGEND} .legend-quality")).to_have_count(0, timeout=30000)


@pytest.mark.browser
def test_place_pages_and_slides_describe_every_chart(recording_page, live_server):
    page = recording_page.page
    page.goto(live_server.url + f"/city/{DALIAN}?indicator=barrier_free&year={YEAR}")
    page.wait_for_selector(f"#{ids.SMALL_MULTIPLES} .main-svg")
    assert_described(figures(page), 4)   # locator, trend, ranking, small multiples
    expect(page.get_by_role("img", name=re.compile(division(DALIAN).label("zh")))).to_have_count(1)
    page.goto(live_server.url + f"/county/{COUNTY}?lang=en")
    page.wait_for_selector(f"#{ids.TREND} .main-svg")
    assert_described(figures(page), 2)   # locator, trend
    expect(page.get_by_role("figure", name=re.compile(r"^Line chart: "))).to_have_count(1)
    page.goto(live_server.url + "/present?indicators=barrier_free,rural_center_coverage&lang=en")
    page.wait_for_selector(".slide-map .main-svg", state="attached")
    found = page.evaluate(JS_FIGURES)
    assert len(found) == 2 and all(f["label"].startswith("Map: ") and f["rows"] == 14 for f in found), found
