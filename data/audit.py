"""The audit trail: who did what, from where, to what, with what result, in a hash chain.

Every row carries the SHA-256 of the previous row's hash and its own fields, so a changed or
deleted row breaks the chain; the head row (schema.audit_head) holds the newest hash, so a
deleted newest row is seen too. The app only appends (there is no update or delete here but
the explicit prune, which keeps six months and leaves a record that anchors the chain).

    python -m data.audit verify                      # exit 1 and name the first bad row
    python -m data.audit prune --before 2026-01-01   # refuses anything younger than 6 months
    python -m data.audit export > audit.csv
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from data import schema

GENESIS = "0" * 64
# What the Cybersecurity Law (art. 21) asks network logs to be kept for.
KEEP_MONTHS = 6
PRUNE = "audit.prune"
COLUMNS = ("id", "at", "username", "address", "action", "object", "result", "hash")

# The actions recorded (the `action` column).
SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_IN_THROTTLED = "sign_in_throttled"
SIGN_OUT = "sign_out"
SESSION_EXPIRED = "session_expired"
PASSWORD_CHANGED = "password_changed"
IMPORT = "import"
REVERT = "revert"
USER_CHANGE = "user_change"
DOWNLOAD = "download"
DEADLINE = "deadline"                # a reporting round's deadline set (data.reporting)
WARNING_CHECKED = "warning_checked"  # a warning kept with a batch marked checked, with its note


@dataclass(frozen=True)
class Problem:
    """The first row where the chain breaks (row_id None: the head, i.e. the newest rows)."""
    row_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row_id}" if self.row_id is not None else "the newest rows"
        return f"{where}: {self.reason}"


def _utc(at: datetime) -> datetime:
    """The same instant as a naive UTC datetime, whichever way the database hands it back."""
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at


def row_hash(prev_hash: str, at: datetime, username, address, action, object_, result) -> str:
    fields = [prev_hash, _utc(at).isoformat(timespec="microseconds"), username, address, action, object_, result]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def _lock_head(conn) -> str:
    """Take the head row's lock (the first write of the transaction, so appenders queue here
    rather than fork the chain) and answer the newest hash."""
    h = schema.audit_head
    if conn.execute(h.update().where(h.c.id == 1).values(appended=h.c.appended + 1)).rowcount == 0:
        conn.execute(h.insert().values(id=1, last_hash=GENESIS, appended=1))
    return conn.execute(sa.select(h.c.last_hash).where(h.c.id == 1)).scalar_one()


def _append(conn, prev: str, action: str, user, address, object_, result, now: datetime | None) -> str:
    at = _utc(now or datetime.now(timezone.utc))
    values = dict(username=None if user is None else str(user)[:80],
                  address=None if address is None else str(address)[:64], action=action[:40],
                  object=None if object_ is None else str(object_)[:2000],
                  result=None if result is None else str(result)[:200])
    digest = row_hash(prev, at, values["username"], values["address"], values["action"], values["object"],
                      values["result"])
    conn.execute(schema.audit_events.insert().values(at=at, prev_hash=prev, hash=digest, **values))
    conn.execute(schema.audit_head.update().where(schema.audit_head.c.id == 1).values(last_hash=digest))
    return digest


def record(store, action: str, *, user: str | None = None, address: str | None = None,
           object: str | None = None, result: str | None = "ok", now: datetime | None = None) -> str:
    """Append one event; its hash. Safe from any number of processes at once."""
    for attempt in range(3):
        try:
            with store.begin() as conn:  # the request's connection, when it is free
                prev = _lock_head(conn)
                return _append(conn, prev, action, user, address, object, result, now)
        except IntegrityError:  # two first appenders both made the head row: the loser retries
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def events(store, limit: int | None = None) -> list[dict]:
    """The rows, newest first (all of them without `limit`)."""
    a = schema.audit_events
    query = sa.select(*[a.c[name] for name in COLUMNS]).order_by(a.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [dict(r._mapping, at=_utc(r.at)) for r in conn.execute(query)]


def to_csv(store) -> bytes:
    """Every row, oldest first, as UTF-8 CSV with a BOM (for Excel); times are UTC."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in reversed(events(store)):
        cells = [row[c].isoformat(timespec="seconds") + "Z" if c == "at" else row[c] for c in COLUMNS]
        # A cell a spreadsheet would run as a formula gets a leading quote (OWASP).
        writer.writerow(["'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
                         for v in cells])
    return ("\ufeff" + out.getvalue()).encode()


