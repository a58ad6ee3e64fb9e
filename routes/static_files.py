"""Static files (routes.headers.STATIC_PREFIXES): compressed once per file version, sent with no
cookie, and versioned URLs cached for a year.

- Compression is Flask-Compress's (Dash's `compress=True`), given a cache (COMPRESS_CACHE_BACKEND,
  COMPRESS_CACHE_KEY): the compressed body of a static file is kept per (algorithm, path, file
  version) in each worker, so the 1.4 MB plotly.js and the 1.3 MB AG Grid bundle are compressed
  once per worker and encoding, not on every request. The version is the file's ETag (Flask's
  mtime, size and name for /assets/ and the boundaries; Dash's hash for an unversioned component
  suite) or, for a versioned suite, its path (Dash puts the package's version and the file's
  mtime in it), so a changed file is compressed anew. Only a complete (200) static answer is
  cached: a callback, a page, a 206 or a 304 never is.
- Flask serves a file as a stream, and Flask-Compress caches only whole bodies (and sends a
  stream by gzip never), so a cacheable static answer is read into memory first (a page-cache
  read, under a millisecond for plotly.js).
- Files the same for everyone never touch the session (auth.guard and auth.after skip them,
  `sessionless`): no Set-Cookie, no `Vary: Cookie`, so a proxy may cache them. The boundaries
  are such a file only when viewing needs no sign-in (with REQUIRE_LOGIN they are not public).
- A versioned URL never changes its answer: `public, max-age` one year, `immutable`, so a
  repeat view asks nothing for it. Versioned are Dash's fingerprinted component suites, an
  asset whose `?m=` is its file's current modification time (Dash's own asset links, and the
  vendored files linked through asset_url: plotly.js, Bootstrap, the topojson) and Dash's
  default favicon at `?v=` its version. An asset asked for without its version, or with an old
  one, keeps Flask's `no-cache` with ETag revalidation (304).
- AG Grid's bundle (1.3 MB, 350 KB compressed) is not in the page (defer_grid_bundle): only a
  page that shows a grid loads it, from assets/lazy_grid.js.
"""
from __future__ import annotations

import os

import dash
import flask
from flask_caching.backends import SimpleCache
from dash.fingerprint import check_fingerprint
from flask.sessions import SecureCookieSessionInterface
from flask_compress import Compress

from routes import context, headers
from settings import ROOT
import urls

SUITES_PREFIX = "/_dash-component-suites/"
ASSETS_PREFIX = "/assets/"
ASSETS_DIR = ROOT / "assets"
FAVICON = "/_favicon.ico"
# AG Grid's bundle, loaded by assets/lazy_grid.js from the URL in this <meta> of the page.
GRID_PACKAGE = "dash_ag_grid"
GRID_BUNDLE = "dash_ag_grid.min.js"
GRID_META = "lncs-grid-bundle"
GEO_PREFIX = urls.GEOJSON.split("<")[0]
# Static files that are public whatever REQUIRE_LOGIN says (auth.PUBLIC_PREFIXES has them too).
ALWAYS_PUBLIC = tuple(prefix for prefix in headers.STATIC_PREFIXES if prefix != GEO_PREFIX)
YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
# Flask-Compress's defaults, and the boundaries (GeoJSON compresses to a fifth).
MIMETYPES = [
    "text/html", "text/css", "text/plain", "text/xml", "text/x-component", "text/javascript",
    "application/x-javascript", "application/javascript", "application/json", "application/manifest+json",
    "application/vnd.api+json", "application/xml", "application/xhtml+xml", "application/rss+xml",
    "application/atom+xml", "application/vnd.ms-fontobject", "application/x-font-ttf",
    "application/x-font-opentype", "application/x-font-truetype", "image/svg+xml", "image/x-icon",
    "image/vnd.microsoft.icon", "font/ttf", "font/eot", "font/otf", "font/opentype",
    "application/geo+json",
]
# The cache key of an answer that is not kept (Flask-Compress asks the cache for every answer).
NOT_CACHED = "-"
# Far more than the files a page loads (about 25) times the encodings (4).
MAX_BODIES = 400
_KEY = "static_compress_key"


