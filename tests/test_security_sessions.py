"""Issue 12's sign-in, session and audit findings: HEAD /login, sessions revoked on the server,
absolute lifetime, throttling per (name, address) with a growing delay, ProxyFix, the password
policy, the first admin's one-time password, and the audit trail (rows, chain, prune, admins only)."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

import flask_login
import pytest
import sqlalchemy as sa

from app import create_app
from data import audit, schema, users
from data.i18n import t
from data.store import Store
from layouts import ids
from settings import Settings
from tests import stores
from tests.dash_client import DashClient

PASSWORD = "A long enough password"
NEW_PASSWORD = "Another-good-one 2026"
SESSION = "lncs_session"


@pytest.fixture(scope="module")
def store():
    store = stores.demo_copy("sessions")
    for name, role in (("ada", "admin"), ("ed", "editor"), ("vi", "viewer")):
        users.create_user(store, name, PASSWORD, role)
    return store


def make_app(store, **settings):
    return create_app(Settings(debug=False, secret_key="test-secret", session_minutes=30, **settings), store)


@pytest.fixture(scope="module")
def app(store):
    return make_app(store)


@pytest.fixture
def client(app, store):
    with store.engine.begin() as conn:
        conn.execute(schema.login_failures.delete())
    return app.server.test_client()


def csrf_of(client, **kw) -> str:
    page = client.get("/login", **kw).get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in(client, name, password=PASSWORD, address=None, headers=None, **extra):
    kw = {"environ_base": {"REMOTE_ADDR": address}} if address else {}
    if headers:
        kw["headers"] = headers
    token = csrf_of(client, **kw)
    return client.post("/login", data={"username": name, "password": password, "csrf": token, **extra}, **kw)


def who(client):
    return client.get("/whoami").get_json()["user"]


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie (a stolen cookie)."""
    other = app.server.test_client()
    other.set_cookie(SESSION, client.get_cookie(SESSION).value)
    return other


def failures(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.login_failures)).scalar()


def audit_rows(store, action=None) -> list[dict]:
    rows = list(reversed(audit.events(store)))
    return [r for r in rows if action is None or r["action"] == action]


def reset_user(store, name, role):
    """Back to its role and password, active (each test leaves the users as it found them)."""
    users.update_user(store, name, role=role, active=True, password=PASSWORD)
    with store.engine.begin() as conn:
        conn.execute(schema.users.update().where(schema.users.c.username == name).values(must_change=False))


# ------------------------------------------------------------------ HEAD /login
def test_head_on_login_neither_counts_as_a_failure_nor_signs_in(client, store):
    for _ in range(users.MAX_FAILURES + 2):  # five of these locked everyone behind an address out
        response = client.head("/login", data={"username": "ed", "password": "wrong"})
        assert response.status_code == 200
    assert failures(store) == 0
    # A HEAD with the right password and no token signed in before.
    client.head("/login", data={"username": "ed", "password": PASSWORD})
    assert who(client) is None
    assert sign_in(client, "ed").status_code == 302 and who(client) == "ed"


def test_a_post_to_login_without_a_valid_token_does_not_attempt(client, store):
    csrf_of(client)
    response = client.post("/login", data={"username": "ed", "password": "wrong", "csrf": "forged"})
    assert response.status_code == 400 and failures(store) == 0


# ------------------------------------------------------------------ sessions revoked on the server
def test_a_copied_cookie_stops_working_after_sign_out(app, client):
    sign_in(client, "ed")
    thief = copy_of(app, client)
    assert who(thief) == "ed"
    client.post("/logout", data={"csrf": csrf_of(client)})
    assert who(client) is None
    assert who(thief) is None


def test_signing_out_ends_the_users_sessions_everywhere(app, store):
    one, two = app.server.test_client(), app.server.test_client()
    sign_in(one, "vi")
    sign_in(two, "vi")
    one.post("/logout", data={"csrf": csrf_of(one)})
    assert who(two) is None


