"""What every document shares: figures drawn as PNG on the server, offline (documents/images.py),
and the cache of built documents and images (documents/cache.py)."""
from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from data import catalogue, queries
from documents import cache as doc_cache
from documents import images
from layouts.figures.maps import build_slide_map
from settings import ROOT, Settings
from tests import stores

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None and not os.environ.get("BROWSER_PATH"),
                                    reason="kaleido needs Debian's chromium")
# What a page of kaleido's may load: itself, plotly.js, our topojson script, kaleido's own
# script, and the blob the image is made in. Nothing over a network.
LOCAL_SCHEMES = ("file:", "blob:", "data:")


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def slide_map(store, level="county", lang="zh"):
    ind = catalogue.get("rural_center_coverage")
    values = queries.values(store, ind.id, level, max(queries.years(store)))
    return build_slide_map(values, ind, level, lang, "light")


def test_a_slide_map_names_no_other_host_once_its_boundaries_are_inline(demo_store):
    fig = slide_map(demo_store)
    raw = fig.to_plotly_json()
    assert any(isinstance(t.get("geojson"), str) for t in raw["data"])  # by URL, as the browser shares them
    data = images.figure_dict(fig)
    assert all(not isinstance(t.get("geojson"), str) for t in data["data"])
    assert images.external_urls(data) == []


@pytest.mark.parametrize("bad", [
    {"layout": {"images": [{"source": "https://example.org/logo.png"}]}},
    {"layout": {"images": [{"source": "//cdn.example.org/logo.png"}]}},
    {"data": [{"type": "choropleth", "geojson": "http://example.org/x.geojson"}]},
    {"data": [{"type": "choropleth", "geojson": "/somewhere/else.geojson"}]},
    {"layout": {"map": {"style": "https://tiles.example.org/style.json"}}},
])
def test_a_figure_that_would_ask_another_host_is_refused_before_any_browser(bad):
    with pytest.raises(images.OfflineError):
        images.png({"data": [], **bad}, width=100, height=100, scale=1)


def test_plotly_io_and_kaleido_use_the_local_topojson_and_no_cdn():
    import plotly.io as pio
    assert pio.defaults.topojson == images.TOPOJSON_URL
    assert pio.defaults.topojson.startswith("file://")
    assert (images.TOPOJSON_DIR / "world_110m.json").is_file()
    assert images.PLOTLY_JS.is_file()
    page = images._Renderer()._page().generate_index()
    assert "http" not in page.replace("http-equiv", "")  # no CDN plotly.js, no MathJax


@needs_chromium
@pytest.mark.slow
def test_a_map_is_drawn_sharp_and_its_page_asks_for_nothing_over_a_network(demo_store):
    seen = images.watch_requests()
    body = images.png(slide_map(demo_store), width=1120, height=820, scale=2)
    assert png_size(body) == (2240, 1640)
    assert len(body) > 100_000  # a drawn map, not an empty canvas
    assert seen, "the watcher saw the page load"
    assert [u for u in seen if not u.startswith(LOCAL_SCHEMES)] == []
    # The watcher itself would see an outside address: the same page given one asks for it.
    seen.clear()
    images._renderer.render({"data": [], "layout": {"images": [{
        "source": "https://example.org/x.png", "xref": "paper", "yref": "paper", "x": 0, "y": 1,
        "sizex": 1, "sizey": 1}]}}, 100, 100, 1)
    assert "https://example.org/x.png" in seen


@needs_chromium
@pytest.mark.slow
def test_images_are_kept_by_what_they_draw(demo_store, tmp_path):
    cache = doc_cache.DocumentCache(tmp_path, 50 * 1024 * 1024)
    fig = slide_map(demo_store, "city")
    first = images.png(fig, width=600, height=440, scale=1, cache=cache.images)
    assert len(list(cache.images.path.glob("*.png"))) == 1
    started = time.perf_counter()
    again = images.png(fig, width=600, height=440, scale=1, cache=cache.images)
    assert again == first and time.perf_counter() - started < 0.5
    images.png(slide_map(demo_store, "city", "en"), width=600, height=440, scale=1, cache=cache.images)
    assert len(list(cache.images.path.glob("*.png"))) == 2  # another language draws other names


RECORDER = textwrap.dedent("""
    import json, os, socket, sys, threading, time
    sys.path.insert(0, sys.argv[1])
    server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(32)
    asked, rendering = [], threading.Event()
    def serve():
        while True:
            conn, _ = server.accept()
            line = conn.recv(4096).split(b"\\r\\n")[0].decode("latin-1")
            asked.append({"line": line, "while_rendering": rendering.is_set()})
            conn.close()
    threading.Thread(target=serve, daemon=True).start()
    os.environ["CHOREO_PROXY_SERVER"] = "127.0.0.1:%d" % server.getsockname()[1]
    from documents import images
    images.warm()
    figure = {"data": [{"type": "choropleth", "geojson": "/geo/county.geojson", "featureidkey": "properties.adcode",
                        "locations": ["210102"], "z": [1]}],
              "layout": {"geo": {"showland": True, "showcountries": True, "showocean": True}}}
    rendering.set()
    for _ in range(3):
        images.png(figure, width=400, height=300, scale=1)
    rendering.clear()
    images._renderer.render({"data": [], "layout": {"images": [{"source": "https://example.org/x.png",
        "xref": "paper", "yref": "paper", "x": 0, "y": 1, "sizex": 1, "sizey": 1}]}}, 100, 100, 1)
    time.sleep(0.5)
    print(json.dumps(asked))
""")


