"""/compare: gather what the page shows, and the pickers that write its address."""
from __future__ import annotations

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from data import catalogue, comparison, queries
from data.divisions import division
from data.i18n import t
from data.provenance import page_chrome
from layouts import compare, components, ids
from layouts.figures.alternatives import compare_text
from layouts.figures.compare import build_compare_trends, panels
import urls


def compare_page(store, search: str | None):
    """(page, lang) for /compare?a=&b=&year=&lang=; bad parameters fall back with a notice."""
    years = queries.years(store)
    state, problems = urls.parse_compare(search, years)
    lang = state.lang
    rows = comparison.table(store, state.a, state.b, state.year)
    series = comparison.series(store, state.a, state.b)
    codes = (state.a, state.b)
    names = (division(state.a).label(lang), division(state.b).label(lang))
    title = t("compare.trends_title", lang, a=names[0], b=names[1])
    with_outlook = state.year < catalogue.TARGET_YEAR
    page = compare.compare_page(
        state=state, years=years, notices=components.problem_notices(problems, lang), rows=rows,
        with_outlook=with_outlook, trends_figure=build_compare_trends(series, codes, names, lang),
        trends_text=compare_text(series, panels(series), codes, names, lang, title), **page_chrome(store, lang))
    return page, lang


def query_for(search: str | None, years: list[int], **changes) -> str:
    """The compare query `search` shows, with `changes` (a or b); a `b` equal to the new `a`
    is swapped for the old `a`, so that choosing the other place in the first picker swaps them."""
    state, _ = urls.parse_compare(search, years)
    new = urls.CompareState(a=changes.get("a", state.a), b=changes.get("b", state.b), year=state.year, lang=state.lang)
    if new.a == new.b:
        new = urls.CompareState(a=new.a, b=state.a if "a" in changes else state.b, year=state.year, lang=state.lang)
    return new.to_query()


def register(app, store) -> None:
    @app.callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.COMPARE_A, "value"),
                  Input(ids.COMPARE_B, "value"), State(ids.URL, "search"), prevent_initial_call=True)
    def pick(a, b, search):
        if a not in urls.COMPARABLE or b not in urls.COMPARABLE:
            raise PreventUpdate
        state, _ = urls.parse_compare(search, queries.years(store))
        if (a, b) == (state.a, state.b):
            raise PreventUpdate
        changed = {"a": a} if a != state.a else {"b": b}
        return query_for(search, queries.years(store), **changed)
