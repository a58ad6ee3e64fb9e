"""A `limits` storage (what Flask-Limiter counts in) kept in the store's own database, so that
every worker behind one store shares the counters without a memcached or redis server.

`limits` has no SQL storage of its own. This one supports the fixed-window strategy: a
counter per key that starts at the first hit and is dropped when its window has passed.
Each hit is one short transaction of one statement on SQLite and PostgreSQL (INSERT ... ON
CONFLICT DO UPDATE ... RETURNING: a new window or one more in it), elsewhere an UPDATE or an
INSERT for a new window; SQLite serialises them and PostgreSQL locks by row. The counter just
written is what Flask-Limiter's headers read back (for a second, in the thread that wrote it). Use it as storage_uri "dashboard-db://" with the
store's engine in storage_options={"engine": ...}, and the store itself as "store" for its hits
to share the request's one connection to it (Store.connect, Store.begin).
"""
from __future__ import annotations

import random
import threading
import time
from typing import NamedTuple

import sqlalchemy as sa
from limits.storage import Storage
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from data.schema import rate_limit_counters as counters

SCHEME = "dashboard-db"
# One hit in this many also deletes every expired counter, so the table stays small.
PRUNE_ONE_IN = 200
# The databases whose INSERT ... ON CONFLICT DO UPDATE ... RETURNING counts a hit in one statement.
UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# How long a counter just written is taken as read, in seconds: Flask-Limiter reads it back for
# the X-RateLimit headers right after counting (the decision itself uses what incr returned).
JUST_WRITTEN_S = 1.0


class _Counter(NamedTuple):
    count: int
    expires_at: float


class DatabaseStorage(Storage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, *, engine: sa.Engine | None = None,
                 store=None, **options):
        if engine is None:
            raise ValueError(f"{SCHEME}:// needs the store's engine in storage_options")
        self.engine = engine
        self._connect = store.connect if store is not None else engine.connect
        self._begin = store.begin if store is not None else engine.begin
        self._upsert = UPSERTS.get(engine.dialect.name)
        self._written = threading.local()  # (key, count, expires_at, when) of this thread's last incr
        try:  # the store's schema has it already; a bare engine (a test) gets it here
            counters.create(engine, checkfirst=True)
        except SQLAlchemyError:  # another worker created it in between
            pass
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        if self._upsert is not None:
            return self._incr_upsert(key, expiry, amount, now)
        for _ in range(3):
            try:
                with self._begin() as conn:
                    if random.randrange(PRUNE_ONE_IN) == 0:
                        conn.execute(counters.delete().where(counters.c.expires_at <= now))
                    done = conn.execute(counters.update()
                                        .where(counters.c.key == key, counters.c.expires_at > now)
                                        .values(count=counters.c.count + amount))
                    if done.rowcount == 0:  # no counter, or an expired one: a new window
                        conn.execute(counters.delete().where(counters.c.key == key))
                        conn.execute(counters.insert().values(key=key, count=amount, expires_at=now + expiry))
                        return amount
                    return conn.execute(sa.select(counters.c.count).where(counters.c.key == key)).scalar_one()
            except IntegrityError:  # another worker began the same window first: count in it
                continue
        raise RuntimeError(f"rate-limit counter {key!r} could not be written")

    def _incr_upsert(self, key: str, expiry: int, amount: int, now: float) -> int:
        """One statement: a new window, or one more in the current one. A page render's count
        costs a third of what the UPDATE, SELECT (or DELETE, INSERT) of incr's portable way do."""
        live = counters.c.expires_at > now
        insert = self._upsert(counters).values(key=key, count=amount, expires_at=now + expiry)
        upsert = insert.on_conflict_do_update(index_elements=[counters.c.key], set_={
            "count": sa.case((live, counters.c.count + amount), else_=amount),
            "expires_at": sa.case((live, counters.c.expires_at), else_=now + expiry),
        }).returning(counters.c.count, counters.c.expires_at)
        with self._begin() as conn:
            if random.randrange(PRUNE_ONE_IN) == 0:
                conn.execute(counters.delete().where(counters.c.expires_at <= now))
            count, expires_at = conn.execute(upsert).one()
        self._written.last = (key, count, expires_at, time.monotonic())
        return count

    def _just_written(self, key: str):
        last = getattr(self._written, "last", None)
        if last is not None and last[0] == key and time.monotonic() - last[3] < JUST_WRITTEN_S \
                and last[2] > time.time():
            return last
        return None

    def _row(self, key: str):
        last = self._just_written(key)
        if last is not None:
            return _Counter(count=last[1], expires_at=last[2])
        with self._connect() as conn:
            return conn.execute(sa.select(counters.c.count, counters.c.expires_at)
                                .where(counters.c.key == key, counters.c.expires_at > time.time())).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return row.count if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row.expires_at if row else time.time()

    def check(self) -> bool:
        try:
            with self._connect() as conn:
                conn.execute(sa.select(sa.literal(1)))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        self._written.last = None
        with self._begin() as conn:
            return conn.execute(counters.delete()).rowcount

    def clear(self, key: str) -> None:
        self._written.last = None
        with self._begin() as conn:
            conn.execute(counters.delete().where(counters.c.key == key))
