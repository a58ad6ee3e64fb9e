"""The overview page: headline cards, the progress map, its controls, the ranking and the
summary of the selected place. Built from arguments; it asks the store nothing."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import dash_bootstrap_components as dbc
from dash import dcc, html

from data import catalogue
from data.divisions import CITY_CODES, PROVINCE_CODE, Division, division
from data.formatting import change_text, colon, format_number, format_percent, format_value, status_label, target_text
from data.i18n import t
from layouts import colour_modes, components, ids, place_links
from layouts.chart_text import described_graph
from layouts.figures.style import STATUS_COLOURS, graph_config
import urls
from layouts.documents import deck_control
from layouts.static import Static, static
from urls import PresentState, ViewState, mappable_indicators


@dataclass
class Card:
    """One headline figure at the current scope (province or a city)."""
    indicator: catalogue.Indicator
    level: str
    value: float | None
    progress: float | None
    status: str
    trend: str | None
    change: float | None
    share_of_province: float | None
    outlook: str | None = None     # the outlook to 2015 in one line (data/outlook.py)
    base_year: bool = False        # shown for the base year (2011): no change on a year before


def indicator_options(lang: str) -> list[dict]:
    """The picker's options, grouped under the document's sections."""
    allowed = set(mappable_indicators())
    options = []
    for section, inds in catalogue.by_section().items():
        inds = [i for i in inds if i.id in allowed]
        if not inds:
            continue
        options.append({"label": html.Span(catalogue.SECTIONS[section][lang], className="opt-group"),
                        "value": f"section:{section}", "disabled": True})
        for ind in inds:
            options.append({"label": ind.name[lang], "value": ind.id,
                            "search": f"{ind.name['zh']} {ind.name['en']}"})
    return options


def city_options(lang: str) -> list[dict]:
    return [{"label": t("place.province", lang), "value": PROVINCE_CODE}] + [
        {"label": division(c).label(lang), "value": c} for c in CITY_CODES]


def dropdown_labels(lang: str) -> dict:
    """The texts inside Dash's dropdown (search box, empty result), in the page's language."""
    return {k: t(f"dropdown.{k}", lang) for k in
            ("search", "clear_search", "clear_selection", "no_options_found", "select_all", "deselect_all",
             "selected_count")}


def toggle(component_id: str, label: str, value: str, options: list[tuple[str, str]]) -> html.Div:
    """A labelled group of buttons of which one is pressed: a radio group named by its label,
    one Tab stop whose arrow keys move the choice."""
    return html.Div(className="control", children=[
        html.Span(label, id=f"{component_id}-label", className="control-label"),
        html.Div(role="radiogroup", **{"aria-labelledby": f"{component_id}-label"}, children=dbc.RadioItems(
            id=component_id, name=component_id, value=value, inline=True, className="btn-group toggle",
            inputClassName="btn-check", labelClassName="btn btn-outline-primary",
            labelCheckedClassName="active", options=[{"label": text, "value": v} for text, v in options])),
    ])


def controls(state: ViewState, years: list[int], lang: str) -> html.Div:
    return html.Div(className="controls", children=[
        html.Div(className="control control-indicator", children=[
            html.Label(t("control.indicator", lang), htmlFor=ids.INDICATOR, className="control-label"),
            dcc.Dropdown(id=ids.INDICATOR, options=indicator_options(lang), value=state.indicator,
                         clearable=False, maxHeight=460, labels=dropdown_labels(lang), search_order="original"),
        ]),
        html.Div(className="control control-year", children=[
            html.Label(t("control.year", lang), htmlFor=ids.YEAR, className="control-label"),
            html.Div(className="year-row", children=[
                html.Button(t("control.play", lang), id=ids.PLAY, className="btn btn-outline-primary btn-play",
                            title=t("control.play_title", lang), n_clicks=0),
                html.Div(dcc.Slider(id=ids.YEAR, min=min(years), max=max(years), step=1, value=state.year,
                                    marks={y: str(y) for y in years}, included=False,
                                    allow_direct_input=False, updatemode="mouseup"), className="year-slider",
                         # the thumb's aria-valuetext (assets/a11y.js): "2015 年" in Chinese
                         **{"data-valuetext": t("a11y.year_value", lang, year="{value}")}),
            ]),
            dcc.Interval(id=ids.PLAY_TIMER, interval=1400, disabled=True),
        ]),
        toggle(ids.LEVEL, t("control.level", lang), state.level,
               [(t("level.city", lang), "city"), (t("level.county", lang), "county")]),
        html.Div(className="control control-city", children=[
            html.Label(t("control.city", lang), htmlFor=ids.CITY, className="control-label"),
            dcc.Dropdown(id=ids.CITY, options=city_options(lang), value=state.city or PROVINCE_CODE,
                         clearable=False, labels=dropdown_labels(lang), search_order="original"),
        ]),
        toggle(ids.MODE, t("control.colour", lang), state.mode,
               [(t("mode.progress", lang), "progress"), (t("mode.status", lang), "status"),
                (t("mode.outlook", lang), "outlook"), (t("mode.change", lang), "change")]),
        colour_modes.change_from_control(state, years, lang, toggle),
        html.Div(className="control control-reset", children=[
            html.Button(t("control.reset", lang), id=ids.RESET, className="btn btn-outline-secondary", n_clicks=0),
        ]),

    ])


def headline_cards(cards: list[Card], lang: str, scope_name: str) -> Static:
    """The cards' heading and row, as one component (layouts/static.py): redrawn on every change
    of the view, they were a hundred."""
    return static([html.H2(t("cards.title", lang, scope=scope_name), className="section-title"),
                   html.Div(className="cards-row", children=[headline_card(c, lang) for c in cards])])


def headline_card(card: Card, lang: str) -> html.Div:
    """Value and trend, a progress bar, the status in words, and the target."""
    ind = card.indicator
    has_target = ind.target_at(card.level) is not None
    sep = colon(lang)
    target_line = [t("map.target", lang) + sep + target_text(ind, card.level, lang)]
    if has_target and card.progress is not None:
        target_line.append(html.Span(" · " + t("cards.progress", lang, progress=format_percent(card.progress, 0)),
                                     className="kpi-progress-text"))
    if ind.unit == "count" and not has_target and card.share_of_province is not None:
        bar = html.Div(t("cards.share_of_province", lang, share=format_percent(card.share_of_province)),
                       className="kpi-detail")
    elif has_target:
        bar = progress_bar(min(card.progress or 0, 1) * 100, STATUS_COLOURS[card.status],
                           t("a11y.kpi_progress", lang, indicator=ind.short[lang],
                             progress=format_percent(card.progress or 0, 0)))
    else:
        bar = None
    name = f"{ind.name[lang]}{sep}{ind.description[lang]}"
    return html.Div(className=f"kpi-card status-{card.status}", title=name, children=[
        html.Div(ind.short[lang], className="kpi-name"),
        html.Div(className="kpi-value-row", children=[
            html.Span(format_value(card.value, ind, lang), className="kpi-value"),
            components.trend(card.trend, change_text(card.change, ind, lang), lang, base_year=card.base_year),
        ]),
        bar,
        html.Div(components.status_chip(card.status, lang, indicator=ind), className="kpi-status"),
        html.Div(target_line, className="kpi-target"),
        html.Div(card.outlook, className="kpi-outlook") if card.outlook else None,
    ])


def progress_bar(percent: float, colour: str, name: str) -> html.Div:
    """Bootstrap's progress bar, named (a progressbar without a name says nothing to a screen reader)."""
    return html.Div(className="progress kpi-bar", role="progressbar", **{
        "aria-label": name, "aria-valuenow": f"{percent:.0f}", "aria-valuemin": "0", "aria-valuemax": "100"},
        children=html.Div(className="progress-bar", style={"width": f"{percent:.1f}%", "backgroundColor": colour}))


