"""Reading an uploaded report: XLSX (any sheets, in any order) or CSV (one file per sheet),
into raw rows with their spreadsheet row numbers. Problems with the file itself (empty, too
big, not a spreadsheet, password-protected, formulas without values) are raised or noted
here, before any cell is read."""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from data.importer.fields import SHEETS, Field, SheetSpec
from data.importer.problems import FileProblem, Problem

MAX_BYTES = 20 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted (password) workbooks, and old .xls
ZIP_MAGIC = b"PK\x03\x04"
HEADER_ROWS_SEARCHED = 10


@dataclass
class RawSheet:
    spec: SheetSpec
    name: str                          # as the file names it (sheet or file name)
    columns: dict[str, int]            # field key -> column index
    rows: list[tuple[int, list]]       # (row number in the file, cells)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def _label(text) -> str:
    """A header as compared: NFKC, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def _loose(text) -> str:
    """A header without its unit in brackets: 户数（户） -> 户数."""
    return re.sub(r"\(.*?\)", "", _label(text))


def _labels(spec: SheetSpec) -> dict[str, Field]:
    out = {}
    for f in spec.fields:
        for text in (f.zh, f.en):
            out[_label(text)] = f
            out.setdefault(_loose(text), f)
    return out


def find_header(spec: SheetSpec, rows: list[list]) -> tuple[dict[str, int], int] | None:
    """(field -> column, index of the first data row) if `rows` begin with this sheet's headers.
    Headers may take several rows (Chinese, English, merged cells); at least two must match."""
    labels = _labels(spec)
    columns: dict[str, int] = {}
    last_header = None
    for r, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        found = {}
        for c, cell in enumerate(row):
            f = labels.get(_label(cell)) or labels.get(_loose(cell))
            if f is not None:
                found[f.key] = c
        if len(found) >= 2:
            for key, c in found.items():
                columns.setdefault(key, c)
            last_header = r
    if last_header is None:
        return None
    return columns, last_header + 1


def best_spec(rows: list[list], name: str) -> tuple[SheetSpec, tuple[dict[str, int], int]] | None:
    """Which report a sheet is: the one whose headers it matches most (the urban and village
    sheets share most columns), the sheet's name deciding a tie."""
    scored = []
    for spec in SHEETS:
        found = find_header(spec, rows)
        if found is not None:
            named = _label(spec.zh) in _label(name) or _label(spec.en) in _label(name)
            scored.append((len(found[0]), named, spec, found))
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
        raise FileProblem("import.file_protected" if lower.endswith((".xlsx", ".xlsm")) else "import.file_xls",
                          file=file_name)
    if lower.endswith((".xlsx", ".xlsm")):
        if not content.startswith(ZIP_MAGIC):
            raise FileProblem("import.file_not_xlsx", file=file_name)
        return _read_xlsx(content, file_name)
    if content.startswith(ZIP_MAGIC):
        # A workbook under another name is read; any other zip (.docx, .zip) is not a type taken.
        try:
            return _read_xlsx(content, file_name)
        except FileProblem as err:
            raise FileProblem("import.file_type", file=file_name) from err
    if lower.endswith((".csv", ".txt")):
        return [_read_csv(content, file_name)]
    raise FileProblem("import.file_type", file=file_name)


def _formula_sheets(content: bytes, file_name: str) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """Per worksheet XML part: (formula cells, [(cell reference, formula) of those without a
    stored value])."""
    out = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                    xml = z.read(name).decode("utf-8", errors="replace")
                    if "<f>" not in xml and "<f " not in xml:
                        out[name] = (0, [])
                        continue
                    # <c r="A1" s="1"/> (an empty styled cell) is a cell of its own, not the
                    # opening of the next one.
                    cells = re.findall(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", xml, flags=re.S)
                    with_formula = [(attrs, body) for attrs, body in cells if "<f" in body]
                    no_value = []
                    for attrs, body in with_formula:
                        if not re.search(r"<v>[^<]+</v>", body):
                            ref = re.search(r'\br="([A-Z]+\d+)"', attrs)
                            formula = re.search(r"<f\b[^>]*>(.*?)</f>", body, flags=re.S)
                            no_value.append((ref.group(1) if ref else "",
                                             "=" + _unescape(formula.group(1)) if formula else ""))
                    out[name] = (len(with_formula), no_value)
    except zipfile.BadZipFile as err:
        raise FileProblem("import.file_not_xlsx", file=file_name) from err
    return out


def _sheet_parts(content: bytes) -> dict[str, str]:
    """Sheet name -> its XML part, from the workbook's relationships."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8", errors="replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    targets = dict(re.findall(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets |= {k: v for v, k in re.findall(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
    parts = {}
    for name, rid in re.findall(r'<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook):
        target = targets.get(rid, "")
        parts[_unescape(name)] = "xl/" + target.lstrip("/").removeprefix("xl/")
    return parts


def _cell_ref(ref: str) -> tuple[int | None, int]:
    """"E3" -> (3, 4): the row as the spreadsheet shows it and the 0-based column index."""
    found = re.fullmatch(r"([A-Z]+)(\d+)", ref or "")
    if not found:
        return None, -1
    return int(found.group(2)), column_index_from_string(found.group(1)) - 1


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def _read_xlsx(content: bytes, file_name: str) -> list[RawSheet]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as err:  # calamine raises its own errors for a damaged file
        raise FileProblem("import.file_not_xlsx", file=file_name) from err
    formulas = _formula_sheets(content, file_name)
    parts = _sheet_parts(content)
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        best = best_spec(rows, name)
        if best is not None:
            spec, (columns, start) = best
            sheet = RawSheet(spec=spec, name=name, columns=columns,
                             rows=[(i + 1, row) for i, row in enumerate(rows) if i >= start])
            n_formulas, uncached = formulas.get(parts.get(name, ""), (0, []))
            # Each formula without a saved result is named by its row and column.
            field_at = {c: key for key, c in columns.items()}
            for ref, formula in uncached:
                row, col = _cell_ref(ref)
                column = field_at.get(col) or (get_column_letter(col + 1) if col >= 0 else None)
                sheet.problems.append(Problem("import.formula_cell_no_value", sheet=name, row=row, column=column,
                                              value=formula or None))
            if not uncached and n_formulas:
                sheet.notes.append(Problem("import.formula_values_read", sheet=name, count=n_formulas))
            sheets.append(sheet)
    return sheets


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
    spec, (columns, start) = best
    return RawSheet(spec=spec, name=file_name, columns=columns,
                    rows=[(i + 1, row) for i, row in enumerate(rows) if i >= start])
