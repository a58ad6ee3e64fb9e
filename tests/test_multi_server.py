"""Real servers as processes: two gunicorn instances (2 workers each) on one PostgreSQL database
share everything that matters (an import through one shows on the other within a second, a
revert likewise; sessions, sign-out, disabling, failed sign-ins and rate limits count across
them), and a worker killed with -9 is replaced while requests go on.

The two-server tests need PostgreSQL (TEST_DATABASE_URL; tests/stores.py makes them a new, empty
database on that server); the killed-worker test runs on a copy of the demo store on whichever
database the run selects.
Every request has a timeout and every server is stopped by its process group, whatever happens.
"""
from __future__ import annotations

import base64
import concurrent.futures
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import psutil
import pytest
import requests

import urls
from data import users
from data.i18n import t
from data.importer.parse import WRITTEN_BOOL
from data.importer.template import template
from data.store import Store
from layouts import ids
from settings import ROOT
from tests import stores
from tests.dash_client import DashClient
from tests.data_page import (CHECKED_DATA, CONFIRM_N_CLICKS, PAGE_META_DATA, PREVIEW_CHILDREN,  # noqa: F401
                             RESULT_CHILDREN, REVERT_DIALOG_SUBMIT_N_CLICKS, REVERT_PENDING_DATA, UPLOADED_DATA,
                             USER_ACTION_N_CLICKS, USER_NAME_VALUE, USER_PASSWORD_VALUE, USER_RESULT_CHILDREN,
                             USER_ROLE_VALUE, YEAR_VALUE)
from tests.test_import_roundtrip import county_file, export_rows

pytestmark = pytest.mark.slow

REQUEST_TIMEOUT = 30  # seconds, for every request a test makes
START_TIMEOUT = 240  # a first start on an empty database builds the demo store (4 workers at once)
STOP_TIMEOUT = 20
# Issue 14: an import through one server shows on the other within a second (Store.data_version's
# version_ttl). The test prints what it took; it fails only past a sanity bound five times
# that, since CI runs two test passes at once on two cores and a second there is not a second here.
PROPAGATION_TARGET_S = 1.0
PROPAGATION_LIMIT_S = 5 * PROPAGATION_TARGET_S
PASSWORD = "Multi-Server-Pass-9"
YEAR = 2014
TIEXI = "210106"
PLATFORM = "county_platform"  # a county-level indicator: 1 when the county has the platform, else 0
DOWNLOAD_LIMIT = 4  # DOWNLOAD_RATE of the two servers, per minute
MIN_REQUESTS = 300  # made around a killed worker, so that "at most 1 %" can be told



# ---------------------------------------------------------------------- servers as processes
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """`gunicorn wsgi:server` in its own process group, its log in a file."""

    def __init__(self, name: str, database_url: str, log_dir, workers: int = 2, **env):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"gunicorn-{name}.log"
        environment = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY="multi-server-tests-secret",
                           PYTHONPATH=str(ROOT), **env)
        with open(self.log_path, "wb") as log:
            # --timeout: a worker's first start may build the demo store on a busy machine.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", str(workers), "--timeout", "120",
                 "--graceful-timeout", "5", "-b", f"127.0.0.1:{self.port}", "wsgi:server"],
                cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_ready(self, deadline: float) -> None:
        """Until every worker has built the app (each answers /whoami)."""
        while True:
            assert self.process.poll() is None, f"gunicorn {self.name} exited:\n{self.log()}"
            assert time.time() < deadline, f"gunicorn {self.name} did not start:\n{self.log()}"
            try:
                if requests.get(self.url + urls.WHOAMI, timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.3)
        # Both workers past their start: as many requests at once as there are workers, twice.
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda _: requests.get(self.url + urls.WHOAMI, timeout=REQUEST_TIMEOUT), range(8)))

    def workers(self) -> set[int]:
        try:
            return {p.pid for p in psutil.Process(self.process.pid).children()}
        except psutil.NoSuchProcess:
            return set()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=STOP_TIMEOUT)
        try:  # a worker left behind by its master
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Answer:
    """A requests.Response as DashClient reads a Flask test response."""

    def __init__(self, response: requests.Response):
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers

    def get_json(self):
        return self.response.json()

    def get_data(self, as_text: bool = False):
        return self.response.text if as_text else self.response.content


class Browser:
    """One user's cookies, sent to whichever server a request goes to (as behind one proxy: the
    cookies are the host's, whatever the port)."""

    def __init__(self):
        self.session = requests.Session()

    def on(self, server: Gunicorn) -> "Http":
        return Http(self.session, server.url)

    def csrf(self) -> str | None:
        return self.session.cookies.get("_csrf_token")


