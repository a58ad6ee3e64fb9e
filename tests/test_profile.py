"""Place profiles (/download/profile.pdf), opened with pypdf and pdftotext: one A4 page for a
county and two for a city, the CJK font embedded, every number equal to /api/v1/values (and
the outlook to /api/v1/outlook, the work list to its download), the simulated warning on demo
data and not on real reports, nothing asked of another host, bad parameters refused in both
languages; and the page drawn to PNG (pdftoppm) is a page with ink on it."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from app import create_app
from data import catalogue, queries
from data.divisions import division
from data.formatting import format_number, format_value, status_label
from data.i18n import t
from documents import profile
from settings import Settings
from tests import stores
from tests.factories import batch, unit_year
from tests.offline import refuse_other_hosts

COUNTY, CITY, YEAR = "210224", "210200", 2014
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


def fetch(client, code=COUNTY, year=YEAR, lang="zh") -> bytes:
    response = client.get(f"/download/profile.pdf?code={code}&year={year}&lang={lang}")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    return response.data


@pytest.fixture(scope="module")
def county_pdf(client):
    return fetch(client)


@pytest.fixture(scope="module")
def city_pdf(client):
    return fetch(client, CITY)


def text_of(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def scorecard_lines(text: str, lang: str = "zh") -> dict[str, str]:
    """The scorecard's rows by the indicator's short name (the lines between its heading and its notes)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(t("download.indicator", lang)))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(t("profile.scorecard_note", lang)[:5]))
    rows = {}
    for line in lines[start + 1:end]:
        named = [ind for ind in catalogue.INDICATORS if line.strip().startswith(ind.short[lang] + " ")]
        if named:  # the longest name that fits ("Rural centres built", not "Rural centres")
            rows[max(named, key=lambda ind: len(ind.short[lang])).id] = line
    return rows


def api_rows(client, indicator, level, year=YEAR):
    body = client.get(f"/api/v1/values?indicator={indicator}&level={level}&year={year}").get_json()
    return {r["code"]: r for r in body["rows"]}


def rank(rows: dict, code: str):
    mine = rows[code]["value"]
    if mine is None:
        return None
    return 1 + sum(1 for r in rows.values() if r["value"] is not None and r["value"] > mine + 1e-12)


# ---------------------------------------------------------------------- the page

def test_a_county_is_one_a4_page_and_a_city_two(county_pdf, city_pdf):
    for pdf, pages in ((county_pdf, 1), (city_pdf, 2)):
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == pages
        for page in reader.pages:
            assert float(page.mediabox.width) == pytest.approx(595.28, abs=0.5)
            assert float(page.mediabox.height) == pytest.approx(841.89, abs=0.5)


def test_every_font_is_embedded(county_pdf, city_pdf):
    for pdf in (county_pdf, city_pdf):
        reader = PdfReader(io.BytesIO(pdf))
        seen = 0
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None:  # a composite font: its descendant carries the file
                    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                descriptor = descriptor.get_object()
                assert "/FontFile2" in descriptor, font["/BaseFont"]  # TrueType, embedded
                assert "+" in str(font["/BaseFont"])  # a subset
                seen += 1
        assert seen


