"""The store: a real database through SQLAlchemy, and the canonical counts derived from it.

SQLite file by default (created on first start in the git-ignored instance/ folder);
any SQLAlchemy URL through DATABASE_URL. Only portable SQL is used.

- ensure_ready() creates the tables (by the migrations' rule at start, data.migrate) and,
  if there is no data yet, builds the simulated demonstration batch (data.demo) in one transaction.
- commit_batch() writes a batch and its records, and rebuilds the derived
  indicator_counts, in one transaction: all of it or none of it.
- The counts are cached per process and reloaded when store_meta.data_version moves,
  which every committing transaction bumps, so all processes see a new batch.
"""
from __future__ import annotations

import contextvars
import hashlib
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from data import catalogue, demo, migrate, private_files, schema
from data.divisions import DIVISIONS, PROVINCE_CODE
from settings import Settings


# Any constant, the same in every process (and not data.migrate's): the key of PostgreSQL's
# advisory lock that the first build of the demo batch is made under.
_DEMO_LOCK_KEY = 0x64656D6F  # "demo"


@dataclass(frozen=True)
class SimulatedPart:
    """How much of what is shown is simulated: per year, (simulated county-years, county-years).
    True while any of it is."""
    by_year: dict

    def __bool__(self) -> bool:
        return any(s for s, _ in self.by_year.values())

    @property
    def whole(self) -> bool:
        return all(s == n for s, n in self.by_year.values())


@dataclass(frozen=True)
class BatchInfo:
    id: int
    kind: str
    source: str
    created_at: datetime
    row_count: int
    is_simulated: bool
    status: str


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    """The engine for `url`, its pool and timeouts from `settings` (Settings' DB_* fields)."""
    settings = settings or Settings()
    pool = {"pool_size": settings.db_pool_size, "max_overflow": settings.db_max_overflow,
            "pool_timeout": settings.db_pool_timeout}
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            from pathlib import Path
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            private_files.prepare_sqlite(Path(path))  # the store is for the server's user only
        # An in-memory database is one connection per thread: no pool to size.
        sized = pool if path and path != ":memory:" else {}
        engine = sa.create_engine(url, connect_args={"timeout": 30}, **sized)

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")  # readers go on while a batch is written
            cur.close()
        return engine
    connect_args = {}
    if make_url(url).get_backend_name() == "postgresql":
        # libpq counts whole seconds (and takes less than 2 as 2).
        connect_args["connect_timeout"] = max(1, round(settings.db_connect_timeout))
        if settings.db_statement_timeout > 0:
            options = f"-c statement_timeout={round(settings.db_statement_timeout * 1000)}"
            given = make_url(url).query.get("options")
            connect_args["options"] = f"{given} {options}" if given else options
    # pool_pre_ping: a connection the server dropped (a restart) is replaced, not failed with.
    # Bigger batches of multi-row INSERTs: the demo batch builds in ~6 s on PostgreSQL, not ~9 s.
    return sa.create_engine(url, pool_pre_ping=True, insertmanyvalues_page_size=5000,
                            connect_args=connect_args, **pool)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values, NaN as None, ready for executemany."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


class _Scope:
    """A request's one connection, checked out at its first read and returned at its end."""

    def __init__(self):
        self.conn: Connection | None = None
        self.depth = 0


