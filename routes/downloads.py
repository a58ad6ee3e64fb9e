"""Downloads as plain links (Flask routes): the overview's table, a place's scorecard and a
county's work list, as CSV (UTF-8 with a BOM) or XLSX with a header block.

    /download/table.{csv,xlsx}?indicator=&level=city|county&lang=
    /download/scorecard.{csv,xlsx}?code=&year=&lang=
    /download/worklist.{csv,xlsx}?county=&indicator=<id>|all&year=&lang=

A bad parameter is answered 400 in both languages, as the API does.
"""
from __future__ import annotations

from urllib.parse import quote

from flask import Response, request

from callbacks import tables
from callbacks.api import _error
from data import catalogue, queries
from data.divisions import COUNTY_CODES, DIVISIONS
from data.exports import to_csv, to_xlsx
from data.i18n import LANGUAGES

MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PLACES = set(DIVISIONS["code"])


def _send(sheet, fmt: str) -> Response:
    body = to_csv(sheet) if fmt == "csv" else to_xlsx(sheet)
    name = f"{sheet.title}.{fmt}"
    disposition = f"attachment; filename={name}; filename*=UTF-8''{quote(name)}"
    return Response(body, headers={"Content-Type": MIMETYPES[fmt], "Content-Disposition": disposition})


def _year(store):
    text = request.args.get("year", "").strip()
    years = queries.years(store)
    if not text:
        return max(years), None
    if text.isdigit() and len(text) == 4 and int(text) in years:
        return int(text), None
    return None, _error("api.bad_param", name="year", value=text[:40])


def register(app, store) -> None:
    server = app.server

    @server.get("/download/<kind>.<fmt>")
    def download(kind: str, fmt: str):
        if fmt not in MIMETYPES:
            return _error("api.bad_param", name="format", value=fmt[:40])
        lang = request.args.get("lang", "zh")
        if lang not in LANGUAGES:
            return _error("api.bad_param", name="lang", value=lang[:40])
        args = request.args
        if kind == "table":
            indicator, level = args.get("indicator", ""), args.get("level", "")
            if indicator not in catalogue.BY_ID:
                return _error("api.bad_param", name="indicator", value=indicator[:40])
            if level not in ("city", "county") or level not in catalogue.BY_ID[indicator].levels:
                return _error("api.bad_param", name="level", value=level[:40])
            return _send(tables.overview_table(store, indicator, level, lang), fmt)
        year, problem = _year(store)
        if problem:
            return problem
        if kind == "scorecard":
            code = args.get("code", "")
            if code not in PLACES:
                return _error("api.bad_param", name="code", value=code[:40])
            return _send(tables.scorecard_sheet(store, code, year, lang), fmt)
        if kind == "worklist":
            county, indicator = args.get("county", ""), args.get("indicator", "")
            if county not in COUNTY_CODES:
                return _error("api.bad_param", name="county", value=county[:40])
            if indicator != "all" and indicator not in {i.id for i in catalogue.UNIT_SOURCED}:
                return _error("api.bad_param", name="indicator", value=indicator[:40])
            return _send(tables.worklist(store, county, indicator, year, lang), fmt)
        return _error("api.not_found", status=404, path=request.path[:80])
