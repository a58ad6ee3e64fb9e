"""Signing in and out, roles, session expiry and CSRF protection: a Flask Blueprint and the
session helpers that the callbacks which write ask for the signed-in user.

- The session is Flask's signed cookie (HttpOnly, SameSite=Lax), holding Flask-Login's user
  id. That id names the user's session generation (data.users), which the user loader checks
  against the database on every request: a sign-out, a password, role or status change bumps
  it and so ends every session of the user at once, copied cookies included. A signed-in user
  idle for Settings.session_minutes, or signed in for Settings.session_max_hours however
  active, is signed out at the next request. Sign-in starts a new session (a new cookie).
- Sign-in: only GET shows the form (HEAD is GET without a body) and only a POST with the CSRF
  token attempts. Failures are throttled per (name, address) pair by data.users.
  TRUSTED_PROXIES (ProxyFix) says how many proxies' X-Forwarded-For to believe; none by default.
- CSRF: Flask-WTF's tokens (CSRFProtect), checked here rather than on every POST: every
  session carries a token, also sent as the `_csrf_token` cookie, which the Dash renderer
  copies into an X-CSRFToken header on every callback. A POST from a signed-in session (every
  callback, the sign-out) and every sign-in or password form must carry it. Anonymous
  callbacks can change nothing (each callback that writes checks the role), so they need no
  token, and a dashboard left open for days keeps working (tokens have no time limit of
  their own: a signed-in session's is bounded by the session's lifetime).
- REQUIRE_LOGIN: every page, callback and download then needs a signed-in user.
- The audit trail (data.audit) gets every sign-in, failure, sign-out, expiry, password
  change and signed-in download; audit() records one with this request's user and address.
"""
from __future__ import annotations

import functools
import secrets
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dash
import flask
import flask_login
from flask import Blueprint
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf, validate_csrf
from werkzeug.middleware.proxy_fix import ProxyFix
from wtforms import ValidationError

from data import audit as audit_log
from data import private_files, users
from data.i18n import t
from layouts import components, ids
from layouts import login as login_layout
from routes import context, static_files
from settings import ROOT, Settings
import urls

CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
# The form field of the token; Flask-WTF also names its session key and request cache so.
CSRF_FIELD = "csrf"
# Paths anyone may load even when sign-in is required: the sign-in page and static files.
PUBLIC_PREFIXES = (urls.LOGIN, "/assets/", "/_dash-component-suites/", "/_favicon.ico")
# Where a user with a one-time password may go before changing it.
MUST_CHANGE_OPEN = (urls.PASSWORD, urls.LOGOUT, urls.LOGIN, urls.WHOAMI, "/assets/", "/_dash-component-suites/",
                    "/_favicon.ico")

bp = Blueprint("auth", __name__)
login_manager = flask_login.LoginManager()
# No remote-address binding: sessions end by generation, idle time and lifetime instead.
login_manager.session_protection = None
csrf = CSRFProtect()


@login_manager.user_loader
def _load_user(session_user_id: str) -> users.User | None:
    """The session's user while its generation is current and the account active; else None."""
    parsed = users.parse_session_id(session_user_id)
    if parsed is None:
        return None
    user = users.get_user(context.store(), parsed[0])
    return user if user is not None and user.active and user.session_gen == parsed[1] else None


def client_address() -> str:
    """The client's address (the proxy's X-Forwarded-For once ProxyFix trusts it)."""
    return (flask.request.remote_addr or "?")[:64]


def audit(action: str, *, object: str | None = None, result: str | None = "ok", user: str | None = None) -> None:
    """Records `action` in the audit trail with this request's user (unless named) and address."""
    if user is None:
        signed_in = flask_login.current_user
        user = signed_in.username if signed_in.is_authenticated else None
    audit_log.record(context.store(), action, user=user, address=client_address(), object=object, result=result)


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
    """The signed-in, active user of this request (Flask-Login's, checked against the store), or None."""
    user = flask_login.current_user
    return user if user.is_authenticated and user.active else None


def require(store, role: str) -> users.User | None:
    """The current user if they have `role` (or more) and no one-time password left to change,
    else None. Callbacks that change anything call it first and refuse when it is None."""
    user = current_user(store)
    return user if user is not None and user.can(role) and not user.must_change else None


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
                return (components.forbidden(urls.meta_language(meta)), *rest)
            return callback(*args, user=user)
        return checked
    return decorate


def csrf_token() -> str:
    """This session's CSRF token (Flask-WTF's, signed; the raw secret stays in the session)."""
    return generate_csrf()


def _new_session() -> None:
    """An empty session with a new CSRF secret (Flask-WTF caches the token per request)."""
    flask.session.clear()
    flask.g.pop(CSRF_FIELD, None)
    flask.session.permanent = True
    csrf_token()


