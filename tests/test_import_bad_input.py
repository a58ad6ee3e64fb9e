"""Bad input to the importer: every case is refused as a whole, with a message in both
languages that says where (the sheet, the row as the spreadsheet shows it, the column's
header; or the file, for a file that cannot be read) and what was found, and the store is
left exactly as it was. Then the messy input counties really send that must be accepted.

Each case goes through import_files(), the path the data page and the command line take
(check, then commit if there are no errors), not through check() alone.

The store here is the demo store cut down to five counties (沈阳市铁西区, 沈阳市和平区,
鞍山市铁西区, 沈阳市辽中区, 大连市长海县), built once: the same tables, code paths and
demo records, but small enough that its content digest takes milliseconds, so every case
can compare the whole store before and after.
"""
from __future__ import annotations

import csv
import functools
import io
import struct
import zipfile
from dataclasses import dataclass, field

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from data import demo
from data.i18n import t
from data.importer import check, headers, import_files
from data.importer.fields import COUNTY_SHEET, RURAL, URBAN, SheetSpec
from data.importer.read import MAX_BYTES, OLE_MAGIC
from data.importer.template import county_label, template
from data.store import Store
from tests import stores

YEAR = 2014
COUNTIES = ("210106", "210102", "210303", "210115", "210224")
TIEXI, HEPING, ANSHAN_TIEXI, LIAOZHONG, CHANGHAI = COUNTIES
H = headers()
COL = {spec.key: {f.key: i + 1 for i, f in enumerate(spec.fields)} for spec in (URBAN, RURAL, COUNTY_SHEET)}


def build_small_demo(store: Store) -> Store:
    """The demo batch (data.demo, as Store.ensure_ready writes it) for five counties only."""
    store.create_schema()
    data = demo.generate(demo.SEED)
    units = data.units[data.units["county_code"].isin(COUNTIES)]
    store.commit_batch(
        kind="demo", is_simulated=True, dedupe_key=f"demo:{demo.SEED}",
        source=f"模拟演示数据 Simulated demonstration data (data.demo, seed {demo.SEED}), five counties",
        units=units, unit_years=data.unit_years[data.unit_years["unit_id"].isin(units["id"])],
        county_years=data.county_years[data.county_years["county_code"].isin(COUNTIES)],
        province_years=data.province_years)
    return store


def small_demo() -> stores.Template:
    """The small demo store, built once per session, to copy from."""
    return stores.template("small_demo", build_small_demo)


@pytest.fixture(scope="module")
def store():
    """The store the bad cases go to: nothing may ever be written to it."""
    return small_demo().copy("import_bad")


@pytest.fixture(scope="module")
def export(store) -> bytes:
    """What the counties start from: the template filled with the data shown for the year."""
    return template(YEAR, store)


@pytest.fixture
def fresh_store():
    """A store of its own, for a test that commits."""
    return small_demo().copy("import_fresh")


# ---------------------------------------------------------------- building files

@functools.lru_cache(maxsize=4)
def _sheets(content: bytes) -> tuple[tuple[str, tuple[tuple, ...]], ...]:
    """A workbook's sheets as rows of values (read once; each Book edits its own copy)."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return tuple((name, tuple(tuple(None if v == "" else _whole(v) for v in row)
                              for row in book.get_sheet_by_name(name).to_python()))
                 for name in book.sheet_names)


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


class Sheet:
    """A sheet's cells as lists, addressed as the spreadsheet shows them (row 1, column 1)."""

    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    @property
    def max_row(self) -> int:
        return len(self.rows)

    def get(self, row: int, col: int):
        cells = self.rows[row - 1]
        return cells[col - 1] if col <= len(cells) else None

    def set(self, row: int, col: int, value) -> None:
        cells = self.rows[row - 1]
        cells.extend([None] * (col - len(cells)))
        cells[col - 1] = value

    def append(self, values) -> None:
        self.rows.append(list(values))

    def delete_rows(self, row: int) -> None:
        del self.rows[row - 1]

    def delete_cols(self, col: int) -> None:
        for cells in self.rows:
            del cells[col - 1:col]


class Book:
    """A workbook being edited (the export, at first): cells addressed by sheet, spreadsheet
    row and field key; written back as .xlsx by openpyxl, like the template."""

    def __init__(self, content: bytes):
        self.sheets = {name: Sheet(rows) for name, rows in _sheets(content)}

    def ws(self, spec: SheetSpec) -> Sheet:
        return self.sheets[spec.title]

    def row_of(self, spec: SheetSpec, county: str, nth: int = 0) -> int:
        """The spreadsheet row of the county's nth row in the sheet."""
        label = county_label(county)
        rows = [i + 1 for i, cells in enumerate(self.ws(spec).rows) if i >= 2 and cells[1] == label]
        return rows[nth]

    def get(self, spec: SheetSpec, row: int, key: str):
        return self.ws(spec).get(row, COL[spec.key][key])

    def set(self, spec: SheetSpec, row: int, key: str, value) -> None:
        self.ws(spec).set(row, COL[spec.key][key], value)

    def records(self, spec: SheetSpec, county: str | None = None) -> list[dict]:
        out = []
        for values in self.ws(spec).rows[2:]:
            record = dict(zip((f.key for f in spec.fields), values))
            if county is None or record["county"] == county_label(county):
                out.append(record)
        return out

    def content(self) -> bytes:
        wb = openpyxl.Workbook(write_only=True)
        for name, sheet in self.sheets.items():
            ws = wb.create_sheet(name)
            for cells in sheet.rows:
                ws.append(cells)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def csv_bytes(spec: SheetSpec, records: list[dict], encoding: str = "utf-8-sig", english: bool = True) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([f.zh for f in spec.fields])
    if english:
        w.writerow([f.en for f in spec.fields])
    for r in records:
        w.writerow(["" if r.get(f.key) is None else r[f.key] for f in spec.fields])
    return out.getvalue().encode(encoding)


def hand_book(spec: SheetSpec, records: list[dict], title: str = "Sheet1") -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append([f.zh for f in spec.fields])
    ws.append([f.en for f in spec.fields])
    for r in records:
        ws.append([r.get(f.key) for f in spec.fields])
    return wb


