"""The report template (XLSX): an instructions sheet in both languages, then the urban
communities, the villages and the county summary, each with a Chinese header row (with
units) and an English one, and drop-down lists for the county, yes/no and election cells.

template(year) is blank; template(year, store) is the same template filled with the data the
dashboard shows for that year (an export that imports back unchanged). Every cell goes
through data.exports' formula-safe writer: a unit named "=..." is written as text, quoted.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from data.divisions import COUNTY_CODES, division
from data.exports import safe_cell, safe_values
from data.importer.fields import BOOL, COUNTY, ELECTION, PERCENT, SHEETS, YEAR, SheetSpec
from data.importer.parse import ELECTIONS, WRITTEN_BOOL, WRITTEN_ELECTION  # noqa: F401  (the words the reader accepts)
from data.importer.read import MAX_BYTES
from data.progress import missing

LIST_SHEET = "lists"
FIRST_DATA_ROW = 3
LAST_VALIDATED_ROW = 20000  # drop-downs cover this many rows (a province-year has ~16,000 units)

INSTRUCTIONS = [
    ("辽宁省城乡社区服务体系建设统计报表模板（{year} 年）",
     "Liaoning community service system: report template ({year})"),
    ("", ""),
    ("填写说明", "How to fill it in"),
    ("1. 本工作簿有三张报表：城市社区、村（农村社区）、县级汇总。每个社区或村填一行，每个县（市、区）在县级汇总中填一行。",
     "1. Three reports: urban communities, villages, county summary. One row per community or village; one "
     "row per county in the summary."),
    ("2. 第 1 行为中文表头（括号内为单位），第 2 行为英文表头，请勿修改或删除；从第 3 行起填写数据。",
     "2. Row 1 holds the Chinese headers (units in brackets), row 2 the English ones; keep both. Data starts "
     "on row 3."),
    ("3. “县（市、区）”请从下拉列表中选择，写作“市名+县名”，如“沈阳市铁西区”。已撤销的县名或代码（如辽中县、210122）"
     "会按区划调整自动归入现行区县，并给出说明。",
     "3. Choose the county from the drop-down, written city + county (沈阳市铁西区). A former name or code "
     "(辽中县, 210122) is mapped to today's county, with a note."),
    ("4. 编号：导出的数据带有社区、村的编号，请保留；新增的社区或村编号留空，系统会自动编号。",
     "4. Ids: exported data carries each unit's id; keep it. Leave the id blank for a new community or "
     "village and one is assigned."),
    ("5. 空白表示“未填报”；0 表示数量为零；“—”或“-”表示“不适用”。必填列不能空白，也不能填“—”。",
     "5. A blank cell means “not reported”; 0 means zero; “—” or “-” means “not applicable”. Required "
     "columns can be neither blank nor “—”."),
    ("6. 数字可带千位分隔符（1,234），全角数字（１２３）按半角读取。人数、个数须为非负整数。",
     "6. Numbers may have thousands separators (1,234); full-width digits (１２３) are read as ordinary ones. "
     "Counts are whole numbers, never negative."),
    ("7. 比例可写作 85%、85 或 0.85：带 % 号或大于 1 的数按百分数读取，否则按小数读取。只有人数空缺时才使用比例列，"
     "人数按“比例 × 总数”四舍五入计算。",
     "7. A share may be written 85%, 85 or 0.85: with a % sign or above 1 it is read as per cent, otherwise "
     "as a fraction. A share column is used only when the count is blank; the count is share × total, "
     "rounded."),
    ("8. 是/否列可填：是、否（也接受 有/无、Y/N、1/0、√/×）。选举方式填：直接、间接。",
     "8. Yes/no columns: 是 or 否 (有/无, Y/N, yes/no, 1/0, √/× are accepted too). Election: 直接 (direct) "
     "or 间接 (indirect)."),
    ("9. 部分数不能大于总数：参与志愿服务的党员 ≤ 党员；参与志愿服务的居民、注册志愿者 ≤ 居民；签订协议的驻区单位 ≤ 驻区单位；"
     "受训人员 ≤ 服务人员。有服务设施的须填面积。",
     "9. A part never exceeds its whole: volunteering party members ≤ party members; volunteering residents "
     "and registered volunteers ≤ residents; units with an agreement ≤ resident units; staff trained ≤ "
     "staff. A unit with a facility gives its area."),
    ("10. “合计”“总计”“小计”“其中”等行（包括在第一列写“合计”并横向合并的）会被识别并跳过，不必删除。公式单元格读取 Excel "
     "保存的计算结果；显示 #DIV/0!、#N/A 等错误值的单元格会报错，请修正公式。",
     "10. Rows of totals (合计, 总计, 小计, 其中; also 合计 in the first column, merged across) are recognised and "
     "skipped. For formula cells the result Excel saved is read; a cell showing an error value (#DIV/0!, #N/A) "
     "is an error: correct the formula."),
    ("11. 一次导入即为该县（市、区）该年度的完整报表：导入后，文件中出现的每个县本年度的数据整体替换为文件中的数据，"
     "原数据保留在历史中，可随时恢复（撤销本次导入）。",
     "11. An import is the whole report of each county it names for that year: those county-years are "
     "replaced by the file as a whole; what was shown before stays in the history and returns if the "
     "import is reverted."),
    (f"12. 上传 .xlsx 工作簿（一次一个）或 .csv 文件（每张报表一个，UTF-8 或 GBK 编码），单个文件不超过 "
     f"{MAX_BYTES // 1024 // 1024} MB。",
     f"12. Upload the .xlsx workbook, or .csv files (one per report, UTF-8 or GBK), each at most "
     f"{MAX_BYTES // 1024 // 1024} MB."),
    ("13. 有服务设施的，面积须大于 0。各项数字有合理上限（如户数不超过 80,000），超过时报错并写明上限。请不要增加或改名列："
     "模板中没有的列会被列出，确认忽略后才能导入。",
     "13. A facility's area is above 0. Every number has a plausible bound (households at most 80,000, say); "
     "beyond it is an error that names the bound. Do not add or rename columns: a column the template does "
     "not have is listed, and the import waits until you confirm it is to be ignored."),
]

_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
_BOOL_WORDS = WRITTEN_BOOL
_ELECTION_WORDS = WRITTEN_ELECTION


def county_label(code: str) -> str:
    """How the template writes a county: with its city, unambiguous (沈阳市铁西区)."""
    return division(code).full_name


def template(year: int, store=None) -> bytes:
    """The template for `year` as XLSX bytes; filled with the data shown if a store is given."""
    book = Workbook(write_only=True)
    _instructions(book.create_sheet("说明 Instructions"), year)
    frames = _export_frames(store, year) if store is not None else {}
    for spec in SHEETS:
        _data_sheet(book.create_sheet(spec.title), spec, year, frames.get(spec.key))
    lists = book.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"
    for i, code in enumerate(COUNTY_CODES):
        lists.append(safe_values(lists, [county_label(code), _BOOL_WORDS[i] if i < 2 else None,
                                         _ELECTION_WORDS[i] if i < 2 else None]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _instructions(ws, year: int) -> None:
    ws.column_dimensions["A"].width = 100
    ws.column_dimensions["B"].width = 100
    for i, (zh, en) in enumerate(INSTRUCTIONS):
        font = Font(bold=True, size=14 if i == 0 else 12) if i in (0, 2) else None
        ws.append([safe_cell(ws, text.format(year=year) or None, font=font,
                             alignment=Alignment(wrap_text=True, vertical="top")) for text in (zh, en)])


def _data_sheet(ws, spec: SheetSpec, year: int, frame: pd.DataFrame | None) -> None:
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    for c, f in enumerate(spec.fields, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(10, min(28, len(f.zh) * 2 + 2))
    for row_of in ("zh", "en"):
        ws.append([safe_cell(ws, getattr(f, row_of), font=Font(bold=row_of == "zh"),
                             alignment=Alignment(wrap_text=True, vertical="center"),
                             fill=_REQUIRED_FILL if f.required else _HEADER_FILL) for f in spec.fields])
    last = LAST_VALIDATED_ROW
    for c, f in enumerate(spec.fields, start=1):
        col = get_column_letter(c)
        rng = f"{col}{FIRST_DATA_ROW}:{col}{last}"
        if f.kind == COUNTY:
            dv = DataValidation(type="list", formula1=f"{LIST_SHEET}!$A$1:$A${len(COUNTY_CODES)}",
                                allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                errorTitle="县（市、区） County", error="请从列表中选择。Choose from the list.")
        elif f.kind == BOOL:
            dv = DataValidation(type="list", formula1=f"{LIST_SHEET}!$B$1:$B$2", allow_blank=True)
        elif f.kind == ELECTION:
            dv = DataValidation(type="list", formula1=f"{LIST_SHEET}!$C$1:$C$2", allow_blank=True)
        elif f.kind == YEAR:
            dv = DataValidation(type="whole", operator="equal", formula1=str(year), allow_blank=True,
                                showErrorMessage=True, errorStyle="warning", errorTitle="年份 Year",
                                error=f"本模板为 {year} 年。This template is for {year}.")
        else:
            continue
        dv.add(rng)
        ws.data_validations.append(dv)
    if frame is not None:
        for row in frame.itertuples(index=False):
            ws.append(safe_values(ws, [None if missing(v) else v for v in row]))


def _word(value, words) -> str | None:
    if missing(value):
        return None
    return words[0] if bool(value) else words[1]


def _export_frames(store, year: int) -> dict[str, pd.DataFrame]:
    """The data shown for `year`, one frame per sheet, in the template's columns and words."""
    shown = store.shown_unit_records(year, COUNTY_CODES).sort_values(["county_code", "kind", "unit_id"])
    sources = {"urban": shown[shown["kind"] == "urban"], "rural": shown[shown["kind"] == "rural"],
               "county": store.shown_county_records(year).sort_values("county_code")}
    labels = {code: county_label(code) for code in COUNTY_CODES}
    return {spec.key: _sheet_frame(spec, sources[spec.key], year, labels) for spec in SHEETS}


def _sheet_frame(spec: SheetSpec, part: pd.DataFrame, year: int, labels: dict[str, str]) -> pd.DataFrame:
    columns = {}
    for f in spec.fields:
        if f.key == "year":
            columns[f.key] = [year] * len(part)
        elif f.key == "county":
            columns[f.key] = part["county_code"].map(labels).tolist()
        elif f.key == "unit_id":
            columns[f.key] = part["unit_id"].tolist()
        elif f.kind == BOOL:
            columns[f.key] = [_word(v, _BOOL_WORDS) for v in part[f.key]]
        elif f.kind == ELECTION:
            columns[f.key] = part[f.key].map(dict(zip(("direct", "indirect"), WRITTEN_ELECTION))).tolist()
        elif f.kind == PERCENT:
            columns[f.key] = [None] * len(part)  # the counts are exported; shares only fill gaps
        else:
            columns[f.key] = [_plain(v) for v in part[f.key]]
    return pd.DataFrame(columns)


def _plain(value):
    """A number as Excel should hold it: whole numbers as int, no NaN."""
    if missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):
        return _plain(value.item())
    return value
