"""The store and settings of the app that serves a request, for the blueprints' views, and the
request's one connection to the store (Store.open_scope)."""
from __future__ import annotations

import flask

_STORE, _SETTINGS = "dashboard.store", "dashboard.settings"


def bind(server: flask.Flask, store, settings) -> None:
    """Makes `store` and `settings` the ones this server's views read."""
    server.extensions[_STORE] = store
    server.extensions[_SETTINGS] = settings

    # First of the request hooks: every read of the store in a request (the guard's user, a
    # callback's queries) shares one connection, checked out at the first and returned at the end.
    @server.before_request
    def open_store_scope():
        flask.g.store_scope = store.open_scope()

    @server.teardown_request
    def close_store_scope(_exc=None):
        token = flask.g.pop("store_scope", None)
        if token is not None:
            store.close_scope(token)


def store():
    """The store of the app serving this request."""
    return flask.current_app.extensions[_STORE]


def settings():
    """The settings of the app serving this request."""
    return flask.current_app.extensions[_SETTINGS]
