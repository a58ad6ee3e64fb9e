"""The router: which page a path shows, in which language. Pages are rebuilt only when
the path or the language changes; every other change of the query string is handled by
the page's own callbacks, so the map's geometry is not sent again."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State
from dash.exceptions import PreventUpdate

from data.provenance import page_chrome
from layouts import ids, pages
import urls


def method_page(store, search: str | None):
    lang = urls.language_of(search)
    return pages.method_page(lang, **page_chrome(store, lang)), lang


def render(store, routes, pathname: str | None, search: str | None):
    """(page tree, page meta) for a path and query string. Never raises for bad input.

    `routes` pairs each path of urls.py with its page function, which takes the store, the
    query string and the path's segments and returns (page tree, the page's language)."""
    path = urls.normal_path(pathname)
    for route, page_of in routes:
        segments = urls.match(route, path)
        if segments is not None:
            page, lang = page_of(store, search, **segments)
            break
    else:
        lang = urls.language_of(search)
        page = pages.not_found_page(lang, path, **page_chrome(store, lang))
    # The page's <title> is its own (components.document_title, which each page carries).
    return page, {"path": path, "lang": lang}


def shown_already(pathname, search, shown) -> bool:
    """Whether the router leaves the page as it is: the overview, in the same language, is
    already shown (its own callbacks follow its URL); every other page is redrawn."""
    path = urls.normal_path(pathname)
    return path == urls.OVERVIEW and isinstance(shown, dict) and shown.get("path") == path \
        and shown.get("lang") == urls.language_of(search)


def register(app, store, routes) -> None:
    """The router over `routes` (callbacks/__init__.py declares the table)."""
    @app.callback(Output(ids.PAGE, "children"), Output(ids.PAGE_META, "data"),
                  Input(ids.URL, "pathname"), Input(ids.URL, "search"), State(ids.PAGE_META, "data"))
    def route(pathname, search, shown):
        if shown_already(pathname, search, shown):
            raise PreventUpdate
        return render(store, routes, pathname, search)

    app.clientside_callback(ClientsideFunction("shell", "setDocumentLanguage"), Input(ids.PAGE_META, "data"))
