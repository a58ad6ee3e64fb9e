"""What one request may cost: the size of its address and body, and how often one address may
ask for the costly answers (downloads, the API's CSV, page renders).

- Sizes are checked before anything reads the body: a query string over QUERY_LIMIT or a path
  over PATH_LIMIT is answered 414; a body over its route's cap 413. The cap is CALLBACK_LIMIT
  for a Dash callback, FORM_LIMIT for anything else, and UPLOAD_LIMIT_MB only for a callback
  that carries the data page's upload, from a signed-in editor. The cap is also set on the
  request, so a chunked body (no Content-Length) is read only up to it.
- Rates are Flask-Limiter's, per address (request.remote_addr, which ProxyFix sets from a
  trusted proxy's header): downloads and the API's CSV share Settings.download_rate, the
  router's page renders Settings.page_rate. Signed-in users are not limited (they are known,
  and the heavy filled template is theirs only). Over a limit the answer is 429 with
  Retry-After and a message in both languages.
- Costly anonymous work also waits for nobody: it runs in one of HEAVY_SLOTS slots shared by
  the workers of a host (a non-blocking file lock each); with every slot taken the answer is
  429 at once. So however many arrive together, the other workers stay free for pages.
- The counters are shared by the workers: in memcached or redis when RATELIMIT_STORAGE_URL
  names one, or in the page cache's Redis when only REDIS_URL is set (a deployment with many
  workers or hosts), else in the store's own database (data/ratelimit_storage.py), which every
  worker already shares, so a single-host deployment needs no other server.
"""
from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import time
from pathlib import Path

import flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import RequestEntityTooLarge

from data import host_locks, ratelimit_storage
from layouts import ids
from routes import auth, context
from routes.errors import json_error

log = logging.getLogger("dashboard.requests")

CALLBACK_PATH = "/_dash-update-component"
QUERY_LIMIT = 8 * 1024
PATH_LIMIT = 2 * 1024
CALLBACK_LIMIT = 1024 * 1024
FORM_LIMIT = 64 * 1024
# How many costly anonymous requests may run at once on a host (of gunicorn's 2 workers: one).
HEAVY_SLOTS = 1
# The router's callback: the one that draws a whole page.
ROUTER_OUTPUT = f"..{ids.PAGE}.children...{ids.PAGE_META}.data.."


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def _where() -> str:
    request = flask.request
    return f"{request.method} {request.path[:120]} from {request.remote_addr or '?'}"


def _too_large(limit: int):
    log.warning("%s: refused: body over %s", _where(), _size(limit))
    return json_error("request.too_large", status=413, limit=_size(limit))


def _carries_upload(body: bytes) -> bool:
    """Whether a callback body holds the data page's upload among its inputs or state."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False
    if not isinstance(data, dict):
        return False
    entries = [e for part in ("inputs", "state") if isinstance(data.get(part), list) for e in data[part]]
    return any(isinstance(e, dict) and e.get("id") == ids.DATA_UPLOADED for e in entries)


def cap_request():
    """Refuses an address or a body that is too big for its route, before either is parsed."""
    request = flask.request
    if len(request.query_string) > QUERY_LIMIT or len(request.path) > PATH_LIMIT:
        limit = QUERY_LIMIT if len(request.query_string) > QUERY_LIMIT else PATH_LIMIT
        log.warning("%s: refused: address over %s", _where(), _size(limit))
        return json_error("request.uri_too_long", status=414, limit=_size(limit))
    limit = CALLBACK_LIMIT if request.path == CALLBACK_PATH else FORM_LIMIT
    length = request.content_length  # None for a chunked body
    if request.path == CALLBACK_PATH and (length is None or length > CALLBACK_LIMIT) \
            and auth.require(context.store(), "editor") is not None:
        limit = context.settings().upload_limit_mb * 1024 * 1024
    request.max_content_length = limit  # a chunked body is read only this far (then 413)
    if length is not None and length > limit:
        return _too_large(limit)
    if length is None and request.environ.get("wsgi.input_terminated"):
        try:  # a chunked body: read now, within the cap (parsers then read the cached copy)
            request.get_data(cache=True)
        except RequestEntityTooLarge:
            return _too_large(limit)
    if limit > CALLBACK_LIMIT:
        # Only the upload may be this big: read it (within the cap) and look.
        body = request.get_data(cache=True)
        if len(body) > CALLBACK_LIMIT and not _carries_upload(body):
            return _too_large(CALLBACK_LIMIT)
    return None


def _signed_in() -> bool:
    return auth.current_user(context.store()) is not None


def _page_render() -> bool:
    request = flask.request
    if request.path != CALLBACK_PATH or request.method != "POST":
        return False
    try:
        body = request.get_json(silent=True, cache=True)
    except RecursionError:
        return False
    return isinstance(body, dict) and body.get("output") == ROUTER_OUTPUT


def _costly() -> bool:
    """A download or the API's CSV from someone not signed in."""
    request = flask.request
    blueprint = request.blueprint
    costly = blueprint == "downloads" or (blueprint == "api" and request.args.get("format") == "csv")
    return costly and not _signed_in()


