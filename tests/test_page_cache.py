"""The page cache (routes/page_cache.py): a kept page is the drawn one byte for byte, a commit
makes it drawn anew, the data page is never kept, workers share pages through Redis, and a
page load's server CPU stays within a generous bound (bench.pages holds the targets)."""
from __future__ import annotations

import gzip
import shutil
import socket
import statistics
import subprocess
import time

import pytest
import redis

from app import create_app
from data import queries, users
from layouts import ids
from routes.limits import CALLBACK_PATH, ROUTER_OUTPUT
from routes.page_cache import ROUTER_OUTPUTS, page_cache
from settings import Settings
from tests import stores
from tests.factories import batch, unit_year
from tests.test_auth import PASSWORD, csrf_of, sign_in

REDIS_PORT = 8151
PAGES = ["/", "/?indicator=rural_center_coverage&year=2014&level=county&city=210200&county=210224&map=status",
         "/?year=1999&tab=table", "/city/210200", "/county/210224", "/present", "/present?theme=light&interval=5",
         "/method", "/county/nowhere"]


def render(client, page: str, shown=None, headers=None):
    """The router's callback for `page` (path and query) as the Dash renderer posts it."""
    path, _, search = page.partition("?")
    body = {"output": ROUTER_OUTPUT, "outputs": ROUTER_OUTPUTS,
            "inputs": [{"id": ids.URL, "property": "pathname", "value": path},
                       {"id": ids.URL, "property": "search", "value": f"?{search}" if search else ""}],
            "changedPropIds": [f"{ids.URL}.pathname"], "state": [{"id": ids.PAGE_META, "property": "data"}]}
    if shown is not None:
        body["state"][0]["value"] = shown
    return client.post(CALLBACK_PATH, json=body, headers=headers or {})


def app_on(store, **settings):
    return create_app(Settings(debug=False, secret_key="test-secret", **settings), store=store)


@pytest.fixture(scope="module")
def app(demo_store):
    return app_on(demo_store)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_kept_page_is_the_drawn_page_byte_for_byte(app, page, lang):
    cache, client = page_cache(app.server), app.server.test_client()
    page = f"{page}{'&' if '?' in page else '?'}lang={lang}"
    cache.clear()
    hits = cache.hits
    drawn = render(client, page)
    kept = render(client, page)
    assert drawn.status_code == kept.status_code == 200
    assert cache.hits == hits + 1  # the second came from the cache
    assert kept.get_data() == drawn.get_data()
    assert kept.headers["Content-Type"] == drawn.headers["Content-Type"]
    assert f'"lang": "{lang}"'.replace(" ", "") in kept.get_data(as_text=True).replace(" ", "")


def test_a_compressed_answer_is_the_kept_page_compressed(app):
    client = app.server.test_client()
    plain = render(client, "/county/210224?lang=en").get_data()
    squeezed = render(client, "/county/210224?lang=en", headers={"Accept-Encoding": "gzip"})
    assert squeezed.headers["Content-Encoding"] == "gzip" and gzip.decompress(squeezed.get_data()) == plain


def test_the_overview_already_shown_is_left_alone_not_served_from_the_cache(app):
    client = app.server.test_client()
    render(client, "/?lang=en")
    left = render(client, "/?lang=en&year=2013", shown={"path": "/", "lang": "en"})
    assert left.status_code == 204  # the overview's own callbacks follow its URL
    assert render(client, "/?lang=zh", shown={"path": "/", "lang": "en"}).status_code == 200


def test_a_request_that_is_not_exactly_the_routers_is_not_kept(app):
    cache, client = page_cache(app.server), app.server.test_client()
    cache.clear()
    kept = cache.kept
    path = {"id": ids.URL, "property": "pathname", "value": "/method"}
    search = {"id": ids.URL, "property": "search", "value": ""}
    odd = [{"output": ROUTER_OUTPUT, "outputs": ROUTER_OUTPUTS[::-1], "inputs": [path, search],
            "state": [{"id": ids.PAGE_META, "property": "data"}], "changedPropIds": []},
           {"output": ROUTER_OUTPUT, "outputs": ROUTER_OUTPUTS, "inputs": [search, path],
            "state": [{"id": ids.PAGE_META, "property": "data"}], "changedPropIds": []},
           {"output": ROUTER_OUTPUT, "outputs": ROUTER_OUTPUTS, "inputs": [{**path, "value": ["/method"]}, search],
            "state": [{"id": ids.PAGE_META, "property": "data"}], "changedPropIds": []}]
    for body in odd:
        client.post(CALLBACK_PATH, json=body)
    assert cache.kept == kept
    assert b'"page-meta"' in render(client, "/method").get_data()


def test_a_commit_or_a_revert_draws_the_page_anew():
    store = stores.demo_copy("page_cache_commit")
    app = app_on(store)
    cache, client = page_cache(app.server), app.server.test_client()
    page = "/county/210102?lang=en"
    before = render(client, page).get_data()
    assert render(client, page).get_data() == before and cache.hits == 1
    year = max(queries.years(store))
    units = [("210102U1", "urban", "210102"), ("210102U2", "urban", "210102")]
    batch_id = store.commit_batch(**batch(units, [unit_year("210102U1", year, has_facility=True, households=10),
                                                  unit_year("210102U2", year, has_facility=False, households=20)]))
    after = render(client, page).get_data()
    assert after != before
    assert after == render(app_on(store).server.test_client(), page).get_data()  # as an app with no cache draws it
    store.revert_batch(batch_id)
    assert render(client, page).get_data() == before
    assert cache.hits == 1  # every answer after the commit was drawn


