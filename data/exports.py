"""Downloads: CSV (UTF-8 with a byte-order mark, for Excel) and XLSX with a header block.

Both are safe against formula injection as OWASP recommends: a text cell that begins with
=, +, -, @, a tab or a carriage return is prefixed with a single quote, so a spreadsheet
shows it as text and never evaluates it. Numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value):
    """A cell value as it may be written: text that a spreadsheet would run is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


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
        ws.append([neutralise(label), neutralise(value)])
        ws.cell(row=ws.max_row, column=1).font = bold
        ws.cell(row=ws.max_row, column=2).alignment = Alignment(wrap_text=False)
    ws.append([])
    ws.append([neutralise(c.heading) for c in sheet.columns])
    head_row = ws.max_row
    for col in range(1, len(sheet.columns) + 1):
        cell = ws.cell(row=head_row, column=col)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DCE3EA")
    for row in _cells(sheet):
        ws.append(row)
        for col, (value, column) in enumerate(zip(row, sheet.columns), start=1):
            cell = ws.cell(row=ws.max_row, column=col)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            elif column.number_format and value is not None:
                cell.number_format = column.number_format
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    for col, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(48, len(column.heading) * 2 + 4))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def today() -> str:
    return date.today().isoformat()
