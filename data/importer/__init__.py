"""Importing the counties' reports: read, clean, validate, compare with what is shown, and
commit as one batch (all of it or nothing). The data page and the command line
(`python -m data.importer`) both call check() then commit().

    report = check([(file_name, content)], year, store)
    if report.ok:
        commit(store, report, by="editor name")
"""
from __future__ import annotations

import difflib
import hashlib
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from data.catalogue import BASE_YEAR, TARGET_YEAR
from data.divisions import DivisionLookupError, division, resolve_county
from data.i18n import t
from data.formatting import format_number
from data.importer.fields import COUNTY_SHEET, INT, RURAL, SHARES, URBAN, SheetSpec
from data.importer.parse import TOTAL_ROW, error_value, parse_column
from data.importer.problems import FileProblem, Problem, field_headers
from data.importer.read import RawSheet, comparable, read_upload
from data.importer.validate import validate
from data.progress import missing
from data.schema import UNIT_YEAR_COLUMNS

COMPARED = [c for c in UNIT_YEAR_COLUMNS]
COUNTY_COMPARED = ["rural_centers_built", "urban_stations_built", "info_platform", "unified_hotline"]
INT_COLUMNS = {f.key for spec in (URBAN, RURAL, COUNTY_SHEET) for f in spec.fields if f.kind == INT}
CLOSE_HEADERS = 3        # recognised headers offered for an unknown column
CLOSE_CUTOFF = 0.3       # difflib's ratio: 社工（人） is 0.36 from 社会工作专业人员（人）

log = logging.getLogger(__name__)


def headers() -> dict[str, dict[str, str]]:
    """Field key -> its header in each language, for messages."""
    return field_headers()


@dataclass
class ImportReport:
    year: int
    files: list[str]
    sha256: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)          # sheet kind -> data rows read
    scope: list[tuple[str, int]] = field(default_factory=list)  # county-years the file reports
    units: pd.DataFrame | None = None
    unit_years: pd.DataFrame | None = None
    county_years: pd.DataFrame | None = None
    new_units: list[str] = field(default_factory=list)          # "沈阳市铁西区 新华社区"
    dropped_units: list[str] = field(default_factory=list)      # shown now, absent from the file
    changes: list[tuple[str, str, object, object]] = field(default_factory=list)  # unit, field, old, new
    held: list[Problem] = field(default_factory=list)  # unknown columns: the import waits for a yes
    # Numbers to doubt (data/quality.py): warnings that never block, one per county-year's check,
    # and the same as rows (COLUMNS of data.quality) to keep with the batch.
    plausibility: list[Problem] = field(default_factory=list)
    plausibility_rows: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.scope)

    def may_commit(self, accept_unknown_columns: bool = False) -> bool:
        """No errors, and any column not recognised confirmed as ignored."""
        return self.ok and (not self.held or accept_unknown_columns)

    def summary(self, lang: str) -> str:
        from data.i18n import t
        return t("import.summary", lang, files=", ".join(self.files), year=self.year,
                 urban=self.rows.get("urban", 0), rural=self.rows.get("rural", 0), county=self.rows.get("county", 0))

    def changes_line(self, lang: str) -> str:
        from data.i18n import t
        return t("import.changes", lang, counties=len({c for c, _ in self.scope}), new=len(self.new_units),
                 dropped=len(self.dropped_units), changed=len(self.changes))

    def render_text(self, lang: str, limit: int = 50) -> str:
        """The report as the command line prints it (the data page shows the same parts)."""
        from data.i18n import t
        h = headers()
        out = [self.summary(lang)]
        for title, items in (("import.errors", self.errors), ("import.warnings", self.warnings),
                             ("import.plausibility", self.plausibility), ("import.notes", self.notes)):
            if items:
                out.append(t(title, lang, n=len(items)))
                out += ["  - " + p.message(lang) for p in items[:limit]]
                if len(items) > limit:
                    out.append("  " + t("import.more", lang, n=len(items) - limit))
        if not self.errors:
            out.append(self.changes_line(lang))
            for unit, column, old, new in self.changes[:limit]:
                out.append(f"  - {unit} · {h.get(column, {}).get(lang, column)}: {value_text(old, lang)} → {value_text(new, lang)}")
        return "\n".join(out)


