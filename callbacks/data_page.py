"""The data page: upload, check, confirm, history and revert, users. Every callback that
reads an upload or writes anything checks the signed-in user's role on the server first
(routes.auth.role_required); the page hiding a button is never the protection."""
from __future__ import annotations

import base64
import binascii
from datetime import timedelta, timezone

import flask
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

import dash_bootstrap_components as dbc
from data import audit, queries, users
from data.i18n import t
from data.importer import import_files
from data.importer.read import MAX_BYTES
from data.provenance import page_chrome
from layouts import data_page, ids
from routes import auth
import urls


BEIJING = timezone(timedelta(hours=8))  # the users' clock; times are stored in UTC


def page(store, lang: str):
    """The page for the signed-in editor or admin, or the page that asks to sign in."""
    common = page_chrome(store, lang)
    user = auth.require(store, "editor")
    if user is None:
        signed_in = auth.current_user(store)
        return data_page.denied_page(lang, user=signed_in.username if signed_in else None, **common)
    years = queries.years(store)
    return data_page.page(lang, user=user.username, role=user.role, years=years, year=max(years),
                          history=history_rows(store, lang), users=users.list_users(store) if user.can("admin") else [],
                          upload_limit=upload_limit(),
                          audit_events=audit.events(store, AUDIT_ROWS) if user.can("admin") else [], **common)


AUDIT_ROWS = 100  # shown on the page; the CSV has them all


# Room left in a request for everything but the files: the other inputs, the names, the JSON.
REQUEST_OVERHEAD = 64 * 1024


def upload_limit() -> int:
    """How many characters of data URLs one callback request may carry: the server's
    request limit less the room for the rest of the request."""
    return max(int(flask.current_app.config["MAX_CONTENT_LENGTH"]) - REQUEST_OVERHEAD, 0)


def history_rows(store, lang: str) -> list[dict]:
    out = []
    for b in store.batch_history().to_dict("records"):
        if b["status"] == "reverted":
            status = "reverted"
        elif b["shown"] == 0:
            status = "superseded"
        elif b["shown"] < b["county_years"]:
            status = "partly"
        else:
            status = "shown"
        created = b["created_at"]
        created = created.to_pydatetime() if hasattr(created, "to_pydatetime") else created
        if created.tzinfo is None:  # SQLite keeps no zone; the store writes UTC
            created = created.replace(tzinfo=timezone.utc)
        what = t("data.demo_batch", lang) if b["kind"] == "demo" else (b["file_name"] or "")
        out.append({
            "id": int(b["id"]), "when": created.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
            "who": b["created_by"] or "—", "what": what, "rows": int(b["row_count"]),
            "scope": t("data.scope", lang, shown=int(b["shown"]), total=int(b["county_years"])),
            "sha": (b["sha256"] or "")[:12], "status": status,
            "status_text": t(f"data.status_{status}", lang) + (" · " + t("data.simulated", lang)
                                                                if b["is_simulated"] else ""),
            "revertible": b["kind"] == "import" and b["status"] == "active",
        })
    return out


def decode(contents, names) -> tuple[list[tuple[str, bytes]], list[str]]:
    """dcc.Upload's data URLs as (name, bytes); names of files that could not be decoded."""
    contents = contents if isinstance(contents, list) else [contents]
    names = names if isinstance(names, list) else [names]
    files, bad = [], []
    for content, name in zip(contents, names):
        name = str(name or "?")[:200]
        try:
            _, data = str(content).split(",", 1)
            # Decoded whatever its size (the request limit bounds it): the check reports a file
            # over 20 MB, with its real size.
            files.append((name, base64.b64decode(data, validate=True)))
        except (ValueError, binascii.Error):
            bad.append(name)
    return files, bad


def _lang(meta) -> str:
    """The page's language, from the page meta every callback here takes as State."""
    return urls.meta_language(meta)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}" if n >= 10 * 1024 * 1024 else f"{n / 1024 / 1024:.1f}"


