"""Security headers on every response (routes/headers.py): the CSP and its script hashes,
framing, sniffing, referrer, permissions, cross-origin isolation, HSTS behind TLS only, and
no-store on pages, callbacks, the API and downloads while static files stay cacheable."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

from app import create_app
from data import users
from layouts import ids
from settings import Settings
from tests import stores
from tests.dash_client import DashClient

PASSWORD = "Headers-check-Passw0rd!"

EVERY_KIND = [
    ("get", "/"), ("get", "/?lang=en"), ("get", "/county/210224"), ("get", "/present"), ("get", "/method"),
    ("get", "/data"), ("get", "/login"), ("get", "/whoami"), ("get", "/no/such/page"),
    ("get", "/_dash-layout"), ("get", "/_dash-dependencies"),
    ("get", "/api/v1/indicators"), ("get", "/api/v1/values?indicator=barrier_free&level=city&year=2014"),
    ("get", "/api/v1/values?indicator=nonsense"),
    ("get", "/download/table.csv?indicator=barrier_free&level=city"),
    ("get", "/download/scorecard.xlsx?code=210200&year=2014"),
    ("get", "/assets/app.css"), ("get", "/assets/vendor/plotly/plotly-dashboard.min.js"),
    ("get", "/geo/county.geojson"), ("post", "/_dash-update-component"),
]
STATIC = {"/assets/app.css", "/assets/vendor/plotly/plotly-dashboard.min.js", "/geo/county.geojson"}


@pytest.fixture(scope="module")
def app():
    """The app on a copy of the demo store, which gets an admin: the shared store stays as built."""
    store = stores.demo_copy("headers")
    users.create_user(store, "hdr-admin", PASSWORD, "admin")
    return create_app(Settings(debug=False, secret_key="headers-test"), store=store)


@pytest.fixture
def client(app):
    return app.server.test_client()


def sign_in(client):
    form = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    assert client.post("/login", data={"username": "hdr-admin", "password": PASSWORD, "csrf": csrf}).status_code == 302
    client.get("/data")
    return client.get_cookie("_csrf_token").value  # a new session, a new token


@pytest.mark.parametrize("method,path", EVERY_KIND)
def test_every_response_carries_the_security_headers(client, method, path):
    headers = getattr(client, method)(path).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS only behind TLS
    assert not [h for h in headers.keys() if h.lower().startswith("access-control-")]  # no CORS: same origin only


@pytest.mark.parametrize("method,path", EVERY_KIND)
def test_nothing_but_static_files_may_be_stored_by_a_cache(client, method, path):
    cache = getattr(client, method)(path).headers.get("Cache-Control", "")
    if path in STATIC:
        assert "no-store" not in cache
    else:
        assert cache == "no-store"


def test_the_policy_names_no_other_host_and_allows_no_eval_or_inline_script(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "unsafe-eval" not in csp and "http" not in csp and "*" not in csp
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["connect-src"] == "'self'" and directives["base-uri"] == "'none'"


def test_every_inline_script_of_the_page_is_allowed_by_its_hash(client):
    response = client.get("/")
    allowed = re.search(r"script-src ([^;]+)", response.headers["Content-Security-Policy"]).group(1).split()
    page = response.get_data(as_text=True)
    inline = [body for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
              if "src=" not in attrs and "application/json" not in attrs]
    assert inline, "Dash's renderer is an inline script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_no_clientside_callback_is_a_string_that_would_need_eval(app):
    app.csp_hashes()  # gathers the inline scripts of every callback registered so far
    assert app._inline_scripts == []


def test_hsts_is_sent_when_cookies_are_secure(demo_store):
    secure = create_app(Settings(debug=False, secret_key="headers-test", secure_cookies=True), store=demo_store)
    for path in ("/", "/assets/app.css", "/api/v1/indicators"):
        assert secure.server.test_client().get(path).headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_signed_in_data_page_and_the_admins_user_list_are_not_stored(client):
    csrf = sign_in(client)
    assert client.get("/data").headers["Cache-Control"] == "no-store"
    response = DashClient(client).call(f"{ids.PAGE}.children",
                                       {f"{ids.URL}.pathname": "/data", f"{ids.URL}.search": ""},
                                       changed=f"{ids.URL}.pathname", csrf=csrf)
    assert response.status_code == 200 and "hdr-admin" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/whoami").headers["Cache-Control"] == "no-store"
