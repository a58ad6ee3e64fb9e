"""The last guard against exceptions: bad input is answered 4xx in both languages, a server fault
500, each with one log line and never a traceback (to the user or in the log).

The causes are fixed where they are (every parser takes any value); this is what answers when
one is missed. A callback request whose body or values a callback could not take is the
client's fault (400), so are unknown files under /_dash-component-suites/ (404); any other
exception is the server's (500, and the API keeps its JSON body).

A database that does not answer (down, restarting, unreachable within DB_CONNECT_TIMEOUT, a
pool with no free connection within DB_POOL_TIMEOUT, a statement cancelled by
DB_STATEMENT_TIMEOUT, a locked SQLite file) is neither: 503 with Retry-After (DB_RETRY_AFTER).
Callbacks, the API and downloads get the JSON error body in both languages, with `retry_after`
and `ready` (the /readyz to poll), which assets/outage.js turns into the page's banner; a page
itself gets a short page in its language that reloads after Retry-After. The pool's pre-ping
replaces the dropped connections once the database is back, so no restart is needed.
"""
from __future__ import annotations

import logging

import flask
from dash.exceptions import DependencyException, PreventUpdate
from markupsafe import escape
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException

from data.i18n import LANGUAGES, t
from routes import context
from routes.errors import json_error
import urls

log = logging.getLogger("dashboard.requests")

CALLBACK_PATH = "/_dash-update-component"
# What a callback (or Dash reading its body) raises when the request holds a value of a type,
# a shape or a depth it cannot take: the request's fault. Anything else is the server's.
REQUEST_FAULTS = (KeyError, IndexError, TypeError, AttributeError, ValueError, RecursionError, UnicodeError,
                  LookupError)


def _one_line(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}"
    return " ".join(text.split())[:300]


def _where() -> str:
    request = flask.request
    return f"{request.method} {request.path[:120]} from {request.remote_addr or '?'}"


def store_unavailable(err: BaseException | None) -> bool:
    """Whether `err` (or an exception it was raised from) says that the database does not
    answer, rather than that a query is wrong (those stay 500s: a bug to fix)."""
    for _ in range(10):
        if err is None:
            return False
        if isinstance(err, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)):
            return True
        if isinstance(err, sa_exc.DBAPIError) and err.connection_invalidated:
            return True
        err = err.__cause__ or err.__context__
    return False


def unavailable(err: BaseException):
    """503 with Retry-After, in the request's language, and one log line."""
    log.warning("%s: database unavailable: %s", _where(), _one_line(getattr(err, "orig", None) or err))
    seconds = context.settings().db_retry_after
    path = flask.request.path
    if path == CALLBACK_PATH or path.startswith((urls.API_PREFIX, urls.DOWNLOAD_PREFIX)):
        key = "db.unavailable_page" if path == CALLBACK_PATH else "db.unavailable"
        response = flask.jsonify({"error": {lang: t(key, lang) for lang in LANGUAGES},
                                  "retry_after": seconds, "ready": urls.READYZ})
    else:
        lang = urls.language(flask.request.args.get("lang"))
        response = flask.Response(_unavailable_page(lang, seconds), mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = str(seconds)
    return response


def _unavailable_page(lang: str, seconds: int) -> str:
    # A refresh, not a script: the page's own scripts are what could not be served.
    return (f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="{int(seconds)}"><title>{escape(t("app.title", lang))}</title>'
            f'</head><body><p role="alert">{escape(t("db.unavailable_page", lang))}</p></body></html>')


def failed(err: Exception):
    """The answer to an exception no view handled."""
    if isinstance(err, PreventUpdate):  # Dash answers it itself; should one get here, it is "no change"
        return flask.Response(status=204)
    if isinstance(err, HTTPException):
        if flask.request.path == CALLBACK_PATH and err.code == 400:  # a body that is not JSON
            log.warning("%s: refused: %s", _where(), _one_line(err))
            return json_error("request.bad", status=400)
        return err
    if isinstance(err, DependencyException):
        log.warning("%s: no such file: %s", _where(), _one_line(err).split(" List of ")[0][:160])
        return json_error("request.not_found", status=404)
    if store_unavailable(err):
        return unavailable(err)
    path = flask.request.path
    if path == CALLBACK_PATH and isinstance(err, REQUEST_FAULTS):
        log.warning("%s: refused: %s", _where(), _one_line(err))
        return json_error("request.bad", status=400)
    log.error("%s: failed: %s", _where(), _one_line(err))
    if path == CALLBACK_PATH or path.startswith(urls.API_PREFIX):
        return json_error("api.failed", status=500)
    lang = urls.language(flask.request.args.get("lang"))
    return flask.Response(t("api.failed", lang), status=500, mimetype="text/plain; charset=utf-8")


def init_app(server: flask.Flask) -> None:
    """Answers every exception on `server` as above."""
    server.register_error_handler(Exception, failed)