def test_a_password_change_ends_every_other_session_and_keeps_this_one(app, client, store):
    sign_in(client, "vi")
    thief = copy_of(app, client)
    response = client.post("/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD,
                                              "csrf": csrf_of(client), "next": "/data"})
    try:
        assert response.status_code == 302 and response.headers["Location"].endswith("/data")
        assert who(client) == "vi"  # a new session for the one who changed it
        assert who(thief) is None
        assert users.authenticate(store, "vi", PASSWORD, "10.9.9.9") is None
    finally:
        reset_user(store, "vi", "viewer")


def test_a_password_set_by_an_admin_ends_the_sessions(app, client, store):
    sign_in(client, "vi")
    users.update_user(store, "vi", password=NEW_PASSWORD, by="ada")
    try:
        assert who(client) is None
        assert users.get_user(store, "vi").must_change  # set by someone else: changed at the next sign-in
    finally:
        reset_user(store, "vi", "viewer")


@pytest.mark.parametrize("change", [{"role": "viewer"}, {"active": False}])
def test_a_role_change_or_disabling_ends_the_sessions(app, client, store, change):
    sign_in(client, "ed")
    thief = copy_of(app, client)
    users.update_user(store, "ed", by="ada", **change)
    try:
        assert who(client) is None and who(thief) is None
    finally:
        reset_user(store, "ed", "editor")


def test_a_session_has_an_absolute_lifetime_however_active(store):
    app = make_app(store, session_max_hours=12)
    client = app.server.test_client()
    sign_in(client, "ed")
    with client.session_transaction() as session:
        session["since"] = int(time.time()) - 12 * 3600 - 5
        session["seen"] = int(time.time())  # in use a moment ago
    assert who(client) is None
    assert t("login.lifetime", "en") in client.get("/login?lang=en").get_data(as_text=True)
    assert audit_rows(store, audit.SESSION_EXPIRED)[-1]["result"] == "lifetime"


def test_an_idle_session_expires_and_is_recorded(client, store):
    sign_in(client, "ed")
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    assert who(client) is None
    row = audit_rows(store, audit.SESSION_EXPIRED)[-1]
    assert row["username"] == "ed" and row["result"] == "idle"


def test_sign_in_rotates_the_session_cookie(client):
    csrf_of(client)
    before = client.get_cookie(SESSION).value
    sign_in(client, "ed")
    assert client.get_cookie(SESSION).value != before


# ------------------------------------------------------------------ throttling per (name, address)
def test_failures_hold_up_only_their_name_and_address_pair(client, store):
    for _ in range(users.MAX_FAILURES):
        assert sign_in(client, "ed", "wrong password", address="10.1.1.1").status_code == 401
    assert sign_in(client, "ed", address="10.1.1.1").status_code == 429  # the right password, too soon
    other = client.application.test_client()
    assert sign_in(other, "ed", address="10.1.1.2").status_code == 302  # the same name elsewhere
    third = client.application.test_client()
    assert sign_in(third, "vi", address="10.1.1.1").status_code == 302  # another name from there


def test_the_delay_doubles_with_each_further_failure(store):
    with store.engine.begin() as conn:
        conn.execute(schema.login_failures.delete())
    t0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    for _ in range(users.MAX_FAILURES):
        users.authenticate(store, "ed", "wrong", "10.2.2.2", now=t0)
    base = users.BASE_DELAY
    assert users.delay_after(users.MAX_FAILURES - 1) == timedelta(0)
    assert users.delay_after(users.MAX_FAILURES + 1) == 2 * base
    assert users.delay_after(users.MAX_FAILURES + 2) == 4 * base
    assert users.delay_after(100) == users.MAX_DELAY
    with pytest.raises(users.RateLimited) as err:
        users.authenticate(store, "ed", PASSWORD, "10.2.2.2", now=t0 + base - timedelta(seconds=1))
    assert 0 < err.value.params["seconds"] <= base.total_seconds()
    t1 = t0 + base + timedelta(seconds=1)
    assert users.authenticate(store, "ed", "wrong again", "10.2.2.2", now=t1) is None  # the sixth
    with pytest.raises(users.RateLimited):
        users.authenticate(store, "ed", PASSWORD, "10.2.2.2", now=t1 + 2 * base - timedelta(seconds=1))
    assert users.authenticate(store, "ed", PASSWORD, "10.2.2.2", now=t1 + 2 * base + timedelta(seconds=1))