def book_bytes(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- what a case expects

@dataclass
class At:
    """A problem in a cell (or a sheet, without row and column)."""
    key: str
    sheet: str
    row: int | None = None
    column: str | None = None
    value: object = None
    zh: list[str] = field(default_factory=list)   # more that the Chinese message must say
    en: list[str] = field(default_factory=list)


@dataclass
class InFile:
    """A problem with a file as a whole: the message names the file."""
    key: str
    file: str
    zh: list[str] = field(default_factory=list)   # more that the Chinese message must say
    en: list[str] = field(default_factory=list)


def shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def assert_reported(report, expected, file: str | None = None) -> None:
    """The expected problem, in both languages; a cell's problem also names its `file`
    (unless the sheet is the file, as a CSV's is)."""
    assert not report.ok
    if isinstance(expected, InFile):
        found = [p for p in report.errors if p.key == expected.key]
        assert found, f"expected {expected.key}, got {report.errors}"
        for lang, extra in (("zh", expected.zh), ("en", expected.en)):
            text = found[0].message(lang)
            assert f"“{expected.file}”" in text, text
            for part in extra:
                assert part in text, (part, text)
        return
    found = [p for p in report.errors if (p.key, p.sheet, p.row, p.column) ==
             (expected.key, expected.sheet, expected.row, expected.column)]
    assert found, f"expected {expected.key} at {expected.sheet} row {expected.row} {expected.column}, " \
                  f"got {report.errors}"
    p = found[0]
    # The column is named by its header in that sheet (a village's name column is 村名称).
    spec = {s.title: s for s in (URBAN, RURAL, COUNTY_SHEET)}.get(expected.sheet)
    header = {f.key: {"zh": f.zh, "en": f.en} for f in spec.fields} if spec else H
    for lang, extra in (("zh", expected.zh), ("en", expected.en)):
        text = p.message(lang)
        assert t("import.where_sheet", lang, sheet=expected.sheet) in text, text
        if expected.row is not None:
            assert t("import.where_row", lang, row=expected.row) in text, text
        if expected.column is not None:
            assert t("import.where_column", lang, column=header[expected.column][lang]) in text, text
        if expected.value is not None:
            assert t("import.found", lang, value=shown(expected.value)) in text, text
        if file is not None and file != expected.sheet:
            assert t("import.where_file", lang, file=file) in text, text
        for part in extra:
            assert part in text, (part, text)


# ---------------------------------------------------------------- the cases
# Each takes the export (bytes) and returns (files, expected problem).

CASES = {}


def case(name):
    def register(fn):
        CASES[name] = fn
        return fn
    return register


def cell_case(spec: SheetSpec, key: str, value, problem: str, county: str = TIEXI, nth: int = 1,
              at: str | None = None, shown_value=None, **more):
    """One cell of the export changed to `value`; the problem is expected at that cell (or at
    column `at` of the same row)."""
    def build(export):
        b = Book(export)
        row = b.row_of(spec, county, nth)
        b.set(spec, row, key, value)
        expect = At(problem, spec.title, row, at or key, value if shown_value is None else shown_value, **more)
        return [("report.xlsx", b.content())], expect
    return build


U, R, C = URBAN, RURAL, COUNTY_SHEET
CASES.update({
    "unknown county": cell_case(U, "county", "沈阳市不存在区", "import.bad_county", zh=["不存在区"]),
    "county not in Liaoning": cell_case(U, "county", "火星县", "import.bad_county"),
    "ambiguous county 铁西区 without its city": cell_case(
        U, "county", "铁西区", "import.bad_county",
        zh=["沈阳市铁西区（210106）", "鞍山市铁西区（210303）"], en=["Shenyang (210106)", "Anshan (210303)"]),
    "text in a count": cell_case(U, "households", "很多", "import.bad_int"),
    "abc as an area": cell_case(U, "facility_area_m2", "abc", "import.bad_area"),
    "maybe as yes/no": cell_case(U, "broadband", "maybe", "import.bad_bool"),
    "unknown election word": cell_case(U, "election_type", "抽签", "import.bad_election"),
    "fractional count 12.5": cell_case(U, "staff", 12.5, "import.bad_int"),
    "fractional count as text 12.5": cell_case(R, "households", "12.5", "import.bad_int", county=LIAOZHONG),
    "percentage 150%": cell_case(U, "resident_volunteer_share", "150%", "import.bad_percent"),
    "percentage 150 (no sign)": cell_case(U, "party_volunteer_share", 150, "import.bad_percent"),
    "percent sign in a count": cell_case(U, "social_workers", "5%", "import.bad_int"),
    "negative count": cell_case(U, "households", -5, "import.negative"),
    "negative count as text": cell_case(R, "residents", "-12", "import.negative", county=LIAOZHONG),
    "negative outdoor square area": cell_case(R, "square_area_m2", -10, "import.negative", county=LIAOZHONG),
    "year outside 2011-2015": cell_case(U, "year", 2009, "import.year_range", zh=["2011", "2015"],
                                        en=["2011", "2015"]),
    "year other than the one chosen": cell_case(U, "year", 2013, "import.year_mismatch", zh=["2014"], en=["2014"]),
    "year in words": cell_case(U, "year", "二〇一四年", "import.bad_year"),
    "required cell blank": cell_case(U, "households", None, "import.required_blank"),
    "required name blank": cell_case(R, "name", None, "import.required_blank", county=CHANGHAI),
    "required cell —": cell_case(U, "residents", "—", "import.required_na"),
    "required yes/no -": cell_case(R, "has_facility", "-", "import.required_na", county=CHANGHAI),
    "unknown id": cell_case(U, "unit_id", "210106U9999", "import.unknown_id"),
    "county summary: maybe as yes/no": cell_case(C, "info_platform", "maybe", "import.bad_bool", nth=0),
    "county summary: required blank": cell_case(C, "unified_hotline", None, "import.required_blank", nth=0),
    "county summary: negative count": cell_case(C, "rural_centers_built", -1, "import.negative", nth=0),
    "county summary: unknown county": cell_case(C, "county", "沈阳市大东区区区", "import.bad_county", nth=0),
})


@case("id of another county")
def _(export):
    b = Book(export)
    heping = b.row_of(U, HEPING, 0)
    other = b.get(U, heping, "unit_id")
    b.ws(U).delete_rows(heping)  # the unit is left out of the file, its id given to a unit of 铁西区
    row = b.row_of(U, TIEXI, 1)
    b.set(U, row, "unit_id", other)
    return [("report.xlsx", b.content())], At("import.id_other_county", U.title, row, "unit_id", other,
                                               zh=["沈阳市和平区"], en=["Heping"])


@case("village id on the urban sheet")
def _(export):
    b = Book(export)
    village = b.get(R, b.row_of(R, TIEXI, 0), "unit_id")
    row = b.row_of(U, TIEXI, 1)
    b.set(U, row, "unit_id", village)
    return [("report.xlsx", b.content())], At("import.bad_id", U.title, row, "unit_id", village)


def part_case(part: str, whole: str, county: str = TIEXI, spec: SheetSpec = URBAN, whole_value=None):
    """The part above its whole by 7 (the whole as exported, or `whole_value`)."""
    def build(export):
        b = Book(export)
        row = next(r for r in (b.row_of(spec, county, i) for i in range(20)) if b.get(spec, r, whole))
        if whole_value is not None:
            b.set(spec, row, whole, whole_value)
        total = b.get(spec, row, whole)
        b.set(spec, row, part, total + 7)
        return [("report.xlsx", b.content())], At(
            "import.part_above_whole", spec.title, row, part, f"{total + 7} > {total}",
            zh=[H[whole]["zh"]], en=[H[whole]["en"]])
    return build


CASES.update({
    "party volunteers above party members": part_case("party_member_volunteers", "party_members"),
    "staff trained above staff": part_case("staff_trained", "staff"),
    "units with an agreement above resident units": part_case("co_building_units", "resident_units"),
    "registered volunteers above residents": part_case("registered_volunteers", "residents"),
    "volunteering residents above residents (villages)": part_case("resident_volunteers", "residents",
                                                                   LIAOZHONG, RURAL),
    # A slip of the keyboard (8485 typed 8485000): the numbers are shown as written, not 8.485e+06.
    "registered volunteers above residents, in millions": part_case("registered_volunteers", "residents",
                                                                    whole_value=8485000),
})


@case("facility 是 with a blank area")
def _(export):
    b = Book(export)
    row = b.row_of(U, TIEXI, 2)
    b.set(U, row, "has_facility", "是")
    b.set(U, row, "facility_area_m2", None)
    return [("report.xlsx", b.content())], At("import.area_missing", U.title, row, "facility_area_m2")


@case("the same unit twice (county and name)")
def _(export):
    b = Book(export)
    first, second = b.row_of(U, TIEXI, 0), b.row_of(U, TIEXI, 3)
    name = b.get(U, first, "name")
    b.set(U, second, "name", name)
    b.set(U, second, "unit_id", None)
    return [("report.xlsx", b.content())], At("import.duplicate", U.title, second, "name", name,
                                               zh=[f"第 {first} 行"], en=[f"row {first}"])


@case("the same id twice")
def _(export):
    b = Book(export)
    first, second = b.row_of(R, LIAOZHONG, 0), b.row_of(R, LIAOZHONG, 4)
    unit_id = b.get(R, first, "unit_id")
    b.set(R, second, "unit_id", unit_id)
    return [("report.xlsx", b.content())], At("import.duplicate_id", R.title, second, "unit_id", unit_id)


@case("the same county twice in the summary")
def _(export):
    b = Book(export)
    ws = b.ws(C)
    first = b.row_of(C, CHANGHAI)
    ws.append(ws.rows[first - 1])
    return [("report.xlsx", b.content())], At("import.duplicate", C.title, ws.max_row, "county",
                                               county_label(CHANGHAI))


@case("formula without a saved value in a required column")
def _(export):
    # openpyxl writes a formula with no cached result, as a program that never ran Excel does.
    b = Book(export)
    row = b.row_of(U, HEPING, 0)
    b.set(U, row, "households", "=1000+200")
    return [("report.xlsx", b.content())], At("import.formula_cell_no_value", U.title, row, "households", "=1000+200")


@case("formula without a saved value in an optional column")
def _(export):
    b = Book(export)
    row = b.row_of(R, CHANGHAI, 2)
    b.set(R, row, "social_workers", "=SUM(1,2)")
    return [("report.xlsx", b.content())], At("import.formula_cell_no_value", R.title, row, "social_workers",
                                               "=SUM(1,2)")


@case("missing required columns")
def _(export):
    b = Book(export)
    ws = b.ws(U)
    ws.delete_cols(COL["urban"]["residents"])
    ws.delete_cols(COL["urban"]["households"])
    return [("report.xlsx", b.content())], At(
        "import.missing_columns", U.title,
        zh=[H["households"]["zh"], H["residents"]["zh"]], en=[H["households"]["en"], H["residents"]["en"]])


@case("headers but no rows (the blank template)")
def _(export):
    return [("blank.xlsx", template(YEAR))], At("import.no_rows", ", ".join(s.title for s in (U, R, C)))


@case("only total rows under the headers")
def _(export):
    wb = hand_book(URBAN, [{"county": "合计", "households": 12000, "residents": 30000}], title=U.title)
    return [("totals.xlsx", book_bytes(wb))], At("import.no_rows", U.title)


@case("the same report twice in one workbook")
def _(export):
    b = Book(export)
    b.sheets["城市社区（二）"] = Sheet(b.ws(U).rows)
    return [("report.xlsx", b.content())], At("import.sheet_twice", "城市社区（二）", zh=[U.title], en=[U.title])


@case("the same report twice: two urban CSV files")
def _(export):
    b = Book(export)
    one = csv_bytes(URBAN, b.records(URBAN, TIEXI))
    two = csv_bytes(URBAN, b.records(URBAN, HEPING))
    return [("tiexi-urban.csv", one), ("heping-urban.csv", two)], At(
        "import.sheet_twice", "heping-urban.csv", zh=["tiexi-urban.csv"], en=["tiexi-urban.csv"])


@case("CSV: text in a count, row as the spreadsheet shows it")
def _(export):
    records = Book(export).records(RURAL, LIAOZHONG)[:5]
    records[2]["households"] = "abc"  # header rows 1-2, so the third record is row 5
    return [("villages.csv", csv_bytes(RURAL, records))], At("import.bad_int", "villages.csv", 5, "households",
                                                              "abc")


@case("GBK CSV with a Chinese header only: unknown county")
def _(export):
    records = Book(export).records(URBAN, HEPING)[:4]
    records[3]["county"] = "沈阳市平和区"
    content = csv_bytes(URBAN, records, encoding="gbk", english=False)
    return [("urban-gbk.csv", content)], At("import.bad_county", "urban-gbk.csv", 5, "county", "沈阳市平和区")


@case("title row and a blank first column: rows as shown")
def _(export):
    records = Book(export).records(URBAN, TIEXI)[:3]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["辽宁省城市社区服务体系建设统计表（2014 年）"])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append([None] + [f.zh for f in URBAN.fields])
    ws.append([None] + [f.en for f in URBAN.fields])
    for r in records:
        ws.append([None] + [r[f.key] for f in URBAN.fields])
    ws.cell(7, 1 + COL["urban"]["households"]).value = "两千"   # the third data row is row 7
    return [("titled.xlsx", book_bytes(wb))], At("import.bad_int", "Sheet", 7, "households", "两千")