def test_a_signed_in_user_never_gets_anothers_data_page():
    store = stores.demo_copy("page_cache_users")
    users.create_user(store, "adalovelace", PASSWORD, "admin")
    users.create_user(store, "edsgerdijkstra", PASSWORD, "editor")
    app = app_on(store)
    cache = page_cache(app.server)
    pages = {}
    for name in ("adalovelace", "edsgerdijkstra", None):
        client = app.server.test_client()
        if name:
            sign_in(client, name)
        headers = {"X-CSRFToken": csrf_of(client)} if name else {}
        for _ in range(2):
            response = render(client, "/data?lang=en", headers=headers)
            assert response.status_code == 200
            pages.setdefault(name, set()).add(response.get_data())
    assert all(len(bodies) == 1 for bodies in pages.values())
    admin, editor, anonymous = (pages[n].pop() for n in ("adalovelace", "edsgerdijkstra", None))
    assert b"adalovelace" in admin and b"edsgerdijkstra" in editor
    assert b"adalovelace" not in editor + anonymous and b"edsgerdijkstra" not in anonymous
    assert cache.kept == 0 and cache.hits == 0


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (CI installs Debian's redis-server)")
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([server, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"redis-server did not start on port {REDIS_PORT}")
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_a_page_drawn_by_one_app_is_a_hit_in_another_through_redis(demo_store, redis_url):
    first, second = app_on(demo_store, redis_url=redis_url), app_on(demo_store, redis_url=redis_url)
    page_cache(first.server).clear()
    drawn = render(first.server.test_client(), "/county/210224?lang=en&year=2013")
    served = render(second.server.test_client(), "/county/210224?lang=en&year=2013")
    assert page_cache(first.server).kept == 1 and page_cache(first.server).hits == 0
    assert page_cache(second.server).hits == 1 and page_cache(second.server).kept == 0
    assert served.get_data() == drawn.get_data()


def test_a_redis_that_is_gone_draws_the_page(demo_store):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = app_on(demo_store, redis_url=f"redis://127.0.0.1:{port}/0")
    response = render(app.server.test_client(), "/method?lang=en")
    assert response.status_code == 200 and b"page-meta" in response.get_data()


def test_another_servers_commit_shows_within_the_version_ttl_and_its_own_at_once():
    store = stores.demo_copy("page_cache_ttl")
    other = type(store)(store.url)
    store.version_ttl = 60.0  # longer than a commit takes on a busy machine
    year = max(queries.years(store))
    units = [("210102U1", "urban", "210102")]
    with store.request_scope():
        seen, read_at = store.data_version(), time.monotonic()
        other.commit_batch(**batch(units, [unit_year("210102U1", year, has_facility=True)]))
        assert store.data_version() == seen  # kept for version_ttl while a request is served
        store.version_ttl = time.monotonic() - read_at - 0.001  # now older than version_ttl
        assert store.data_version() == seen + 1
        store.version_ttl = 60.0
        store.commit_batch(**batch(units, [unit_year("210102U1", year, has_facility=False)]))
        assert store.data_version() == seen + 2  # its own commit at once
    other.commit_batch(**batch(units, [unit_year("210102U1", year, has_facility=True)]))
    assert store.data_version() == seen + 3  # outside a request, always read


def _cpu_ms(client, page: str, repeat: int = 9) -> float:
    render(client, page)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        assert render(client, page, headers={"Accept-Encoding": "gzip, deflate, br, zstd"}).status_code == 200
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def test_a_kept_page_costs_little_cpu(app):
    """Sanity bounds, 3x bench.pages' targets (20 ms overview, 30 ms county page)."""
    client = app.server.test_client()
    assert _cpu_ms(client, "/") <= 60
    assert _cpu_ms(client, "/county/210224") <= 90


def test_a_recolour_payload_is_kept_by_data_version_and_follows_a_commit():
    from callbacks.overview import payload
    from urls import default_state
    store = stores.demo_copy("page_cache_payload")
    year = max(queries.years(store))
    state = default_state(queries.years(store), lang="zh").with_(indicator="urban_facility_coverage", level="county",
                                                                  year=year)
    before = payload(store, state)
    assert payload(store, state) is before  # kept: the same answer, not drawn again
    assert payload(store, state.with_(lang="en")) is not before
    units = [("210102U1", "urban", "210102"), ("210102U2", "urban", "210102")]
    batch_id = store.commit_batch(**batch(units, [unit_year("210102U1", year, has_facility=True, households=10),
                                                  unit_year("210102U2", year, has_facility=False, households=20)]))
    after = payload(store, state)
    assert after is not before and after != before  # the county's share moved to 1 of 2
    store.revert_batch(batch_id)
    assert payload(store, state) == before
