"""Backups of the store, taken while the servers run, checked, and restored.

    python -m data.backup create [--out FILE]         # default: BACKUP_DIR/dashboard-<UTC time>.sqlite|.dump
    python -m data.backup verify FILE
    python -m data.backup restore FILE [--force]      # into DATABASE_URL's store (or --url's)

SQLite: SQLite's online backup API (one step: a consistent snapshot; in WAL mode the servers go
on writing meanwhile) into a new file, then made a single self-contained file (journal mode
DELETE). PostgreSQL: `pg_dump --format=custom` (its client programs found on PATH, the server's
major version or newer), in the snapshot of a transaction that also counts every table's rows,
so that the counts are exactly the dump's. The password goes to pg_dump and pg_restore as
PGPASSWORD in their environment, never on a command line.

Each backup FILE has a manifest beside it, FILE.manifest.json: its size and SHA-256, when it
was taken, the store's data version and schema revision (data.migrate), and the rows of every
table. Both files are mode 600 (they hold the users' password hashes).

verify: the SHA-256 matches, the file opens (SQLite: integrity_check; PostgreSQL: pg_restore
reads every entry and every row of it) and every table holds the manifest's rows.

restore: verifies first; refuses a store that holds data (any table's rows but the divisions and
the data version's) unless --force. Over a store that had data, the data version is set past
both, so that a server still running reloads. Stop the servers before a restore; after it the
store is at the backup's schema revision (the start rule of data.migrate applies).

Exit codes: 0 done; 1 failed (a one-line reason on stderr, never a traceback); 2 bad usage;
3 refused to overwrite a store that holds data.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from data import private_files

MANIFEST_SUFFIX = ".manifest.json"
SQLITE_FORMAT = "sqlite"
PG_FORMAT = "pg_dump-custom"
# Rows a store has before any data: create_schema's seeds (and the migrations' record).
SEED_TABLES = {"divisions", "store_meta", "alembic_version"}
REFUSED_EXIT = 3


class BackupError(RuntimeError):
    """What went wrong, in one line for the operator."""


class Refused(BackupError):
    """The restore would overwrite a store that holds data."""


# ---------------------------------------------------------------------------- helpers
def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _backend(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"only SQLite and PostgreSQL stores can be backed up, not {name}")
    return name


def _sqlite_file(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite store has nothing to back up")
    return Path(database)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_facts(conn: sa.Connection) -> tuple[dict[str, int], int | None, str | None]:
    """(rows per table, data version, schema revision) as this connection sees them."""
    names = sorted(sa.inspect(conn).get_table_names())
    tables = {name: int(conn.exec_driver_sql(f"SELECT count(*) FROM {_quote(name)}").scalar()) for name in names}
    version = revision = None
    if "store_meta" in names:
        version = conn.exec_driver_sql("SELECT value FROM store_meta WHERE key = 'data_version'").scalar()
    if "alembic_version" in names:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return tables, (int(version) if version is not None else None), revision


def _engine(url: str) -> sa.Engine:
    from data.migrate import _connect_args

    return sa.create_engine(url, poolclass=NullPool, connect_args=_connect_args(url))


def _sqlite_facts(path: Path) -> tuple[dict[str, int], int | None, str | None]:
    engine = sa.create_engine("sqlite://", poolclass=NullPool,
                              creator=lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    try:
        with engine.connect() as conn:
            return _read_facts(conn)
    finally:
        engine.dispose()


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found on PATH: install PostgreSQL's client programs "
                          f"(Debian: apt-get install postgresql-client), of the server's major version or newer")
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL as libpq takes it, without its password, and an environment with PGPASSWORD."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password is not None:
        env["PGPASSWORD"] = str(u.password)
    dsn = URL.create("postgresql", username=u.username, host=u.host, port=u.port, database=u.database,
                     query=u.query).render_as_string(hide_password=False)
    return dsn, env


def _run_tool(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        raise BackupError(f"{Path(args[0]).name} failed: {lines[0] if lines else f'exit {done.returncode}'}")
    return done


def _tool_version(tool: str) -> str:
    return subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.strip()


def _new_private(path: Path) -> None:
    """An empty file at `path`, mode 600 from the start; an error if one is there."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_files.PRIVATE_MODE))
    except FileExistsError:
        raise BackupError(f"{path} exists already: choose another --out") from None


def _default_out(url: str) -> Path:
    from settings import Settings

    folder = Settings().backup_dir
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"dashboard-{stamp}.{'sqlite' if _backend(url) == 'sqlite' else 'dump'}"


