"""The reporting status page (/reports): the counties x years grid of reports, simulated and late
county-years, the deadlines, and the data to check kept with each batch; and the small "data to
check" notes of a county page. Built from arguments; callbacks.reports gathers them."""
from __future__ import annotations

from functools import partial

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from data import catalogue
from data.divisions import CITY_CODES, counties_of, division
from data.formatting import format_number
from data.i18n import t
from data.reporting import STATUSES, SYMBOLS, local_day
from layouts import components, ids
import urls
from urls import PlaceState, ReportsState


def status_mark(status: str, lang: str, extra: str = "") -> html.Span:
    """A status as its symbol and its words, never colour alone."""
    return html.Span([html.Span(SYMBOLS[status], className="report-symbol", **{"aria-hidden": "true"}), " ",
                      t(f"reports.status_{status}", lang), extra], className=f"report-status report-{status}")


def legend(lang: str) -> html.Div:
    return html.Div(className="report-legend", children=[
        html.Span(t("reports.legend", lang), className="control-label"),
        *[html.Span(status_mark(s, lang), className="report-legend-item") for s in STATUSES],
    ])


def filters(state: ReportsState, lang: str) -> html.Form:
    """City and status, as a plain GET form: the grid's state is its address (urls.ReportsState)."""
    city_options = [html.Option(t("reports.all_cities", lang), value="", selected=state.city is None)] + [
        html.Option(division(c).label(lang), value=c, selected=state.city == c) for c in CITY_CODES]
    status_options = [html.Option(t("reports.all_statuses", lang), value="", selected=state.status is None)] + [
        html.Option(t(f"reports.status_{s}", lang), value=s, selected=state.status == s) for s in STATUSES]
    return html.Form(method="get", action=urls.REPORTS, className="report-filters", id=ids.REPORTS_FILTERS,
                     **{"aria-label": t("reports.filters", lang)}, children=[
        html.Div([html.Label(t("reports.filter_city", lang), htmlFor=ids.REPORTS_CITY, className="control-label"),
                  html.Select(city_options, id=ids.REPORTS_CITY, name="city", className="form-select")],
                 className="report-filter"),
        html.Div([html.Label(t("reports.filter_status", lang), htmlFor=ids.REPORTS_STATUS, className="control-label"),
                  html.Select(status_options, id=ids.REPORTS_STATUS, name="status", className="form-select")],
                 className="report-filter"),
        dcc.Input(type="hidden", name="lang", value=lang),
        html.Button(t("reports.filter_apply", lang), type="submit", className="btn btn-primary",
                    id=ids.REPORTS_APPLY),
    ])


def missing_downloads(state: ReportsState) -> html.Div:
    """CSV and XLSX of the county-years without a report (the filtered city's)."""
    href = partial(urls.reports_download, state=state)
    return html.Div(className="downloads report-downloads", children=[
        html.Span(t("reports.download_missing", state.lang), className="downloads-label"),
        html.A("CSV", href=href("csv"), className="btn btn-sm btn-outline-primary", id=ids.REPORTS_CSV),
        html.A("XLSX", href=href("xlsx"), className="btn btn-sm btn-outline-primary", id=ids.REPORTS_XLSX),
    ])


def summary_list(lines: list[str], title: str) -> html.Section:
    return html.Section(className="report-summary", children=[
        html.H2(title, className="page-subtitle"),
        html.Ul([html.Li(line) for line in lines], id=ids.REPORTS_SUMMARY, className="report-summary-list"),
    ])


def _cell(row: dict, lang: str) -> html.Td:
    status = row["status"]
    extra = " · " + t("reports.after_deadline", lang) if row["after_deadline"] else ""
    parts = [status_mark(status, lang, extra)]
    if status == "reported":
        parts.append(html.Div(t("reports.cell_batch", lang, batch=int(row["batch_id"]), date=row["date"],
                                user=row["created_by"] or "—", rows=format_number(row["rows"])),
                              className="report-batch"))
    if row["warnings"]:
        if status == "reported":
            rest = (t("reports.cell_unchecked", lang, n=row["unchecked"]) if row["unchecked"]
                    else t("reports.cell_all_checked", lang))
        else:
            rest = ""
        parts.append(html.Div([html.Span("⚠", **{"aria-hidden": "true"}), " ",
                               t("reports.cell_warnings", lang, n=row["warnings"]), rest],
                              className="report-warnings"))
    return html.Td(parts, className=f"report-cell cell-{status}",
                   **{"data-county": row["county_code"], "data-year": str(row["year"]), "data-status": status})


