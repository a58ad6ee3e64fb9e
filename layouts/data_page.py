"""The data page (/data): download the template, upload reports, see what is wrong or what
will change, confirm; the history of imports with revert; user management for admins.
Layout only: callbacks.data_page fills it and checks the role on every action."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.formatting import format_number
from data.i18n import t
from data.importer import value_text
from data.importer.problems import field_headers
from data.users import ROLES
from layouts import components, ids
import urls


def _frame(lang: str, simulated, as_of: str, source: str, children) -> html.Div:
    return components.page_frame(lang, simulated, as_of, source, urls.data, children, page_class="page-text data-page",
                                 title=t("data.title", lang))


def denied_page(lang: str, *, user: str | None, simulated, as_of: str, source: str) -> html.Div:
    """Not signed in, or signed in without the editor role."""
    body = t("data.need_editor", lang, user=user) if user else t("data.need_login", lang)
    return _frame(lang, simulated, as_of, source, [
        html.H1(t("data.title", lang), className="page-title"),
        dbc.Alert(body, color="info", id=ids.DATA_DENIED),
        html.A(t("login.submit", lang), href=urls.login(urls.data(lang), lang),
               className="btn btn-primary btn-lg", id=ids.DATA_LOGIN_LINK),
        " ",
        dcc.Link(t("nav.back_to_overview", lang), href=urls.home(lang), className="btn btn-link btn-lg"),
    ])


def page(lang: str, *, user: str, role: str, years: list[int], year: int, history, users, simulated,
         as_of: str, source: str, upload_limit: int, audit_events=()) -> html.Div:
    year_options = [{"label": str(y), "value": y} for y in years]
    sections = [
        html.Div(className="data-who", children=[
            html.Span(t("data.signed_in", lang, user=user, role=t(f"role.{role}", lang)), id=ids.DATA_WHO),
            dbc.Button(t("login.sign_out", lang), id=ids.DATA_SIGN_OUT, color="link", className="ms-2"),
            html.A(t("password.title", lang), href=urls.password(urls.data(lang), lang), id=ids.DATA_PASSWORD_LINK,
                   className="btn btn-link"),
        ]),
        html.H1(t("data.title", lang), className="page-title"),
        html.P(t("data.intro", lang), className="lead-text"),
        html.P(html.A(t("data.reports_link", lang), href=urls.reports(lang=lang), id=ids.DATA_REPORTS_LINK)),
        html.Div(className="data-year-row", children=[
            # A radio group named by its label: one Tab stop, the arrow keys move the year.
            html.Span(t("data.year", lang), id=f"{ids.DATA_YEAR}-label", className="data-label"),
            html.Div(role="radiogroup", **{"aria-labelledby": f"{ids.DATA_YEAR}-label"}, children=dbc.RadioItems(
                id=ids.DATA_YEAR, name=ids.DATA_YEAR, options=year_options, value=year, inline=True,
                className="btn-group toggle", inputClassName="btn-check",
                labelClassName="btn btn-outline-primary", labelCheckedClassName="active")),
        ]),
        html.H2(t("data.step_template", lang), className="page-subtitle"),
        html.P(t("data.template_help", lang)),
        html.Div(className="data-links", children=[
            html.A(t("data.template_blank", lang), id=ids.DATA_TEMPLATE_BLANK, className="btn btn-outline-primary",
                   href=urls.template_download(year, lang, filled=False)),
            html.A(t("data.template_filled", lang), id=ids.DATA_TEMPLATE_FILLED, className="btn btn-outline-primary",
                   href=urls.template_download(year, lang, filled=True)),
        ]),
        html.H2(t("data.step_upload", lang), className="page-subtitle"),
        # Its hidden file input is named by data-input-label (assets/a11y.js).
        html.Div(**{"data-input-label": t("a11y.upload", lang)}, children=dcc.Upload(
            id=ids.DATA_UPLOAD, multiple=True, accept=".xlsx,.xlsm,.csv", className="data-upload",
            className_active="data-upload active",
            children=html.Div([html.Strong(t("data.upload_drop", lang)), html.Br(),
                               html.Span(t("data.upload_help", lang))]))),
        # The browser passes the upload on only if the server will take it (see callbacks/data_page.py).
        dcc.Store(id=ids.DATA_UPLOAD_LIMIT, data=upload_limit),
        dcc.Store(id=ids.DATA_UPLOADED),
        dcc.Loading(html.Div(id=ids.DATA_PREVIEW, className="data-preview"), type="default"),
        dcc.Store(id=ids.DATA_CHECKED),
        html.H2(t("data.step_confirm", lang), className="page-subtitle"),
        html.P(t("data.confirm_help", lang)),
        # Columns the check does not know hold the import until the user ticks this (or renames them).
        html.Div(dbc.Checkbox(id=ids.DATA_ACCEPT_UNKNOWN, label=t("data.accept_unknown", lang), value=False),
                 id=ids.DATA_ACCEPT_BOX, hidden=True, className="data-accept mb-2"),
        dbc.Button(t("data.confirm", lang), id=ids.DATA_CONFIRM, color="primary", size="lg", disabled=True),
        dcc.Loading(html.Div(id=ids.DATA_RESULT, className="data-result"), type="default"),
        html.H2(t("data.history", lang), className="page-subtitle"),
        html.P(t("data.history_help", lang)),
        components.table_region(history_table(history, lang, can_revert=True), t("data.history", lang), lang,
                                id=ids.DATA_HISTORY),
        dcc.ConfirmDialog(id=ids.DATA_REVERT_DIALOG, message=""),
        dcc.Store(id=ids.DATA_REVERT_PENDING),
    ]
    if role == "admin":
        sections += users_section(users, lang)
        sections += audit_section(audit_events, lang)
    return _frame(lang, simulated, as_of, source, sections)


def problems_table(problems, lang: str, limit: int = 200) -> html.Div:
    """Sheet, row, column, value found and rule: one row per problem."""
    rows = []
    for p in problems[:limit]:
        column = p.column_header(lang)
        rows.append(html.Tr([html.Td(p.sheet or ""), html.Td("" if p.row is None else str(p.row)),
                             html.Td(column), html.Td("" if p.value is None else p.shown_value()),
                             html.Td(p.rule(lang))]))
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in
                               ("data.col_sheet", "data.col_row", "data.col_column", "data.col_value", "data.col_rule")]))
    more = [html.P(t("import.more", lang, n=len(problems) - limit))] if len(problems) > limit else []
    table = html.Table([head, html.Tbody(rows)], className="table table-sm problems-table")
    return html.Div([components.table_region(table, t("region.problems", lang), lang), *more])


def changes_table(changes, lang: str, limit: int = 200) -> html.Div:
    headers = field_headers()
    rows = [html.Tr([html.Td(unit), html.Td(headers.get(column, {}).get(lang, column)),
                     html.Td(value_text(old, lang)), html.Td(value_text(new, lang))])
            for unit, column, old, new in changes[:limit]]
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in
                               ("data.col_unit", "data.col_column", "data.col_old", "data.col_new")]))
    more = [html.P(t("import.more", lang, n=len(changes) - limit))] if len(changes) > limit else []
    table = html.Table([head, html.Tbody(rows)], className="table table-sm changes-table")
    return html.Div([components.table_region(table, t("region.changes", lang), lang), *more])


def preview(report, lang: str) -> list:
    """What the check found: the summary, then errors, warnings and notes, then the changes."""
    out = [html.P(report.summary(lang), className="data-summary", id=ids.DATA_SUMMARY)]
    if report.errors:
        out.append(dbc.Alert(t("import.errors", lang, n=len(report.errors)), color="danger", className="mb-2",
                             id=ids.DATA_ERRORS_TITLE))
        out.append(problems_table(report.errors, lang))
    for key, items, colour in (("import.warnings", report.warnings, "warning"),
                               ("import.plausibility", report.plausibility, "warning"),
                               ("import.notes", report.notes, "info")):
        if items:
            out.append(dbc.Alert(t(key, lang, n=len(items)), color=colour, className="mb-2"))
            out.append(problems_table(items, lang))
    if not report.errors:
        out.append(dbc.Alert(report.changes_line(lang), color="success", id=ids.DATA_CHANGES_TITLE))
        if report.new_units:
            out.append(html.Details([html.Summary(t("data.new_units", lang, n=len(report.new_units))),
                                     html.P(t("list.comma", lang).join(report.new_units[:300]))]))
        if report.changes:
            out.append(changes_table(report.changes, lang))
    return out


def history_table(history, lang: str, can_revert: bool) -> html.Table:
    """Every batch, newest first, with who, when, what and whether it is shown."""
    rows = []
    for b in history:
        status = b["status_text"]
        action = None
        if can_revert and b["revertible"]:
            action = dbc.Button(t("data.revert", lang), id={"type": ids.DATA_REVERT, "batch": b["id"]},
                                color="outline-danger", size="sm")
        rows.append(html.Tr([
            html.Td(str(b["id"])), html.Td(b["when"]), html.Td(b["who"]), html.Td(b["what"]),
            html.Td(format_number(b["rows"])), html.Td(b["scope"]), html.Td(b["sha"], className="mono"),
            html.Td(status), html.Td(action),
        ], className=f"batch-{b['status']}"))
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "data.col_batch", "data.col_when", "data.col_who", "data.col_what", "data.col_rows", "data.col_scope",
        "data.col_sha", "data.col_status", "data.col_action")]))
    return html.Table([head, html.Tbody(rows)], className="table table-sm history-table", id=ids.DATA_HISTORY_TABLE)


def users_section(users, lang: str) -> list:
    role_options = [{"label": t(f"role.{r}", lang), "value": r} for r in ROLES]
    return [
        html.H2(t("users.title", lang), className="page-subtitle", id=ids.DATA_USERS_TITLE),
        html.P(t("users.help", lang)),
        components.table_region(users_table(users, lang), t("users.title", lang), lang, id=ids.USER_TABLE),
        dbc.Row(className="g-2 align-items-end users-form", children=[
            dbc.Col([dbc.Label(t("users.name", lang), html_for=ids.USER_NAME),
                     dbc.Input(id=ids.USER_NAME, type="text", autocomplete="off")], md=3),
            dbc.Col([dbc.Label(t("users.password", lang), html_for=ids.USER_PASSWORD),
                     dbc.Input(id=ids.USER_PASSWORD, type="password", autocomplete="new-password")], md=3),
            dbc.Col([dbc.Label(t("users.role", lang), html_for=ids.USER_ROLE),
                     dbc.Select(id=ids.USER_ROLE, options=role_options, value="editor")], md=2),
            dbc.Col([
                dbc.Button(t(f"users.{a}", lang), id={"type": ids.USER_ACTION, "action": a},
                           color="primary" if a == "add" else "secondary", className="me-2 mb-1")
                for a in ("add", "update", "disable", "enable")], md=4),
        ]),
        html.Div(id=ids.USER_RESULT, className="mt-2"),
    ]


def users_table(users, lang: str) -> html.Table:
    rows = [html.Tr([html.Td(u.username), html.Td(t(f"role.{u.role}", lang)),
                     html.Td(t("users.active" if u.active else "users.disabled", lang))]) for u in users]
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in ("users.name", "users.role", "users.status")]))
    return html.Table([head, html.Tbody(rows)], className="table table-sm users-table")


AUDIT_COLUMNS = ("at", "username", "address", "action", "object", "result")


def audit_section(events, lang: str) -> list:
    """The newest rows of the audit trail (data.audit) and the link to all of it as CSV: admins only."""
    rows = [html.Tr([html.Td(e["at"].strftime("%Y-%m-%d %H:%M:%S") if c == "at" else (e[c] or ""))
                     for c in AUDIT_COLUMNS]) for e in events]
    head = html.Thead(html.Tr([html.Th(t(f"audit.col_{c}", lang)) for c in AUDIT_COLUMNS]))
    return [
        html.H2(t("audit.title", lang), className="page-subtitle", id=ids.AUDIT_TITLE),
        html.P([t("audit.help", lang, n=len(events)), " ",
                html.A(t("audit.csv", lang), href=urls.audit_csv(), id=ids.AUDIT_CSV_LINK)]),
        components.table_region(html.Table([head, html.Tbody(rows)], className="table table-sm audit-table",
                                           id=ids.AUDIT_TABLE), t("audit.title", lang), lang),
    ]
