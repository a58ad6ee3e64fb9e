"""Callbacks: thin functions that parse inputs, ask data/ and call a layout or figure builder.

Each module exposes register(app, store) (data_page also takes the settings); this package
registers them all. The plain Flask routes (API, downloads, sign-in) are Blueprints in routes/.
"""
from __future__ import annotations

from callbacks import data_page, overview, places, routing


def register(app, store, settings) -> None:
    routing.register(app, store)
    overview.register(app, store)
    places.register(app, store)
    data_page.register(app, store, settings)
