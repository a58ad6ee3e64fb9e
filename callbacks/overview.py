"""The overview's callbacks: URL <-> controls <-> view state, the map payload, the panels.

Flow: a control (or the back button, or a map click) changes the view state and the URL
in one callback (sync_state); the map payload and the panels follow the view state in
two more; assets/map.js patches the map from the payload in the browser.
"""
from __future__ import annotations

from functools import lru_cache

from dash import ClientsideFunction, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from data import catalogue, outlook, quality, queries, reports
from data.divisions import CITY_CODES, COUNTY_CODES, PROVINCE_CODE, division
from data.i18n import t
from data.progress import BASE_YEAR, number_or_none, status_counts
from data.provenance import page_chrome
from layouts import components, ids, place_links
from layouts import overview as view
from layouts.places import grid_columns, grid_rows
from layouts.chart_text import block_children
from layouts.figures.alternatives import map_text, ranking_text, series_text
from layouts.figures.charts import build_ranking, build_sparkline
from layouts.figures.alternatives import ranked
from layouts.figures.overview_map import map_client_config, map_payload, map_skeleton
from layouts import colour_modes
from layouts.figures import mode_maps
from layouts.figures.dumbbell import build_dumbbell, dumbbell_text
from layouts.static import Static, static
import urls
from urls import PlaceState, ViewState, default_state, parse

MAX_BEHIND = 4


# ---------------------------------------------------------------------- what the page shows
def scope_of(state: ViewState) -> tuple[str, str]:
    """(level, code) of the cards: the selected city, or the province."""
    return ("city", state.city) if state.city else ("province", PROVINCE_CODE)


def cards(store, state: ViewState) -> list[view.Card]:
    """The four headline goals, then the goals furthest behind (lowest progress, not achieved)."""
    level, code = scope_of(state)
    found = []
    for row in queries.scorecard(store, code, state.year).to_dict("records"):
        ind = catalogue.get(row["indicator_id"])
        found.append(view.Card(indicator=ind, level=level, value=number_or_none(row["value"]),
                               progress=number_or_none(row["progress"]), status=row["status"], trend=row["trend"],
                               change=number_or_none(row["change"]),
                               share_of_province=number_or_none(row["share_of_province"]),
                               base_year=state.year == BASE_YEAR))
    headline = [c for ind in catalogue.HEADLINE for c in found if c.indicator is ind]
    behind = sorted((c for c in found if not c.indicator.headline and c.progress is not None
                     and c.status != "achieved" and c.level in c.indicator.target_levels),
                    key=lambda c: c.progress)[:MAX_BEHIND]
    for card in headline + behind:
        card.outlook = outlook.card_line_for(store, card.indicator, code, state.year, state.lang)
    return headline + behind


def scope_name(state: ViewState, lang: str) -> str:
    return division(state.city).label(lang) if state.city else t("place.province", lang)


def map_title(state: ViewState, lang: str) -> str:
    ind = catalogue.get(state.indicator)
    where = scope_name(state, lang)
    year = state.year
    if state.mode == urls.CHANGE_MODE:
        year = f"{state.from_year}{'—' if lang == 'zh' else '–'}{state.year}"
    return t("map.title", lang, indicator=ind.name[lang], year=year, where=where, by=t(f"by.{state.level}", lang))


def document_title(state: ViewState, lang: str) -> str:
    """The browser's title for the view (before the dashboard's name): the indicator, the year
    and the place it is about."""
    where = division(state.county).label(lang) if state.county else scope_name(state, lang)
    return t("title.overview", lang, indicator=catalogue.get(state.indicator).name[lang], year=state.year,
             where=where)


def ranking(store, state: ViewState, lang: str):
    """Cities, or the selected city's counties, ranked."""
    ind = catalogue.get(state.indicator)
    level, city = ("county", state.city) if state.city else ("city", None)
    values = queries.values(store, ind.id, level, state.year, city=city)
    if state.mode == urls.CHANGE_MODE:
        start = queries.values(store, ind.id, level, state.from_year, city=city)
        title = t("ranking.title_change_counties" if city else "ranking.title_change_cities", lang,
                  where=scope_name(state, lang), start=state.from_year, year=state.year)
        return (title, build_dumbbell(start, values, ind, level, lang, state.from_year, state.year,
                                      highlight=state.county or None),
                dumbbell_text(start, values, ind, lang, title, state.from_year, state.year))
    title = t("ranking.title_counties" if city else "ranking.title_cities", lang,
              where=scope_name(state, lang), year=state.year)
    return (title, build_ranking(values, ind, level, lang, highlight=state.county or None),
            ranking_text(values, ind, level, lang, title))


