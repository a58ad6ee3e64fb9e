"""Page weight: the bytes a browser transfers per page, on a first view and on a repeat view.

    python -m bench.weight [--url http://host:port] [--county 210224] [--verbose]

Headless Chromium (Playwright, Debian's chromium) loads `/`, `/county/<code>`, `/present`,
`/method` and `/data` from the app (served here on a fresh demo store, or at --url). Each page
gets a browser context of its own with an empty cache: the first view is a navigation to the
page; the repeat view is a second navigation to it in a new tab of the same context (its HTTP
cache kept, as a person opening the link again). Each view waits until nothing has been asked
for or answered for QUIET_S (every callback answered, and what they draw loaded: a grid's
bundle, a chart's chunk).

Bytes are what went over the wire, headers included (Chrome's DevTools protocol,
Network.loadingFinished's encodedDataLength): a compressed body counts compressed, a 304 its
headers, a file from the cache nothing. They are summed per type: JS (scripts), CSS, JSON (the
callbacks, Dash's layout and dependencies, the topojson and geojson) and other (the HTML
page, the favicon, images). `--verbose` lists every request.

Exits 1 when a budget is missed (issue 15): the overview's first view transfers at most
FIRST_JS_BUDGET of JavaScript, and the repeat view of every page at most REPEAT_BUDGET in all.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

import urls

KIB = 1024
FIRST_JS_BUDGET = 900 * KIB  # the overview's first view, JavaScript, compressed
REPEAT_BUDGET = 100 * KIB  # every page's repeat view, everything
COUNTY = "210224"
TYPES = ("JS", "CSS", "JSON", "other")
QUIET_S = 2.0  # seconds with nothing on the network: the page is done
# Dash has replaced its "Loading..." with the page, no component waits for a callback, and the
# page's own load event has fired.
DRAWN = """() => document.readyState === 'complete' && !document.querySelector('._dash-loading')
    && Boolean(document.querySelector('#react-entry-point *'))
    && !document.querySelector('[data-dash-is-loading="true"]')"""


def pages(county: str) -> list[str]:
    return [urls.OVERVIEW, urls.COUNTY.replace("<code>", county), urls.PRESENT, urls.METHOD, urls.DATA]


def kind(resource_type: str, mime: str) -> str:
    mime = (mime or "").split(";")[0].strip().lower()
    if resource_type == "Script" or mime.endswith("javascript"):
        return "JS"
    if resource_type == "Stylesheet" or mime == "text/css":
        return "CSS"
    if mime.endswith("json"):
        return "JSON"
    return "other"


@dataclass
class View:
    """What one navigation transferred."""
    requests: list[dict] = field(default_factory=list)

    def bytes(self, of: str | None = None) -> int:
        return sum(r["bytes"] for r in self.requests if of is None or r["type"] == of)

    def by_type(self) -> dict[str, int]:
        return {t: self.bytes(t) for t in TYPES}


class Quiet:
    """When the page last started or finished a request, and how many are under way."""

    def __init__(self) -> None:
        self.pending: set[str] = set()
        self.last = time.monotonic()

    def started(self, event) -> None:
        self.pending.add(event["requestId"])
        self.last = time.monotonic()

    def ended(self, event) -> None:
        self.pending.discard(event["requestId"])
        self.last = time.monotonic()

    def wait(self, page, quiet_s: float = QUIET_S, limit_s: float = 90.0) -> None:
        """Until Dash has drawn the page and updates nothing (DRAWN), and nothing has happened on
        the network for `quiet_s` since (a bundle that loads another after it has been parsed
        leaves a gap with nothing under way; on a busy machine, parsing plotly.js does too)."""
        end = time.monotonic() + limit_s
        while time.monotonic() < end:
            if not self.pending and time.monotonic() - self.last >= quiet_s and page.evaluate(DRAWN):
                return
            page.wait_for_timeout(100)
        raise TimeoutError(f"{page.url} still loading after {limit_s:.0f} s")


def _record(page, cdp, quiet: Quiet) -> View:
    """A View filled as the page's requests finish (from DevTools' network events)."""
    view = View()
    seen: dict[str, dict] = {}

    def response(event):
        r = event["response"]
        seen[event["requestId"]] = {"url": r["url"], "status": r["status"],
                                    "type": kind(event.get("type", ""), r.get("mimeType", "")),
                                    "cached": bool(r.get("fromDiskCache") or r.get("fromPrefetchCache")
                                                   or r.get("fromServiceWorker")),
                                    "encoding": {k.lower(): v for k, v in r.get("headers", {}).items()}
                                    .get("content-encoding", ""), "bytes": 0}

    def cached(event):
        seen.setdefault(event["requestId"], {"url": "?", "status": 200, "type": "other", "cached": True,
                                             "encoding": "", "bytes": 0})["cached"] = True

    def finished(event):
        quiet.ended(event)
        entry = seen.get(event["requestId"])
        if entry is not None:
            entry["bytes"] = int(event["encodedDataLength"])
            view.requests.append(entry)

    cdp.on("Network.requestWillBeSent", quiet.started)
    cdp.on("Network.responseReceived", response)
    cdp.on("Network.requestServedFromCache", cached)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", quiet.ended)
    return view


def visit(context, url: str) -> View:
    """One navigation to `url` in a new tab of `context`, until the network is quiet."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    quiet = Quiet()
    view = _record(page, cdp, quiet)
    page.goto(url, wait_until="load", timeout=60000)
    quiet.wait(page)  # the callbacks, and what they draw (a grid's bundle, a chart's chunk), count
    cdp.detach()
    page.close()
    return view


