"""City and county pages: breadcrumbs, the place's facts, a locator map, the scorecard of
every indicator, the selected indicator's trend, and (for a county) the work list of the
communities and villages behind the numbers. Built from arguments; no store queries."""
from __future__ import annotations

from functools import partial
from typing import Callable

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from data import catalogue
from data.progress import BASE_YEAR
from data.divisions import Division, division
from data.exports import RATE_FORMAT, Sheet
from data.formatting import change_text, format_number, format_percent, format_value, target_text
from data.i18n import other_language, t
from layouts import components, ids, outlook
from layouts.chart_text import described_graph, described_picture
from layouts.figures.style import STATUS_COLOURS
from layouts.static import Static, static
import urls
from urls import PlaceState, ViewState

PAGE_GRAPH = {"displayModeBar": False, "responsive": True}
# A grid is one stop of the Tab key, as a table is: arrow keys move between its cells and
# headers, Tab and Shift+Tab leave it (AG Grid's answer false hands the key back to the browser).
KEYBOARD_GRID = {"tabToNextCell": {"function": "false"}, "tabToNextHeader": {"function": "false"}}


def breadcrumbs(place: Division, state: PlaceState) -> html.Nav:
    lang = state.lang
    items = [dcc.Link(t("place.province_short", lang), href=urls.home(lang, state.year))]
    if place.level == "county":
        city = division(place.parent_code)
        items += [html.Span(" › ", className="crumb-sep"),
                  dcc.Link(city.label(lang), href=urls.place("city", city.code, state))]
    items += [html.Span(" › ", className="crumb-sep"), html.Span(place.label(lang), className="crumb-current")]
    return html.Nav(items, className="breadcrumbs", **{"aria-label": t("place.breadcrumbs", lang)})


def place_header(place: Division, facts: dict, state: PlaceState, note: str | None, years: list[int],
                 compare_link=None) -> html.Div:
    lang = state.lang
    kind = t("kind." + place.kind.replace(" ", "_"), lang)
    where = [kind]
    if place.level == "county":
        where.append(division(place.parent_code).label(lang))
    return html.Div(className="place-header", children=[
        html.H1([place.label(lang), html.Span(" " + place.code, className="place-code")], className="place-title"),
        html.Div(" · ".join(where), className="place-kind"),
        dbc.Alert(note, color="info", className="crosswalk-note") if note else None,
        html.Dl(className="place-facts", children=[
            fact(t("facts.communities", lang), format_number(facts["urban"])),
            fact(t("facts.villages", lang), format_number(facts["rural"])),
            fact(t("facts.households", lang), format_number(facts["households"])),
            fact(t("facts.residents", lang), format_number(facts["residents"])),
        ]),
        html.Div(className="year-links", children=[html.Span(t("facts.year", lang), className="control-label")] + [
            html.Span(str(y), className="year-link current") if y == state.year else
            dcc.Link(str(y), href=urls.place(place.level, place.code, state, year=y), className="year-link")
            for y in years]),
        compare_link,  # "与……比较 / Compare with…" (layouts/compare.py)
    ])


def fact(label: str, value: str) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="place-fact")