def ranking_links(store, state: ViewState, lang: str) -> Static:
    """The places the ranking draws, highest first as it draws them (then any without a value),
    each a link to its page; one component (layouts/static.py)."""
    ind = catalogue.get(state.indicator)
    level, city = ("county", state.city) if state.city else ("city", None)
    values = queries.values(store, ind.id, level, state.year, city=city)
    drawn = list(reversed(list(ranked(values)["code"])))
    codes = drawn + [c for c in values["code"] if c not in drawn]
    return static(place_links.ranking_items(codes, place_links.place_state(ind.id, state.year, lang), city))


def map_alternative(store, state: ViewState, lang: str):
    """The map's text alternative: the places it draws with the values and statuses their hover
    shows (map_view() over the same values as the payload)."""
    ind = catalogue.get(state.indicator)
    if state.mode in (urls.OUTLOOK_MODE, urls.CHANGE_MODE):
        return mode_map_text(store, state, lang)
    values = queries.values(store, ind.id, state.level, state.year)
    return map_text(values, ind, state.level, state.mode, lang, year=state.year, title=map_title(state, lang),
                    where=scope_name(state, lang) if state.city and state.level == "county"
                    else t("place.province", lang), city=state.city,
                    doubted=doubted(store, state.level, state.year, ind.id) if state.quality == "on" else None)


def summary(store, state: ViewState, lang: str) -> list:
    """The selected county (or city, or the province) for the current indicator and year."""
    ind = catalogue.get(state.indicator)
    code = state.county or state.city or PROVINCE_CODE
    place = division(code)
    series = queries.series(store, ind.id, code)
    row = series[series["year"] == state.year].iloc[0]
    numbers = {k: number_or_none(row[k]) for k in ("value", "change", "numerator", "denominator", "baseline")}
    place_page = (urls.place(place.level, code, PlaceState(ind.id, state.year, lang))
                  if place.level in urls.PLACE else None)
    parts = outlook.summary_parts(store, ind, code, state.year, lang)
    return view.summary(view.Summary(place=place, indicator=ind, status=row["status"], trend=row["trend"],
                                     outlook=parts, base_year=state.year == BASE_YEAR, **numbers),
                        build_sparkline(series, ind, lang), lang, place_page=place_page, hint=not state.county,
                        city_page=place_links.place_href(place.parent_code, PlaceState(ind.id, state.year, lang))
                        if place.level == "county" else None,
                        sparkline_text=series_text(series, ind, lang, place.label(lang), place.level))


def legend_children(store, state: ViewState, lang: str) -> Static:
    """The map's legend, one component (layouts/static.py)."""
    return static(_legend_rows(store, state, lang))


def _legend_rows(store, state: ViewState, lang: str) -> list:
    ind = catalogue.get(state.indicator)
    shown = mode_maps._shown(state.level, state.city)
    if state.mode == urls.OUTLOOK_MODE:
        return colour_modes.outlook_legend(outlook_view_of(store, state), ind, lang, shown)
    if state.mode == urls.CHANGE_MODE:
        return colour_modes.change_legend(change_view_of(store, state), state.from_year, state.year, lang, shown)
    values = queries.values(store, ind.id, state.level, state.year,
                            city=state.city if state.level == "county" else None)
    counts = status_counts(values["status"])
    rows = view.legend(state.mode, counts, ind.target_at(state.level) is not None,
                       ind.unit, lang, indicator=ind)
    if state.quality == "on":
        shown = doubted(store, state.level, state.year, ind.id)
        if state.city and state.level == "county":
            shown = {c: n for c, n in shown.items() if division(c).parent_code == state.city}
        rows.append(view.quality_legend(state.level, len(shown), lang))
    return rows