def test_failures_are_kept_in_the_database_for_every_worker(store):
    with store.engine.begin() as conn:
        conn.execute(schema.login_failures.delete())
    for _ in range(users.MAX_FAILURES):
        users.authenticate(store, "ed", "wrong", "10.3.3.3")
    second_worker = Store(store.url)  # another process's store: its own engine and pool
    with pytest.raises(users.RateLimited):
        users.authenticate(second_worker, "ed", PASSWORD, "10.3.3.3")


# ------------------------------------------------------------------ ProxyFix
def test_forwarded_addresses_count_only_behind_a_trusted_proxy(store):
    with store.engine.begin() as conn:
        conn.execute(schema.login_failures.delete())
    proxy = {"X-Forwarded-For": "203.0.113.7"}
    plain = make_app(store).server.test_client()
    sign_in(plain, "ed", "wrong", address="10.0.0.254", headers=proxy)
    assert audit_rows(store, audit.SIGN_IN_FAILED)[-1]["address"] == "10.0.0.254"  # the header is not believed
    behind = make_app(store, trusted_proxies=1).server.test_client()
    sign_in(behind, "ed", "wrong", address="10.0.0.254", headers=proxy)
    assert audit_rows(store, audit.SIGN_IN_FAILED)[-1]["address"] == "203.0.113.7"
    # Behind the proxy, clients are told apart: one client's failures hold up only that client.
    for _ in range(users.MAX_FAILURES):
        sign_in(behind, "ed", "wrong", address="10.0.0.254", headers=proxy)
    assert sign_in(behind, "ed", address="10.0.0.254", headers=proxy).status_code == 429
    another = make_app(store, trusted_proxies=1).server.test_client()
    assert sign_in(another, "ed", address="10.0.0.254", headers={"X-Forwarded-For": "198.51.100.9"}).status_code == 302


def test_the_proxy_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    monkeypatch.setenv("SESSION_MAX_HOURS", "8")
    assert Settings().trusted_proxies == 1 and Settings().session_max_hours == 8
    monkeypatch.delenv("TRUSTED_PROXIES")
    assert Settings().trusted_proxies == 0


# ------------------------------------------------------------------ the password policy
@pytest.mark.parametrize("password,key", [
    ("Short1!", "users.short_password"),
    ("alllowercase words", "users.weak_password"),     # two classes: lower case and a space
    ("ONLYUPPER123", "users.weak_password"),
    ("Mynameisbob-2026", "users.password_has_name"),
    ("Password123", "users.common_password"),
    ("qwertyuiop1", "users.weak_password"),
    ("P@ssw0rd123", "users.common_password"),
])
def test_the_password_policy_refuses(password, key):
    with pytest.raises(users.UserError) as err:
        users.check_password(password, "bob")
    assert err.value.key == key
    assert t(err.value.key, "zh", **err.value.params) and t(err.value.key, "en", **err.value.params)


def test_the_policy_passes_a_good_password_and_applies_on_create_and_change(store):
    users.check_password("Correct horse 42", "bob")
    with pytest.raises(users.UserError):
        users.create_user(store, "weak", "password123", "viewer")
    with pytest.raises(users.UserError) as err:
        users.update_user(store, "ada", password="My ADA-2026 pass", by="ada")
    assert err.value.key == "users.password_has_name"
    assert users.authenticate(store, "ada", PASSWORD, "10.4.4.4") is not None  # unchanged


