"""The store and settings of the app that serves a request, for the blueprints' views."""
from __future__ import annotations

import flask

_STORE, _SETTINGS = "dashboard.store", "dashboard.settings"


def bind(server: flask.Flask, store, settings) -> None:
    """Makes `store` and `settings` the ones this server's views read."""
    server.extensions[_STORE] = store
    server.extensions[_SETTINGS] = settings


def store():
    """The store of the app serving this request."""
    return flask.current_app.extensions[_STORE]


def settings():
    """The settings of the app serving this request."""
    return flask.current_app.extensions[_SETTINGS]
