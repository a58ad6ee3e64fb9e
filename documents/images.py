"""Figures as PNG on the server, offline: plotly's figure builders drawn by kaleido 1.x, which
drives Debian's chromium (found on PATH, or at BROWSER_PATH).

Nothing is fetched from any host:
- kaleido's page loads plotly.js from plotly.py's own package (not its CDN) and no MathJax
  (kaleido's default is a CDN copy; no figure of ours has LaTeX);
- the world topojson that plotly.js's geo subplots ask for is put on the page beforehand from
  assets/vendor/topojson/ (window.PlotlyGeoAssets), and plotly.io's topojson default points to
  the same folder for anything drawn through plotly.io;
- a figure's boundaries given by URL (the slides share /geo/<level>.geojson in the browser) are
  put inline, and a figure that still names any http(s) or protocol-relative URL is refused
  (OfflineError) before it reaches the browser.

One chromium per process, started at the first image (about a second) and kept: later images
take 0.1-0.4 s. Images are drawn two at a time per process (TABS); a process forked from one
that had started it (a background callback's job) starts its own. Finished images are kept by
the hash of what they draw (documents.cache.image_cache), so the same map in another document or
data version is drawn once.

    png(fig, width=1600, height=900, scale=2) -> bytes
"""
from __future__ import annotations

import asyncio
import atexit
import hashlib
import json
import logging
import os
import re
import shlex
import shutil
import tempfile
import threading
from pathlib import Path

import plotly
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

import geo
import urls
from settings import ROOT

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
TOPOJSON_DIR = ROOT / "assets" / "vendor" / "topojson"
TOPOJSON_URL = TOPOJSON_DIR.as_uri() + "/"
# The topojson plotly.js would fetch for a geo subplot (its "world_110m" by default).
TOPOJSON_NAMES = ("world_110m",)
# Tabs of the one browser: images drawn at once (a deck's maps, two at a time on two cores).
TABS = 2
# Seconds one image may take (a cold chromium on a loaded machine takes a few).
TIMEOUT = 60
# Chromium's own calls home (component updates, the search engine's preconnect, time, account
# and safe-browsing checks) are turned off as far as flags go; those that Debian's build makes
# anyway at start (update.googleapis.com, accounts.google.com, start.duckduckgo.com) reach
# nobody: no host name resolves but the loopback's, and everything not on the loopback goes to
# a proxy on a closed loopback port (BLOCKING_PROXY). tests/test_documents.py puts a recorder
# there and checks that a document's pages ask for nothing at all.
QUIET_FLAGS = ("--disable-background-networking", "--disable-component-update", "--disable-default-apps",
               "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
               "--disable-sync", "--no-first-run", "--dns-prefetch-disable", "--disable-breakpad",
               "--disable-extensions", "--disable-component-extensions-with-background-pages",
               "--disable-field-trial-config", "--no-service-autorun", "--disable-search-engine-choice-screen",
               "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,"
               "AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,"
               "SafeBrowsing,InterestFeedContentSuggestions,PreconnectToSearch",
               "--enable-features=SkipListAccountsWithoutGaiaCookies",
               "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1")
BLOCKING_PROXY = "127.0.0.1:9"
# Any address of another host a figure could make the browser ask for.
EXTERNAL_URL = re.compile(r"(?:https?:)?//[A-Za-z0-9][^\s\"'<>]*", re.IGNORECASE)

pio.defaults.topojson = TOPOJSON_URL
# Bump when the drawing changes in a way the figure's JSON does not show (plotly.js, fonts).
RENDER_VERSION = f"plotly-{plotly.__version__}-1"


class OfflineError(ValueError):
    """A figure that would make the browser ask another host for something."""


def _local_geojson() -> dict[str, dict]:
    return {urls.geojson(level): geo.load_geojson(level) for level in ("city", "county")}


def figure_dict(fig) -> dict:
    """The figure as the JSON kaleido draws: boundaries inline, checked to name no other host."""
    data = fig if isinstance(fig, dict) else fig.to_plotly_json()
    data = json.loads(json.dumps(data, cls=PlotlyJSONEncoder))
    local = None
    for trace in data.get("data", []):
        ref = trace.get("geojson")
        if isinstance(ref, str):
            local = local or _local_geojson()
            if ref not in local:
                raise OfflineError(f"a figure names boundaries that are not the dashboard's own: {ref[:80]}")
            trace["geojson"] = local[ref]
    found = external_urls(data)
    if found:
        raise OfflineError(f"a figure names another host: {found[0][:80]}")
    return data


def external_urls(data: dict) -> list[str]:
    """Every http(s) or protocol-relative address in a figure's JSON (a logo, an image, a map
    style or tile source, boundaries by URL): the browser would ask another host for them."""
    text = json.dumps(data, ensure_ascii=False)
    return EXTERNAL_URL.findall(text)


