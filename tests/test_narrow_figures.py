"""The charts' narrow-screen layouts (layouts/figures/narrow.py), without a browser: each keeps
the figure's desktop values to put back, fits a phone's width, and leaves the desktop figure
as it was. The browser half is tests/test_browser_reflow.py."""
from __future__ import annotations

import pandas as pd
import pytest

from data import catalogue, queries
from data.divisions import CITY_CODES
from layouts.figures import narrow
from layouts.figures.charts import build_ranking, build_small_multiples, build_trend
from layouts.figures.maps import COLOUR_BAR, COLOUR_BAR_NARROW
from layouts.figures.overview_map import map_client_config

SHENYANG = "210100"


def counties_of(store, city: str) -> list[str]:
    return list(queries.values(store, catalogue.DEFAULT_INDICATOR, "county", max(queries.years(store)),
                               city=city)["code"])


def narrow_of(fig) -> dict:
    meta = fig.layout.meta
    assert isinstance(meta, dict) and "narrow" in meta, "the figure carries no narrow-screen layout"
    return meta["narrow"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("level", ["city", "county"])
def test_a_ranking_on_a_phone_puts_each_status_under_its_value_and_keeps_its_desktop_values(demo_store, lang, level):
    year = max(queries.years(demo_store))
    ind = catalogue.get(catalogue.DEFAULT_INDICATOR)
    values = queries.values(demo_store, ind.id, level, year, city=SHENYANG if level == "county" else None)
    fig = build_ranking(values, ind, level, lang)
    spec = narrow_of(fig)
    assert spec["query"] == narrow.NARROW_SCREEN
    # What the desktop draws is what the browser puts back when the screen widens.
    assert spec["wide"]["layout"]["margin.r"] == fig.layout.margin.r == 150
    assert spec["wide"]["traces"][0]["text"] == list(fig.data[0].text)
    assert spec["layout"]["margin.r"] < fig.layout.margin.r
    # Two short lines a bar: the value, then the status in words; the same places in the same order.
    texts, names = spec["traces"][0]["text"], spec["traces"][0]["y"]
    assert len(texts) == len(fig.data[0].text) == len(names) == len(values.dropna(subset=["value"]))
    assert all("<br>" in s for s in texts)
    assert [n.replace("<br>", " ") for n in names] == list(fig.data[0].y)
    assert spec["layout"]["height"] >= fig.layout.height
    assert min(v for k, v in spec["layout"].items() if k.endswith("font.size")) >= 13


def test_the_trend_legend_runs_down_the_foot_of_the_chart_on_a_phone(demo_store):
    ind = catalogue.get(catalogue.DEFAULT_INDICATOR)
    fig = build_trend(queries.series(demo_store, ind.id, SHENYANG), ind, "en")
    spec = narrow_of(fig)
    assert fig.layout.legend.orientation == "h" and spec["layout"]["legend.orientation"] == "v"
    assert spec["wide"]["layout"]["legend.orientation"] == "h"
    long_names = [i for i, tr in enumerate(fig.data) if tr.name and len(tr.name) > 24]
    assert long_names, "the straight path's name is the long one"
    for i in long_names:
        assert "<br>" in spec["traces"][i]["name"] and spec["wide"]["traces"][i]["name"] == fig.data[i].name


@pytest.mark.parametrize("city", CITY_CODES)
def test_small_multiples_take_two_columns_on_a_phone_without_overlapping(demo_store, city):
    ind = catalogue.get(catalogue.DEFAULT_INDICATOR)
    codes = counties_of(demo_store, city)
    series = pd.concat([queries.series(demo_store, ind.id, c) for c in codes])
    fig = build_small_multiples(series, ind, "zh")
    spec = narrow_of(fig)["layout"]
    panels = []
    for i in range(len(codes)):
        key = "" if i == 0 else str(i + 1)
        x, y = spec[f"xaxis{key}.domain"], spec[f"yaxis{key}.domain"]
        assert 0 <= x[0] < x[1] <= 1 and 0 <= y[0] < y[1] <= 1
        panels.append((x, y))
        # The title stays over its own panel.
        assert x[0] <= spec[f"annotations[{i}].x"] <= x[1] and spec[f"annotations[{i}].y"] >= y[1]
    columns = {tuple(x) for x, _ in panels}
    assert len(columns) == min(2, len(codes))
    for a in range(len(panels)):
        for b in range(a + 1, len(panels)):
            (xa, ya), (xb, yb) = panels[a], panels[b]
            assert xa[1] <= xb[0] or xb[1] <= xa[0] or ya[1] <= yb[0] or yb[1] <= ya[0], (a, b)
    # The desktop grid itself is untouched: four columns.
    assert len({tuple(fig.layout[f"xaxis{'' if i == 0 else i + 1}"].domain) for i in range(len(codes))}) == \
        min(4, len(codes))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_config_lays_the_colour_bar_under_the_map_on_a_phone_only(lang):
    config = map_client_config(lang)
    narrow_style = config["style"]["narrow"]
    assert narrow_style["query"] == narrow.NARROW_SCREEN
    assert narrow_style["colorbar"] == COLOUR_BAR_NARROW and COLOUR_BAR_NARROW["orientation"] == "h"
    assert COLOUR_BAR_NARROW["yanchor"] == "top" and COLOUR_BAR_NARROW["y"] <= 0  # below the map, not on it
    # The desktop bar, in every scale the browser may draw, stands upright at the right.
    for scale in config["scales"].values():
        assert scale["colorbar"]["x"] == COLOUR_BAR["x"] and "orientation" not in scale["colorbar"]
    assert narrow_style["labelSize"] < config["style"]["labelSize"]["province"]
