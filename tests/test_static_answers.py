"""Static answers replayed in front of Flask (routes/static_answers.py): what is kept, what never
is, and that a replayed answer is byte for byte the one Flask gave."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from app import PLOTLY_JS, create_app
from routes import static_answers
from routes.static_answers import StaticAnswers
from settings import Settings
import urls


@pytest.fixture
def app(demo_store):
    return create_app(Settings(debug=False, secret_key="static-answers-test"), store=demo_store)


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def answers(app) -> StaticAnswers:
    return static_answers.static_answers(app.server)


def suite_url(client) -> str:
    page = client.get("/").get_data(as_text=True)
    start = page.index("/_dash-component-suites/dash/dash-renderer/")
    return page[start:page.index('"', start)]


def test_a_second_request_is_replayed_byte_for_byte_without_flask(client, answers, app):
    reached = []
    app.server.before_request(lambda: reached.append(1) and None)
    url = suite_url(client)
    reached.clear()
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    second = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.status_code == second.status_code == 200
    assert second.data == first.data and len(first.data) > 1000
    assert list(second.headers.items()) == list(first.headers.items())
    assert first.headers["Content-Encoding"] == "gzip" and "immutable" in first.headers["Cache-Control"]
    assert reached == [1]  # Flask saw the first request only
    assert answers.replayed == 1 and answers.kept == 1


def test_each_accept_encoding_gets_its_own_answer(client, answers):
    for _ in range(2):
        gz = client.get(PLOTLY_JS, headers={"Accept-Encoding": "gzip"})
        br = client.get(PLOTLY_JS, headers={"Accept-Encoding": "br"})
        plain = client.get(PLOTLY_JS, headers={"Accept-Encoding": ""})
    assert gz.headers["Content-Encoding"] == "gzip" and br.headers["Content-Encoding"] == "br"
    assert "Content-Encoding" not in plain.headers and len(plain.data) > len(gz.data) > len(br.data) * 0.9
    assert answers.replayed == 3 and answers.size[0] == 3


def test_conditional_and_range_requests_go_to_flask(client, answers):
    first = client.get(PLOTLY_JS, headers={"Accept-Encoding": "gzip"})
    again = client.get(PLOTLY_JS, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    part = client.get(PLOTLY_JS, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100
    assert answers.replayed == 0


@pytest.mark.parametrize("path", ["/", urls.HEALTHZ, urls.READYZ, "/api/v1/values?indicator=barrier_free&level=city&year=2014",
                                  "/assets/no-such-file.js", "/_dash-layout"])
def test_pages_probes_api_and_misses_are_never_kept(client, answers, path):
    for _ in range(2):
        client.get(path, headers={"Accept-Encoding": "gzip"})
    assert answers.replayed == 0 and answers.size == (0, 0)


def test_a_post_is_never_kept(client, answers):
    for _ in range(2):
        client.post("/assets/app.css", data=b"x")
    assert answers.size == (0, 0)


def test_boundaries_are_not_kept_where_viewing_needs_sign_in(demo_store):
    app = create_app(Settings(debug=False, secret_key="static-answers-test", require_login=True), store=demo_store)
    client = app.server.test_client()
    for _ in range(2):
        client.get("/geo/county.geojson")
    assert static_answers.static_answers(app.server).size == (0, 0)


def test_debug_mode_has_none(demo_store):
    app = create_app(Settings(debug=True, secret_key="static-answers-test"), store=demo_store)
    assert static_answers.static_answers(app.server) is None


# ---------------------------------------------------------------------- the middleware alone
def wsgi(status="200 OK", headers=None, body=b"body", calls=None):
    def app(environ, start_response):
        if calls is not None:
            calls.append(environ["PATH_INFO"])
        start_response(status, headers if headers is not None else
                       [("Content-Type", "text/css"), ("Content-Length", str(len(body)))])
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
    return app


SETTINGS = Settings(debug=False)


def twice(app, path="/assets/app.css?m=1", method="GET"):
    client = Client(app)
    return [client.open(path, method=method) for _ in range(2)]


def test_versioned_answers_stay_and_unversioned_ones_expire():
    calls = []
    app = StaticAnswers(wsgi(calls=calls), SETTINGS, unversioned_s=0.0)
    twice(app, "/assets/app.css?m=123")
    twice(app, "/assets/vendor/bootstrap/bootstrap.min.css")
    assert calls == ["/assets/app.css", "/assets/vendor/bootstrap/bootstrap.min.css",
                     "/assets/vendor/bootstrap/bootstrap.min.css"]


@pytest.mark.parametrize("status,headers,body", [
    ("200 OK", [("Content-Length", "4"), ("Set-Cookie", "s=1")], b"body"),
    ("404 NOT FOUND", [("Content-Length", "4")], b"body"),
    ("200 OK", [("Content-Type", "text/css")], b"body"),         # no length: a stream
    ("200 OK", [("Content-Length", "10")], b"body"),              # not the whole body
])
def test_answers_that_are_not_complete_or_carry_a_cookie_are_never_kept(status, headers, body):
    calls = []
    app = StaticAnswers(wsgi(status, headers, body, calls), SETTINGS)
    first, second = twice(app)
    assert len(calls) == 2 and app.size == (0, 0)
    assert first.get_data() == body


def test_head_and_get_are_kept_apart():
    calls = []
    app = StaticAnswers(wsgi(calls=calls), SETTINGS)
    get = twice(app)[1]
    head = twice(app, method="HEAD")[1]
    assert get.get_data() == b"body" and head.get_data() == b""
    assert len(calls) == 2 and app.replayed == 2


def test_it_is_bounded_by_count_and_bytes_least_recently_used_first():
    app = StaticAnswers(wsgi(body=b"x" * 100), SETTINGS, max_answers=2, max_bytes=250)
    client = Client(app)
    for name in ("a", "b", "a", "c"):
        client.get(f"/assets/{name}.css?m=1")
    assert app.size == (2, 200)
    calls = []
    app.app = wsgi(body=b"x" * 100, calls=calls)
    client.get("/assets/a.css?m=1")  # used last before c came: still kept
    client.get("/assets/b.css?m=1")  # pushed out
    assert calls == ["/assets/b.css"]
    big = StaticAnswers(wsgi(body=b"x" * 300), SETTINGS, max_bytes=250)
    twice(big)
    assert big.size == (0, 0)