class Http:
    """The client DashClient expects (get/post by path), over HTTP to one server."""

    def __init__(self, session: requests.Session, base: str):
        self.session, self.base = session, base

    def get(self, path: str, **kwargs) -> Answer:
        return Answer(self.session.get(self.base + path, timeout=REQUEST_TIMEOUT, allow_redirects=False, **kwargs))

    def post(self, path: str, **kwargs) -> Answer:
        return Answer(self.session.post(self.base + path, timeout=REQUEST_TIMEOUT, allow_redirects=False, **kwargs))

    def csrf_of_form(self) -> str:
        return re.search(r'name="csrf" value="([^"]+)"', self.get(urls.LOGIN).get_data(as_text=True)).group(1)

    def sign_in(self, name: str, password: str = PASSWORD) -> Answer:
        return self.post(urls.LOGIN, data={"username": name, "password": password, "csrf": self.csrf_of_form()})

    def whoami(self) -> str | None:
        return self.get(urls.WHOAMI).get_json()["user"]


def platform_value(server: Gunicorn, session: requests.Session | None = None) -> float:
    """The API's value of the indicator for 铁西区, 2014, as `server` answers it now."""
    getter = session or requests
    r = getter.get(server.url + urls.api_values(PLATFORM, "county", YEAR), timeout=REQUEST_TIMEOUT)
    assert r.status_code == 200, r.text[:300]
    return next(row["value"] for row in r.json()["rows"] if row["code"] == TIEXI)


def wait_for_value(server: Gunicorn, expected: float, since: float, limit: float) -> tuple[float, int]:
    """Seconds from `since` (time.perf_counter()) until `server` answers `expected`, asking
    again as soon as it answers (for at most `limit` x 5), and how many answers that took; then,
    from `limit` after `since` on, 24 answers 4 at a time, so that each of its workers gives
    some: every one of them `expected`, none the old value."""
    polls = 0
    with requests.Session() as session:
        while True:
            polls += 1
            if platform_value(server, session) == expected:
                shown = time.perf_counter() - since
                break
            assert time.perf_counter() - since < limit * 5, f"{server.name} still shows the old value"
    time.sleep(max(0.0, since + limit - time.perf_counter()))
    assert every_worker_answers(server, expected) == [expected] * 24
    return shown, polls


def county_page_badges(server: Gunicorn, n: int = 8) -> set[bool]:
    """Whether 铁西区's page for 2014, as the router draws it n times (2 at a time, so that each
    worker of the server draws some), is badged "partly simulated" (real reports beside the
    demo data) rather than simulated."""
    dash = DashClient(Http(requests.Session(), server.url))
    partly = t("badge.partly_simulated", "en")

    def draw(_):
        page = dash.call(f"{ids.PAGE}.children", {f"{ids.URL}.pathname": urls.place("county", TIEXI),
                                                  f"{ids.URL}.search": f"?indicator={PLATFORM}&year={YEAR}&lang=en",
                                                  PAGE_META_DATA: None}, f"{ids.URL}.pathname")
        assert page.status_code == 200, page.get_data(as_text=True)[:300]
        return partly in page.get_data(as_text=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return set(pool.map(draw, range(n)))


def every_worker_answers(server: Gunicorn, expected: float, n: int = 24) -> list[float]:
    """n requests, 4 at a time, so that each of the server's workers answers some."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda _: platform_value(server), range(n)))


# ---------------------------------------------------------------------- one database, two servers
@pytest.fixture(scope="module")
def pg_url():
    """A new, empty PostgreSQL database on TEST_DATABASE_URL's server (tests/stores.py drops it
    at the end of the session)."""
    if not stores.on_postgresql():
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL")
    return stores.new_url("multi_server")


@pytest.fixture(scope="module")
def servers(pg_url, tmp_path_factory):
    """A and B, started at once on the empty database (so they race to build the demo store),
    with the rate limits on and a small download budget."""
    logs = tmp_path_factory.mktemp("multi-server")
    env = dict(RATE_LIMITS="1", DOWNLOAD_RATE=f"{DOWNLOAD_LIMIT} per minute")
    started = []
    try:
        for name in ("A", "B"):
            started.append(Gunicorn(name, pg_url, logs, **env))
        began = time.time()
        deadline = began + START_TIMEOUT
        for server in started:
            server.wait_ready(deadline)
        print(f"A and B (2 workers each) started at once on an empty database: ready in {time.time() - began:.1f} s")
        yield tuple(started)
    finally:
        for server in started:
            server.stop()


@pytest.fixture(scope="module")
def store(pg_url, servers) -> Store:
    """The test's own view of the database the servers share; the users the tests sign in as."""
    store = Store(pg_url)
    for name, role in (("multi-ed", "editor"), ("multi-admin", "admin"), ("multi-temp", "editor"),
                       ("multi-locked", "editor")):
        users.create_user(store, name, PASSWORD, role)
    yield store
    store.engine.dispose()


