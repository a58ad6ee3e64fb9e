"""The router: which page a path shows, in which language. Pages are rebuilt only when
the path or the language changes; every other change of the query string is handled by
the page's own callbacks, so the map's geometry is not sent again."""
from __future__ import annotations

from urllib.parse import parse_qs

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks import data_page, overview, places, present
from data.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from layouts import ids, pages


def language_of(search: str | None) -> str:
    lang = parse_qs((search or "").lstrip("?")).get("lang", [DEFAULT_LANGUAGE])[0]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def normal_path(pathname: str | None) -> str:
    """"/county/210224/" and "/county/210224" are one page; no path is the overview."""
    return (pathname or "/").rstrip("/") or "/"


def render(store, pathname: str | None, search: str | None):
    """(page tree, page meta) for a path and query string. Never raises for bad input."""
    path = normal_path(pathname)
    lang = language_of(search)
    if path == "/":
        page, state = overview.overview_page(store, search)
        lang = state.lang
    elif path.startswith(("/county/", "/city/")) and path.count("/") == 2:
        level, segment = path.strip("/").split("/", 1)
        page, lang = places.place_page(store, level, segment, search)
    elif path == "/present":
        page, lang = present.present_page(store, search)
    elif path == "/data":
        page = data_page.page(store, lang)
    elif path == "/method":
        page = pages.method_page(lang, **overview.page_chrome(store, lang))
    else:
        page = pages.not_found_page(lang, path, **overview.page_chrome(store, lang))
    return page, {"path": path, "lang": lang, "title": t("app.title", lang)}


def register(app, store) -> None:
    @app.callback(Output(ids.PAGE, "children"), Output(ids.PAGE_META, "data"),
                  Input(ids.URL, "pathname"), Input(ids.URL, "search"), State(ids.PAGE_META, "data"))
    def route(pathname, search, shown):
        path = normal_path(pathname)
        if path == "/" and shown and shown.get("path") == path and shown.get("lang") == language_of(search):
            raise PreventUpdate  # the overview's own callbacks follow its URL; other pages are redrawn
        return render(store, pathname, search)

    app.clientside_callback(
        "function(meta) { window.dash_clientside.overviewMap.setDocumentLanguage(meta); }",
        Input(ids.PAGE_META, "data"),
    )
