"""Static answers replayed in front of Flask: the complete answer to a static GET, kept in each
worker's memory the first time Flask gives it and sent again without Flask the next times.

A page load asks for about 25 static files (Dash's component suites, plotly, Bootstrap, the
topojson, the app's own CSS and JS). Through Flask each costs about half a millisecond of CPU
even when its compressed body is kept (routes/static_files.py): the request context, the
session and sign-in hooks that skip it, the rate limiter's checks, the security headers,
Flask-Compress's negotiation. In a meeting rush (100 people opening one link within 2 s on 2
workers) that is most of the server's work. Here a kept answer costs a dictionary lookup.

What is kept, and when:
- only a GET or HEAD to a path that is the same for every visitor (static_files.sessionless:
  /assets/, Dash's suites, the favicon, the boundaries where viewing needs no sign-in; never
  the probes, which must ask the store), with no Range and no conditional header (those go to
  Flask, which answers 206 and 304 as before);
- only a complete 200 answer with a Content-Length and no Set-Cookie, exactly as Flask sent
  it (every header, the security headers included, and the compressed body);
- keyed by the method, the path, the query string and the request's Accept-Encoding as sent
  (Flask-Compress chose the encoding from it, so the same header gets the same answer);
- a versioned URL (Dash's fingerprinted suites, `?m=`/`?v=` versions, which change when the
  file does) is kept until it is pushed out; any other for UNVERSIONED_S seconds, so a file
  changed on disk is served within that time;
- at most MAX_ANSWERS answers and MAX_BYTES bytes per worker, the least recently used dropped
  first. Off in debug mode (Dash's hot reload changes files under their URLs).
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qs

from dash.fingerprint import check_fingerprint

from routes import static_files
import urls

MAX_ANSWERS = 512
MAX_BYTES = 64 * 1024 * 1024
UNVERSIONED_S = 10.0
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
               "HTTP_IF_RANGE", "HTTP_RANGE")


def versioned(path: str, query: str) -> bool:
    """Whether the URL names one version of its file (another version has another URL)."""
    if path.startswith(static_files.SUITES_PREFIX) and check_fingerprint(path)[1]:
        return True
    return bool(query) and any(k in ("m", "v") for k in parse_qs(query))


class StaticAnswers:
    """WSGI middleware around a Flask app's wsgi_app (see the module's docstring)."""

    def __init__(self, app, settings, *, max_answers: int = MAX_ANSWERS, max_bytes: int = MAX_BYTES,
                 unversioned_s: float = UNVERSIONED_S):
        self.app = app
        self.settings = settings
        self.max_answers, self.max_bytes, self.unversioned_s = max_answers, max_bytes, unversioned_s
        self._answers: OrderedDict[tuple, tuple] = OrderedDict()  # key -> (status, headers, body, until)
        self._bytes = 0
        self._lock = threading.Lock()
        self.replayed = self.kept = 0

    def _key(self, environ) -> tuple | None:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or any(h in environ for h in CONDITIONAL):
            return None
        path = environ.get("PATH_INFO") or ""
        if not static_files.sessionless(path, self.settings) or path in urls.PROBES:
            return None
        return method, path, environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT_ENCODING", "")

    def __call__(self, environ, start_response):
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        now = time.monotonic()
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                if found[3] is None or found[3] > now:
                    self._answers.move_to_end(key)
                    self.replayed += 1
                else:
                    self._drop(key)
                    found = None
        if found is not None:
            status, headers, body, _ = found
            start_response(status, list(headers))
            return [body]
        return self._through(key, environ, start_response)

    def _through(self, key, environ, start_response):
        """Asks Flask, and keeps its answer if it is one to keep."""
        seen = {}

        def starting(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        answer = self.app(environ, starting)
        status, headers = seen.get("status", ""), seen.get("headers") or []
        names = {name.lower(): value for name, value in headers}
        if not status.startswith("200") or "set-cookie" in names or "content-length" not in names:
            return answer
        chunks = []
        try:
            for chunk in answer:
                chunks.append(chunk)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        body = b"".join(chunks)
        if key[0] == "GET" and len(body) != int(names["content-length"]):
            return [body]  # not the whole body as announced: send it, never keep it
        until = None if versioned(key[1], key[2]) else time.monotonic() + self.unversioned_s
        self._keep(key, (status, tuple(headers), body, until))
        return [body]

    def _keep(self, key, answer) -> None:
        size = len(answer[2])
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._answers:
                self._drop(key)
            self._answers[key] = answer
            self._bytes += size
            self.kept += 1
            while len(self._answers) > self.max_answers or self._bytes > self.max_bytes:
                self._drop(next(iter(self._answers)))

    def _drop(self, key) -> None:
        answer = self._answers.pop(key)
        self._bytes -= len(answer[2])

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    @property
    def size(self) -> tuple[int, int]:
        """(answers, bytes) kept now."""
        with self._lock:
            return len(self._answers), self._bytes


_EXTENSION = "dashboard.static_answers"


def init_app(server, settings) -> StaticAnswers | None:
    """Static answers in front of `server`'s WSGI app (outermost), unless in debug mode."""
    if settings.debug:
        return None
    answers = StaticAnswers(server.wsgi_app, settings)
    server.wsgi_app = answers
    server.extensions[_EXTENSION] = answers
    return answers


def static_answers(server) -> StaticAnswers | None:
    """The static answers in front of an app's server (None in debug mode)."""
    return server.extensions.get(_EXTENSION)
