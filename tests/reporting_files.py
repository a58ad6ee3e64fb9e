"""A county's report for one year as an editor would send it: the filled template's rows of that
county only, one CSV per sheet (as the data page takes them), with an optional change, for the
tests of the reporting status and of the warnings kept with a batch."""
from __future__ import annotations

import csv
import io

from data.importer.fields import SHEETS
from data.importer.parse import WRITTEN_BOOL, missing
from data.importer.template import _sheet_frame, county_label

YES, NO = WRITTEN_BOOL


def county_report(store, year: int, county: str, change=None) -> list[tuple[str, bytes]]:
    """(file name, bytes) per sheet: the county's rows as the filled template writes them (its
    own code, data.importer.template), for one county only. `change(sheet key, row as
    {field key: value})` may alter each row in place."""
    shown = store.shown_unit_records(year, [county]).sort_values(["kind", "unit_id"])
    cy = store.shown_county_records(year)
    sources = {"urban": shown[shown["kind"] == "urban"], "rural": shown[shown["kind"] == "rural"],
               "county": cy[cy["county_code"] == county]}
    files = []
    for spec in SHEETS:
        frame = _sheet_frame(spec, sources[spec.key], year, {county: county_label(county)})
        rows = []
        for record in frame.to_dict("records"):
            if change is not None:
                change(spec.key, record)
            rows.append(["" if missing(record[f.key]) else record[f.key] for f in spec.fields])
        out = io.StringIO()
        csv.writer(out).writerows([[f.zh for f in spec.fields], [f.en for f in spec.fields], *rows])
        files.append((f"{spec.key}-{county}-{year}.csv", out.getvalue().encode("utf-8-sig")))
    return files


def facilities_everywhere(sheet: str, record: dict) -> None:
    """Every community gets a service facility of 450 m², every village a centre of 400 m² with a
    1200 m² square (a rise of the shares the checks doubt: the demo's villages are far from all
    having one, data/demo.py)."""
    if sheet == "urban" and record.get("has_facility") != YES:
        record["has_facility"] = YES
        record["facility_area_m2"] = 450
    if sheet == "rural" and record.get("has_facility") != YES:
        record["has_facility"] = YES
        record["facility_area_m2"] = 400
        record["square_area_m2"] = 1200
