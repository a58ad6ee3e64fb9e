"""Pieces every page shares: header, footer, notices, status chips and trend arrows."""
from __future__ import annotations

from typing import Callable

import dash_bootstrap_components as dbc
from dash import dcc, html

from data import catalogue
from data.i18n import other_language, t
from layouts import ids
from data.formatting import TREND_ARROWS, locale, status_label
from layouts.figures.style import STATUS_COLOURS
import urls


def header(lang: str, simulated: bool, as_of: str, lang_switch=None, *, heading: bool = True) -> html.Header:
    """The skip link, the title, as-of line, the simulated-data badge and the language switch.
    The dashboard's name is the page's <h1> on the overview (`heading`); a page with a heading
    of its own (a place, the method) shows the name in the same look but not as a heading."""
    title = html.A(t("app.title", lang), href=urls.home(lang), className="app-title-link")
    return html.Header(className="app-header", children=[
        skip_link(lang),
        dbc.Container(fluid=True, className="app-header-row", children=[
            html.Div(className="app-header-text", children=[
                html.H1(title, className="app-title") if heading else html.Div(title, className="app-title"),
                html.P([t("app.subtitle", lang), html.Span(" · " + as_of, className="as-of", id=ids.AS_OF)],
                       className="app-subtitle"),
            ]),
            html.Div(className="app-header-tools", children=[
                simulated_badge(lang, simulated) if simulated else None,
                lang_switch,
            ]),
        ]),
    ])


def simulated_badge(lang: str, part=None) -> html.Div:
    """Shown on every page while any of the data is simulated, always in both languages.
    When real reports cover part of it, the badge says so and its tooltip says which part
    is still simulated."""
    if part is None or getattr(part, "whole", True):
        return html.Div(t("badge.simulated", "zh") + " / " + t("badge.simulated", "en"),
                        className="simulated-badge", id=ids.SIMULATED_BADGE, title=t("badge.simulated_help", lang))
    return html.Div(t("badge.partly_simulated", "zh") + " / " + t("badge.partly_simulated", "en"),
                    className="simulated-badge", id=ids.SIMULATED_BADGE, title=simulated_detail(lang, part))


def simulated_detail(lang: str, part) -> str:
    """Which county-years are still simulated, year by year, in words."""
    lines = [t("badge.partly_simulated_help", lang)]
    for year, (simulated, total) in sorted(part.by_year.items()):
        lines.append(t("badge.year_simulated", lang, year=year, simulated=simulated, total=total))
    return "\n".join(lines)


def language_switch(lang: str, href: str, link_id: str | None = None) -> html.A:
    """"English" on a Chinese page, "中文" on an English one: a link to the same view in the
    other language (a full load: every text on the page changes)."""
    extra = {"id": link_id} if link_id else {}
    return html.A(t("lang.switch", lang), href=href, className="lang-switch", title=t("lang.switch_title", lang),
                  lang="en" if other_language(lang) == "en" else "zh-CN", **extra)


def page_frame(lang: str, simulated, as_of: str, source: str, link_in: Callable[[str], str], children,
               page_class: str = "page-text", *, title: str | None = None) -> html.Div:
    """A text page: the header (its language switch to `link_in(the other language)`, a builder
    of urls), the page (which brings its own <h1>) as <main>, the footer; `title` names the page
    in the browser's <title>, before the dashboard's name."""
    return html.Div(className="app", children=[
        document_title(title, lang),
        header(lang, simulated, as_of, language_switch(lang, link_in(other_language(lang))), heading=False),
        main(children, f"app-main {page_class}"),
        footer(lang, source),
    ])


def skip_link(lang: str) -> html.A:
    """The first stop of the Tab key: past the header to the page's <main> (assets/a11y.js moves
    the focus there; without script the link still scrolls to it)."""
    return html.A(t("a11y.skip", lang), href=f"#{ids.MAIN}", className="skip-link")


def main(children, class_name: str = "app-main") -> dbc.Container:
    """The page's main landmark, where the skip link leads."""
    return dbc.Container(fluid=True, tag="main", id=ids.MAIN, className=class_name, children=children)


def document_title(page: str | None, lang: str) -> html.Div:
    """The browser's <title> for this page or view: what it shows, then the dashboard's name.
    A hidden element (a callback may change it, as the overview's does); assets/a11y.js copies
    it into the document's title whenever it is drawn or changes."""
    return html.Div(title_text(page, lang), id=ids.DOC_TITLE, className="document-title", hidden=True)


def title_text(page: str | None, lang: str) -> str:
    app = t("app.title", lang)
    return t("title.page", lang, page=page, app=app) if page else app