def grid_table(frame: pd.DataFrame, years: list[int], per_city: dict, state: ReportsState) -> html.Table:
    """Rows: the counties, grouped under their city (with the city's counts per year);
    columns: the years. `frame`: data.reporting.grid's rows (with a `date` column, the users' day
    of the batch), already filtered; `per_city`: city -> data.reporting.summary of it."""
    lang = state.lang
    head = html.Thead(html.Tr([html.Th(t("reports.col_county", lang), scope="col")]
                              + [html.Th(str(y), scope="col", className="num") for y in years]))
    by_key = {(r["county_code"], int(r["year"])): r for r in frame.to_dict("records")}
    shown = set(frame["county_code"])
    bodies = []
    for city in CITY_CODES:
        counties = [c for c in counties_of(city) if c in shown]
        if not counties:
            continue
        counts = per_city[city]
        city_row = html.Tr(className="report-city-row", children=[
            html.Th(dcc.Link(division(city).label(lang), href=urls.place("city", city)), scope="rowgroup")] + [
            html.Td(t("reports.city_counts", lang, reported=counts[y]["reported"], total=counts[y]["total"])
                    + (t("reports.city_late", lang, late=counts[y]["late"]) if counts[y]["late"] else ""),
                    className="report-city-count") for y in years])
        rows = [city_row]
        for code in counties:
            place = division(code)
            rows.append(html.Tr([html.Th(dcc.Link(place.label(lang), href=urls.place("county", code)), scope="row",
                                         className="report-county")]
                                + [_cell(by_key[(code, y)], lang) for y in years]))
        bodies.append(html.Tbody(rows, className="report-city"))
    return html.Table([head, *bodies], className="table table-sm report-grid", id=ids.REPORTS_GRID)


def deadlines_table(deadlines: dict, years: list[int], lang: str) -> html.Table:
    rows = []
    for y in years:
        d = deadlines.get(y)
        text = (t("reports.deadline_line", lang, date=d.deadline.isoformat(), user=d.set_by or "—",
                  at=local_day(d.set_at)) if d else t("reports.no_deadline", lang))
        rows.append(html.Tr([html.Th(str(y), scope="row"), html.Td(text)]))
    head = html.Thead(html.Tr([html.Th(t("reports.col_year", lang), scope="col"),
                               html.Th(t("reports.col_deadline", lang), scope="col")]))
    return html.Table([head, html.Tbody(rows)], className="table table-sm report-deadlines", id=ids.REPORTS_DEADLINES)


def deadline_form(years: list[int], lang: str) -> html.Div:
    """For editors: a year and a date (the browser's own date input, keyboard operable)."""
    return html.Div(className="report-deadline-form", children=[
        html.Div([dbc.Label(t("reports.deadline_year", lang), html_for=ids.REPORTS_DEADLINE_YEAR),
                  dbc.Select(id=ids.REPORTS_DEADLINE_YEAR, options=[{"label": str(y), "value": str(y)} for y in years],
                             value=str(max(years)))], className="report-filter"),
        html.Div([dbc.Label(t("reports.deadline_date", lang), html_for=ids.REPORTS_DEADLINE_DATE),
                  dbc.Input(id=ids.REPORTS_DEADLINE_DATE, type="date")], className="report-filter"),
        dbc.Button(t("reports.deadline_save", lang), id=ids.REPORTS_DEADLINE_SAVE, color="primary"),
    ])


def warnings_table(rows: list[dict], lang: str, editor: bool) -> html.Div:
    """The data to check kept with the batches shown: county, year, batch, the warning, and its
    check (for an editor, a note and a button while it is not checked)."""
    if not rows:
        return html.P(t("reports.warnings_none", lang), id=ids.REPORTS_WARNINGS_NONE)
    body = []
    for w in rows:
        place = division(w["county_code"])
        if w["checked"][lang]:
            check = html.Span(w["checked"][lang], className="report-checked")
        elif editor:
            label = t("reports.note_label", lang, county=place.label(lang), year=w["year"])
            check = html.Div(className="report-check-form", children=[
                # The label wraps its input (a pattern id has no plain id for a `for`).
                html.Label([html.Span(label, className="visually-hidden"),
                            dbc.Input(id={"type": ids.REPORTS_NOTE, "warning": int(w["id"])}, type="text",
                                      maxLength=500, placeholder=t("reports.note_placeholder", lang))],
                           className="report-note"),
                dbc.Button(t("reports.mark_checked", lang), id={"type": ids.REPORTS_MARK, "warning": int(w["id"])},
                           color="outline-primary", size="sm"),
            ])
        else:
            check = html.Span(t("reports.not_checked", lang))
        county_page = urls.place("county", place.code, PlaceState(
            indicator=w["indicator"] or catalogue.DEFAULT_INDICATOR, year=int(w["year"]), lang=lang))
        body.append(html.Tr([html.Td(dcc.Link(place.label(lang), href=county_page)),
                             html.Td(str(w["year"]), className="num"),
                             html.Td(str(int(w["batch_id"])), className="num"),
                             html.Td(w["message"][lang]), html.Td(check)],
                            className="report-warning", **{"data-warning": str(int(w["id"]))}))
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in (
        "reports.col_county", "reports.col_year", "reports.col_batch", "reports.col_warning", "reports.col_checked")]))
    table = html.Table([head, html.Tbody(body)], className="table table-sm report-warnings-table",
                       id=ids.REPORTS_WARNINGS_TABLE)
    return components.table_region(table, t("reports.warnings_title", lang), lang)


