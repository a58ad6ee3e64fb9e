"""The reporting status page (/reports): gather its grid, deadlines and data to check, and the
editors' two actions (set a deadline, mark a warning checked). Each action checks the editor's
role on the server first (routes.auth.role_required; the signed-in session's callbacks carry
its CSRF token) and is recorded in the audit log."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from data import audit, queries, reporting
from data.divisions import CITY_CODES, division
from data.i18n import t
from data.provenance import page_chrome
from layouts import components, ids, reports
from routes import auth
import urls


def _model(store, state: urls.ReportsState, editor: bool) -> dict:
    """The page's redrawn parts (layouts.reports.body) for `state`, by the id of their box."""
    years = queries.years(store)
    frame = reporting.grid(store)
    per_city = {city: reporting.summary(frame, city) for city in CITY_CODES}
    shown = frame
    if state.city:
        shown = shown[shown["city_code"] == state.city]
    if state.status:
        counties = set(shown.loc[shown["status"] == state.status, "county_code"])
        shown = shown[shown["county_code"].isin(counties)]
    shown = shown.assign(date=[reporting.local_day(at) if at is not None and at == at else ""
                               for at in shown["created_at"]])
    warnings = []
    for row in reporting.stored_warnings(store).to_dict("records"):
        if state.city and division(row["county_code"]).parent_code != state.city:
            continue
        warnings.append(reporting.described(row))
    return reports.body(frame=shown, years=years, per_city=per_city, state=state, deadlines=reporting.deadlines(store),
                        warnings=warnings, editor=editor)


def page(store, search: str | None):
    """(page, lang) for /reports?city=&status=&lang=."""
    state, problems = urls.parse_reports(search)
    lang = state.lang
    editor = auth.require(store, "editor") is not None
    frame = reporting.grid(store)
    counts = reporting.summary(frame, state.city)
    lines = [reporting.summary_line(y, c, lang) for y, c in sorted(counts.items(), reverse=True)]
    title = (t("reports.summary_city", lang, city=division(state.city).label(lang)) if state.city
             else t("reports.summary_title", lang))
    tree = reports.page(state=state, years=queries.years(store), summary_lines=lines, summary_title=title,
                        notices=components.problem_notices(problems, lang), parts=_model(store, state, editor),
                        editor=editor, **page_chrome(store, lang))
    return tree, lang


def _state(query) -> urls.ReportsState:
    return urls.parse_reports(query if isinstance(query, str) else "")[0]


BOXES = (ids.REPORTS_GRID_BOX, ids.REPORTS_DEADLINES_BOX, ids.REPORTS_WARNINGS_BOX)


def _redrawn(store, query) -> tuple:
    parts = _model(store, _state(query), editor=True)
    return tuple(parts[box] for box in BOXES)


def register(app, store) -> None:
    @app.callback(Output(ids.REPORTS_RESULT, "children"), *[Output(box, "children") for box in BOXES],
                  Input(ids.REPORTS_DEADLINE_SAVE, "n_clicks"), State(ids.REPORTS_DEADLINE_YEAR, "value"),
                  State(ids.REPORTS_DEADLINE_DATE, "value"), State(ids.REPORTS_STATE, "data"),
                  State(ids.PAGE_META, "data"), prevent_initial_call=True)
    @auth.role_required(store, "editor", rest=(no_update,) * len(BOXES))
    def save_deadline(n_clicks, year, date_text, query, meta, user):
        if not n_clicks:
            raise PreventUpdate
        lang = urls.meta_language(meta)
        year_ = urls.year(year) if isinstance(year, str) else None
        try:
            done = reporting.set_deadline(store, year_ if year_ is not None else year, date_text, user.username)
        except reporting.ReportingError as err:
            auth.audit(audit.DEADLINE, object=f"year {str(year)[:10]}; deadline {str(date_text)[:20]}",
                       result=f"refused: {err.key}")
            return (dbc.Alert(err.message(lang), color="danger", id=ids.REPORTS_REFUSED),
                    *(no_update,) * len(BOXES))
        auth.audit(audit.DEADLINE, object=f"year {done.year}; deadline {done.deadline.isoformat()}", result="set")
        return (dbc.Alert(t("reports.deadline_saved", lang, year=done.year, date=done.deadline.isoformat()),
                          color="success", id=ids.REPORTS_SAVED), *_redrawn(store, query))

    @app.callback(Output(ids.REPORTS_MARK_RESULT, "children"),
                  *[Output(box, "children", allow_duplicate=True) for box in BOXES],
                  Input({"type": ids.REPORTS_MARK, "warning": ALL}, "n_clicks"),
                  State({"type": ids.REPORTS_NOTE, "warning": ALL}, "value"), State(ids.REPORTS_STATE, "data"),
                  State(ids.PAGE_META, "data"), prevent_initial_call=True)
    @auth.role_required(store, "editor", rest=(no_update,) * len(BOXES))
    def mark_checked(clicks, notes, query, meta, user):
        if not isinstance(ctx.triggered_id, dict) or not any(clicks or []):
            raise PreventUpdate
        lang = urls.meta_language(meta)
        warning = ctx.triggered_id.get("warning")
        note = None
        for entry in ctx.states_list[0] if ctx.states_list else []:
            if isinstance(entry, dict) and entry.get("id", {}).get("warning") == warning:
                note = entry.get("value")
        try:
            reporting.mark_checked(store, warning, note, user.username)
        except reporting.ReportingError as err:
            auth.audit(audit.WARNING_CHECKED, object=f"warning {str(warning)[:20]}", result=f"refused: {err.key}")
            return (dbc.Alert(err.message(lang), color="danger", id=ids.REPORTS_REFUSED),
                    *(no_update,) * len(BOXES))
        auth.audit(audit.WARNING_CHECKED, object=f"warning {warning}; note {' '.join(str(note).split())[:500]}",
                   result="checked")
        return (dbc.Alert(t("reports.marked", lang), color="success", id=ids.REPORTS_SAVED), *_redrawn(store, query))