def scorecard_table(rows: list[dict], place: Division, state: PlaceState, notes: dict | None = None,
                    outlooks: dict[str, dict] | None = None) -> Static:
    """A row per indicator, as one Static component (layouts/static.py); the name selects it
    for the trend and work list, "map" opens the overview on it. `notes`: indicator id -> a note shown under its name (the data to check,
    layouts/reports.indicator_note). With `outlooks` (data.outlook.place_outlooks: a year before
    2015), a column of the outlook to 2015 (layouts/outlook.py)."""
    notes = notes or {}
    lang = state.lang
    county_level = place.level == "county"
    head = [t("score.indicator", lang), t("map.value", lang), t("map.target", lang), t("map.progress", lang),
            t("map.status", lang), t("score.change", lang),
            t("score.rank_province" if county_level else "score.rank_cities", lang)]
    if county_level:
        head.append(t("score.rank_city", lang))
    if outlooks:
        head.append(outlook.heading(lang))
    # The map links' column: its header is there for a screen reader (a data cell needs one).
    head.append(html.Span(t("score.on_map", lang), className="visually-hidden"))
    body = []
    for row in rows:
        ind = catalogue.get(row["indicator_id"])
        has_target = ind.target_at(place.level) is not None
        progress = row["progress"] if has_target and row["progress"] == row["progress"] else None
        selected = ind.id == state.indicator
        city = place.parent_code if county_level else place.code
        map_href = urls.overview(ViewState(indicator=ind.id, year=state.year, level="county", city=city,
                                           county=place.code if county_level else None, lang=lang))
        cells = [
            html.Td([dcc.Link(ind.name[lang], href=urls.place(place.level, place.code, state, indicator=ind.id),
                              className="score-name",
                              title=ind.description[lang]), notes.get(ind.id)]),
            # Nothing to count: the status chip says why (不适用（无村）); "no data" here would
            # read as a missing report.
            html.Td("—" if row["status"] == "not_applicable" else format_value(row["value"], ind, lang, place.level),
                    className="num"),
            html.Td(target_text(ind, place.level, lang)),
            html.Td(html.Div([html.Div(className="score-bar-fill",
                                       style={"width": f"{min(progress, 1) * 100:.0f}%",
                                              "backgroundColor": STATUS_COLOURS[row["status"]]}),
                              html.Span(format_percent(progress, 0), className="score-bar-text")],
                             className="score-bar") if progress is not None else "—"),
            html.Td([components.status_chip(row["status"], lang, indicator=ind), " ",
                     components.trend(row["trend"], None, lang, base_year=state.year == BASE_YEAR)]),
            html.Td(change_text(row["change_since_base"], ind, lang) or "—", className="num"),
            html.Td(rank_text(row["rank"], row["rank_of"], lang), className="num"),
        ]
        if county_level:
            cells.append(html.Td(rank_text(row["rank_in_city"], row["rank_in_city_of"], lang), className="num"))
        if outlooks:
            cells.append(html.Td(outlook.cell(outlooks.get(ind.id), ind, place.level, lang), className="score-outlook"))
        cells.append(html.Td(dcc.Link(t("score.on_map", lang), href=map_href, className="score-map-link")))
        body.append(html.Tr(cells, className="score-row selected" if selected else "score-row",
                            **{"data-indicator": ind.id}))
    return static(html.Table([html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(body)],
                             className="table table-sm scorecard", id=ids.SCORECARD))


def rank_text(rank, of, lang: str) -> str:
    if rank is None or rank != rank:
        return "—"
    return t("score.rank", lang, rank=int(rank), of=int(of))


def downloads(kind: str, href: Callable[[str], str], lang: str) -> html.Div:
    """CSV and XLSX links for one table; `href(fmt)` is the table's download link in a format."""
    return html.Div(className="downloads", children=[
        html.Span(t("download.label", lang), className="downloads-label"),
        html.A("CSV", href=href("csv"), className="btn btn-sm btn-outline-primary", id=f"download-{kind}-csv"),
        html.A("XLSX", href=href("xlsx"), className="btn btn-sm btn-outline-primary", id=f"download-{kind}-xlsx"),
    ])


def grid_rows(sheet: Sheet) -> list[dict]:
    """A sheet's rows as a grid shows them: the shown columns, None where a value is missing."""
    return sheet.plain_rows().to_dict("records")


def grid_columns(sheet: Sheet) -> list[dict]:
    """AG Grid columns from a sheet's: numbers filter as numbers, everything else as text."""
    cols = []
    for c in sheet.columns:
        numeric = c.number_format is not None
        col = {"field": c.field, "headerName": c.heading,
               "filter": "agNumberColumnFilter" if numeric else "agTextColumnFilter"}
        if numeric:
            pattern = ".1%" if c.number_format == RATE_FORMAT else ",.0f"
            col["type"] = "rightAligned"
            col["valueFormatter"] = {"function": f"params.value == null ? '' : d3.format('{pattern}')(params.value)"}
        if c.field == "reason":
            col["minWidth"] = 320
            col["wrapText"] = True
            col["autoHeight"] = True
        cols.append(col)
    return cols