def body(*, frame: pd.DataFrame, years: list[int], per_city: dict, state: ReportsState, deadlines: dict,
         warnings: list[dict], editor: bool) -> dict:
    """The parts an editor's action redraws, by the id of the box each is drawn in."""
    lang = state.lang
    grid = (components.table_region(grid_table(frame, years, per_city, state), t("reports.grid_title", lang), lang)
            if len(frame) else html.P(t("reports.filtered_none", lang), id=ids.REPORTS_EMPTY))
    return {
        ids.REPORTS_GRID_BOX: grid,
        ids.REPORTS_DEADLINES_BOX: components.table_region(deadlines_table(deadlines, years, lang),
                                                           t("reports.deadlines_title", lang), lang),
        ids.REPORTS_WARNINGS_BOX: warnings_table(warnings, lang, editor),
    }


def page(*, state: ReportsState, years: list[int], summary_lines: list[str], summary_title: str, notices: list,
         parts: dict, editor: bool, simulated, as_of: str, source: str) -> html.Div:
    lang = state.lang
    if editor:
        deadline_tools = [deadline_form(years, lang), html.Div(id=ids.REPORTS_RESULT, className="report-result")]
        mark_result = [html.Div(id=ids.REPORTS_MARK_RESULT, className="report-result")]
    else:
        deadline_tools = [html.P([t("reports.sign_in_hint", lang), " ",
                                  html.A(t("login.submit", lang), href=urls.login(urls.reports(state), lang),
                                         id=ids.REPORTS_LOGIN_LINK)], className="report-sign-in")]
        mark_result = []
    return components.page_frame(lang, simulated, as_of, source, lambda other: urls.reports(state, lang=other), [
        html.H1(t("reports.title", lang), className="page-title"),
        html.Div(notices, className="notices"),
        html.P(t("reports.intro", lang), className="lead-text"),
        summary_list(summary_lines, summary_title),
        filters(state, lang),
        missing_downloads(state),
        html.H2(t("reports.grid_title", lang), className="page-subtitle"),
        html.P(t("reports.grid_help", lang)),
        legend(lang),
        html.Div(parts[ids.REPORTS_GRID_BOX], id=ids.REPORTS_GRID_BOX),
        html.H2(t("reports.deadlines_title", lang), className="page-subtitle"),
        html.P(t("reports.deadlines_help", lang)),
        html.Div(parts[ids.REPORTS_DEADLINES_BOX], id=ids.REPORTS_DEADLINES_BOX),
        *deadline_tools,
        html.H2(t("reports.warnings_title", lang), className="page-subtitle"),
        html.P(t("reports.warnings_help", lang)),
        *mark_result,
        html.Div(parts[ids.REPORTS_WARNINGS_BOX], id=ids.REPORTS_WARNINGS_BOX),
        dcc.Store(id=ids.REPORTS_STATE, data=state.to_query()),
    ], page_class="page-text reports-page", title=t("reports.title", lang))


# ---------------------------------------------------------------------------- the county page
def indicator_note(warnings: list[dict], lang: str) -> html.Div:
    """"数据存疑 / data to check" beside an indicator's row: each warning, and its check once made."""
    return html.Div(className="to-check", children=[
        html.Span([html.Span("⚠", **{"aria-hidden": "true"}), " ", t("reports.to_check", lang)],
                  className="to-check-label"),
        *[html.Div([w["message"][lang]] + ([html.Br(), html.Span(w["checked"][lang], className="to-check-done")]
                                            if w["checked"][lang] else []), className="to-check-item")
          for w in warnings],
    ])


def county_notes(warnings: list[dict], year: int, lang: str) -> list:
    """The warnings about the whole report (not one indicator), above the scorecard."""
    whole = [w for w in warnings if w["indicator"] is None]
    if not whole:
        return []
    return [html.Div(className="to-check county-to-check", id=ids.COUNTY_TO_CHECK, children=[
        html.Strong([html.Span("⚠", **{"aria-hidden": "true"}), " ", t("reports.to_check", lang), " · "]),
        t("reports.county_notes", lang, year=year),
        html.Ul([html.Li([w["message"][lang]] + ([" — ", w["checked"][lang]] if w["checked"][lang] else []))
                 for w in whole]),
    ])]