def _slot_paths(store) -> list[Path]:
    # Named by the store, so that the workers serving one store (and only they) share them.
    tag = hashlib.sha256(store.url.encode()).hexdigest()[:16]
    return [Path(tempfile.gettempdir()) / f"lncs-heavy-{tag}-{i}.lock" for i in range(HEAVY_SLOTS)]


def take_slot():
    """Runs costly anonymous work in a free slot, or answers 429 at once."""
    if not _costly():
        return None
    handle = host_locks.take_free(_slot_paths(context.store()))
    if handle is not None:
        flask.g.heavy_slot = handle
        return None
    log.warning("%s: refused: every slot for costly work is busy", _where())
    response, status = json_error("request.too_many", status=429, seconds=2)
    response.headers["Retry-After"] = "2"
    return response, status


def free_slot(_exc=None):
    handle = flask.g.pop("heavy_slot", None)
    if handle is not None:
        host_locks.release(handle)


def make_limiter(server: flask.Flask, store, settings, downloads_bp, api_bp) -> Limiter:
    """Flask-Limiter on `server`, counting in the store's database unless a storage is named."""
    # The page cache's Redis, where one is set, counts too: a render's count in the database is
    # a write transaction, which costs more than answering the render from the page cache.
    if settings.ratelimit_storage_url or settings.redis_url:
        uri, options = settings.ratelimit_storage_url or settings.redis_url, {}
    else:
        uri, options = f"{ratelimit_storage.SCHEME}://", {"engine": store.engine, "store": store}
    if settings.rate_limits:
        # Before the limiter's own check: one refused for want of a slot costs no write.
        server.before_request(take_slot)
        server.teardown_request(free_slot)
    limiter = Limiter(
        get_remote_address, app=server, storage_uri=uri, storage_options=options, strategy="fixed-window",
        headers_enabled=True, key_prefix="lncs", enabled=settings.rate_limits,
        default_limits=[settings.page_rate], default_limits_exempt_when=lambda: not _page_render() or _signed_in())
    costly = limiter.shared_limit(settings.download_rate, scope="costly", exempt_when=_signed_in)
    costly(downloads_bp)
    limiter.shared_limit(settings.download_rate, scope="costly",
                         exempt_when=lambda: _signed_in() or flask.request.args.get("format") != "csv")(api_bp)

    def too_many(err):
        current = limiter.current_limit
        # As Flask-Limiter counts the Retry-After header it adds to this answer.
        seconds = max(1, int(current.reset_at - time.time())) if current else 60
        log.warning("%s: refused: over %s", _where(), current.limit if current else "a rate limit")
        response, status = json_error("request.too_many", status=429, seconds=seconds)
        response.headers["Retry-After"] = str(seconds)
        return response, status

    server.register_error_handler(429, too_many)
    return limiter


def init_app(server: flask.Flask) -> None:
    """The size caps (before every other request hook) and their 413/414 answers."""
    server.before_request(cap_request)
    server.register_error_handler(413, lambda err: _too_large(flask.request.max_content_length or FORM_LIMIT))
