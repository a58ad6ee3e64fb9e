"""Security headers on every response: CSP, framing, sniffing, referrer, permissions, HSTS, caching.

Also cross-origin isolation (COOP, CORP); HSTS only behind TLS (SECURE_COOKIES=1).

- script-src is 'self' and the hashes of Dash's inline scripts (`Dash.csp_hashes()`): no
  'unsafe-inline' and no 'unsafe-eval'. Every clientside callback is a `dash_clientside`
  function in assets/ (a callback given as a string would be an inline script needing eval), the
  partial plotly.js bundle has no `new Function`, and the browser test loads every page under
  this policy and asserts that nothing was blocked (tests/test_browser_csp.py).
- style-src needs 'unsafe-inline': plotly.js writes its own <style> rules and style attributes
  into the page, and dash-ag-grid injects its theme's CSS. Styles cannot run script; the risk
  left is CSS injection, which the escaping of every value already prevents.
- img-src allows data: URIs: Bootstrap's CSS draws its icons (select arrows, check marks) as
  inline SVG images.
- Cache-Control: no-store on every response except static files (/assets/, Dash's component
  suites, the favicon, the boundaries), which keep their own caching. The same URL answers
  differently to a signed-in user, and a shared cache must never keep such an answer; the
  API and the downloads may hold data not yet published.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import flask

import urls

# What the dashboard uses: full screen in presentation mode. Everything else is denied.
PERMISSIONS_POLICY = ", ".join([
    "accelerometer=()", "autoplay=()", "camera=()", "display-capture=()", "encrypted-media=()",
    "fullscreen=(self)", "geolocation=()", "gyroscope=()", "hid=()", "idle-detection=()",
    "magnetometer=()", "microphone=()", "midi=()", "payment=()", "picture-in-picture=()",
    "publickey-credentials-get=()", "screen-wake-lock=()", "serial=()", "usb=()",
    "xr-spatial-tracking=()",
])
# Two years, as hstspreload.org asks; subdomains are the deployment's to decide (docs/security.md).
HSTS = "max-age=63072000"
# Static files: versioned by Dash (component suites) or checked by ETag (assets): cacheable.
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico", urls.GEOJSON.split("<")[0])


def content_security_policy(script_hashes: Sequence[str]) -> str:
    """The policy for a page whose inline scripts have `script_hashes` ('sha256-…' in quotes)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def is_static(path: str) -> bool:
    return path.startswith(STATIC_PREFIXES)


def init_app(server: flask.Flask, settings, script_hashes: Callable[[], Sequence[str]]) -> None:
    """Adds the headers to every response of `server`. `script_hashes` gives the CSP hashes of
    the page's inline scripts (the Dash app's `csp_hashes`): asked for each response, as Dash
    adds the inline scripts of its hooks when it serves its first request."""
    @server.after_request
    def security_headers(response: flask.Response) -> flask.Response:
        headers = response.headers
        headers["Content-Security-Policy"] = content_security_policy(script_hashes())
        headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if settings.secure_cookies:
            headers["Strict-Transport-Security"] = HSTS
        if not is_static(flask.request.path):
            headers["Cache-Control"] = "no-store"
            headers.pop("Expires", None)
            headers.pop("ETag", None)
        return response