def grid_locale(lang: str) -> dict:
    """AG Grid's own words (filter menus, empty grid) in the page's language."""
    keys = ["contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "blank", "notBlank",
            "lessThan", "greaterThan", "lessThanOrEqual", "greaterThanOrEqual", "inRange", "andCondition",
            "orCondition", "filterOoo", "noRowsToShow", "applyFilter", "resetFilter", "clearFilter",
            "cancelFilter", "selectAll", "searchOoo", "loadingOoo", "page", "of", "to", "more",
            "inRangeStart", "inRangeEnd", "ariaFilterValue", "ariaFilterInput"]
    return {k: t(f"grid.{k}", lang) for k in keys}


def grid(component_id: str, rows: list[dict], columns: list[dict], lang: str, height: str | None,
         class_name: str = "") -> dag.AgGrid:
    """A sortable, filterable grid in the page's language; it grows with its rows when
    `height` is None, and scrolls within `height` otherwise."""
    return dag.AgGrid(
        id=component_id, rowData=rows, columnDefs=columns,
        defaultColDef={"sortable": True, "filter": True, "floatingFilter": True, "resizable": True,
                       "minWidth": 100, "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions={"localeText": grid_locale(lang), "animateRows": False,
                         "domLayout": "autoHeight" if height is None else "normal", **KEYBOARD_GRID},
        columnSize="responsiveSizeToFit", className=f"ag-theme-alpine {class_name}".strip(),
        style={"height": height})


def worklist_section(ind: catalogue.Indicator | None, rows: list[dict], columns: list[dict], place: Division,
                     state: PlaceState, message: str | None) -> html.Section:
    lang = state.lang
    title = (t("worklist.title_all", lang) if state.worklist == "all"
             else t("worklist.title", lang, indicator=ind.name[lang]))
    other = "selected" if state.worklist == "all" else "all"
    switch = dcc.Link(t(f"worklist.show_{other}", lang), href=urls.place("county", place.code, state, worklist=other))
    href = partial(urls.worklist_download, county=place.code,
                   indicator="all" if state.worklist == "all" else state.indicator, year=state.year, lang=lang)
    return html.Section(className="worklist card", id=ids.WORKLIST_SECTION, children=[
        html.Div(className="card-header worklist-head", children=[
            html.H2(title, className="card-title-text"),
            html.Div([switch, downloads("worklist", href, lang)], className="worklist-tools"),
        ]),
        html.Div(className="card-body", children=[
            html.P(message, className="worklist-message") if message else html.Div([
                html.P([html.Span(t("worklist.count", lang, n=format_number(len(rows))), id=ids.WORKLIST_COUNT),
                        " · ",
                        html.Span(t("worklist.shown", lang, n=format_number(len(rows))), id=ids.WORKLIST_SHOWN,
                                  title=t("worklist.shown", lang, n="{n}"))],
                       className="worklist-count"),
                grid(ids.WORKLIST, rows, columns, lang, height=None if len(rows) <= 15 else "520px",
                     class_name="worklist-grid"),
            ]),
        ]),
    ])