# ---------------------------------------------------------------------- the outlook and change modes (h1)
def outlook_view_of(store, state: ViewState) -> mode_maps.OutlookView:
    """The "2015 outlook" map of the view (urls.check_mode has made sure the year is before 2015)."""
    ind = catalogue.get(state.indicator)
    return mode_maps.outlook_view(outlook.map_table(store, ind.id, state.level, state.year), ind, state.level)


def change_view_of(store, state: ViewState) -> mode_maps.ChangeView:
    """The "change" map of the view, from state.from_year to state.year."""
    ind = catalogue.get(state.indicator)
    return mode_maps.change_view(queries.values(store, ind.id, state.level, state.from_year),
                                 queries.values(store, ind.id, state.level, state.year), ind, state.level)


def mode_map_text(store, state: ViewState, lang: str):
    """The map's text alternative in the outlook and change modes: the places it draws with what
    their hover says (the same views as the payload)."""
    from layouts.figures.alternatives import ChartText, _extremes, _sentences
    ind = catalogue.get(state.indicator)
    title = map_title(state, lang)
    where = (scope_name(state, lang) if state.city and state.level == "county" else t("place.province", lang))
    shown = mode_maps._shown(state.level, state.city)
    if state.mode == urls.OUTLOOK_MODE:
        view = outlook_view_of(store, state)
        rows = mode_maps.outlook_rows(view, ind, state.level, lang, state.city)
        counts = {}
        for i in shown:
            word = mode_maps.outlook_word(view.outlook[i], ind, lang)
            counts[word] = counts.get(word, 0) + 1
        summary = _sentences([
            t("alt.map_summary", lang, where=where, n=len(rows), indicator=ind.name[lang], year=state.year,
              colour=t("alt.colour_outlook", lang)),
            t("alt.outlook_counts", lang, counts=t("list.separator", lang).join(
                t("alt.status_count", lang, status=w, n=n) for w, n in counts.items()))], lang)
        columns = (t("alt.col_place", lang), t("map.value_in", lang, year=state.year), t("map.outlook", lang),
                   t("map.projected", lang, year=ind.target_year), t("map.range", lang))
    else:
        view = change_view_of(store, state)
        rows = mode_maps.change_rows(view, ind, state.level, lang, state.city)
        changes = view.change()
        summary = _sentences([
            t("alt.map_summary", lang, where=where, n=len(rows), indicator=ind.name[lang], year=state.year,
              colour=t("alt.colour_change", lang, start=state.from_year)),
            _extremes([r[0] for r in rows], [changes[i] for i in shown], [r[3] for r in rows], lang,
                      "alt.change_extremes")], lang)
        columns = (t("alt.col_place", lang), str(state.from_year), str(state.year), t("map.change", lang))
    return ChartText(label=t("alt.map_label", lang, title=title), summary=summary,
                     caption=t("alt.map_table", lang, title=title), columns=columns, rows=tuple(rows))


def payload(store, state: ViewState) -> dict:
    """The map's numbers for a view: what a recolour sends. The same few views are asked for
    again and again (a meeting on one shared link, the year slider played), so the answer is
    kept by data version and the view's fields; a committed batch moves the version. Callers
    must not change the dict they get (Dash only serialises it)."""
    return _payload(store.data_version(), store, state.indicator, state.level, state.year, state.city,
                    state.county, state.mode, state.lang, state.from_year, state.quality)


@lru_cache(maxsize=1024)
def _payload(version: int, store, indicator: str, level: str, year: int, city, county, mode: str,
             lang: str, from_year: int | None = None, quality_layer: str = "on") -> dict:
    ind = catalogue.get(indicator)
    if mode in (urls.OUTLOOK_MODE, urls.CHANGE_MODE):
        state = ViewState(indicator=indicator, year=year, level=level, city=city, county=county, mode=mode,
                          lang=lang, from_year=from_year)
        base = {"ind": ind.id, "year": year, "level": level, "city": city, "county": county, "mode": mode}
        if mode == urls.OUTLOOK_MODE:
            return base | mode_maps.outlook_payload(outlook_view_of(store, state), ind, level, lang)
        return base | mode_maps.change_payload(change_view_of(store, state), ind, level, from_year, year, lang)
    values = queries.values(store, ind.id, level, year)
    return map_payload(values, ind, level, city, county, mode, lang, year,
                       doubted=doubted(store, level, year, ind.id) if quality_layer == "on" else None)


