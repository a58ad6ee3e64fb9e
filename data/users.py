"""Users and roles, kept in the store's database.

- viewer: reads the dashboard (only needed when REQUIRE_LOGIN is set);
- editor: imports reports and reverts imports on the data page;
- admin: everything an editor does, and manages users.

Passwords are stored as salted scrypt hashes (werkzeug). Failed sign-ins are recorded and,
after MAX_FAILURES within WINDOW by one user name or from one address, further attempts are
refused until the window has passed, in every server process alike.

    python -m data.users create-admin NAME        # the first admin (asks for the password)
    python -m data.users add NAME --role editor
    python -m data.users list
"""
from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from data import schema

ROLES = ("viewer", "editor", "admin")
MIN_PASSWORD = 10
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
# Compared against when the user does not exist, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    active: bool

    def can(self, role: str) -> bool:
        """Whether this user has `role` or a higher one."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)


class UserError(ValueError):
    """A request about users that cannot be met; `key` is its message in data.i18n."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(key)


class RateLimited(UserError):
    pass


def _user(row) -> User:
    return User(id=row.id, username=row.username, role=row.role, active=bool(row.active))


def _check_name(username: str) -> str:
    username = (username or "").strip()
    if not 2 <= len(username) <= 80 or any(c.isspace() or ord(c) < 32 for c in username):
        raise UserError("users.bad_name")
    return username


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise UserError("users.short_password", n=MIN_PASSWORD)


def create_user(store, username: str, password: str, role: str) -> User:
    username = _check_name(username)
    _check_password(password)
    if role not in ROLES:
        raise UserError("users.bad_role")
    u = schema.users
    with store.engine.begin() as conn:
        if conn.execute(sa.select(u.c.id).where(u.c.username == username)).first() is not None:
            raise UserError("users.exists", name=username)
        conn.execute(u.insert().values(username=username, password_hash=generate_password_hash(password),
                                       role=role, active=True, created_at=datetime.now(timezone.utc)))
    return get_user(store, username)


def get_user(store, username: str) -> User | None:
    u = schema.users
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(u).where(u.c.username == username)).first()
    return _user(row) if row is not None else None


def list_users(store) -> list[User]:
    u = schema.users
    with store.engine.connect() as conn:
        return [_user(r) for r in conn.execute(sa.select(u).order_by(u.c.username))]


def update_user(store, username: str, *, role: str | None = None, active: bool | None = None,
                password: str | None = None, by: str | None = None) -> User:
    """Change a user's role, status or password. An admin cannot demote or disable
    themselves, and the last active admin stays an active admin."""
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
        _check_password(password)
        values["password_hash"] = generate_password_hash(password)
    demoting = user.role == "admin" and (values.get("role", "admin") != "admin" or values.get("active") is False)
    if demoting and by == username:
        raise UserError("users.not_yourself")
    u = schema.users
    with store.engine.begin() as conn:
        conn.execute(u.update().where(u.c.username == username).values(**values))
        if demoting:
            admins = conn.execute(sa.select(sa.func.count()).select_from(u).where(
                u.c.role == "admin", u.c.active.is_(True))).scalar()
            if admins == 0:
                raise UserError("users.last_admin")  # rolls the change back
    return get_user(store, username)


def authenticate(store, username: str, password: str, address: str,
                 now: datetime | None = None) -> User | None:
    """The user if the name and password are right and the account is active; None if not
    (the failure is recorded). RateLimited while there have been too many failures."""
    now = now or datetime.now(timezone.utc)
    username = (username or "").strip()[:80]
    f, u = schema.login_failures, schema.users
    with store.engine.begin() as conn:
        since = now - WINDOW
        recent = conn.execute(sa.select(sa.func.count()).select_from(f).where(
            f.c.at > since, sa.or_(f.c.username == username, f.c.address == address))).scalar()
        if recent >= MAX_FAILURES:
            raise RateLimited("login.rate_limited", minutes=int(WINDOW.total_seconds() // 60))
        row = conn.execute(sa.select(u).where(u.c.username == username)).first()
        good = check_password_hash(row.password_hash if row is not None else _DUMMY_HASH, password or "")
        if row is not None and good and row.active:
            conn.execute(f.delete().where(f.c.username == username))
            return _user(row)
        conn.execute(f.insert().values(username=username, address=address[:64], at=now))
        conn.execute(f.delete().where(f.c.at < now - 2 * WINDOW))  # keep the table small
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
        user = create_user(store, args.username, password, "admin" if args.command == "create-admin" else args.role)
    except UserError as err:
        print(t(err.key, "zh", **err.params) + " / " + t(err.key, "en", **err.params), file=sys.stderr)
        return 2
    print(f"{user.username}\t{user.role}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