def place_page(*, place: Division, state: PlaceState, years: list[int], facts: dict, note: str | None, notices: list,
               scorecard_rows: list[dict], locator, trend_title: str, trend_figure, extra: list, trend_text,
               locator_label: str,
               simulated: bool, as_of: str, source: str, counties_nav=None, score_notes: dict | None = None,
               outlooks: dict | None = None, compare_link=None) -> html.Div:
    lang = state.lang
    ind = catalogue.get(state.indicator)
    return html.Div(className="app place-page", children=[
        components.document_title(t("title.place", lang, place=place.label(lang), indicator=ind.name[lang],
                                    year=state.year), lang),
        components.header(lang, simulated, as_of,
                          components.language_switch(lang, urls.place(place.level, place.code, state,
                                                                      lang=other_language(lang))), heading=False),
        components.main([
            breadcrumbs(place, state),
            html.Div(notices, className="notices"),
            dbc.Row(className="g-3", children=[
                dbc.Col(place_header(place, facts, state, note, years, compare_link), lg=8),
                dbc.Col(described_picture(dcc.Graph(figure=locator, config=components.static_config(lang),
                                                    className="locator", style={"height": "230px"}),
                                          locator_label), lg=4),
            ]),
            counties_nav,  # a city's counties, each a link (layouts/place_links.city_counties)
            html.Section(className="card scorecard-card", children=[
                html.Div(className="card-header", children=[
                    html.H2(t("score.title", lang, place=place.label(lang), year=state.year),
                            className="card-title-text"),
                    downloads("scorecard", partial(urls.scorecard_download, code=place.code, year=state.year,
                                                   lang=lang), lang),
                    html.A(t("profile.download", lang), href=urls.profile_download(place.code, state.year, lang),
                           title=t("profile.download_title", lang, year=state.year),
                           className="btn btn-sm btn-outline-primary profile-link"),
                ]),
                components.table_region(scorecard_table(scorecard_rows, place, state, score_notes, outlooks),
                                        t("score.title", lang, place=place.label(lang), year=state.year), lang,
                                        "card-body"),
            ]),
            html.Section(className="card trend-card", children=[
                html.Div(html.H2(trend_title, className="card-title-text"), className="card-header"),
                html.Div(described_graph(dcc.Graph(figure=trend_figure, config=PAGE_GRAPH, id=ids.TREND,
                                                   style={"height": f"{trend_figure.layout.height}px"}),
                                         trend_text, ids.TREND_TEXT), className="card-body"),
            ]),
            *extra,
        ]),
        components.footer(lang, source),
    ])


def city_extra(ranking_title: str, ranking_figure, multiples_title: str, multiples_figure, ranking_text,
               multiples_text) -> list:
    """A city's counties ranked, and their small multiples, each with its text alternative."""
    return [
        html.Section(className="card", children=[
            html.Div(html.H2(ranking_title, className="card-title-text"), className="card-header"),
            html.Div(described_graph(dcc.Graph(figure=ranking_figure, config=PAGE_GRAPH, id=ids.CITY_RANKING,
                                               style={"height": f"{ranking_figure.layout.height}px"}),
                                     ranking_text, ids.CITY_RANKING_TEXT), className="card-body"),
        ]),
        html.Section(className="card", children=[
            html.Div(html.H2(multiples_title, className="card-title-text"), className="card-header"),
            html.Div(described_graph(dcc.Graph(figure=multiples_figure, config=PAGE_GRAPH, id=ids.SMALL_MULTIPLES,
                                               style={"height": f"{multiples_figure.layout.height}px"}),
                                     multiples_text, ids.SMALL_MULTIPLES_TEXT), className="card-body"),
        ]),
    ]


def place_not_found(lang: str, shown: str, message: str, options: list[dict], *, simulated: bool, as_of: str,
                    source: str) -> html.Div:
    """A friendly page for an unknown code or name, with a search over the 114 places."""
    return components.page_frame(lang, simulated, as_of, source, urls.this_page, [
        html.H1(t("notfound.place_title", lang, query=shown), className="page-title"),
        html.P(message, className="notfound-message"),
        html.Label(t("notfound.search", lang), htmlFor=ids.PLACE_SEARCH, className="control-label"),
        dcc.Dropdown(id=ids.PLACE_SEARCH, options=options, placeholder=t("notfound.search_placeholder", lang),
                     searchable=True, clearable=False, className="place-search"),
        dcc.Link(t("nav.back_to_overview", lang), href=urls.home(lang), className="btn btn-primary mt-3"),
    ], title=t("notfound.place_title", lang, query=shown))


def origin_note(text: str, simulated: bool) -> html.P:
    """Where this county's year comes from: a real report or the demo data."""
    return html.P(text, id="data-origin", className="data-origin " + ("origin-simulated" if simulated else "origin-real"))