def doubted(store, level: str, year: int, indicator_id: str) -> dict[str, int]:
    """The "numbers to check" layer's places at `level` (data/quality.py): county -> warnings,
    or city -> doubted counties."""
    return quality.doubted_at(level, quality.doubted(store, year, indicator_id))


def overview_page(store, search: str | None):
    """The whole overview for a query string: what the router shows at "/"."""
    years = queries.years(store)
    state, problems = parse(search, years)
    lang = state.lang
    title, ranking_figure, ranking_alt = ranking(store, state, lang)
    return view.overview_layout(
        state=state, years=years, lang=lang, **page_chrome(store, lang),
        notices=components.problem_notices(problems, lang), payload=payload(store, state),
        search=search or "", map_config=map_client_config(lang), map_figure=map_skeleton(lang),
        map_title=map_title(state, lang), document_title=document_title(state, lang),
        legend_children=legend_children(store, state, lang),
        cards_children=view.headline_cards(cards(store, state), lang, scope_name(state, lang)),
        ranking_title=title, ranking_figure=ranking_figure, summary_children=summary(store, state, lang),
        map_text=map_alternative(store, state, lang), ranking_text=ranking_alt,
        ranking_links=ranking_links(store, state, lang),
        **table_content(store, state)), state


def table_content(store, state: ViewState) -> dict:
    """The table tab's rows and columns, built only when the tab is shown."""
    if state.tab != "table":
        return {"table_rows": [], "table_columns": []}
    sheet = reports.overview_table(store, state.indicator, state.level, state.lang)
    rows, columns = place_links.linked_grid(grid_rows(sheet), grid_columns(sheet),
                                            place_links.place_state(state.indicator, state.year, state.lang))
    return {"table_rows": rows, "table_columns": columns}


# ---------------------------------------------------------------------- callbacks
def next_state(current: ViewState, trigger: str | None, *, search, indicator, year, level, city, mode,
               click, years, tab=None, change_from=None, quality_layer=None) -> tuple[ViewState, list]:
    """The state after one user action; pure, so it is tested without a browser. A colour mode
    the new view cannot show (the outlook from 2015, a change from a year not before the year
    shown) falls back to progress with a notice (urls.check_mode)."""
    state, problems = _next_state(current, trigger, search=search, indicator=indicator, year=year, level=level,
                                  city=city, mode=mode, click=click, years=years, tab=tab, change_from=change_from,
                                  quality_layer=quality_layer)
    if trigger == ids.OVERVIEW_URL:
        return state, problems
    state, more = urls.check_mode(state, years)
    return state, problems + more


def _next_state(current: ViewState, trigger: str | None, *, search, indicator, year, level, city, mode,
                click, years, tab=None, change_from=None, quality_layer=None) -> tuple[ViewState, list]:
    if trigger == ids.OVERVIEW_URL:
        return parse(search, years)
    if trigger == ids.RESET:
        return default_state(years, lang=current.lang), []
    if trigger == ids.PLAY_TIMER:
        later = [y for y in years if y > current.year]
        return current.with_(year=later[0] if later else current.year), []
    if trigger == ids.MAP and click:
        # clickData is what the browser sent: anything may stand where plotly puts a point.
        points = click.get("points") if isinstance(click, dict) else None
        point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
        code = point.get("location")
        if code is None and isinstance(point.get("customdata"), list) and len(point["customdata"]) == 3:
            code = point["customdata"][2]  # a 数据存疑 marker: [name, warnings, code] (assets/map.js)
        code = code if isinstance(code, str) else None
        if code in CITY_CODES:
            return current.with_(city=code, level="county", county=None), []
        if code in COUNTY_CODES:
            return current.with_(city=division(code).parent_code, county=code), []
        return current, []
    if trigger == ids.CITY:
        chosen = None if city in (None, PROVINCE_CODE) else city
        if chosen not in (None, *CITY_CODES):
            return current, []
        county = current.county if chosen and current.county and division(current.county).parent_code == chosen \
            else None
        return current.with_(city=chosen, county=county, level="county" if chosen else current.level), []
    changes = {}
    if trigger == ids.INDICATOR and isinstance(indicator, str) and indicator in catalogue.BY_ID:
        changes["indicator"] = indicator
    if trigger == ids.YEAR and year in years:
        changes["year"] = int(year)
    if trigger == ids.LEVEL and level in ("city", "county"):
        changes["level"] = level
    if trigger == ids.MODE and mode in urls.MAP_MODES:
        changes["mode"] = mode
        if mode == urls.CHANGE_MODE and current.from_year is None:
            changes["from_year"] = min(years)
    if trigger == ids.CHANGE_FROM and current.mode == urls.CHANGE_MODE and change_from in years:
        changes["from_year"] = int(change_from)
    if trigger == ids.TAB and tab in ("map", "table"):
        changes["tab"] = tab
    if trigger == ids.QUALITY and quality_layer in urls.QUALITY_LAYER:
        changes["quality"] = quality_layer
    return current.with_(**changes), []