class Store:
    def __init__(self, url: str | None = None, settings: Settings | None = None):
        settings = settings or Settings()
        self.url = url or settings.database_url
        self.engine = make_engine(self.url, settings)
        # The scope of the request (or command) being served in this thread, if one is open.
        self._scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar(f"store-scope-{id(self)}",
                                                                                    default=None)
        self._lock = threading.Lock()
        self._cached_version: int | None = None
        self._counts: pd.DataFrame | None = None
        # The data version last read, and when (time.monotonic()): data_version() takes it as
        # current for version_ttl seconds while serving a request (a scope is open).
        self.version_ttl = settings.data_version_ttl
        self._version_seen: tuple[int, float] | None = None

    # ------------------------------------------------------------------ connections
    def open_scope(self) -> contextvars.Token:
        """Starts a scope (a request's) in which every read of this store shares one connection,
        checked out at the first read. close_scope(token) returns it."""
        return self._scope.set(_Scope())

    def close_scope(self, token: contextvars.Token) -> None:
        scope = self._scope.get()
        self._scope.reset(token)
        if scope is not None and scope.conn is not None:
            self._drop(scope)

    @contextmanager
    def request_scope(self):
        """open_scope() … close_scope() around a block."""
        token = self.open_scope()
        try:
            yield self
        finally:
            self.close_scope(token)

    @staticmethod
    def _drop(scope: _Scope) -> None:
        conn, scope.conn = scope.conn, None
        try:
            conn.close()
        except sa.exc.SQLAlchemyError:  # the server went away with it: the pool forgets it
            pass

    @contextmanager
    def connect(self):
        """A connection to read with: the scope's, when one is open (each read still ends its
        own transaction, so it sees what was committed before it, as a connection of its own
        would), else one of its own from the pool."""
        scope = self._scope.get()
        if scope is None:
            with self.engine.connect() as conn:
                yield conn
            return
        if scope.conn is None:
            scope.conn = self.engine.connect()
        scope.depth += 1
        try:
            yield scope.conn
        finally:
            scope.depth -= 1
            if scope.depth == 0 and scope.conn is not None:
                try:
                    scope.conn.rollback()
                except sa.exc.SQLAlchemyError:
                    self._drop(scope)  # the next read of the scope checks out a new one

    @contextmanager
    def begin(self):
        """A connection in a transaction that commits at the end of the block (rolls back on an
        exception): the scope's when one is open and no read holds it, else one of its own."""
        scope = self._scope.get()
        if scope is None or scope.depth > 0:
            with self.engine.begin() as conn:
                yield conn
            return
        if scope.conn is None:
            scope.conn = self.engine.connect()
        conn = scope.conn
        scope.depth += 1
        try:
            with conn.begin():
                yield conn
        except sa.exc.DBAPIError:
            if conn.invalidated:
                self._drop(scope)
            raise
        finally:
            scope.depth -= 1

    # ------------------------------------------------------------------ set-up
    def ensure_ready(self, seed: int = demo.SEED) -> bool:
        """Create the tables and the demo batch if the store has no data. True if built now."""
        self.create_schema()
        if self.has_data():
            return False
        with self._first_build_lock():
            if self.has_data():  # another process built it while this one waited
                return False
            data = demo.generate(seed)
            try:
                self.commit_batch(
                    kind="demo", is_simulated=True, dedupe_key=f"demo:{seed}",
                    source=f"{demo.SOURCE_NAME} (data.demo, seed {seed})",
                    units=data.units, unit_years=data.unit_years, county_years=data.county_years,
                    province_years=data.province_years)
            except IntegrityError:
                # Another process built the same demo batch first; its data is what we want.
                return False
        return True

    @contextmanager
    def _first_build_lock(self):
        """On PostgreSQL, one starting process at a time builds the demo batch; the others wait
        here (without the statement timeout: a build takes seconds, longer on a busy machine) and
        then find it built. Without it each generated the data and then waited on the builder's
        row lock, where the statement timeout cancelled them and their worker failed to boot
        (two servers of two workers starting at once on an empty database). SQLite's busy
        timeout already queues its writers."""
        if self.engine.dialect.name != "postgresql":
            yield
            return
        with self.engine.connect() as conn, conn.begin():
            conn.execute(sa.text("SET LOCAL statement_timeout = 0"))
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _DEMO_LOCK_KEY})
            yield

    def create_schema(self) -> None:
        """The tables, the division table and the data version, where missing. Safe when
        several processes start at once: the loser of a race retries and finds it done."""
        for attempt in range(5):
            try:
                self._create_schema_once()
                return
            except (IntegrityError, OperationalError):
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))

    def _create_schema_once(self) -> None:
        # The tables come from the migrations (data/migrations), by the rule at start in data.migrate.
        migrate.prepare(self.url, auto_migrate=Settings().auto_migrate)
        with self.engine.begin() as conn:
            if conn.execute(sa.select(sa.func.count()).select_from(schema.divisions)).scalar() == 0:
                conn.execute(schema.divisions.insert(), _records(DIVISIONS[
                    ["code", "name", "name_en", "kind", "level", "parent_code"]].replace({"parent_code": {"": None}})))
            if conn.execute(sa.select(schema.store_meta.c.value).where(
                    schema.store_meta.c.key == "data_version")).first() is None:
                conn.execute(schema.store_meta.insert(), {"key": "data_version", "value": 0})

    def ping(self) -> int:
        """The data version, read from the database now (never from a cache): /readyz asks it.
        Raises SQLAlchemyError when the database does not answer."""
        with self.connect() as conn:
            return int(conn.execute(sa.select(schema.store_meta.c.value).where(
                schema.store_meta.c.key == "data_version")).scalar() or 0)

    def check_writable(self) -> None:
        """Raises SQLAlchemyError unless the store takes a write: the data version set to itself
        and rolled back (a read-only SQLite file or folder, or a read-only role, fails it)."""
        meta = schema.store_meta
        with self.engine.connect() as conn:
            with conn.begin() as transaction:
                conn.execute(meta.update().where(meta.c.key == "data_version").values(value=meta.c.value))
                transaction.rollback()

    def has_data(self) -> bool:
        with self.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.import_batches).where(
                schema.import_batches.c.status == "active")).scalar() > 0

    # ------------------------------------------------------------------ writing
    def commit_batch(self, *, kind: str, source: str, is_simulated: bool, units: pd.DataFrame,
                     unit_years: pd.DataFrame, county_years: pd.DataFrame | None = None,
                     province_years: pd.DataFrame | None = None, file_name: str | None = None,
                     created_by: str | None = None, sha256: str | None = None,
                     dedupe_key: str | None = None, scope: list[tuple[str, int]] | None = None,
                     row_count: int | None = None, warnings: pd.DataFrame | None = None) -> int:
        """Write one batch and its records and rebuild the counts, atomically. Returns its id.

        `scope` is the county-years the batch reports (by default, those its records touch):
        for each of them this batch becomes the one shown, wholly replacing the earlier one.
        `warnings` are the plausibility warnings its check found (data.quality.COLUMNS), kept with it.
        """
        county_years = county_years if county_years is not None else pd.DataFrame()
        province_years = province_years if province_years is not None else pd.DataFrame()
        if scope is None:
            scope = batch_scope_of(units, unit_years, county_years)
        digest = sha256 or frames_digest(units, unit_years, county_years, province_years)
        if row_count is None:
            row_count = len(units) + len(unit_years) + len(county_years) + len(province_years)
        with self.engine.begin() as conn:
            batch_id = conn.execute(schema.import_batches.insert().values(
                kind=kind, source=source, file_name=file_name, sha256=digest,
                created_at=datetime.now(timezone.utc), created_by=created_by, row_count=row_count,
                is_simulated=is_simulated, status="active", dedupe_key=dedupe_key,
            )).inserted_primary_key[0]
            if scope:
                conn.execute(schema.batch_scope.insert(), [{"batch_id": batch_id, "county_code": c, "year": int(y)}
                                                           for c, y in sorted(set(scope))])
            new_units = units[~units["id"].isin(self._existing_unit_ids(conn, units["id"]))]
            if len(new_units):
                conn.execute(schema.units.insert(), _records(new_units.assign(batch_id=batch_id)[
                    ["id", "kind", "name", "name_en", "county_code", "batch_id"]]))
            conn.execute(schema.unit_year_records.insert(), _records(unit_years.assign(batch_id=batch_id)))
            if len(county_years):
                conn.execute(schema.county_year_records.insert(), _records(county_years.assign(batch_id=batch_id)))
            if len(province_years):
                conn.execute(schema.province_year_records.insert(),
                             _records(province_years.assign(batch_id=batch_id)))
            if warnings is not None and len(warnings):
                kept = warnings[list(WARNING_COLUMNS)].assign(batch_id=batch_id)
                conn.execute(schema.batch_warnings.insert(), _records(kept))
            self._rebuild_counts(conn)
        self._version_seen = None  # this store's own commit shows at once
        return int(batch_id)

    @staticmethod
    def _existing_unit_ids(conn: Connection, ids: pd.Series) -> set[str]:
        found: set[str] = set()
        values = ids.tolist()
        for start in range(0, len(values), 900):  # stay under SQLite's bound-parameter limit
            chunk = values[start:start + 900]
            found |= set(conn.execute(sa.select(schema.units.c.id).where(schema.units.c.id.in_(chunk))).scalars())
        return found

    def _rebuild_counts(self, conn: Connection) -> None:
        counts = compute_counts(*self._active_frames(conn))
        conn.execute(schema.indicator_counts.delete())
        conn.execute(schema.indicator_counts.insert(), _records(counts))
        conn.execute(schema.store_meta.update().where(schema.store_meta.c.key == "data_version")
                     .values(value=schema.store_meta.c.value + 1))

    def revert_batch(self, batch_id: int, by: str | None = None) -> None:
        """Take an imported batch back: the batches it superseded are shown again. It stays in
        the history, marked reverted. The demonstration batch cannot be reverted."""
        b = schema.import_batches
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(b.c.kind, b.c.status).where(b.c.id == batch_id)).first()
            if row is None or row.kind != "import" or row.status != "active":
                raise ValueError(f"batch {batch_id} cannot be reverted")
            conn.execute(b.update().where(b.c.id == batch_id).values(status="reverted"))
            self._rebuild_counts(conn)
        self._version_seen = None  # this store's own revert shows at once

    @staticmethod
    def _active_scope_query():
        """(county_code, year, batch_id): for each county-year, the newest active batch."""
        s, b = schema.batch_scope, schema.import_batches
        return (sa.select(s.c.county_code, s.c.year, sa.func.max(s.c.batch_id).label("batch_id"))
                .join(b, b.c.id == s.c.batch_id).where(b.c.status == "active")
                .group_by(s.c.county_code, s.c.year))

    @classmethod
    def _shown_unit_rows(cls):
        """Unit-year records joined to their units, only those of the batch shown for their county-year."""
        u, r = schema.units, schema.unit_year_records
        shown = cls._active_scope_query().subquery()
        return r.join(u, u.c.id == r.c.unit_id).join(
            shown, (shown.c.county_code == u.c.county_code) & (shown.c.year == r.c.year)
            & (shown.c.batch_id == r.c.batch_id))

    @classmethod
    def _active_frames(cls, conn: Connection):
        """The records shown: for each county-year, all of them from its active batch."""
        b = schema.import_batches
        active = sa.select(b.c.id).where(b.c.status == "active")
        scope = pd.read_sql(cls._active_scope_query(), conn)
        u, r = schema.units, schema.unit_year_records
        unit_years = pd.read_sql(
            sa.select(r, u.c.kind, u.c.county_code).join(u, u.c.id == r.c.unit_id)
            .where(r.c.batch_id.in_(active)), conn)
        unit_years = unit_years.merge(scope, on=["county_code", "year", "batch_id"]).reset_index(drop=True)
        cy = pd.read_sql(sa.select(schema.county_year_records)
                         .where(schema.county_year_records.c.batch_id.in_(active)), conn)
        cy = cy.merge(scope, on=["county_code", "year", "batch_id"])
        py = pd.read_sql(sa.select(schema.province_year_records)
                         .where(schema.province_year_records.c.batch_id.in_(active)), conn)
        py = py.sort_values("batch_id").drop_duplicates(["year"], keep="last")
        return unit_years, cy, py

    # ------------------------------------------------------------------ reading
    def data_version(self) -> int:
        """The version every committing transaction bumps, which the caches are keyed by.

        While a request is served (a scope is open), a version read less than version_ttl
        seconds ago is taken as current: on PostgreSQL each read is a round trip, which costs a
        recolour (a few milliseconds of work that reads nothing else) about a third of its
        time, so a busy server asks a few times a second instead of on every request. Another
        server's commit shows within version_ttl; this store's own at once (commit_batch and
        revert_batch forget the version read). Outside a request (commands, tests) every call
        asks the database."""
        seen = self._version_seen
        if seen is not None and self._scope.get() is not None and time.monotonic() - seen[1] < self.version_ttl:
            return seen[0]
        with self.connect() as conn:
            version = int(conn.execute(sa.select(schema.store_meta.c.value).where(
                schema.store_meta.c.key == "data_version")).scalar() or 0)
        self._version_seen = (version, time.monotonic())
        return version

    def counts(self, version: int | None = None) -> pd.DataFrame:
        """The indicator_counts table, cached until the data version moves. Pass the
        version if you have just read it, to save a round trip."""
        version = self.data_version() if version is None else version
        with self._lock:
            if self._counts is None or version != self._cached_version:
                with self.connect() as conn:
                    self._counts = pd.read_sql(sa.select(schema.indicator_counts), conn)
                self._cached_version = version
            return self._counts

    def batches(self) -> list[BatchInfo]:
        b = schema.import_batches
        with self.connect() as conn:
            rows = conn.execute(sa.select(b.c.id, b.c.kind, b.c.source, b.c.created_at, b.c.row_count,
                                          b.c.is_simulated, b.c.status).order_by(b.c.id)).all()
        return [BatchInfo(*row) for row in rows]

    def is_simulated(self) -> bool:
        """Whether any of the data shown comes from a simulated batch."""
        return bool(self.simulated_part())

    def active_batch(self, county_code: str, year: int) -> int | None:
        """The batch shown for one county-year."""
        scope = self._active_scope_query().subquery()
        with self.connect() as conn:
            return conn.execute(sa.select(scope.c.batch_id).where(scope.c.county_code == county_code,
                                                                   scope.c.year == year)).scalar()

    def unit_records(self, county_code: str, year: int) -> pd.DataFrame:
        """The unit-year records shown for one county and year, with each unit's name and kind."""
        u, r = schema.units, schema.unit_year_records
        with self.connect() as conn:
            frame = pd.read_sql(
                sa.select(r, u.c.kind, u.c.name, u.c.name_en, u.c.county_code).select_from(self._shown_unit_rows())
                .where(u.c.county_code == county_code, r.c.year == year), conn)
        return frame.sort_values("unit_id").reset_index(drop=True)

    def unit_index(self) -> pd.DataFrame:
        """Every unit the store has ever held: id, kind, name, county_code."""
        u = schema.units
        with self.connect() as conn:
            return pd.read_sql(sa.select(u.c.id, u.c.kind, u.c.name, u.c.county_code), conn)

    def shown_unit_records(self, year: int, counties: list[str]) -> pd.DataFrame:
        """The unit-year records shown for `year` in these counties, with each unit's kind and name."""
        u, r = schema.units, schema.unit_year_records
        query = (sa.select(r, u.c.kind, u.c.name, u.c.county_code).select_from(self._shown_unit_rows())
                 .where(r.c.year == year, u.c.county_code.in_(list(counties))))
        with self.connect() as conn:
            return pd.read_sql(query, conn)

    def shown_county_records(self, year: int) -> pd.DataFrame:
        """The county-year records shown for `year`."""
        c = schema.county_year_records
        shown = self._active_scope_query().subquery()
        query = (sa.select(c).select_from(c.join(shown, (shown.c.county_code == c.c.county_code)
                                                 & (shown.c.year == c.c.year) & (shown.c.batch_id == c.c.batch_id)))
                 .where(c.c.year == year))
        with self.connect() as conn:
            return pd.read_sql(query, conn)

    def batch_history(self) -> pd.DataFrame:
        """Every batch, newest first, with the county-years it reports and how many of them
        it is the one shown for (all: shown; some: partly superseded; none: superseded)."""
        b, sc = schema.import_batches, schema.batch_scope
        shown = self._active_scope_query().subquery()
        reported = sa.select(sc.c.batch_id, sa.func.count().label("county_years")).group_by(sc.c.batch_id).subquery()
        showing = sa.select(shown.c.batch_id, sa.func.count().label("shown")).group_by(shown.c.batch_id).subquery()
        query = (sa.select(b.c.id, b.c.kind, b.c.source, b.c.file_name, b.c.sha256, b.c.created_at, b.c.created_by,
                           b.c.row_count, b.c.is_simulated, b.c.status,
                           sa.func.coalesce(reported.c.county_years, 0).label("county_years"),
                           sa.func.coalesce(showing.c.shown, 0).label("shown"))
                 .select_from(b.outerjoin(reported, reported.c.batch_id == b.c.id)
                              .outerjoin(showing, showing.c.batch_id == b.c.id))
                 .order_by(b.c.id.desc()))
        with self.connect() as conn:
            return pd.read_sql(query, conn)

    def simulated_part(self) -> SimulatedPart:
        return SimulatedPart(self.simulated_by_year())

    def simulated_by_year(self) -> dict[int, tuple[int, int]]:
        """Per year: (county-years shown from simulated batches, county-years shown)."""
        scope = self._active_scope_query().subquery()
        b = schema.import_batches
        with self.connect() as conn:
            rows = conn.execute(sa.select(scope.c.year, sa.func.sum(sa.case((b.c.is_simulated, 1), else_=0)),
                                          sa.func.count())
                                .select_from(scope.join(b, b.c.id == scope.c.batch_id))
                                .group_by(scope.c.year).order_by(scope.c.year)).all()
        return {int(y): (int(s), int(n)) for y, s, n in rows}

    def simulated_share(self) -> tuple[int, int]:
        """(county-years shown from simulated batches, county-years shown)."""
        by_year = self.simulated_by_year().values()
        return sum(s for s, _ in by_year), sum(n for _, n in by_year)

    def drop_all(self) -> None:
        """Every table gone, the migrations' record too (tests use it to start a shared database afresh)."""
        schema.metadata.drop_all(self.engine)
        with self.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))

    def facts_by_county(self, year: int) -> pd.DataFrame:
        """Per county in `year`: urban communities, villages, households and residents."""
        u, r = schema.units, schema.unit_year_records
        query = (sa.select(u.c.county_code,
                           sa.func.sum(sa.case((u.c.kind == "urban", 1), else_=0)).label("urban"),
                           sa.func.sum(sa.case((u.c.kind == "rural", 1), else_=0)).label("rural"),
                           sa.func.coalesce(sa.func.sum(r.c.households), 0).label("households"),
                           sa.func.coalesce(sa.func.sum(r.c.residents), 0).label("residents"))
                 .select_from(self._shown_unit_rows())
                 .where(r.c.year == year).group_by(u.c.county_code))
        with self.connect() as conn:
            return pd.read_sql(query, conn).set_index("county_code")

    def content_digest(self) -> str:
        """sha256 over every table's rows in key order, batch timestamps excluded: equal
        digests mean equal stores. The operational tables (sign-in failures, rate-limit
        counters, the audit trail) are left out: a refused request may rightly add to them,
        and the audit trail has its own check (`python -m data.audit verify`)."""
        h = hashlib.sha256()
        with self.connect() as conn:
            for table in schema.metadata.sorted_tables:
                if table.name in OPERATIONAL_TABLES:
                    continue
                cols = [c for c in table.columns if c.name != "created_at"]
                keys = list(table.primary_key.columns) or cols
                for row in conn.execute(sa.select(*cols).order_by(*keys)):
                    h.update(repr(tuple(row)).encode())
        return h.hexdigest()