def register(app, store, settings) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = settings.upload_limit_mb * 1024 * 1024

    # The browser measures an upload before sending it (assets/pages.js says why).
    app.clientside_callback(ClientsideFunction("dataPage", "gateUpload"), Output(ids.DATA_UPLOADED, "data"),
                            Input(ids.DATA_UPLOAD, "contents"), State(ids.DATA_UPLOAD, "filename"),
                            State(ids.DATA_UPLOAD_LIMIT, "data"))

    @app.callback(Output(ids.DATA_TEMPLATE_BLANK, "href"), Output(ids.DATA_TEMPLATE_FILLED, "href"),
                  Input(ids.DATA_YEAR, "value"), State(ids.PAGE_META, "data"))
    def template_links(year, meta):
        lang = _lang(meta)
        return urls.template_download(year, lang, False), urls.template_download(year, lang, True)

    @app.callback(Output(ids.DATA_PREVIEW, "children"), Output(ids.DATA_CHECKED, "data"),
                  Output(ids.DATA_CONFIRM, "disabled"),
                  Input(ids.DATA_UPLOADED, "data"), Input(ids.DATA_YEAR, "value"), State(ids.PAGE_META, "data"))
    @auth.role_required(store, "editor", rest=(None, True))
    def check_upload(uploaded, year, meta, user):
        lang = _lang(meta)
        if not isinstance(uploaded, dict):
            raise PreventUpdate
        if uploaded.get("too_big"):
            size = int(uploaded["too_big"]) * 3 // 4  # the files' size, not their base64 length
            return (dbc.Alert(t("data.upload_too_big", lang, size=_mb(size),
                                limit=_mb(upload_limit() * 3 // 4), each=MAX_BYTES // 1024 // 1024),
                              color="danger", id=ids.DATA_UPLOAD_TOO_BIG), None, True)
        contents, names = uploaded.get("contents"), uploaded.get("names")
        if not contents:
            raise PreventUpdate
        if year not in queries.years(store):
            return dbc.Alert(t("data.bad_year", lang), color="danger"), None, True
        files, bad = decode(contents, names)
        if bad:
            return dbc.Alert(t("data.bad_upload", lang, files=", ".join(bad)), color="danger"), None, True
        report, _ = import_files(store, files, year, by="", dry_run=True)
        checked = {"sha256": report.sha256, "year": year, "ok": report.ok, "held": bool(report.held)} \
            if report.ok else None
        return data_page.preview(report, lang), checked, not report.may_commit()

    @app.callback(Output(ids.DATA_ACCEPT_BOX, "hidden"), Output(ids.DATA_ACCEPT_UNKNOWN, "value"),
                  Output(ids.DATA_CONFIRM, "disabled", allow_duplicate=True),
                  Input(ids.DATA_CHECKED, "data"), Input(ids.DATA_ACCEPT_UNKNOWN, "value"), prevent_initial_call=True)
    def accept_unknown(checked, accepted):
        """Unknown columns: the confirmation is shown, and Import waits for it. It writes
        nothing; confirm() asks for the same yes on the server."""
        if ctx.triggered_id != ids.DATA_ACCEPT_UNKNOWN:
            accepted = False  # a new check asks again
        held = bool(isinstance(checked, dict) and checked.get("ok") and checked.get("held"))
        ready = bool(isinstance(checked, dict) and checked.get("ok")) and (not held or bool(accepted))
        return not held, accepted, not ready

    @app.callback(Output(ids.DATA_RESULT, "children"), Output(ids.DATA_HISTORY, "children"),
                  Output(ids.DATA_CONFIRM, "disabled", allow_duplicate=True),
                  Output(ids.DATA_CHECKED, "data", allow_duplicate=True),
                  Input(ids.DATA_CONFIRM, "n_clicks"), State(ids.DATA_UPLOADED, "data"),
                  State(ids.DATA_CHECKED, "data"), State(ids.PAGE_META, "data"), State(ids.DATA_ACCEPT_UNKNOWN, "value"),
                  prevent_initial_call=True)
    @auth.role_required(store, "editor", rest=(no_update, True, None))
    def confirm(n_clicks, uploaded, checked, meta, accepted, user):
        lang = _lang(meta)
        contents, names = (uploaded.get("contents"), uploaded.get("names")) if isinstance(uploaded, dict) else (0, 0)
        if not n_clicks or not contents or not isinstance(checked, dict) or not checked.get("ok"):
            raise PreventUpdate
        files, bad = decode(contents, names)
        if bad:
            return dbc.Alert(t("data.bad_upload", lang, files=", ".join(bad)), color="danger"), no_update, True, None
        from data.importer import check, commit
        report = check(files, checked["year"], store)
        if report.sha256 != checked.get("sha256") or not report.ok:
            # Not what was previewed (or the store moved on and it no longer checks): check again.
            return dbc.Alert(t("data.stale", lang), color="warning"), no_update, True, None
        if not report.may_commit(bool(accepted)):
            return (dbc.Alert(t("data.accept_needed", lang), color="warning", id=ids.DATA_ACCEPT_NEEDED),
                    no_update, True, no_update)
        batch = commit(store, report, by=user.username, accept_unknown_columns=bool(accepted))
        auth.audit(audit.IMPORT, object=f"batch {batch}; year {checked['year']}; files {', '.join(map(str, names))}; "
                                        f"sha256 {report.sha256}", result="committed")
        result = dbc.Alert([t("import.committed", lang, batch=batch), " ",
                            html.A(t("data.see_dashboard", lang), href=urls.home(lang, checked["year"]))],
                           color="success", id=ids.DATA_COMMITTED)
        return result, data_page.history_table(history_rows(store, lang), lang, True), True, None

    @app.callback(Output(ids.DATA_REVERT_DIALOG, "displayed"), Output(ids.DATA_REVERT_DIALOG, "message"),
                  Output(ids.DATA_REVERT_PENDING, "data"),
                  Input({"type": ids.DATA_REVERT, "batch": ALL}, "n_clicks"), State(ids.PAGE_META, "data"),
                  prevent_initial_call=True)
    def ask_revert(clicks, meta):
        lang = _lang(meta)
        if not ctx.triggered_id or not any(clicks or []):
            raise PreventUpdate
        batch = ctx.triggered_id["batch"]
        return True, t("data.revert_confirm", lang, batch=batch), batch

    @app.callback(Output(ids.DATA_RESULT, "children", allow_duplicate=True),
                  Output(ids.DATA_HISTORY, "children", allow_duplicate=True),
                  Input(ids.DATA_REVERT_DIALOG, "submit_n_clicks"), State(ids.DATA_REVERT_PENDING, "data"),
                  State(ids.PAGE_META, "data"), prevent_initial_call=True)
    @auth.role_required(store, "editor", rest=(no_update,))
    def revert(submitted, batch, meta, user):
        lang = _lang(meta)
        if not submitted or batch is None:
            raise PreventUpdate
        try:
            store.revert_batch(int(batch), by=user.username)
        except (ValueError, TypeError):
            auth.audit(audit.REVERT, object=f"batch {batch}", result="refused")
            return dbc.Alert(t("data.cannot_revert", lang, batch=batch), color="danger"), no_update
        auth.audit(audit.REVERT, object=f"batch {batch}", result="reverted")
        return (dbc.Alert(t("data.reverted", lang, batch=batch), color="success", id=ids.DATA_REVERTED),
                data_page.history_table(history_rows(store, lang), lang, True))

    @app.callback(Output(ids.USER_RESULT, "children"), Output(ids.USER_TABLE, "children"),
                  Input({"type": ids.USER_ACTION, "action": ALL}, "n_clicks"),
                  State(ids.USER_NAME, "value"), State(ids.USER_PASSWORD, "value"), State(ids.USER_ROLE, "value"),
                  State(ids.PAGE_META, "data"), prevent_initial_call=True)
    @auth.role_required(store, "admin", rest=(no_update,))
    def manage_users(clicks, name, password, role, meta, user):
        lang = _lang(meta)
        if not ctx.triggered_id or not any(clicks or []):
            raise PreventUpdate
        action = ctx.triggered_id["action"]
        target = f"user {(name or '').strip()}" + (f"; role {role}" if action in ("add", "update") else "") + \
            ("; password" if password and action != "disable" else "")
        try:
            if action == "add":
                users.create_user(store, name or "", password or "", role)
            elif action == "update":
                users.update_user(store, (name or "").strip(), role=role, password=password or None, by=user.username)
            else:
                users.update_user(store, (name or "").strip(), active=action == "enable", by=user.username)
        except users.UserError as err:
            auth.audit(audit.USER_CHANGE, object=f"{action} {target}", result=f"refused: {err.key}")
            return dbc.Alert(t(err.key, lang, **err.params), color="danger"), no_update
        auth.audit(audit.USER_CHANGE, object=f"{action} {target}", result="done")
        return (dbc.Alert(t(f"users.done_{action}", lang, name=(name or "").strip()), color="success"),
                data_page.users_table(users.list_users(store), lang))

    @app.callback(Output(ids.URL, "href", allow_duplicate=True), Input(ids.DATA_SIGN_OUT, "n_clicks"),
                  State(ids.PAGE_META, "data"), prevent_initial_call=True)
    def sign_out(n_clicks, meta):
        if not n_clicks:
            raise PreventUpdate
        auth.sign_out()
        return urls.home(_lang(meta))
