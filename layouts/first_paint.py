"""The page's first paint: its header as plain HTML in Dash's entry point, shown while the scripts load.

A Dash page is drawn by React once every script has loaded and the router has answered: about
a second on a desktop, several on a phone, with only Dash's "Loading..." in the meantime. The
header (the dashboard's name, what it measures, the data's years and the simulated-data badge,
in the page's language) is sent as HTML inside the entry point instead, in the same classes as
components.header() draws it, so that it stands where the real one will; React replaces it with
the page. /present, a stage of its own, keeps Dash's default.

Under the header, the overview and the place pages also get the outline of what is coming (the
controls, the cards, the map and the panels beside it; a place's facts, its map and its
scorecard): empty white boxes where React will draw them, in Bootstrap's grid so that they
fall as the page does at any width, hidden from screen readers. The page then looks almost
whole from the first paint (Lighthouse's speed index counts how soon it does) and nothing moves
when React draws it.
"""
from __future__ import annotations

from html import escape
from typing import Callable

from data.i18n import t
import urls

ENTRY = '<div id="react-entry-point">{}</div>'


def header_html(lang: str, as_of: str, simulated) -> str:
    """components.header()'s look as static HTML: title, subtitle with the as-of line, badge."""
    badge = ""
    if simulated:
        key = "badge.simulated" if getattr(simulated, "whole", True) else "badge.partly_simulated"
        badge = f'<div class="simulated-badge">{escape(t(key, "zh"))} / {escape(t(key, "en"))}</div>'
    return (
        '<header class="app-header"><div class="app-header-row container-fluid"><div class="app-header-text">'
        f'<div class="app-title"><span class="app-title-link">{escape(t("app.title", lang))}</span></div>'
        f'<p class="app-subtitle">{escape(t("app.subtitle", lang))}'
        f'<span class="as-of"> · {escape(as_of)}</span></p></div>'
        f'<div class="app-header-tools">{badge}</div></div></header>'
        f'<div class="_dash-loading first-paint-loading">{escape(t("first_paint.loading", lang))}</div>')


def _boxes(*classes: str) -> str:
    return "".join(f'<div class="fp-box {c}"></div>' for c in classes)


# The outline of each page that has one (skeleton()): Bootstrap's grid, boxes sized in app.css.
_OVERVIEW = (
    '<div class="first-paint-outline overview-outline" aria-hidden="true">'
    + _boxes("fp-controls") + '<div class="cards-row fp-cards">' + _boxes(*["fp-card"] * 8) + '</div>'
    '<div class="row g-3"><div class="col-lg-7">' + _boxes("fp-map") + '</div>'
    '<div class="col-lg-5">' + _boxes("fp-summary", "fp-ranking") + '</div></div></div>')
_PLACE = (
    '<div class="first-paint-outline place-outline" aria-hidden="true"><div class="fp-crumbs"></div>'
    '<div class="row g-3"><div class="col-lg-8">' + _boxes("fp-facts") + '</div>'
    '<div class="col-lg-4">' + _boxes("fp-locator") + '</div></div>' + _boxes("fp-scorecard") + '</div>')


def skeleton(path: str) -> str:
    """The outline of the page at `path` painted under the header, or "" for a page without one."""
    path = urls.normal_path(path)
    if path == urls.OVERVIEW:
        return _OVERVIEW
    if any(urls.match(route, path) is not None for route in urls.PLACE.values()):
        return _PLACE
    return ""


def with_first_paint(interpolate: Callable[..., str], chrome: Callable[[str], dict]) -> Callable[..., str]:
    """Dash's interpolate_index with the header in the entry point; `chrome(lang)` gives the
    page's as_of and simulated (data.provenance.page_chrome, asked by the app)."""
    from flask import request

    def interpolate_index(**parts) -> str:
        if request.path != urls.PRESENT and 'id="react-entry-point"' in parts.get("app_entry", ""):
            lang = urls.language_of(request.query_string.decode("utf-8", "replace"))
            try:
                page = chrome(lang)
            except Exception:  # noqa: BLE001 - the store away: Dash's own first paint, and the page says why
                return interpolate(**parts)
            parts["app_entry"] = ENTRY.format(header_html(lang, page["as_of"], page["simulated"])
                                              + skeleton(request.path))
        return interpolate(**parts)

    return interpolate_index
