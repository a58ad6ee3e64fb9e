"""Reading an uploaded report: XLSX (any sheets, in any order) or CSV (one file per sheet),
into raw rows with their spreadsheet row numbers. Problems with the file itself (empty, too
big, not a spreadsheet, an old .xls, password-protected, a zip bomb, XML declaring entities,
formulas without values) are raised or noted here, before any cell is read."""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field

import olefile
from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from data.importer.fields import MAX_BYTES, SHEETS, Field, SheetSpec
from data.importer.package import SheetScan, open_package
from data.importer.problems import FileProblem, Problem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: an old .xls, or an encrypted workbook
ZIP_MAGIC = b"PK\x03\x04"
HEADER_ROWS_SEARCHED = 10
# A province-year's village sheet is 11,500 rows x 28 columns (0.3 million cells). calamine holds
# a sheet as a rectangle from A1 to its farthest cell, so a used range beyond these (a stray cell
# far from the data, or a file made to exhaust memory) is refused before calamine reads it.
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 60
MAX_SHEET_CELLS = 5_000_000


@dataclass
class RawSheet:
    spec: SheetSpec
    name: str                          # as the file names it (sheet or file name)
    columns: dict[str, int]            # field key -> column index
    rows: list[tuple[int, list]]       # (row number in the file, cells)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    unknown: list[tuple[int, str, int]] = field(default_factory=list)  # (column, header, header row) not read


@dataclass
class Header:
    columns: dict[str, int]   # field key -> column index
    rows: list[int]           # indices of the header rows
    start: int                # index of the first data row


def _label(text) -> str:
    """A header as compared: NFKC, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def _loose(text) -> str:
    """A header without its unit in brackets: 户数（户） -> 户数."""
    return re.sub(r"\(.*?\)", "", _label(text))


def comparable(text) -> str:
    """A header as compared with another: NFKC, no spaces, lower case, no unit in brackets."""
    return _loose(text)


def _labels(spec: SheetSpec) -> dict[str, Field]:
    out = {}
    for f in spec.fields:
        for text in (f.zh, f.en):
            out[_label(text)] = f
            out.setdefault(_loose(text), f)
    return out


def find_header(spec: SheetSpec, rows: list[list]) -> Header | None:
    """The header if `rows` begin with this sheet's headers. Headers may take several rows
    (Chinese, English, merged cells); at least two must match in a header row."""
    labels = _labels(spec)
    columns: dict[str, int] = {}
    header_rows = []
    for r, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        found = {}
        for c, cell in enumerate(row):
            f = labels.get(_label(cell)) or labels.get(_loose(cell))
            if f is not None:
                found[f.key] = c
        if len(found) >= 2:
            for key, c in found.items():
                columns.setdefault(key, c)
            header_rows.append(r)
    if not header_rows:
        return None
    return Header(columns, header_rows, header_rows[-1] + 1)


def best_spec(rows: list[list], name: str) -> tuple[SheetSpec, Header] | None:
    """Which report a sheet is: the one whose headers it matches most (the urban and village
    sheets share most columns), the sheet's name deciding a tie."""
    scored = []
    for spec in SHEETS:
        found = find_header(spec, rows)
        if found is not None:
            named = _label(spec.zh) in _label(name) or _label(spec.en) in _label(name)
            scored.append((len(found.columns), named, spec, found))
    if not scored:
        return None
    _, _, spec, found = max(scored, key=lambda s: (s[0], s[1]))
    return spec, found


def read_upload(content: bytes, file_name: str) -> list[RawSheet]:
    """The sheets of one uploaded file. Raises FileProblem for a file that cannot be read."""
    if len(content) == 0:
        raise FileProblem("import.file_empty", file=file_name)
    if len(content) > MAX_BYTES:
        # Rounded up: a file just over the limit is not reported as "20.0 MB, over 20 MB".
        raise FileProblem("import.file_too_big", file=file_name,
                          size=f"{math.ceil(len(content) / 1024 / 1024 * 10) / 10:.1f}")
    lower = file_name.lower()
    if content.startswith(OLE_MAGIC):
        raise FileProblem(_ole_problem(content, lower), file=file_name)
    if lower.endswith((".xlsx", ".xlsm")):
        if not content.startswith(ZIP_MAGIC):
            raise FileProblem("import.file_not_xlsx", file=file_name)
        return _read_xlsx(content, file_name)
    if content.startswith(ZIP_MAGIC):
        # A workbook under another name is read; any other zip (.docx, .zip) is not a type taken.
        try:
            return _read_xlsx(content, file_name)
        except FileProblem as err:
            if err.problem.key != "import.file_not_xlsx":
                raise  # a zip bomb or XML entities are said as such, whatever the name
            raise FileProblem("import.file_type", file=file_name) from err
    if lower.endswith((".csv", ".txt")):
        return [_read_csv(content, file_name)]
    raise FileProblem("import.file_type", file=file_name)