# What a plausibility warning kept with its batch holds (schema.batch_warnings; data.quality.COLUMNS).
WARNING_COLUMNS = ("county_code", "year", "check", "subject", "value", "reference", "threshold")

# Tables that record what happened to the service, not the data (see content_digest).
OPERATIONAL_TABLES = ("login_failures", "rate_limit_counters", "audit_events", "audit_head")


def batch_scope_of(units: pd.DataFrame, unit_years: pd.DataFrame,
                   county_years: pd.DataFrame) -> list[tuple[str, int]]:
    """The county-years a batch's records touch."""
    scope = set()
    if len(unit_years):
        county = unit_years["unit_id"].map(units.set_index("id")["county_code"])
        scope |= set(zip(county, unit_years["year"].astype(int)))
    if len(county_years):
        scope |= set(zip(county_years["county_code"], county_years["year"].astype(int)))
    return sorted(scope)


def frames_digest(*frames: pd.DataFrame) -> str:
    h = hashlib.sha256()
    for frame in frames:
        h.update(pd.util.hash_pandas_object(frame, index=False).values.tobytes())
    return h.hexdigest()


def _record_counts(ind: catalogue.Indicator, records: pd.DataFrame, division: pd.Series) -> pd.DataFrame:
    """One record-sourced indicator's counts. A cumulated count (records in year order per
    division) sums every year since 2011 and has no denominator; any other is the record's
    own 1 or 0 of 1, where the record says."""
    column = records[ind.record_column]
    if ind.cumulative:
        return pd.DataFrame({"division_code": division, "year": records["year"], "indicator_id": ind.id,
                             "numerator": column.groupby(division).cumsum().astype(float),
                             "denominator": np.nan})
    known = column.notna()
    return pd.DataFrame({"division_code": division[known], "year": records["year"][known], "indicator_id": ind.id,
                         "numerator": column[known].astype(float), "denominator": 1.0})