@case("merged group header above the headers: rows as shown")
def _(export):
    records = Book(export).records(URBAN, TIEXI)[:3]
    wb = merged_header_book(records)
    wb.active.cell(5, COL["urban"]["broadband"]).value = "也许"
    return [("merged.xlsx", book_bytes(wb))], At("import.bad_bool", "Sheet", 5, "broadband", "也许")


def merged_header_book(records: list[dict]) -> openpyxl.Workbook:
    """Row 1: group titles in merged cells; row 2: Chinese headers; row 3: English; data from 4."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(1, 1).value = "基本情况 Basic facts"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=COL["urban"]["households"])
    ws.cell(1, COL["urban"]["residents"]).value = "设施与服务 Facilities and services"
    ws.merge_cells(start_row=1, start_column=COL["urban"]["residents"], end_row=1, end_column=len(URBAN.fields))
    for c, f in enumerate(URBAN.fields, start=1):
        ws.cell(2, c).value = f.zh
        ws.cell(3, c).value = f.en
    for i, r in enumerate(records):
        for c, f in enumerate(URBAN.fields, start=1):
            ws.cell(4 + i, c).value = r[f.key]
    return wb


# File-level: the file cannot be read at all.

def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


def encrypted_xlsx() -> bytes:
    """A real password-protected workbook: Excel (and msoffcrypto) writes an encrypted .xlsx
    as an OLE compound file holding the encrypted package, not as a zip."""
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(template(YEAR))).encrypt("密码 password", out)
    return out.getvalue()


CASES.update({
    "empty file (0 bytes)": lambda e: ([("report.xlsx", b"")], InFile("import.file_empty", "report.xlsx")),
    "empty CSV (0 bytes)": lambda e: ([("urban.csv", b"")], InFile("import.file_empty", "urban.csv")),
    "CSV of blank lines": lambda e: ([("urban.csv", b",,,\r\n\r\n , ,\r\n")], InFile("import.file_empty", "urban.csv")),
    "a PDF": lambda e: ([("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")],
                        InFile("import.file_type", "report.pdf")),
    "a Word document (.docx)": lambda e: ([("report.docx", docx())], InFile("import.file_type", "report.docx")),
    "a .txt of prose": lambda e: ([("report.txt", "今年我县社区服务工作取得了很大成绩。\n".encode())],
                                  InFile("import.file_no_header", "report.txt")),
    "no extension": lambda e: ([("report", b"some bytes")], InFile("import.file_type", "report")),
    # Over the limit: the size is checked before anything is read, so zeros after a zip
    # signature do (no real 20 MB workbook is needed).
    "over 20 MB": lambda e: ([("big.xlsx", b"PK\x03\x04" + bytes(MAX_BYTES))],
                             InFile("import.file_too_big", "big.xlsx")),
    # Excel saves an encrypted .xlsx as an OLE compound file (the old binary container), so
    # the OLE signature under an .xlsx name means a password.
    "password-protected (OLE signature)": lambda e: ([("locked.xlsx", OLE_MAGIC + bytes(4096))],
                                                     InFile("import.file_protected", "locked.xlsx")),
    "password-protected (really encrypted)": lambda e: ([("locked.xlsx", encrypted_xlsx())],
                                                        InFile("import.file_protected", "locked.xlsx")),
    "old Excel .xls": lambda e: ([("report.xls", OLE_MAGIC + bytes(4096))], InFile("import.file_xls", "report.xls")),
    "renamed text file (.xlsx, not a zip)": lambda e: ([("report.xlsx", "名称,户数\n".encode())],
                                                       InFile("import.file_not_xlsx", "report.xlsx")),
    "damaged zip named .xlsx": lambda e: ([("report.xlsx", e[: len(e) // 2])],
                                          InFile("import.file_not_xlsx", "report.xlsx")),
    "a zip that is no workbook, named .xlsx": lambda e: ([("report.xlsx", docx())],
                                                         InFile("import.file_not_xlsx", "report.xlsx")),
    # UTF-16 (Excel's "Unicode text"): 0xFF 0xFE is invalid in both UTF-8 and GB18030.
    "CSV in an unknown encoding (UTF-16)": lambda e: (
        [("urban.csv", csv_bytes(URBAN, [], encoding="utf-16"))], InFile("import.file_encoding", "urban.csv")),
    "CSV with no recognisable header": lambda e: (
        [("urban.csv", "名称,数量\n光明社区,12\n".encode())], InFile("import.file_no_header", "urban.csv")),
    "workbook with no recognisable sheet": lambda e: (
        [("notes.xlsx", book_bytes(openpyxl.Workbook()))], InFile("import.no_sheets", "notes.xlsx")),
})


# Excel error values: a broken formula in the county's own workbook is an error naming the cell,
# never "not reported". openpyxl writes these strings as real error cells (t="e"), as Excel does.
def error_case(spec: SheetSpec, key: str, error: str, county: str = TIEXI, nth: int = 1):
    return cell_case(spec, key, error, "import.error_value", county=county, nth=nth,
                     zh=[f"单元格显示 {error}，请修正公式"], en=[f"the cell shows {error}: correct the formula"])


CASES.update({
    "#DIV/0! in a required count": error_case(U, "households", "#DIV/0!"),
    "#N/A in an optional count": error_case(U, "social_workers", "#N/A"),
    "#REF! in a required name (not called blank)": error_case(R, "name", "#REF!", county=CHANGHAI),
    "#VALUE! in an area": error_case(R, "facility_area_m2", "#VALUE!", county=LIAOZHONG),
    "#NAME? in a yes/no": error_case(U, "broadband", "#NAME?"),
    "#NUM! in a share": error_case(U, "resident_volunteer_share", "#NUM!"),
    "#NULL! in the county summary": error_case(C, "rural_centers_built", "#NULL!", county=CHANGHAI, nth=0),
})


@case("a formula whose saved result is #DIV/0!")
def _(export):
    b = Book(export)
    row = b.row_of(U, HEPING, 1)
    col = openpyxl.utils.get_column_letter(COL["urban"]["staff_trained"])
    b.set(U, row, "staff_trained", "=A1/0")
    # openpyxl writes the empty result as <v /> (the standard library's XML) or <v></v> (lxml's).
    saved = f'<c r="{col}{row}" t="e"><f>A1/0</f><v>#DIV/0!</v></c>'.encode()
    content = with_part(b.content(), "xl/worksheets/sheet2.xml", lambda xml: xml.replace(
        f'<c r="{col}{row}"><f>A1/0</f><v /></c>'.encode(), saved).replace(
        f'<c r="{col}{row}"><f>A1/0</f><v></v></c>'.encode(), saved))
    return [("report.xlsx", content)], At("import.error_value", U.title, row, "staff_trained", "#DIV/0!",
                                          zh=["单元格显示 #DIV/0!，请修正公式"], en=["the cell shows #DIV/0!"])


@case("CSV saved by Excel with #N/A in a count")
def _(export):
    records = Book(export).records(RURAL, LIAOZHONG)[:4]
    records[1]["households"] = "#N/A"
    return [("villages.csv", csv_bytes(RURAL, records))], At("import.error_value", "villages.csv", 4, "households",
                                                              "#N/A", zh=["单元格显示 #N/A，请修正公式"])


# Plausible bounds (data.importer.fields.BOUNDS): beyond one is an error that names it.
def bound_case(spec: SheetSpec, key: str, value, bound: str, county: str = TIEXI, nth: int = 1, shown_value=None):
    return cell_case(spec, key, value, "import.above_bound", county=county, nth=nth, shown_value=shown_value,
                     zh=[f"超过合理上限 {bound}"], en=[f"over the plausible limit of {bound}"])


CASES.update({
    "10^20 households (stored as a float before)": bound_case(U, "households", 10 ** 20, "80,000",
                                                              shown_value="100000000000000000000"),
    "10^20 households written as text": bound_case(U, "households", "1e20", "80,000",
                                                   shown_value="100000000000000000000"),
    "residents in the millions": bound_case(R, "residents", 3_000_000, "200,000", county=LIAOZHONG),
    "a facility of 5 hectares": bound_case(U, "facility_area_m2", 60_000, "50,000"),
    "5,000 staff in one community": bound_case(U, "staff", 5_000, "2,000"),
    "county summary: 90,000 centres built": bound_case(C, "rural_centers_built", 90_000, "2,000", county=CHANGHAI,
                                                       nth=0),
})


@case("facility 是 with an area of 0")
def _(export):
    b = Book(export)
    row = b.row_of(U, TIEXI, 2)
    b.set(U, row, "has_facility", "是")
    b.set(U, row, "facility_area_m2", 0)
    return [("report.xlsx", b.content())], At("import.area_zero", U.title, row, "facility_area_m2", 0,
                                               zh=["面积为 0"], en=["its area is 0"])


@case("village facility 有 with an area of 0.0 as text")
def _(export):
    b = Book(export)
    row = b.row_of(R, LIAOZHONG, 1)
    b.set(R, row, "has_facility", "有")
    b.set(R, row, "facility_area_m2", "0.0")
    return [("report.xlsx", b.content())], At("import.area_zero", R.title, row, "facility_area_m2", 0)


# Old and locked workbooks: an OLE compound file is told apart by its streams.
BIFF8_BOF = struct.pack("<HHHH", 0x0809, 8, 0x0600, 0x0005) + bytes(4)


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding up to three streams,
    each padded to at least 4,096 bytes so that none lives in the mini stream: what an old
    .xls (a Workbook stream) or, with an EncryptionInfo stream, a locked .xlsx looks like."""
    sector, free, end, fat_sect, none = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    assert len(names) <= 3
    bodies = [streams[n].ljust(max(4096, -(-len(streams[n]) // sector) * sector), b"\0") for n in names]
    fat = [fat_sect, end]  # sector 0 is the FAT, sector 1 the directory
    starts = []
    for body in bodies:
        starts.append(len(fat))
        count = len(body) // sector
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    fat_sector = struct.pack(f"<{sector // 4}I", *(fat + [free] * (sector // 4 - len(fat))))

    def entry(name, kind, child=none, right=none, start=end, size=0):
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, none, right, child)
                + bytes(20) + bytes(16) + struct.pack("<III", start, size, 0))

    entries = [entry("Root Entry", 5, child=1 if names else none)]
    for i, (name, body) in enumerate(zip(names, bodies)):  # a chain of right siblings
        entries.append(entry(name, 2, right=i + 2 if i + 1 < len(names) else none, start=starts[i], size=len(body)))
    entries += [bytes(128)] * (4 - len(entries))
    header = (OLE_MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0) + struct.pack("<109I", *([0] + [free] * 108)))
    return header + fat_sector + b"".join(entries) + b"".join(bodies)


SAVE_AS = {"zh": ["在 Excel 中另存为 .xlsx"], "en": ["Save it as .xlsx in Excel"]}
CASES.update({
    "old .xls renamed to .xlsx (BIFF8 Workbook stream)": lambda e: (
        [("report.xlsx", ole_file({"Workbook": BIFF8_BOF}))], InFile("import.file_xls", "report.xlsx", **SAVE_AS)),
    "Excel 5 .xls renamed to .xlsx (Book stream)": lambda e: (
        [("report.xlsx", ole_file({"Book": BIFF8_BOF, "SummaryInformation": b"x"}))],
        InFile("import.file_xls", "report.xlsx", **SAVE_AS)),
    "a real .xls under its own name": lambda e: (
        [("report.xls", ole_file({"Workbook": BIFF8_BOF}))], InFile("import.file_xls", "report.xls", **SAVE_AS)),
    "an OLE file with an EncryptionInfo stream": lambda e: (
        [("locked.xlsx", ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"x"}))],
        InFile("import.file_protected", "locked.xlsx")),
    "a Word 97 document renamed to .xlsx": lambda e: (
        [("report.xlsx", ole_file({"WordDocument": b"x"}))], InFile("import.file_type", "report.xlsx")),
})


# Hostile and damaged XML inside a workbook: refused before calamine reads it.
def with_part(content: bytes, part: str, edit) -> bytes:
    """The workbook with one part's bytes changed by `edit`."""
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            z.writestr(item, edit(body) if item.filename == part else body)
    return out.getvalue()


def with_doctype(declaration: bytes, use: bytes = b""):
    """An edit putting a DOCTYPE after the XML declaration (or first), and `use` in place of
    the first inline string's text."""
    def edit(xml: bytes) -> bytes:
        if xml.startswith(b"<?xml"):
            end = xml.index(b"?>") + 2
            xml = xml[:end] + declaration + xml[end:]
        else:
            xml = declaration + xml
        return xml.replace(b"<t>", b"<t>" + use, 1) if use else xml
    return edit


LAUGHS = (b'<!DOCTYPE worksheet [<!ENTITY lol "lol">' +
          b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                   for i in range(1, 10)) + b"]>")
XXE = b'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
ENTITIES = {"zh": ["<!DOCTYPE 或 <!ENTITY", "另存为新的 .xlsx"], "en": ["<!DOCTYPE or <!ENTITY", "save it as a new .xlsx"]}


def _hostile(part: str, declaration: bytes, use: bytes = b""):
    def build(export):
        content = with_part(Book(export).content(), part, with_doctype(declaration, use))
        return [("report.xlsx", content)], InFile("import.file_xml_entities", "report.xlsx",
                                                  zh=ENTITIES["zh"] + [part], en=ENTITIES["en"] + [part])
    return build


CASES.update({
    "billion laughs in a sheet's XML": _hostile("xl/worksheets/sheet2.xml", LAUGHS, b"&lol9;"),
    "external entity in a sheet's XML": _hostile("xl/worksheets/sheet3.xml", XXE, b"&secret;"),
    "entity declared, never used, in a sheet": _hostile("xl/worksheets/sheet4.xml", b'<!DOCTYPE x [<!ENTITY a "b">]>'),
    "DOCTYPE in the workbook part": _hostile("xl/workbook.xml", b"<!DOCTYPE workbook>"),
    "entity in the styles, lower case": _hostile("xl/styles.xml", b'<!doctype x [<!entity a "b">]>'),
    "DOCTYPE in a UTF-16 sheet": lambda e: ([("report.xlsx", with_part(
        Book(e).content(), "xl/worksheets/sheet2.xml",
        lambda xml: ("\ufeff" + XXE.decode() + xml.decode()).encode("utf-16-le")))],
        InFile("import.file_xml_entities", "report.xlsx")),
})


@case("a sheet whose XML is damaged (undeclared entity)")
def _(export):
    content = with_part(Book(export).content(), "xl/worksheets/sheet2.xml",
                        lambda xml: xml.replace(b"<t>", b"<t>&nbsp;", 1))
    return [("report.xlsx", content)], InFile("import.sheet_unreadable", "report.xlsx", zh=[U.title], en=[U.title])


@case("one stray cell at XFD1048576 (a sheet of 17 billion cells)")
def _(export):
    content = with_part(Book(export).content(), "xl/worksheets/sheet2.xml", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'))
    return [("report.xlsx", content)], InFile("import.sheet_too_large", "report.xlsx",
                                              zh=["第 1,048,576 行或第 XFD 列"], en=["row 1,048,576 or column XFD"])


@case("a stray cell in column ZZ, its reference spelt with a line break")
def _(export):
    content = with_part(Book(export).content(), "xl/worksheets/sheet3.xml", lambda xml: xml.replace(
        b"</sheetData>", b"<row r='9'><c\nr = 'ZZ9' t=\"n\"><v>1</v></c></row></sheetData>"))
    return [("report.xlsx", content)], InFile("import.sheet_too_large", "report.xlsx", zh=["第 ZZ 列"], en=["column ZZ"])


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.slow
def test_bad_input_is_refused_located_and_writes_nothing(name, store, export):
    files, expected = CASES[name](export)
    before = store.content_digest()
    report, batch = import_files(store, files, YEAR, by="test")
    assert batch is None
    assert_reported(report, expected, file=files[0][0] if len(files) == 1 else None)
    assert store.content_digest() == before


def test_there_are_at_least_30_bad_input_cases():
    assert len(CASES) >= 30


def test_the_export_itself_imports_cleanly(store, export):
    """The cases above break a file that is otherwise good: each error is the one made."""
    report = check([("report.xlsx", export)], YEAR, store)
    assert report.ok, report.errors
    assert report.changes == [] and report.new_units == []


def test_every_problem_of_a_bad_file_is_listed_not_just_the_first(store, export):
    b = Book(export)
    rows = [b.row_of(U, TIEXI, i) for i in range(3)]
    for row in rows:
        b.set(U, row, "households", "很多")
    report, _ = import_files(store, [("r.xlsx", b.content())], YEAR, by="test")
    assert sorted(p.row for p in report.errors if p.key == "import.bad_int") == rows


def test_a_bad_cell_is_reported_once(store, export):
    """An unreadable area is not also "a facility without its area"; a formula without a value
    is not also "a required cell left blank"."""
    b = Book(export)
    area_row, formula_row = b.row_of(U, TIEXI, 0), b.row_of(U, TIEXI, 1)
    b.set(U, area_row, "has_facility", "是")
    b.set(U, area_row, "facility_area_m2", "abc")
    b.set(U, formula_row, "households", "=A1*2")
    report, _ = import_files(store, [("r.xlsx", b.content())], YEAR, by="test")
    assert sorted((p.row, p.key) for p in report.errors) == [(area_row, "import.bad_area"),
                                                              (formula_row, "import.formula_cell_no_value")]


# ---------------------------------------------------------------- messy but acceptable

def ok_report(store, files):
    report = check(files, YEAR, store)
    assert report.ok, [p.message("en") for p in report.errors]
    return report


def unit_value(report, unit_id, key):
    value = report.unit_years.set_index("unit_id").loc[unit_id, key]
    return None if value is None or value != value else value


def test_a_share_as_85_percent_85_or_085_gives_the_same_count(store, export):
    b = Book(export)
    rows = [b.row_of(U, TIEXI, i) for i in range(3)]
    for row, share in zip(rows, ("85%", 85, 0.85)):
        b.set(U, row, "residents", 1000)
        b.set(U, row, "resident_volunteers", None)
        b.set(U, row, "registered_volunteers", 10)
        b.set(U, row, "resident_volunteer_share", share)
    report = ok_report(store, [("r.xlsx", b.content())])
    ids = [b.get(U, row, "unit_id") for row in rows]
    assert [unit_value(report, i, "resident_volunteers") for i in ids] == [850, 850, 850]
    assert any(p.key == "import.share_used" and p.params["count"] == 3 for p in report.notes)


def test_full_width_digits_and_thousands_separators(store, export):
    b = Book(export)
    rows = [b.row_of(R, LIAOZHONG, i) for i in range(4)]
    for row, text in zip(rows, ("１２３", "1,234", "1，234", "１，２３４")):
        b.set(R, row, "households", text)
    report = ok_report(store, [("r.xlsx", b.content())])
    assert [unit_value(report, b.get(R, row, "unit_id"), "households") for row in rows] == [123, 1234, 1234, 1234]


@pytest.mark.slow
def test_blank_zero_and_not_applicable_are_told_apart(store, export, fresh_store):
    b = Book(export)
    rows = [b.row_of(U, HEPING, i) for i in range(3)]
    for row, value in zip(rows, (None, 0, "—")):
        b.set(U, row, "social_workers", value)
    ids = [b.get(U, row, "unit_id") for row in rows]
    report = ok_report(store, [("r.xlsx", b.content())])
    assert [unit_value(report, i, "social_workers") for i in ids] == [None, 0, None]
    # ... and so they are stored: the committed records hold NULL, 0, NULL.
    report, batch = import_files(fresh_store, [("r.xlsx", b.content())], YEAR, by="test")
    assert batch is not None
    stored = fresh_store.unit_records(HEPING, YEAR).set_index("unit_id")["social_workers"]
    assert stored[ids[0]] != stored[ids[0]] and stored[ids[1]] == 0 and stored[ids[2]] != stored[ids[2]]
    # In a required column "—" is an error, not a blank.
    b.set(U, rows[0], "households", "—")
    report = check([("r.xlsx", b.content())], YEAR, store)
    assert [p.key for p in report.errors] == ["import.required_na"]


def test_total_rows_are_skipped_with_a_note_naming_the_row(store, export):
    b = Book(export)
    ws = b.ws(U)
    n_before = len(b.records(U))
    ws.append([YEAR, "合计", None, None, 99999, 999999])
    ws.append([YEAR, county_label(TIEXI), None, "其中：新建社区", 10, 20])
    ws.append([YEAR, "总　计", None, None, 99999, 999999])  # spaced out with an ideographic space
    last = ws.max_row
    report = ok_report(store, [("r.xlsx", b.content())])
    notes = {(p.row, p.column): p for p in report.notes if p.key == "import.total_row"}
    assert set(notes) == {(last - 2, "county"), (last - 1, "name"), (last, "county")}
    assert t("import.where_row", "zh", row=last - 1) in notes[(last - 1, "name")].message("zh")
    assert "其中：新建社区" in notes[(last - 1, "name")].message("en")
    assert report.rows["urban"] == n_before
    assert report.new_units == []


def test_merged_group_header_and_headers_after_a_title_row(store, export):
    records = Book(export).records(URBAN, TIEXI)
    report = ok_report(store, [("merged.xlsx", book_bytes(merged_header_book(records)))])
    assert report.rows["urban"] == len(records) and report.changes == []
    # Chinese headers in cells merged over two rows, the English ones below them.
    wb = openpyxl.Workbook()
    ws = wb.active
    for c, f in enumerate(URBAN.fields, start=1):
        ws.cell(1, c).value = f.zh
        ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
        ws.cell(3, c).value = f.en
    for i, r in enumerate(records):
        for c, f in enumerate(URBAN.fields, start=1):
            ws.cell(4 + i, c).value = r[f.key]
    report = ok_report(store, [("merged2.xlsx", book_bytes(wb))])
    assert report.rows["urban"] == len(records) and report.changes == []


def test_trailing_blank_rows_and_blank_columns_are_ignored(store, export):
    records = Book(export).records(RURAL, LIAOZHONG)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f.zh for f in RURAL.fields] + [None, "备注", None])
    ws.append([f.en for f in RURAL.fields])
    for r in records:
        ws.append([r[f.key] for f in RURAL.fields] + [None, " ", None])
    for _ in range(5):
        ws.append([" "] * (len(RURAL.fields) + 3))
    report = ok_report(store, [("villages.xlsx", book_bytes(wb))])
    assert report.rows["rural"] == len(records)
    assert report.changes == [] and report.new_units == []