def _ole_problem(content: bytes, lower_name: str) -> str:
    """What an OLE compound file is: Excel writes an encrypted .xlsx as one holding an
    EncryptionInfo stream, and an old .xls (BIFF) as one holding a Workbook (or, before
    Excel 97, Book) stream; anything else in it is no workbook."""
    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            if ole.exists("EncryptionInfo"):
                return "import.file_protected"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "import.file_xls"
            return "import.file_type"
    except Exception:  # not readable as OLE: judged by its name, as before
        return "import.file_protected" if lower_name.endswith((".xlsx", ".xlsm")) else "import.file_xls"


def _cell_ref(ref: str) -> tuple[int | None, int]:
    """"E3" -> (3, 4): the row as the spreadsheet shows it and the 0-based column index."""
    found = re.fullmatch(r"([A-Z]+)(\d+)", ref or "")
    if not found:
        return None, -1
    return int(found.group(2)), column_index_from_string(found.group(1)) - 1


def _read_xlsx(content: bytes, file_name: str) -> list[RawSheet]:
    # The package is checked (sizes, no XML declarations) and its formulas and error cells
    # found before calamine reads a byte of it.
    package = open_package(content, file_name)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = list(book.sheet_names)
    except Exception as err:  # calamine raises its own errors (XmlError, ZipError...) for a damaged file
        raise FileProblem("import.file_not_xlsx", file=file_name) from err
    sheets = []
    for name in names:
        part = package.sheet_parts.get(name, "")
        if part.startswith("xl/chartsheets/"):
            continue
        scan = package.scans.get(part, SheetScan())
        if scan.max_row > MAX_SHEET_ROWS or scan.max_column > MAX_SHEET_COLUMNS:
            raise FileProblem("import.sheet_too_large", file=file_name, sheet_name=name,
                              rows=f"{max(scan.max_row, 1):,}", columns=get_column_letter(max(scan.max_column, 1)),
                              max_rows=f"{MAX_SHEET_ROWS:,}", max_columns=get_column_letter(MAX_SHEET_COLUMNS))
        rows = _sheet_rows(book, name, file_name)
        best = best_spec(rows, name)
        if best is None:
            continue
        spec, header = best
        # calamine reads an error cell as blank: the error is put back, for the check to name.
        for ref, error in scan.errors:
            row, col = _cell_ref(ref)
            if row is not None and row <= len(rows) and 0 <= col < len(rows[row - 1]):
                rows[row - 1][col] = error
        sheet = RawSheet(spec=spec, name=name, columns=header.columns,
                         rows=[(i + 1, row) for i, row in enumerate(rows) if i >= header.start],
                         unknown=_unknown_columns(rows, header))
        # Each formula without a saved result is named by its row and column.
        field_at = {c: key for key, c in header.columns.items()}
        for ref, formula in scan.uncached:
            row, col = _cell_ref(ref)
            column = field_at.get(col) or (get_column_letter(col + 1) if col >= 0 else None)
            sheet.problems.append(Problem("import.formula_cell_no_value", sheet=name, row=row, column=column,
                                          value=formula or None))
        if not scan.uncached and scan.formulas:
            sheet.notes.append(Problem("import.formula_values_read", sheet=name, count=scan.formulas))
        sheets.append(sheet)
    return sheets


def _sheet_rows(book, name: str, file_name: str) -> list[list]:
    """The sheet's cells from A1, refused if its used range is absurd (one stray cell far
    away would make a sheet of billions of cells) or calamine cannot read it."""
    try:
        sheet = book.get_sheet_by_name(name)
        end = sheet.end
        if end is not None:
            rows, columns = end[0] + 1, end[1] + 1
            if rows * columns > MAX_SHEET_CELLS:
                raise FileProblem("import.sheet_too_large", file=file_name, sheet_name=name, rows=f"{rows:,}",
                                  columns=get_column_letter(columns), max_rows=f"{MAX_SHEET_ROWS:,}",
                                  max_columns=get_column_letter(MAX_SHEET_COLUMNS))
        return sheet.to_python(skip_empty_area=False)
    except FileProblem:
        raise
    except Exception as err:  # XmlError and the like: the sheet's XML is damaged
        raise FileProblem("import.sheet_unreadable", file=file_name, sheet_name=name) from err


def _unknown_columns(rows: list[list], header: Header) -> list[tuple[int, str, int]]:
    """(column index, its header, the header's row) of each column under the headers that is
    not one of the report's, with something written in it below the headers."""
    known = set(header.columns.values())
    out = []
    width = max((len(r) for r in rows[header.start:]), default=0)
    for c in range(width):
        if c in known:
            continue
        if not any(c < len(r) and _filled(r[c]) for r in rows[header.start:]):
            continue
        texts = [str(rows[r][c]).strip() for r in header.rows if c < len(rows[r]) and _filled(rows[r][c])]
        out.append((c, " / ".join(dict.fromkeys(texts)), header.rows[-1] + 1))
    return out


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _read_csv(content: bytes, file_name: str) -> RawSheet:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK unless told otherwise
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileProblem("import.file_encoding", file=file_name)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise FileProblem("import.file_empty", file=file_name)
    best = best_spec(rows, file_name)
    if best is None:
        raise FileProblem("import.file_no_header", file=file_name)
    spec, header = best
    return RawSheet(spec=spec, name=file_name, columns=header.columns,
                    rows=[(i + 1, row) for i, row in enumerate(rows) if i >= header.start],
                    unknown=_unknown_columns(rows, header))
