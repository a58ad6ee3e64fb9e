"""Sign-in, roles, CSRF, session expiry and rate limiting: an anonymous user and a viewer
can change nothing, not even by posting to a callback or a route directly."""
from __future__ import annotations

import base64
import re
import time
from datetime import datetime, timedelta, timezone

import pytest

from app import create_app
from data import users
from data.i18n import t
from data.importer import check
from data.importer.template import template
from data.store import Store
from layouts import ids
from settings import Settings
from tests import stores
from tests.dash_client import DashClient

from tests.data_page import (CHECKED_DATA, CONFIRM_N_CLICKS, PAGE_META_DATA, PREVIEW_CHILDREN,  # noqa: F401
                             RESULT_CHILDREN, REVERT_DIALOG_SUBMIT_N_CLICKS, REVERT_PENDING_DATA, SIGN_OUT_N_CLICKS,
                             UPLOADED_DATA, URL_HREF, USER_ACTION_N_CLICKS, USER_NAME_VALUE, USER_PASSWORD_VALUE,
                             USER_RESULT_CHILDREN, USER_ROLE_VALUE, YEAR_VALUE)

PASSWORD = "A long enough password"  # passes the policy: 10+ characters, 3 classes
YEAR = 2014


@pytest.fixture(scope="module")
def store():
    store = stores.demo_copy("auth")
    for name, role in (("ada", "admin"), ("ed", "editor"), ("vi", "viewer")):
        users.create_user(store, name, PASSWORD, role)
    return store


@pytest.fixture(scope="module")
def app(store):
    return create_app(Settings(debug=False, secret_key="test-secret", session_minutes=30), store)


@pytest.fixture
def client(app, store):
    # Each test starts with no failed sign-ins on record.
    from data import schema
    with store.engine.begin() as conn:
        conn.execute(schema.login_failures.delete())
    return app.server.test_client()


def csrf_of(client) -> str:
    """The session's CSRF token, as the sign-in form carries it."""
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in(client, name: str, password: str = PASSWORD, **extra):
    return client.post("/login", data={"username": name, "password": password, "csrf": csrf_of(client), **extra})