def test_former_county_name_and_code_map_to_todays_county_with_a_note(store, export):
    b = Book(export)
    by_name, by_code = b.row_of(U, LIAOZHONG, 0), b.row_of(U, LIAOZHONG, 1)
    b.set(U, by_name, "county", "辽中县")
    b.set(U, by_code, "county", 210122)
    report = ok_report(store, [("r.xlsx", b.content())])
    notes = {p.row: p for p in report.notes if p.key == "import.crosswalk"}
    assert set(notes) == {by_name, by_code}
    assert "沈阳市辽中区" in notes[by_name].message("zh") or "辽中区（210115）" in notes[by_name].message("zh")
    assert "Liaozhong District" in notes[by_code].message("en")
    mapped = report.units.set_index("id").loc[[b.get(U, by_name, "unit_id"), b.get(U, by_code, "unit_id")]]
    assert set(mapped["county_code"]) == {LIAOZHONG}
    assert report.changes == [] and report.new_units == []


def test_gbk_csv_is_read(store, export):
    records = Book(export).records(URBAN, HEPING)
    content = csv_bytes(URBAN, records, encoding="gbk", english=False)
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    report = ok_report(store, [("和平区城市社区.csv", content)])
    assert report.rows == {"urban": len(records)}
    assert report.changes == [] and report.new_units == []


