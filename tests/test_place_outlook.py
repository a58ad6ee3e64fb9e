"""The outlook to 2015 on the city and county pages: the scorecard's column, the trend's
projection band and its text alternative, and the scorecard downloads, each compared with
/api/v1/outlook cell by cell; the link to the method's section."""
from __future__ import annotations

import csv
import io
import math

import pytest
from openpyxl import load_workbook

import callbacks
import urls
from app import create_app
from data import catalogue, outlook
from data.i18n import t
from layouts import ids
from settings import Settings
from tests.tree import find, text, walk

COUNTY, CITY, YEAR = "210224", "210200", 2013


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


def api_rows(client, code: str, level: str, city: str | None = None) -> dict[str, dict]:
    """The outlook API's row of `code` for every indicator with a target, by indicator id."""
    out = {}
    for ind in catalogue.INDICATORS:
        if ind.target is None or level not in ind.levels:
            continue
        query = f"/api/v1/outlook?indicator={ind.id}&level={level}&year={YEAR}" + (f"&city={city}" if city else "")
        body = client.get(query).get_json()
        out[ind.id] = next(r for r in body["rows"] if r["code"] == code)
    return out


def close(x, y) -> bool:
    x = None if isinstance(x, float) and math.isnan(x) else x
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9)


def score_cells(page) -> dict[str, str]:
    """Each scorecard row's outlook cell as text, by indicator."""
    table = find(page, ids.SCORECARD)
    out = {}
    for row in walk(table):
        props = row.to_plotly_json()["props"] if hasattr(row, "to_plotly_json") else {}
        if type(row).__name__ == "Tr" and "data-indicator" in props:
            cell = next(c for c in row.children if "score-outlook" in (getattr(c, "className", "") or ""))
            out[props["data-indicator"]] = text(cell)
    return out


@pytest.mark.parametrize("code, level, lang", [(COUNTY, "county", "zh"), (CITY, "city", "en")])
def test_every_scorecard_row_says_what_the_outlook_api_says(client, demo_store, code, level, lang):
    page, _ = callbacks.render(demo_store, f"/{level}/{code}", f"?year={YEAR}&lang={lang}")
    cells = score_cells(page)
    api = api_rows(client, code, level, CITY if level == "county" else None)
    assert set(api) <= set(cells)
    for ind_id, row in api.items():
        ind = catalogue.get(ind_id)
        words = outlook.describe(row, ind, level, lang)
        for part in ("status", "projection", "range", "reach", "pace", "gap", "derived"):
            if words[part]:
                assert words[part] in cells[ind_id], (ind_id, part)
    tracked = [i.id for i in catalogue.INDICATORS if i.target is None and level in i.levels]
    assert all(cells[i] == "—" for i in tracked)
    # the example of the brief: a needed and an observed pace, a gap in units
    # (its numbers are the demo data's: data/demo.py; read from the API, not written here)
    if lang == "zh":
        pace = outlook.describe(api["rural_center_coverage"], catalogue.get("rural_center_coverage"), level, lang)["pace"]
        assert pace.startswith("每年需 +") and "个百分点，2011 年以来年均 +" in pace
        assert pace in cells["rural_center_coverage"]


def test_the_outlook_column_links_to_the_methods_section(demo_store):
    page, _ = callbacks.render(demo_store, f"/county/{COUNTY}", f"?year={YEAR}")
    hrefs = [getattr(n, "href", None) for n in walk(find(page, ids.SCORECARD))]
    assert urls.method("zh") + "#" + urls.METHOD_OUTLOOK in hrefs
    method, _ = callbacks.render(demo_store, "/method", "?lang=en")
    section = find(method, urls.METHOD_OUTLOOK)
    assert section is not None and "Outlook to 2015" in text(section) and "will achieve" in text(section).lower()


def test_no_outlook_column_from_2015_on(demo_store):
    page, _ = callbacks.render(demo_store, f"/county/{COUNTY}", "?year=2015")
    assert t("outlook.title", "zh") not in text(find(page, ids.SCORECARD))
    assert not any("预测" in (tr.name or "") for tr in find(page, ids.TREND).figure.data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_trend_draws_the_projection_and_its_band_as_the_api_gives_them(client, demo_store, lang):
    page, _ = callbacks.render(demo_store, f"/county/{COUNTY}",
                               f"?indicator=rural_center_coverage&year={YEAR}&lang={lang}")
    figure = find(page, ids.TREND).figure
    api = api_rows(client, COUNTY, "county", CITY)["rural_center_coverage"]
    by_name = {tr.name: tr for tr in figure.data if tr.name}
    line = by_name[t("trend.projection", lang, year=YEAR)]
    band = by_name[t("trend.projection_range", lang)]
    word = "预测" if lang == "zh" else "Projection"
    assert word in line.name and word in band.name
    assert list(line.x) == [YEAR, 2015] and close(line.y[1], api["projected"] * 100)
    assert band.fill == "tonexty" and close(band.y[1], api["projected_high"] * 100)
    lower = figure.data[list(figure.data).index(band) - 1]
    assert close(lower.y[1], api["projected_low"] * 100) and lower.showlegend is False
    alt = find(page, ids.TREND_TEXT)
    words = text(alt)
    assert t("alt.col_projection", lang) in words
    low, high = (f"{api[k] * 100:.1f}%" for k in ("projected_low", "projected_high"))
    assert f"{low}–{high}" in words and f"{api['projected'] * 100:.1f}%" in words


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def read_xlsx(response) -> list[dict]:
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    blank = next(i for i, r in enumerate(rows) if all(v is None for v in r))
    return [dict(zip(rows[blank + 1], r)) for r in rows[blank + 2:]]


NUMBERS = ("projected", "projected_low", "projected_high", "reach_year", "needed_pace", "pace", "gap_units")


@pytest.mark.parametrize("fmt, lang", [("csv", "zh"), ("xlsx", "en")])
def test_the_scorecard_downloads_carry_the_outlook_api_cell_by_cell(client, demo_store, fmt, lang):
    response = client.get(urls.scorecard_download(fmt, COUNTY, YEAR, lang))
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    api = api_rows(client, COUNTY, "county", CITY)
    id_heading = t("download.indicator_id", lang)
    page, _ = callbacks.render(demo_store, f"/county/{COUNTY}", f"?year={YEAR}&lang={lang}")
    cells = score_cells(page)
    seen = 0
    for row in rows:
        ind_id = row[id_heading]
        ind = catalogue.get(ind_id)
        status = row[t("download.outlook", lang, year=YEAR)]
        if ind_id not in api:
            assert status in (None, ""), ind_id
            continue
        seen += 1
        mine = api[ind_id]
        assert status == outlook.describe(mine, ind, "county", lang)["status"] and status in cells[ind_id]
        for field in NUMBERS:
            got = row[t(f"download.{field}", lang)]
            got = None if got in ("", None) else float(got)
            assert close(got, mine[field]), (ind_id, field, got, mine[field])
    assert seen == len(api) >= 14


def test_a_2015_scorecard_download_has_no_outlook_columns(client):
    rows = read_csv(client.get(urls.scorecard_download("csv", COUNTY, 2015, "zh")))
    assert rows and t("download.projected", "zh") not in rows[0]
