"""Every store a test makes, on the database the run selects: one factory for them all.

TEST_DATABASE_URL unset (or a SQLite URL): each store is a SQLite file in a temporary folder
of the session. Set to a PostgreSQL URL (`postgresql+psycopg://user:pass@host:5432/db`): each
store is a database of its own, made on that server (`CREATE DATABASE db_<pid>_<n>_<name>`,
through the URL's own database, which holds nothing) and dropped at the end of the session
(conftest's pytest_sessionfinish calls cleanup()), so tests never see each other's rows.

- new_url(name) / new_store(name): an empty store (no tables yet).
- template(key, build) / demo(): a store built once per session and never opened again, to
  copy from: PostgreSQL copies a database only while nobody is connected to it
  (CREATE DATABASE ... TEMPLATE), SQLite copies the file. demo_copy(name) is a new copy of
  the demo store as Store.ensure_ready builds it (conftest's demo_store is one).
- copy_of(store, name): a copy of any store as it is now (VACUUM INTO; on PostgreSQL the
  store's own pool is closed first and no other process may be connected to it).
- on_postgresql(): for the few tests that only mean something on one backend.
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from data.store import Store

_counter = itertools.count(1)
_created: list[str] = []  # PostgreSQL databases made by this process, dropped by cleanup()
_folder: Path | None = None  # this session's SQLite files
_templates: dict[str, "Template"] = {}


def base_url() -> str | None:
    """TEST_DATABASE_URL, the server the tests' stores are made on; None for SQLite files."""
    return os.environ.get("TEST_DATABASE_URL") or None


def on_postgresql() -> bool:
    url = base_url()
    return url is not None and make_url(url).get_backend_name() == "postgresql"


def _check_backend() -> None:
    url = base_url()
    if url is not None and make_url(url).get_backend_name() not in ("postgresql", "sqlite"):
        raise RuntimeError("TEST_DATABASE_URL: only PostgreSQL and SQLite are supported, "
                           f"not {make_url(url).drivername}")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "store"


def _sqlite_path(name: str) -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="dashboard-stores-"))
    return _folder / f"{next(_counter)}-{_slug(name)}.sqlite"


@contextmanager
def _server() -> Iterator[sa.Connection]:
    """A connection to TEST_DATABASE_URL's own database, outside any transaction (CREATE and
    DROP DATABASE cannot run in one)."""
    engine = sa.create_engine(base_url(), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _database_url(database: str) -> str:
    return make_url(base_url()).set(database=database).render_as_string(hide_password=False)


def _drop_leftovers(conn: sa.Connection, prefix: str) -> None:
    """Databases that an earlier run on this machine made and could not drop (it was killed):
    named <prefix>_<pid>_..., by a process that is no longer running."""
    pattern = re.compile(rf"{re.escape(prefix)}_(\d+)_\d+_")
    for (database,) in conn.exec_driver_sql("SELECT datname FROM pg_database"):
        found = pattern.match(database)
        if found and int(found[1]) != os.getpid() and not _running(int(found[1])):
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _new_database(name: str, template: str | None = None) -> str:
    """A new database's URL: named after TEST_DATABASE_URL's database (63 bytes at most, the
    server's limit), optionally a copy of `template`."""
    prefix = make_url(base_url()).database
    if not _created and make_url(base_url()).host in (None, "", "localhost", "127.0.0.1", "::1"):
        with _server() as conn:  # the server is on this machine: its pids are ours to look up
            _drop_leftovers(conn, prefix)
    database = f"{prefix}_{os.getpid()}_{next(_counter)}_{_slug(name)}"[:63]
    sql = f'CREATE DATABASE "{database}"' + (f' TEMPLATE "{template}"' if template else "")
    for attempt in range(20):
        try:
            with _server() as conn:
                conn.exec_driver_sql(sql)
            break
        except OperationalError as exc:
            # A copy's source must have no session: one that has just been closed may still be
            # ending on the server, so wait for it a little (PostgreSQL itself waits 5 s).
            if template is None or "being accessed by other users" not in str(exc) or attempt == 19:
                raise
            time.sleep(0.25)
    _created.append(database)
    return _database_url(database)


def new_url(name: str = "store") -> str:
    """The URL of a new, empty store of its own."""
    _check_backend()
    if on_postgresql():
        return _new_database(name)
    return f"sqlite:///{_sqlite_path(name)}"


def new_store(name: str = "store") -> Store:
    return Store(new_url(name))


def copy_of(store: Store, name: str = "copy") -> Store:
    """A new store holding what `store` holds now. On PostgreSQL nothing else may be connected
    to `store` (its own pool is closed here): for copies of a shared store use a template."""
    if on_postgresql():
        store.engine.dispose()
        return Store(_new_database(name, template=make_url(store.url).database))
    path = _sqlite_path(name)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("VACUUM INTO ?", (str(path),))
    return Store(f"sqlite:///{path}")


class Template:
    """A store built once and then never connected to, so that copying it is cheap and safe."""

    def __init__(self, url: str):
        self.url = url

    def copy(self, name: str = "copy") -> Store:
        if on_postgresql():
            return Store(_new_database(name, template=make_url(self.url).database))
        path = _sqlite_path(name)
        shutil.copyfile(make_url(self.url).database, path)
        os.chmod(path, 0o600)
        return Store(f"sqlite:///{path}")

    @contextmanager
    def read(self) -> Iterator[Store]:
        """The template itself, to read from (not write to); closed again afterwards."""
        store = Store(self.url)
        try:
            yield store
        finally:
            store.engine.dispose()


def template(key: str, build: Callable[[Store], object]) -> Template:
    """The store that build(store) makes from an empty one, built once per session under `key`."""
    if key not in _templates:
        store = new_store(f"{key}_template")
        build(store)
        store.engine.dispose()  # SQLite: the WAL checkpointed, the file alone is the store
        _templates[key] = Template(store.url)
    return _templates[key]


def demo() -> Template:
    """The demo store as a first start builds it (Store.ensure_ready)."""
    return template("demo", lambda store: store.ensure_ready())


def demo_copy(name: str = "demo") -> Store:
    """A new store holding the demo data, as built, for a test that writes or counts requests."""
    return demo().copy(name)


def cleanup() -> None:
    """Drop every database this process made (best effort: FORCE ends the sessions that a
    server or child process left) and remove the SQLite files."""
    global _folder
    if _created and on_postgresql():
        try:
            with _server() as conn:
                while _created:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{_created[-1]}" WITH (FORCE)')
                    _created.pop()
        except sa.exc.SQLAlchemyError as exc:
            print(f"tests/stores.py: could not drop {', '.join(_created)}: {exc}")
    _templates.clear()
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = None


def start_at_once(url: str, start: Callable[[Store], object], count: int) -> list[Exception]:
    """`start` run on `count` Stores of `url` in threads at once, as servers starting together
    do; what any of them raised (a race test asserts it is nothing)."""
    errors: list[Exception] = []

    def one():
        try:
            start(Store(url))
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return errors