class CompressedBodies:
    """Flask-Compress's cache backend: the compressed static bodies of one worker, nothing else."""

    def __init__(self) -> None:
        self.bodies = SimpleCache(threshold=MAX_BODIES, default_timeout=0)
        self.hits = self.misses = 0

    def get(self, key: str) -> bytes | None:
        if key.endswith(";" + NOT_CACHED):
            return None
        body = self.bodies.get(key)
        if body is None:
            self.misses += 1
        else:
            self.hits += 1
        return body

    def set(self, key: str, value: bytes) -> None:
        # Flask-Compress sets after a hit too: kept bodies are not copied again.
        if not key.endswith(";" + NOT_CACHED) and not self.bodies.has(key):
            self.bodies.set(key, value)


class WholeFile:
    """A file answer's stream as one chunk, read only when iterated: Flask-Compress caches only an
    answer that is not a stream (one with a length), and on a hit it replaces the body unread."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def __len__(self) -> int:
        return 1

    def __iter__(self):
        yield b"".join(self.stream)

    def close(self) -> None:
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()


def cache_key(request: flask.Request) -> str:
    """The file version that the static hook found for this request, or NOT_CACHED."""
    return flask.g.get(_KEY, NOT_CACHED)


def sessionless(path: str, settings) -> bool:
    """Whether the answer to `path` is the same for every visitor, so that its request must not
    read or write the session (which would add a cookie or `Vary: Cookie`)."""
    return (path.startswith(ALWAYS_PUBLIC) or (path.startswith(GEO_PREFIX) and not settings.require_login)
            or path in urls.PROBES)  # the probes hold no data


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, never saved on an answer that is the same for everyone:
    Flask-Login's after-request hook looks into the session on every request, which alone would
    add `Vary: Cookie`. Nothing on those paths reads the session (auth skips them)."""

    def save_session(self, app, session, response) -> None:
        if sessionless(flask.request.path, context.settings()):
            return
        super().save_session(app, session, response)


def new_server(name: str) -> flask.Flask:
    """The Flask server for Dash (`dash.Dash(server=…)`), set up before Dash gives it Flask-Compress,
    which reads its settings once."""
    server = flask.Flask(name)
    server.config.update(COMPRESS_MIMETYPES=MIMETYPES, COMPRESS_CACHE_BACKEND=CompressedBodies,
                         COMPRESS_CACHE_KEY=cache_key)
    server.session_interface = SessionInterface()
    return server


def _versioned_suite(path: str) -> bool:
    return path.startswith(SUITES_PREFIX) and check_fingerprint(path)[1]


def asset_version(path: str) -> str | None:
    """The version of the file under `ASSETS_PREFIX` + …, as Dash writes it into its asset
    links (`?m=` its modification time); None when there is no such file."""
    try:
        return str(os.stat(ASSETS_DIR / path[len(ASSETS_PREFIX):]).st_mtime)
    except OSError:
        return None


def asset_url(path: str) -> str:
    """`path` (under /assets/) with its version: a URL that a browser keeps for a year."""
    version = asset_version(path)
    return path if version is None else f"{path}?m={version}"


def _versioned(request: flask.Request) -> bool:
    """Whether the request names the current version of its static file (so its answer is
    always the same): a fingerprinted suite, an asset at its current `?m=`, the default favicon
    at Dash's version."""
    path = request.path
    if path.startswith(ASSETS_PREFIX):
        version = request.args.get("m")
        return version is not None and version == asset_version(path)
    if path == FAVICON:
        return request.args.get("v") == dash.__version__ and not (ASSETS_DIR / "favicon.ico").exists()
    return _versioned_suite(path)


