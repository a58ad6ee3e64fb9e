"""The map the browser draws is the map build_choropleth() draws for the same inputs:
assets/map.js only picks what the server sends, so the two cannot disagree."""
from __future__ import annotations

import re

import pytest

from data import catalogue, queries
from layouts.figures.maps import build_choropleth
from tests.browser import drawn_map, hover_lines, wait_for_map

pytestmark = pytest.mark.browser

# (query, indicator, year, level, city, mode, lang)
VIEWS = [
    ("?indicator=rural_center_coverage&year=2014&level=city", "rural_center_coverage", 2014, "city", None,
     "progress", "zh"),
    ("?indicator=rural_center_coverage&year=2014&level=county&city=210200", "rural_center_coverage", 2014, "county",
     "210200", "progress", "zh"),
    ("?indicator=barrier_free&year=2013&level=county&map=status", "barrier_free", 2013, "county", None, "status",
     "zh"),
    ("?indicator=rural_centers_built&year=2013&level=county", "rural_centers_built", 2013, "county", None,
     "progress", "zh"),
    ("?indicator=rural_centers_built&year=2013&level=county&lang=en", "rural_centers_built", 2013, "county", None,
     "progress", "en"),
    ("?indicator=resident_volunteering&year=2015&level=city&lang=en", "resident_volunteering", 2015, "city", None,
     "progress", "en"),
    ("?indicator=county_platform&year=2014&level=county&lang=en", "county_platform", 2014, "county", None,
     "progress", "en"),
    ("?indicator=broadband&year=2015&level=county&city=210100&lang=en", "broadband", 2015, "county", "210100",
     "progress", "en"),
]


def rendered(template: str, row: list) -> list[str]:
    """The lines plotly shows for `template` over customdata `row` (the d3 formats we use)."""
    def field(match):
        value, spec = row[int(match.group(1))], match.group(2)
        if spec == ".1%":
            return f"{value * 100:.1f}%"
        if spec == ",.0f":
            return f"{value:,.0f}"
        return str(value)
    text = re.sub(r"%\{customdata\[(\d)\](?::([^}]*))?\}", field, template.replace("<extra></extra>", ""))
    return [re.sub(r"</?b>", "", line) for line in text.split("<br>")]


def same_numbers(a, b) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_numbers(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return b == pytest.approx(a, rel=1e-9, abs=1e-12)
    return a == b


@pytest.mark.parametrize("search, indicator, year, level, city, mode, lang", VIEWS,
                         ids=[v[0].lstrip("?") for v in VIEWS])
def test_the_browser_draws_what_build_choropleth_draws(recording_page, live_server, demo_store,
                                                       search, indicator, year, level, city, mode, lang):
    page = recording_page.page
    page.goto(live_server.url + "/" + search)
    wait_for_map(page, ind=indicator, year=year, level=level, city=city, mode=mode)
    drawn = drawn_map(page)

    ind = catalogue.get(indicator)
    values = queries.values(demo_store, indicator, level, year)
    expected = build_choropleth(values, ind, level, lang, mode=mode).to_plotly_json()["data"][0]
    where = {code: i for i, code in enumerate(expected["locations"])}
    shown = [where[code] for code in drawn["locations"]]
    in_view = expected["locations"] if city is None else set(values.loc[values["parent_code"] == city, "code"])
    assert len(shown) == len(in_view) and set(drawn["locations"]) == set(in_view)

    def pick(values):
        return [values[i] for i in shown] if isinstance(values, list) else values

    assert same_numbers(pick(list(expected["z"])), drawn["z"])
    assert same_numbers(expected["zmin"], drawn["zmin"]) and same_numbers(expected["zmax"], drawn["zmax"])
    assert same_numbers(expected["colorscale"], drawn["colorscale"])
    assert expected["showscale"] == drawn["showscale"]
    for key in ("ticktext", "tickvals"):
        assert same_numbers(expected["colorbar"].get(key), drawn["colorbar"].get(key)), key
    assert expected["colorbar"]["title"]["text"] == drawn["colorbar"]["title"]["text"]
    assert same_numbers(pick([list(row) for row in expected["customdata"]]), drawn["customdata"])
    assert pick(expected["hovertemplate"]) == drawn["hovertemplate"]

    # And plotly shows those words: hover a few places with data and read the label.
    templates = drawn["hovertemplate"]
    read = 0
    for k, row in enumerate(drawn["customdata"]):
        template = templates[k] if isinstance(templates, list) else templates
        if read == 3 or row[1] is None:
            continue
        lines = hover_lines(page, drawn["locations"][k])
        if lines and lines[0] == row[0]:
            assert lines == rendered(template, row)
            if lang == "en":
                assert not re.search(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]", "".join(lines)), lines
            read += 1
    assert read >= 1, "no place could be hovered at its centroid"
