"""Schema migrations: the store's schema history (Alembic, data/migrations/) and the rule at start.

    python -m data.migrate upgrade [REVISION]   # to head by default
    python -m data.migrate current              # the store's revision
    python -m data.migrate check                # exit 0 at head, 1 if an upgrade is needed
    python -m data.migrate history
    python -m data.migrate stamp REVISION       # mark the store as at REVISION, changing nothing else
    python -m data.migrate revision -m "add x" [--autogenerate]   # a new migration (developers)

The store is DATABASE_URL's (or --url's). No alembic.ini: the configuration is built here, so
the commands work from any directory. Exit codes: 0 done; 1 an error or, for `check`, an
upgrade needed (one line on stderr, never a traceback); 2 bad usage.

The rule at start (Store.create_schema calls prepare()):

- An empty store (no tables) is upgraded to head: a first start builds its schema.
- A store made before migrations existed (tables, no alembic_version) is brought to the
  baseline, 0001 (which adds what older stores lack, as every start used to) and stamped.
- A store at head: nothing to do (one query).
- A store at an older revision: the start is refused with "run python -m data.migrate upgrade",
  unless AUTO_MIGRATE=1. With several servers, an upgrade at start would be run by whichever
  server starts first while the others still serve the old code on the new schema, and no
  backup would have been taken: an upgrade is a deliberate step (back up, upgrade once, then
  start the new code everywhere). AUTO_MIGRATE=1 is for a single server.
- A store at a revision this code does not know (a newer release migrated it): always refused.

Every change is made in one transaction that holds a lock: PostgreSQL's advisory lock, SQLite's
write lock (BEGIN IMMEDIATE; SQLite's DDL is transactional). What to do is decided inside it, so
servers starting at once are safe: the second one waits and then finds the work done.
"""
from __future__ import annotations

import argparse
import re
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import NullPool

from data import private_files

if TYPE_CHECKING:
    from alembic.config import Config
# Alembic itself is imported where it is used: importing it costs a worker's start about 0.2 s
# (0.5 s on a busy machine), and a start on a store at head needs none of it (_declared_heads).

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSIONS = MIGRATIONS / "versions"
BASELINE = "0001"
# Any constant, the same in every process: the key of PostgreSQL's advisory lock for migrations.
_PG_LOCK_KEY = 0x64617368  # "dash"
UPGRADE_HINT = "run python -m data.migrate upgrade (after python -m data.backup create)"


class SchemaNotCurrent(RuntimeError):
    """The store's schema is not the one this code needs, and the start may not change it.
    The message is one line that says what to do."""


def config(url: str, version_locations: Sequence[Path] | None = None) -> Config:
    """Alembic's configuration for the store at `url`, built in code (no alembic.ini).
    `version_locations` replaces data/migrations/versions (tests add a folder of their own)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if version_locations:
        cfg.set_main_option("version_locations", ":".join(str(p) for p in version_locations))
    cfg.attributes["url"] = url
    return cfg


def _script(cfg: Config):
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(cfg)


@lru_cache(maxsize=8)
def _heads(version_locations: tuple[str, ...] | None) -> tuple[str, ...]:
    cfg = config("sqlite://", [Path(p) for p in version_locations] if version_locations else None)
    return tuple(_script(cfg).get_heads())


_ASSIGNED = re.compile(r"^(revision|down_revision)\s*=\s*(.*)$", re.M)


@lru_cache(maxsize=1)
def _declared_heads() -> frozenset[str]:
    """The heads of data/migrations/versions read from the files' `revision = ...` and
    `down_revision = ...` lines, without importing Alembic: only a start's shortcut (a store at
    one of them needs nothing). Anything else, or any doubt (empty), goes through Alembic."""
    revisions, parents = set(), set()
    for path in VERSIONS.glob("*.py"):
        found = dict(_ASSIGNED.findall(path.read_text(encoding="utf-8")))
        names = re.findall(r"[\"']([^\"']+)[\"']", found.get("revision", ""))
        if len(names) != 1:
            return frozenset()
        revisions.add(names[0])
        parents |= set(re.findall(r"[\"']([^\"']+)[\"']", found.get("down_revision", "")))
    return frozenset(revisions - parents)


def migration_engine(url: str) -> sa.Engine:
    """An engine of its own for migrations: no pool, and on SQLite every transaction begins
    IMMEDIATE (it takes the write lock at once, so that two starting processes queue), with
    foreign keys unchecked while tables are rebuilt."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return sa.create_engine(url, poolclass=NullPool, connect_args=_connect_args(url))
    if u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        private_files.prepare_sqlite(Path(u.database))
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # transactions are begun here, not by the driver
        dbapi_conn.execute("PRAGMA journal_mode=WAL")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    return engine