def footer(lang: str, source: str) -> html.Footer:
    return html.Footer(className="app-footer", children=dbc.Container(fluid=True, children=[
        html.P([html.Strong(t("footer.source_label", lang)), source]),
        html.P([html.Strong(t("footer.method_label", lang)),
                t("footer.method", lang), " ", dcc.Link(t("footer.method_link", lang), href=urls.method(lang),
                                                         id=ids.METHOD_LINK)]),
        html.P([html.Strong(t("footer.boundaries_label", lang)), t("footer.boundaries", lang)]),
        html.P([html.A(t("nav.data", lang), href=urls.data(lang), id="data-link", className="footer-data-link"),
                " · ", html.A(t("nav.reports", lang), href=urls.reports(lang=lang), id=ids.REPORTS_LINK,
                              className="footer-data-link")]),
    ]))


def notices(lines: list[str]) -> list:
    """One warning box, a line per notice; nothing when there is none."""
    if not lines:
        return []
    return [dbc.Alert([html.Div(line, className="notice-line") for line in lines],
                      color="warning", className="notice", dismissable=True)]


def notice_lines(problems: list[tuple[str, dict]], lang: str) -> list[str]:
    """The bad-link notices (key, params) in words, each fallback named in the reader's language."""
    lines = []
    for key, params in problems:
        params = dict(params)
        if params.get("name") == "indicator":
            params["fallback"] = catalogue.get(params["fallback"]).name[lang]
        elif params.get("name") == "city":
            params["fallback"] = t("place.province", lang)
        elif params.get("name") == "county":
            params["fallback"] = t("notice.no_county", lang)
        elif params.get("name") in ("a", "b"):  # /compare's two places: the fallback's name
            from data.divisions import division
            params["fallback"] = division(params["fallback"]).label(lang)
        lines.append(t(key, lang, **params))
    return lines


def forbidden(lang: str) -> dbc.Alert:
    """What a callback that writes answers a user without the role for it."""
    return dbc.Alert(t("data.forbidden", lang), color="danger", id=ids.DATA_FORBIDDEN)


def problem_notices(problems: list[tuple[str, dict]], lang: str) -> list:
    """The warning box for a link's bad parameters (what a state parser returned)."""
    return notices(notice_lines(problems, lang))


def status_chip(status: str, lang: str, indicator=None) -> html.Span:
    """The status in words on its colour: never colour alone."""
    return html.Span(status_label(status, lang, indicator), className="status-chip",
                     style={"backgroundColor": STATUS_COLOURS[status]})


def trend(trend_: str | None, change_text: str | None, lang: str, *, base_year: bool) -> html.Span:
    """The change on the year before: an arrow with its words for a screen reader. Without one,
    "基期" in the base year; in a later year it is that this year or the one before has no
    figure (no report, or nothing to count), and a dash says so, in words for a screen reader."""
    if not isinstance(trend_, str):  # None, or NaN from a pandas column
        if base_year:
            return html.Span(t("trend.none", lang), className="trend trend-none")
        words = t("trend.unknown", lang)
        return html.Span(["—", html.Span(words, className="visually-hidden")], className="trend trend-unknown",
                         title=words)
    words = t(f"trend.{trend_}", lang)
    return html.Span([html.Span(TREND_ARROWS[trend_], className="trend-arrow", **{"aria-hidden": "true"}),
                      f" {change_text}" if change_text else "", html.Span(words, className="visually-hidden")],
                     className=f"trend trend-{trend_}", title=words)


def graph_static(figure, class_name: str) -> dcc.Graph:
    """A small chart that is read, not explored: no mode bar, no hover. Its height is the
    figure's (dcc.Graph would otherwise take 100% of a parent that has none)."""
    return dcc.Graph(figure=figure, className=class_name, style={"height": f"{figure.layout.height}px"},
                     config={"displayModeBar": False, "staticPlot": True, "responsive": True})


def static_config(lang: str) -> dict:
    """A picture, not a tool: no mode bar, no zoom; the world topojson from our own assets."""
    from layouts.figures.style import TOPOJSON_URL
    return {"displayModeBar": False, "staticPlot": True, "responsive": True, "topojsonURL": TOPOJSON_URL,
            "locale": locale(lang)}


def table_region(table, label: str, lang: str, class_name: str = "", **props) -> html.Div:
    """A data table that may be wider than a phone: it scrolls sideways in this region, never the
    page (WCAG 1.4.10 allows it for data tables). Focusable, so that keys scroll it, and named
    (`label`, the table's title) for a screen reader."""
    return html.Div(table, className=f"table-responsive table-region {class_name}".strip(), role="region",
                    tabIndex="0", **{"aria-label": t("region.table", lang, title=label)}, **props)
