"""Helpers for browser tests: the app served on a free local port, and a headless Chromium
page that records (and refuses) every request to another host."""
from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

from werkzeug.serving import make_server

from app import create_app
from settings import Settings

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


class LiveServer:
    """A Dash app served by werkzeug in a background thread."""

    def __init__(self, settings: Settings, store=None):
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        self.app = create_app(settings, store=store)
        self._server = make_server("127.0.0.1", 0, self.app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        self._server.shutdown()


class RecordingPage:
    """A page plus the URLs it asked for; requests to other hosts are aborted and kept."""

    def __init__(self, browser, origin: str, viewport=(1920, 1080)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.origin = urlsplit(origin).netloc
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        scheme, netloc = urlsplit(url)[:2]
        if scheme in ("data", "blob") or netloc == self.origin:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def close(self):
        self.context.close()


# ---------------------------------------------------------------------- the overview map
MAP_SELECTOR = "#map"
MAP_JS = f"document.querySelector('{MAP_SELECTOR} .js-plotly-plot')"


def map_meta(page) -> dict | None:
    """What the overview map shows now (set by assets/map.js with every recolour)."""
    return page.evaluate(f"(() => {{ const gd = {MAP_JS};"
                         f" return gd && gd.layout ? gd.layout.meta || null : null; }})()")


def wait_for_map(page, timeout: float = 15000, **expected) -> dict:
    """Wait until the map has been coloured for a view matching `expected`."""
    condition = " && ".join(f"m[{k!r}] === {v!r}" if not isinstance(v, type(None)) else f"m[{k!r}] === null"
                            for k, v in expected.items()) or "true"
    # Coloured for that view, and drawn: as many shapes on screen as the visible traces hold.
    # A function, not an expression: Playwright polls an expression with eval, which the
    # page's Content-Security-Policy forbids.
    page.wait_for_function(f"""() => {{
        const gd = {MAP_JS}; const m = gd && gd.layout && gd.layout.meta;
        if (!(Boolean(m) && {condition})) return false;
        const wanted = gd.data.filter(d => d.type === 'choropleth' && d.visible !== false)
                              .reduce((n, d) => n + d.locations.length, 0);
        return gd.querySelectorAll('path.choroplethlocation').length === wanted;
    }}""", timeout=timeout)
    return map_meta(page)


def active_trace(page) -> dict:
    """locations, z and customdata of the visible choropleth trace."""
    return page.evaluate(f"""(() => {{
        const gd = {MAP_JS};
        const t = gd.data.find(d => d.type === 'choropleth' && d.visible !== false && d.hoverinfo !== 'skip');
        return {{locations: t.locations, z: t.z, customdata: t.customdata}};
    }})()""")


def drawn_map(page) -> dict:
    """The visible choropleth trace as the browser holds it: what it colours and says."""
    return page.evaluate(f"""(() => {{
        const gd = {MAP_JS};
        const t = gd.data.find(d => d.type === 'choropleth' && d.visible !== false && d.hoverinfo !== 'skip');
        const keys = ['locations', 'z', 'zmin', 'zmax', 'colorscale', 'showscale', 'colorbar', 'customdata',
                      'hovertemplate'];
        return Object.fromEntries(keys.map(k => [k, t[k] === undefined ? null : t[k]]));
    }})()""")


def hover_lines(page, location: str) -> list[str]:
    """The lines of the hover label plotly draws with the mouse on `location`'s centroid
    (empty if the centroid lies in another shape, as it may in a bent one)."""
    point = page.evaluate(f"""(loc) => {{
        const gd = {MAP_JS};
        const shape = [...gd.querySelectorAll('path.choroplethlocation')].map(p => p.__data__)
                                                                         .find(d => d.loc === loc);
        const xy = gd._fullLayout.geo._subplot.projection(shape.ct);
        const frame = gd.querySelector('.main-svg').getBoundingClientRect();
        return [frame.left + xy[0], frame.top + xy[1]];
    }}""", location)
    page.mouse.move(*point)
    try:
        page.wait_for_selector(f"{MAP_SELECTOR} .hoverlayer .hovertext", timeout=2000)
    except Exception:  # noqa: BLE001 - no label: the point is off this shape
        return []
    lines = page.evaluate(f"""() => [...document.querySelectorAll('{MAP_SELECTOR} .hoverlayer .hovertext text.nums')]
                                .flatMap(t => [...t.querySelectorAll('tspan.line')].map(s => s.textContent))""")
    page.mouse.move(1, 1)
    return lines