def register(app, store) -> None:
    @app.callback(
        Output(ids.OVERVIEW_URL, "search"), Output(ids.INDICATOR, "value"), Output(ids.YEAR, "value"),
        Output(ids.LEVEL, "value"), Output(ids.CITY, "value"), Output(ids.MODE, "value"), Output(ids.TAB, "value"),
        Output(ids.NOTICES, "children"), Output(ids.PLAY_TIMER, "disabled"), Output(ids.PLAY, "children"),
        Output(ids.MAP_DATA, "data"), Output(ids.CHANGE_FROM, "value"), Output(ids.CHANGE_FROM_WRAP, "hidden"),
        Output(ids.QUALITY, "value"),
        Input(ids.OVERVIEW_URL, "search"), Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"),
        Input(ids.LEVEL, "value"), Input(ids.CITY, "value"), Input(ids.MODE, "value"), Input(ids.TAB, "value"),
        Input(ids.RESET, "n_clicks"), Input(ids.MAP, "clickData"),
        Input(ids.PLAY, "n_clicks"), Input(ids.PLAY_TIMER, "n_intervals"), Input(ids.CHANGE_FROM, "value"), Input(ids.QUALITY, "value"),
        State(ids.PLAY_TIMER, "disabled"), State(ids.NOTICES, "children"),
        prevent_initial_call=True,
    )
    def sync_state(search, indicator, year, level, city, mode, tab, _reset, click, _play, _tick, change_from, quality_layer,
                   timer_off, shown_notices):
        """One user action -> the new URL, the controls that must follow, and the map's numbers.
        The URL is the state: what the page shows is always parse(URL)."""
        trigger = ctx.triggered_id
        if trigger in (ids.RESET, ids.PLAY) and not ctx.triggered[0]["value"]:
            raise PreventUpdate  # a button that has not been pressed
        years = queries.years(store)
        current, _ = parse(search, years)
        was_playing = playing = not timer_off
        if trigger == ids.PLAY:
            playing = not playing
            # Playing from the last year starts again from the first.
            state = current.with_(year=min(years)) if playing and current.year == max(years) else current
            problems = []
        else:
            state, problems = next_state(current, trigger, search=search, indicator=indicator, year=year,
                                         level=level, city=city, mode=mode, click=click, years=years, tab=tab,
                                         change_from=change_from, quality_layer=quality_layer)
            if trigger == ids.PLAY_TIMER:
                playing = state.year != max(years)
            elif trigger != ids.OVERVIEW_URL:
                playing = False  # any other action stops the animation
        from_url = trigger == ids.OVERVIEW_URL
        moved = state != current or from_url
        if not moved and playing == was_playing:
            raise PreventUpdate
        lang = state.lang
        notices = components.problem_notices(problems, lang) if problems or shown_notices else no_update
        return (state.to_query() if state != current and not from_url else no_update,
                _same_or(indicator, state.indicator), _same_or(year, state.year), _same_or(level, state.level),
                _same_or(city, state.city or PROVINCE_CODE), _same_or(mode, state.mode), _same_or(tab, state.tab),
                notices,
                no_update if playing == was_playing else not playing,
                no_update if playing == was_playing else t("control.pause" if playing else "control.play", lang),
                # The map's numbers come back with the URL, sparing a second round trip.
                payload(store, state) if moved else no_update,
                _same_or(change_from, state.from_year) if state.from_year is not None else no_update,
                (state.mode != urls.CHANGE_MODE) if from_url or (state.mode == urls.CHANGE_MODE) !=
                (current.mode == urls.CHANGE_MODE) else no_update,
                _same_or(quality_layer, state.quality))

    @app.callback(
        Output(ids.CARDS, "children"), Output(ids.MAP_TITLE, "children"), Output(ids.MAP_LEGEND, "children"),
        Output(ids.RANKING_TITLE, "children"), Output(ids.RANKING, "figure"), Output(ids.SUMMARY, "children"),
        Output(ids.MAP_TEXT, "children"), Output(ids.RANKING_TEXT, "children"),
        Output(ids.RANKING_LINKS, "children"),
        # After the map: the panels' answer takes longer and drawing it would hold up the map.
        Input(ids.MAP_SHOWN, "data"), State(ids.OVERVIEW_URL, "search"), prevent_initial_call=True,
    )
    def panels(_shown, search):
        state, _ = parse(search, queries.years(store))
        lang = state.lang
        title, figure, ranking_alt = ranking(store, state, lang)
        return (view.headline_cards(cards(store, state), lang, scope_name(state, lang)), map_title(state, lang),
                legend_children(store, state, lang), title, figure, summary(store, state, lang),
                # The charts' text alternatives change with them (layouts/chart_text.py).
                block_children(map_alternative(store, state, lang), ids.MAP_TEXT),
                block_children(ranking_alt, ids.RANKING_TEXT),
                ranking_links(store, state, lang))

    # A callback of their own, not more outputs of sync_state: its answer to a year change is
    # what bench.recolour holds under 2 KB, and these two links would take a tenth of it.
    @app.callback(Output(ids.PRESENT_LINK, "href"), Output(ids.LANG_SWITCH, "href"), Output(ids.DOC_TITLE, "children"),
                  Output(ids.MAP_TABLE_LINK, "href"),
                  Input(ids.OVERVIEW_URL, "search"), prevent_initial_call=True)
    def view_links(search):
        """"Present this view", the language switch and the browser's title follow the URL (a
        control or the back button)."""
        state, _ = parse(search, queries.years(store))
        return (urls.present_view(state), urls.other_language_query(state),
                components.title_text(document_title(state, state.lang), state.lang), urls.overview(state.with_(tab="table")))

    app.clientside_callback(
        ClientsideFunction("overviewMap", "updateAndSignal"),
        Output(ids.MAP, "figure"), Output(ids.MAP_SHOWN, "data"), Input(ids.MAP_DATA, "data"),
        State(ids.MAP_CONFIG, "data"), State(ids.MAP, "figure"),
    )
    @app.callback(Output(ids.TABLE, "rowData"), Output(ids.TABLE, "columnDefs"), Output(ids.TABLE_TITLE, "children"),
                  Output(ids.TABLE_DOWNLOADS, "children"),
                  Input(ids.MAP_SHOWN, "data"), Input(ids.TAB, "value"), State(ids.OVERVIEW_URL, "search"),
                  prevent_initial_call=True)
    def table(_shown, _tab, search):
        """The table tab follows the view once shown; while the map is shown it is left alone."""
        state, _ = parse(search, queries.years(store))
        if state.tab != "table":
            raise PreventUpdate
        content = table_content(store, state)
        return (content["table_rows"], content["table_columns"], view.table_title(state, state.lang),
                view.table_downloads(state, state.lang))

    @app.callback(Output(ids.URL, "pathname", allow_duplicate=True), Output(ids.URL, "search", allow_duplicate=True),
                  Input(ids.PLACE_PICKER, "value"), State(ids.OVERVIEW_URL, "search"), prevent_initial_call=True)
    def open_picked_place(code, search):
        """The place picker: the chosen city's or county's page, for the indicator, year and
        language shown (anything that is not one of the 114 places changes nothing)."""
        state, _ = parse(search, queries.years(store))
        target = place_links.picker_target(code, state.indicator, state.year, state.lang)
        if target is None:
            raise PreventUpdate
        return target

    app.clientside_callback(
        ClientsideFunction("overview", "showTab"),
        Output(ids.MAP_CARD, "style"), Output(ids.TABLE_CARD, "style"), Input(ids.TAB, "value"),
    )


def _same_or(current, wanted):
    """Leave a control alone when it already shows what the state says (no echo)."""
    return no_update if current == wanted else wanted
