"""City and county pages: gather what they show, and the callbacks that live on them."""
from __future__ import annotations

from urllib.parse import unquote

import pandas as pd
from dash import ClientsideFunction, Input, Output, State, no_update

from data import catalogue, outlook, queries, reporting, reports
from data.divisions import CITY_CODES, COUNTY_CODES, DivisionLookupError, counties_of, division, resolve_city, \
    resolve_county
from data.i18n import t
from data.provenance import page_chrome
from layouts import compare, components, ids, place_links, places
from layouts.figures.alternatives import locator_label, multiples_text, ranking_text, series_text
from layouts.figures.charts import build_ranking, build_small_multiples, build_trend
from layouts.figures.maps import build_locator
from layouts.reports import county_notes, indicator_note
import urls


def place_page(store, level: str, segment: str, search: str | None):
    """(page, lang) for /county/<segment> or /city/<segment>; a friendly page if unknown."""
    years = queries.years(store)
    state, problems = urls.parse_place(search, years, level)
    lang = state.lang
    common = page_chrome(store, lang)
    text = unquote(segment or "")
    try:
        if level == "county":
            found = resolve_county(text)
            place, note = found.division, found.note(lang)
        else:
            place, note = resolve_city(text), None
    except DivisionLookupError as err:
        return places.place_not_found(lang, text[:60], err.message(lang), search_options(lang), **common), lang
    rows = queries.scorecard(store, place.code, state.year).to_dict("records")
    ind = catalogue.get(state.indicator)
    series = queries.series(store, ind.id, place.code)
    trend_title = t("trend.title", lang, indicator=ind.name[lang], place=place.label(lang))
    extra = county_extra(store, place, state) if level == "county" else city_extra(store, place, state)
    to_check = reporting.county_warnings(store, place.code, state.year) if level == "county" else []
    outlooks = outlook.place_outlooks(store, place.code, state.year)  # empty from 2015 on
    page = places.place_page(
        place=place, state=state, years=years, facts=queries.place_facts(store, place.code, state.year), note=note,
        notices=(components.problem_notices(problems, lang)
                 + origin_line(store, place, state.year, common["simulated"], lang)
                 + county_notes(to_check, state.year, lang)),
        scorecard_rows=rows, score_notes=score_notes(to_check, lang),
        locator=build_locator(place.code, lang), trend_title=trend_title,
        trend_figure=build_trend(series, ind, lang, outlook=outlooks.get(ind.id)),
        extra=extra, counties_nav=place_links.city_counties(place.code, state) if level == "city" else None,
        trend_text=series_text(series, ind, lang, place.label(lang), place.level, path=True,
                               outlook=outlooks.get(ind.id)),
        outlooks=outlooks, compare_link=compare.compare_link(place.code, state.year, lang),
        locator_label=locator_label(place.label(lang), lang), **common)
    return page, lang


def origin_line(store, place, year: int, part, lang: str) -> list:
    """Once real reports exist beside the demo data: whether this county's year is real or
    simulated, and from which batch."""
    if place.level != "county" or not part or part.whole:
        return []
    batch = reporting.shown_batch(store, place.code, year)
    if batch is None or batch.is_simulated:
        return [places.origin_note(t("origin.simulated", lang, year=year), simulated=True)]
    return [places.origin_note(t("origin.real", lang, year=year, batch=batch.id,
                                 date=batch.created_at.date().isoformat()), simulated=False)]


def score_notes(warnings: list[dict], lang: str) -> dict:
    """indicator id -> the "data to check" note beside its scorecard row (the warnings kept with
    the county-year's batch, data.reporting)."""
    by_indicator: dict[str, list] = {}
    for w in warnings:
        if w["indicator"]:
            by_indicator.setdefault(w["indicator"], []).append(w)
    return {ind: indicator_note(found, lang) for ind, found in by_indicator.items()}


def county_extra(store, place, state) -> list:
    lang = state.lang
    ind = catalogue.get(state.indicator)
    if state.worklist != "all" and ind.source != "units":
        return [places.worklist_section(ind, [], [], place, state, t("worklist.not_units", lang,
                                                                      indicator=ind.name[lang]))]
    sheet = reports.worklist(store, place.code, "all" if state.worklist == "all" else ind.id, state.year, lang)
    return [places.worklist_section(ind, places.grid_rows(sheet), places.grid_columns(sheet), place, state, None)]


def city_extra(store, place, state) -> list:
    lang = state.lang
    ind = catalogue.get(state.indicator)
    values = queries.values(store, ind.id, "county", state.year, city=place.code)
    ranking_title = t("ranking.title_counties", lang, where=place.label(lang), year=state.year)
    series = pd.concat([queries.series(store, ind.id, c) for c in counties_of(place.code)])
    multiples_title = t("multiples.title", lang, indicator=ind.name[lang], where=place.label(lang))
    return places.city_extra(ranking_title, build_ranking(values, ind, "county", lang), multiples_title,
                             build_small_multiples(series, ind, lang),
                             ranking_text(values, ind, "county", lang, ranking_title),
                             multiples_text(series, ind, lang, multiples_title, place.label(lang)))


def search_options(lang: str) -> list[dict]:
    """The 114 places, searchable in both languages, each leading to its page."""
    options = []
    for code in CITY_CODES + COUNTY_CODES:
        d = division(code)
        label = d.full_name if lang == "zh" else d.label(lang) + (
            f", {division(d.parent_code).label(lang)}" if d.level == "county" else "")
        options.append({"label": f"{label} ({code})", "value": urls.place(d.level, code),
                        "search": f"{d.full_name} {d.name} {d.name_en} {code}"})
    return options


def register(app, store) -> None:
    @app.callback(Output(ids.URL, "pathname"), Output(ids.URL, "search"), Input(ids.PLACE_SEARCH, "value"),
                  prevent_initial_call=True)
    def go_to_place(path):
        if not path:
            return no_update, no_update
        return path, no_update

    # "Showing n" follows the grid's filters; its words are the span's title, in the page's language.
    app.clientside_callback(
        ClientsideFunction("places", "worklistShown"),
        Output(ids.WORKLIST_SHOWN, "children"), Input(ids.WORKLIST, "virtualRowData"),
        State(ids.WORKLIST_SHOWN, "title"), prevent_initial_call=True,
    )