def value_text(value, lang: str = "zh") -> str:
    """A stored or read value in words: yes/no and the election kinds in the user's language."""
    from data.i18n import t
    if missing(value):
        return "—"
    if isinstance(value, (bool, np.bool_)):
        return t("value.yes" if value else "value.no", lang)
    if value in ("direct", "indirect"):
        return t(f"value.{value}", lang)
    if isinstance(value, (int, float, np.integer, np.floating)):
        value = float(value)
        return format_number(value, 0 if value.is_integer() else 2)
    return str(value)


def _clean(value):
    """A value as a change lists it: a plain Python value, None where missing."""
    if value is None or (not isinstance(value, (str, bytes)) and pd.isna(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def check(files: list[tuple[str, bytes]], year: int, store) -> ImportReport:
    """Read and validate files for `year`, and compare them with what the store shows.
    Whatever the files hold, this returns a report: an unexpected failure is logged and
    reported as one error, never raised to the data page or the command line."""
    digest = hashlib.sha256(b"".join(content for _, content in files)).hexdigest()
    report = ImportReport(year=year, files=[name for name, _ in files], sha256=digest)
    try:
        _check(files, year, store, report)
    except Exception:
        log.exception("import check failed unexpectedly for %s (sha256 %s)", report.files, digest)
        report = ImportReport(year=year, files=report.files, sha256=digest)
        report.errors.append(Problem("import.unexpected", files=", ".join(report.files)))
    return report


def _check(files: list[tuple[str, bytes]], year: int, store, report: ImportReport) -> None:
    sheets: dict[str, RawSheet] = {}
    file_of: dict[str, str] = {}  # sheet name -> its file
    for name, content in files:
        try:
            found = read_upload(content, name)
        except FileProblem as problem:
            report.errors.append(problem.problem)
            continue
        for sheet in found:
            file_of.setdefault(sheet.name, name)
            if sheet.spec.key in sheets:
                report.errors.append(Problem("import.sheet_twice", sheet.name, other=sheets[sheet.spec.key].name))
                continue
            sheets[sheet.spec.key] = sheet
        if not found:
            report.errors.append(Problem("import.no_sheets", name))
    if report.errors:
        _tag_sheets(report, sheets, file_of)
        return
    if not sheets:
        report.errors.append(Problem("import.no_sheets", ", ".join(report.files)))
        return

    typed = {}
    for key, sheet in sheets.items():
        frame = _typed_sheet(sheet, year, report)
        if frame is not None:
            typed[key] = frame
    _tag_sheets(report, sheets, file_of)
    if report.errors:
        report.errors.sort(key=lambda p: (p.sheet or "", p.row if p.row is not None else -1))
        return
    if not any(len(f) for f in typed.values()):
        report.errors.append(Problem("import.no_rows", ", ".join(s.name for s in sheets.values())))
        report.errors[-1].file = ", ".join(report.files)
        return
    _build_batch(typed, sheets, year, store, report)
    _tag_sheets(report, sheets, file_of)
    for problems in (report.errors, report.warnings, report.notes):
        problems.sort(key=lambda p: (p.sheet or "", p.row if p.row is not None else -1))


def _tag_sheets(report: ImportReport, sheets: dict[str, RawSheet], file_of: dict[str, str]) -> None:
    """Mark each problem with its sheet's report, so that its column is named as that sheet
    does, and with the file the sheet is in, so that the message names it."""
    kinds = {sheet.name: key for key, sheet in sheets.items()}
    for p in report.errors + report.warnings + report.notes:
        if p.spec_key is None and p.sheet in kinds:
            p.spec_key = kinds[p.sheet]
        if p.file is None and p.sheet in file_of:
            p.file = file_of[p.sheet]


def _typed_sheet(sheet: RawSheet, year: int, report: ImportReport) -> pd.DataFrame | None:
    """The sheet as typed columns indexed by row number; problems go into the report."""
    spec = sheet.spec
    report.errors += sheet.problems
    report.notes += sheet.notes
    _unknown_columns(sheet, report)  # first: a renamed required column is named with its candidates
    missing = [f for f in spec.fields if f.required and f.key not in sheet.columns]
    if missing:
        report.errors.append(Problem("import.missing_columns", sheet.name,
                                     columns_zh=t("list.comma", "zh").join(f.zh for f in missing),
                                     columns_en=", ".join(f.en for f in missing)))
        return None
    width = max(sheet.columns.values()) + 1
    raw = pd.DataFrame([(row + [None] * width)[:width] for _, row in sheet.rows],
                       index=[n for n, _ in sheet.rows], columns=range(width), dtype=object)
    raw = raw[list(sheet.columns.values())]
    raw.columns = list(sheet.columns.keys())

    empty = raw.isna() | raw.apply(lambda col: col.astype(str).str.strip().eq("") if col.dtype == object else False)
    raw = raw[~empty.all(axis=1)]  # blank rows, trailing ones too
    raw = _drop_total_rows(raw, sheet, report)
    report.rows[spec.key] = len(raw)

    typed = pd.DataFrame(index=raw.index)
    # Cells already reported (a formula without a value, a value that cannot be read) are not
    # reported again as blank or as breaking a rule: one problem, the first, per cell.
    reported = {(p.row, p.column) for p in sheet.problems}
    for f in spec.fields:
        if f.key not in raw.columns:
            continue
        values, bad, na, errors = parse_column(raw[f.key], f)
        # An Excel error value (#DIV/0!, #N/A...) is a broken formula, never "not reported".
        for row in raw.index[errors]:
            if (int(row), f.key) not in reported:
                shown = error_value(raw.at[row, f.key])
                report.errors.append(Problem("import.error_value", sheet.name, int(row), f.key, shown, error=shown))
                reported.add((int(row), f.key))
        for row in raw.index[bad]:
            report.errors.append(Problem(f"import.bad_{f.kind}", sheet.name, int(row), f.key, raw.at[row, f.key]))
            reported.add((int(row), f.key))
        if f.required:
            for row in raw.index[values.isna() & ~bad]:
                if (int(row), f.key) in reported:
                    continue
                key = "import.required_na" if na[row] else "import.required_blank"
                report.errors.append(Problem(key, sheet.name, int(row), f.key, raw.at[row, f.key] if na[row] else None))
        if f.key in ("name", "unit_id"):  # the store's columns hold 60 and 20 characters
            limit = 60 if f.key == "name" else 20
            for row in raw.index[values.str.len().gt(limit).fillna(False).astype(bool)]:
                report.errors.append(Problem("import.too_long", sheet.name, int(row), f.key, values[row], n=limit))
        typed[f.key] = values
    _check_years(typed, sheet, year, report)
    _resolve_counties(typed, sheet, report)
    for share, count, whole in SHARES:
        if share in typed and count in typed and whole in typed:
            fill = typed[count].isna() & typed[share].notna() & typed[whole].notna()
            typed.loc[fill, count] = (typed.loc[fill, share] * typed.loc[fill, whole]).round()
            if fill.any():
                report.notes.append(Problem("import.share_used", sheet.name, column=share, count=int(fill.sum())))
    report.errors += [p for p in validate(typed.drop(columns=[c for c in ("county", "unit_id", "name") if c in typed]),
                                          spec, sheet.name) if (p.row, p.column) not in reported]
    _check_duplicates(typed, sheet, report)
    return typed


def _drop_total_rows(raw: pd.DataFrame, sheet: RawSheet, report: ImportReport) -> pd.DataFrame:
    """Rows of totals, each skipped with a note naming the cell that says so: a total names
    itself in the name or county column ("合  计" spaced out too), or in the row's first cell
    written, as when 合计 is typed in the first column and merged across several."""
    def is_total(values: pd.Series) -> pd.Series:
        return values.astype(str).str.replace(r"\s+", "", regex=True).str.match(TOTAL_ROW).fillna(False).astype(bool)

    label_cols = [c for c in ("name", "county") if c in raw.columns]
    said = {c: is_total(raw[c]) for c in label_cols}
    field_at = {i: key for key, i in sheet.columns.items()}
    first = {}  # row -> (column index, text) of its first written cell
    for number, cells in sheet.rows:
        if number in raw.index:
            at = next((i for i, v in enumerate(cells) if v is not None and str(v).strip() != ""), None)
            if at is not None:
                first[number] = (at, cells[at])
    firsts = pd.Series({n: v for n, (_, v) in first.items()}, dtype=object).reindex(raw.index)
    said["first"] = is_total(firsts.fillna(""))
    totals = pd.concat(said.values(), axis=1).any(axis=1)
    for row in raw.index[totals]:
        column = next((c for c in label_cols if said[c][row]), None)
        if column is not None:
            report.notes.append(Problem("import.total_row", sheet.name, int(row), column, raw.at[row, column]))
        else:
            at, text = first[row]
            report.notes.append(Problem("import.total_row", sheet.name, int(row),
                                        field_at.get(at) or get_column_letter(at + 1), text))
    return raw[~totals]


def _unknown_columns(sheet: RawSheet, report: ImportReport) -> None:
    """A column with data that the report does not have: a warning naming it and the
    recognised headers it may have meant; the import waits until the user says to ignore it."""
    missing_fields = [f for f in sheet.spec.fields if f.key not in sheet.columns] or list(sheet.spec.fields)
    for at, header, header_row in sheet.unknown:
        letter = get_column_letter(at + 1)
        close = _close_fields(header, missing_fields) if header else []
        if close:
            maybe = {lang: t("import.maybe", lang, headers=t("list.comma", lang).join(
                f"“{getattr(f, lang)}”" for f in close)) for lang in ("zh", "en")}
        else:
            maybe = {lang: t("import.no_close", lang) for lang in ("zh", "en")}
        problem = Problem("import.unknown_column", sheet.name, header_row if header else None, header or letter,
                          letter=letter, maybe_zh=maybe["zh"], maybe_en=maybe["en"])
        report.warnings.append(problem)
        report.held.append(problem)


def _close_fields(header: str, fields: list) -> list:
    """The fields whose header (either language, without its unit) is closest to `header`."""
    mine = comparable(header)
    scored = []
    for f in fields:
        ratio = max(difflib.SequenceMatcher(None, mine, comparable(text)).ratio() for text in (f.zh, f.en))
        if ratio >= CLOSE_CUTOFF:
            scored.append((ratio, f))
    scored.sort(key=lambda s: -s[0])
    return [f for _, f in scored[:CLOSE_HEADERS]]


def _check_years(typed: pd.DataFrame, sheet: RawSheet, year: int, report: ImportReport) -> None:
    years = typed["year"].dropna()
    if len(years) > 1 and years.nunique() == 1 and years.iloc[0] != year and BASE_YEAR <= years.iloc[0] <= TARGET_YEAR:
        # The whole sheet is another year: one message, not one per row.
        report.errors.append(Problem("import.year_mismatch_all", sheet.name, int(years.index[0]), "year",
                                     years.iloc[0], chosen=year, n=len(years)))
        return
    for row, value in years.items():
        if not BASE_YEAR <= value <= TARGET_YEAR:
            report.errors.append(Problem("import.year_range", sheet.name, int(row), "year", value,
                                         first=BASE_YEAR, last=TARGET_YEAR))
        elif value != year:
            report.errors.append(Problem("import.year_mismatch", sheet.name, int(row), "year", value, chosen=year))


def _resolve_counties(typed: pd.DataFrame, sheet: RawSheet, report: ImportReport) -> None:
    codes = {}
    for text in typed["county"].dropna().unique():
        try:
            found = resolve_county(text)
            codes[text] = found.code
            if found.change is not None:
                rows = typed.index[typed["county"] == text].tolist()
                report.notes.append(Problem("import.crosswalk", sheet.name, rows[0], "county", text,
                                            note_zh=found.note("zh"), note_en=found.note("en"), n=len(rows)))
        except DivisionLookupError as err:
            for row in typed.index[typed["county"] == text]:
                report.errors.append(Problem("import.bad_county", sheet.name, int(row), "county", text,
                                             reason_zh=err.message("zh"), reason_en=err.message("en")))
    typed["county_code"] = typed["county"].map(codes)


def _check_duplicates(typed: pd.DataFrame, sheet: RawSheet, report: ImportReport) -> None:
    if sheet.spec.key == "county":
        keys = typed[["county_code"]]
    else:
        keys = typed[["county_code", "name"]]
    dup = keys.notna().all(axis=1) & keys.duplicated(keep="first")
    for row in typed.index[dup]:
        first = typed.index[(keys == keys.loc[row]).all(axis=1)][0]
        column = "county" if sheet.spec.key == "county" else "name"
        report.errors.append(Problem("import.duplicate", sheet.name, int(row), column, typed.at[row, column],
                                     first=int(first)))
    if "unit_id" in typed:
        ids = typed["unit_id"]
        for row in typed.index[ids.notna() & ids.duplicated(keep="first")]:
            report.errors.append(Problem("import.duplicate_id", sheet.name, int(row), "unit_id", ids[row]))


def _build_batch(typed: dict[str, pd.DataFrame], sheets: dict[str, RawSheet], year: int, store,
                 report: ImportReport) -> None:
    """Units (known ones matched by id or by county, kind and name; new ones numbered),
    records, the county-years reported, and what changes against what is shown."""
    counties = set()
    for frame in typed.values():
        counties |= set(frame["county_code"].dropna())
    report.scope = sorted((c, year) for c in counties)
    index = store.unit_index()
    shown = store.shown_unit_records(year, sorted(counties))
    shown_cy = store.shown_county_records(year)
    # A county named in the file but absent from a sheet it has data in now loses that data.
    had = {"urban": set(shown.loc[shown["kind"] == "urban", "county_code"]),
           "rural": set(shown.loc[shown["kind"] == "rural", "county_code"]),
           "county": set(shown_cy["county_code"])}
    for spec in (URBAN, RURAL, COUNTY_SHEET):
        have = set(typed[spec.key]["county_code"].dropna()) if spec.key in typed else set()
        for code in sorted((counties - have) & had[spec.key]):
            d = division(code)
            report.warnings.append(Problem("import.county_missing_sheet", sheet=spec.title,
                                           county_zh=d.full_name, county_en=d.name_en))
    parts = []
    for spec in (URBAN, RURAL):
        if spec.key in typed:
            ids = _match_units(typed[spec.key], spec, sheets[spec.key].name, index, shown, report)
            parts.append(typed[spec.key].assign(unit_id=ids, kind=spec.key))
    if report.errors:
        return
    frame = pd.concat(parts) if parts else pd.DataFrame(columns=["unit_id", "kind", "name", "county_code"])
    report.units = pd.DataFrame({"id": frame["unit_id"], "kind": frame["kind"], "name": frame["name"],
                                 "name_en": None, "county_code": frame["county_code"]}).reset_index(drop=True)
    records = pd.DataFrame({"unit_id": frame["unit_id"], "year": year})
    for column in COMPARED:
        records[column] = frame[column] if column in frame else None
    report.unit_years = _whole_numbers(records.reset_index(drop=True))
    if "county" in typed:
        cy = typed["county"]
        report.county_years = pd.DataFrame({
            "county_code": cy["county_code"], "year": year,
            "rural_centers_built": cy["rural_centers_built"], "urban_stations_built": cy["urban_stations_built"],
            "info_platform": cy["info_platform"], "unified_hotline": cy["unified_hotline"]}).reset_index(drop=True)
        report.county_years = _whole_numbers(report.county_years)
    _diff(report, frame, shown, index)
    if report.county_years is not None:
        _diff_counties(report, shown_cy)
    try:
        _plausibility(report, store, year)
    except Exception:  # a warning that cannot be computed must never stop an import
        log.exception("plausibility checks failed for %s (sha256 %s); importing without them", report.files,
                      report.sha256)
        report.plausibility, report.plausibility_rows = [], None


def _plausibility(report: ImportReport, store, year: int) -> None:
    """The plausibility checks of the county-years the file reports, as the store would show
    them after the import: against the store's previous year, and among the city's counties
    with this file's counties in place of what is shown now."""
    from data import quality
    from data.store import compute_counts
    counties = sorted({c for c, _ in report.scope})
    units = report.unit_years.merge(report.units[["id", "kind", "county_code"]].drop_duplicates("id")
                                    .rename(columns={"id": "unit_id"}), on="unit_id", how="left")
    county_years = report.county_years if report.county_years is not None else pd.DataFrame(columns=["county_code"])
    counts = compute_counts(units, pd.DataFrame(), pd.DataFrame())  # the checks use the units' counts only
    shown = store.counts()
    peers = pd.concat([shown[(shown["year"] == year) & ~shown["division_code"].isin(counties)], counts],
                      ignore_index=True)
    rows = quality.check(year, counts, shown, units, store.shown_unit_records(year - 1, counties), county_years,
                         store.shown_county_records(year - 1), counties=counties, peer_counts=peers)
    report.plausibility_rows = rows
    for row in rows.to_dict("records"):
        place = division(row["county_code"])
        report.plausibility.append(Problem("quality.warning", county_zh=place.full_name, county_en=place.name_en,
                                           message_zh=quality.message(row, "zh"), message_en=quality.message(row, "en")))


def _whole_numbers(records: pd.DataFrame) -> pd.DataFrame:
    """Counts as Python integers (None where missing), as the store's integer columns hold
    them: never a float such as 1e20 (the bounds keep every count well inside 32 bits)."""
    for column in records.columns:
        if column in INT_COLUMNS:
            numbers = pd.to_numeric(records[column]).to_numpy(dtype=float)
            blank = np.isnan(numbers)
            whole = np.full(len(numbers), None, dtype=object)
            whole[~blank] = numbers[~blank].astype(np.int64).tolist()
            records[column] = pd.Series(whole, index=records.index, dtype=object)
    return records


def _match_units(frame: pd.DataFrame, spec: SheetSpec, sheet: str, index: pd.DataFrame, shown: pd.DataFrame,
                 report: ImportReport) -> pd.Series:
    """Each row's unit id: the one given (which the store must know, in the same county and of
    the same kind), else the known unit of the same county, kind and name (the one shown
    first), else a new id numbered after the county's highest."""
    ids = pd.Series(None, index=frame.index, dtype=object)
    known = index.set_index("id")
    if "unit_id" in frame:
        given = frame["unit_id"].dropna().astype(str)
        county = given.map(known["county_code"])
        kind = given.map(known["kind"])
        fine = county.eq(frame.loc[given.index, "county_code"]) & kind.eq(spec.key)
        ids[given.index[fine]] = given[fine]
        for row in given.index[~fine]:
            unit_id = given[row]
            if pd.isna(county[row]):
                report.errors.append(Problem("import.unknown_id", sheet, int(row), "unit_id", unit_id))
            elif county[row] != frame.at[row, "county_code"]:
                d = division(county[row])
                report.errors.append(Problem("import.id_other_county", sheet, int(row), "unit_id", unit_id,
                                             county_zh=d.full_name, county_en=d.name_en))
            else:
                report.errors.append(Problem("import.bad_id", sheet, int(row), "unit_id", unit_id))
    candidates = index[index["kind"] == spec.key].assign(shown=lambda d: d["id"].isin(shown["unit_id"]))
    candidates = (candidates.sort_values(["shown", "id"], ascending=[False, True])
                  .drop_duplicates(["county_code", "name"]))
    open_rows = ids.isna() & (frame["unit_id"].isna() if "unit_id" in frame else True)
    looked_up = frame.loc[open_rows, ["county_code", "name"]].reset_index().merge(
        candidates[["county_code", "name", "id"]], on=["county_code", "name"], how="left").set_index("index")
    ids.loc[looked_up.index] = looked_up["id"]
    # A known unit may be named twice (once by id, once by name): the second is a new unit then.
    taken = ids.dropna()
    repeat = taken.duplicated(keep="first")
    ids[taken.index[repeat]] = None
    new = ids.isna() & open_rows
    if new.any():
        letter = "U" if spec.key == "urban" else "R"
        numbers = index["id"].str.extract(rf"^(\d{{6}}){letter}(\d+)$").dropna()
        highest = numbers.assign(n=numbers[1].astype(int)).groupby(0)["n"].max().to_dict()
        counters = {}
        for row in frame.index[new]:
            code = frame.at[row, "county_code"]
            counters[code] = counters.get(code, highest.get(code, 0)) + 1
            ids[row] = f"{code}{letter}{counters[code]:04d}"
    return ids


def _diff(report: ImportReport, frame: pd.DataFrame, shown: pd.DataFrame, index: pd.DataFrame) -> None:
    """New units, units shown now but absent from the file, and every value that changes."""
    full_names = {c: division(c).full_name for c in frame["county_code"].unique()}
    label = frame["county_code"].map(full_names) + " " + frame["name"]
    names = dict(zip(frame["unit_id"], label))
    was_shown = set(shown["unit_id"])
    report.new_units = [names[u] for u in frame["unit_id"] if u not in was_shown]
    dropped = shown[~shown["unit_id"].isin(frame["unit_id"])]
    report.dropped_units = [f"{division(c).full_name} {n}" for c, n in zip(dropped["county_code"], dropped["name"])]
    if report.dropped_units:
        report.warnings.append(Problem("import.units_dropped", n=len(report.dropped_units),
                                       examples=t("list.comma", "zh").join(report.dropped_units[:5])))
    report.changes = _changed(shown.set_index("unit_id"), report.unit_years.set_index("unit_id"), COMPARED, names)
    # A known id under another name: the store keeps one name per unit, so the stored one stays.
    stored = frame[["unit_id", "name", "county_code"]].merge(index.rename(columns={"id": "unit_id", "name": "stored"}),
                                                             on=["unit_id", "county_code"])
    renamed = stored[stored["name"] != stored["stored"]]
    if len(renamed):
        report.warnings.append(Problem("import.renamed", n=len(renamed), examples=t("list.comma", "zh").join(
            f"{a} → {b}" for a, b in zip(renamed["stored"].head(5), renamed["name"].head(5)))))


def _changed(old: pd.DataFrame, mine: pd.DataFrame, columns: list[str], names: dict) -> list[tuple]:
    """(name, column, old, new) for each value that differs between rows of the same key."""
    both = mine.index.intersection(old.index)
    changes = []
    for column in columns:
        a, b = old.loc[both, column], mine.loc[both, column]
        a_num = pd.to_numeric(a.astype(object).map(_number), errors="coerce")
        b_num = pd.to_numeric(b.astype(object).map(_number), errors="coerce")
        numeric = a_num.notna() | b_num.notna()
        same = (a.isna() & b.isna()) | (numeric & np.isclose(a_num.fillna(-1), b_num.fillna(-1)) &
                                        (a_num.isna() == b_num.isna())) | (~numeric & (a.astype(str) == b.astype(str)))
        for key in both[~same.to_numpy()]:
            changes.append((names[key], column, _clean(a[key]), _clean(b[key])))
    return changes


def _number(value):
    """Yes/no as 1/0, so that a stored 1 and a read True are the same value."""
    return int(value) if isinstance(value, (bool, np.bool_)) else value


def _diff_counties(report: ImportReport, shown_cy: pd.DataFrame) -> None:
    """The county summary's values that change (listed with the units' changes)."""
    mine = report.county_years.set_index("county_code")
    names = {c: division(c).full_name for c in mine.index}
    report.changes += _changed(shown_cy.set_index("county_code"), mine, COUNTY_COMPARED, names)


def commit(store, report: ImportReport, by: str, accept_unknown_columns: bool = False) -> int:
    """Write a checked report as one import batch (all or nothing). Returns the batch id.
    A report with columns not recognised is written only once the user said to ignore them."""
    if not report.ok:
        raise ValueError("a report with errors cannot be committed")
    if not report.may_commit(accept_unknown_columns):
        raise ValueError("a report with unknown columns is committed only once they are accepted")
    return store.commit_batch(
        kind="import", source=report.summary("zh") + " / " + report.summary("en"),
        is_simulated=False, units=report.units, unit_years=report.unit_years, county_years=report.county_years,
        file_name=", ".join(report.files)[:255], created_by=by, sha256=report.sha256, scope=report.scope,
        row_count=sum(report.rows.values()), warnings=report.plausibility_rows)


def import_files(store, files: list[tuple[str, bytes]], year: int, by: str, dry_run: bool = False,
                 accept_unknown_columns: bool = False) -> tuple[ImportReport, int | None]:
    """Check, and commit if the files have no errors, any unknown column is accepted, and this
    is no dry run: the one path the data page and the command line take. Returns the report
    and the batch id (or None)."""
    report = check(files, year, store)
    if not report.may_commit(accept_unknown_columns) or dry_run:
        return report, None
    return report, commit(store, report, by, accept_unknown_columns)
