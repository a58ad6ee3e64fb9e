"""Signing in and out, roles, session expiry and CSRF protection: a Flask Blueprint and the
session helpers that the callbacks which write ask for the signed-in user.

- The session is Flask's signed cookie (HttpOnly, SameSite=Lax). A signed-in user idle for
  Settings.session_minutes is signed out at the next request; the role is read from the
  database on every request, so a change of role or a disabled account counts at once.
- CSRF: every session carries a random token, also sent as the `_csrf_token` cookie, which
  the Dash renderer copies into an X-CSRFToken header on every callback. A POST from a
  signed-in session (every callback, the sign-out) and every sign-in form must carry it.
  Anonymous callbacks can change nothing (each callback that writes checks the role), so
  they need no token, and a dashboard left open for days keeps working.
- REQUIRE_LOGIN: every page, callback and download then needs a signed-in user.
"""
from __future__ import annotations

import functools
import hmac
import secrets
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dash
import flask
from flask import Blueprint

from data import private_files, users
from data.i18n import t
from layouts import components, ids
from layouts import login as login_layout
from routes import context
from settings import ROOT, Settings
import urls

CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
# Paths anyone may load even when sign-in is required: the sign-in page and static files.
PUBLIC_PREFIXES = (urls.LOGIN, "/assets/", "/_dash-component-suites/", "/_favicon.ico")

bp = Blueprint("auth", __name__)


SECRET_KEY_PATH = ROOT / "instance" / "secret_key"


def secret_key(settings: Settings, path: Path = SECRET_KEY_PATH) -> str:
    """SECRET_KEY, or a random key kept in `path` (instance/secret_key) so that restarts and
    workers share it: created mode 600, and tightened to it if found readable by others (whoever
    reads it can sign a session cookie as any user)."""
    if settings.secret_key:
        return settings.secret_key
    path.parent.mkdir(parents=True, exist_ok=True)
    # Exclusive: of several workers starting at once, one writes it.
    private_files.create_exclusive(path, secrets.token_hex(32))
    for _ in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty")


def current_user(store) -> users.User | None:
    """The signed-in, active user of this request, or None."""
    name = flask.session.get("user")
    if not name:
        return None
    user = flask.g.get("user_checked")
    if user is None or user.username != name:
        user = users.get_user(store, name)
        flask.g.user_checked = user
    return user if user is not None and user.active else None


def require(store, role: str) -> users.User | None:
    """The current user if they have `role` (or more), else None. Callbacks that change
    anything call it first and refuse when it is None."""
    user = current_user(store)
    return user if user is not None and user.can(role) else None


def role_required(store, role: str, *, rest: tuple = ()):
    """Decorates a callback that writes: the signed-in user's role is checked on the server
    before the callback runs, so before anything reads its inputs. Without `role`, it answers
    the forbidden alert in the page's language as its first output and `rest` as the others;
    with it, the callback is called with the user as the keyword `user`. The callback takes the
    page meta as a State (that is where the page's language is)."""
    def decorate(callback):
        @functools.wraps(callback)
        def checked(*args):
            user = require(store, role)
            if user is None:
                meta = dash.callback_context.states.get(f"{ids.PAGE_META}.data") or {}
                return (components.forbidden(urls.language(meta.get("lang"))), *rest)
            return callback(*args, user=user)
        return checked
    return decorate


