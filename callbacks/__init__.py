"""Callbacks: thin functions that parse inputs, ask data/ and call a layout or figure builder.

Each module exposes register(app, store); this package registers them all.
"""
from __future__ import annotations

from callbacks import api, downloads, overview, places, routing


def register(app, store) -> None:
    routing.register(app, store)
    overview.register(app, store)
    places.register(app, store)
    api.register(app, store)
    downloads.register(app, store)
