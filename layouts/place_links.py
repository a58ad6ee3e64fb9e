"""Keyboard routes to every city and county page: the linked names beside a ranking, a city's
list of its counties, and the place picker (a searchable list of the 114 places that opens the
one chosen). Every route is a real link (<a href>), so it works by keyboard, opens in a new tab,
and a screen reader lists it; the picker is the one exception, and its label says it navigates."""
from __future__ import annotations

from dataclasses import replace

from dash import dcc, html

from data import catalogue
from data.divisions import CITY_CODES, COUNTY_CODES, counties_of, division
from data.i18n import t
from layouts import ids
import urls
from urls import PlaceState


def place_href(code: str, state: PlaceState) -> str:
    """The page of a city or county, for the indicator, year and language the user is looking at
    (the default indicator where the place's level has not that one)."""
    level = division(code).level
    if level not in catalogue.get(state.indicator).levels:
        state = replace(state, indicator=catalogue.DEFAULT_INDICATOR)
    return urls.place(level, code, state)


def place_state(indicator: str, year: int, lang: str) -> PlaceState:
    return PlaceState(indicator=indicator, year=year, lang=lang)


def title_id(list_id: str) -> str:
    return f"{list_id}-title"


def link_items(codes: list[str], state: PlaceState, title: str, list_id: str) -> list:
    """The title and the links of a list of places: what a callback sends to the list `list_id`."""
    lang = state.lang
    return [html.Span(title, id=title_id(list_id), className="place-links-title"),
            html.Ul([html.Li(dcc.Link(division(code).label(lang), href=place_href(code, state), className="place-link"))
                     for code in codes], className="place-links-list")]


def link_list(children: list, list_id: str, class_name: str = "") -> html.Nav:
    """A navigation region named by its title, holding `children` from link_items()."""
    return html.Nav(children, id=list_id, className=f"place-links {class_name}".strip(),
                    **{"aria-labelledby": title_id(list_id)})


def ranking_items(codes: list[str], state: PlaceState, city: str | None) -> list:
    """Under the overview's ranking: the places it ranks, in its order, each a link to its page."""
    lang = state.lang
    title = (t("places.ranking_links_counties", lang, city=division(city).label(lang)) if city
             else t("places.ranking_links_cities", lang))
    return link_items(codes, state, title, ids.RANKING_LINKS)


def city_counties(city: str, state: PlaceState) -> html.Section:
    """On a city page: a card of every county of the city, by code, each a link to its page."""
    title = t("places.city_counties", state.lang, city=division(city).label(state.lang))
    links = link_items(counties_of(city), state, title, ids.CITY_COUNTIES)[1]
    return html.Section(className="card city-counties-card", children=[
        html.Div(html.H2(title, id=title_id(ids.CITY_COUNTIES), className="card-title-text"), className="card-header"),
        html.Nav(links, id=ids.CITY_COUNTIES, className="card-body place-links city-counties",
                 **{"aria-labelledby": title_id(ids.CITY_COUNTIES)}),
    ])


def picker_options(lang: str, codes: list[str] | None = None) -> list[dict]:
    """The places of `codes` (by default the 114 cities and counties), searchable by Chinese
    and English name, full name and code; a county's label names its city. The value is the
    code (the page's query follows the view)."""
    options = []
    for code in CITY_CODES + COUNTY_CODES if codes is None else codes:
        d = division(code)
        label = d.full_name if lang == "zh" else d.label(lang) + (
            f", {division(d.parent_code).label(lang)}" if d.level == "county" else "")
        options.append({"label": f"{label} ({code})", "value": code,
                        "search": f"{d.full_name} {d.name} {d.name_en} {code}"})
    return options


def place_picker(lang: str, labels: dict) -> html.Div:
    """A searchable dropdown over the 114 places; choosing one opens its page (the label and
    the help line say so: a change of page the user asked for, WCAG 3.2.2)."""
    help_id = f"{ids.PLACE_PICKER}-help"
    return html.Div(className="place-picker", children=[
        html.Label(t("places.picker", lang), htmlFor=ids.PLACE_PICKER, className="control-label"),
        dcc.Dropdown(id=ids.PLACE_PICKER, options=picker_options(lang), value=None, searchable=True,
                     clearable=False, placeholder=t("places.picker_placeholder", lang), labels=labels,
                     search_order="original", className="place-picker-dropdown"),
        html.Div(t("places.picker_help", lang), id=help_id, className="place-picker-help"),
    ])


def picker_target(code, indicator: str, year: int, lang: str) -> tuple[str, str] | None:
    """(path, query) of the page that choosing `code` in the picker opens, for the overview's
    indicator (if the place's level has it), year and language; None for anything not a place."""
    if not isinstance(code, str) or code not in CITY_CODES + COUNTY_CODES:
        return None
    level = division(code).level
    if level not in catalogue.get(indicator).levels:
        indicator = catalogue.DEFAULT_INDICATOR
    state = place_state(indicator, year, lang)
    return urls.place(level, code), state.to_query()


def linked_grid(rows: list[dict], columns: list[dict], state: PlaceState) -> tuple[list[dict], list[dict]]:
    """A table of places (rows with a "code", columns from layouts.places.grid_columns) whose
    names link to each place's page, and a county's city to the city's: the links are drawn by
    the grid's PlaceLink cell (assets/keyboard.js); Enter on the focused cell follows them."""
    linked = []
    for row in rows:
        code = row.get("code")
        if code not in CITY_CODES and code not in COUNTY_CODES:
            linked.append(row)
            continue
        extra = {"href": place_href(code, state)}
        parent = division(code).parent_code
        if parent in CITY_CODES:
            extra["city_href"] = place_href(parent, state)
        linked.append({**row, **extra})
    renderers = {"name": "href", "city": "city_href"}
    cols = [{**c, "cellRenderer": "PlaceLink", "cellRendererParams": {"hrefField": renderers[c["field"]]}}
            if c.get("field") in renderers else c for c in columns]
    return linked, cols