def compute_counts(unit_years: pd.DataFrame, county_years: pd.DataFrame,
                   province_years: pd.DataFrame) -> pd.DataFrame:
    """The canonical counts: (division_code, year, indicator_id) -> numerator, denominator.

    Unit-sourced indicators: the sums over a county's communities and villages of each
    record's numerator and denominator (data.catalogue). The others count their record
    column (Indicator.record_column) per county, or at the province: centres and stations
    built, cumulated since 2011; platforms, hotline and the training base, 1 or 0 of 1.
    """
    parts = []
    if len(unit_years):
        key = unit_years[["county_code", "year"]]
        for ind in catalogue.UNIT_SOURCED:
            num, den = catalogue.unit_counts(ind, unit_years)
            summed = (pd.DataFrame({"numerator": num, "denominator": den})
                      .groupby([key["county_code"], key["year"]]).sum().reset_index())
            parts.append(summed.assign(indicator_id=ind.id).rename(columns={"county_code": "division_code"}))
    if len(county_years):
        cy = county_years.sort_values(["county_code", "year"])
        parts += [_record_counts(ind, cy, cy["county_code"]) for ind in catalogue.COUNTY_SOURCED]
    if len(province_years):
        province = pd.Series(PROVINCE_CODE, index=province_years.index)
        parts += [_record_counts(ind, province_years, province) for ind in catalogue.PROVINCE_SOURCED]
    columns = ["division_code", "year", "indicator_id", "numerator", "denominator"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]
