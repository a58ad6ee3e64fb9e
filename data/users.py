"""Users and roles, kept in the store's database.

- viewer: reads the dashboard (only needed when REQUIRE_LOGIN is set);
- editor: imports reports and reverts imports on the data page;
- admin: everything an editor does, and manages users.

Passwords are stored as salted scrypt hashes (werkzeug) and must pass check_password (10
characters, three of four classes, not the name, not a common password). Failed sign-ins are
kept in the database, so every server process counts them, per (name, address) pair: after
MAX_FAILURES, each further attempt from that pair waits a delay that doubles (BASE_DELAY,
2x, 4x ... up to MAX_DELAY). The same name from another address, or another name from the
same address, is not held up, so nobody can lock a user out by guessing.

Every user has a session generation, part of the id their sessions carry: a sign-out, a new
password, a new role or a disabled account bumps it, which ends every session at once.

    python -m data.users create-admin NAME        # the first admin (a one-time password)
    python -m data.users add NAME --role editor
    python -m data.users list
"""
from __future__ import annotations

import argparse
import getpass
import sys
from functools import lru_cache
from pathlib import Path
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from data import schema

ROLES = ("viewer", "editor", "admin")
MIN_PASSWORD = 10
MIN_CLASSES = 3  # of lower case, upper case, digits, anything else
MAX_FAILURES = 5
BASE_DELAY = timedelta(seconds=30)  # after MAX_FAILURES failures; doubled by each further one
MAX_DELAY = timedelta(hours=1)
WINDOW = timedelta(hours=24)  # failures older than this are forgotten
COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")
# Compared against when the user does not exist, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    active: bool
    session_gen: int = 0
    must_change: bool = False

    def can(self, role: str) -> bool:
        """Whether this user has `role` or a higher one (routes.auth also refuses every write
        while a one-time password is unchanged)."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)

    # What Flask-Login asks of a user. The id names the session generation, so that bumping
    # it makes every session's id stale (routes.auth's user_loader refuses it).
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return session_id(self.username, self.session_gen)


def session_id(username: str, generation: int) -> str:
    return f"{generation}:{username}"


def parse_session_id(value: str) -> tuple[str, int] | None:
    generation, _, username = (value or "").partition(":")
    return (username, int(generation)) if generation.isdigit() and username else None


class UserError(ValueError):
    """A request about users that cannot be met; `key` is its message in data.i18n."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(key)


class RateLimited(UserError):
    pass


def _user(row) -> User:
    return User(id=row.id, username=row.username, role=row.role, active=bool(row.active),
                session_gen=row.session_gen or 0, must_change=bool(row.must_change))


