"""The read-only data API, as a Flask Blueprint on the Dash server.

    GET /api/v1/indicators
    GET /api/v1/values?indicator=&level=province|city|county&year=[&city=][&format=json|csv]
    GET /api/v1/outlook?indicator=&level=&year=[&city=][&format=json|csv]  (data/outlook.py)
    GET /api/v1/quality?year=[&county=][&format=json|csv]  (data/quality.py: plausibility warnings)

A bad parameter is answered 400 with a JSON message in both languages; never 500.
CSV is UTF-8 with a byte-order mark, so Excel opens the Chinese correctly.
"""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, jsonify, request

from data import catalogue, outlook, quality, queries
from data.divisions import CITY_CODES, COUNTY_CODES, division
from data.exports import BOM
from data.progress import missing
from data.queries import QueryError
from routes import context
from routes.errors import json_error
import urls

bp = Blueprint("api", __name__)

VALUE_FIELDS = ["code", "name", "name_en", "numerator", "denominator", "value", "target", "progress", "status"]
OUTLOOK_FIELDS = [f for f in outlook.OUTLOOK_COLUMNS if f != "parent_code"]
# The parameter a query error is about.
_ERROR_PARAMETER = {"query.unknown_indicator": "indicator", "query.unknown_level": "level",
                    "query.level_not_applicable": "level", "query.unknown_year": "year",
                    "query.unknown_city": "city", "outlook.no_target": "indicator",
                    "outlook.year_not_before": "year"}


def _clean(x):
    if missing(x):
        return None
    if hasattr(x, "item"):  # a numpy scalar (a bool of a column of bools)
        x = x.item()
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def indicator_record(ind: catalogue.Indicator) -> dict:
    return {
        "id": ind.id, "section": ind.section, "name_zh": ind.name["zh"], "name_en": ind.name["en"],
        "description_zh": ind.description["zh"], "description_en": ind.description["en"],
        "unit": ind.unit, "target": ind.target, "comparator": ind.comparator if ind.target is not None else None,
        "target_year": ind.target_year, "target_basis": ind.target_basis, "target_levels": list(ind.target_levels),
        "clause": ind.clause, "clause_section": ind.clause_section, "levels": list(ind.levels),
    }


def value_rows(store, indicator: str, level: str, year: int, city: str | None) -> list[dict]:
    frame = queries.values(store, indicator, level, year, city=city)
    return [{f: _clean(row[f]) for f in VALUE_FIELDS} for row in frame.to_dict("records")]


def outlook_rows(store, indicator: str, level: str, year: int, city: str | None) -> tuple[list[dict], dict | None]:
    """The outlook rows (OUTLOOK_FIELDS) and how good the outlook proved, where 2015 is in the data."""
    frame = outlook.table(store, indicator, level, year, city=city)
    return ([{f: _clean(row[f]) for f in OUTLOOK_FIELDS} for row in frame.to_dict("records")],
            outlook.hindsight(frame))