@needs_poppler
def test_the_page_renders_to_a_png_with_ink(county_pdf, tmp_path):
    path = tmp_path / "profile.pdf"
    path.write_bytes(county_pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    from PIL import Image
    [png] = sorted(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    assert image.size[1] / image.size[0] == pytest.approx(297 / 210, abs=0.01)
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.size[0] * image.size[1]  # text and charts, not a blank page


# ---------------------------------------------------------------------- the numbers

@needs_poppler
@pytest.mark.parametrize("code,level,lang", [(COUNTY, "county", "zh"), (CITY, "city", "en")])
def test_the_scorecard_equals_the_api(client, code, level, lang):
    text = text_of(fetch(client, code, lang=lang))
    rows = scorecard_lines(text, lang)
    expected = [ind for ind in catalogue.INDICATORS if level in ind.levels]
    assert set(rows) == {ind.id for ind in expected}
    for ind in expected:
        api = api_rows(client, ind.id, level)
        line = rows[ind.id]
        cells = [c for c in line.split("  ") if c.strip()]
        assert cells[1].strip() == format_value(api[code]["value"], ind, lang, level), line
        assert status_label(api[code]["status"], lang, ind) in line, line
        r = rank(api, code)
        if r is not None:
            assert f"{r}/{sum(1 for x in api.values() if x['value'] is not None)}" in line, line


@needs_poppler
def test_the_facts_and_the_work_list_size(client, county_pdf, demo_store):
    text = text_of(county_pdf)
    facts = queries.place_facts(demo_store, COUNTY, YEAR)
    numbers = " ".join(text.splitlines()[:12])
    for key in ("urban", "rural", "households", "residents"):
        assert format_number(facts[key]) in numbers
    download = client.get(f"/download/worklist.csv?county={COUNTY}&indicator=all&year={YEAR}&lang=zh")
    listed = list(csv.DictReader(io.StringIO(download.data.decode("utf-8-sig"))))
    units = {r["单位代码"] if "单位代码" in r else list(r.values())[1] for r in listed}
    content = profile.profile_content(demo_store, COUNTY, YEAR, "zh")
    assert content.worklist == len(units) and f"{len(units)}" in numbers.split()
    rows = scorecard_lines(text)
    per_indicator = {}
    for r in listed:
        per_indicator[r["指标"]] = per_indicator.get(r["指标"], 0) + 1
    for ind in catalogue.UNIT_SOURCED:
        assert rows[ind.id].split()[-1] == str(per_indicator.get(ind.short["zh"], 0)), ind.id


@needs_poppler
def test_the_outlook_equals_the_outlook_api(client, county_pdf):
    rows = scorecard_lines(text_of(county_pdf))
    shown = 0
    for ind in catalogue.INDICATORS:
        if "county" not in ind.levels:
            continue
        if ind.target_at("county") is None:
            assert "按当前进度" not in rows[ind.id] and "有风险" not in rows[ind.id]
            continue
        body = client.get(f"/api/v1/outlook?indicator={ind.id}&level=county&year={YEAR}").get_json()
        row = next(r for r in body["rows"] if r["code"] == COUNTY)
        if row["outlook"] in ("will_achieve", "at_risk", "will_miss"):
            assert t(f"outlook.status.{row['outlook']}", "zh") in rows[ind.id], ind.id
            assert format_value(row["projected"], ind, "zh", "county") in rows[ind.id], ind.id
            shown += 1
    assert shown >= 10


def test_no_outlook_once_the_target_year_is_there(demo_store):
    content = profile.profile_content(demo_store, COUNTY, 2015, "zh")
    assert all(r.outlook is None for r in content.rows)


@needs_poppler
def test_a_city_lists_its_counties_on_page_two(city_pdf, client):
    reader = PdfReader(io.BytesIO(city_pdf))
    second = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", "-", "-"], input=city_pdf,
                            capture_output=True, check=True).stdout.decode()
    assert len(reader.pages) == 2
    ind = catalogue.get("rural_center_coverage")
    api = client.get(f"/api/v1/values?indicator={ind.id}&level=county&year={YEAR}&city={CITY}").get_json()["rows"]
    for r in api:
        line = next(line for line in second.splitlines() if line.strip().startswith(division(r["code"]).name + " "))
        assert format_value(r["value"], ind, "zh", "county") in line
        assert status_label(r["status"], "zh", ind) in line


# ---------------------------------------------------------------------- honesty, offline, errors

@needs_poppler
def test_demo_data_say_so_on_every_page(city_pdf):
    for page in (1, 2):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-", "-"], input=city_pdf,
                              capture_output=True, check=True).stdout.decode()
        assert "模拟演示数据，不得对外印发" in text