def with_cached_values(content: bytes, values: dict[str, object]) -> bytes:
    """The workbook with a saved result written into formula cells, as Excel leaves them."""
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                xml = body.decode()
                for ref, value in values.items():
                    marker = f'<c r="{ref}">'
                    if marker in xml:
                        head, tail = xml.split(marker, 1)
                        cell, rest = tail.split("</c>", 1)
                        assert "<v" in cell, cell
                        cell = cell.replace("<v />", f"<v>{value}</v>").replace("<v></v>", f"<v>{value}</v>")
                        xml = head + marker + cell + "</c>" + rest
                body = xml.encode()
            z.writestr(item, body)
    return out.getvalue()


def test_formulas_with_saved_results_are_read(store, export):
    from openpyxl.utils import get_column_letter
    records = Book(export).records(URBAN, TIEXI)[:3]
    wb = hand_book(URBAN, records)
    col = get_column_letter(COL["urban"]["households"])
    wb.active[f"{col}3"] = "=1000+234"
    wb.active[f"{col}4"] = "=SUM(600,7)"
    content = with_cached_values(book_bytes(wb), {f"{col}3": 1234, f"{col}4": 607})
    report = ok_report(store, [("f.xlsx", content)])
    assert [unit_value(report, r["unit_id"], "households") for r in records[:2]] == [1234, 607]
    assert any(p.key == "import.formula_values_read" and p.params["count"] == 2 for p in report.notes)


