"""The page cache: the router's answer (a whole page, as the JSON the browser receives) kept by
(page, query, language, data version), so that a page is drawn once per data version, not on
every load.

- What is kept is the body of the router callback's answer (`/_dash-update-component` for
  page.children and page-meta.data), the bytes Dash sent: drawing the tree costs about half of
  a page's time and serialising it the other half, and a kept body costs neither. A hit is
  answered before Dash is asked; every other request hook still runs (sign-in and CSRF checks,
  the rate limits, which count a hit as a render, the security headers, compression).
- The key: the code (a digest of the modules and files that draw pages, and Dash's and
  plotly's versions), the store, the data version (Store.data_version: every committing
  transaction bumps it, so an import or a revert is never answered from an older page), the
  language, the path and the exact query string (the overview writes it into the page).
  Nothing else reaches a page: the pages are the same for everyone and say no time. The data
  page (the signed-in user's own: their role, the users, the audit trail) and the reporting
  status (an editor's tools; "late" changes with the day) are never kept, and
  neither is an answer that is not a complete 200 JSON one, nor one to a request that is not
  exactly the router's (other outputs or inputs), which Dash answers as before.
- Where: shared by every worker and host in Redis when Settings.redis_url is set (entries
  expire after cache_seconds); else in each worker's memory (flask-caching's SimpleCache,
  at most cache_pages entries, the oldest dropped first). A Redis that fails is a miss (the
  page is drawn) and one log line, never an error.
"""
from __future__ import annotations

import hashlib
import logging

import dash
import flask
import plotly
from flask_caching import Cache

from callbacks.routing import shown_already
from data.cache_keys import code_digest, store_tag
from layouts import ids
from routes import static_files
from routes.limits import CALLBACK_PATH, ROUTER_OUTPUT
import urls

log = logging.getLogger("dashboard.page_cache")

_EXTENSION = "dashboard.page_cache"
_KEY = "page_cache_key"
# What the renderer sends for the router, and nothing else is kept: another list of outputs
# would be answered with other ids.
ROUTER_OUTPUTS = [{"id": ids.PAGE, "property": "children"}, {"id": ids.PAGE_META, "property": "data"}]
ROUTER_INPUTS = [(ids.URL, "pathname"), (ids.URL, "search")]
ROUTER_STATE = [(ids.PAGE_META, "data")]
# What draws a page: a change to any of these files is another key.
CODE_DIRS = ("callbacks", "layouts", "data", "geo")
CODE_FILES = ("urls.py", "docs/method.md")
# A Redis that does not answer in this long is a miss, not a hung request.
REDIS_TIMEOUT_S = 0.5

_code_tag: str | None = None


def code_tag() -> str:
    """A digest of everything that draws a page (read once per process), so that servers running
    other code never share pages, and an upgrade never serves a page drawn by the code before."""
    global _code_tag
    if _code_tag is None:
        _code_tag = code_digest(CODE_DIRS, CODE_FILES, seed=f"dash {dash.__version__} plotly {plotly.__version__}")
    return _code_tag


def _entries(body: dict, part: str, expected: list[tuple[str, str]]) -> list | None:
    """The values of the body's inputs or state, if they are exactly the router's."""
    entries = body.get(part)
    if not isinstance(entries, list) or len(entries) != len(expected):
        return None
    values = []
    for entry, (id_, prop) in zip(entries, expected):
        if not isinstance(entry, dict) or entry.get("id") != id_ or entry.get("property") != prop:
            return None
        values.append(entry.get("value"))
    return values


class PageCache:
    """The kept pages of one app, with what it did (hits, misses, kept) in this process."""

    def __init__(self, server: flask.Flask, store, settings):
        self.store = store
        self.shared = settings.redis_url is not None
        prefix = f"lncs:page:{code_tag()}:{store_tag(store.url)}:"
        if self.shared:
            config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": settings.redis_url,
                      "CACHE_OPTIONS": {"socket_timeout": REDIS_TIMEOUT_S, "socket_connect_timeout": REDIS_TIMEOUT_S}}
        else:
            config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": settings.cache_pages}
        config.update(CACHE_KEY_PREFIX=prefix, CACHE_DEFAULT_TIMEOUT=settings.cache_seconds)
        self.cache = Cache(server, config=config)
        self.hits = self.misses = self.kept = 0

    def key(self, body) -> str | None:
        """The key of a router request's page, or None for any request whose answer is not kept."""
        if not isinstance(body, dict) or body.get("output") != ROUTER_OUTPUT or body.get("outputs") != ROUTER_OUTPUTS:
            return None
        inputs, state = _entries(body, "inputs", ROUTER_INPUTS), _entries(body, "state", ROUTER_STATE)
        if inputs is None or state is None:
            return None
        pathname, search = inputs
        if not all(v is None or isinstance(v, str) for v in (pathname, search)):
            return None
        if shown_already(pathname, search, state[0]):
            return None  # the router answers "nothing to change" itself
        path = urls.normal_path(pathname)
        if urls.match(urls.DATA, path) is not None:
            return None  # the signed-in user's own page
        if urls.match(urls.REPORTS, path) is not None:
            return None  # an editor's tools on it, and "late" depends on the day, not the data version
        search = search or ""
        digest = hashlib.sha256(f"{path}?{search}".encode()).hexdigest()[:32]
        return f"{self.store.data_version()}:{urls.language_of(search)}:{digest}"

    def get(self, key: str) -> bytes | None:
        try:
            return self.cache.get(key)
        except Exception as err:  # Redis's errors, whatever they are: a miss
            log.warning("page cache: read failed, drawing the page: %s", err)
            return None

    def set(self, key: str, body: bytes) -> None:
        try:
            self.cache.set(key, body)
        except Exception as err:
            log.warning("page cache: write failed: %s", err)

    def clear(self) -> None:
        self.cache.clear()

    # ------------------------------------------------------------------ request hooks
    def serve(self):
        request = flask.request
        if request.method != "POST" or request.path != CALLBACK_PATH:
            return None
        try:
            body = request.get_json(silent=True, cache=True)
        except RecursionError:
            return None
        key = self.key(body)
        if key is None:
            return None
        kept = self.get(key)
        if kept is not None:
            self.hits += 1
            static_files.keep_compressed(f"page:{key}")  # compressed once per worker and encoding
            return flask.Response(kept, mimetype="application/json")
        self.misses += 1
        flask.g.setdefault(_KEY, key)
        return None

    def keep(self, response: flask.Response) -> flask.Response:
        key = flask.g.pop(_KEY, None)
        if key is not None and response.status_code == 200 and response.mimetype == "application/json" \
                and not response.is_streamed and "Content-Encoding" not in response.headers:
            self.set(key, response.get_data())
            self.kept += 1
        return response


def init_app(server: flask.Flask, store, settings) -> PageCache:
    """The page cache on `server`. Called after every other hook is registered: its lookup runs
    after the sign-in guard and the rate limits, and its keeping sees Dash's body before the
    other after-request hooks (headers, compression) touch the response."""
    cache = PageCache(server, store, settings)
    server.extensions[_EXTENSION] = cache
    server.before_request(cache.serve)
    server.after_request(cache.keep)
    return cache


def page_cache(server: flask.Flask) -> PageCache:
    """The page cache of an app's server."""
    return server.extensions[_EXTENSION]
