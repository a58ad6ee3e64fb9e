"""The 通报 (/download/circular.docx), opened with python-docx: the GB/T 9704-2012 page, fonts and
grid; every number equal to /api/v1/values; the red and yellow lists equal to the status
classes; the simulated warning on demo data and not on real reports; nothing asked of another
host; bad parameters refused in both languages."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from app import create_app
from data.catalogue import HEADLINE, QUANTIFIED
from data.divisions import CITY_CODES, COUNTY_CODES, division
from data.formatting import format_value, status_label
from data.i18n import t
from documents import circular
from settings import Settings
from tests import stores
from tests.factories import batch, unit_year
from tests.offline import refuse_other_hosts

YEAR = 2014
EMU_PER_PT = 12700
RED, YELLOW = {"limited_progress", "deteriorating"}, {"needs_acceleration"}


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False), store=demo_store).server.test_client()


def fetch(client, year=YEAR, lang="zh"):
    response = client.get(f"/download/circular.docx?year={year}&lang={lang}")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument."
                                                        "wordprocessingml.document")
    return response.data


@pytest.fixture(scope="module")
def docx_zh(client):
    return fetch(client)


@pytest.fixture(scope="module")
def doc(docx_zh):
    return Document(io.BytesIO(docx_zh))


@pytest.fixture(scope="module")
def api(client):
    """(indicator, level) -> code -> the API's row for YEAR."""
    def rows(indicator, level):
        body = client.get(f"/api/v1/values?indicator={indicator}&level={level}&year={YEAR}").get_json()
        return {r["code"]: r for r in body["rows"]}
    return {(ind.id, level): rows(ind.id, level) for ind in QUANTIFIED for level in ("province", "city", "county")}


def blocks(doc):
    """The body in order: ("p", paragraph text) and ("table", rows of cell texts)."""
    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(("p", "".join(t.text or "" for t in child.iter(qn("w:t")))))
        elif child.tag == qn("w:tbl"):
            rows = [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                    for tr in child.iter(qn("w:tr"))]
            out.append(("table", rows))
    return out


def tables_after(doc, heading: str) -> list[list[list[str]]]:
    """The tables between the paragraph starting `heading` and the next heading of its kind."""
    found, tables = False, []
    for kind, value in blocks(doc):
        if kind == "p" and value.startswith(heading):
            found = True
            continue
        if found and kind == "p" and re.match(r"^(（[一二三四五六]）|[一二三四五六]、|附件\d|红色名单|黄色名单)", value):
            if tables:
                break
        if found and kind == "table":
            tables.append(value)
    return tables


def east_asian(run_or_style_element) -> str | None:
    rpr = run_or_style_element.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def value(ind, v, level, lang="zh"):
    return format_value(v, ind, lang, level)


# ---------------------------------------------------------------------- GB/T 9704-2012

def test_the_page_is_a4_with_the_standard_margins(doc):
    for section in doc.sections:
        # Word keeps lengths in twips (1/1440 inch): 210 mm is 11906 twips, 0.005 mm short
        mm = [round(x.mm, 1) for x in (section.page_width, section.page_height, section.top_margin,
                                       section.bottom_margin, section.left_margin, section.right_margin)]
        assert mm == [210, 297, 37, 35, 28, 26]


