"""/healthz and /readyz (routes/health.py): cheap, for anyone (REQUIRE_LOGIN too), no data, no
session, never rate-limited, never cached; /readyz asks the database itself."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from app import create_app
from settings import Settings
from tests import stores
import urls


@pytest.fixture(scope="module")
def store():
    store = stores.demo_copy("health")
    yield store
    store.engine.dispose()


def _client(store, **settings):
    settings.setdefault("debug", False)
    settings.setdefault("secret_key", "health-test")
    return create_app(Settings(**settings), store=store).server.test_client()


@pytest.fixture(scope="module")
def locked(store):
    """An app that requires sign-in and counts: the probes must not be refused by either."""
    return _client(store, require_login=True, rate_limits=True, page_rate="2 per minute")


def _counting(engine):
    checkouts = []

    def count(*_):
        checkouts.append(1)
    sa.event.listen(engine, "checkout", count)
    return checkouts, lambda: sa.event.remove(engine, "checkout", count)


def test_healthz_answers_without_the_database(store, locked):
    checkouts, stop = _counting(store.engine)
    try:
        response = locked.get(urls.HEALTHZ)
    finally:
        stop()
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert checkouts == []


def test_readyz_answers_the_data_version_read_now(store, locked):
    response = locked.get(urls.READYZ)
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "data_version": store.ping()}
    with store.engine.begin() as conn:  # another server's commit: no cache hides it
        conn.execute(sa.text("UPDATE store_meta SET value = value + 1 WHERE key = 'data_version'"))
    assert locked.get(urls.READYZ).get_json()["data_version"] == store.ping()


@pytest.mark.parametrize("path", [urls.HEALTHZ, urls.READYZ])
def test_the_probes_are_open_uncached_sessionless_and_tiny(locked, path):
    for _ in range(5):  # over any page rate
        response = locked.get(path)
        assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    assert response.mimetype == "application/json"
    assert len(response.data) < 100
    assert "X-RateLimit-Limit" not in response.headers


def test_a_page_still_needs_sign_in_when_it_is_required(locked):
    assert locked.get("/").status_code == 302  # the probes are the exception, not a hole


def test_readyz_is_503_when_the_database_does_not_answer(store):
    client = _client(store)

    def refuse(*_):
        raise store.engine.dialect.dbapi.OperationalError("the test took the database away")
    sa.event.listen(store.engine, "do_connect", refuse)
    store.engine.dispose()
    try:
        response = client.get(urls.READYZ)
        healthy = client.get(urls.HEALTHZ)
    finally:
        sa.event.remove(store.engine, "do_connect", refuse)
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
    assert int(response.headers["Retry-After"]) >= 1
    assert healthy.status_code == 200  # the process still answers
    assert client.get(urls.READYZ).status_code == 200  # and the store again, without a restart
