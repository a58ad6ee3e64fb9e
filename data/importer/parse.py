"""Cells as counties really send them, made into typed columns, each column at once.

The rules, which the template's instructions state in both languages:
- full-width digits and letters count as ordinary ones (１２３ is 123);
- thousands separators are ignored (1,234 and 1，234 are 1234);
- a blank cell is "not reported"; 0 is zero; "—" or "-" is "not applicable";
- a percentage may be written 85%, 85 or 0.85: a number above 1 is read as per cent;
- yes/no: 是/否, 有/无, Y/N, yes/no, 1/0, √/×;
- election: 直接/间接 (direct/indirect);
- an Excel error value (#DIV/0!, #N/A, ...) is an error, never a blank (see error_value);
- text the exports quoted ('=x, written so that no spreadsheet runs it) reads back as =x.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from data.importer.fields import AREA, BOOL, COUNTY, ELECTION, ID, INT, PERCENT, TEXT, YEAR, Field
from data.progress import missing

# A row of totals names itself so, in its name, county or first cell.
TOTAL_ROW = re.compile(r"^(合计|总计|小计|共计|全县|全市|其中|total|subtotal|of\s*which)", re.IGNORECASE)
# How the template writes yes/no and the election (the first of each pair of words read above).
WRITTEN_BOOL = ("是", "否")
WRITTEN_ELECTION = ("直接", "间接")
NOT_APPLICABLE = {"—", "-", "–", "－", "——", "--", "/", "不适用", "n/a", "na"}
TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√", "✓", "已建", "已接入"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", "×", "✗", "未建", "未接入"}
ELECTIONS = {"直接": "direct", "直选": "direct", "直接选举": "direct", "direct": "direct",
             "间接": "indirect", "间接选举": "indirect", "indirect": "indirect"}


# What Excel shows in a cell whose formula cannot be calculated (a CSV saved by Excel holds the
# same text); the last ones come from Excel 365 and from data connections.
ERROR_VALUES = ("#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!")
_ERRORS = {e.lower(): e for e in ERROR_VALUES}
# How the exports guard text that a spreadsheet would run (data.exports.neutralise): a quote in
# front of a formula's first character. Read back, the quote goes, so that a name survives the
# round trip (Excel itself keeps no such quote in the cell: it stores '=x as =x).
QUOTED_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")


def error_value(v) -> str | None:
    """The Excel error value a cell shows ("#DIV/0!"), or None."""
    if not isinstance(v, str) or not v.startswith(("#", "＃")):
        return None
    return _ERRORS.get(unicodedata.normalize("NFKC", v).strip().lower())


def number_text(value) -> str:
    """8485000.0 -> "8485000", 12.5 -> "12.5": as written, never 8.485e+06 (which :g gives)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _one(v):
    if missing(v):
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return number_text(v)
    text = unicodedata.normalize("NFKC", str(v)).strip()
    return text or None


def normalise_text(series: pd.Series) -> pd.Series:
    """NFKC (full-width to ordinary), trimmed; None for empty. Each distinct value once."""
    uniques = pd.unique(series.to_numpy(dtype=object))
    if len(uniques) * 2 < len(series):
        return series.map({u: _one(u) for u in uniques if not (isinstance(u, float) and np.isnan(u))})
    return series.map(_one)


def _numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers, percent): cells Excel holds as numbers taken as they are; text cells read
    after NFKC, without thousands separators, a trailing % noted."""
    kinds = raw.map(type)
    numeric = kinds.isin((int, float, np.float64, np.int64))
    numbers = pd.Series(np.nan, index=raw.index)
    numbers[numeric] = raw[numeric].astype(float)
    percent = pd.Series(False, index=raw.index)
    other = ~numeric & raw.notna()
    if other.any():
        text = normalise_text(raw[other].astype(str)).str.replace(r"[,，\s]", "", regex=True)
        percent[other] = text.str.endswith("%", na=False)
        numbers[other] = pd.to_numeric(text.str.rstrip("%"), errors="coerce")
    return numbers, percent


def parse_column(raw: pd.Series, f: Field) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """(values, bad, not_applicable, errors): typed values (NaN/None where missing), a mask of
    cells that could not be read as `f.kind`, one of cells marked not applicable, and one of
    cells showing an Excel error value (neither values nor bad: the caller names them)."""
    numeric_kind = f.kind in (INT, YEAR, AREA, PERCENT)
    if numeric_kind:
        plain = raw.map(type).isin((int, float, np.float64, np.int64))
        text = pd.Series(None, index=raw.index, dtype=object)
        if (~plain).any():
            text[~plain] = normalise_text(raw[~plain])
        blank = (plain & raw.isna()) | (~plain & text.isna())
    else:
        text = normalise_text(raw)
        blank = text.isna()
    errors = text.str.upper().isin(ERROR_VALUES) & ~blank
    na = text.str.lower().isin(NOT_APPLICABLE) & ~blank
    present = ~blank & ~na & ~errors
    if f.kind in (TEXT, COUNTY, ID):
        text = text.str.replace(QUOTED_FORMULA, "", regex=True)
        return text.where(present, None), pd.Series(False, index=raw.index), na, errors
    if f.kind == BOOL:
        lowered = text.str.lower()
        values = pd.Series(np.where(lowered.isin(TRUE_WORDS), True, np.where(lowered.isin(FALSE_WORDS), False, None)),
                           index=raw.index, dtype=object)
        bad = present & values.isna()
        return values.where(present, None), bad, na, errors
    if f.kind == ELECTION:
        values = text.str.lower().map(lambda v: ELECTIONS.get(v) if isinstance(v, str) else None)
        return values.where(present, None), present & values.isna(), na, errors
    numbers, percent = _numbers(raw.where(present, None))
    bad = present & numbers.isna()
    if f.kind == PERCENT:
        numbers = pd.Series(np.where(percent | (numbers > 1), numbers / 100, numbers), index=raw.index)
        bad = bad | (present & ((numbers > 1) | (numbers < 0)))
    elif f.kind in (INT, YEAR):
        fractional = present & numbers.notna() & (numbers % 1 != 0)
        bad = bad | fractional | (present & percent)
    elif f.kind == AREA:
        bad = bad | (present & percent)
    return numbers.where(present & ~bad), bad, na, errors