def verify(store) -> Problem | None:
    """None if the chain is whole; else the first row that was changed, or where rows are missing."""
    a, h = schema.audit_events, schema.audit_head
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(a).order_by(a.c.id)).all()
        head = conn.execute(sa.select(h.c.last_hash).where(h.c.id == 1)).scalar()
    anchors = {GENESIS} | {r.object for r in rows if r.action == PRUNE}
    prev = None
    for r in rows:
        expected = row_hash(r.prev_hash, r.at, r.username, r.address, r.action, r.object, r.result)
        if r.hash != expected:
            return Problem(r.id, "its fields do not match its hash (changed)")
        if prev is None and r.prev_hash not in anchors:
            return Problem(r.id, "the rows before it are missing (deleted)")
        if prev is not None and r.prev_hash != prev:
            return Problem(r.id, "the row before it is missing or changed")
        prev = r.hash
    if (head or GENESIS) != (prev or GENESIS):
        return Problem(None, "the newest rows are missing (deleted)")
    return None


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def oldest_prunable(today: date | None = None) -> date:
    """The latest `before` that prune accepts: six months ago."""
    return _months_before(today or datetime.now(timezone.utc).date(), KEEP_MONTHS)


def prune(store, before: date, *, user: str | None = None, now: datetime | None = None) -> int:
    """Delete the rows older than `before` (at least six months ago, else ValueError) and
    append a prune record naming the last deleted row's hash, which verify accepts as the
    start of the chain. The number of rows deleted."""
    now = now or datetime.now(timezone.utc)
    if before > oldest_prunable(now.date()):
        raise ValueError(f"{before} is less than {KEEP_MONTHS} months ago; the oldest allowed is "
                         f"{oldest_prunable(now.date())}")
    a = schema.audit_events
    cutoff = datetime(before.year, before.month, before.day)
    with store.engine.begin() as conn:
        prev = _lock_head(conn)
        last = conn.execute(sa.select(a.c.id, a.c.hash).where(a.c.at < cutoff).order_by(a.c.id.desc()).limit(1)).first()
        if last is None:
            return 0
        count = conn.execute(a.delete().where(a.c.id <= last.id)).rowcount
        _append(conn, prev, PRUNE, user, None, last.hash, f"{count} rows before {before.isoformat()}", now)
    return count


def main(argv: list[str] | None = None) -> int:
    from data.store import Store
    parser = argparse.ArgumentParser(prog="python -m data.audit", description="Check, export or prune the audit trail.")
    parser.add_argument("--database", default=None, help="SQLAlchemy URL (default: DATABASE_URL or instance/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("verify", help="check the hash chain; exit 1 at the first bad row")
    sub.add_parser("export", help="every row as CSV on standard output")
    cut = sub.add_parser("prune", help="delete rows older than a date at least six months ago")
    cut.add_argument("--before", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    store = Store(args.database)
    store.create_schema()
    if args.command == "verify":
        problem = verify(store)
        if problem is not None:
            print(f"audit chain broken at {problem}", file=sys.stderr)
            return 1
        print(f"audit chain whole ({len(events(store))} rows)")
        return 0
    if args.command == "export":
        sys.stdout.buffer.write(to_csv(store))
        return 0
    try:
        count = prune(store, args.before, user="cli")
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"pruned {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