@pytest.fixture(scope="module")
def real_store():
    """Only real reports: Heping District's two communities, 2011 and 2014."""
    store = stores.new_store("profile-real")
    store.create_schema()
    units = [("210102U1", "urban", "210102"), ("210102U2", "urban", "210102")]
    store.commit_batch(**batch(units, [unit_year(u, y, has_facility=True, households=500, residents=1500,
                                                 facility_area_m2=450.0) for u, _, _ in units for y in (2011, 2014)]))
    return store


@needs_poppler
def test_only_real_reports_carry_no_warning(real_store):
    pdf = profile.build(real_store, "210102", 2014, "zh")
    text = text_of(pdf)
    assert "模拟" not in text and "不得对外印发" not in text
    assert "100.0%" in scorecard_lines(text)["urban_facility_coverage"]


def test_no_request_to_another_host_while_built(demo_store, monkeypatch):
    asked = refuse_other_hosts(monkeypatch)
    pdf = profile.build(demo_store, "211000", 2013, "en")
    assert asked == [] and b"/URI" not in pdf  # no link out of the page either


@pytest.mark.parametrize("query,name", [("code=210000", "code"), ("code=999999", "code"), ("code=", "code"),
                                        (f"code={COUNTY}&year=1999", "year"), (f"code={COUNTY}&year=x", "year"),
                                        (f"code={COUNTY}&lang=de", "lang")])
def test_bad_parameters_get_a_400_in_both_languages(client, query, name):
    response = client.get(f"/download/profile.pdf?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == name and "无效" in body["error"]["zh"] and "not valid" in body["error"]["en"]


def test_the_second_request_is_kept(client, county_pdf):
    assert fetch(client) == county_pdf


@needs_poppler
def test_the_baseline_year_reads_whole_ranks_and_no_nan(demo_store):
    """In 2011 a place without villages has no rank on the rural goals: "—", not "nan/81", and
    every other rank is a whole number."""
    text = text_of(profile.build(demo_store, "210102", 2011, "en"))
    rows = scorecard_lines(text, "en")
    assert "nan" not in text.lower() and ".0/" not in text
    assert rows["rural_center_coverage"].split()[-4:-1] == ["—", "—", "—"]


@needs_poppler
def test_a_city_s_status_grid_equals_the_api(client, city_pdf):
    second = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", "-", "-"], input=city_pdf,
                            capture_output=True, check=True).stdout.decode()
    grid = [ind for ind in catalogue.QUANTIFIED if ind.target_at("county") is not None]
    assert [i.id for i in profile.STATUS_GRID] == [i.id for i in grid]
    api = {ind.id: {r["code"]: r for r in client.get(
        f"/api/v1/values?indicator={ind.id}&level=county&year={YEAR}&city={CITY}").get_json()["rows"]} for ind in grid}
    for code in api[grid[0].id]:
        lines = [line for line in second.splitlines() if line.strip().startswith(division(code).name + " ")]
        assert len(lines) == 2, code  # the headline table's row, then the grid's
        # Nothing to count (a district without villages): "不适用", apart from "无数据".
        assert lines[1].split()[1:] == [t("map.not_applicable", "zh") if api[ind.id][code]["status"] == "not_applicable"
                                        else format_value(api[ind.id][code]["value"], ind, "zh", "county")
                                        for ind in grid]


def test_a_server_without_the_cjk_font_says_so_with_a_503(client, monkeypatch):
    from routes import downloads
    monkeypatch.setattr(profile, "FONT_PATHS", ("/nonexistent/wqy-microhei.ttc",))
    monkeypatch.setattr(profile, "_registered", False)
    monkeypatch.setattr(downloads, "_kept", lambda kind, params, lang, build: build())  # no kept profile
    answer = client.get(f"/download/profile.pdf?code={COUNTY}&year=2012&lang=en")
    assert answer.status_code == 503
    body = answer.get_json()
    assert "fonts-wqy-microhei" in body["error"]["zh"] and "fonts-wqy-microhei" in body["error"]["en"]
