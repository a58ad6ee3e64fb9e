"""One connection per request: the requests a browser makes for a recolour, an overview and a
county page (recorded in bench/requests/) each check out at most one connection from the pool,
however many queries they run; outside a request each read checks out its own. And the pool's
size and timeouts come from settings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app
from data.store import Store, make_engine
from settings import ROOT, Settings
from tests import stores

RECORDED = ROOT / "bench" / "requests"


def _replayed(name: str) -> list[dict]:
    """The non-static requests of a recorded page load or action."""
    recording = json.loads((RECORDED / f"{name}.json").read_text())
    return [r for r in recording["requests"] if r["kind"] != "static"]


@pytest.fixture(scope="module")
def counted(demo_store):
    """(test client, checkout counter) of an app on the demo store."""
    app = create_app(Settings(debug=False, secret_key="connections-test"), store=demo_store)
    checkouts = []

    def count(*_):
        checkouts.append(1)
    sa.event.listen(demo_store.engine, "checkout", count)
    # Every request reads the data version (the page cache's key) from the database, as when
    # DATA_VERSION_TTL has passed since the last read: the one connection is then checked out.
    ttl, demo_store.version_ttl = demo_store.version_ttl, 0
    yield app.server.test_client(), checkouts
    demo_store.version_ttl = ttl
    sa.event.remove(demo_store.engine, "checkout", count)


def _checkouts_per_request(client, checkouts, name: str) -> list[tuple[str, int]]:
    per_request = []
    for request in _replayed(name):
        checkouts.clear()
        body = request["body"].encode() if request["body"] else None
        response = client.open(request["path"], method=request["method"], data=body,
                               content_type="application/json" if body else None)
        # As the browser got it (a callback with nothing to change answers 204).
        assert response.status_code == request["status"], (request["path"], response.status_code,
                                                            response.data[:200])
        label = json.loads(body)["output"][:60] if body else request["path"]
        per_request.append((label, len(checkouts)))
    return per_request


@pytest.mark.parametrize("name", ["recolour", "overview", "county", "api"])
def test_each_request_checks_out_at_most_one_connection(counted, name):
    client, checkouts = counted
    _checkouts_per_request(client, checkouts, name)  # the first load fills the per-process caches
    per_request = _checkouts_per_request(client, checkouts, name)
    assert per_request, name
    assert all(n <= 1 for _, n in per_request), per_request
    # A callback that draws a page does read the store: once, on the one connection.
    if name in ("overview", "county"):
        assert any(n == 1 for _, n in per_request), per_request


def test_outside_a_request_each_read_checks_out_its_own(demo_store):
    checkouts = []

    def count(*_):
        checkouts.append(1)
    sa.event.listen(demo_store.engine, "checkout", count)
    try:
        demo_store.unit_index()
        demo_store.batches()
    finally:
        sa.event.remove(demo_store.engine, "checkout", count)
    assert len(checkouts) == 2


def test_a_request_scope_reuses_one_connection_and_returns_it(demo_store):
    checkouts, checkins = [], []

    def out(*_):
        checkouts.append(1)

    def back(*_):
        checkins.append(1)
    sa.event.listen(demo_store.engine, "checkout", out)
    sa.event.listen(demo_store.engine, "checkin", back)
    try:
        with demo_store.request_scope():
            demo_store.unit_index()
            demo_store.batches()
            demo_store.simulated_by_year()
            assert (len(checkouts), len(checkins)) == (1, 0)
        assert (len(checkouts), len(checkins)) == (1, 1)
        with demo_store.request_scope():  # nothing read: nothing checked out
            pass
        assert len(checkouts) == 1
    finally:
        sa.event.remove(demo_store.engine, "checkout", out)
        sa.event.remove(demo_store.engine, "checkin", back)


def test_a_write_in_a_request_is_seen_by_the_reads_after_it(tmp_path):
    """The scope's reads end their transaction after each read, so a batch committed in the
    same request (an import) is what the next read sees, on SQLite's snapshots too."""
    store = stores.demo_copy("connections_write")
    # Every read of the version asks the database (DATA_VERSION_TTL would keep the first for a
    # moment: only commit_batch and revert_batch forget it, and this write is neither).
    store.version_ttl = 0
    try:
        with store.request_scope():
            before = store.data_version()
            frames = store.unit_records("210224", 2014)
            assert len(frames)
            with store.engine.begin() as conn:  # another connection writes, as commit_batch does
                conn.execute(sa.text("UPDATE store_meta SET value = value + 1 WHERE key = 'data_version'"))
            assert store.data_version() == before + 1
    finally:
        store.engine.dispose()


class _Captured(Exception):
    pass


def test_pool_and_timeouts_come_from_settings(monkeypatch):
    monkeypatch.setenv("DB_POOL_SIZE", "7")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "3")
    monkeypatch.setenv("DB_POOL_TIMEOUT", "4")
    monkeypatch.setenv("DB_CONNECT_TIMEOUT", "2")
    monkeypatch.setenv("DB_STATEMENT_TIMEOUT", "9")
    settings = Settings()
    assert (settings.db_pool_size, settings.db_max_overflow, settings.db_pool_timeout,
            settings.db_connect_timeout, settings.db_statement_timeout) == (7, 3, 4.0, 2.0, 9.0)
    engine = make_engine("postgresql+psycopg://u:p@127.0.0.1:1/none", settings)
    try:
        assert engine.pool.size() == 7
        assert engine.pool._max_overflow == 3
        assert engine.pool._timeout == 4.0
        assert engine.pool._pre_ping
        args = {}

        @sa.event.listens_for(engine, "do_connect")
        def capture(dialect, record, cargs, cparams):
            args.update(cparams)
            raise _Captured
        with pytest.raises(_Captured):  # nothing is asked of any server
            engine.connect()
        assert args["connect_timeout"] == 2
        assert args["options"] == "-c statement_timeout=9000"
    finally:
        engine.dispose()


def test_sqlite_keeps_its_busy_timeout(tmp_path):
    settings = Settings()
    engine = make_engine(f"sqlite:///{tmp_path / 'busy.sqlite'}", settings)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    finally:
        engine.dispose()


def test_the_pool_timeout_bounds_a_wait_for_a_connection(tmp_path, monkeypatch):
    monkeypatch.setenv("DB_POOL_SIZE", "1")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "0")
    monkeypatch.setenv("DB_POOL_TIMEOUT", "0.2")
    store = Store(f"sqlite:///{tmp_path / 'pool.sqlite'}", Settings())
    held = store.engine.connect()
    try:
        with pytest.raises(sa.exc.TimeoutError):
            store.engine.connect()
    finally:
        held.close()
        store.engine.dispose()


def test_the_recordings_exist():
    for name in ("recolour", "overview", "county", "api"):
        assert Path(RECORDED / f"{name}.json").is_file(), name