@dataclass
class Summary:
    """The selected place (a county, a city or the province) for one indicator and year."""
    place: Division
    indicator: catalogue.Indicator
    status: str
    trend: str | None
    value: float | None
    change: float | None
    numerator: float | None
    denominator: float | None
    baseline: float | None
    outlook: dict | None = None    # data.outlook.describe() of the place, before the target year
    base_year: bool = False        # shown for the base year (2011): no change on a year before


def outlook_block(parts: dict | None, lang: str) -> html.Div | None:
    """The outlook to 2015 in words (data/outlook.py), with a link to how it is made."""
    if not parts:
        return None
    items = [parts[k] for k in ("projection", "range", "reach", "pace", "gap", "derived") if parts.get(k)]
    return html.Div(className="summary-outlook", id=ids.SUMMARY_OUTLOOK, children=[
        html.H3(t("outlook.title", lang) + colon(lang) + parts["status"], className="summary-outlook-title"),
        html.Ul([html.Li(item) for item in items], className="summary-outlook-list"),
        dcc.Link(t("outlook.method_link", lang), href=urls.method(lang), className="summary-outlook-method"),
    ])


def summary(s: Summary, sparkline, lang: str, *, place_page: str | None, hint: bool, sparkline_text,
            city_page: str | None = None) -> list:
    """Beside the map: the place, its value with status and trend, the target, the counts, the
    baseline and the sparkline (with its text alternative, `sparkline_text`); a link to the
    place's page (`place_page`, if it has one), and
    while no county is selected, a hint that the map can be clicked."""
    ind, place = s.indicator, s.place
    level = place.level
    where = place.label(lang)
    if level == "county":
        city = division(place.parent_code)
        where = f"{where} · {t('kind.' + place.kind.replace(' ', '_'), lang)} · {city.label(lang)}"
    counts = (f"{format_number(s.numerator)} / {format_number(s.denominator)}"
              if ind.denominator is not None and s.denominator is not None else format_number(s.numerator))
    sep = colon(lang)
    links = []
    if place_page:
        links.append(dcc.Link(t(f"summary.open_{level}", lang, place=place.label(lang)), href=place_page,
                              className="btn btn-primary summary-open", id=ids.SUMMARY_LINK))
    if city_page and level == "county":
        links.append(dcc.Link(t("places.open_city_of", lang, city=division(place.parent_code).label(lang)),
                              href=city_page, className="summary-open-city"))
    if hint:
        links.append(html.P(t("summary.hint", lang), className="summary-hint"))
    return [
        html.H2(where, className="summary-place"),
        html.Div(ind.name[lang], className="summary-indicator"),
        html.Div(className="summary-value-row", children=[
            html.Span(format_value(s.value, ind, lang, level), className="summary-value"),
            components.status_chip(s.status, lang, indicator=ind),
            components.trend(s.trend, change_text(s.change, ind, lang), lang, base_year=s.base_year),
        ]),
        html.Dl(className="summary-facts", children=[
            html.Dt(t("map.target", lang) + sep), html.Dd(target_text(ind, level, lang)),
            html.Dt(t("map.counts" if ind.denominator is not None else "map.count", lang) + sep),
            html.Dd(counts),
            html.Dt(t("summary.baseline", lang) + sep),
            html.Dd(format_value(s.baseline, ind, lang)),
        ]),
        outlook_block(s.outlook, lang),
        described_graph(components.graph_static(sparkline, "summary-sparkline"), sparkline_text, ids.SPARKLINE_TEXT),
        *links,
    ]


