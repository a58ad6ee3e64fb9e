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
from data.importer.fields import (BOOL, COUNTY, ELECTION, INSTRUCTIONS, PERCENT, SHEETS, TEMPLATE_TEXT, YEAR,
                                  SheetSpec)
from data.importer.parse import ELECTIONS, WRITTEN_BOOL, WRITTEN_ELECTION  # noqa: F401  (the words the reader accepts)
from data.progress import missing

LIST_SHEET = "lists"
FIRST_DATA_ROW = 3
LAST_VALIDATED_ROW = 20000  # drop-downs cover this many rows (a province-year has ~16,000 units)


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
    _instructions(book.create_sheet(TEMPLATE_TEXT["instructions_sheet"]), year)
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
                                errorTitle=TEMPLATE_TEXT["county_title"], error=TEMPLATE_TEXT["county_error"])
        elif f.kind == BOOL:
            dv = DataValidation(type="list", formula1=f"{LIST_SHEET}!$B$1:$B$2", allow_blank=True)
        elif f.kind == ELECTION:
            dv = DataValidation(type="list", formula1=f"{LIST_SHEET}!$C$1:$C$2", allow_blank=True)
        elif f.kind == YEAR:
            dv = DataValidation(type="whole", operator="equal", formula1=str(year), allow_blank=True,
                                showErrorMessage=True, errorStyle="warning", errorTitle=TEMPLATE_TEXT["year_title"],
                                error=TEMPLATE_TEXT["year_error"].format(year=year))
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