def to_csv(rows: list[dict], fields: list[str] = VALUE_FIELDS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return BOM + out.getvalue()


@bp.get(urls.API_INDICATORS)
def api_indicators():
    return jsonify({"simulated": context.store().is_simulated(),
                    "indicators": [indicator_record(i) for i in catalogue.INDICATORS]})


@bp.get(urls.API_VALUES)
def api_values():
    parsed, refusal = _place_parameters(request.args)
    if refusal is not None:
        return refusal
    indicator, level, year, city, fmt = parsed
    try:
        rows = value_rows(context.store(), indicator, level, year, city)
    except QueryError as err:
        return _query_error(err)
    if fmt == "csv":
        filename = f"{indicator}_{level}_{year}{'_' + city if city else ''}.csv"
        return Response(to_csv(rows).encode("utf-8"), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
                        content_type="text/csv; charset=utf-8")
    return jsonify({"indicator": indicator, "level": level, "year": year, "city": city,
                    "simulated": context.store().is_simulated(), "rows": rows})


def _query_error(err: QueryError):
    body = {"error": {"zh": err.message("zh"), "en": err.message("en")},
            "parameter": _ERROR_PARAMETER.get(err.key, "indicator")}
    return jsonify(body), 400


def _place_parameters(args):
    """((indicator, level, year, city, format), None) from the query string, or (None, the 400
    answer) to a missing or bad one. The store answers the rest (an unknown indicator or year)."""
    for name in ("indicator", "level", "year"):
        if not args.get(name):
            return None, json_error("api.missing_param", name=name)
    fmt = args.get("format", "json")
    if fmt not in ("json", "csv"):
        return None, json_error("api.bad_param", name="format", value=fmt[:40])
    year = urls.year(args["year"])
    if year is None:
        return None, json_error("api.bad_param", name="year", value=args["year"].strip()[:40])
    city = args.get("city") or None
    if city is not None and (city not in CITY_CODES or args["level"] == "province"):
        return None, json_error("api.bad_param", name="city", value=city[:40])
    return (args["indicator"], args["level"], year, city, fmt), None


@bp.get(urls.API_OUTLOOK)
def api_outlook():
    parsed, refusal = _place_parameters(request.args)
    if refusal is not None:
        return refusal
    indicator, level, year, city, fmt = parsed
    store = context.store()
    try:
        rows, proved = outlook_rows(store, indicator, level, year, city)
    except QueryError as err:
        return _query_error(err)
    if fmt == "csv":
        filename = f"outlook_{indicator}_{level}_{year}{'_' + city if city else ''}.csv"
        return Response(to_csv(rows, OUTLOOK_FIELDS).encode("utf-8"), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
                        content_type="text/csv; charset=utf-8")
    ind = catalogue.BY_ID[indicator]
    return jsonify({"indicator": indicator, "level": level, "year": year, "target_year": ind.target_year,
                    "city": city, "simulated": store.is_simulated(), "method": {lang: urls.method(lang) for lang in ("zh", "en")},
                    "hindsight": proved, "rows": rows})


QUALITY_FIELDS = ["county_code", "county_name", "county_name_en", "city_code", "year", "check", "subject", "value",
                  "reference", "threshold", "message_zh", "message_en"]


def quality_rows(store, year: int, county: str | None) -> list[dict]:
    rows = []
    for row in quality.for_store(store, year, county=county).to_dict("records"):
        place = division(row["county_code"])
        rows.append({**{f: _clean(row[f]) for f in quality.COLUMNS}, "county_name": place.name,
                     "county_name_en": place.name_en, "message_zh": quality.message(row, "zh"),
                     "message_en": quality.message(row, "en")})
    return [{f: r[f] for f in QUALITY_FIELDS} for r in rows]


@bp.get(urls.API_QUALITY)
def api_quality():
    args = request.args
    if not args.get("year"):
        return json_error("api.missing_param", name="year")
    fmt = args.get("format", "json")
    if fmt not in ("json", "csv"):
        return json_error("api.bad_param", name="format", value=fmt[:40])
    year = urls.year(args["year"])
    store = context.store()
    if year is None or year not in queries.years(store):
        return json_error("api.bad_param", name="year", value=args["year"].strip()[:40])
    county = args.get("county") or None
    if county is not None and county not in COUNTY_CODES:
        return json_error("api.bad_county", value=county[:40])
    rows = quality_rows(store, year, county)
    if fmt == "csv":
        filename = f"quality_{year}{'_' + county if county else ''}.csv"
        return Response(to_csv(rows, QUALITY_FIELDS).encode("utf-8"), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
                        content_type="text/csv; charset=utf-8")
    return jsonify({"year": year, "county": county, "simulated": store.is_simulated(),
                    "thresholds": quality.THRESHOLDS.__dict__, "checks": list(quality.CHECKS),
                    "method": {lang: urls.method(lang) for lang in ("zh", "en")}, "rows": rows})


@bp.route(urls.API_ANY)
def api_not_found(rest):
    # Without this, Dash's catch-all route would answer with the page.
    return json_error("api.not_found", status=404, path=request.path[:80])


@bp.app_errorhandler(500)
def api_failed(err):
    if request.path.startswith(urls.API_PREFIX):
        return json_error("api.failed", status=500)
    return err