def _legend_row(status: str, n: int, lang: str, indicator) -> html.Div:
    return html.Div(className=f"legend-row legend-{status.replace('_', '-')}", children=[
        html.Span(className="legend-swatch", style={"backgroundColor": STATUS_COLOURS[status]}),
        html.Span(status_label(status, lang, indicator), className="legend-word"),
        html.Span(t("legend.count", lang, n=n), className="legend-count")])


def legend(mode: str, status_counts: dict[str, int], has_target: bool, unit: str, lang: str,
           indicator=None) -> list:
    """Beside the map: in status mode, each status in words with its colour and how many
    places are in it; otherwise what the colour means. Places where the indicator cannot
    apply have their own entry in every mode (白 / white, 不适用（无村）), apart from "no data"."""
    if mode == "status":
        return [_legend_row(s, n, lang, indicator) for s, n in status_counts.items()]
    key = "legend.progress" if has_target else ("legend.count_value" if unit == "count" else "legend.value")
    rows = [html.P(t(key, lang), className="legend-note")]
    if status_counts.get("not_applicable"):
        rows.append(_legend_row("not_applicable", status_counts["not_applicable"], lang, indicator))
    return rows


def quality_legend(level: str, n: int, lang: str) -> html.Div:
    """The "numbers to check" markers' legend entry: the marker, what it means, how many are shown."""
    return html.Div(className="legend-row legend-quality", children=[
        html.Span("▲", className="legend-marker", **{"aria-hidden": "true"}),
        html.Span(t("quality_layer.legend", lang), className="legend-word",
                  title=t("quality_layer.legend_title", lang)),
        html.Span(t(f"quality_layer.count_{level}", lang, n=n), className="legend-count")])


def quality_toggle(state: ViewState, lang: str) -> html.Div:
    """The markers on or off: a labelled radio group like the others, one Tab stop, kept in the URL."""
    return html.Div(toggle(ids.QUALITY, t("quality_layer.control", lang), state.quality,
                           [(t("quality_layer.on", lang), "on"), (t("quality_layer.off", lang), "off")]),
                    className="quality-toggle")


def map_table_link(state: ViewState, lang: str) -> dcc.Link:
    """The map's equivalent for the keyboard and screen readers: the same view as a table, whose
    names link to each place (assets/keyboard.js moves the focus to the table once shown)."""
    return dcc.Link(t("places.map_as_table", lang), id=ids.MAP_TABLE_LINK, href=urls.overview(state.with_(tab="table")),
                    title=t("places.map_as_table_title", lang), className="map-table-link")


def table_title(state: ViewState, lang: str) -> str:
    return t("table.title", lang, indicator=catalogue.get(state.indicator).name[lang],
             level=t(f"level.{state.level}", lang))


def table_downloads(state: ViewState, lang: str) -> html.Div:
    from layouts.places import downloads
    return downloads("table", partial(urls.table_download, indicator=state.indicator, level=state.level, lang=lang),
                     lang)