def measure(base: str, paths: list[str], browser) -> dict[str, tuple[View, View]]:
    """{path: (first view, repeat view)}, each path in a browser context of its own."""
    out = {}
    for path in paths:
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        try:
            first = visit(context, base + path)
            repeat = visit(context, base + path)
        finally:
            context.close()
        out[path] = (first, repeat)
    return out


def kib(n: int) -> str:
    return f"{n / KIB:8.1f}"


def report(results: dict[str, tuple[View, View]], verbose: bool = False) -> bool:
    """Prints the table; True when every budget is met."""
    head = " ".join(f"{t:>8}" for t in TYPES)
    print(f"KiB transferred (compressed, headers included)\n{'page':<16} {'view':<7} {head} {'all':>8} {'requests':>8}")
    ok = True
    for path, views in results.items():
        for name, view in zip(("first", "repeat"), views):
            row = " ".join(kib(v) for v in view.by_type().values())
            print(f"{path:<16} {name:<7} {row} {kib(view.bytes())} {len(view.requests):>8}")
            if verbose:
                for r in sorted(view.requests, key=lambda r: -r["bytes"]):
                    where = urlsplit(r["url"])
                    print(f"    {r['bytes']:>9} {r['status']} {r['type']:<5} {r['encoding'] or '-':<5} "
                          f"{'cache ' if r['cached'] else ''}{where.path}{'?' + where.query if where.query else ''}"[:160])
        first, repeat = views
        if path == "/" and first.bytes("JS") > FIRST_JS_BUDGET:
            print(f"  over budget: first-view JavaScript {first.bytes('JS') / KIB:.1f} KiB > {FIRST_JS_BUDGET // KIB} KiB")
            ok = False
        if repeat.bytes() > REPEAT_BUDGET:
            print(f"  over budget: repeat view {repeat.bytes() / KIB:.1f} KiB > {REPEAT_BUDGET // KIB} KiB")
            ok = False
    print(f"budgets: first view of / JavaScript <= {FIRST_JS_BUDGET // KIB} KiB; "
          f"repeat view of each page <= {REPEAT_BUDGET // KIB} KiB: {'met' if ok else 'MISSED'}")
    return ok


def run(base: str, paths: list[str]) -> dict[str, tuple[View, View]]:
    from tests.browser import CHROMIUM_ARGS
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            return measure(base, paths, browser)
        finally:
            browser.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure a running server instead of starting one")
    parser.add_argument("--county", default=COUNTY, help="the county page's code")
    parser.add_argument("--verbose", action="store_true", help="every request of every view")
    args = parser.parse_args(argv)
    paths = pages(args.county)
    if args.url:
        results = run(args.url.rstrip("/"), paths)
    else:
        from data.store import Store
        from settings import Settings
        from tests.browser import LiveServer
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
            store.ensure_ready()
            server = LiveServer(Settings(debug=False, secret_key="bench-only", rate_limits=False), store=store)
            try:
                results = run(server.url, paths)
            finally:
                server.stop()
    return 0 if report(results, args.verbose) else 1


if __name__ == "__main__":
    sys.exit(main())