def one_county_report(store: Store, county: str, edit) -> bytes:
    """The county's rows of the dashboard's own export, after edit(rows), as a workbook of the
    three sheets (what a county sends in)."""
    return county_file(export_rows(template(YEAR, store)), (county,), edit)


def uploaded(name: str, content: bytes) -> dict:
    return {"contents": ["data:application/octet-stream;base64," + base64.b64encode(content).decode()],
            "names": [name]}


def test_both_servers_started_at_once_built_one_demo_store(servers, store):
    a, b = servers
    assert [batch.kind for batch in store.batches()] == ["demo"]
    assert platform_value(a) == platform_value(b)


def test_an_import_through_a_shows_on_b_within_a_second_and_a_revert_through_b_on_a(servers, store):
    a, b = servers
    before = platform_value(b)
    assert before in (0, 1)
    after = 1 - before
    assert county_page_badges(b) == {False}  # drawn (and cached, where pages are) before the import

    def flip_platform(rows):
        (county_row,) = rows["county"]
        county_row["info_platform"] = WRITTEN_BOOL[0] if after else WRITTEN_BOOL[1]
    content = one_county_report(store, TIEXI, flip_platform)

    editor = Browser()
    on_a = editor.on(a)
    assert on_a.sign_in("multi-ed").status_code == 302
    dash_a = DashClient(on_a)
    meta = {"lang": "en"}
    preview = dash_a.call(PREVIEW_CHILDREN, {UPLOADED_DATA: uploaded("tiexi.xlsx", content), YEAR_VALUE: YEAR,
                                             PAGE_META_DATA: meta}, UPLOADED_DATA, csrf=editor.csrf())
    assert preview.status_code == 200, preview.get_data(as_text=True)[:500]
    checked = preview.get_json()["response"][ids.DATA_CHECKED]["data"]
    assert checked and checked["ok"], preview.get_data(as_text=True)[:1000]
    assert platform_value(b) == before  # a check writes nothing
    done = dash_a.call(RESULT_CHILDREN, {CONFIRM_N_CLICKS: 1, UPLOADED_DATA: uploaded("tiexi.xlsx", content),
                                         CHECKED_DATA: checked, PAGE_META_DATA: meta}, CONFIRM_N_CLICKS,
                       csrf=editor.csrf())
    committed = time.perf_counter()
    assert done.status_code == 200 and ids.DATA_COMMITTED in done.get_data(as_text=True), \
        done.get_data(as_text=True)[:1000]
    shown_on_b, polls_b = wait_for_value(b, after, committed, PROPAGATION_LIMIT_S)
    assert county_page_badges(b) == {True}  # its workers draw the page anew too
    assert county_page_badges(a) == {True}  # drawn on A too, so that the revert must redraw it
    batch = store.batches()[-1]
    assert batch.kind == "import" and store.active_batch(TIEXI, YEAR) == batch.id

    # The same editor's session, now through B: a revert there shows on A.
    dash_b = DashClient(editor.on(b))
    reverted = dash_b.call(RESULT_CHILDREN, {REVERT_DIALOG_SUBMIT_N_CLICKS: 1, REVERT_PENDING_DATA: batch.id,
                                             PAGE_META_DATA: meta}, REVERT_DIALOG_SUBMIT_N_CLICKS,
                           csrf=editor.csrf())
    reverted_at = time.perf_counter()
    assert reverted.status_code == 200 and ids.DATA_REVERTED in reverted.get_data(as_text=True), \
        reverted.get_data(as_text=True)[:1000]
    shown_on_a, polls_a = wait_for_value(a, before, reverted_at, PROPAGATION_LIMIT_S)
    assert every_worker_answers(b, before) == [before] * 24
    assert county_page_badges(a) == {False}
    print(f"import through A shown by B after {shown_on_b * 1000:.0f} ms ({polls_b} answers); "
          f"revert through B shown by A after {shown_on_a * 1000:.0f} ms ({polls_a} answers); "
          f"target {PROPAGATION_TARGET_S * 1000:.0f} ms")
    assert shown_on_b < PROPAGATION_LIMIT_S and shown_on_a < PROPAGATION_LIMIT_S


def test_a_sign_in_on_a_holds_on_b_and_a_sign_out_on_a_ends_it_on_both(servers, store):
    a, b = servers
    user = Browser()
    assert user.on(a).sign_in("multi-ed").status_code == 302
    assert user.on(b).whoami() == "multi-ed"
    copied = Browser()  # the same cookie, kept elsewhere (a second tab, or a stolen copy)
    copied.session.cookies.update(user.session.cookies)
    # B takes A's CSRF token (a signed-in POST without it is refused there, with it is not).
    assert user.on(b).post(urls.LOGOUT, data={"lang": "en"}).status_code == 400
    assert user.on(b).whoami() == "multi-ed"
    assert user.on(a).post(urls.LOGOUT, data={"lang": "en", "csrf": user.csrf()}).status_code == 302
    assert user.on(a).whoami() is None and user.on(b).whoami() is None
    assert copied.on(b).whoami() is None and copied.on(a).whoami() is None


