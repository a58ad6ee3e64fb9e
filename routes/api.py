"""The read-only data API, as a Flask Blueprint on the Dash server.

    GET /api/v1/indicators
    GET /api/v1/values?indicator=&level=province|city|county&year=[&city=][&format=json|csv]

A bad parameter is answered 400 with a JSON message in both languages; never 500.
CSV is UTF-8 with a byte-order mark, so Excel opens the Chinese correctly.
"""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, jsonify, request

from data import catalogue, queries
from data.divisions import CITY_CODES
from data.exports import BOM
from data.progress import missing
from data.queries import QueryError
from routes import context
from routes.errors import json_error
import urls

bp = Blueprint("api", __name__)

VALUE_FIELDS = ["code", "name", "name_en", "numerator", "denominator", "value", "target", "progress", "status"]


def _clean(x):
    if missing(x):
        return None
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


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=VALUE_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return BOM + out.getvalue()


@bp.get(urls.API_INDICATORS)
def api_indicators():
    return jsonify({"simulated": context.store().is_simulated(),
                    "indicators": [indicator_record(i) for i in catalogue.INDICATORS]})


@bp.get(urls.API_VALUES)
def api_values():
    args = request.args
    for name in ("indicator", "level", "year"):
        if not args.get(name):
            return json_error("api.missing_param", name=name)
    fmt = args.get("format", "json")
    if fmt not in ("json", "csv"):
        return json_error("api.bad_param", name="format", value=fmt[:40])
    year_text = args["year"].strip()
    year = urls.year(year_text)
    if year is None:
        return json_error("api.bad_param", name="year", value=year_text[:40])
    city = args.get("city") or None
    level = args["level"]
    if city is not None and (city not in CITY_CODES or level == "province"):
        return json_error("api.bad_param", name="city", value=city[:40])
    try:
        rows = value_rows(context.store(), args["indicator"], level, year, city)
    except QueryError as err:
        name = {"query.unknown_indicator": "indicator", "query.unknown_level": "level",
                "query.level_not_applicable": "level", "query.unknown_year": "year",
                "query.unknown_city": "city"}.get(err.key, "indicator")
        body = {"error": {"zh": err.message("zh"), "en": err.message("en")}, "parameter": name}
        return jsonify(body), 400
    if fmt == "csv":
        filename = f"{args['indicator']}_{level}_{year_text}{'_' + city if city else ''}.csv"
        return Response(to_csv(rows).encode("utf-8"), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
                        content_type="text/csv; charset=utf-8")
    return jsonify({"indicator": args["indicator"], "level": level, "year": year, "city": city,
                    "simulated": context.store().is_simulated(), "rows": rows})


@bp.route(urls.API_ANY)
def api_not_found(rest):
    # Without this, Dash's catch-all route would answer with the page.
    return json_error("api.not_found", status=404, path=request.path[:80])


@bp.app_errorhandler(500)
def api_failed(err):
    if request.path.startswith(urls.API_PREFIX):
        return json_error("api.failed", status=500)
    return err
