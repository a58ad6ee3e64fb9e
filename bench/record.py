"""Records the requests a browser really makes, for bench.load to replay.

    python -m bench.record [--out bench/requests]

Headless Chromium (Playwright, Debian's chromium) loads pages from the app served on a fresh
demo store, with an empty cache, and every request it makes is written down: method, path
and query, the request headers that change the answer (Accept, Accept-Encoding,
Content-Type, ...), the body of each POST `/_dash-update-component`, the status and the
time it started and ended (ms from the page's first request). Four recordings, one JSON
file each in bench/requests/:

- overview.json: a full load of `/` (the HTML, the assets, Dash's component suites, its
  layout and dependencies, every callback, the geojson), as a link opened in a meeting;
- county.json: a full load of a county page (`/county/210224`);
- recolour.json: the year changed on the overview's slider (one key press): the callbacks
  it fires; the one that sends the map's new numbers is marked "recolour";
- api.json: one `/api/v1/values` request.

Run it again when the pages change (new callbacks, new assets): bench.load checks that
every recorded request still answers 2xx before it measures anything.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

import urls
from data.store import Store
from layouts import ids
from settings import Settings
from tests.browser import CHROMIUM_ARGS, LiveServer, wait_for_map

OUT = Path(__file__).resolve().parent / "requests"
COUNTY = "210224"
# Headers a replay sends as the browser did; the others (cookies, host, connection, length,
# fetch metadata) are the client's own business or set by the replaying client.
# The CSRF header is left out too: it belongs to the recording's session, which is not replayed
# (viewing needs none).
KEPT_HEADERS = ("accept", "accept-encoding", "accept-language", "content-type", "user-agent")
RECOLOUR_OUTPUT = f"{ids.MAP_DATA}.data"


def kind(method: str, path: str) -> str:
    if method == "POST" and path == "/_dash-update-component":
        return "callback"
    if path.startswith(("/_dash-layout", "/_dash-dependencies")):
        return "dash"
    if path.startswith(("/assets/", "/_dash-component-suites/", "/_favicon")) or path.endswith(".ico"):
        return "static"
    if path.startswith(urls.API_PREFIX):
        return "api"
    if path.startswith("/geo/"):
        return "geojson"
    return "document"


class Recorder:
    """Every request of one browser context, in the order they started."""

    def __init__(self, context, origin: str):
        self.origin = urlsplit(origin).netloc
        self.started: dict = {}
        self.entries: list[dict] = []
        self.t0: float | None = None
        context.on("request", self._request)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def _now(self) -> float:
        return round((time.perf_counter() - self.t0) * 1000, 1)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.netloc != self.origin:  # data: and blob: URLs never reach the server
            return
        if self.t0 is None:
            self.t0 = time.perf_counter()
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {k: v for k, v in request.headers.items() if k.lower() in KEPT_HEADERS}
        entry = {"method": request.method, "path": path, "kind": kind(request.method, parts.path),
                 "headers": headers, "body": request.post_data, "start_ms": self._now()}
        if entry["kind"] == "callback":
            entry["output"] = json.loads(request.post_data).get("output")
        self.started[request] = entry
        self.entries.append(entry)

    def _finished(self, request):
        entry = self.started.get(request)
        if entry is not None:
            entry["end_ms"] = self._now()
            response = request.response()
            entry["status"] = response.status if response else None
            # Playwright's own headers() lacks some that the network stack adds (Accept-Encoding).
            entry["headers"] = {k: v for k, v in request.all_headers().items()
                                if k.lower() in KEPT_HEADERS and not k.startswith(":")}

    def _failed(self, request):
        entry = self.started.get(request)
        if entry is not None:
            entry["end_ms"], entry["status"] = self._now(), None

    def take(self) -> list[dict]:
        entries, self.entries, self.started, self.t0 = self.entries, [], {}, None
        return entries


def _settle(page, ms: int = 1500):
    """Waits until no request has been made for `ms` (a callback chain has run to its end)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(ms)


def record(base: str) -> dict[str, dict]:
    recordings = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            rec = Recorder(context, base)
            page = context.new_page()
            page.goto(base + urls.OVERVIEW)
            wait_for_map(page, timeout=30000)
            _settle(page)
            recordings["overview"] = {"page": urls.OVERVIEW, "requests": rec.take()}

            thumb = page.locator(f"#{ids.YEAR} [role=slider]")
            thumb.focus()
            _settle(page, 500)
            rec.take()  # focus alone asks for nothing, but be sure
            page.keyboard.press("ArrowLeft")
            _settle(page)
            changed = rec.take()
            for entry in changed:
                entry["recolour"] = f".{RECOLOUR_OUTPUT}." in (entry.get("output") or "")
            recordings["recolour"] = {"page": urls.OVERVIEW, "action": "year slider ArrowLeft",
                                      "requests": changed}
            context.close()

            # A county page opened from a link, in a fresh context (an empty cache).
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            rec = Recorder(context, base)
            page = context.new_page()
            county = urls.PLACE["county"].replace("<code>", COUNTY)
            page.goto(base + county)
            page.wait_for_selector(".ag-row", timeout=30000)  # the work list has rows
            _settle(page)
            recordings["county"] = {"page": county, "requests": rec.take()}
            context.close()
        finally:
            browser.close()
    api = f"{urls.API_VALUES}?indicator=rural_center_coverage&level=county&year=2015"
    recordings["api"] = {"page": api, "requests": [{
        "method": "GET", "path": api, "kind": "api", "body": None, "start_ms": 0.0, "end_ms": 0.0,
        "headers": {"accept": "application/json", "accept-encoding": "gzip, deflate, br, zstd"}, "status": 200}]}
    return recordings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'record.sqlite'}")
        store.ensure_ready()
        server = LiveServer(Settings(debug=False, secret_key="bench-only", rate_limits=False), store=store)
        try:
            recordings = record(server.url)
        finally:
            server.stop()
    args.out.mkdir(parents=True, exist_ok=True)
    bad = []
    for name, recording in recordings.items():
        for entry in recording["requests"]:
            if not (entry.get("status") and 200 <= entry["status"] < 300):
                bad.append(f"{name}: {entry['method']} {entry['path']} -> {entry.get('status')}")
        path = args.out / f"{name}.json"
        path.write_text(json.dumps(recording, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        kinds = {}
        for entry in recording["requests"]:
            kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
        print(f"{path}: {len(recording['requests'])} requests {kinds}")
    for line in bad:
        print("not 2xx:", line, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
