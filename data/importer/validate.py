"""The rules a parsed sheet must keep, as pandera schemas: counts and areas are never
negative nor beyond their plausible bound (fields.BOUNDS), a part never exceeds its whole,
a facility has an area above 0. Each failure becomes a Problem naming the sheet, row,
column, the value found and the rule."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from data.importer.fields import AREA, BOUNDS, INT, PARTS, PERCENT, SheetSpec
from data.importer.parse import number_text
from data.importer.problems import Problem
from data.progress import missing


def _part_check(part: str, whole: str) -> pa.Check:
    return pa.Check(lambda df, p=part, w=whole: df[p].isna() | df[w].isna() | (df[p] <= df[w]),
                    name=f"part:{part}:{whole}")


def _area_check() -> pa.Check:
    """A unit with a facility reports its area (a blank area is an error; "—" is not allowed)."""
    return pa.Check(lambda df: ~(df["has_facility"].eq(True)) | df["facility_area_m2"].notna(),
                    name="area:facility_area_m2:has_facility")


def _area_above_zero() -> pa.Check:
    """A facility reported present has a real area: 0 m² is no facility."""
    return pa.Check(lambda df: ~(df["has_facility"].eq(True)) | df["facility_area_m2"].isna() |
                    df["facility_area_m2"].gt(0), name="area_zero:facility_area_m2:has_facility")


def schema_for(spec: SheetSpec, columns: set[str]) -> pa.DataFrameSchema:
    cols = {}
    for f in spec.fields:
        if f.key not in columns:
            continue
        if f.kind in (INT, AREA):
            checks = [pa.Check.ge(0)]
            if f.key in BOUNDS:
                checks.append(pa.Check.le(BOUNDS[f.key].most))
            cols[f.key] = pa.Column(float, checks=checks, nullable=True, coerce=True)
        elif f.kind == PERCENT:
            cols[f.key] = pa.Column(float, checks=pa.Check.in_range(0, 1), nullable=True, coerce=True)
    checks = [_part_check(p, w) for p, w in PARTS if p in columns and w in columns]
    if spec.key in ("urban", "rural") and {"has_facility", "facility_area_m2"} <= columns:
        checks += [_area_check(), _area_above_zero()]
    return pa.DataFrameSchema(cols, checks=checks, strict=False)


def validate(frame: pd.DataFrame, spec: SheetSpec, sheet_name: str) -> list[Problem]:
    """Problems of a typed sheet whose index is the file's row numbers."""
    try:
        schema_for(spec, set(frame.columns)).validate(frame, lazy=True)
        return []
    except SchemaErrors as err:
        return _problems(err.failure_cases, frame, sheet_name)


def _problems(cases: pd.DataFrame, frame: pd.DataFrame, sheet: str) -> list[Problem]:
    out = []
    for case in cases.to_dict("records"):
        check = str(case.get("check") or "")
        index = case.get("index")
        if missing(index):
            continue
        row = int(index)
        kind, _, rest = check.partition(":")
        column = case.get("column")
        if check.startswith("greater_than_or_equal_to"):
            out.append(Problem("import.negative", sheet, row, column, frame.at[row, column]))
        elif check.startswith("in_range"):
            out.append(Problem("import.bad_percent", sheet, row, column, frame.at[row, column]))
        elif kind == "part":
            part, whole = rest.split(":")
            out.append(Problem("import.part_above_whole", sheet, row, part,
                               f"{number_text(frame.at[row, part])} > {number_text(frame.at[row, whole])}", whole=whole))
        elif kind == "area":
            out.append(Problem("import.area_missing", sheet, row, "facility_area_m2", None))
        elif kind == "area_zero":
            out.append(Problem("import.area_zero", sheet, row, "facility_area_m2", frame.at[row, "facility_area_m2"]))
        elif check.startswith("less_than_or_equal_to"):  # the bound's check, reported by its error text
            bound = BOUNDS[column]
            out.append(Problem("import.above_bound", sheet, row, column, number_text(frame.at[row, column]),
                               bound=f"{bound.most:,}", reason_zh=bound.why_zh, reason_en=bound.why_en))
    # A row can fail a dataframe-wide check once per column pandera reports; keep one of each.
    seen, unique = set(), []
    for p in out:
        key = (p.key, p.row, p.column)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