def test_the_grid_is_22_lines_of_28_characters(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096  # relative to the body's 16 pt
    text_height_pt, text_width_pt = 225 / 25.4 * 72, 156 / 25.4 * 72
    assert int(text_height_pt / pitch_pt) == 22, pitch_pt
    assert int(text_width_pt / char_pt + 1e-6) == 28, char_pt
    # the body's own line spacing is the grid's pitch, exactly
    normal = doc.styles["Normal"]
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(pitch_pt)
    assert normal.paragraph_format.first_line_indent.pt == 32  # two characters


def test_fonts_and_sizes_of_title_body_and_headings(doc):
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert east_asian(normal.element) == "仿宋_GB2312"
    paragraphs = doc.paragraphs
    title = next(p for p in paragraphs if p.text.startswith(f"关于{YEAR}年全省城乡社区服务体系建设进展情况的通报"))
    assert title.alignment == 1  # centred
    for run in title.runs:
        assert run.font.size.pt == 22 and east_asian(run._r) == "方正小标宋简体"
    level1 = [p for p in paragraphs if re.match(r"^[一二三四五]、", p.text)]
    level2 = [p for p in paragraphs if re.match(r"^（[一二]）", p.text)]
    assert [p.text[:2] for p in level1] == ["一、", "二、", "三、", "四、", "五、"]
    assert len(level2) == 2
    for p in level1:
        assert {east_asian(r._r) for r in p.runs} == {"黑体"} and {r.font.size.pt for r in p.runs} == {16}
    for p in level2:
        assert {east_asian(r._r) for r in p.runs} == {"楷体_GB2312"} and {r.font.size.pt for r in p.runs} == {16}
    body = next(p for p in paragraphs if p.text.startswith("为推动落实"))
    assert all(east_asian(r._r) == "仿宋_GB2312" and r.font.size.pt == 16 for r in body.runs)


def test_the_font_table_names_each_fallback(docx_zh):
    fonts = zipfile.ZipFile(io.BytesIO(docx_zh)).read("word/fontTable.xml").decode()
    for name, fallback in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert re.search(rf'w:name="{name}">\s*<w:altName w:val="{fallback}"', fonts), name
    assert 'w:name="黑体"' in fonts


def test_page_numbers_are_a_page_field_between_em_dashes_in_4hao(doc):
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in ((section.footer, 2), (section.even_page_footer, 0)):  # odd right, even left
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert [c.get(qn("w:fldCharType")) for c in p._p.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
        assert p.text.startswith("— ") and p.text.endswith(" —"), p.text
        assert {r.font.size.pt for r in p.runs} == {14}
        assert p.alignment == align and "w:instrText" in xml


# ---------------------------------------------------------------------- the numbers

def test_overall_progress_counts_and_the_province_against_each_target(doc, api):
    statuses = {ind.id: api[(ind.id, "province")]["210000"]["status"] for ind in QUANTIFIED}
    counted = {s: sum(1 for v in statuses.values() if v == s)
               for s in ("achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating")}
    text = next(p.text for p in doc.paragraphs if p.text.startswith(f"{YEAR}年，文件提出的13项量化目标中"))
    behind = counted["needs_acceleration"] + counted["limited_progress"] + counted["deteriorating"]
    assert f"已达标{counted['achieved']}项，进度正常{counted['on_track']}项，进展滞后{behind}项" in text
    assert f"需要加快{counted['needs_acceleration']}项、进展有限{counted['limited_progress']}项、" \
           f"出现倒退{counted['deteriorating']}项" in text
    [table] = tables_after(doc, "二、")
    header, *rows = table
    assert header == ["序号", "指标", "2015年目标", f"全省{YEAR}年", "状态", "文件条款"]
    assert len(rows) == len(QUANTIFIED) == 13
    for row, ind in zip(rows, QUANTIFIED):
        province = api[(ind.id, "province")]["210000"]
        assert row[1] == ind.name["zh"]
        assert row[3] == value(ind, province["value"], "province")
        assert row[4] == status_label(province["status"], "zh", ind)
        assert ind.clause in row[5] and row[5].startswith(ind.clause_section)


def test_the_cities_are_ranked_on_each_headline_goal_as_the_api_has_them(doc, api):
    [table] = tables_after(doc, "三、")
    header, *rows = table
    assert header == [ind.short["zh"] for ind in HEADLINE]
    assert len(rows) == len(CITY_CODES)
    names = {division(c).name: c for c in CITY_CODES}
    for col, ind in enumerate(HEADLINE):
        cities = api[(ind.id, "city")]
        seen = []
        for row in rows:
            rank, name, shown = row[col].split()
            code = names[name]
            assert shown == value(ind, cities[code]["value"], "city")
            higher = sum(1 for r in cities.values() if r["value"] is not None
                         and r["value"] > cities[code]["value"] + 1e-12)
            assert int(rank) == higher + 1
            seen.append(code)
        assert sorted(seen) == sorted(CITY_CODES)


def listed_cities(cell: str) -> set[str]:
    return set() if cell == "—" else set(cell.split("、"))


def listed_counties(cell: str) -> set[str]:
    """"沈阳市：铁西区、和平区；大连市：…" -> {"沈阳市铁西区", …}."""
    out = set()
    for part in cell.split("；"):
        city, names = part.split("：")
        out |= {city + n for n in names.split("、")}
    return out


@pytest.mark.parametrize("heading,annex,classes", [("（一）", "红色名单", RED), ("（二）", "黄色名单", YELLOW)])
def test_red_and_yellow_lists_equal_the_status_classes(doc, api, heading, annex, classes):
    [table] = tables_after(doc, heading)
    rows = {r[0]: r for r in table[1:]}
    counties_table = tables_after(doc, annex)
    county_rows = {r[0]: r for r in (counties_table[0][1:] if counties_table else [])}
    for ind in QUANTIFIED:
        cities = {division(c).name for c, r in api[(ind.id, "city")].items()
                  if ind.target_at("city") is not None and r["status"] in classes}
        counties = {division(c).full_name for c, r in api[(ind.id, "county")].items()
                    if ind.target_at("county") is not None and r["status"] in classes}
        short = ind.short["zh"]
        if not cities and not counties:
            assert short not in rows and short not in county_rows
            continue
        assert listed_cities(rows[short][1]) == cities, short
        assert int(rows[short][2]) == len(counties)
        if counties:
            assert int(county_rows[short][1]) == len(counties)
            assert listed_counties(county_rows[short][2]) == counties, short
        else:
            assert short not in county_rows


def test_the_annex_has_every_county_on_the_headline_goals(doc, api):
    table = tables_after(doc, "附件2")[0]
    header, *rows = table
    assert len(rows) == len(COUNTY_CODES) == 100
    for row, code in zip(rows, COUNTY_CODES):
        d = division(code)
        assert row[:2] == [division(d.parent_code).name, d.name]
        cells = iter(row[2:])
        for ind in HEADLINE:
            r = api[(ind.id, "county")][code]
            # Nothing to count (a district without villages): "不适用", and the status says why.
            assert next(cells) == (t("map.not_applicable", "zh") if r["status"] == "not_applicable"
                                   else value(ind, r["value"], "county"))
            if ind.target_at("county") is not None:
                assert next(cells) == status_label(r["status"], "zh", ind)


def test_the_drafter_writes_the_next_steps_the_date(doc):
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("五、下一步工作要求")
    assert texts[at + 1].startswith("【此处由起草人填写下一步工作要求")
    assert any(t.startswith("【成文日期") for t in texts)


def test_english_has_the_same_numbers(client, api):
    doc = Document(io.BytesIO(fetch(client, lang="en")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"Circular on the progress of the urban and rural community service system in {YEAR}" in text
    assert "Simulated demo data — not for release" in text
    goals = next(v for k, v in blocks(doc) if k == "table")
    for row, ind in zip(goals[1:], QUANTIFIED):
        province = api[(ind.id, "province")]["210000"]
        assert row[1] == ind.name["en"]
        assert row[3] == value(ind, province["value"], "province", "en")
        assert row[4] == status_label(province["status"], "en", ind)
    assert not re.search(r"[\u4e00-\u9fff]", "".join(goals[0]))  # headings in English


# ---------------------------------------------------------------------- honesty, offline, errors

def header_texts(doc):
    section = doc.sections[0]
    return [h.paragraphs[0].text for h in (section.header, section.even_page_header)]


def test_demo_data_carry_the_red_warning_on_the_first_page_and_every_header(doc):
    first = doc.paragraphs[0]
    assert first.text == "模拟演示数据，不得对外印发"
    assert all(str(r.font.color.rgb) == "C00000" for r in first.runs)
    assert header_texts(doc) == ["模拟演示数据，不得对外印发"] * 2
    assert all(str(r.font.color.rgb) == "C00000" for h in (doc.sections[0].header,) for r in h.paragraphs[0].runs)
    assert doc.sections[0].different_first_page_header_footer is False  # the first page has the header too


@pytest.fixture(scope="module")
def real_store():
    """Only real reports: one county's communities, reported for 2011 and 2014."""
    store = stores.new_store("circular-real")
    store.create_schema()
    units = [("210102U1", "urban", "210102"), ("210102U2", "urban", "210102")]
    records = [unit_year(u, y, has_facility=(y == 2014 or u.endswith("1")), households=500, residents=1500,
                         facility_area_m2=450.0, party_members=10, party_member_volunteers=8 + (y == 2014))
               for u, _, _ in units for y in (2011, 2014)]
    store.commit_batch(**batch(units, records))
    return store


def test_only_real_reports_carry_no_warning(real_store):
    assert not real_store.simulated_part()
    doc = Document(io.BytesIO(circular.build(real_store, 2014, "zh")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "模拟" not in text and "不得对外印发" not in text
    assert header_texts(doc) == ["", ""]
    # its own numbers: the one county's facilities, 2 of 2 in 2014
    content = circular.circular_content(real_store, 2014, "zh")
    goal = next(g for g in content.goals if g.indicator.id == "urban_facility_coverage")
    assert goal.value == 1.0 and goal.status == "achieved"


def test_a_real_year_on_a_simulated_baseline_still_warns(real_store):
    """The status rests on 2011: with 2011 simulated, a real 2014 is not enough."""
    class Part:
        by_year = {2011: (100, 100), 2014: (0, 100)}
    store = type("S", (), {"simulated_part": lambda self: Part()})()
    assert circular.rests_on_simulated(store, {2011, 2014})
    assert not circular.rests_on_simulated(store, {2014})


def test_no_request_to_another_host_while_built(demo_store, monkeypatch):
    asked = refuse_other_hosts(monkeypatch)
    body = circular.build(demo_store, 2013, "en")
    assert asked == []
    package = zipfile.ZipFile(io.BytesIO(body))
    for name in package.namelist():
        if name.endswith(".rels"):
            assert 'TargetMode="External"' not in package.read(name).decode(), name


@pytest.mark.parametrize("query,name", [("year=1999", "year"), ("year=abc", "year"), ("lang=fr", "lang"),
                                        ("year=%C2%B2%E2%81%B0%C2%B9%E2%81%B4", "year")])
def test_bad_parameters_get_a_400_in_both_languages(client, query, name):
    response = client.get(f"/download/circular.docx?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == name and "无效" in body["error"]["zh"] and "not valid" in body["error"]["en"]


def test_the_second_request_is_kept(client, docx_zh):
    """The same circular of the same data is served from the document cache, byte for byte."""
    assert fetch(client) == docx_zh


