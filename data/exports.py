"""Downloads: CSV (UTF-8 with a byte-order mark, for Excel) and XLSX with a header block; and
the one formula-safe cell writer that every workbook the dashboard writes goes through (these
downloads, the blank and the filled report template).

Both are safe against formula injection as OWASP recommends: a text cell that begins with
=, +, -, @, a tab or a carriage return is prefixed with a single quote, so a spreadsheet
shows it as text and never evaluates it; in a workbook every text cell is also stored as text,
never as a formula or an error value. Numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# The number formats of a sheet's columns, as a spreadsheet writes them.
RATE_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"


def neutralise(value):
    """A cell value as it may be written: text that a spreadsheet would run is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def safe_cell(ws, value, *, number_format: str | None = None, font: Font | None = None,
              fill: PatternFill | None = None, alignment: Alignment | None = None):
    """A cell for `ws.append`: the value neutralised; text stored as text (openpyxl would
    store "=x" as a formula and "#N/A" as an error); styles as given. Works for normal and
    write-only worksheets alike."""
    value = neutralise(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif number_format and value is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell


def safe_row(ws, values, **style) -> list:
    """A row of safe_cell()s, each with the same style."""
    return [safe_cell(ws, v, **style) for v in values]


def safe_values(ws, values) -> list:
    """A row for `ws.append` without styles, as safe as safe_row() and cheaper for long
    tables: values neutralised, and a text cell made only for text that openpyxl would
    still take for an error value ("#N/A"); everything else is appended as it is."""
    out = []
    for value in values:
        value = neutralise(value)
        out.append(safe_cell(ws, value) if isinstance(value, str) and value in ERROR_CODES else value)
    return out


@dataclass
class Column:
    field: str
    heading: str              # in the reader's language
    number_format: str | None = None  # for XLSX: "0.0%" shows a fraction as a percentage


@dataclass
class Sheet:
    """One table to download, with what a reader needs to know above it."""
    title: str                      # sheet name and file stem
    columns: list[Column]
    rows: pd.DataFrame
    header: list[tuple[str, str]]   # (label, value) lines of the header block, in order

    def plain_rows(self) -> pd.DataFrame:
        """The columns shown, in order, as Python objects with None where a value is missing."""
        frame = self.rows[[c.field for c in self.columns]]
        return frame.astype(object).where(frame.notna(), None)


def _cells(sheet: Sheet) -> list[list]:
    return [[neutralise(v) for v in row] for row in sheet.plain_rows().values.tolist()]


def to_csv(sheet: Sheet) -> bytes:
    """The table alone (a CSV has no room for a header block), UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c.heading) for c in sheet.columns])
    writer.writerows(_cells(sheet))
    return (BOM + out.getvalue()).encode("utf-8")


def to_xlsx(sheet: Sheet) -> bytes:
    """A workbook: the header block (indicator, target, clause, source, date, simulated),
    a blank row, then the table with a bold, frozen heading row."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.title[:31]
    bold = Font(bold=True)
    for label, value in sheet.header:
        ws.append([safe_cell(ws, label, font=bold), safe_cell(ws, value, alignment=Alignment(wrap_text=False))])
    ws.append([])
    ws.append(safe_row(ws, [c.heading for c in sheet.columns], font=bold,
                       fill=PatternFill("solid", fgColor="DCE3EA")))
    head_row = len(sheet.header) + 2
    formats = [c.number_format for c in sheet.columns]
    for row in sheet.plain_rows().values.tolist():
        ws.append([safe_cell(ws, value, number_format=f) for value, f in zip(row, formats)])
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    for col, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(48, len(column.heading) * 2 + 4))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def today() -> str:
    return date.today().isoformat()