def _start_session(user: users.User) -> None:
    """A new session (a new cookie: no fixation) for `user`."""
    _new_session()
    flask_login.login_user(user)
    now = int(time.time())
    flask.session.update(seen=now, since=now)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (an open redirect)."""
    target = target or urls.DATA
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return urls.DATA
    return target


def sign_out() -> None:
    """Ends every session of the signed-in user (on every device) and starts a fresh one here:
    no user, a new CSRF token."""
    user = current_user(context.store())
    if user is not None:
        users.end_sessions(context.store(), user.username)
        audit(audit_log.SIGN_OUT, user=user.username)
    flask_login.logout_user()
    _new_session()


def request_language() -> str:
    """The language a plain request asks for (?lang= or a form field), Chinese by default."""
    return urls.language(flask.request.values.get("lang"))


def _login_page(store, lang: str, csrf: str, **kwargs) -> str:
    return login_layout.page(lang, csrf, simulated=bool(store.simulated_part()), **kwargs)


def _token_valid() -> bool:
    try:
        csrf.protect()
    except CSRFError:
        return False
    return True


def init_app(server: flask.Flask, settings: Settings) -> None:
    """The session's key and cookie, Flask-Login, Flask-WTF's CSRF tokens and, when a proxy is
    trusted, ProxyFix on `server`."""
    server.secret_key = secret_key(settings)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_NAME="lncs_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=7),  # the CSRF token's life; sign-in is shorter
        SESSION_REFRESH_EACH_REQUEST=False,
        # guard() decides which POSTs need a token (anonymous callbacks do not).
        WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None, WTF_CSRF_FIELD_NAME=CSRF_FIELD,
        WTF_CSRF_HEADERS=[CSRF_HEADER])
    csrf.init_app(server)
    login_manager.init_app(server)
    if settings.trusted_proxies > 0:
        hops = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops)


@bp.before_app_request
def guard():
    session, request = flask.session, flask.request
    settings, store = context.settings(), context.store()
    if static_files.sessionless(request.path, settings):  # the same for everyone: no cookie, no Vary: Cookie
        return None
    if not session.permanent:  # setting it marks the session changed: a new cookie on every response
        session.permanent = True
    if "_user_id" in session:
        _check_session(session, settings)
    csrf_token()
    path = request.path
    signed_in = current_user(store)
    if request.method == "POST" and (signed_in or path in (urls.LOGIN, urls.LOGOUT, urls.PASSWORD)):
        if not _token_valid():
            message = t("login.csrf", request_language())
            if path == urls.LOGIN:
                return _login_page(store, request_language(), csrf_token(), error=message,
                                   next_path=_safe_next(request.form.get("next"))), 400
            return flask.jsonify({"error": message}), 400
    if signed_in is not None and signed_in.must_change and not path.startswith(MUST_CHANGE_OPEN):
        if request.method == "GET" and not path.startswith(("/_dash", urls.API_PREFIX, urls.DOWNLOAD_PREFIX)):
            return flask.redirect(urls.password(request.full_path.rstrip("?"), request_language()))
        return flask.jsonify({"error": t("password.intro_must", request_language())}), 403
    if settings.require_login and not path.startswith(PUBLIC_PREFIXES) and current_user(store) is None:
        if request.method == "GET" and not path.startswith(("/_dash", urls.API_PREFIX, urls.DOWNLOAD_PREFIX)):
            return flask.redirect(urls.login(request.full_path.rstrip("?"), request_language()))
        return flask.jsonify({"error": t("login.required", request_language())}), 401
    return None


def _check_session(session, settings: Settings) -> None:
    """Signs out a session whose generation is stale (revoked), or that was idle or lived too long."""
    now = time.time()
    parsed = users.parse_session_id(session.get("_user_id"))
    name = parsed[0] if parsed else None
    if not flask_login.current_user.is_authenticated:
        reason = "revoked"
    elif now - session.get("seen", 0) > settings.session_minutes * 60:
        reason = "idle"
    elif now - session.get("since", 0) > settings.session_max_hours * 3600:
        reason = "lifetime"
    else:
        if now - session.get("seen", 0) > 30:  # refreshed at most every 30 s: fewer cookies sent
            session["seen"] = int(now)
        return
    flask_login.logout_user()
    for key in ("seen", "since"):
        session.pop(key, None)
    if reason != "revoked":  # a revoked session was ended on purpose: no "you were idle" notice
        session["expired"] = reason
    audit(audit_log.SESSION_EXPIRED, user=name, result=reason)


@bp.after_app_request
def after(response):
    request = flask.request
    if static_files.sessionless(request.path, context.settings()):
        return response
    cookie = request.cookies.get(CSRF_COOKIE)
    try:
        valid = bool(cookie) and CSRF_FIELD in flask.session and validate_csrf(cookie) is None
    except ValidationError:
        valid = False
    if not valid and CSRF_FIELD in flask.session:
        # Readable by the page's script (the Dash renderer sends it back as a header).
        response.set_cookie(CSRF_COOKIE, csrf_token(), samesite="Lax", secure=context.settings().secure_cookies,
                            httponly=False, max_age=7 * 24 * 3600)
    if request.path.startswith(urls.DOWNLOAD_PREFIX) and current_user(context.store()) is not None:
        audit(audit_log.DOWNLOAD, object=request.full_path.rstrip("?"), result=str(response.status_code))
    return response


_EXPIRED_NOTICE = {"idle": "login.expired", "lifetime": "login.lifetime"}


@bp.get(urls.LOGIN)
def login_form():
    """The form only: a GET (or HEAD) never attempts a sign-in, whatever it carries."""
    lang = request_language()
    expired = flask.session.pop("expired", None)
    notice = t(_EXPIRED_NOTICE.get(expired, "login.expired"), lang) if expired else None
    return _login_page(context.store(), lang, csrf_token(), next_path=_safe_next(flask.request.args.get("next")),
                       notice=notice)


@bp.post(urls.LOGIN)
def login():
    """An attempt (guard() has checked its CSRF token)."""
    request, store = flask.request, context.store()
    lang = request_language()
    next_path = _safe_next(request.form.get("next"))
    name = request.form.get("username", "").strip()[:80]
    try:
        user = users.authenticate(store, name, request.form.get("password", ""), client_address())
    except users.RateLimited as err:
        audit(audit_log.SIGN_IN_THROTTLED, user=name, result=f"wait {err.params['seconds']} s")
        return _login_page(store, lang, csrf_token(), next_path=next_path,
                           error=t(err.key, lang, **err.params)), 429
    if user is None:
        audit(audit_log.SIGN_IN_FAILED, user=name, result="wrong name or password, or disabled")
        return _login_page(store, lang, csrf_token(), next_path=next_path,
                           error=t("login.failed", lang)), 401
    _start_session(user)
    audit(audit_log.SIGN_IN, user=user.username, result="one-time password" if user.must_change else "ok")
    if user.must_change:
        return flask.redirect(urls.password(next_path, lang))
    return flask.redirect(next_path)


def _password_page(lang: str, next_path: str, user: users.User, error: str | None = None,
                   status: int = 200):
    html = login_layout.password_page(lang, csrf_token(), next_path=next_path, must_change=user.must_change,
                                      error=error, simulated=bool(context.store().simulated_part()))
    return html, status


@bp.get(urls.PASSWORD)
def password_form():
    lang = request_language()
    next_path = _safe_next(flask.request.args.get("next"))
    user = current_user(context.store())
    if user is None:
        return flask.redirect(urls.login(urls.password(next_path, lang), lang))
    return _password_page(lang, next_path, user)


@bp.post(urls.PASSWORD)
def change_password():
    """The user's own new password: every other session of theirs ends; this one starts anew."""
    request, store = flask.request, context.store()
    lang = request_language()
    next_path = _safe_next(request.form.get("next"))
    user = current_user(store)
    if user is None:
        return flask.redirect(urls.login(urls.password(next_path, lang), lang))
    new = request.form.get("new", "")
    if new != request.form.get("again", ""):
        return _password_page(lang, next_path, user, t("password.differ", lang), 400)
    try:
        changed = users.change_password(store, user.username, request.form.get("current", ""), new)
    except users.UserError as err:
        audit(audit_log.PASSWORD_CHANGED, result=f"refused: {err.key}")
        return _password_page(lang, next_path, user, t(err.key, lang, **err.params), 400)
    _start_session(changed)
    audit(audit_log.PASSWORD_CHANGED, user=changed.username)
    return flask.redirect(next_path)


@bp.get(urls.AUDIT_CSV)
def audit_csv():
    """The whole audit trail as CSV, for admins only."""
    if require(context.store(), "admin") is None:
        return flask.jsonify({"error": t("data.forbidden", request_language())}), 403
    response = flask.Response(audit_log.to_csv(context.store()), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=audit.csv"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post(urls.LOGOUT)
def logout():
    sign_out()
    return flask.redirect(urls.home(request_language()))


@bp.get(urls.WHOAMI)
def whoami():
    """The signed-in user and role as JSON (for scripts and tests)."""
    user = current_user(context.store())
    return flask.jsonify({"user": user.username if user else None, "role": user.role if user else None})