class _Renderer:
    """One kaleido (one chromium, one tab) for this process, on an event loop of its own."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tabs = threading.Semaphore(TABS)
        self.broken = False
        self.pid = None
        self.loop = None
        self.kaleido = None
        self.folder = None

    def _page(self):
        """kaleido's page: plotly.js from plotly.py, no MathJax, the topojson already there."""
        import kaleido
        self.folder = Path(tempfile.mkdtemp(prefix="lncs-kaleido-"))
        assets = {name: json.loads((TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8"))
                  for name in TOPOJSON_NAMES}
        script = self.folder / "geo-assets.js"
        script.write_text("window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
                          "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};\n"
                          + "".join(f"window.PlotlyGeoAssets.topojson[{json.dumps(n)}] = {json.dumps(a)};\n"
                                    for n, a in assets.items()), encoding="utf-8")
        return kaleido.PageGenerator(plotly=str(PLOTLY_JS), mathjax=False, others=[str(script)])

    def _browser(self) -> str | None:
        """A launcher for the browser with QUIET_FLAGS after kaleido's (Debian's /usr/bin/chromium
        reads no flags from its environment)."""
        found = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
        if not found:
            return None  # kaleido looks for a Chrome itself, and says so if there is none
        launcher = self.folder / "chromium"
        launcher.write_text("#!/bin/sh\nexec " + shlex.quote(found) + ' "$@" '
                            + " ".join(shlex.quote(f) for f in QUIET_FLAGS) + "\n", encoding="utf-8")
        launcher.chmod(0o700)
        return str(launcher)

    def _start(self):
        import kaleido
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
        page = self._page()
        browser = kaleido.Kaleido(n=TABS, timeout=TIMEOUT, page_generator=page, path=self._browser(),
                                  proxy_server=os.environ.get("CHOREO_PROXY_SERVER") or BLOCKING_PROXY)
        asyncio.run_coroutine_threadsafe(browser.open(), loop).result(TIMEOUT)
        self.loop, self.kaleido, self.pid = loop, browser, os.getpid()

    def _close(self):
        """Closes this process's browser (never one inherited through a fork: its parent's)."""
        if self.pid == os.getpid() and self.kaleido is not None:
            # A browser that is closing may cut its last message short: choreographer logs that
            # with a traceback, which says nothing here.
            pipe_log = logging.getLogger("choreographer.channels.pipe")
            level = pipe_log.level
            pipe_log.setLevel(logging.CRITICAL)
            try:
                asyncio.run_coroutine_threadsafe(self.kaleido.close(), self.loop).result(TIMEOUT)
            except Exception:  # noqa: BLE001  (a browser already gone)
                pass
            finally:
                pipe_log.setLevel(level)
            self.loop.call_soon_threadsafe(self.loop.stop)
        if self.folder is not None and self.pid == os.getpid():
            shutil.rmtree(self.folder, ignore_errors=True)
        self.pid = self.kaleido = self.loop = self.folder = None

    def stop(self):
        with self.lock:
            self._close()

    def _ensure(self):
        """This process's browser, started if need be (or again, after one that failed)."""
        with self.lock:
            if self.pid != os.getpid():  # never started here, or inherited through a fork
                self.pid = self.kaleido = self.loop = self.folder = None
                self.broken = False
                self._start()
            elif self.broken:
                self._close()
                self.broken = False
                self._start()
            return self.kaleido, self.loop

    def watch_requests(self) -> list[str]:
        """Every address the renderer's page asks for from now on (chromium's DevTools Network
        events), in a list that fills as it renders: for the tests."""
        seen: list[str] = []

        async def record(event):
            seen.append(event.get("params", {}).get("request", {}).get("url", ""))

        async def enable():
            for tab in self.kaleido.tabs.values():
                await tab.send_command("Network.enable")
                session = tab.get_session()
                if "Network.requestWillBeSent" in session.subscriptions:
                    session.unsubscribe("Network.requestWillBeSent")
                session.subscribe("Network.requestWillBeSent", record)

        _, loop = self._ensure()
        asyncio.run_coroutine_threadsafe(enable(), loop).result(TIMEOUT)
        return seen

    def running(self) -> bool:
        return self.pid == os.getpid() and self.kaleido is not None

    def render(self, data: dict, width: int, height: int, scale: float) -> bytes:
        with self.tabs:  # as many at once as the browser has tabs
            browser, loop = self._ensure()
            opts = {"format": "png", "width": width, "height": height, "scale": scale}
            future = asyncio.run_coroutine_threadsafe(browser.calc_fig(data, opts=opts, topojson=TOPOJSON_URL), loop)
            try:
                return future.result(TIMEOUT * 2)
            except Exception:
                self.broken = True  # a browser that died or hung is not reused: the next image starts another
                raise


_renderer = _Renderer()
atexit.register(_renderer.stop)


def png(fig, width: int = 1600, height: int = 900, scale: float = 2, cache=None) -> bytes:
    """The figure as a PNG of width*scale x height*scale pixels. `cache` (a documents.cache.Folder,
    by default none) keeps it by what it draws."""
    data = figure_dict(fig)
    key = None
    if cache is not None:
        key = hashlib.sha256(json.dumps([RENDER_VERSION, data, width, height, scale], sort_keys=True,
                                        separators=(",", ":")).encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            return kept
    body = _renderer.render(data, width, height, scale)
    if cache is not None:
        cache.put(key, body)
    return body


def warm() -> None:
    """Starts this process's chromium now (a bench or a long-lived worker), not at the first image."""
    png({"data": [], "layout": {"width": 10, "height": 10}}, width=10, height=10, scale=1)


def watch_requests() -> list[str]:
    return _renderer.watch_requests()


def running() -> bool:
    return _renderer.running()


def stop() -> None:
    _renderer.stop()