@contextmanager
def locked(url: str) -> Iterator[Connection]:
    """A connection in a transaction that holds the migration lock; committed at the end."""
    engine = migration_engine(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            yield conn
    finally:
        engine.dispose()


def _revision(conn: Connection) -> tuple[str | None, bool]:
    """(the store's revision, whether it has any of the app's tables)."""
    names = set(sa.inspect(conn).get_table_names())
    current = None
    if "alembic_version" in names:
        rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
        current = ",".join(sorted(rows)) or None
    return current, bool(names - {"alembic_version"})


def _run(cfg: Config, conn: Connection, fn, *args) -> None:
    cfg.attributes["connection"] = conn
    try:
        fn(cfg, *args)
    finally:
        cfg.attributes.pop("connection", None)


def prepare(url: str, auto_migrate: bool = False, version_locations: Sequence[Path] | None = None) -> None:
    """Bring the store's schema to head where the rule at start allows it (the module's
    docstring); raise SchemaNotCurrent where it does not."""
    current, _ = read_revision(url)
    if not version_locations and current in _declared_heads():
        return  # the usual start: nothing to lock, nothing to import
    from alembic import command

    heads = _heads(tuple(str(p) for p in version_locations) if version_locations else None)
    if current in heads:
        return
    cfg = config(url, version_locations)
    refusal = None
    with locked(url) as conn:
        current, has_tables = _revision(conn)
        if current in heads:
            return  # another process did it while this one waited
        if current is None and not has_tables:
            _run(cfg, conn, command.upgrade, "heads")
            return
        if current is None:
            _run(cfg, conn, command.upgrade, BASELINE)  # made before migrations: what it lacks
            current = BASELINE
        known = {s.revision for s in _script(cfg).walk_revisions()}
        if current in heads:
            pass
        elif current not in known:
            refusal = (f"the store's schema is at revision {current}, which this version of the dashboard "
                       f"does not know (a newer version migrated it): run that version, or restore a backup")
        elif not auto_migrate:
            refusal = (f"the store's schema is at revision {current}, this version needs {', '.join(heads)}: "
                       f"{UPGRADE_HINT}; or set AUTO_MIGRATE=1 on a single server")
        else:
            _run(cfg, conn, command.upgrade, "heads")
    if refusal:  # raised after the commit: a baseline stamped just now stays stamped
        raise SchemaNotCurrent(refusal)


def _plain_engine(url: str) -> sa.Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        private_files.prepare_sqlite(Path(u.database))
    return sa.create_engine(url, poolclass=NullPool, connect_args=_connect_args(url))


def _connect_args(url: str) -> dict:
    """PostgreSQL: the servers' connect timeout (a store that is unreachable at start is an error
    within it, not a hang); no statement timeout, as a migration may take long."""
    if make_url(url).get_backend_name() != "postgresql":
        return {}
    from settings import Settings

    return {"connect_timeout": max(1, round(Settings().db_connect_timeout))}


def read_revision(url: str) -> tuple[str | None, bool]:
    """(the store's revision or None, whether it has any of the app's tables), without a lock."""
    engine = _plain_engine(url)
    try:
        with engine.connect() as conn:
            return _revision(conn)
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "heads", version_locations: Sequence[Path] | None = None) -> str | None:
    """Apply the migrations up to `revision` under the lock; returns the store's revision after."""
    from alembic import command

    cfg = config(url, version_locations)
    with locked(url) as conn:
        _run(cfg, conn, command.upgrade, revision)
        return _revision(conn)[0]


def stamp(url: str, revision: str, version_locations: Sequence[Path] | None = None) -> str | None:
    """Record `revision` as the store's without running anything; returns it."""
    from alembic import command

    cfg = config(url, version_locations)
    with locked(url) as conn:
        _run(cfg, conn, command.stamp, revision)
        return _revision(conn)[0]


def state(url: str, version_locations: Sequence[Path] | None = None) -> tuple[str | None, str]:
    """(the store's revision, in words: head, empty store, made before migrations, needs an
    upgrade, or unknown to this version)."""
    cfg = config(url, version_locations)
    current, has_tables = read_revision(url)
    script = _script(cfg)
    if current in set(script.get_heads()):
        return current, "head"
    if current is None:
        return None, "made before migrations" if has_tables else "empty store"
    known = {s.revision for s in script.walk_revisions()}
    return current, "needs an upgrade" if current in known else "unknown to this version"


# ---------------------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> int:
    from settings import Settings

    parser = argparse.ArgumentParser(prog="python -m data.migrate",
                                     description="Migrate the store's schema (Alembic, data/migrations).")
    parser.add_argument("--url", help="the store (default: DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("upgrade", help="apply the migrations not yet applied")
    up.add_argument("revision", nargs="?", default="heads")
    sub.add_parser("current", help="the store's revision")
    sub.add_parser("check", help="exit 0 if the store is at head, 1 if it needs an upgrade")
    sub.add_parser("history", help="every migration, newest first")
    st = sub.add_parser("stamp", help="record REVISION as applied without running anything")
    st.add_argument("revision")
    rev = sub.add_parser("revision", help="write a new migration into data/migrations/versions")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--autogenerate", action="store_true",
                     help="fill it with the differences between the store and data/schema.py")
    args = parser.parse_args(argv)
    url = args.url or Settings().database_url
    from alembic import command

    cfg = config(url)
    try:
        if args.command == "history":
            command.history(cfg)
        elif args.command in ("current", "check"):
            current, words = state(url)
            print(f"{current or '-'} ({words})")
            if args.command == "check" and words != "head":
                print(f"error: the store is not at head: {UPGRADE_HINT}", file=sys.stderr)
                return 1
        elif args.command == "revision":
            with locked(url) as conn:
                cfg.attributes["connection"] = conn
                command.revision(cfg, message=args.message, autogenerate=args.autogenerate,
                                 rev_id=_next_rev_id(cfg))
        elif args.command == "upgrade":
            print(upgrade(url, args.revision) or "-")
        else:
            print(stamp(url, args.revision) or "-")
    except Exception as exc:  # noqa: BLE001 - one line for the operator, not a traceback
        message = " ".join(str(exc).split()) or type(exc).__name__
        if isinstance(exc, sa.exc.DBAPIError):
            message = " ".join(str(exc.orig).split())
        print(f"error: {message}", file=sys.stderr)
        return 1
    return 0


def _next_rev_id(cfg: Config) -> str:
    """Revisions are numbered 0001, 0002...: their order is plain in the folder."""
    numbers = [int(s.revision) for s in _script(cfg).walk_revisions() if s.revision.isdigit()]
    return f"{max(numbers, default=0) + 1:04d}"


if __name__ == "__main__":
    sys.exit(main())