def upload_value(name: str, content: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(content).decode()


def uploaded(content: bytes, name: str = "f.xlsx") -> dict:
    """What the page's gate passes on to the server: the data URLs and their names."""
    return {"contents": [upload_value(name, content)], "names": [name]}


@pytest.fixture(scope="module")
def edited_export(store) -> bytes:
    """The 2014 export with nothing changed: a valid file that would write a batch."""
    return template(YEAR, store)


# ------------------------------------------------------------------ users and passwords
def test_passwords_are_stored_as_salted_hashes(store):
    users.create_user(store, "salt1", "The same password", "viewer")
    users.create_user(store, "salt2", "The same password", "viewer")
    from data import schema
    import sqlalchemy as sa
    with store.engine.connect() as conn:
        hashes = dict(conn.execute(sa.select(schema.users.c.username, schema.users.c.password_hash)
                                   .where(schema.users.c.username.in_(["salt1", "salt2"]))).all())
    assert all("The same password" not in h for h in hashes.values())
    assert hashes["salt1"] != hashes["salt2"]  # salted
    assert hashes["salt1"].startswith("scrypt:")


@pytest.mark.parametrize("name,password,role,key", [
    ("x", PASSWORD, "viewer", "users.bad_name"),
    ("with space", PASSWORD, "viewer", "users.bad_name"),
    ("shorty", "short", "viewer", "users.short_password"),
    ("badrole", PASSWORD, "root", "users.bad_role"),
    ("ada", PASSWORD, "viewer", "users.exists"),
])
def test_bad_user_requests_are_refused_with_a_message(store, name, password, role, key):
    with pytest.raises(users.UserError) as err:
        users.create_user(store, name, password, role)
    assert err.value.key == key
    assert t(err.value.key, "en", **err.value.params)


def test_the_last_admin_stays_an_admin(store):
    with pytest.raises(users.UserError) as err:
        users.update_user(store, "ada", role="editor", by="someone else")
    assert err.value.key == "users.last_admin"
    assert users.get_user(store, "ada").role == "admin"
    with pytest.raises(users.UserError) as err:
        users.update_user(store, "ada", active=False, by="ada")
    assert err.value.key == "users.not_yourself"


@pytest.mark.slow
def test_failed_sign_ins_are_throttled_per_name_and_address_pair(client, store):
    # Issue 12 replaced the lock-out by name or by address (anyone could lock anyone out) with
    # a delay per (name, address) pair: tests/test_security_sessions.py has the delay's growth.
    now = datetime.now(timezone.utc)
    for _ in range(users.MAX_FAILURES):
        assert users.authenticate(store, "ed", "wrong password", "10.0.0.1", now=now) is None
    with pytest.raises(users.RateLimited):
        users.authenticate(store, "ed", PASSWORD, "10.0.0.1", now=now)  # right password, still refused
    assert users.authenticate(store, "ed", PASSWORD, "10.0.0.2", now=now).username == "ed"  # another address
    later = now + users.BASE_DELAY + timedelta(seconds=1)
    assert users.authenticate(store, "ed", PASSWORD, "10.0.0.1", now=later).username == "ed"
    # From one address, across names: the others still sign in from it.
    for i in range(users.MAX_FAILURES):
        users.authenticate(store, f"nobody{i}", "x", "10.0.0.9", now=later)
    assert users.authenticate(store, "vi", PASSWORD, "10.0.0.9", now=later).username == "vi"


@pytest.mark.slow
def test_the_create_admin_command_makes_an_admin():
    import subprocess
    import sys
    url = stores.new_url("cli")
    done = subprocess.run([sys.executable, "-m", "data.users", "--database", url, "create-admin", "boss",
                           "--password-stdin"], input="A good long password\n", capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    user = users.get_user(Store(url), "boss")
    assert user.role == "admin" and user.can("editor")
    short = subprocess.run([sys.executable, "-m", "data.users", "--database", url, "add", "tiny",
                            "--password-stdin"], input="short\n", capture_output=True, text=True, timeout=60)
    assert short.returncode == 2 and "10" in short.stderr and users.get_user(Store(url), "tiny") is None


# ------------------------------------------------------------------ the sign-in route
def test_sign_in_needs_the_csrf_token(client):
    csrf_of(client)
    refused = client.post("/login", data={"username": "ed", "password": PASSWORD, "csrf": "forged"})
    assert refused.status_code == 400
    assert client.get("/whoami").get_json()["user"] is None
    assert sign_in(client, "ed").status_code == 302
    assert client.get("/whoami").get_json() == {"user": "ed", "role": "editor"}


def test_sign_in_redirects_only_within_the_site(client):
    response = sign_in(client, "ed", next="//evil.example/steal")
    assert response.status_code == 302 and response.headers["Location"].endswith("/data")
    response = sign_in(client, "ed", next="/county/210106?lang=en")
    assert response.headers["Location"].endswith("/county/210106?lang=en")


@pytest.mark.slow
def test_wrong_passwords_get_one_message_then_the_limit(client):
    for _ in range(users.MAX_FAILURES):
        response = sign_in(client, "ed", "not the password", lang="en")
        assert response.status_code == 401
        assert t("login.failed", "en") in response.get_data(as_text=True)
    response = sign_in(client, "ed", lang="en")  # the right password, too late
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)
    assert client.get("/whoami").get_json()["user"] is None


def test_an_idle_session_expires(client):
    sign_in(client, "ed")
    assert client.get("/whoami").get_json()["user"] == "ed"
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    assert client.get("/whoami").get_json()["user"] is None
    page = client.get("/login").get_data(as_text=True)
    assert t("login.expired", "zh") in page


def test_a_disabled_account_is_signed_out_at_once(client, store):
    users.create_user(store, "temp", PASSWORD, "editor")
    sign_in(client, "temp")
    assert client.get("/whoami").get_json()["user"] == "temp"
    users.update_user(store, "temp", active=False)
    assert client.get("/whoami").get_json()["user"] is None


def test_the_csrf_cookie_is_readable_by_the_page_and_the_session_cookie_is_not(client):
    response = client.get("/login")
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("lncs_session="))
    csrf_cookie = next(c for c in cookies if c.startswith("_csrf_token="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
    assert "HttpOnly" not in csrf_cookie


def test_the_session_cookie_is_sent_only_when_the_session_changes(client):
    assert any(c.startswith("lncs_session=") for c in client.get("/login").headers.getlist("Set-Cookie"))
    for path in ("/assets/app.css", "/whoami", "/login"):
        assert client.get(path).headers.getlist("Set-Cookie") == [], path
    sign_in(client, "ed")
    assert client.get("/whoami").headers.getlist("Set-Cookie") == []  # "seen" is refreshed every 30 s at most


def test_signing_out_by_the_form_needs_the_token_and_ends_the_session(client):
    sign_in(client, "ed")
    assert client.post("/logout", data={"lang": "en"}).status_code == 400
    assert client.get("/whoami").get_json()["user"] == "ed"
    token = csrf_of(client)
    response = client.post("/logout", data={"lang": "en", "csrf": token})
    assert response.status_code == 302 and response.headers["Location"] == "/?lang=en"
    assert client.get("/whoami").get_json()["user"] is None
    assert csrf_of(client) != token  # a new session, a new token


def test_the_data_page_sign_out_button_ends_the_session(client):
    sign_in(client, "ed")
    response = DashClient(client).call(URL_HREF, {SIGN_OUT_N_CLICKS: 1, PAGE_META_DATA: {"lang": "en"}},
                                       SIGN_OUT_N_CLICKS, csrf=csrf_of(client))
    assert response.get_json()["response"][ids.URL]["href"] == "/?lang=en"
    assert client.get("/whoami").get_json()["user"] is None


# ------------------------------------------------------------------ callbacks: who may do what
def confirm_values(content: bytes, sha: str) -> dict:
    return {CONFIRM_N_CLICKS: 1, UPLOADED_DATA: uploaded(content),
            CHECKED_DATA: {"sha256": sha, "year": YEAR, "ok": True},
            PAGE_META_DATA: {"lang": "en"}}


@pytest.mark.parametrize("who", [None, "vi"])
@pytest.mark.slow
def test_anonymous_and_viewers_cannot_import_by_posting_to_the_callback(client, store, edited_export, who):
    if who:
        sign_in(client, who)
    csrf = csrf_of(client)
    sha = check([("f.xlsx", edited_export)], YEAR, store).sha256
    before = store.content_digest()
    dash = DashClient(client)
    # Issue 12: an upload's body (this one is over 1 MB) is taken from signed-in editors only;
    # anyone else is refused before the body is read.
    too_large = t("request.too_large", "en", limit="1 MB")
    response = dash.call(RESULT_CHILDREN, confirm_values(edited_export, sha), CONFIRM_N_CLICKS,
                         csrf=csrf)
    assert response.status_code == 413
    assert response.get_json()["error"]["en"] == too_large
    preview = dash.call(PREVIEW_CHILDREN, {UPLOADED_DATA: uploaded(edited_export), YEAR_VALUE: YEAR,
                                                  PAGE_META_DATA: {"lang": "en"}}, UPLOADED_DATA, csrf=csrf)
    assert preview.status_code == 413 and preview.get_json()["error"]["en"] == too_large
    # A small one reaches the callback, which refuses it.
    small = dash.call(RESULT_CHILDREN, {CONFIRM_N_CLICKS: 1, UPLOADED_DATA: {"contents": ["x"], "filename": ["f.xlsx"]},
                                        PAGE_META_DATA: {"lang": "en"}}, CONFIRM_N_CLICKS, csrf=csrf)
    assert small.status_code == 200 and t("data.forbidden", "en") in small.get_data(as_text=True)
    assert store.content_digest() == before


@pytest.mark.parametrize("who", [None, "vi"])
@pytest.mark.slow
def test_anonymous_and_viewers_cannot_revert_or_manage_users(client, store, who):
    from data.importer import import_files
    _, batch = import_files(store, [("f.xlsx", template(2012, store))], 2012, by="setup")
    if who:
        sign_in(client, who)
    csrf = csrf_of(client)
    before = store.content_digest()
    dash = DashClient(client)
    reverted = dash.call(RESULT_CHILDREN, {REVERT_DIALOG_SUBMIT_N_CLICKS: 1,
                                                  REVERT_PENDING_DATA: batch, PAGE_META_DATA: {"lang": "en"}},
                         REVERT_DIALOG_SUBMIT_N_CLICKS, csrf=csrf)
    assert t("data.forbidden", "en") in reverted.get_data(as_text=True)
    added = dash.call(USER_RESULT_CHILDREN, {
        USER_ACTION_N_CLICKS: [({"type": ids.USER_ACTION, "action": "add"}, 1)], USER_NAME_VALUE: "mallory",
        USER_PASSWORD_VALUE: PASSWORD, USER_ROLE_VALUE: "admin", PAGE_META_DATA: {"lang": "en"}},
        USER_ACTION_N_CLICKS, csrf=csrf)
    assert t("data.forbidden", "en") in added.get_data(as_text=True)
    assert store.content_digest() == before
    assert users.get_user(store, "mallory") is None
    store.revert_batch(batch)  # leave the store as the module found it (a reverted batch stays in history)


@pytest.mark.slow
def test_a_signed_in_session_must_send_the_csrf_header(client, store, edited_export):
    sign_in(client, "ed")
    sha = check([("f.xlsx", edited_export)], YEAR, store).sha256
    before = store.content_digest()
    dash = DashClient(client)
    response = dash.call(RESULT_CHILDREN, confirm_values(edited_export, sha), CONFIRM_N_CLICKS)
    assert response.status_code == 400
    forged = dash.call(RESULT_CHILDREN, confirm_values(edited_export, sha), CONFIRM_N_CLICKS,
                       csrf="forged")
    assert forged.status_code == 400
    assert store.content_digest() == before


@pytest.mark.slow
def test_an_editor_previews_imports_and_reverts_through_the_callbacks(client, store, edited_export):
    sign_in(client, "ed")
    csrf = csrf_of(client)
    dash = DashClient(client)
    batches_before = len(store.batches())
    preview = dash.call(PREVIEW_CHILDREN, {UPLOADED_DATA: uploaded(edited_export), YEAR_VALUE: YEAR,
                                                  PAGE_META_DATA: {"lang": "en"}}, UPLOADED_DATA, csrf=csrf)
    assert preview.status_code == 200
    body = preview.get_json()["response"]
    checked = body[ids.DATA_CHECKED]["data"]
    assert checked["ok"] is True and body[ids.DATA_CONFIRM]["disabled"] is False
    done = dash.call(RESULT_CHILDREN, confirm_values(edited_export, checked["sha256"]),
                     CONFIRM_N_CLICKS, csrf=csrf)
    assert done.status_code == 200
    batches = store.batches()
    assert len(batches) == batches_before + 1
    batch = batches[-1]
    assert batch.kind == "import" and not batch.is_simulated and store.active_batch("210106", YEAR) == batch.id
    assert t("import.committed", "en", batch=batch.id) in done.get_data(as_text=True)
    # A preview of other content cannot be confirmed with this one's check.
    stale = dash.call(RESULT_CHILDREN, confirm_values(template(YEAR, None), checked["sha256"]),
                      CONFIRM_N_CLICKS, csrf=csrf)
    assert t("data.stale", "en") in stale.get_data(as_text=True)
    assert len(store.batches()) == batches_before + 1
    reverted = dash.call(RESULT_CHILDREN, {REVERT_DIALOG_SUBMIT_N_CLICKS: 1,
                                                  REVERT_PENDING_DATA: batch.id,
                                                  PAGE_META_DATA: {"lang": "en"}},
                         REVERT_DIALOG_SUBMIT_N_CLICKS, csrf=csrf)
    assert t("data.reverted", "en", batch=batch.id) in reverted.get_data(as_text=True)
    assert store.active_batch("210106", YEAR) != batch.id


@pytest.mark.slow
def test_a_file_over_20_mb_within_the_request_limit_is_named_with_its_size(client, store):
    sign_in(client, "ed")
    before = store.content_digest()
    big = b"x" * (25 * 1024 * 1024)
    response = DashClient(client).call(PREVIEW_CHILDREN, {
        UPLOADED_DATA: uploaded(big, "big.csv"), YEAR_VALUE: YEAR, PAGE_META_DATA: {"lang": "en"}},
        UPLOADED_DATA, csrf=csrf_of(client))
    assert t("import.file_too_big", "en", file="big.csv", size="25.0") in response.get_data(as_text=True)
    assert store.content_digest() == before


@pytest.mark.slow
def test_the_upload_limit_comes_from_the_settings_and_the_server_enforces_it(store):
    small = create_app(Settings(debug=False, secret_key="test-secret", upload_limit_mb=1), store)
    assert small.server.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    client = small.server.test_client()
    sign_in(client, "ed")
    before = store.content_digest()
    # Whatever the page does, a request over the limit is refused before any callback runs.
    response = DashClient(client).call(PREVIEW_CHILDREN, {
        UPLOADED_DATA: uploaded(b"x" * 900_000), YEAR_VALUE: YEAR, PAGE_META_DATA: {"lang": "en"}},
        UPLOADED_DATA, csrf=csrf_of(client))
    assert response.status_code == 413
    assert store.content_digest() == before


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.slow
def test_an_upload_the_page_held_back_as_too_big_gets_a_message_and_changes_nothing(client, store, lang):
    sign_in(client, "ed")
    before = store.content_digest()
    limit = 100 * 1024 * 1024 - 64 * 1024  # the page's limit: the request limit less the overhead
    response = DashClient(client).call(PREVIEW_CHILDREN, {
        UPLOADED_DATA: {"too_big": 160 * 1024 * 1024, "names": ["a.xlsx", "b.xlsx"]},
        YEAR_VALUE: YEAR, PAGE_META_DATA: {"lang": lang}}, UPLOADED_DATA, csrf=csrf_of(client))
    body = response.get_json()["response"]
    assert t("data.upload_too_big", lang, size="120", limit=f"{limit * 3 // 4 / 1024 / 1024:.0f}", each=20) \
        in str(body[ids.DATA_PREVIEW]["children"])
    assert body[ids.DATA_CHECKED]["data"] is None and body[ids.DATA_CONFIRM]["disabled"] is True
    assert store.content_digest() == before


def test_an_editor_cannot_manage_users_and_an_admin_can(client, store):
    sign_in(client, "ed")
    dash = DashClient(client)
    values = {USER_ACTION_N_CLICKS: [({"type": ids.USER_ACTION, "action": "add"}, 1)], USER_NAME_VALUE: "newbie",
              USER_PASSWORD_VALUE: PASSWORD, USER_ROLE_VALUE: "viewer", PAGE_META_DATA: {"lang": "en"}}
    refused = dash.call(USER_RESULT_CHILDREN, values, USER_ACTION_N_CLICKS, csrf=csrf_of(client))
    assert t("data.forbidden", "en") in refused.get_data(as_text=True)
    assert users.get_user(store, "newbie") is None
    client.get("/login")
    sign_in(client, "ada")
    added = dash.call(USER_RESULT_CHILDREN, values, USER_ACTION_N_CLICKS, csrf=csrf_of(client))
    assert t("users.done_add", "en", name="newbie") in added.get_data(as_text=True)
    assert users.get_user(store, "newbie").role == "viewer"


# ------------------------------------------------------------------ REQUIRE_LOGIN
def test_require_login_closes_every_page_callback_and_download(store):
    app = create_app(Settings(debug=False, secret_key="test-secret", require_login=True), store)
    client = app.server.test_client()
    page = client.get("/county/210106?lang=en")
    assert page.status_code == 302 and "/login?" in page.headers["Location"]
    assert client.get("/api/v1/indicators").status_code == 401
    assert client.get("/download/template.xlsx?year=2014").status_code == 401
    assert client.post("/_dash-update-component", json={}).status_code == 401
    assert client.get("/login").status_code == 200
    assert client.get("/assets/app.css").status_code == 200
    sign_in(client, "vi")
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/indicators").status_code == 200


def test_viewing_needs_no_sign_in_by_default(client):
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/indicators").status_code == 200


def test_the_secret_key_is_kept_across_starts(monkeypatch, tmp_path):
    from routes import auth
    monkeypatch.setattr(auth, "ROOT", tmp_path)
    first = auth.secret_key(Settings(secret_key=None))
    assert len(first) == 64 and auth.secret_key(Settings(secret_key=None)) == first
    assert auth.secret_key(Settings(secret_key="from-env")) == "from-env"
