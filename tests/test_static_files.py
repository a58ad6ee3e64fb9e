"""Static files (routes/static_files.py): compressed once per file version and encoding, with
gzip and brotli negotiated as before; no cookie and no `Vary: Cookie`, signed in or not, while
pages and callbacks keep theirs; a year's caching for Dash's versioned component suites only."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import dash_ag_grid
import flask
import flask_compress.flask_compress as flask_compress_module
import pytest

from app import BOOTSTRAP_CSS, PLOTLY_JS, create_app
from data import users
from routes import static_answers, static_files
from settings import ROOT, Settings
from tests import stores

PASSWORD = "Static-files-Passw0rd!"
AG_GRID = Path(dash_ag_grid.__file__).parent / "dash_ag_grid.min.js"


@pytest.fixture(scope="module")
def store():
    """A copy of the demo store with a user: the shared store stays as built."""
    store = stores.demo_copy("static_files")
    users.create_user(store, "static-editor", PASSWORD, "editor")
    return store


@pytest.fixture
def app(store):
    """A new app for each test: its compressed bodies start empty."""
    return create_app(Settings(debug=False, secret_key="static-files-test"), store=store)


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def compressions(monkeypatch):
    """Every body Flask-Compress compresses, as (algorithm, size of the input)."""
    done = []
    compress = flask_compress_module._compress_data

    def counted(app, data, algorithm):
        done.append((algorithm, len(data)))
        return compress(app, data, algorithm)

    monkeypatch.setattr(flask_compress_module, "_compress_data", counted)
    return done


def ag_grid_url(client) -> str:
    """The grid bundle's versioned URL, which the page names for assets/lazy_grid.js."""
    page = client.get("/").get_data(as_text=True)
    return re.search(r'content="(/_dash-component-suites/dash_ag_grid/dash_ag_grid\.v[^"]+\.js)"', page).group(1)


def static_urls(client) -> list[str]:
    return [PLOTLY_JS, BOOTSTRAP_CSS, "/assets/app.css", ag_grid_url(client), "/_favicon.ico",
            "/geo/county.geojson", "/geo/city.geojson"]


def sign_in(client) -> None:
    form = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    answer = client.post("/login", data={"username": "static-editor", "password": PASSWORD, "csrf": csrf})
    assert answer.status_code == 302
    assert client.get("/whoami").get_json()["user"] == "static-editor"


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("Vary", "").split(",") if part.strip()}


def assert_sessionless(response, url: str) -> None:
    assert response.status_code == 200, url
    assert not response.headers.getlist("Set-Cookie"), url
    assert "cookie" not in vary(response), url
    assert "accept-encoding" in vary(response), url


@pytest.mark.parametrize("encoding", ["gzip", "br", "identity"])
def test_static_files_carry_no_cookie_and_do_not_vary_by_cookie(client, encoding):
    for url in static_urls(client):
        client.delete_cookie("lncs_session")
        client.delete_cookie("_csrf_token")
        assert_sessionless(client.get(url, headers={"Accept-Encoding": encoding}), url)


def test_a_signed_in_session_gets_no_cookie_on_static_files_and_stays_signed_in(client):
    sign_in(client)
    session = client.get_cookie("lncs_session").value
    for url in static_urls(client):
        assert_sessionless(client.get(url, headers={"Accept-Encoding": "gzip, br"}), url)
    assert client.get_cookie("lncs_session").value == session
    assert client.get("/whoami").get_json()["user"] == "static-editor"


