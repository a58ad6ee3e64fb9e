"""Plain Flask routes (the API, downloads, sign-in, the boundaries), as Blueprints on Dash's server.

These answer HTTP requests themselves: they are not Dash callbacks, which only the Dash renderer
calls with component values, so they live apart from callbacks/. Their views find the store and
the settings of the app serving them through routes.context, as flaskr's views find the database:
a blueprint is defined once, at import, and registered on every app that create_app() builds.
"""
from __future__ import annotations

import flask

from routes import api, auth, context, downloads, faults, geo, health, limits


def register(server: flask.Flask, store, settings) -> None:
    """Registers every blueprint on `server`, serving `store` with `settings`."""
    context.bind(server, store, settings)
    faults.init_app(server)
    limits.init_app(server)  # before any hook that reads a body
    auth.init_app(server, settings)
    server.register_blueprint(auth.bp)  # first of the blueprints: its request guard runs before every route
    server.register_blueprint(api.bp)
    server.register_blueprint(downloads.bp)
    server.register_blueprint(geo.bp)
    server.register_blueprint(health.bp)
    # After the guard: the limits know who is signed in.
    limiter = limits.make_limiter(server, store, settings, downloads.bp, api.bp)
    limiter.exempt(health.bp)  # a probe polled every few seconds is never refused