def test_the_command_line_applies_the_policy():
    url = stores.new_url("cli")
    done = subprocess.run([sys.executable, "-m", "data.users", "--database", url, "add", "common",
                           "--password-stdin"], input="Password123\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and t("users.common_password", "en") in done.stderr
    assert users.get_user(Store(url), "common") is None


# ------------------------------------------------------------------ the first admin
def test_the_first_admin_must_change_the_one_time_password():
    url = stores.new_url("first_admin")
    made = subprocess.run([sys.executable, "-m", "data.users", "--database", url, "create-admin", "boss",
                           "--password-stdin"], input=PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    store = Store(url)
    store.ensure_ready()
    assert users.get_user(store, "boss").must_change
    app = make_app(store)
    client = app.server.test_client()
    response = sign_in(client, "boss", lang="en")
    assert response.status_code == 302 and response.headers["Location"].startswith("/password?")
    # Until it is changed, the pages lead to the form and nothing can be changed.
    assert client.get("/data?lang=en").headers["Location"].startswith("/password?")
    with app.server.test_request_context("/"):
        flask_login.login_user(users.get_user(store, "boss"))
        from routes import auth
        assert auth.require(store, "admin") is None
    form = client.get("/password?lang=en").get_data(as_text=True)
    assert t("password.intro_must", "en") in form and t("password.new", "en") in form
    zh = client.get("/password?lang=zh").get_data(as_text=True)
    assert t("password.title", "zh") in zh and t("password.again", "zh") in zh
    weak = client.post("/password", data={"current": PASSWORD, "new": "boss12345678", "again": "boss12345678",
                                          "csrf": csrf_of(client), "lang": "en"})
    assert weak.status_code == 400 and t("users.weak_password", "en", n=3) in weak.get_data(as_text=True)
    done = client.post("/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD,
                                          "csrf": csrf_of(client), "lang": "en", "next": "/data?lang=en"})
    assert done.status_code == 302 and done.headers["Location"] == "/data?lang=en"
    assert not users.get_user(store, "boss").must_change
    assert client.get("/data?lang=en").status_code == 200
    assert who(client) == "boss"


# ------------------------------------------------------------------ the audit rows
def test_sign_in_success_failure_throttling_and_sign_out_are_recorded(client, store):
    sign_in(client, "ed", "wrong", address="10.5.5.5")
    failed = audit_rows(store, audit.SIGN_IN_FAILED)[-1]
    assert (failed["username"], failed["address"]) == ("ed", "10.5.5.5")
    for _ in range(users.MAX_FAILURES):
        sign_in(client, "ed", "wrong", address="10.5.5.5")
    assert audit_rows(store, audit.SIGN_IN_THROTTLED)[-1]["username"] == "ed"
    sign_in(client, "vi", address="10.5.5.6")
    ok = audit_rows(store, audit.SIGN_IN)[-1]
    assert (ok["username"], ok["address"], ok["result"]) == ("vi", "10.5.5.6", "ok")
    assert isinstance(ok["at"], datetime) and abs(ok["at"] - datetime.now(timezone.utc).replace(tzinfo=None)) \
        < timedelta(minutes=1)  # UTC
    client.post("/logout", data={"csrf": csrf_of(client)})
    assert audit_rows(store, audit.SIGN_OUT)[-1]["username"] == "vi"


def test_imports_reverts_user_changes_and_signed_in_downloads_are_recorded(client, store):
    from data.importer import check
    from data.importer.template import template
    sign_in(client, "ada")
    dash = DashClient(client)
    csrf = csrf_of(client)
    content = template(2013, store)
    sha = check([("f.xlsx", content)], 2013, store).sha256
    import base64
    data_url = "data:application/octet-stream;base64," + base64.b64encode(content).decode()
    done = dash.call(f"{ids.DATA_RESULT}.children", {
        f"{ids.DATA_CONFIRM}.n_clicks": 1, f"{ids.DATA_UPLOADED}.data": {"contents": [data_url], "names": ["f.xlsx"]},
        f"{ids.DATA_CHECKED}.data": {"sha256": sha, "year": 2013, "ok": True},
        f"{ids.PAGE_META}.data": {"lang": "en"}}, f"{ids.DATA_CONFIRM}.n_clicks", csrf=csrf)
    assert done.status_code == 200
    batch = store.batches()[-1].id
    imported = audit_rows(store, audit.IMPORT)[-1]
    assert imported["username"] == "ada" and f"batch {batch}" in imported["object"] and sha in imported["object"]
    dash.call(f"{ids.DATA_RESULT}.children", {
        f"{ids.DATA_REVERT_DIALOG}.submit_n_clicks": 1, f"{ids.DATA_REVERT_PENDING}.data": batch,
        f"{ids.PAGE_META}.data": {"lang": "en"}}, f"{ids.DATA_REVERT_DIALOG}.submit_n_clicks", csrf=csrf)
    reverted = audit_rows(store, audit.REVERT)[-1]
    assert (reverted["object"], reverted["result"]) == (f"batch {batch}", "reverted")
    dash.call(f"{ids.USER_RESULT}.children", {
        f"{ids.USER_ACTION}.n_clicks": [({"type": ids.USER_ACTION, "action": "add"}, 1)],
        f"{ids.USER_NAME}.value": "newbie", f"{ids.USER_PASSWORD}.value": PASSWORD,
        f"{ids.USER_ROLE}.value": "viewer", f"{ids.PAGE_META}.data": {"lang": "en"}},
        f"{ids.USER_ACTION}.n_clicks", csrf=csrf)
    changed = audit_rows(store, audit.USER_CHANGE)[-1]
    assert changed["object"].startswith("add user newbie") and changed["result"] == "done"
    assert PASSWORD not in changed["object"]
    client.get("/download/table.csv?indicator=rural_center_coverage&level=city")
    download = audit_rows(store, audit.DOWNLOAD)[-1]
    assert download["username"] == "ada" and download["object"].startswith("/download/table.csv?")
    before = len(audit_rows(store, audit.DOWNLOAD))
    client.application.test_client().get("/download/table.csv?indicator=rural_center_coverage&level=city")
    assert len(audit_rows(store, audit.DOWNLOAD)) == before  # anonymous downloads are not a user's action
    assert audit.verify(store) is None


# ------------------------------------------------------------------ the chain
@pytest.fixture
def chain():
    store = stores.new_store("chain")
    store.create_schema()
    for i in range(5):
        audit.record(store, audit.SIGN_IN, user=f"u{i}", address="10.0.0.1", object=None, result="ok")
    return store


def test_verify_detects_an_edited_row(chain):
    assert audit.verify(chain) is None
    with chain.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET result = 'failed' WHERE id = 3"))
    problem = audit.verify(chain)
    assert problem is not None and problem.row_id == 3
    done = subprocess.run([sys.executable, "-m", "data.audit", "--database", chain.url, "verify"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "row 3" in done.stderr


def test_verify_detects_a_deleted_row_first_or_last(chain):
    with chain.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE id = 2"))
    assert audit.verify(chain).row_id == 3


def test_verify_detects_deleted_oldest_and_newest_rows(chain):
    with chain.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE id = 5"))
    assert audit.verify(chain) is not None and audit.verify(chain).row_id is None
    with chain.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE id = 1"))
    assert audit.verify(chain).row_id == 2
    ok = subprocess.run([sys.executable, "-m", "data.audit", "--database", stores.new_url("audit_new"),
                         "verify"], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0


def test_prune_refuses_anything_younger_than_six_months_and_keeps_the_chain():
    store = stores.new_store("prune")
    store.create_schema()
    now = datetime.now(timezone.utc)
    for days in (400, 300, 250):
        audit.record(store, audit.SIGN_IN, user="old", now=now - timedelta(days=days))
    audit.record(store, audit.SIGN_IN, user="recent", now=now - timedelta(days=10))
    with pytest.raises(ValueError):
        audit.prune(store, (now - timedelta(days=150)).date())
    refused = subprocess.run([sys.executable, "-m", "data.audit", "--database", store.url, "prune", "--before",
                              (now - timedelta(days=30)).date().isoformat()], capture_output=True, text=True,
                             timeout=60)
    assert refused.returncode == 2 and len(audit.events(store)) == 4
    assert audit.oldest_prunable(date(2026, 8, 31)) == date(2026, 2, 28)
    assert audit.prune(store, (now - timedelta(days=280)).date()) == 2
    left = audit_rows(store)
    assert [r["username"] for r in left][:2] == ["old", "recent"] and left[-1]["action"] == audit.PRUNE
    assert audit.verify(store) is None  # the prune record anchors what is left
    audit.record(store, audit.SIGN_OUT, user="recent")
    assert audit.verify(store) is None
    with store.engine.begin() as conn:  # deleting more of the old rows by hand is still seen
        conn.execute(sa.text("DELETE FROM audit_events WHERE username = 'old'"))
    assert audit.verify(store) is not None


def test_the_app_has_no_path_that_updates_or_deletes_audit_rows():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    for path in [*root.glob("routes/*.py"), *root.glob("callbacks/*.py"), *root.glob("layouts/*.py"),
                 root / "data" / "users.py", root / "data" / "store.py"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"audit_events\.(update|delete)\(", text), path
    source = (root / "data" / "audit.py").read_text(encoding="utf-8")
    assert "audit_events.update(" not in source and source.count("a.delete(") == 1  # prune only


@pytest.mark.slow
def test_two_processes_appending_at_once_do_not_fork_the_chain():
    url = stores.new_url("audit_race")
    store = Store(url)
    store.create_schema()
    script = ("import sys; from data.store import Store; from data import audit; s = Store(sys.argv[1]); "
              "[audit.record(s, audit.DOWNLOAD, user=sys.argv[2], object=str(i)) for i in range(40)]")
    procs = [subprocess.Popen([sys.executable, "-c", script, url, name]) for name in ("w1", "w2", "w3")]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert len(audit.events(store)) == 120
    assert audit.verify(store) is None


# ------------------------------------------------------------------ who sees the trail
def test_the_audit_log_is_shown_and_exported_to_admins_only(app, client, store):
    from callbacks import data_page
    audit.record(store, audit.SIGN_IN, user="marker-user", result="ok")
    for name, shown in (("ada", True), ("ed", False)):
        with app.server.test_request_context("/data"):
            flask_login.login_user(users.get_user(store, name))
            layout = str(data_page.page(store, "en"))
        assert (ids.AUDIT_TABLE in layout) is shown and ("marker-user" in layout) is shown
    assert client.get("/data/audit.csv").status_code == 403
    sign_in(client, "ed")
    assert client.get("/data/audit.csv").status_code == 403
    sign_in(client, "ada")
    response = client.get("/data/audit.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data().decode("utf-8-sig")
    assert body.splitlines()[0] == ",".join(audit.COLUMNS) and "marker-user" in body
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.slow
def test_an_import_from_the_command_line_is_recorded(store, tmp_path):
    from data.importer.template import template
    path = tmp_path / "report-2012.xlsx"
    path.write_bytes(template(2012, store))
    done = subprocess.run([sys.executable, "-m", "data.importer", str(path), "--year", "2012", "--by", "clerk",
                           "--database", store.url, "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    row = audit_rows(store, audit.IMPORT)[-1]
    assert (row["username"], row["address"], row["result"]) == ("clerk", "cli", "committed")
    assert "report-2012.xlsx" in row["object"]
    store.revert_batch(store.batches()[-1].id)
