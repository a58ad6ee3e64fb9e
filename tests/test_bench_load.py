"""bench.load's recordings and its run: the recorded browser requests parse, each one replays
with 2xx against the app, and `python -m bench.load --quick` runs to its report (its targets
are the benchmark's business, not asserted here)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from bench import load
from settings import Settings
from tests import stores

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_the_recordings_parse_into_page_loads():
    rec = load.load_recordings()
    assert set(rec) == {"overview", "county", "recolour", "api"}
    for name in ("overview", "county"):
        page = rec[name]
        assert page[0].kind == "document" and page[0].method == "GET"
        assert len(load.router(page)) == 1, f"{name}: the router's callback draws the page once"
        assert any(r.kind == "static" for r in page)
        replayed = [r for phase in load.phases(page) for wave in phase for r in wave]
        assert replayed == page, "a page replay sends every recorded request once, in order"
    recolour = load.scenarios(rec)["recolour"]
    assert len(recolour) == 1 and recolour[0].method == "POST" and b"year-slider.value" in recolour[0].body
    assert rec["api"][0].path.startswith("/api/v1/values?")


def test_every_recorded_request_replays_with_2xx(demo_store):
    # As the bench serves it: limits on behind one proxy, a new address per simulated browser.
    app = create_app(Settings(debug=False, secret_key="test-only", trusted_proxies=1), store=demo_store)
    client = app.server.test_client()
    addresses = load.Addresses()
    answered = {}
    for name, requests in load.load_recordings().items():
        address = addresses.next()
        for req in requests:
            response = client.open(req.path, method=req.method, data=req.body,
                                   headers={**req.headers, "X-Forwarded-For": address})
            answered[f"{name}: {req.method} {req.path[:80]}"] = response.status_code
    bad = {k: v for k, v in answered.items() if not 200 <= v < 300}
    assert not bad
    assert len(answered) >= 50


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
            with socket.socket() as b:
                try:
                    b.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return port
    raise RuntimeError("no two free ports in a row")


def test_a_quick_run_reports_without_a_crash():
    store = stores.demo_copy("bench_load")
    where = ["--no-sqlite", "--database", store.url] if stores.on_postgresql() else ["--sqlite", store.url]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run([sys.executable, "-m", "bench.load", "--quick", "--connections", "4", "--rush-pages", "4",
                           "--port", str(_free_port_pair()), *where],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    out = done.stdout
    for measure in ("recolour", "overview render", "overview load", "county render", "county load", "api"):
        assert f"   {measure} " in out, out
    assert "meeting rush: 4 overview loads" in out and "4 served whole" in out, out
    assert "replay not 2xx" not in out, out
    assert "load average at start" in out and "load average at end" in out