@needs_chromium
@pytest.mark.slow
def test_through_a_recording_proxy_a_render_asks_no_host(tmp_path):
    """Every request chromium would send anywhere but the loopback goes through the proxy; with a
    recorder there, rendering figures asks for nothing, while a figure with an outside address
    (passed past the check) is seen asking for it. Chromium's own start-up calls (update checks,
    the account list, the search engine's preconnect: not the document's) reach, in production,
    only BLOCKING_PROXY's closed port."""
    import json
    out = subprocess.run([sys.executable, "-c", RECORDER, str(ROOT)], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    asked = json.loads(out.stdout.strip().splitlines()[-1])
    own_hosts = ("google.com", "googleapis.com", "duckduckgo.com", "gvt1.com")
    during = [a["line"] for a in asked if a["while_rendering"] and not any(h in a["line"] for h in own_hosts)]
    assert during == []
    assert any("example.org" in a["line"] for a in asked)


def test_the_production_browser_is_started_quiet_and_blocked():
    assert images.BLOCKING_PROXY.startswith("127.0.0.1:")
    with socket.socket() as s:  # the blocking proxy's port is closed: nothing gets through it
        s.settimeout(1)
        assert s.connect_ex(("127.0.0.1", int(images.BLOCKING_PROXY.split(":")[1]))) != 0
    flags = " ".join(images.QUIET_FLAGS)
    assert "--disable-background-networking" in flags
    assert "--host-resolver-rules=MAP * ~NOTFOUND" in flags


# The cache of built documents.

def test_document_keys_differ_by_kind_parameters_language_and_data_version(tmp_path, demo_store):
    cache = doc_cache.DocumentCache(tmp_path, 10 * 1024 * 1024, demo_store)
    base = cache.key("deck", {"indicators": ["a"], "year": 2014}, "zh")
    assert base == cache.key("deck", {"year": 2014, "indicators": ["a"]}, "zh")  # order of parameters
    others = {cache.key("circular", {"indicators": ["a"], "year": 2014}, "zh"),
              cache.key("deck", {"indicators": ["a"], "year": 2013}, "zh"),
              cache.key("deck", {"indicators": ["a"], "year": 2014}, "en"),
              cache.key("deck", {"indicators": ["a"], "year": 2014}, "zh", version=demo_store.data_version() + 1)}
    assert len(others) == 4 and base not in others


def test_a_store_built_again_at_the_same_address_gets_other_keys(tmp_path):
    url = stores.new_url("rebuilt")
    from data.store import Store
    from tests.factories import batch, unit_year
    first = Store(url, Settings(database_url=url))
    first.ensure_ready()
    key_a = doc_cache.DocumentCache(tmp_path, 1 << 20, first).key("deck", {}, "zh")
    first.commit_batch(**batch([("u1", "urban", "210102")], [unit_year("u1", 2014, households=10, residents=30)]))
    key_b = doc_cache.DocumentCache(tmp_path, 1 << 20, first).key("deck", {}, "zh")
    assert key_a != key_b  # the data version moved
    version = first.data_version()
    first.drop_all()
    first.engine.dispose()
    again = Store(url, Settings(database_url=url))
    again.ensure_ready()
    for _ in range(version - again.data_version()):  # the same version as the first store had
        again.commit_batch(**batch([("u2", "urban", "210102")], [unit_year("u2", 2014, households=11, residents=31)]))
    assert again.data_version() == version
    assert doc_cache.DocumentCache(tmp_path, 1 << 20, again).key("deck", {}, "zh") != key_b


def test_a_document_is_built_once_however_many_ask_at_once(tmp_path):
    cache = doc_cache.DocumentCache(tmp_path, 10 * 1024 * 1024)
    calls = []

    def build():
        calls.append(1)
        time.sleep(0.3)
        return b"deck bytes"

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.build("deck-x", build))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [b"deck bytes"] * 4 and len(calls) == 1
    assert cache.build("deck-x", build) == b"deck bytes" and len(calls) == 1
    assert cache.builds == 1 and cache.hits >= 4


def test_the_cache_stays_within_its_bound_dropping_the_least_recently_used(tmp_path):
    cache = doc_cache.DocumentCache(tmp_path, 2500)
    for name in ("a", "b", "c"):
        cache.documents.put(name, b"x" * 1000)
        time.sleep(0.02)
        if name == "b":
            os.utime(cache.documents.file("a"))  # a used again: b is now the oldest
            time.sleep(0.02)
    kept = sorted(p.stem for p in cache.documents.path.glob("*.doc"))
    assert kept == ["a", "c"]
    cache.images.put("img", b"y" * 1000)  # images count against the same bound
    assert sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".lock") <= 2500


def test_a_failed_build_leaves_nothing_behind(tmp_path):
    cache = doc_cache.DocumentCache(tmp_path, 1 << 20)

    def broken():
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        cache.build("deck-y", broken)
    assert cache.get("deck-y") is None
    assert not [p for p in cache.documents.path.iterdir() if p.suffix not in (".lock",)]


def test_the_default_folder_is_one_per_store_outside_the_repository(demo_store, tmp_path):
    cache = doc_cache.for_store(demo_store, Settings(database_url=demo_store.url))
    assert ROOT not in cache.path.parents
    assert doc_cache.store_tag(demo_store.url) in cache.path.name
    assert doc_cache.for_store(demo_store, Settings(database_url=demo_store.url)) is cache
    custom = doc_cache.for_store(demo_store, Settings(database_url=demo_store.url, document_cache_dir=str(tmp_path)))
    assert custom.path == tmp_path
