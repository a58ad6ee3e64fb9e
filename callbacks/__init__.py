"""Callbacks: thin functions that parse inputs, ask data/ and call a layout or figure builder.

Each module exposes register(app, store) (data_page also takes the settings); this package
registers them all and declares the router's table, so that no callback module imports
another. The plain Flask routes (API, downloads, sign-in) are Blueprints in routes/.
"""
from __future__ import annotations

import urls
from callbacks import compare, data_page, documents, overview, places, present, reports, routing


def _overview(store, search):
    page, state = overview.overview_page(store, search)
    return page, state.lang


def _data(store, search):
    lang = urls.language_of(search)
    return data_page.page(store, lang), lang


# Every page by its path (urls.py declares the paths), as slapdash's router does: each page
# function takes the store, the query string and the path's segments, and returns
# (page tree, the page's language).
ROUTES = (
    (urls.OVERVIEW, _overview),
    (urls.CITY, lambda store, search, code: places.place_page(store, "city", code, search)),
    (urls.COUNTY, lambda store, search, code: places.place_page(store, "county", code, search)),
    (urls.PRESENT, present.present_page),
    (urls.DATA, _data),
    (urls.METHOD, routing.method_page),
    (urls.REPORTS, reports.page),
    (urls.COMPARE, compare.compare_page),
)


def render(store, pathname: str | None, search: str | None):
    """(page tree, page meta) for a path and query string, as the router draws it."""
    return routing.render(store, ROUTES, pathname, search)


def register(app, store, settings) -> None:
    routing.register(app, store, ROUTES)
    overview.register(app, store)
    places.register(app, store)
    compare.register(app, store)
    data_page.register(app, store, settings)
    documents.register(app, store, settings)
    reports.register(app, store)