def csrf_token() -> str:
    token = flask.session.get("csrf")
    if not token:
        token = flask.session["csrf"] = secrets.token_urlsafe(32)
    return token


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (an open redirect)."""
    target = target or urls.DATA
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return urls.DATA
    return target


def sign_out() -> None:
    """A fresh session: no user, a new CSRF token."""
    flask.session.clear()
    csrf_token()


def request_language() -> str:
    """The language a plain request asks for (?lang= or a form field), Chinese by default."""
    return urls.language(flask.request.values.get("lang"))


def _login_page(store, lang: str, csrf: str, **kwargs) -> str:
    return login_layout.page(lang, csrf, simulated=bool(store.simulated_part()), **kwargs)


def _token_matches(sent: str | None) -> bool:
    expected = flask.session.get("csrf")
    return bool(expected and sent and hmac.compare_digest(str(sent), str(expected)))


def init_app(server: flask.Flask, settings: Settings) -> None:
    """The session's key and cookie on `server`."""
    server.secret_key = secret_key(settings)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_NAME="lncs_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=7),  # the CSRF token's life; sign-in is shorter
        SESSION_REFRESH_EACH_REQUEST=False)


@bp.before_app_request
def guard():
    session, request = flask.session, flask.request
    settings, store = context.settings(), context.store()
    if not session.permanent:  # setting it marks the session changed: a new cookie on every response
        session.permanent = True
    if session.get("user"):
        seen = session.get("seen", 0)
        if time.time() - seen > settings.session_minutes * 60:
            for key in ("user", "seen"):
                session.pop(key, None)
            session["expired"] = True
        elif time.time() - seen > 30:  # refreshed at most every 30 s: fewer cookies sent
            session["seen"] = int(time.time())
    csrf_token()
    path = request.path
    if request.method == "POST" and (session.get("user") or path in (urls.LOGIN, urls.LOGOUT)):
        sent = request.headers.get(CSRF_HEADER) or request.form.get("csrf")
        if not _token_matches(sent):
            message = t("login.csrf", request_language())
            if path == urls.LOGIN:
                return _login_page(store, request_language(), csrf_token(), error=message,
                                   next_path=_safe_next(request.form.get("next"))), 400
            return flask.jsonify({"error": message}), 400
    if settings.require_login and not path.startswith(PUBLIC_PREFIXES) and current_user(store) is None:
        if request.method == "GET" and not path.startswith(("/_dash", urls.API_PREFIX, urls.DOWNLOAD_PREFIX)):
            return flask.redirect(urls.login(request.full_path.rstrip("?"), request_language()))
        return flask.jsonify({"error": t("login.required", request_language())}), 401
    return None


@bp.after_app_request
def csrf_cookie(response):
    token = flask.session.get("csrf")
    if token and flask.request.cookies.get(CSRF_COOKIE) != token:
        # Readable by the page's script (the Dash renderer sends it back as a header).
        response.set_cookie(CSRF_COOKIE, token, samesite="Lax", secure=context.settings().secure_cookies,
                            httponly=False, max_age=7 * 24 * 3600)
    return response


@bp.route(urls.LOGIN, methods=["GET", "POST"])
def login():
    request, session, store = flask.request, flask.session, context.store()
    lang = request_language()
    next_path = _safe_next(request.values.get("next"))
    if request.method == "GET":
        notice = t("login.expired", lang) if session.pop("expired", False) else None
        return _login_page(store, lang, csrf_token(), next_path=next_path, notice=notice)
    address = request.remote_addr or "?"
    try:
        user = users.authenticate(store, request.form.get("username", ""), request.form.get("password", ""),
                                  address)
    except users.RateLimited as err:
        return _login_page(store, lang, csrf_token(), next_path=next_path,
                           error=t(err.key, lang, **err.params)), 429
    if user is None:
        return _login_page(store, lang, csrf_token(), next_path=next_path,
                           error=t("login.failed", lang)), 401
    session.clear()  # a new session on sign-in: no fixation
    session.permanent = True
    session.update(user=user.username, seen=int(time.time()))
    csrf_token()
    return flask.redirect(next_path)


@bp.post(urls.LOGOUT)
def logout():
    sign_out()
    return flask.redirect(urls.home(request_language()))


@bp.get(urls.WHOAMI)
def whoami():
    """The signed-in user and role as JSON (for scripts and tests)."""
    user = current_user(context.store())
    return flask.jsonify({"user": user.username if user else None, "role": user.role if user else None})

