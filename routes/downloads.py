"""Downloads as plain links (a Flask Blueprint): the overview's table, a place's scorecard and a
county's work list, as CSV (UTF-8 with a BOM) or XLSX with a header block; the import template.

    /download/table.{csv,xlsx}?indicator=&level=city|county&lang=
    /download/scorecard.{csv,xlsx}?code=&year=&lang=
    /download/worklist.{csv,xlsx}?county=&indicator=<id>|all&year=&lang=
    /download/missing.{csv,xlsx}?city=&lang=       the county-years without a report (/reports)
    /download/template.xlsx?year=[&filled=1]&lang=
    /download/circular.docx?year=&lang=            the 通报 (documents/circular.py)
    /download/profile.pdf?code=&year=&lang=        a city's or county's profile (documents/profile.py)

A bad parameter is answered 400 in both languages, as the API does.
"""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, request

from data import catalogue, queries, reports
from data.divisions import CITY_CODES, COUNTY_CODES, DIVISIONS, PROVINCE_CODE
from data.exports import to_csv, to_xlsx
from data.i18n import t
from data.importer.template import template
from routes.auth import request_language, require
from routes import context
from routes.errors import json_error
import urls

MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PLACES = set(DIVISIONS["code"])

bp = Blueprint("downloads", __name__)


def _send(sheet, fmt: str) -> Response:
    body = to_csv(sheet) if fmt == "csv" else to_xlsx(sheet)
    name = f"{sheet.title}.{fmt}"
    disposition = f"attachment; filename={name}; filename*=UTF-8''{quote(name)}"
    return Response(body, headers={"Content-Type": MIMETYPES[fmt], "Content-Disposition": disposition})


def _year():
    text = request.args.get("year", "").strip()
    years = queries.years(context.store())
    if not text:
        return max(years), None
    year = urls.year(text, years)
    if year is not None:
        return year, None
    return None, json_error("api.bad_param", name="year", value=text[:40])


@bp.get(urls.DOWNLOAD)
def download(kind: str, fmt: str):
    if fmt not in MIMETYPES:
        return json_error("api.bad_param", name="format", value=fmt[:40])
    lang = request.args.get("lang", "zh")
    if urls.language(lang) != lang:
        return json_error("api.bad_param", name="lang", value=lang[:40])
    args = request.args
    if kind == "table":
        indicator, level = args.get("indicator", ""), args.get("level", "")
        if indicator not in catalogue.BY_ID:
            return json_error("api.bad_param", name="indicator", value=indicator[:40])
        if level not in ("city", "county") or level not in catalogue.BY_ID[indicator].levels:
            return json_error("api.bad_param", name="level", value=level[:40])
        return _send(reports.overview_table(context.store(), indicator, level, lang), fmt)
    if kind == "missing":  # the county-years without a report (data.reporting, /reports)
        from data import reporting
        city = args.get("city") or None
        if city is not None and city not in CITY_CODES:
            return json_error("api.bad_param", name="city", value=city[:40])
        return _send(reporting.missing_sheet(context.store(), lang, city), fmt)
    year, problem = _year()
    if problem:
        return problem
    if kind == "scorecard":
        code = args.get("code", "")
        if code not in PLACES:
            return json_error("api.bad_param", name="code", value=code[:40])
        return _send(reports.scorecard_sheet(context.store(), code, year, lang), fmt)
    if kind == "worklist":
        county, indicator = args.get("county", ""), args.get("indicator", "")
        if county not in COUNTY_CODES:
            return json_error("api.bad_param", name="county", value=county[:40])
        if indicator != "all" and indicator not in {i.id for i in catalogue.UNIT_SOURCED}:
            return json_error("api.bad_param", name="indicator", value=indicator[:40])
        return _send(reports.worklist(context.store(), county, indicator, year, lang), fmt)
    return json_error("api.not_found", status=404, path=request.path[:80])