def table_card(state: ViewState, lang: str, rows: list[dict], columns: list[dict]) -> dbc.Card:
    """Every place at the level, the indicator's value each year; sortable and filterable."""
    from layouts.places import grid
    return dbc.Card(id=ids.TABLE_CARD, className="table-card",
                    style=None if state.tab == "table" else {"display": "none"}, children=[
        dbc.CardHeader(html.Div([html.H2(table_title(state, lang), id=ids.TABLE_TITLE, className="card-title-text",
                                         tabIndex="-1"),  # where "view as table" puts the focus
                                 html.Div(table_downloads(state, lang), id=ids.TABLE_DOWNLOADS)],
                                className="worklist-head")),
        dbc.CardBody(grid(ids.TABLE, rows, columns, lang, height="620px")),
    ])


def overview_layout(*, state: ViewState, years: list[int], lang: str, simulated: bool, as_of: str, source: str,
                    notices: list, search: str, payload: dict, map_config: dict, map_figure, map_title: str,
                    legend_children, cards_children, ranking_title: str, ranking_figure,
                    summary_children, table_rows: list[dict], table_columns: list[dict], map_text=None,
                    ranking_text=None, ranking_links: list | None = None,
                    document_title: str | None = None) -> html.Div:
    return html.Div(className="app", children=[
        components.document_title(document_title, lang),
        components.header(lang, simulated, as_of, components.language_switch(
            lang, href=urls.other_language_query(state), link_id=ids.LANG_SWITCH)),
        # Given the page's own path and query, so mounting it changes nothing and fires nothing.
        # refresh=False: its pushState is not announced to the router, which has nothing to do.
        dcc.Location(id=ids.OVERVIEW_URL, refresh=False, pathname=urls.OVERVIEW, search=search),
        dcc.Store(id=ids.MAP_DATA, data=payload),
        dcc.Store(id=ids.MAP_SHOWN),
        dcc.Store(id=ids.MAP_CONFIG, data=map_config),
        components.main([
            html.Div(id=ids.NOTICES, children=notices),
            controls(state, years, lang),
            html.Section(id=ids.CARDS, className="cards", children=cards_children),
            dbc.Row(className="g-3 map-row", children=[
                dbc.Col(lg=7, className="map-col", children=[
                    html.Div(className="view-switch", children=[
                        toggle(ids.TAB, t("control.view", lang), state.tab,
                               [(t("tab.map", lang), "map"), (t("tab.table", lang), "table")]),
                        html.A("▶ " + t("present.this_view", lang), id=ids.PRESENT_LINK, href=urls.present_view(state),
                               className="btn btn-sm btn-outline-primary present-link"),
                        deck_control(PresentState.of_view(state).to_query(), lang),
                        html.A(t("circular.download", lang), href=urls.circular_download(state.year, lang),
                               title=t("circular.download_title", lang, year=state.year),
                               className="btn btn-sm btn-outline-primary circular-link"),
                    ]),
                    dbc.Card(id=ids.MAP_CARD, className="map-card",
                             style=None if state.tab == "map" else {"display": "none"}, children=[
                        dbc.CardHeader(html.Div([
                            html.H2(map_title, id=ids.MAP_TITLE, className="card-title-text"),
                            map_table_link(state, lang)], className="map-card-head")),
                        # The map's values for a screen reader in a hidden table beside it (map_text).
                        dbc.CardBody(described_graph(
                            dcc.Graph(id=ids.MAP, figure=map_figure, config=graph_config(lang),
                                      className="map-graph", clear_on_unhover=True),
                            map_text, ids.MAP_TEXT, class_name="chart-fill")),
                        dbc.CardFooter([html.Div(legend_children, id=ids.MAP_LEGEND, className="map-legend"),
                                        quality_toggle(state, lang)]),
                    ]),
                    table_card(state, lang, table_rows, table_columns),
                ]),
                dbc.Col(lg=5, className="side-col", children=[
                    place_links.place_picker(lang, dropdown_labels(lang)),
                    dbc.Card(className="summary-card", children=dbc.CardBody(summary_children, id=ids.SUMMARY)),
                    dbc.Card(className="ranking-card", children=[
                        dbc.CardHeader(html.H2(ranking_title, id=ids.RANKING_TITLE, className="card-title-text")),
                        dbc.CardBody([described_graph(
                            dcc.Graph(id=ids.RANKING, figure=ranking_figure, className="ranking-graph",
                                      config={"displayModeBar": False, "responsive": True}),
                            ranking_text, ids.RANKING_TEXT),
                            # every ranked place a link to its page: the keyboard's way in
                            place_links.link_list(ranking_links if ranking_links is not None else [], ids.RANKING_LINKS, "ranking-links")]),
                    ]),
                ]),
            ]),
        ], "app-main overview-main"),
        components.footer(lang, source),
    ])