def test_total_row_typed_in_the_first_column_and_merged_is_skipped_with_a_note(store, export):
    """The usual layout: 合计 in column A (the year's), merged across A:D, sums to its right."""
    records = Book(export).records(URBAN, TIEXI)
    wb = hand_book(URBAN, records, title=U.title)
    ws = wb.active
    for label in ("合计", "小　计", "总计"):
        ws.append([label, None, None, None, 99999, 999999])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    last = ws.max_row
    report = ok_report(store, [("merged-totals.xlsx", book_bytes(wb))])
    notes = {p.row: p for p in report.notes if p.key == "import.total_row"}
    assert set(notes) == {last - 2, last - 1, last}
    assert all(p.column == "year" for p in notes.values())
    assert t("import.where_row", "zh", row=last) in notes[last].message("zh") and "总计" in notes[last].message("en")
    assert report.rows["urban"] == len(records) and report.changes == []


def renamed_column_book(export, header: str, key: str = "social_workers") -> tuple[bytes, int]:
    """The export with one optional column's headers renamed (both rows): (file, its column)."""
    b = Book(export)
    col = COL["urban"][key]
    b.ws(U).set(1, col, header)
    b.ws(U).set(2, col, header)
    return b.content(), col


def test_an_unknown_column_is_a_warning_with_the_closest_headers_and_holds_the_import(store, export):
    content, col = renamed_column_book(export, "社工（人）")
    before = store.content_digest()
    report, batch = import_files(store, [("renamed.xlsx", content)], YEAR, by="test")
    assert report.ok and batch is None and store.content_digest() == before
    [warning] = [p for p in report.warnings if p.key == "import.unknown_column"]
    assert report.held == [warning]
    assert (warning.sheet, warning.row, warning.column) == (U.title, 2, "社工（人）")
    zh, en = warning.message("zh"), warning.message("en")
    letter = openpyxl.utils.get_column_letter(col)
    assert "“社工（人）”列" in zh and f"{letter} 列" in zh and f"“{H['social_workers']['zh']}”" in zh, zh
    assert "column “社工（人）”" in en and f"column {letter} in Excel" in en and H["social_workers"]["en"] in en, en
    assert t("import.where_file", "en", file="renamed.xlsx") in en
    # The rendered report (the command line's) says why nothing was written.
    assert "社工（人）" in report.render_text("zh")