def _check_name(username: str) -> str:
    username = (username or "").strip()
    if not 2 <= len(username) <= 80 or any(c.isspace() or ord(c) < 32 for c in username):
        raise UserError("users.bad_name")
    return username


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check_password(password: str, username: str = "") -> None:
    """UserError (its key names the rule) unless the password passes the policy."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise UserError("users.short_password", n=MIN_PASSWORD)
    classes = (any(c.islower() for c in password) + any(c.isupper() for c in password)
               + any(c.isdigit() for c in password) + any(not c.isalnum() for c in password))
    if classes < MIN_CLASSES:
        raise UserError("users.weak_password", n=MIN_CLASSES)
    name = (username or "").strip().casefold()
    # A short name (two letters) is refused only as the whole password, else few would pass.
    if name and (password.casefold() == name or (len(name) >= 3 and name in password.casefold())):
        raise UserError("users.password_has_name")
    if password.casefold() in common_passwords():
        raise UserError("users.common_password")


def create_user(store, username: str, password: str, role: str, *, must_change: bool = False) -> User:
    username = _check_name(username)
    check_password(password, username)
    if role not in ROLES:
        raise UserError("users.bad_role")
    u = schema.users
    with store.engine.begin() as conn:
        if conn.execute(sa.select(u.c.id).where(u.c.username == username)).first() is not None:
            raise UserError("users.exists", name=username)
        conn.execute(u.insert().values(username=username, password_hash=generate_password_hash(password),
                                       role=role, active=True, created_at=datetime.now(timezone.utc),
                                       session_gen=0, must_change=must_change))
    return get_user(store, username)


def get_user(store, username: str) -> User | None:
    u = schema.users
    with store.connect() as conn:  # the request's connection (the user loader runs on every request)
        row = conn.execute(sa.select(u).where(u.c.username == username)).first()
    return _user(row) if row is not None else None


def list_users(store) -> list[User]:
    u = schema.users
    with store.connect() as conn:
        return [_user(r) for r in conn.execute(sa.select(u).order_by(u.c.username))]


def update_user(store, username: str, *, role: str | None = None, active: bool | None = None,
                password: str | None = None, by: str | None = None) -> User:
    """Change a user's role, status or password. An admin cannot demote or disable
    themselves, and the last active admin stays an active admin. Any change ends every
    session of the user; a password set by someone else must be changed at the next sign-in."""
    user = get_user(store, username)
    if user is None:
        raise UserError("users.unknown", name=username)
    values = {}
    if role is not None:
        if role not in ROLES:
            raise UserError("users.bad_role")
        values["role"] = role
    if active is not None:
        values["active"] = bool(active)
    if password is not None:
        check_password(password, username)
        values["password_hash"] = generate_password_hash(password)
        values["must_change"] = by is not None and by != username
    demoting = user.role == "admin" and (values.get("role", "admin") != "admin" or values.get("active") is False)
    if demoting and by == username:
        raise UserError("users.not_yourself")
    u = schema.users
    with store.engine.begin() as conn:
        conn.execute(u.update().where(u.c.username == username).values(session_gen=u.c.session_gen + 1, **values))
        if demoting:
            admins = conn.execute(sa.select(sa.func.count()).select_from(u).where(
                u.c.role == "admin", u.c.active.is_(True))).scalar()
            if admins == 0:
                raise UserError("users.last_admin")  # rolls the change back
    return get_user(store, username)


def change_password(store, username: str, current: str, new: str) -> User:
    """The user's own change: the current password must be right and the new one pass the
    policy and differ from it. Ends every session of the user (the caller signs this one in again)."""
    user = get_user(store, username)
    u = schema.users
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(u.c.password_hash).where(u.c.username == username)).first()
    if user is None or row is None or not check_password_hash(row.password_hash, current or ""):
        raise UserError("users.wrong_password")
    if new == current:
        raise UserError("users.same_password")
    return update_user(store, username, password=new, by=username)


def end_sessions(store, username: str) -> None:
    """Every session of the user ends (their ids name the old generation)."""
    u = schema.users
    with store.engine.begin() as conn:
        conn.execute(u.update().where(u.c.username == username).values(session_gen=u.c.session_gen + 1))


def delay_after(failures: int) -> timedelta:
    """How long a (name, address) pair waits after its latest failure, given how many it has."""
    if failures < MAX_FAILURES:
        return timedelta(0)
    return min(BASE_DELAY * 2 ** min(failures - MAX_FAILURES, 20), MAX_DELAY)  # 2**20: past any cap


def _as_utc(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)


def authenticate(store, username: str, password: str, address: str,
                 now: datetime | None = None) -> User | None:
    """The user if the name and password are right and the account is active; None if not
    (the failure is recorded for the name and address). RateLimited while that pair must wait."""
    now = now or datetime.now(timezone.utc)
    username = (username or "").strip()[:80]
    address = (address or "?")[:64]
    f, u = schema.login_failures, schema.users
    with store.engine.begin() as conn:
        pair = sa.and_(f.c.username == username, f.c.address == address, f.c.at > now - WINDOW)
        failures, latest = conn.execute(sa.select(sa.func.count(), sa.func.max(f.c.at)).where(pair)).one()
        if failures >= MAX_FAILURES:
            wait = _as_utc(latest) + delay_after(failures) - now
            if wait > timedelta(0):
                raise RateLimited("login.rate_limited", seconds=int(wait.total_seconds()) + 1)
        row = conn.execute(sa.select(u).where(u.c.username == username)).first()
        good = check_password_hash(row.password_hash if row is not None else _DUMMY_HASH, password or "")
        if row is not None and good and row.active:
            conn.execute(f.delete().where(f.c.username == username, f.c.address == address))
            return _user(row)
        conn.execute(f.insert().values(username=username, address=address, at=now))
        conn.execute(f.delete().where(f.c.at < now - WINDOW))  # keep the table small
    return None


def main(argv: list[str] | None = None) -> int:
    from data.i18n import t
    from data.store import Store
    parser = argparse.ArgumentParser(prog="python -m data.users", description="Manage the dashboard's users.")
    parser.add_argument("--database", default=None, help="SQLAlchemy URL (default: DATABASE_URL or instance/)")
    sub = parser.add_subparsers(dest="command", required=True)
    first = sub.add_parser("create-admin", help="create an admin (the first one, usually)")
    first.add_argument("username")
    add = sub.add_parser("add", help="create a user")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default="viewer")
    for p in (first, add):
        p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    sub.add_parser("list", help="list the users")
    args = parser.parse_args(argv)
    store = Store(args.database)
    store.create_schema()
    if args.command == "list":
        for user in list_users(store):
            print(f"{user.username}\t{user.role}\t{'active' if user.active else 'disabled'}")
        return 0
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The passwords differ.", file=sys.stderr)
            return 2
    try:
        # The first admin's password was typed at a console, maybe seen: it is a one-time password.
        user = create_user(store, args.username, password, "admin" if args.command == "create-admin" else args.role,
                           must_change=args.command == "create-admin")
    except UserError as err:
        print(t(err.key, "zh", **err.params) + " / " + t(err.key, "en", **err.params), file=sys.stderr)
        return 2
    print(f"{user.username}\t{user.role}" + ("\t(one-time password: change it at the first sign-in)"
                                              if user.must_change else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