# ---------------------------------------------------------------------------- create
def create(url: str, out: Path | None = None) -> dict:
    """Back up the store at `url` into `out` (and its manifest). Returns the manifest."""
    backend = _backend(url)
    out = Path(out) if out is not None else _default_out(url)
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # (a file in its way: OSError, one line)
    if out.exists() or manifest_path(out).exists():
        raise BackupError(f"{out} exists already: choose another --out")
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    _new_private(part)
    try:
        if backend == "sqlite":
            facts, tool = _create_sqlite(url, part)
        else:
            facts, tool = _create_pg(url, part)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    tables, version, revision = facts
    manifest = {
        "manifest_version": 1,
        "format": SQLITE_FORMAT if backend == "sqlite" else PG_FORMAT,
        "file": out.name,
        "bytes": out.stat().st_size,
        "sha256": sha256_of(out),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "store": make_url(url).render_as_string(hide_password=True),
        "data_version": version,
        "revision": revision,
        "tables": tables,
        "tool": tool,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    if not private_files.create_exclusive(manifest_path(out), text):
        raise BackupError(f"{manifest_path(out)} exists already")
    return manifest


def _create_sqlite(url: str, part: Path):
    source = _sqlite_file(url)
    if not source.is_file():
        raise BackupError(f"no store at {source}")
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(part)
    try:
        src.backup(dst)  # all pages in one step: one consistent snapshot; WAL lets writers go on
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()
    return _sqlite_facts(part), f"sqlite {sqlite3.sqlite_version}"


def _create_pg(url: str, part: Path):
    pg_dump = _pg_tool("pg_dump")
    dsn, env = _libpq(url)
    engine = _engine(url)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
            with conn.begin():
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
                facts = _read_facts(conn)
                # pg_dump reads the same snapshot while this transaction stays open.
                _run_tool([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={part}",
                           f"--dbname={dsn}"], env)
    except sa.exc.DBAPIError as exc:
        raise BackupError(f"cannot read the store: {' '.join(str(exc.orig).split())}") from None
    finally:
        engine.dispose()
    return facts, _tool_version(pg_dump)


# ---------------------------------------------------------------------------- verify
def read_manifest(backup: Path) -> dict:
    backup = Path(backup)
    if backup.name.endswith(MANIFEST_SUFFIX):
        backup = backup.with_name(backup.name[:-len(MANIFEST_SUFFIX)])
    if not backup.is_file():
        raise BackupError(f"no backup at {backup}")
    try:
        manifest = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
            raise ValueError("not a manifest")
    except FileNotFoundError:
        raise BackupError(f"no manifest beside the backup ({manifest_path(backup).name})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"the manifest {manifest_path(backup).name} cannot be read: {exc}") from None
    return manifest


def verify(backup: Path) -> dict:
    """Check the backup against its manifest; returns the manifest, raises BackupError if not."""
    backup = Path(backup)
    if backup.name.endswith(MANIFEST_SUFFIX):
        backup = backup.with_name(backup.name[:-len(MANIFEST_SUFFIX)])
    manifest = read_manifest(backup)
    if sha256_of(backup) != manifest.get("sha256"):
        raise BackupError(f"{backup.name} is not the file its manifest describes (SHA-256 differs): "
                          f"it was changed or cut short")
    if manifest.get("format") == SQLITE_FORMAT:
        tables = _verify_sqlite(backup, manifest)
    elif manifest.get("format") == PG_FORMAT:
        tables = _verify_pg(backup)
    else:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    expected = {name: int(n) for name, n in manifest["tables"].items()}
    differ = sorted(name for name in set(expected) | set(tables) if expected.get(name, 0) != tables.get(name, 0))
    if differ:
        name = differ[0]
        raise BackupError(f"{backup.name} is incomplete: table {name} holds {tables.get(name, 0)} rows, "
                          f"the manifest says {expected.get(name, 0)}" + (f" ({len(differ)} tables differ)"
                                                                          if len(differ) > 1 else ""))
    return manifest


def _verify_sqlite(backup: Path, manifest: dict) -> dict[str, int]:
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
        if result != ["ok"]:
            raise BackupError(f"{backup.name} is damaged: {result[0]}")
        tables, version, revision = _sqlite_facts(backup)
    except (sqlite3.DatabaseError, sa.exc.DBAPIError) as exc:
        raise BackupError(f"{backup.name} is not a readable SQLite database: "
                          f"{getattr(exc, 'orig', exc)}") from None
    if (version, revision) != (manifest.get("data_version"), manifest.get("revision")):
        raise BackupError(f"{backup.name} holds data version {version}, revision {revision}; the manifest says "
                          f"{manifest.get('data_version')}, {manifest.get('revision')}")
    return tables


def _verify_pg(backup: Path) -> dict[str, int]:
    """Rows per table, counted by reading the whole archive back (pg_restore to a script)."""
    pg_restore = _pg_tool("pg_restore")
    _run_tool([pg_restore, "--list", str(backup)], dict(os.environ))
    tables: dict[str, int] = {}
    proc = subprocess.Popen([pg_restore, "--data-only", "--file=-", str(backup)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    current = None
    for line in proc.stdout:
        if current is None:
            if line.startswith(b"COPY ") and line.rstrip().endswith(b"FROM stdin;"):
                # COPY public.name (columns) FROM stdin;  -> name
                target = line[5:].split(b" (", 1)[0].split(b" FROM", 1)[0].decode()
                current = target.split(".", 1)[-1].strip('"')
                tables[current] = 0
        elif line.rstrip(b"\n") == b"\\.":
            current = None
        else:
            tables[current] += 1
    err = proc.stderr.read().decode(errors="replace")
    if proc.wait() != 0 or current is not None:
        lines = [line.strip() for line in err.splitlines() if line.strip()]
        raise BackupError(f"{backup.name} cannot be read back: {lines[0] if lines else 'it ends early'}")
    return tables


# ---------------------------------------------------------------------------- restore
def holds_data(url: str) -> bool:
    """Whether the store has rows in any table but the seeds a first start writes."""
    if _backend(url) == "sqlite":
        path = _sqlite_file(url)
        if not path.exists() or path.stat().st_size == 0:
            return False
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            for name in sa.inspect(conn).get_table_names():
                if name not in SEED_TABLES and conn.exec_driver_sql(
                        f"SELECT 1 FROM {_quote(name)} LIMIT 1").first() is not None:
                    return True
    finally:
        engine.dispose()
    return False


def _has_tables(url: str) -> bool:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return bool(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _data_version(url: str) -> int | None:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            if "store_meta" not in sa.inspect(conn).get_table_names():
                return None
            value = conn.exec_driver_sql("SELECT value FROM store_meta WHERE key = 'data_version'").scalar()
            return int(value) if value is not None else None
    finally:
        engine.dispose()


def restore(backup: Path, url: str, force: bool = False) -> dict:
    """Restore `backup` into the store at `url`. Returns the manifest."""
    backend = _backend(url)
    manifest = verify(backup)
    backup = Path(backup)
    if backup.name.endswith(MANIFEST_SUFFIX):
        backup = backup.with_name(backup.name[:-len(MANIFEST_SUFFIX)])
    wanted = SQLITE_FORMAT if backend == "sqlite" else PG_FORMAT
    if manifest["format"] != wanted:
        raise BackupError(f"{backup.name} is a {manifest['format']} backup; the store is {backend}: "
                          f"restore it into a store of its own kind")
    try:
        occupied = holds_data(url)
        old_version = _data_version(url) if occupied else None
    except sa.exc.DBAPIError as exc:
        raise BackupError(f"cannot open the store: {' '.join(str(exc.orig).split())}") from None
    if occupied and not force:
        raise Refused(f"the store {make_url(url).render_as_string(hide_password=True)} holds data: restore "
                      f"refuses to overwrite it (back it up, stop the servers, then pass --force)")
    if backend == "sqlite":
        _restore_sqlite(backup, _sqlite_file(url))
    else:
        _restore_pg(backup, url, clean=_has_tables(url))
    if old_version is not None and manifest.get("data_version") is not None:
        # Past both: a server that cached the old store's version sees a change and reloads.
        engine = _engine(url)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("UPDATE store_meta SET value = %d WHERE key = 'data_version'"
                                     % (max(old_version, manifest["data_version"]) + 1))
        finally:
            engine.dispose()
    return manifest


def _restore_sqlite(backup: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    private_files.prepare_sqlite(target)
    src = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)  # page by page into the target, in one transaction: all of it or none
        dst.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise BackupError(f"cannot write the store {target}: {exc}") from None
    finally:
        dst.close()
        src.close()
    private_files.prepare_sqlite(target)


def _restore_pg(backup: Path, url: str, clean: bool) -> None:
    pg_restore = _pg_tool("pg_restore")
    dsn, env = _libpq(url)
    _run_tool([pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
               *(["--clean", "--if-exists"] if clean else []), f"--dbname={dsn}", str(backup)], env)


# ---------------------------------------------------------------------------- command line
def _summary(manifest: dict) -> str:
    rows = sum(int(n) for n in manifest["tables"].values())
    return (f"{manifest['file']}: {len(manifest['tables'])} tables, {rows} rows, data version "
            f"{manifest.get('data_version')}, revision {manifest.get('revision')}, sha256 {manifest['sha256'][:12]}…")


def main(argv: list[str] | None = None) -> int:
    from settings import Settings

    parser = argparse.ArgumentParser(prog="python -m data.backup", description="Back up, check and restore the store.")
    parser.add_argument("--url", help="the store (default: DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create", help="back up the store (the servers may go on running)")
    c.add_argument("--out", type=Path, help="the backup file (default: BACKUP_DIR/dashboard-<time>.sqlite|.dump)")
    v = sub.add_parser("verify", help="check a backup against its manifest")
    v.add_argument("backup", type=Path)
    r = sub.add_parser("restore", help="restore a backup into the store (stop the servers first)")
    r.add_argument("backup", type=Path)
    r.add_argument("--force", action="store_true", help="overwrite a store that holds data")
    args = parser.parse_args(argv)
    url = args.url or Settings().database_url
    try:
        if args.command == "create":
            manifest = create(url, args.out)
            print(f"backed up: {_summary(manifest)}")
        elif args.command == "verify":
            print(f"verified: {_summary(verify(args.backup))}")
        else:
            manifest = restore(args.backup, url, force=args.force)
            print(f"restored into {make_url(url).render_as_string(hide_password=True)}: {_summary(manifest)}")
    except Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return REFUSED_EXIT
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except sa.exc.DBAPIError as exc:
        print(f"error: {' '.join(str(exc.orig).split())}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error, sa.exc.SQLAlchemyError) as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