@bp.get(urls.TEMPLATE)
def template_download():
    """The import template for a year: blank, or filled with what the dashboard shows (for
    editors only: it is the costliest download, and it is what an editor fills in)."""
    args = request.args
    filled = args.get("filled") == "1"
    if filled and require(context.store(), "editor") is None:
        return Response(t("request.editor_only", request_language()), status=403,
                        mimetype="text/plain; charset=utf-8")
    year = urls.year(args.get("year", ""), queries.years(context.store()))
    if year is None:
        return Response(t("data.bad_year", request_language()), status=400, mimetype="text/plain; charset=utf-8")
    body = template(year, context.store() if filled else None)
    name = f"community-report-{year}{'-data' if filled else ''}.xlsx"
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# ---------------------------------------------------------------------- documents (issue 17)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document_args():
    """(lang, year, problem) for a document's query: an unknown language or year is a 400."""
    lang = request.args.get("lang", "zh")
    if urls.language(lang) != lang:
        return None, None, json_error("api.bad_param", name="lang", value=lang[:40])
    year, problem = _year()
    return lang, year, problem


def _send_document(body: bytes, mimetype: str, name: str) -> Response:
    disposition = f"attachment; filename={name}; filename*=UTF-8''{quote(name)}"
    return Response(body, headers={"Content-Type": mimetype, "Content-Disposition": disposition})


def _kept(kind: str, params: dict, lang: str, builder) -> bytes:
    """The document built once per data version and kept (documents.cache)."""
    from documents import cache
    documents = cache.for_store(context.store(), context.settings())
    return documents.build(documents.key(kind, params, lang), builder)


@bp.get(urls.CIRCULAR)
def circular_download():
    """The 通报 for a year, as Word (documents/circular.py)."""
    from documents import circular
    lang, year, problem = _document_args()
    if problem:
        return problem
    store = context.store()
    body = _kept("circular", {"year": year}, lang, lambda: circular.build(store, year, lang))
    return _send_document(body, DOCX, f"circular-{year}-{lang}.docx")


@bp.get(urls.PROFILE)
def profile_download():
    """A city's or county's profile for a year, as PDF (documents/profile.py)."""
    from documents import profile
    lang, year, problem = _document_args()
    if problem:
        return problem
    code = request.args.get("code", "")
    if code not in PLACES or code == PROVINCE_CODE:
        return json_error("api.bad_param", name="code", value=code[:40])
    store = context.store()
    try:
        body = _kept("profile", {"code": code, "year": year}, lang, lambda: profile.build(store, code, year, lang))
    except profile.FontMissing:
        # A server without the TrueType CJK font (Debian's fonts-wqy-microhei): say so, not a 500.
        return json_error("documents.font_missing", status=503)
    return _send_document(body, "application/pdf", f"profile-{code}-{year}-{lang}.pdf")


def _built(kind: str, params: dict, lang: str, builder) -> Response | bytes:
    """The document from the cache; else built here, in the host's one web slot for building
    (documents.slots), so that at most one worker per host is ever busy building. With the slot
    taken, or the same document being built by another, the answer is a 503 with Retry-After at
    once: the page's button builds in the background instead (callbacks/documents.py)."""
    from documents import cache, slots
    store = context.store()
    documents = cache.for_store(store, context.settings())
    key = documents.key(kind, params, lang)
    body = documents.get(key)
    if body is not None:
        return body
    with slots.slot(store, "web") as taken:
        if taken:
            try:
                return documents.build(key, builder, wait_s=0)
            except cache.Busy:
                pass
    response, status = json_error("deck.busy", status=503, seconds=slots.RETRY_AFTER_S)
    response.status_code = status
    response.headers["Retry-After"] = str(slots.RETRY_AFTER_S)
    return response


@bp.get(urls.DECK)
def deck_download():
    """The presentation as PowerPoint (documents/deck.py), with /present's parameters; a bad one
    is a 400 in both languages."""
    from documents import deck
    store = context.store()
    state, bad = deck.parse(request.args, queries.years(store))
    if bad is not None:
        name, value = bad
        return json_error("api.bad_param", name=name, value=value[:40])

    def build():
        from documents import cache
        images = cache.for_store(store, context.settings()).images
        return deck.build(store, state, images_cache=images)

    body = _built("deck", deck.params(state), state.lang, build)
    if isinstance(body, Response):
        return body
    return _send_document(body, deck.MIME, deck.file_name(state))