def test_an_unknown_column_goes_in_once_accepted_without_its_data(export, fresh_store):
    content, _ = renamed_column_book(export, "社工（人）")
    report, batch = import_files(fresh_store, [("renamed.xlsx", content)], YEAR, by="test",
                                 accept_unknown_columns=True)
    assert batch is not None
    urban = set(report.units.loc[report.units["kind"] == "urban", "id"])
    values = report.unit_years.set_index("unit_id")["social_workers"]
    assert values[values.index.isin(urban)].isna().all()  # what was not recognised is not read
    assert values[~values.index.isin(urban)].notna().any()
    with pytest.raises(ValueError):
        from data.importer import commit
        commit(fresh_store, check([("renamed.xlsx", content)], YEAR, fresh_store), by="test")


def test_an_unknown_column_with_nothing_close_says_so_and_an_empty_one_is_ignored(store, export):
    b = Book(export)
    ws = b.ws(U)
    width = len(URBAN.fields)
    ws.set(1, width + 1, "备注")
    ws.set(1, width + 2, "空列")
    ws.set(3, width + 1, "新建")
    report = check([("r.xlsx", b.content())], YEAR, store)
    assert report.ok and [p.column for p in report.held] == ["备注"]
    assert t("import.no_close", "zh") in report.held[0].message("zh")
    assert "No template column is close" in report.held[0].message("en")


def test_a_renamed_required_column_is_still_an_error(store, export):
    content, _ = renamed_column_book(export, "住户数", key="households")
    report = check([("r.xlsx", content)], YEAR, store)
    assert [p.key for p in report.errors] == ["import.missing_columns"]
    assert any(p.column == "住户数" for p in report.warnings)


def test_counts_are_stored_as_integers_never_floats(export, fresh_store):
    report, batch = import_files(fresh_store, [("r.xlsx", export)], YEAR, by="test")
    assert batch is not None
    for frame, columns in ((report.unit_years, ("households", "residents", "staff")),
                           (report.county_years, ("rural_centers_built", "urban_stations_built"))):
        for column in columns:
            values = frame[column].dropna()
            assert len(values) and all(type(v) is int for v in values), column


def test_every_count_and_area_has_a_plausible_bound_with_its_reason_in_both_languages():
    from data.importer.fields import AREA, BOUNDS, INT
    numeric = {f.key for spec in (URBAN, RURAL, COUNTY_SHEET) for f in spec.fields if f.kind in (INT, AREA)}
    assert numeric == set(BOUNDS)
    for key, bound in BOUNDS.items():
        assert bound.most > 0 and bound.why_zh and bound.why_en, key
