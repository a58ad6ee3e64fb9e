"""The overview page: for now the two base maps of the province (100 counties, 14 cities)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.i18n import t
from layouts import ids
from layouts.figures import GRAPH_CONFIG, build_outline_map


def header(lang: str, simulated: bool) -> html.Header:
    return html.Header(
        className="app-header",
        children=dbc.Container(fluid=True, className="app-header-row", children=[
            html.Div([
                html.H1(t("app.title", lang), className="app-title"),
                html.P(t("app.subtitle", lang), className="app-subtitle"),
            ]),
            simulated_badge() if simulated else None,
        ]),
    )


def simulated_badge() -> html.Div:
    """Shown on every page while any of the data is simulated; always in both languages."""
    return html.Div(t("badge.simulated", "zh") + " / " + t("badge.simulated", "en"),
                    className="simulated-badge", id=ids.SIMULATED_BADGE, title=t("badge.simulated_help", "zh"))


def map_card(title: str, graph_id: str, figure) -> dbc.Card:
    return dbc.Card(className="map-card", children=[
        dbc.CardHeader(html.H2(title, className="card-title-text")),
        dbc.CardBody(dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG,
                               className="map-graph")),
    ])


def footer(lang: str) -> html.Footer:
    return html.Footer(className="app-footer", children=dbc.Container(fluid=True, children=[
        html.P(t("footer.boundaries", lang)),
    ]))


def overview_layout(lang: str = "zh", simulated: bool = True) -> html.Div:
    return html.Div(className="app", children=[
        header(lang, simulated),
        dbc.Container(fluid=True, className="app-main", children=dbc.Row(className="g-3", children=[
            dbc.Col(map_card(t("map.counties", lang), ids.COUNTY_MAP, build_outline_map("county", lang)),
                    lg=7),
            dbc.Col(map_card(t("map.cities", lang), ids.CITY_MAP, build_outline_map("city", lang)),
                    lg=5),
        ])),
        footer(lang),
    ])