def defer_grid_bundle(app: dash.Dash) -> str:
    """Takes AG Grid's bundle out of the page's scripts (Dash puts every component library's
    there, so every page downloaded it) and names its fingerprinted URL in the page's
    <meta name=GRID_META> instead; assets/lazy_grid.js loads it the first time a grid is shown.
    Dash's own way, a `dynamic` resource: still served at its URL, never linked by Dash."""
    import dash_ag_grid

    bundle = next(r for r in dash_ag_grid._js_dist if r.get("relative_package_path") == GRID_BUNDLE)
    bundle["dynamic"] = True  # the package's list, read by Dash at each page
    url = app._collect_and_register_resources([{"relative_package_path": GRID_BUNDLE,
                                                 "namespace": GRID_PACKAGE}])[0]
    app.config.meta_tags.append({"name": GRID_META, "content": url})
    return url


def prepare(response: flask.Response) -> flask.Response:
    """For a complete static answer: its cache key for Flask-Compress (which runs after this hook),
    the whole body instead of a stream, and a year's caching for a versioned URL."""
    request = flask.request
    path = request.path
    if response.status_code != 200 or not headers.is_static(path):
        return response
    versioned = _versioned(request)
    if versioned:
        response.headers["Cache-Control"] = IMMUTABLE
    if "Content-Encoding" in response.headers or "Range" in request.headers \
            or not request.headers.get("Accept-Encoding"):
        return response  # nothing for Flask-Compress to keep (a file sent as is keeps sendfile)
    etag, _weak = response.get_etag()
    if etag is None and not versioned:
        response.add_etag()  # the favicon: a hash of its few KB
        etag, _weak = response.get_etag()
    if response.is_streamed:
        response.direct_passthrough = False
        response.response = WholeFile(response.response)
    setattr(flask.g, _KEY, f"{path}|{etag or ''}")
    return response


def keep_compressed(tag: str) -> None:
    """Marks this request's answer as one whose body is the same whenever `tag` is: Flask-Compress
    keeps its compressed body under the tag, as for a static file (the page cache's hits, which
    would otherwise compress a kept page of about 70 KB anew on every load)."""
    setattr(flask.g, _KEY, f"{tag}|")


def init_app(server: flask.Flask) -> None:
    """The static hook on `server`; registered after Flask-Compress's (Dash's), so it runs before it."""
    server.after_request(prepare)


def compressed_bodies(server: flask.Flask) -> CompressedBodies:
    """The bodies that `server`'s Flask-Compress keeps (for the tests and the benchmark)."""
    for hook in server.after_request_funcs[None]:
        owner = getattr(hook, "__self__", None)
        if isinstance(owner, Compress):
            return owner.cache
    raise LookupError("no Flask-Compress on this server")


POLYFILL = "polyfill@"


def lighter_polyfill() -> list[str]:
    """Takes @babel/polyfill (core-js 2 and regenerator-runtime) out of the scripts that Dash
    links before React; app.py links regenerator-runtime alone in its place (REGENERATOR_JS),
    before every bundle that calls it. core-js 2 wraps built-ins (Promise, Symbol, iterators,
    RegExp) that any browser running React 18 and plotly.js has natively; on the overview its
    code was the largest share of the main thread's work in Lighthouse. Dash's list of its
    renderer's dependencies is module state, read at each page: changed once per process (the
    same for every app in it). Returns the paths taken out (none the second time)."""
    from dash import _dash_renderer

    taken = []
    for dependency in _dash_renderer._js_dist_dependencies:
        for key in ("relative_package_path", "external_url"):
            for mode, paths in dependency.get(key, {}).items():
                kept = [p for p in paths if POLYFILL not in p.rsplit("/", 1)[-1]]
                taken += [p for p in paths if p not in kept]
                dependency[key][mode] = kept
    return taken


def no_table_bundle() -> bool:
    """Dash links dash_table's bundle on every page; the dashboard has no DataTable (its tables
    are AG Grid and HTML), so the bundle becomes `dynamic`: still served at its URL, never
    linked. True when it was linked until now."""
    from dash import dash_table

    bundle = next(r for r in dash_table._js_dist if r.get("relative_package_path") == "dash_table/bundle.js")
    linked = not bundle.get("dynamic")
    bundle["dynamic"] = True
    return linked
