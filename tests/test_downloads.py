"""Downloads: CSV with a BOM and XLSX with a header block, the same numbers as the API,
and no formula a spreadsheet would run."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from app import create_app
from data.exports import neutralise
from settings import Settings
from tests import stores
from tests.factories import batch, unit_year


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.data[:200]
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def read_xlsx(response):
    assert response.status_code == 200, response.data[:200]
    ws = load_workbook(io.BytesIO(response.data)).active
    rows = list(ws.iter_rows(values_only=True))
    blank = rows.index((None,) * len(rows[0])) if (None,) * len(rows[0]) in rows else \
        next(i for i, r in enumerate(rows) if all(v is None for v in r))
    header = {r[0]: r[1] for r in rows[:blank]}
    columns = rows[blank + 1]
    return header, [dict(zip(columns, r)) for r in rows[blank + 2:]], ws


def test_table_csv_equals_the_api_for_every_year(client):
    table = read_csv(client.get("/download/table.csv?indicator=barrier_free&level=county&lang=en"))
    assert len(table) == 100
    for year in (2011, 2013, 2015):
        api = {r["code"]: r for r in client.get(
            f"/api/v1/values?indicator=barrier_free&level=county&year={year}").get_json()["rows"]}
        column = next(k for k in table[0] if k.startswith(str(year)))
        for row in table:
            assert float(row[column]) == pytest.approx(api[row["Code"]]["value"])
    api_2015 = {r["code"]: r for r in client.get(
        "/api/v1/values?indicator=barrier_free&level=county&year=2015").get_json()["rows"]}
    for row in table:
        assert float(row["Numerator 2015"]) == api_2015[row["Code"]]["numerator"]


def test_table_xlsx_has_the_header_block_and_the_api_numbers(client):
    header, rows, ws = read_xlsx(client.get("/download/table.xlsx?indicator=rural_center_coverage&level=city"))
    assert header["指标"].startswith("农村社区服务中心覆盖率")
    assert header["目标"] == "≥ 80%"
    assert "农村社区服务中心覆盖面达80%以上" in header["文件条款"]
    assert "模拟" in header["数据来源"] and header["下载日期"]
    assert "模拟演示数据" in header
    api = {r["code"]: r for r in client.get(
        "/api/v1/values?indicator=rural_center_coverage&level=city&year=2014").get_json()["rows"]}
    assert len(rows) == 14
    for row in rows:
        assert row["2014 数值（比例）"] == pytest.approx(api[row["代码"]]["value"])


def test_scorecard_download_equals_the_api(client):
    rows = read_csv(client.get("/download/scorecard.csv?code=210224&year=2013&lang=en"))
    assert len(rows) == 20
    for row in rows:
        api = {r["code"]: r for r in client.get(
            f"/api/v1/values?indicator={row['Indicator id']}&level=county&year=2013").get_json()["rows"]}
        assert float(row["Value (share or count)"]) == pytest.approx(api["210224"]["value"])
        assert row["Numerator"] and float(row["Numerator"]) == api["210224"]["numerator"]


def test_worklist_download_lists_the_failing_units(client, demo_store):
    from data import queries
    expected = queries.units_behind(demo_store, "210224", "party_member_volunteering", 2012)
    rows = read_csv(client.get("/download/worklist.csv?county=210224&indicator=party_member_volunteering"
                               "&year=2012&lang=en"))
    assert [r["Unit id"] for r in rows] == expected["unit_id"].tolist()
    assert all("party members volunteer" in r["Why it falls short"] for r in rows)
    header, all_rows, _ = read_xlsx(client.get("/download/worklist.xlsx?county=210224&indicator=all&year=2012"))
    assert header["指标"] == "未达标的社区和村 · 全部标准"
    assert len(all_rows) > len(rows) and {r["指标"] for r in all_rows} > {"党员志愿服务"}


@pytest.mark.parametrize("url", [
    "/download/table.pdf?indicator=barrier_free&level=city",
    "/download/table.csv?indicator=nope&level=city",
    "/download/table.csv?indicator=barrier_free&level=province",
    "/download/scorecard.csv?code=abc",
    "/download/scorecard.csv?code=210224&year=1999",
    "/download/scorecard.csv?code=210224&year=%C2%B2%E2%81%B0%C2%B9%E2%81%B4",  # ²⁰¹⁴: isdigit(), not int()
    "/download/worklist.csv?county=210200&indicator=barrier_free",
    "/download/worklist.csv?county=210224&indicator=rural_centers_built",
    "/download/worklist.csv?county=210224&indicator=barrier_free&lang=fr",
    "/download/nothing.csv",
])
def test_bad_download_requests_get_a_bilingual_error(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    body = response.get_json()
    assert body["error"]["zh"] and body["error"]["en"]


ATTACKS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn", "=cmd|' /C calc'!A0"]


def test_names_that_look_like_formulas_are_neutralised():
    """Unit names come from county reports: they are fed through the work list download."""
    store = stores.new_store("attack")
    store.create_schema()
    units = [(f"210224U9{i}", "urban", "210224") for i in range(len(ATTACKS))]
    made = batch(units, [unit_year(u, 2011, has_facility=False) for u, _, _ in units])
    made["units"]["name"] = ATTACKS
    made["units"]["name_en"] = ATTACKS
    store.commit_batch(**made)
    client = create_app(Settings(debug=False), store=store).server.test_client()

    rows = read_csv(client.get("/download/worklist.csv?county=210224&indicator=urban_facility_coverage&year=2011"))
    assert sorted(r["名称"] for r in rows) == sorted("'" + a for a in ATTACKS)

    _, xrows, ws = read_xlsx(client.get("/download/worklist.xlsx?county=210224&indicator=urban_facility_coverage"
                                        "&year=2011"))
    # The standard library's XML parser turns a carriage return into a line feed on reading (lxml,
    # which openpyxl uses when it is installed, keeps it): the quote in front is what counts.
    assert sorted(r["名称"].replace("\r", "\n") for r in xrows) == sorted(("'" + a).replace("\r", "\n")
                                                                         for a in ATTACKS)
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value


def test_neutralise_leaves_numbers_and_plain_text_alone():
    assert neutralise(-3.5) == -3.5 and neutralise("铁西区") == "铁西区" and neutralise("=1") == "'=1"
