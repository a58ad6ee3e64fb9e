"""A `limits` storage (what Flask-Limiter counts in) kept in the store's own database, so that
every worker behind one store shares the counters without a memcached or redis server.

`limits` has no SQL storage of its own. This one supports the fixed-window strategy: a
counter per key that starts at the first hit and is dropped when its window has passed.
Each hit is one short transaction (an UPDATE, or an INSERT for a new window), which SQLite
serialises and PostgreSQL locks by row. Use it as storage_uri "dashboard-db://" with the
store's engine in storage_options={"engine": ...}, and the store itself as "store" for its hits
to share the request's one connection to it (Store.connect, Store.begin).
"""
from __future__ import annotations

import random
import time

import sqlalchemy as sa
from limits.storage import Storage
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from data.schema import rate_limit_counters as counters

SCHEME = "dashboard-db"
# One hit in this many also deletes every expired counter, so the table stays small.
PRUNE_ONE_IN = 200


class DatabaseStorage(Storage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, *, engine: sa.Engine | None = None,
                 store=None, **options):
        if engine is None:
            raise ValueError(f"{SCHEME}:// needs the store's engine in storage_options")
        self.engine = engine
        self._connect = store.connect if store is not None else engine.connect
        self._begin = store.begin if store is not None else engine.begin
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

    def _row(self, key: str):
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
        with self._begin() as conn:
            return conn.execute(counters.delete()).rowcount

    def clear(self, key: str) -> None:
        with self._begin() as conn:
            conn.execute(counters.delete().where(counters.c.key == key))