def test_pages_and_callbacks_still_vary_by_cookie_and_are_never_stored(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert "cookie" in vary(page) and "accept-encoding" in vary(page)
    assert page.headers["Cache-Control"] == "no-store"
    assert any(c.startswith("_csrf_token=") for c in page.headers.getlist("Set-Cookie"))  # a first visit
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert "cookie" in vary(layout) and layout.headers["Cache-Control"] == "no-store"
    whoami = client.get("/whoami")
    assert "cookie" in vary(whoami) and whoami.headers["Cache-Control"] == "no-store"


def test_with_sign_in_required_the_boundaries_need_the_session_and_the_assets_do_not(store):
    app = create_app(Settings(debug=False, secret_key="static-files-test", require_login=True), store=store)
    client = app.server.test_client()
    refused = client.get("/geo/county.geojson")
    assert refused.status_code in (302, 401)
    sign_in(client)
    boundaries = client.get("/geo/county.geojson")
    assert boundaries.status_code == 200 and "cookie" in vary(boundaries)
    client.delete_cookie("lncs_session")
    assert_sessionless(client.get(PLOTLY_JS, headers={"Accept-Encoding": "gzip"}), PLOTLY_JS)


@pytest.mark.parametrize("url,file", [(PLOTLY_JS, ROOT / PLOTLY_JS.lstrip("/")), ("ag-grid", AG_GRID)])
def test_a_bundle_is_compressed_once_per_encoding_and_decompresses_to_the_file(client, compressions, url, file):
    url = ag_grid_url(client) if url == "ag-grid" else url
    raw = file.read_bytes()
    compressions.clear()
    for encoding, decompress in [("gzip", gzip.decompress), ("br", brotli.decompress)]:
        bodies = []
        for _ in range(4):
            response = client.get(url, headers={"Accept-Encoding": encoding})
            assert response.status_code == 200 and response.headers["Content-Encoding"] == encoding
            assert int(response.headers["Content-Length"]) == len(response.data) < len(raw) / 2
            bodies.append(response.data)
        assert decompress(bodies[0]) == raw
        assert len(set(bodies)) == 1
    assert compressions == [("gzip", len(raw)), ("br", len(raw))]
    # The first answer per encoding came through Flask (compressed there); the other three were
    # replayed in front of it (routes/static_answers.py), or, without that, Flask-Compress's hits.
    answers = static_answers.static_answers(client.application)
    assert answers.replayed + static_files.compressed_bodies(client.application).hits == 6


def test_encodings_are_negotiated_as_the_client_asks(client):
    raw = (ROOT / PLOTLY_JS.lstrip("/")).read_bytes()
    asked = {"gzip": "gzip", "br": "br", "gzip;q=0.5, br": "br", "br;q=0.1, gzip": "gzip", "identity": None, "": None}
    for accept, expected in asked.items():
        response = client.get(PLOTLY_JS, headers={"Accept-Encoding": accept})
        assert response.headers.get("Content-Encoding") == expected, accept
        if expected is None:
            assert response.data == raw
    etag = client.get(PLOTLY_JS, headers={"Accept-Encoding": "gzip"}).headers["ETag"]
    assert etag.endswith(':gzip"')
    again = client.get(PLOTLY_JS, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304 and not again.data


def test_dynamic_answers_are_compressed_each_time_never_served_from_the_cache(client, compressions):
    client.get("/", headers={"Accept-Encoding": "gzip"})
    compressions.clear()
    first = client.get("/", headers={"Accept-Encoding": "gzip"})
    client.get("/", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip" and len(compressions) == 2
    values = "/api/v1/values?indicator=barrier_free&level=county&year="
    api = client.get(values + "2014", headers={"Accept-Encoding": "gzip"})
    other = client.get(values + "2015", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(api.data) != gzip.decompress(other.data)
    client.get("/assets/app.css", headers={"Accept-Encoding": "gzip"})
    keys = list(static_files.compressed_bodies(client.application).bodies._cache)
    assert keys and all(key.split(";", 1)[1].startswith(("/assets/", "/_dash-component-suites/", "/_favicon.ico",
                                                          "/geo/")) for key in keys), keys


def test_a_changed_file_is_compressed_anew(app, compressions):
    """The kept body belongs to one version of a file (its ETag): a new version is not served
    the old body."""
    server = app.server

    def serve(body: bytes, etag: str) -> bytes:
        with server.test_request_context("/assets/changing.js", headers={"Accept-Encoding": "gzip"}):
            response = flask.Response(body, mimetype="text/javascript")
            response.set_etag(etag)
            return server.process_response(response).get_data()

    old, new = b"var version = 1;\n" * 200, b"var version = 2;\n" * 200
    assert gzip.decompress(serve(old, "v1")) == old
    assert gzip.decompress(serve(old, "v1")) == old
    assert gzip.decompress(serve(new, "v2")) == new
    assert len(compressions) == 2


def test_versioned_component_suites_are_immutable_and_assets_revalidate(client):
    versioned = client.get(ag_grid_url(client))
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    unversioned = client.get("/_dash-component-suites/dash_ag_grid/dash_ag_grid.min.js")
    assert unversioned.status_code == 200 and "immutable" not in unversioned.headers.get("Cache-Control", "")
    assert unversioned.headers.get("ETag")
    asset = client.get("/assets/app.css")
    assert asset.headers["Cache-Control"] == "no-cache" and asset.headers.get("ETag")
    assert client.get("/assets/app.css", headers={"If-None-Match": asset.headers["ETag"]}).status_code == 304