def test_disabling_a_user_on_b_signs_them_out_on_a(servers, store):
    a, b = servers
    temp, admin = Browser(), Browser()
    assert temp.on(a).sign_in("multi-temp").status_code == 302
    assert admin.on(a).sign_in("multi-admin").status_code == 302
    assert temp.on(a).whoami() == "multi-temp"
    disabled = DashClient(admin.on(b)).call(USER_RESULT_CHILDREN, {
        USER_ACTION_N_CLICKS: [({"type": ids.USER_ACTION, "action": "disable"}, 1)], USER_NAME_VALUE: "multi-temp",
        USER_PASSWORD_VALUE: None, USER_ROLE_VALUE: "editor", PAGE_META_DATA: {"lang": "en"}},
        USER_ACTION_N_CLICKS, csrf=admin.csrf())
    assert disabled.status_code == 200, disabled.get_data(as_text=True)[:500]
    assert not users.get_user(store, "multi-temp").active
    assert temp.on(a).whoami() is None and temp.on(b).whoami() is None
    assert admin.on(a).whoami() == "multi-admin"


def test_failed_sign_ins_split_over_a_and_b_count_together(servers, store):
    a, b = servers
    user = Browser()
    for i in range(users.MAX_FAILURES):
        assert user.on((a, b)[i % 2]).sign_in("multi-locked", "not the password").status_code == 401
    # Each server has seen fewer than MAX_FAILURES of them; together they are the limit.
    assert user.on(a).sign_in("multi-locked").status_code == 429  # the right password, too late
    assert user.on(b).sign_in("multi-locked").status_code == 429
    assert user.on(a).whoami() is None and user.on(b).whoami() is None


def test_rate_limits_split_over_a_and_b_count_together(servers, store):
    a, b = servers
    path = urls.table_download("csv", PLATFORM, "county", "en")
    anonymous = Browser()
    statuses = [anonymous.on((a, b)[i % 2]).get(path).status_code for i in range(DOWNLOAD_LIMIT + 2)]
    # Two each were allowed, and then neither server allows any: the budget is the pair's.
    assert statuses == [200] * DOWNLOAD_LIMIT + [429, 429], statuses


# ---------------------------------------------------------------------- a worker killed with -9
@pytest.fixture
def sqlite_server(tmp_path):
    """One gunicorn (2 workers) on its own copy of the demo store (SQLite, or PostgreSQL when the
    run selects it)."""
    copy = stores.demo_copy("respawn")
    copy.engine.dispose()
    server = Gunicorn("respawn", copy.url, tmp_path, RATE_LIMITS="0")
    try:
        server.wait_ready(time.time() + START_TIMEOUT)
        yield server
    finally:
        server.stop()


def test_a_worker_killed_with_kill_9_is_replaced_and_costs_at_most_a_handful_of_requests(sqlite_server):
    server = sqlite_server
    url = server.url + urls.api_values(PLATFORM, "county", YEAR)
    results: list[tuple[float, bool]] = []  # (when the request started, whether it succeeded)
    stop = threading.Event()

    def load():
        with requests.Session() as session:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    ok = session.get(url, timeout=REQUEST_TIMEOUT).status_code == 200
                except requests.RequestException:
                    ok = False
                results.append((started, ok))

    original = server.workers()
    assert len(original) == 2
    threads = [threading.Thread(target=load, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.5)
        victim = min(original)
        os.kill(victim, signal.SIGKILL)
        killed_at = time.perf_counter()
        while True:
            now = server.workers()
            if len(now - original) == 1 and victim not in now:
                respawned_at = time.perf_counter()
                break
            assert time.perf_counter() - killed_at < 10, f"no new worker:\n{server.log()}"
            time.sleep(0.01)
        # The replacement loads the app while the load goes on: 3 s, and enough requests in all
        # for one in a hundred to mean something.
        while time.perf_counter() - respawned_at < 3 or len(results) < MIN_REQUESTS:
            assert time.perf_counter() - respawned_at < 60, f"only {len(results)} requests in 60 s"
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
    respawn_s = respawned_at - killed_at
    failed = [t for t, ok in results if not ok]
    print(f"worker respawned after {respawn_s * 1000:.0f} ms; {len(failed)} of {len(results)} requests failed")
    assert respawn_s < 2.0
    assert len(failed) <= len(results) // 100
    assert all(ok for t, ok in results if t > respawned_at)
    assert server.process.poll() is None and len(server.workers()) == 2
