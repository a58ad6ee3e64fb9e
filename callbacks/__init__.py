"""Callbacks: thin functions that parse inputs, ask data/ and call a layout or figure builder.

Each module exposes register(app, store) (auth also takes the settings); this package
registers them all.
"""
from __future__ import annotations

from callbacks import api, auth, data_page, downloads, overview, places, routing


def register(app, store, settings) -> None:
    auth.register(app, store, settings)  # first: its request guard runs before every route
    routing.register(app, store)
    overview.register(app, store)
    places.register(app, store)
    api.register(app, store)
    downloads.register(app, store)
    data_page.register(app, store, settings)
