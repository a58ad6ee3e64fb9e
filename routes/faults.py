"""The last guard against exceptions: bad input is answered 4xx in both languages, a server fault
500, each with one log line and never a traceback (to the user or in the log).

The causes are fixed where they are (every parser takes any value); this is what answers when
one is missed. A callback request whose body or values a callback could not take is the
client's fault (400), so are unknown files under /_dash-component-suites/ (404); any other
exception is the server's (500, and the API keeps its JSON body).
"""
from __future__ import annotations

import logging

import flask
from dash.exceptions import DependencyException, PreventUpdate
from werkzeug.exceptions import HTTPException

from data.i18n import t
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
